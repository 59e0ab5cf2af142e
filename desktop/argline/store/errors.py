"""Errors the store reports to the user: each says what is wrong with which database."""

from __future__ import annotations

from argline.store.revision import SCHEMA_HEAD


class StoreError(Exception):
    """A problem with the database that the user can act on; the message says which."""


class NotAnArglineDatabase(StoreError):
    """The file is not an Argline database (or is damaged); it was left untouched."""


class UnknownSchemaError(StoreError):
    """The database is stamped with a schema this Argline does not know; it was left untouched."""


class NewerSchemaError(UnknownSchemaError):
    """The database was written by a newer Argline; it was left untouched."""


class DiskFull(StoreError):
    """A write found no room on the disk: the store was left as it was, and nothing new
    was left beside it."""


class FileInUse(StoreError):
    """Another Argline (a window, another command) holds the file to write it; nothing was
    changed from here."""


class UntrustedFile(StoreError):
    """A file Argline keeps beside a database (its lock, ``-wal``, ``-shm``) is not one it
    made: a link, a pipe, a folder, a file with two names, another user's. It was left
    untouched, never truncated or written, and the database was not opened."""


def unknown_schema(name: str, revision: str) -> UnknownSchemaError:
    """The refusal of a database stamped ``revision``, which this Argline does not know:
    from a newer Argline when the revision numbers after this one's, else unknown."""
    if revision.isdigit() and SCHEMA_HEAD.isdigit() and int(revision) > int(SCHEMA_HEAD):
        return NewerSchemaError(
            f"{name} was written by a newer Argline (schema {revision}; this Argline knows "
            f"schemas up to {SCHEMA_HEAD}). Update Argline to open it; it was left untouched."
        )
    return UnknownSchemaError(
        f"{name} has an unknown schema {revision} (this Argline knows schemas up to "
        f"{SCHEMA_HEAD}, and no later one is named so); it was left untouched."
    )
