"""Where the main window opens, and how its parts share it.

The window fits the screen it opens on: 1440×900 where there is room for that and a
window manager's frame, maximised where there is not (a 1366×768 laptop); a size kept
from a larger screen is not restored onto a smaller one. On a first start the
assessments and the inspector share one column at the left and the timeline and the
map take the rest of the width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow

OPENING_SIZE = (1440, 900)  # px, where the screen has room; a smaller screen opens maximised
# The assessments and the inspector share one column at the left, the views the rest:
# a fraction of the window's width, within bounds that hold the inspector's widest page
# (the claim's, some 384 px) beside a scroll bar.
SIDE_COLUMN = (0.3, 410, 440)  # fraction of the width, least px, most px
INSPECTOR_SHARE = 0.6  # of the column's height: the outline's rows are short
FRAME_ROOM = (16, 48)  # px a window manager's borders and title take, unknown until shown


def place_on_screen(window: MainWindow) -> None:
    """Size and place a new window for the screen it opens on."""
    available = _available(window)
    if available is not None and available.width() > 0:
        fit_to(window, available)
    else:
        window.resize(*OPENING_SIZE)


def restore_layout(window: MainWindow) -> None:
    """Put the window as the user left it, if that fits the screen it opens on; a first
    start (or a layout from a larger screen) lays it out afresh."""
    geometry = window.settings.value("window/geometry")
    state = window.settings.value("window/state")
    available = _available(window)
    restored = geometry is not None and window.restoreGeometry(geometry)
    if restored and available is not None and not _fits_in(window, available):
        fit_to(window, available)
        state = None  # docks sized for a larger screen would squeeze the views
    if state is not None:
        window.restoreState(state)
    else:  # a first start: room for the claims' text, once the window has its size
        QTimer.singleShot(0, window, lambda: first_layout(window))  # not once it has gone


def fit_to(window: MainWindow, available: QRect) -> None:
    """Open at 1440×900 in the middle of ``available`` (a screen's free area), or
    maximised where that does not fit with its frame (a 1366×768 laptop)."""
    width, height = OPENING_SIZE
    if not _room_for(QSize(width, height), available):
        window.setGeometry(available)  # the size to lay out at, until the maximised one
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
    window.resize(width, height)
    window.move(available.center() - window.rect().center())


def first_layout(window: MainWindow) -> None:
    """Give the assessments and the inspector one column at the left, the timeline and
    the map the rest of the width, and the map three parts of its row to the Reader's two."""
    fraction, least, most = SIDE_COLUMN
    column = max(least, min(most, round(window.width() * fraction)))
    window.resizeDocks([window.browser_dock], [column], Qt.Orientation.Horizontal)
    tall = window.browser_dock.height() + window.inspector_dock.height()
    inspector = round(tall * INSPECTOR_SHARE)
    window.resizeDocks(
        [window.browser_dock, window.inspector_dock],
        [tall - inspector, inspector],
        Qt.Orientation.Vertical,
    )
    width = window.beside_map.width()
    window.beside_map.setSizes([width * 3 // 5, width - width * 3 // 5])


def _available(window: MainWindow) -> QRect | None:
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else None


def _fits_in(window: MainWindow, available: QRect) -> bool:
    """Tell whether the window, as restored, lies in ``available`` with its frame."""
    if window.isMaximized():
        return True
    return _room_for(window.size(), available) and available.contains(window.geometry())


def _room_for(size: QSize, available: QRect) -> bool:
    """Tell whether a window of ``size`` fits in ``available`` with a window manager's frame."""
    return (
        size.width() + FRAME_ROOM[0] <= available.width()
        and size.height() + FRAME_ROOM[1] <= available.height()
    )
