"""The store: SQLAlchemy schema, an engine per URL, migrations and backups."""

from argline.store.database import Store
from argline.store.errors import NewerSchemaError, NotAnArglineDatabase, StoreError

__all__ = ["NewerSchemaError", "NotAnArglineDatabase", "Store", "StoreError"]
