"""`python -m claimdesk` is the `claimdesk` command."""

import sys

from .cli import main

sys.exit(main())
