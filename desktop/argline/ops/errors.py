"""Errors an edit reports to the user: the store is left as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argline.store.errors import StoreError

if TYPE_CHECKING:
    from argline.model.entities import Assessment, Claim, Event
    from argline.model.lanes import Lane


class EditRefused(StoreError):
    """The edit cannot be made (unknown id, duplicate id, invalid value); nothing changed."""


class EditConflict(EditRefused):
    """Someone else changed (or deleted) the item since; nothing of this edit was saved.

    ``current`` is the other version as a snapshot (None when it was deleted), for the
    view to show and reload.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        item_id: str,
        current: Event | Claim | Assessment | Lane | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.item_id = item_id
        self.current = current
