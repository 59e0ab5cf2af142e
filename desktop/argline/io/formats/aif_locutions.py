"""AIF locutions: the passages a claim cites, as the L-nodes that OVA3 and AIFdb tie to I-nodes.

In AIF (Inference Anchoring Theory) a locution (L-node) holds what was said, word for
word, and an illocutionary node (YA, "Asserting") anchors it to the proposition (I-node)
it asserts: L → YA → I. A claim's quoted passage is exactly such a locution. OVA3 writes
an L-node's text as "Speaker: what was said", with the speaker among the file's
``participants`` and each L-node in ``locutions``; AIFdb's older node sets write
"Speaker says 'what was said'". AIF has no place for character offsets (a locution's
``start`` and ``end`` are the times it was said), so Argline keeps a passage's
selectors in its own ``argline`` object, and an L-node read from another tool becomes
a passage known by its quote alone: found in the document when one is attached.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argline.io.json_input import Fields
from argline.model.entities import Assessment
from argline.model.passages import Passage, SourceDocument, normalise, passage_checksum

if TYPE_CHECKING:
    from argline.io.formats.aif import Node

_ASSERTING = "Asserting"
# AIFdb's older node sets (nodeset27): "VCBrown says 'semesterisation is a good idea'".
_SAYS = re.compile(r"(?P<speaker>[^']{1,80}?) says '(?P<quote>.*)'")
# Where OVA3 puts an L-node beside its I-node, and how far apart a claim's locutions are.
_YA_OFFSET, _L_OFFSET, _LINE = 225.0, 450.0, 60.0


@dataclass(frozen=True, slots=True)
class Locutions:
    """What the L-nodes tied to I-nodes say, by I-node, and the nodes read to learn it."""

    quotes: dict[str, list[str]] = field(default_factory=dict)
    read: frozenset[str] = frozenset()


def read_locutions(
    aif: Fields,
    nodes: Mapping[str, Node],
    incoming: Mapping[str, list[str]],
    outgoing: Mapping[str, list[str]],
    *,
    argline_file: bool,
) -> Locutions:
    """Return the quotes of the locutions each I-node is asserted by (L → YA → I), in file order.

    Any YA between an L-node and an I-node counts (asserting, agreeing, questioning…):
    the locution is where the proposition is found in the text either way. Argline's
    own files name their one speaker among the participants, and a quote of theirs that
    reads "X says '…'" is kept whole.
    """
    speakers = _speakers(aif)
    says = None if argline_file else _SAYS
    order = {node_id: n for n, node_id in enumerate(nodes)}
    tied: dict[str, dict[str, str]] = {}  # I-node → its L-nodes and what they say
    read: set[str] = set()
    for anchor in (n for n in nodes.values() if n.type == "YA"):
        said = {
            s: _quote(nodes[s].text, speakers, says)
            for s in incoming.get(anchor.id, [])
            if nodes[s].type == "L"
        }
        said = {s: quote for s, quote in said.items() if quote}
        meant = [t for t in outgoing.get(anchor.id, []) if nodes[t].type == "I"]
        if not said or not meant:
            continue
        read.add(anchor.id)
        read.update(said)
        for proposition in meant:
            tied.setdefault(proposition, {}).update(said)
    quotes = {
        proposition: [said[s] for s in sorted(said, key=order.__getitem__)]
        for proposition, said in tied.items()
    }
    return Locutions(quotes, frozenset(read))


def claim_passages(quotes: Sequence[str], records: Sequence[Passage]) -> tuple[Passage, ...]:
    """Return a claim's passages: its own records where a locution still says them, then the rest.

    A record without a quote (its document not yet attached) has no locution and is
    kept; a quoted record whose locution was removed in an AIF tool is not. A locution
    no record stands for becomes a passage known by its quote alone: start and end 0,
    so attaching the document finds it by the quote.
    """
    unmatched = list(quotes)
    kept = []
    for record in records:
        if not record.has_quote:
            kept.append(record)
        elif (said := normalise(record.exact)) in unmatched:
            unmatched.remove(said)
            kept.append(record)
    found = (Passage(start=0, end=0, checksum=passage_checksum(q), exact=q) for q in unmatched)
    return (*kept, *found)


def _speakers(aif: Fields) -> tuple[str, ...]:
    """Return the names of the file's participants as OVA3 writes them before a locution."""
    names = (
        " ".join(part for part in (f.text("firstname"), f.text("surname")) if part.strip())
        for f in aif.objects("participants")
    )
    return tuple(sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True))


def _quote(text: str, speakers: Sequence[str], says: re.Pattern[str] | None) -> str:
    """Return what a locution says without its speaker: "Name: …" for a participant, or
    AIFdb's "Name says '…'"; a text naming no known speaker is the quote itself."""
    for speaker in speakers:
        if text.startswith(f"{speaker}:"):
            return normalise(text[len(speaker) + 1 :])
    legacy = says.fullmatch(text) if says else None
    return normalise(legacy["quote"] if legacy else text)


@dataclass(slots=True)
class WrittenLocutions:
    """The AIF and OVA parts that carry an assessment's quoted passages, and what they omit."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    locutions: list[dict[str, Any]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    highlighted: list[tuple[str, Passage]] = field(default_factory=list)


def write_locutions(assessment: Assessment, taken: set[str], first_edge: int) -> WrittenLocutions:
    """Return an L-node and a YA "Asserting" node per quoted passage of each claim, L → YA → I.

    The L-node says "Author: quote" as OVA3 does, with the author the one participant;
    without an author it holds the quote alone. Ids follow the claim's (``CLAIM/L1``,
    ``CLAIM/YA1``), so the same map is written the same way; ``taken`` holds the ids
    already used, and gets these.
    """
    written = WrittenLocutions()
    speaker = " ".join(assessment.author.split())
    if speaker:
        first, _, last = speaker.rpartition(" ")
        written.participants.append(
            {"participantID": 1, "firstname": first or last, "surname": last if first else ""}
        )
    for claim in assessment.claims:
        quoted = [p for p in claim.passages if p.has_quote]
        for n, passage in enumerate(quoted, start=1):
            said = _unused(f"{claim.id}/L{n}", taken)
            anchor = _unused(f"{claim.id}/YA{n}", taken)
            words = " ".join(passage.exact.split())
            written.nodes += [
                {"nodeID": said, "text": f"{speaker}: {words}" if speaker else words, "type": "L"},
                {"nodeID": anchor, "text": _ASSERTING, "type": "YA"},
            ]
            for source, target in ((said, anchor), (anchor, claim.id)):
                number = first_edge + len(written.edges)
                written.edges.append({"edgeID": f"e{number}", "fromID": source, "toID": target})
            if speaker:
                written.locutions.append({"nodeID": said, "personID": 1})
            if claim.position is not None:
                x, y = claim.position
                line = y + _LINE * (n - 1)
                written.places += [
                    {"nodeID": anchor, "visible": True, "x": x + _YA_OFFSET, "y": line},
                    {"nodeID": said, "visible": True, "x": x + _L_OFFSET, "y": line},
                ]
            written.highlighted.append((said, passage))
    return written


def _unused(candidate: str, taken: set[str]) -> str:
    """Return ``candidate``, marked until no other node has it, and take it."""
    while candidate in taken:
        candidate = f"locution:{candidate}"
    taken.add(candidate)
    return candidate


def unwritten_passages(assessment: Assessment) -> tuple[str, ...]:
    """Return one line per claim whose passages have no quote yet, so none can be a locution."""
    notes = []
    for claim in assessment.claims:
        count = sum(1 for p in claim.passages if not p.has_quote)
        if count:
            passages = "1 passage has" if count == 1 else f"{count} passages have"
            notes.append(
                f"claim {claim.id!r}: {passages} no quote until the source document is "
                "attached: kept for Argline, not written as locutions"
            )
    return tuple(notes)


def ova_text(document: SourceDocument | None, highlighted: Sequence[tuple[str, Passage]]) -> str:
    """Return the document as OVA3's ``text``: HTML with each locution's passage highlighted.

    OVA3 shows this text beside the map and links each ``<span id="nodeID">`` to its
    L-node. Spans cannot overlap, so of passages that do, the first in the text is
    highlighted; a passage not (or no longer) at its place in the text is not. Empty
    for a document not attached.
    """
    if document is None or document.text is None:
        return ""
    text = document.text
    spans = sorted(
        (p.start, p.end, node)
        for node, p in highlighted
        if not p.orphaned and p.end > p.start and text[p.start : p.end] == p.exact
    )
    parts, at = [], 0
    for start, end, node in spans:
        if start < at:
            continue
        parts += [
            _html(text[at:start]),
            f'<span id="node{html.escape(node)}" class="highlighted">',
            _html(text[start:end]),
            "</span>",
        ]
        at = end
    parts.append(_html(text[at:]))
    return "".join(parts)


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")
