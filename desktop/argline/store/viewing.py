"""A read-only view of a file another Argline has open: reads work, writes are refused."""

from __future__ import annotations

from pathlib import Path

from argline.store.database import Store
from argline.store.errors import StoreError
from argline.store.inspection import check_sqlite_file
from argline.store.revision import SCHEMA_HEAD


def open_read_only(path: Path) -> Store:
    """Open the file for reading only; its bytes are never changed through this store."""
    path = Path(path).absolute()
    if not path.exists():
        raise StoreError(f"{path} does not exist")
    revision = check_sqlite_file(path)
    if revision != SCHEMA_HEAD:
        raise StoreError(
            f"{path} has schema {revision}; open it for writing once to upgrade it to {SCHEMA_HEAD}"
        )
    return Store(file=path, read_only=True)
