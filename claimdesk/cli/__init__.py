"""The `claimdesk` command: no sub-command opens the window; sub-commands serve scripts.

Errors are one line on stderr and exit status 2; the full traceback of an unexpected
error goes to the log file, never to the clerk's screen. One module per family of
sub-commands; parser.py holds every option, texts.py how the command line phrases refusals.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from ..domain.errors import ClaimDeskError
from ..services.clock import check_today
from .common import EXIT_USER_ERROR
from .texts import error_text
from .window import window_args

log = logging.getLogger("claimdesk")


def commands() -> dict:
    """Every sub-command's function by name (None: the window)."""
    from . import casework, integrity, ledger, letters, parties, receipts, reports

    return {**ledger.COMMANDS, **reports.COMMANDS, **letters.COMMANDS, **casework.COMMANDS,
            **integrity.COMMANDS, **receipts.COMMANDS, **parties.COMMANDS}


def __getattr__(name: str):
    # COMMANDS and build_parser load every sub-command's module: only when asked for, so
    # that opening the window (cli.window) does not (issue 13, start-up).
    if name == "COMMANDS":
        return commands()
    if name == "build_parser":
        from .parser import build_parser

        return build_parser
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _setup_logging() -> Path | None:
    """Log to the user's log folder, if it can be written; the log file's path."""
    from ..services.paths import log_dir

    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "claimdesk.log"
        if any(getattr(h, "baseFilename", None) == str(path) for h in log.handlers):
            return path  # (a second command in one process: one handler, not one more)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return folder / "claimdesk.log"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = window_args(argv)
    if args is None:
        from .parser import build_parser

        args = build_parser().parse_args(argv)
    log_file = _setup_logging()
    try:
        check_today()  # a mistyped CLAIMDESK_TODAY is one line now, not a failure halfway through
        if args.command is None:  # the window: its module alone
            from .ledger import cmd_gui

            return cmd_gui(args)
        return commands()[args.command](args)
    except ClaimDeskError as e:
        print(f"claimdesk: {error_text(e)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("claimdesk: 中断しました", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as e:
        from ..services.failures import describe_failure

        if (message := describe_failure(e)) is None:
            return _unexpected(e, args, log_file)
        log.warning("%s: %s", args.command, e)
        print(f"claimdesk: {message}", file=sys.stderr)
        return EXIT_USER_ERROR


def _reader_went_away() -> int:
    """`claimdesk … | head` closed our output: stop quietly, as Python's docs advise for EPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush cannot fail again
    return 1


def _unexpected(e: Exception, args, log_file) -> int:
    """An error we cannot name: one line for the clerk, the traceback for the log."""
    log.error("unexpected error in %s", args.command, exc_info=e)
    where = f"（詳細: {log_file}）" if log_file else ""
    print(f"claimdesk: 予期しないエラーです: {type(e).__name__}: {e}{where}", file=sys.stderr)
    return EXIT_USER_ERROR


__all__ = ["COMMANDS", "EXIT_USER_ERROR", "build_parser", "commands", "main"]
