"""Start-up: the first window is drawn before SQLAlchemy is imported, which comes after,
and without the modules only a user's later commands need.

How long start-up takes is measured by bench/startup.py, beside a bare Qt window.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from argline.io.seed import load_seed
from argline.store import Store

PROBE = r"""
import gc, json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from argline.gui.launch import show_window
LATER = sys.argv[2].split(",")
seen = {}
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = "sqlalchemy" in sys.modules
            seen["painted with"] = [name for name in LATER if name in sys.modules]
        return False
window = show_window(sys.argv[1])
watcher = FirstPaint()
window.installEventFilter(watcher)
seen["shown"] = "sqlalchemy" in sys.modules
while not gc.isenabled():  # the collector runs again once the window has finished opening
    QApplication.processEvents()
seen["ready"] = "sqlalchemy" in sys.modules
window.store.close()
print(json.dumps(seen))
"""


# Modules the first window is drawn without: the dialogs of commands a user has not yet
# asked for, and what only they use (each is imported where it is used).
LATER = (
    "argline.gui.file_dialogs",
    "argline.gui.dialogs.assessment_dialog",
    "argline.gui.dialogs.event_dialog",
    "argline.store.rotation",
    "statistics",
)


def test_the_first_window_is_drawn_before_sqlalchemy_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "seed.argline"
    load_seed(opened := Store.open(path))
    opened.close()
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    finished = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), ",".join(LATER)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=120,
    )
    seen = json.loads(finished.stdout.strip().splitlines()[-1])
    assert seen == {"shown": False, "painted": False, "painted with": [], "ready": True}


def test_the_cycle_collector_runs_again_once_the_window_is_painted(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from argline.gui.launch import show_window

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "seed.argline"
    load_seed(opened := Store.open(path))
    opened.close()
    kept = QApplication.instance().palette()
    shown = show_window(str(path))
    try:
        qtbot.addWidget(shown)
        assert not gc.isenabled()  # held off while the window is made
        qtbot.waitUntil(gc.isenabled, timeout=5000)
        assert shown.store.sessions_ready  # SQLAlchemy came in before it ran again
    finally:
        gc.enable()
        shown.store.close()
        shown.store = None
        QApplication.instance().setPalette(kept)
