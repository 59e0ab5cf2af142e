"""A window asked to open a server that is not there says so of a database, not a file."""

from __future__ import annotations

import socket

import pytest

from argline.gui import launch, plain
from argline.store import StoreError


def test_a_window_on_a_server_that_is_not_there_says_database_not_file(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(plain, "show_message", lambda _parent, title, _text: shown.append(title))
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError, match="Connection refused"):
        launch.show_window(f"postgresql://argline@127.0.0.1:{port}/argline")
    assert shown == ["Argline cannot open this database"]
