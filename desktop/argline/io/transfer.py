"""Import files into a store and export a store to files, all or nothing, in any format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argline.io import formats
from argline.io.errors import ImportCancelled, ImportRefused
from argline.io.files import read_input, write_atomically
from argline.model.collector import paused_cycle_collector
from argline.ops.errors import EditRefused
from argline.ops.merge import MergeReport, merge_corpus
from argline.ops.queries import load_corpus
from argline.ops.upsert import Tally
from argline.store import Store, faults


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import added, updated or found unchanged, and what the reader skipped."""

    format: str
    merged: MergeReport
    skipped: tuple[str, ...] = ()

    @property
    def tallies(self) -> dict[str, Tally]:
        return self.merged.tallies

    def summary(self) -> str:
        text = self.merged.summary()
        if self.skipped:
            text += f"; skipped {len(self.skipped)}: " + "; ".join(self.skipped[:5])
            if len(self.skipped) > 5:
                text += f"; … and {len(self.skipped) - 5} more"
        return text


Confirm = Callable[[ImportReport], bool]


def import_file(
    store: Store, path: Path, *, format: str | None = None, confirm: Confirm | None = None
) -> ImportReport:
    """Merge the file into the store in one transaction; on any error nothing changes."""
    return import_bytes(store, read_input(path), name=str(path), format=format, confirm=confirm)


def import_bytes(
    store: Store,
    data: bytes,
    *,
    name: str,
    format: str | None = None,
    confirm: Confirm | None = None,
) -> ImportReport:
    """Merge a file's bytes into the store; errors name ``name`` as the file.

    ``confirm`` is shown the exact report before the transaction commits; when it says
    no, ImportCancelled is raised and the transaction rolls back.
    """
    try:
        chosen = formats.by_name(format) if format else formats.for_file(name, data)
    except ImportRefused as error:
        raise error.in_file(name) from None
    try:
        # Once for reading and merging together, not once each.
        with paused_cycle_collector(), store.transaction() as session:
            reading = chosen.read(data)
            report = ImportReport(
                chosen.name,
                merge_corpus(session, reading.corpus, passages_carried=chosen.carries_passages),
                reading.skipped,
            )
            if confirm is not None and not confirm(report):
                raise ImportCancelled(f"the import of {name} was cancelled")
            faults.reached("import.merged")
    except ImportRefused as error:
        # Read as the format named or its extension's: say which format the content has.
        hint = "" if chosen.sniff(data) else formats.looks_like(data, chosen)
        detail = f"{error.detail}; {hint}" if hint else error.detail
        raise ImportRefused(detail, file=name, where=error.where) from None
    except EditRefused as error:
        raise ImportRefused(str(error), file=name) from None
    faults.reached("import.committed")
    return report


def export_bytes(store: Store, *, format: str = "argline", assessment: str | None = None) -> bytes:
    """Return the store (or one assessment of it) written in ``format``."""
    chosen = formats.by_name(format)
    with store.reading() as session:
        corpus = load_corpus(session)
    if assessment and assessment not in {a.id for a in corpus.assessments}:
        raise ImportRefused(f"there is no assessment {assessment!r}", where="--assessment")
    return chosen.write(corpus, assessment)


def export_text(store: Store) -> str:
    """Return the whole store in the exchange format."""
    return export_bytes(store).decode("utf-8")


def export_file(
    store: Store, path: Path, *, format: str | None = None, assessment: str | None = None
) -> None:
    """Write the store to ``path`` atomically, in ``format`` or the one its extension names."""
    chosen = formats.for_output(path.name, format)
    write_atomically(path, export_bytes(store, format=chosen.name, assessment=assessment))
