"""What the command line shows a person: tables and JSON of the store's items, and the
item an argument names by its id, its exact title, or a unique beginning of either."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from argline.store.errors import StoreError

if TYPE_CHECKING:  # the command line imports this module for LISTS before any command runs
    from argline.model.entities import Claim
    from argline.ops.evaluation import ArgumentState
    from argline.store.cursor import Cursor

LISTS = ("assessments", "events", "lanes")
SHOWN_NAMES = 6  # an unknown name's message lists this many of those that exist
NAME_WIDTH = 40


class UnknownName(StoreError):
    """An argument names no item, or more than one; the message lists those that exist."""


@dataclass(frozen=True, slots=True)
class Listing:
    """Rows of one kind of item: a table for a person, records for a script."""

    headers: tuple[str, ...]
    records: tuple[dict[str, Any], ...]

    def table(self) -> str:
        """Return the rows as aligned columns under their headers; the last column runs free."""
        return table(self.headers, [tuple(r.values()) for r in self.records])


def read_listing(cursor: Cursor, kind: str) -> Listing:
    """Return the listing of ``kind`` (one of LISTS), its free-text column last."""
    from argline.ops.summaries import (
        read_assessment_summaries,
        read_event_summaries,
        read_lane_summaries,
    )

    headers: tuple[str, ...]
    if kind == "assessments":
        headers = ("id", "kind", "published", "claims", "document", "title")
        rows = [asdict(s) for s in read_assessment_summaries(cursor)]
    elif kind == "events":
        headers = ("id", "start", "end", "lane", "claims", "source_dates", "title")
        rows = [asdict(s) for s in read_event_summaries(cursor)]
    elif kind == "lanes":
        headers = ("events", "first", "last", "symbol", "colour", "name")
        rows = [asdict(s) for s in read_lane_summaries(cursor)]
    else:
        raise ValueError(f"no listing of {kind!r}")
    return Listing(headers, tuple({name: row[name] for name in headers} for row in rows))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return ``rows`` in columns: numbers right-aligned, booleans as yes/no, "" as -."""
    cells = [[_cell(value) for value in row] for row in rows]
    titles = [header.replace("_", " ").upper() for header in headers]
    widths = [max(len(line[i]) for line in [titles, *cells]) for i in range(len(headers))]
    numeric = [
        bool(rows) and all(isinstance(row[i], int) for row in rows) for i in range(len(titles))
    ]
    lines = []
    for line in [titles, *cells]:
        padded = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(line[:-1], widths, numeric, strict=False)
        ]
        lines.append("  ".join([*padded, line[-1]]).rstrip())
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value != "" else "-"


def evaluation_records(state: ArgumentState, assessment: str | None) -> list[dict[str, str]]:
    """Return each claim's id, title, role, assessment and status, in map order."""
    chosen = (state.assessment(assessment),) if assessment else state.assessments
    return [
        {
            "claim": claim.id,
            "title": claim_title(claim),
            "role": claim.role.value,
            "assessment": claim.assessment_id,
            "status": state.evaluation.status(claim.id).value,
        }
        for chosen_one in chosen
        for claim in chosen_one.claims
    ]


def evaluation_table(state: ArgumentState, assessment: str | None) -> str:
    """Return the claims that stand, fall or wait, under a line per assessment."""
    chosen = (state.assessment(assessment),) if assessment else state.assessments
    sections = []
    for one in chosen:
        statuses = [state.evaluation.status(c.id).value for c in one.claims]
        counts = ", ".join(f"{statuses.count(s)} {s}" for s in ("in", "out", "undecided"))
        heading = f"{one.title} ({one.id}): {len(statuses)} claims, {counts}"
        rows = [
            (status, claim.role.value, claim_title(claim))
            for claim, status in zip(one.claims, statuses, strict=True)
        ]
        body = table(("status", "role", "claim"), rows) if rows else "(no claims)"
        sections.append(heading + "\n" + "\n".join(f"  {line}" for line in body.splitlines()))
    return "\n\n".join(sections)


def claim_title(claim: Claim) -> str:
    """Return the claim's title, else the first line of its text, shortened to a line."""
    text = claim.title or (claim.text.splitlines() or [""])[0]
    return _shortened(text, 80)


def resolve_assessment(cursor: Cursor, text: str) -> str:
    """Return the id of the assessment ``text`` names; raise UnknownName listing them."""
    from argline.ops.summaries import read_assessment_names

    return resolve(text, read_assessment_names(cursor), kind="assessment")


def resolve_event(cursor: Cursor, text: str) -> str:
    """Return the id of the event ``text`` names; raise UnknownName naming the nearest."""
    from argline.ops.summaries import read_event_names

    return resolve(text, read_event_names(cursor), kind="event")


def find_event(cursor: Cursor, text: str) -> str | None:
    """Return the id of the event whose id or title is exactly ``text``, else None."""
    from argline.ops.summaries import read_event_names

    names = read_event_names(cursor)
    exact = [key for key, title in names if text in (key, title)]
    return exact[0] if len(exact) == 1 else None


def resolve(text: str, names: Sequence[tuple[str, str]], *, kind: str) -> str:
    """Return the id that ``text`` names among ``(id, title)`` pairs.

    An id matches first, then an exact title, then a title equal but for case, then the
    one id or title that begins with ``text`` (case aside). None or several: UnknownName.
    """
    if not text.strip():
        raise UnknownName(f"an empty name names no {kind}; give its id or title")
    if any(key == text for key, _ in names):
        return text
    folded = text.casefold()
    for matches in (
        [key for key, title in names if title == text],
        [key for key, title in names if title.casefold() == folded],
        [
            key
            for key, title in names
            if key.casefold().startswith(folded) or title.casefold().startswith(folded)
        ],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            titles = dict(names)
            chosen = ", ".join(_named(key, titles[key]) for key in sorted(matches)[:SHOWN_NAMES])
            more = _more(len(matches), kind)
            raise UnknownName(f"{text!r} names {len(matches)} {kind}s: {chosen}{more}")
    if not names:
        raise UnknownName(f"there is no {kind} {text!r}: the database holds none")
    shown = _nearest(text, names)
    listed = ", ".join(_named(key, title) for key, title in shown)
    raise UnknownName(f"there is no {kind} {text!r}; there are {listed}{_more(len(names), kind)}")


def _nearest(text: str, names: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return the few names most like ``text`` (all of them when there are few)."""
    if len(names) <= SHOWN_NAMES:
        return sorted(names)
    from rapidfuzz import fuzz, process

    choices = {index: f"{key} {title}" for index, (key, title) in enumerate(names)}
    found = process.extract(text, choices, scorer=fuzz.WRatio, limit=SHOWN_NAMES)
    return [names[index] for _, _, index in found]


def _more(count: int, kind: str) -> str:
    if count <= SHOWN_NAMES:
        return ""
    return f" and {count - SHOWN_NAMES} more (argline list {kind}s)"


def _named(key: str, title: str) -> str:
    return f"{key} ({_shortened(title, NAME_WIDTH)})" if title and title != key else key


def _shortened(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
