"""Run an edit as one committed transaction: the only way the GUI and CLI change a store."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from argline.ops.changes import Operation, OpResult
from argline.ops.errors import EditRefused
from argline.ops.versions import EditConflict, Seen, overtaken, versions_seen
from argline.store import Store

# SQLSTATEs of a server that refuses the edit as a whole: no right to write, a
# read-only transaction, two clients waiting on each other's rows, a failed serialization.
READ_ONLY_STATES = frozenset({"42501", "25006"})
RACE_STATES = frozenset({"40P01", "40001"})


def run(store: Store, operation: Operation) -> OpResult:
    """Apply ``operation`` in its own transaction, committed when it returns.

    Raises EditRefused (EditConflict when someone else changed the same item at the
    same moment); the store is then left as it was.
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
        state = getattr(error.orig, "sqlstate", None)
        if state in READ_ONLY_STATES:
            raise EditRefused(
                f"{operation.label}: {store.name} is read-only for you; nothing was saved"
            ) from None
        if state in RACE_STATES:
            raise EditConflict(
                f"{operation.label}: another client was changing the same items; "
                "nothing was saved. Try again.",
                kind="item",
                item_id="",
            ) from None
        raise
