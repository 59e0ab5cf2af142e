"""The Argline exchange format (docs/FORMAT.md) as a registered format."""

from __future__ import annotations

from argline.io.exchange import looks_like_exchange, read_exchange, write_exchange
from argline.io.formats import Format, Reading
from argline.model.entities import Corpus


def _read(data: bytes) -> Reading:
    return Reading(read_exchange(data))


def _write(corpus: Corpus, assessment: str | None) -> bytes:
    return write_exchange(corpus.only_assessment(assessment) if assessment else corpus).encode()


FORMAT = Format(
    name="argline",
    suffixes=(".argline.json", ".json", ".argline-json"),
    sniff=looks_like_exchange,
    read=_read,
    write=_write,
    description="Argline exchange JSON",
    carries_passages=True,
)
