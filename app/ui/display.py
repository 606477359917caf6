"""Can a window be shown at all? Asked before the QApplication is made.

Owns: `problem()`, a message in Chinese and English when the wizard cannot open a window on
this machine, or None. Without it Qt stops with its own generic text ("could not load the Qt
platform plugin xcb ... Aborted", exit 250) and the person is left guessing. On Linux the
window needs a display (DISPLAY for X11, WAYLAND_DISPLAY for Wayland) and, for X11, the
system libraries Qt's xcb plugin is linked against; PySide6 does not ship them. Each missing
library is named with the Debian/Ubuntu package that has it (the README lists them too).

Imports no Qt (Qt would be too late to help), only the standard library.
"""
from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

EXIT_NO_DISPLAY = 3  # the exit status of `transfer-helper` when no window can be shown

# The libraries Qt 6's xcb platform plugin loads (ldd libqxcb.so, beyond glibc), with the
# Debian/Ubuntu package of each.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
)


def _loadable(soname: str) -> bool:
    """Whether the dynamic loader finds `soname` (as it will when Qt loads the plugin)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(load: Callable[[str], bool] = _loadable) -> list[tuple[str, str]]:
    """(library, package) of each library of the xcb plugin the loader cannot find."""
    return [(soname, package) for soname, package in XCB_LIBRARIES if not load(soname)]


def problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
            load: Callable[[str], bool] = _loadable) -> str | None:
    """Why no window can be shown here (Chinese, then English), or None if it can."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have their own platform plugin
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen and chosen != "xcb":
        return None  # offscreen, wayland, vnc...: Qt reports its own problems
    if not environ.get("DISPLAY"):
        if environ.get("WAYLAND_DISPLAY") and not chosen:
            return None  # Qt uses Wayland
        return NO_DISPLAY
    missing = missing_libraries(load)
    if not missing:
        return None
    names = ", ".join(soname for soname, _ in missing)
    packages = " ".join(package for _, package in missing)
    return MISSING_LIBRARIES.format(names=names, packages=packages)


NO_DISPLAY = """\
无法打开程序窗口：没有图形显示（环境变量 DISPLAY 和 WAYLAND_DISPLAY 都没有设置）。
请在桌面环境中运行本程序；通过 SSH 登录时请用 ssh -X 转发显示，或者在没有屏幕的机器上
先启动虚拟显示，例如：Xvfb :99 & export DISPLAY=:99。命令行功能（transfer-helper check、
render 等）不需要显示，可以照常使用。

Cannot open the program window: there is no graphical display (neither DISPLAY nor
WAYLAND_DISPLAY is set). Run the program in a desktop session; over SSH use ssh -X, or on a
machine without a screen start a virtual display first, e.g. Xvfb :99 & export DISPLAY=:99.
The command line (transfer-helper check, render, ...) needs no display and works as usual."""

MISSING_LIBRARIES = """\
无法打开程序窗口：缺少图形界面所需的系统库：{names}。
在 Debian / Ubuntu 上请安装（需要管理员权限）：
    sudo apt-get install {packages}
其他发行版请安装同名的 xcb 库。命令行功能（transfer-helper check、render 等）不受影响。

Cannot open the program window: system libraries the window needs are missing: {names}.
On Debian / Ubuntu install them (as administrator):
    sudo apt-get install {packages}
On other distributions install the xcb libraries of the same names. The command line
(transfer-helper check, render, ...) is not affected."""
