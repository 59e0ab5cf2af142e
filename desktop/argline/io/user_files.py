"""Where the user's own Argline file and the sample file live."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argline.store import Store

APP_NAME = "Argline"
FILE_SUFFIX = ".argline"


def default_database() -> Path:
    """Return the path of the user's Argline file in the platform's user data folder."""
    from platformdirs import user_data_path  # here: `argline FILE` starts without it

    return user_data_path(APP_NAME, appauthor=False) / f"library{FILE_SUFFIX}"


def sample_database() -> Path:
    """Return the path of the sample file: the seed corpus, apart from the user's own file."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / f"Sample{FILE_SUFFIX}"


def open_sample() -> Store:
    """Open the sample file, filling it with the seed corpus (again, if it was edited away)."""
    from argline.io.seed import load_seed
    from argline.store import Store

    store = Store.open(sample_database())
    try:
        load_seed(store)
    except Exception:
        store.close()
        raise
    return store
