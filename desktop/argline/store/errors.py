"""Errors the store reports to the user: each says what is wrong with which database."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the database that the user can act on; the message says which."""


class NotAnArglineDatabase(StoreError):
    """The file is not an Argline database (or is damaged); it was left untouched."""


class NewerSchemaError(StoreError):
    """The database was written by a newer Argline; it was left untouched."""


class UntrustedFile(StoreError):
    """A file Argline keeps beside a database (its lock, ``-wal``, ``-shm``) is not one it
    made: a link, a pipe, a folder, a file with two names, another user's. It was left
    untouched, never truncated or written, and the database was not opened."""
