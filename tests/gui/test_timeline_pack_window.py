"""The window packs a large file's timeline once it shows it; the next open reads the pack."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from argline.gui import main_window
from argline.gui.timeline import packing
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.event_edits import AddEvent
from argline.ops.running import run
from argline.ops.timeline_data import read_timeline_counted
from argline.store import Store

EVENTS = 6


def _filled(path: Path) -> None:
    store = Store.open(path)
    for n in range(EVENTS):
        run(store, AddEvent(Event(f"e{n}", f"Event {n}", HistoricalDate.from_edtf(f"{1900 + n}"))))
    store.close()


def _window(qtbot, store: Store, folder: Path) -> main_window.MainWindow:
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = main_window.MainWindow(store, settings=settings)
    qtbot.addWidget(window)
    return window


def _packed(path: Path) -> bool:
    with sqlite3.connect(path) as plain:
        return plain.execute("SELECT count(*) FROM timeline_pack").fetchone() == (1,)


def test_a_large_file_opens_from_the_pack_its_last_window_kept(
    qtbot, store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(packing, "PACK_FROM", EVENTS)
    _filled(store_path)
    store = Store.open(store_path)
    window = _window(qtbot, store, tmp_path)
    with qtbot.waitSignal(window.timeline.packer.kept) as kept:
        pass
    assert kept.args == [True]
    shown = list(window.timeline.content.titles)
    window.close()
    store.close()
    again = Store.open(store_path)
    with again.plain_reading() as cursor:
        content, changes = read_timeline_counted(cursor)
    assert changes is None  # read from the pack
    assert list(content.titles) == shown == [f"Event {n}" for n in range(EVENTS)]
    second = _window(qtbot, again, tmp_path)
    assert list(second.timeline.content.titles) == shown
    assert not second.timeline.packer.due  # nothing to pack again
    second.close()
    again.close()


def test_a_small_file_keeps_no_pack(qtbot, store_path: Path, tmp_path: Path) -> None:
    _filled(store_path)
    store = Store.open(store_path)
    window = _window(qtbot, store, tmp_path)
    assert not window.timeline.packer.due
    window.close()
    store.close()
    assert not _packed(store_path)
