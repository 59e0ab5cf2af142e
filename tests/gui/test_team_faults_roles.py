"""A viewer's window (a SELECT-only role) shows the inspector's fields read-only, as the
docs say, instead of letting the viewer type an edit the server then refuses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QPushButton

from argline.gui.main_window import MainWindow
from argline.store import Store
from conftest import TEST_DATABASE
from postgresql_server import PostgresServer
from team_faults import shown_in_inspector

VIEWER = "viewer_faults_test"
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


@pytest.fixture
def viewers_store(seeded_store: Store, postgresql_server: PostgresServer) -> Iterator[Store]:
    postgresql_server.admin(
        f"DO $$ BEGIN CREATE ROLE {VIEWER} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    postgresql_server.admin(
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {VIEWER}", database=TEST_DATABASE
    )
    opened = Store.open(postgresql_server.url(TEST_DATABASE, user=VIEWER))
    yield opened
    opened.close()


def test_a_viewers_inspector_shows_fields_read_only(
    qtbot, viewers_store: Store, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(viewers_store, settings=settings)
    qtbot.addWidget(window)
    window.inspector.show_event("alaska-treaty")
    shown_in_inspector(qtbot, window)
    title = window.inspector.field("event.title")
    assert title.text().startswith("Treaty")
    assert title.editor.isReadOnly()
    window.inspector.show_claim("ei-no-syria-compromise")
    shown_in_inspector(qtbot, window)
    assert window.inspector.field("claim.text").editor.isReadOnly()
    page = window.inspector.currentWidget()
    buttons = {b.text(): b.isEnabled() for b in page.findChildren(QPushButton) if b.text()}
    assert buttons["Show in Text"]  # reading stays
    assert not buttons["Link"]
    assert not any(combo.isEnabled() for combo in page.findChildren(QComboBox))
    window.live.close()
    window.store = None
