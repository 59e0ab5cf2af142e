"""Start-up: the first window is drawn without SQLAlchemy, from modules imported before Qt."""

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
import importlib, json, sys
importlib.import_module("argline.gui.core_modules")
import PySide6
before = set(sys.modules)
from argline.gui.launch import show_window
window = show_window(sys.argv[1])
print(json.dumps(sorted(set(sys.modules) - before)))
from PySide6.QtWidgets import QApplication
while window.opened is None:  # the store proper opens once the window has been painted
    QApplication.processEvents()
window.opened.close()
"""


def test_the_first_window_imports_no_core_module_after_qt_and_no_sqlalchemy(
    tmp_path: Path,
) -> None:
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
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=120,
    )
    after_qt = json.loads(finished.stdout.strip().splitlines()[-1])
    assert "sqlalchemy" not in after_qt, "reach SQLAlchemy through argline/gui/operations.py"
    late = [
        name
        for name in after_qt
        if name.startswith(("argline.", "platformdirs")) and not name.startswith("argline.gui.")
    ]
    assert late == [], "add these to argline/gui/core_modules.py"


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
    finally:
        gc.enable()
        shown.opened.close()
        shown.opened = None
        QApplication.instance().setPalette(kept)
