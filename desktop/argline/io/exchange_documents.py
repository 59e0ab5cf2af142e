"""The exchange format's source documents and passages (docs/FORMAT.md, version 2)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from argline.io.errors import ImportRefused
from argline.io.json_input import MOST_CHARACTERS, Fields
from argline.model.passages import (
    DocumentFormat,
    Passage,
    SourceDocument,
    fingerprint,
    normalise,
    passage_record,
)

_HEX = re.compile(r"[0-9a-f]+")


def read_document(fields: Fields) -> SourceDocument | None:
    """Return the document an assessment names, or None; its text, if given, must match."""
    if fields.value.get("document") is None:
        return None
    document = Fields(fields.value["document"], fields.where("document"))
    text = document.value.get("text")
    if text is not None and not isinstance(text, str):
        raise ImportRefused("expected text", where=document.where("text"))
    if text is not None:
        # Passages are found in NFC text (model.passages); an import re-anchors them on it.
        text = unicodedata.normalize("NFC", text)
    pages = document.items("pages")
    if any(
        isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= MOST_CHARACTERS
        for p in pages
    ) or pages != sorted(pages):
        raise ImportRefused(
            "expected ascending offsets where pages start", where=document.where("pages")
        )
    stated = _hex(document, "fingerprint", 64)
    characters = document.whole_number("characters")
    if text is not None:
        if fingerprint(text) != stated:
            raise ImportRefused(
                "the fingerprint does not match the document's text", where=document.where("text")
            )
        characters = len(normalise(text))
    return SourceDocument(
        name=document.text("name", required=True),
        fingerprint=stated,
        characters=characters,
        format=document.choice("format", DocumentFormat.ALL, default=DocumentFormat.TEXT),
        text=text,
        pages=tuple(pages),
        metadata=tuple(sorted(document.mapping("metadata").items())),
    )


def read_passages(fields: Fields) -> tuple[Passage, ...]:
    """Return the passages a claim or a source date cites."""
    listed = fields.value.get("passages")
    if listed is None or listed == []:  # what most claims cite
        return ()
    return tuple(_passage(f) for f in fields.objects("passages"))


def _passage(fields: Fields) -> Passage:
    start, end = fields.whole_number("start"), fields.whole_number("end")
    if end < start:
        raise ImportRefused(f"the end {end} is before the start {start}", where=fields.where("end"))
    return Passage(
        start=start,
        end=end,
        checksum=_hex(fields, "checksum", 16),
        exact=fields.text("exact"),
        prefix=fields.text("prefix"),
        suffix=fields.text("suffix"),
        orphaned=fields.boolean("orphaned"),
    )


def _hex(fields: Fields, name: str, digits: int) -> str:
    value = fields.text(name, required=True)
    if len(value) != digits or not _HEX.fullmatch(value):
        raise ImportRefused(f"expected {digits} lower-case hex digits", where=fields.where(name))
    return value


def document_json(document: SourceDocument | None) -> dict[str, Any] | None:
    if document is None:
        return None
    written: dict[str, Any] = {
        "name": document.name,
        "format": document.format,
        "characters": document.characters,
        "fingerprint": document.fingerprint,
        "pages": list(document.pages),
        "metadata": dict(document.metadata),
    }
    if document.text is not None:
        written["text"] = document.text
    return written


def passages_json(passages: tuple[Passage, ...]) -> list[dict[str, object]]:
    return [passage_record(p) for p in passages]
