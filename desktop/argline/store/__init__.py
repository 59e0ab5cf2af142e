"""The store: SQLAlchemy schema, an engine per URL, migrations and backups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argline.store.errors import NewerSchemaError, NotAnArglineDatabase, StoreError

if TYPE_CHECKING:
    from argline.store.database import Store

__all__ = ["NewerSchemaError", "NotAnArglineDatabase", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    # Store (and SQLAlchemy with it) is imported when first asked for: the command line
    # catches StoreError before it knows whether it will open a store at all.
    if name == "Store":
        from argline.store.database import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
