"""Import files into a store and export a store to files, all or nothing."""

from __future__ import annotations

from pathlib import Path

from argline.io.errors import ImportRefused
from argline.io.exchange import read_exchange, write_exchange
from argline.io.files import read_input, write_atomically
from argline.ops.errors import EditRefused
from argline.ops.merge import MergeReport, merge_corpus
from argline.ops.queries import load_corpus
from argline.store import Store

# Later readers (TimelineJS, Argdown, AIF, CSV) register here by name.
FORMATS = ("argline",)


def import_file(store: Store, path: Path, *, format: str | None = None) -> MergeReport:
    """Merge the file into the store in one transaction; on any error nothing changes."""
    chosen = format or "argline"
    if chosen not in FORMATS:
        raise ImportRefused(f"unknown format {chosen!r}; known: {', '.join(FORMATS)}")
    return import_bytes(store, read_input(path), name=str(path))


def import_bytes(store: Store, data: bytes, *, name: str) -> MergeReport:
    """Merge exchange-format bytes into the store; errors name ``name`` as the file."""
    try:
        corpus = read_exchange(data)
        with store.transaction() as session:
            return merge_corpus(session, corpus)
    except ImportRefused as error:
        raise error.in_file(name) from None
    except EditRefused as error:
        raise ImportRefused(str(error), file=name) from None


def export_text(store: Store) -> str:
    """Return the whole store in the exchange format."""
    with store.reading() as session:
        return write_exchange(load_corpus(session))


def export_file(store: Store, path: Path) -> None:
    """Write the whole store to ``path`` in the exchange format, atomically."""
    write_atomically(path, export_text(store).encode("utf-8"))
