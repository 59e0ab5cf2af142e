"""Shared fixtures: stores in temporary files, empty or holding the seed corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt draws offscreen in tests: no display is needed, on CI or anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argline.io.seed import load_seed
from argline.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "test.argline"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = Store.open(store_path)
    yield opened
    opened.close()


@pytest.fixture
def seeded_store(store: Store) -> Store:
    load_seed(store)
    return store


@pytest.fixture
def shared_corpus() -> Path:
    """The real files of ../shared/corpus; skip, saying why, only where it is absent."""
    folder = SHARED / "corpus"
    if not folder.is_dir():
        pytest.skip(f"the shared corpus of real files is not beside this checkout ({folder.name})")
    return folder
