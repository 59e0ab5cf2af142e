"""Run an edit as one committed transaction: the only way the GUI and CLI change a store."""

from __future__ import annotations

from argline.ops.changes import Operation, OpResult
from argline.store import Store


def run(store: Store, operation: Operation) -> OpResult:
    """Apply ``operation`` in its own transaction, committed when it returns."""
    with store.transaction() as session:
        return operation.apply(session)
