"""The frozen app's entry point: exactly the `claimdesk` command (no sub-command: the window)."""

import sys

from claimdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
