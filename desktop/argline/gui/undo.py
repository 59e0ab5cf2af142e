"""Undo and redo that change the store: a QUndoStack whose commands run store operations.

Every edit a view makes goes through ``EditHistory.apply``: the operation runs in one
transaction first (so a refused edit raises and leaves no command behind), then a
command holding it and its inverse goes on the stack. Undo runs the inverse, redo
runs the operation again, each in its own transaction, and both keep the inverse the
store hands back. Whatever runs, ``changed`` carries the ``Changes``, so every view
showing the store refreshes what the edit touched — the views never edit each other.

On a server, an edit may wait (a row a colleague holds locked, a server gone quiet):
it runs on a thread while Qt's thread goes on answering the window, and ``pending``
says so. Until it is saved or refused no other edit starts: it is refused, saying why.
While the window has lost the server (``connection_lost``), every edit is refused at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from argline.ops.changes import Changes, Operation
from argline.store import Store, StoreError
from argline.store.failures import ServerUnreachable

if TYPE_CHECKING:
    from argline.ops.changes import OpResult


class EditHistory(QObject):
    """The undo stack of one open store, shared by all its views."""

    changed = Signal(object)  # Changes
    refused = Signal(str)  # why an undo or redo could not be made; the store is unchanged
    pending = Signal(bool)  # an edit is being saved on the server (True), or ended
    _ran = Signal()  # from the thread an edit ran on

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.stack = QUndoStack(self)
        self.last_refusal = ""
        # The version this history's own last edit left on each item it changed, as the
        # edit's inverse names it (read in the edit's own transaction): undo and redo
        # expect these, so undoing two edits of one claim is not taken for a colleague's.
        self._left: dict[tuple[str, str], int] = {}
        self.saving = False  # an edit is on its way to the server
        # The change feed lost the server (docs/TEAM.md): edits are refused until it is back.
        self.connection_lost = False

    def apply(self, operation: Operation) -> Changes:
        """Run ``operation`` as one undo step and return what it changed.

        A refused edit raises (``StoreError``) before anything is pushed.
        """
        # SQLAlchemy, imported by the edits' modules: not before the first window is drawn.
        from argline.ops.running import run
        from argline.ops.versions import versions_expected

        result = self._running(lambda: run(self.store, operation))
        self._left.update(versions_expected(result.inverse))
        self.stack.push(_OperationCommand(self, operation, result.inverse))
        self.changed.emit(result.changes)
        return result.changes

    def try_apply(self, operation: Operation) -> Changes | None:
        """Run ``operation`` as one undo step, or emit ``refused`` and return None if refused."""
        try:
            return self.apply(operation)
        except StoreError as error:
            self.last_refusal = str(error)
            self.refused.emit(self.last_refusal)
            return None

    def _run(self, operation: Operation) -> Operation | None:
        from argline.ops.running import run  # as in apply
        from argline.ops.versions import rebased, versions_expected

        try:
            result = self._running(lambda: run(self.store, rebased(operation, self._left)))
        except StoreError as error:
            self.last_refusal = str(error)
            self.refused.emit(self.last_refusal)
            return None
        self._left.update(versions_expected(result.inverse))
        self.changed.emit(result.changes)
        return result.inverse

    def _running(self, edit: Callable[[], OpResult]) -> OpResult:
        """Return what ``edit`` gives: at once on a file, on a thread on a server, while
        Qt's thread answers the window; raise what it raises."""
        if not self.store.on_server:
            return edit()
        if self.connection_lost:
            raise ServerUnreachable(
                f"the connection to the database {self.store.name} is lost; nothing was "
                "changed. Try again once the status bar says Live"
            )
        if self.saving:
            raise StoreError("the last change is still being saved; make this one once it is")
        outcome: list[OpResult | BaseException] = []
        waiting = QEventLoop()
        self._ran.connect(waiting.quit, Qt.ConnectionType.QueuedConnection)

        def on_thread() -> None:
            try:
                outcome.append(edit())
            except BaseException as error:  # raised on Qt's thread below
                outcome.append(error)
            finally:
                self._ran.emit()

        self.saving = True
        self.pending.emit(True)
        try:
            threading.Thread(target=on_thread, name="saving an edit", daemon=True).start()
            waiting.exec()
        finally:
            self._ran.disconnect(waiting.quit)
            self.saving = False
            self.pending.emit(False)
        (result,) = outcome
        if isinstance(result, BaseException):
            raise result
        return result


class _OperationCommand(QUndoCommand):
    """One undo step: an operation already applied, and the operation that undoes it."""

    def __init__(self, history: EditHistory, done: Operation, inverse: Operation) -> None:
        super().__init__(done.label)
        self._history = history
        self._forward = done
        self._backward = inverse
        self._applied = True  # QUndoStack.push calls redo(); the edit already ran

    def redo(self) -> None:
        if self._applied:
            return
        # If the store refuses (someone else changed it meanwhile), keep the old pair.
        self._backward = self._history._run(self._forward) or self._backward
        self._applied = True

    def undo(self) -> None:
        self._forward = self._history._run(self._backward) or self._forward
        self._applied = False
