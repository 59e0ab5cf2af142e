"""Run an edit as one committed transaction: the only way the GUI and CLI change a store."""

from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError

from argline.ops.changes import Operation, OpResult
from argline.ops.errors import EditConflict
from argline.ops.versions import Seen, overtaken, versions_seen
from argline.store import Store
from argline.store.failures import ConcurrentChange

# How often an edit that raced another client's (a deadlock, a key both added) is run.
RACE_TRIES = 3


def run(store: Store, operation: Operation) -> OpResult:
    """Apply ``operation`` in its own transaction, committed when it returns.

    Raises StoreError: EditRefused for an edit that cannot be made, EditConflict when
    someone else changed the same item meanwhile; the store is then left as it was.
    A race with another client's transaction is tried again from the start, which
    reads afresh: a second try sees the key the other added (and refuses a duplicate,
    or uses a lane it made), or the version it left (and refuses a stale edit).
    """
    for _ in range(RACE_TRIES - 1):
        try:
            return _run_once(store, operation)
        except ConcurrentChange:
            continue
    try:
        return _run_once(store, operation)
    except ConcurrentChange as race:
        raise EditConflict(f"{operation.label}: {race}", kind="item", item_id="") from None


def _run_once(store: Store, operation: Operation) -> OpResult:
    seen: Seen = {}
    try:
        with store.transaction() as session:
            seen = versions_seen(session)
            return operation.apply(session)
    except StaleDataError:
        # Someone committed a change to a row between this edit's read and its UPDATE.
        with store.reading() as session:
            raise overtaken(session, seen) from None
