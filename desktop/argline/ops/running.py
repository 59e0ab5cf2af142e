"""Run an edit as one committed transaction: the only way the GUI and CLI change a store."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from argline.ops.changes import Operation, OpResult
from argline.ops.errors import EditConflict
from argline.ops.versions import Seen, overtaken, versions_seen
from argline.store import Store

# SQLSTATEs of two clients waiting on each other's rows, and of a failed serialization.
# (A write refused for lack of rights is reported by Store.transaction.)
RACE_STATES = frozenset({"40P01", "40001"})


def run(store: Store, operation: Operation) -> OpResult:
    """Apply ``operation`` in its own transaction, committed when it returns.

    Raises StoreError: EditRefused for an edit that cannot be made, EditConflict when
    someone else changed the same item meanwhile; the store is then left as it was.
    """
    seen: Seen = {}
    try:
        with store.transaction() as session:
            seen = versions_seen(session)
            return operation.apply(session)
    except StaleDataError:
        # Someone committed a change to a row between this edit's read and its UPDATE.
        with store.reading() as session:
            raise overtaken(session, seen) from None
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) in RACE_STATES:
            raise EditConflict(
                f"{operation.label}: another client was changing the same items; "
                "nothing was saved. Try again.",
                kind="item",
                item_id="",
            ) from None
        raise
