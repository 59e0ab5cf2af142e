"""Errors an edit reports to the user: the store is left as it was."""

from __future__ import annotations

from argline.store.errors import StoreError


class EditRefused(StoreError):
    """The edit cannot be made (unknown id, duplicate id, invalid value); nothing changed."""
