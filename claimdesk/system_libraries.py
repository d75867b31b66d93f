"""Before the window opens on Linux: are the system libraries that Qt needs installed?

pip installs Qt (PySide6) but not the X11 libraries its xcb platform plugin links to. On
a fresh Debian/Ubuntu machine libxcb-cursor0 and a few others are missing, and Qt aborts
with "Could not load the Qt platform plugin" and a core dump. ClaimDesk tries the
libraries first (standard library only: this runs before PySide6 is imported, since
QtGui itself fails to import without libEGL or libGL) and names the Debian packages.

The lists are the NEEDED entries of PySide6's libQt6Gui, libQt6Widgets, libQt6DBus and
libqxcb.so / libQt6XcbQpa.so (readelf -d), less glibc, libstdc++, zlib, zstd and the
bundled ICU; tests/test_system_libraries.py checks them against the installed PySide6.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping

# Library (soname) → the Debian/Ubuntu package that provides it.
QT_GUI_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
}
XCB_LIBRARIES = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
WAYLAND_LIBRARIES = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# Printing: Qt opens without it, but then lists no printer.
PRINTING_LIBRARIES = {"libcups.so.2": "libcups2"}
_PLATFORMS = {"xcb": XCB_LIBRARIES, "wayland": WAYLAND_LIBRARIES}
# What the README's Linux command installs (a test keeps the two in step); the frozen Linux
# app takes these from the system too (packaging/claimdesk.spec).
SYSTEM_LIBRARIES = QT_GUI_LIBRARIES | XCB_LIBRARIES | PRINTING_LIBRARIES
APT_PACKAGES = sorted(set(SYSTEM_LIBRARIES.values()))


def _can_load(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try here, among those whose libraries we know."""
    requested = environ.get("QT_QPA_PLATFORM", "")
    if requested:  # "xcb", "wayland;xcb", "xcb:option" — or offscreen, minimal, vnc …
        return [name for name in (p.split(":")[0] for p in requested.split(";")) if name in _PLATFORMS]
    return [name for name, variable in (("wayland", "WAYLAND_DISPLAY"), ("xcb", "DISPLAY"))
            if environ.get(variable)]


def missing_libraries(environ: Mapping[str, str], platform: str,
                      can_load: Callable[[str], bool] | None = None) -> dict[str, str]:
    """The libraries (soname → package) without which Qt cannot open a window here; {} if none."""
    can_load = can_load or _can_load
    if not platform.startswith("linux"):
        return {}
    candidates = _platforms(environ)
    if not candidates:  # headless, offscreen or a platform we do not check: Qt says it
        return {}
    missing = {lib: pkg for lib, pkg in QT_GUI_LIBRARIES.items() if not can_load(lib)}
    # Qt falls back from one platform to the next: the one with the fewest gaps is the advice.
    gaps = [{lib: pkg for lib, pkg in _PLATFORMS[name].items() if not can_load(lib)} for name in candidates]
    return missing | min(gaps, key=len)


def missing_message(missing: Mapping[str, str]) -> str:
    """One line for the terminal: what is missing and the command that installs it."""
    packages = " ".join(sorted(set(missing.values())))
    return (f"画面を開けません: Qt が使うシステムのライブラリがありません（{', '.join(missing)}）。"
            f"次のコマンドで入れてから起動してください: sudo apt-get install -y {packages}")
