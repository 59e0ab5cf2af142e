"""The file formats Argline reads and writes, by name: one module per format, one registry.

A format module offers a ``FORMAT``: how to recognise its files (by extension and by
their first bytes), how to read one into a ``Reading`` and how to write a corpus.
Each reader raises ImportRefused naming the place (line and column, or JSON path) and
field; the file name is added by the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from argline.io.errors import ImportRefused
from argline.model.entities import Corpus


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader found in a file: the corpus, and what it left out and why."""

    corpus: Corpus
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Format:
    """One file format: its name on the command line, its extensions, its reader and writer.

    ``write`` takes the corpus and, for formats that hold one argument map, the id of the
    assessment to write (None: the format's own choice, or all that it can hold).
    """

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes], Reading]
    write: Callable[[Corpus, str | None], bytes]
    description: str = ""
    aliases: tuple[str, ...] = field(default=())
    # Whether its files hold the passages claims cite: a format that holds none leaves
    # the store's as they are when it updates a claim.
    carries_passages: bool = False


def _registry() -> tuple[Format, ...]:
    from argline.io.formats import (
        aif,
        argdown,
        argline_json,
        events_csv,
        simile,
        thetimelineproject,
        thetimelineproject_text,
        timelinejs,
        timelinejs_csv,
    )

    return (
        argline_json.FORMAT,
        argdown.FORMAT,
        aif.FORMAT,
        timelinejs.FORMAT,
        events_csv.FORMAT,
        timelinejs_csv.FORMAT,
        thetimelineproject.FORMAT,
        thetimelineproject_text.FORMAT,
        simile.FORMAT,
    )


def formats() -> tuple[Format, ...]:
    """Every known format, the preferred one for a shared extension first."""
    return _registry()


def names() -> tuple[str, ...]:
    return tuple(f.name for f in formats())


def by_name(name: str) -> Format:
    """Return the format called ``name``; refuse an unknown one, listing those there are."""
    for candidate in formats():
        if name == candidate.name or name in candidate.aliases:
            return candidate
    raise ImportRefused(f"unknown format {name!r}; known: {', '.join(names())}")


def for_file(file_name: str, data: bytes) -> Format:
    """Choose the format of a file by its content first, then by its extension."""
    suffix = _suffix(file_name)
    matching = [f for f in formats() if suffix in f.suffixes]
    for candidate in [*matching, *formats()]:
        if candidate.sniff(data):
            return candidate
    if matching:
        return matching[0]
    known = "; ".join(f"{f.name} ({f.description})" for f in formats())
    raise ImportRefused(
        f"cannot tell the format of this file; name one with --format. Argline reads: {known}"
    )


def looks_like(data: bytes, other_than: Format) -> str:
    """Return 'this looks like …' naming the format whose content the file has, or ''.

    Said when a file read as ``other_than`` (named, or chosen by its extension) is refused.
    """
    for candidate in formats():
        if candidate is not other_than and candidate.sniff(data):
            return f"this looks like {candidate.description} (--format {candidate.name})"
    return ""


def for_output(file_name: str, name: str | None) -> Format:
    """Choose the format to write: ``name`` when given, else by the file's extension."""
    if name:
        return by_name(name)
    suffix = _suffix(file_name)
    for candidate in formats():
        if suffix in candidate.suffixes:
            return candidate
    return by_name("argline")


def one_assessment(corpus: Corpus, assessment_id: str | None, holder: str) -> Corpus:
    """Return the corpus of the one assessment a single-map format writes.

    Without an id, a store of exactly one assessment names it; otherwise the user must
    choose, and the refusal lists the choices. ``holder`` says which kind of file it is.
    """
    if assessment_id is None:
        if len(corpus.assessments) != 1:
            known = ", ".join(a.id for a in corpus.assessments) or "none"
            raise ImportRefused(
                f"{holder} holds one argument map; choose one with --assessment ({known})"
            )
        assessment_id = corpus.assessments[0].id
    return corpus.only_assessment(assessment_id)


def _suffix(file_name: str) -> str:
    lowered = file_name.lower()
    for compound in (".argline.json", ".argdown-cli.json"):
        if lowered.endswith(compound):
            return compound
    dot = lowered.rfind(".")
    return lowered[dot:] if dot > lowered.rfind("/") else ""
