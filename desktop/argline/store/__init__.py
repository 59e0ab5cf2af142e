"""The store: an open database (Store), its schema, migrations, backups and locks."""

from __future__ import annotations

from argline.store.database import Store
from argline.store.errors import NewerSchemaError, NotAnArglineDatabase, StoreError

__all__ = ["NewerSchemaError", "NotAnArglineDatabase", "Store", "StoreError"]
