"""The window's command lines, read without the full parser: the same arguments it reads."""

import os
import subprocess
import sys

import pytest

from claimdesk.cli import build_parser
from claimdesk.cli.window import window_args


@pytest.mark.parametrize("argv", [
    [], ["--db", "l.sqlite3"], ["--db=台帳 2.sqlite3"], ["--demo"], ["--demo", "--db", "x"], ["--db", "a", "--db", "b"],
])
def test_the_window_forms_read_as_the_full_parser_reads_them(argv):
    assert vars(window_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["--db"], ["--db", "-x"], ["--db="], ["--dem"], ["--help"], ["--version"], ["-h"], ["import"],
    ["--db", "l", "export", "summary"], ["demo"], ["--demo", "x"], ["--DB", "l"],
])
def test_anything_else_goes_to_the_full_parser(argv):
    assert window_args(argv) is None


def test_opening_the_window_builds_no_sub_command_parser(tmp_path):
    # In a new process: which modules `claimdesk --db PATH` loaded before the window ran.
    script = (
        "import sys\n"
        "import claimdesk.ui.app as app\n"
        "app.run_gui = lambda path, **kw: print(path) or 0\n"
        "from claimdesk.cli import main\n"
        "status = main(['--db', sys.argv[1]])\n"
        "print(status, sorted(m for m in ('claimdesk.cli.parser', 'claimdesk.cli.casework',"
        " 'claimdesk.cli.letters', 'claimdesk.cli.reports') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "l.sqlite3")], capture_output=True,
                         text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    assert out.stdout.splitlines() == [str(tmp_path / "l.sqlite3"), "0 []"]


def test_the_window_paints_before_the_storage_layer_is_loaded(tmp_path):
    # issue 13: the first paint waits for nothing the ledger needs (sqlite_utils, storage,
    # the background operations). In a new process: what was loaded when the window painted.
    script = (
        "import os, sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "class Paint(QObject):\n"
        "    def eventFilter(self, obj, event):\n"
        "        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):\n"
        "            print(sorted(m for m in ('sqlite_utils', 'sqlite3', 'claimdesk.storage.ledger',\n"
        "                  'claimdesk.ui.operations', 'claimdesk.services.session') if m in sys.modules), flush=True)\n"
        "            os._exit(0)\n"
        "        return False\n"
        "hook = Paint()\n"
        "exec_ = QApplication.exec\n"
        "def hooked(*a):\n"
        "    QApplication.instance().installEventFilter(hook)\n"
        "    return exec_()\n"
        "QApplication.exec = hooked\n"
        "from claimdesk.cli import main\n"
        "main(['--db', sys.argv[1]])\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "l.sqlite3")], capture_output=True,
                         text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert out.stdout.splitlines()[:1] == ["[]"], out.stderr[-2000:]
