"""The one-line advice instead of Qt's abort when Linux lacks the libraries Qt needs."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk import cli, system_libraries
from claimdesk.system_libraries import APT_PACKAGES, QT_GUI_LIBRARIES, XCB_LIBRARIES, missing_libraries, missing_message

README = Path(__file__).resolve().parents[1] / "README.md"
X11 = {"DISPLAY": ":0"}


def without(*sonames):
    """A machine where these libraries cannot be loaded and every other one can."""
    return lambda soname: soname not in sonames


def test_a_missing_xcb_library_is_named_with_its_package():
    missing = missing_libraries(X11, "linux", without("libxcb-cursor.so.0", "libxcb-icccm.so.4"))
    assert missing == {"libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4"}
    assert missing_message(missing) == (
        "画面を開けません: Qt が使うシステムのライブラリがありません（libxcb-cursor.so.0, libxcb-icccm.so.4）。"
        "次のコマンドで入れてから起動してください: sudo apt-get install -y libxcb-cursor0 libxcb-icccm4")


def test_a_library_qt_gui_needs_is_named_whatever_the_platform():
    assert missing_libraries({"QT_QPA_PLATFORM": "xcb"}, "linux", without("libEGL.so.1")) == {
        "libEGL.so.1": "libegl1"}
    # Two libraries of one package: the package is named once.
    missing = missing_libraries(X11, "linux", without("libglib-2.0.so.0", "libgthread-2.0.so.0"))
    assert missing_message(missing).endswith("sudo apt-get install -y libglib2.0-0")


@pytest.mark.parametrize("environ, platform", [
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "minimal"}, "linux"),
    ({}, "linux"),  # no display at all: Qt's own message says so
    ({"DISPLAY": ":0"}, "win32"),
    ({"DISPLAY": ":0"}, "darwin"),
])
def test_no_check_where_qt_does_not_open_an_x11_or_wayland_window(environ, platform):
    assert missing_libraries(environ, platform, lambda soname: False) == {}


def test_on_wayland_the_platform_that_loads_is_enough():
    both = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert missing_libraries(both, "linux", without("libxcb-cursor.so.0")) == {}  # Qt uses wayland
    assert missing_libraries(both, "linux", without("libwayland-cursor.so.0")) == {}  # Qt falls back to xcb
    # Neither loads: the advice is the shorter list.
    assert missing_libraries(both, "linux", without("libwayland-cursor.so.0", "libwayland-egl.so.1",
                                                    "libxcb-cursor.so.0")) == {"libxcb-cursor.so.0": "libxcb-cursor0"}
    assert missing_libraries({"QT_QPA_PLATFORM": "wayland"}, "linux", without("libxcb-cursor.so.0")) == {}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux shared libraries")
def test_the_real_loader_tells_present_from_absent():
    assert system_libraries._can_load("libc.so.6")
    assert not system_libraries._can_load("libclaimdesk-does-not-exist.so.0")


def test_the_window_command_says_one_line_and_never_starts_qt(monkeypatch, capsys):
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(cli.sys, "platform", "linux")
    monkeypatch.setattr(system_libraries, "_can_load", without("libxcb-cursor.so.0"))
    started = []
    monkeypatch.setattr("claimdesk.ui.app.run_gui", lambda path: started.append(path) or 0)

    assert cli.main([]) == cli.EXIT_USER_ERROR

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "libxcb-cursor.so.0" in err and err.rstrip().endswith("sudo apt-get install -y libxcb-cursor0")
    assert started == []


def test_the_readme_installs_exactly_these_packages():
    commands = re.findall(r"sudo apt-get install -y ([a-z0-9.+ -]+)", README.read_text(encoding="utf-8"))
    assert commands, "README: no apt-get line"
    # python3-venv: Debian and Ubuntu ship Python without venv.
    assert all(sorted(c.split()) == sorted(APT_PACKAGES + ["python3-venv"]) for c in commands)


QT_DIR = Path(__import__("PySide6").__file__).parent / "Qt"
# glibc, the C++ runtime, zlib and zstd are on every system; ICU comes with PySide6.
BASE = re.compile(r"^(ld-linux.*|lib(c|m|dl|pthread|rt|stdc\+\+|gcc_s|z|zstd)\.so\.\d+|libicu.*|libQt6.*)$")


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("readelf"),
                    reason="reads the installed PySide6's Linux libraries")
def test_the_lists_match_what_the_installed_qt_links_to():
    files = [QT_DIR / "plugins/platforms/libqxcb.so"] + [
        QT_DIR / "lib" / f"libQt6{name}.so.6" for name in ("Core", "Gui", "Widgets", "DBus", "XcbQpa")]
    out = subprocess.run(["readelf", "-d", *map(str, files)], capture_output=True, text=True, check=True).stdout
    needed = {name for name in re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out) if not BASE.match(name)}
    assert needed == set(QT_GUI_LIBRARIES) | set(XCB_LIBRARIES)
