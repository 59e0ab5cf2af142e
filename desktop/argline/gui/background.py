"""Long work (large imports and exports) off the GUI thread, behind a progress dialog.

The work runs in a Python thread; the dialog's Cancel sets a flag the work reads at
its next checkpoint, and whatever it had not committed is rolled back. A question
the work must ask the user (an import's summary before it commits) is carried to
the GUI thread by a queued signal while the worker waits for the answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 400  # quick work finishes without a dialog flashing up


class Cancelled(Exception):
    """The user cancelled the work; nothing it did was kept."""


class Progress(QObject):
    """What the worker thread may use: checkpoints, and questions to the user."""

    _ask = Signal(object, object)  # (question callable, answer box)

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = threading.Event()
        self._ask.connect(self._answer, Qt.ConnectionType.QueuedConnection)

    def ask(self, question: Callable[[], bool]) -> bool:
        """Run ``question`` on the GUI thread and return its answer (False once cancelled)."""
        if self.cancelled.is_set():
            return False
        box: dict[str, Any] = {"done": threading.Event()}
        self._ask.emit(question, box)
        box["done"].wait()
        return bool(box.get("answer")) and not self.cancelled.is_set()

    def _answer(self, question: Callable[[], bool], box: dict[str, Any]) -> None:
        try:
            box["answer"] = question()
        finally:
            box["done"].set()


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[Progress], Any]) -> Any:
    """Run ``work`` in a thread behind a progress dialog; return its result.

    Raise Cancelled when the user cancelled, or whatever exception the work raised.
    """
    progress = Progress()
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    finished = _Finished()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def target() -> None:
        try:
            outcome["result"] = work(progress)
        except BaseException as error:  # handed to the GUI thread and raised there
            outcome["error"] = error
        finally:
            finished.done.emit()

    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Argline")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.canceled.connect(progress.cancelled.set)
    thread = threading.Thread(target=target, name="argline-work", daemon=True)
    thread.start()
    if thread.is_alive():
        loop.exec()
    thread.join()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if progress.cancelled.is_set():
        raise Cancelled
    return outcome.get("result")


class _Finished(QObject):
    done = Signal()
