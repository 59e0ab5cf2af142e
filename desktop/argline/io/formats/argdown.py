"""Argdown (argdown.org) as a registered format: one file is one assessment's argument map.

Reading: every statement (equivalence class, by title) and every argument becomes a
claim; ``+``/``<+``/``+>`` a support, ``-``/``<-``/``->`` an attack, ``_>``/``<_`` an
undercut and ``><`` two attacks. Argdown undercuts an *argument*; Argline undercuts a
*relation*, so an undercut of an argument becomes an undercut of each relation that
argument has (its inference is what they rest on). A premise–conclusion structure is
held by its argument: each inference step is one support from the premises it rests on
to its conclusion (a linked reason when they are several), its id the argument's and
``/inference-N``; an untitled list gets an argument of its own, as Argdown gives it
one. Ids come from titles, so importing
the file again updates the same claims; data ``{id: …, role: …}`` overrides them, and
is what the writer adds when a claim's id or role would not come back by itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from argline.io.errors import ImportRefused
from argline.io.formats import Format, Reading, one_assessment
from argline.io.formats.argdown_parser import (
    ARGUMENT,
    STATEMENT,
    Document,
    Element,
    Structure,
    decode,
    parse,
)
from argline.model.entities import (
    Assessment,
    Claim,
    ClaimRole,
    Corpus,
    Relation,
    RelationType,
)

SUPPORT, ATTACK, UNDERCUT = RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT
MAIN = ClaimRole.MAIN
# marker → (type, whether the child is the source)
_MEANING = {
    "+": (SUPPORT, True),
    "<+": (SUPPORT, True),
    "+>": (SUPPORT, False),
    "-": (ATTACK, True),
    "<-": (ATTACK, True),
    "->": (ATTACK, False),
    "<_": (UNDERCUT, True),
    "_>": (UNDERCUT, False),
}
_OUTGOING = {SUPPORT: "+>", ATTACK: "->", UNDERCUT: "_>"}
# "/" only where it would open or close a comment: Argdown keeps escapes inside an address.
# Not "#" or "@": a tag or a mention stays one (a heading's "# " is escaped as a first char).
_ESCAPED = re.compile(r"([\\\[\]<>{}*_`~]|/(?=[/*])|(?<=\*)/)")
# A mention of a statement or argument, written as it was: Argdown reads it so.
_MENTION = re.compile(r"(@\[[^\]\n]+\]|@<[^>\n]+>)")
_FULL_TITLE = "argline-title"  # data holding a title the brackets cannot (see _writable)
_LINE = re.compile(r"line \d+")  # the locator a reader gives; the next file's lines differ
_NUMBERED_FIRST = re.compile(r"^(\d{1,9})\.(?=[ \t])")
_ESCAPED_FIRST = re.compile(r"^(?!#[^\s#]|@[\[<])([^\w\s])")


@dataclass(slots=True)
class _Node:
    """An equivalence class of elements: one claim."""

    id: str
    kind: str
    title: str
    text: str
    line: int
    data: dict[str, str]
    conclusion: bool = False


_LOOKS_LIKE_ARGDOWN = re.compile(
    r"^(?:(?:\[[^\]\n]+\]|<[^>!\n][^>\n]*>):|[ \t]+(?:\+>?|->?|<[+_-]|_>)[ \t]+[\[<])", re.M
)


def sniff(data: bytes) -> bool:
    """Tell Argdown by its first lines: front matter, a titled element, or a relation to one."""
    head = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head.startswith("===\n") or bool(_LOOKS_LIKE_ARGDOWN.search(head))


def read(data: bytes) -> Reading:
    """Return the assessment an Argdown file holds and what was left out of it."""
    text = decode(data)
    document = parse(text)
    assessment_id, title = _assessment_name(document, data)
    nodes, by_element = _nodes(document, assessment_id)
    relations, skipped = _relations(document, by_element, assessment_id)
    roles = derived_roles(relations)
    claims = tuple(_claim(node, assessment_id, roles) for node in nodes)
    _check_unique(claims)
    assessment = Assessment(id=assessment_id, title=title, claims=claims, source="Argdown")
    # The store keeps its own title: a map's title names its assessment only.
    return Reading(Corpus(assessments=(assessment,), relations=relations), skipped)


def _assessment_name(document: Document, data: bytes) -> tuple[str, str]:
    """Return the assessment's id and title: front matter, else first heading, else content."""
    matter = document.front_matter
    title = matter.get("title") or (document.headings[0] if document.headings else "")
    if not title:
        first = next((e for e in document.elements if e.title), None)
        title = first.title if first else "Argdown map"
    if matter.get("id"):
        return matter["id"], title
    if matter.get("title") or document.headings:
        return "argdown-" + _slug(title), title
    return "argdown-" + hashlib.sha1(data).hexdigest()[:12], title


def derived_assessment_id(title: str) -> str:
    return "argdown-" + _slug(title)


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower()).strip("-")[:60]
    return slug or hashlib.sha1(text.encode()).hexdigest()[:12]


def claim_id(assessment_id: str, kind: str, title: str) -> str:
    """Return the id a titled statement or argument gets when its data names none."""
    return f"{assessment_id}/[{title}]" if kind == STATEMENT else f"{assessment_id}/<{title}>"


def _nodes(document: Document, assessment_id: str) -> tuple[list[_Node], dict[int, _Node]]:
    """Group elements into claims: one per title and kind, one per untitled statement."""
    nodes: list[_Node] = []
    by_title: dict[tuple[str, str], _Node] = {}
    by_element: dict[int, _Node] = {}
    untitled: dict[str, int] = {}
    for element in document.elements:
        if element.title:
            key = (element.kind, element.title)
            node = by_title.get(key)
            if node is None:
                node = by_title[key] = _Node(
                    claim_id(assessment_id, element.kind, element.title),
                    element.kind,
                    element.title,
                    "",
                    element.line,
                    {},
                )
                nodes.append(node)
            if element.text and not node.text:
                node.text, node.line = element.text, element.line
        else:
            if not element.text:
                continue
            digest = hashlib.sha1(element.text.encode()).hexdigest()[:12]
            untitled[digest] = untitled.get(digest, 0) + 1
            suffix = "" if untitled[digest] == 1 else f"-{untitled[digest]}"
            node = _Node(
                f"{assessment_id}/#{digest}{suffix}", STATEMENT, "", element.text, element.line, {}
            )
            nodes.append(node)
        for name, value in element.data.items():
            node.data.setdefault(name, value)
        node.conclusion = node.conclusion or element.pcs_role == "conclusion"
        by_element[id(element)] = node
    for structure in document.structures:
        if not structure.steps:
            continue
        for item in structure.items:
            if id(item) not in by_element:
                raise ImportRefused("a numbered item needs a statement here", where=_at(item))
        if structure.argument is None:
            node = _untitled_argument(structure, by_element, assessment_id)
            nodes.append(node)
            by_element[id(structure)] = node
    for node in nodes:
        if node.data.get("id", "").strip():
            node.id = node.data["id"].strip()
    return nodes, by_element


def _untitled_argument(
    structure: Structure, by_element: dict[int, _Node], assessment_id: str
) -> _Node:
    """Return the argument an untitled premise–conclusion list reconstructs (Argdown names
    it "Untitled N"): its id hashed from its statements, its text saying what it concludes."""
    members = [by_element[id(item)].id for item in structure.items]
    digest = hashlib.sha1("\x1f".join(members).encode()).hexdigest()[:12]
    conclusion = by_element[id(structure.steps[-1][1])]
    first = structure.items[0]
    text = f"An argument for: {conclusion.text or conclusion.title}"
    return _Node(f"{assessment_id}/<#{digest}>", ARGUMENT, "", text, first.line, {})


def holder_of(relation_id: str) -> str | None:
    """Return the id of the argument whose premise–conclusion structure holds a relation."""
    holder, _, step = relation_id.rpartition("/inference-")
    return holder if holder and step.isdigit() else None


def _relations(
    document: Document, by_element: dict[int, _Node], assessment_id: str
) -> tuple[tuple[Relation, ...], tuple[str, ...]]:
    """Return the relations the trees state, undercuts aimed at the argument's relations."""
    found: dict[tuple[str, RelationType, str], Relation] = {}
    from_claim: dict[str, list[str]] = {}  # claim id → ids of the relations it makes
    undercuts: list[tuple[_Node, _Node, Element]] = []
    skipped: list[str] = []

    def add(source: _Node, kind: RelationType, target: str) -> None:
        key = (source.id, kind, target)
        if key not in found:
            digest = hashlib.sha1("\x1f".join((source.id, kind, target)).encode()).hexdigest()
            found[key] = Relation(f"{assessment_id}/r-{digest[:16]}", source.id, target, kind)
            from_claim.setdefault(source.id, []).append(found[key].id)

    _inference_steps(document, by_element, found, from_claim)
    for link in document.links:
        parent = by_element.get(id(link.parent))
        child = by_element.get(id(link.child))
        if parent is None or child is None:
            where = link.child if child is None else link.parent
            raise ImportRefused(
                "a relation needs a statement with text or a title here", where=_at(where)
            )
        if link.marker == "><":
            add(parent, ATTACK, child.id)
            add(child, ATTACK, parent.id)
            skipped.append(
                f"line {link.child.line}: the contradiction {_name(parent)} >< {_name(child)} "
                "is kept as two attacks"
            )
            continue
        kind, child_is_source = _MEANING[link.marker]
        source, target = (child, parent) if child_is_source else (parent, child)
        if kind is UNDERCUT:
            undercuts.append((source, target, link.child))
        else:
            add(source, kind, target.id)
    pending = undercuts
    for _ in range(len(undercuts) + 1):  # undercuts of undercuts resolve in later rounds
        waiting = []
        for source, target, element in pending:
            aimed = list(from_claim.get(target.id, ()))
            if aimed:
                for relation_id in aimed:
                    add(source, UNDERCUT, relation_id)
            else:
                waiting.append((source, target, element))
        if len(waiting) == len(pending):
            break
        pending = waiting
    for source, target, element in pending:
        add(source, ATTACK, target.id)
        skipped.append(
            f"line {element.line}: {_name(source)} undercuts {_name(target)}, which supports "
            "or attacks nothing; kept as an attack on it"
        )
    return tuple(found.values()), tuple(skipped)


def _inference_steps(
    document: Document,
    by_element: dict[int, _Node],
    found: dict[tuple[str, RelationType, str], Relation],
    from_claim: dict[str, list[str]],
) -> None:
    """Add a support for each inference step of each premise–conclusion list, held by its
    argument; an undercut of the argument will aim at the list's main inference."""
    for structure in document.structures:
        holder = by_element.get(id(structure.argument or structure))
        if holder is None:
            continue
        for n, (premises, conclusion) in enumerate(structure.steps, start=1):
            if not premises:
                continue
            first, *others = (by_element[id(p)].id for p in premises)
            target = by_element[id(conclusion)].id
            if target in (first, *others) or len({first, *others}) <= len(others):
                raise ImportRefused(
                    "an inference's premises are each a statement of their own, none its "
                    "conclusion",
                    where=_at(conclusion),
                )
            relation = Relation(
                f"{holder.id}/inference-{n}",
                first,
                by_element[id(conclusion)].id,
                SUPPORT,
                tuple(others),
            )
            found[(relation.id, SUPPORT, relation.target)] = relation
        # An undercut of the argument attacks its main inference.
        main = f"{holder.id}/inference-{len(structure.steps)}"
        if structure.steps and structure.steps[-1][0]:
            from_claim.setdefault(holder.id, []).append(main)


def derived_roles(relations: tuple[Relation, ...] | list[Relation]) -> dict[str, ClaimRole]:
    """Return the role each claim gets from its first outgoing relation when data names none.

    A support makes a reason, an attack on a claim that itself attacks makes a rebuttal,
    any other attack or undercut an objection; a claim with none is a main claim.
    """
    attackers = {p for r in relations if r.type is not SUPPORT for p in r.premises}
    roles: dict[str, ClaimRole] = {}
    for relation in relations:
        for premise in relation.premises:
            if premise in roles:
                continue
            if relation.type is SUPPORT:
                roles[premise] = ClaimRole.REASON
            elif relation.type is ATTACK and relation.target in attackers:
                roles[premise] = ClaimRole.REBUTTAL
            else:
                roles[premise] = ClaimRole.OBJECTION
    return roles


def _claim(node: _Node, assessment_id: str, roles: dict[str, ClaimRole]) -> Claim:
    role_text = node.data.get("role", "").strip()
    if role_text:
        if role_text not in tuple(ClaimRole):
            raise ImportRefused(
                f"role {role_text!r} is not one of {', '.join(ClaimRole)}",
                where=f"line {node.line}",
            )
        role = ClaimRole(role_text)
    elif node.conclusion:
        role = ClaimRole.CONCLUSION
    else:
        role = roles.get(node.id, ClaimRole.MAIN)
    untitled = node.data.get("untitled", "").strip().lower() == "true"
    return Claim(
        id=node.id,
        assessment_id=assessment_id,
        text=node.text or node.title,
        role=role,
        title="" if untitled else node.data.get(_FULL_TITLE) or node.title,
        locator=node.data.get("locator") or f"line {node.line}",
    )


def _check_unique(claims: tuple[Claim, ...]) -> None:
    seen: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in seen:
            raise ImportRefused(
                f"two claims have the id {claim.id!r} (data {{id: …}})", where=claim.locator
            )
        seen[claim.id] = claim


def _name(node: _Node) -> str:
    if not node.title:
        return repr(node.text[:40])
    return f"[{node.title}]" if node.kind == STATEMENT else f"<{node.title}>"


def _at(element: Element) -> str:
    return f"line {element.line}, column {element.column}"


# Writing ---------------------------------------------------------------------------------


def write(corpus: Corpus, assessment_id: str | None) -> bytes:
    """Return one assessment as Argdown: each claim once, with its outgoing relations."""
    part = one_assessment(corpus, assessment_id, "an Argdown file")
    assessment = part.assessments[0]
    return render(assessment, part.relations).encode("utf-8")


def render(assessment: Assessment, relations: tuple[Relation, ...]) -> str:
    """Return the Argdown text of an assessment and its own relations."""
    claims = {c.id: c for c in assessment.claims}
    by_id = {r.id: r for r in relations}
    structures = _structures(claims, relations)
    in_lists = {r.id for _, steps in structures for r in steps}
    referenced = {r.target for r in relations if r.target in claims}
    referenced |= {_undercut_end(by_id[r.target]) for r in relations if r.target in by_id}
    named = referenced | {p for r in relations if r.id not in in_lists for p in r.premises}
    holders = {holder for holder, _ in structures if holder}
    untitled = {
        holder
        for holder, steps in structures
        if holder and holder not in named and _made_by_its_list(claims[holder], steps, claims)
    }
    referenced |= {p for r in relations if r.id in in_lists for p in r.premises}
    referenced |= holders - untitled
    kept = tuple(c for c in assessment.claims if c.id not in untitled)
    names = _names(kept, referenced, holders)
    conclusions = {r.target for r in relations if r.id in in_lists}
    roles = derived_roles(relations)
    lines = ["===", f"title: {json.dumps(assessment.title, ensure_ascii=False)}"]
    if assessment.id != derived_assessment_id(assessment.title):
        lines.append(f"id: {json.dumps(assessment.id, ensure_ascii=False)}")
    lines += ["===", ""]
    for claim in assessment.claims:
        if claim.id in untitled:
            continue  # Argdown makes it again from its list
        kind, title = names.get(claim.id, (STATEMENT, ""))
        data = {}
        if claim.id != (claim_id(assessment.id, kind, title) if title else None):
            data["id"] = claim.id
        if title and not claim.title:
            data["untitled"] = "true"
        elif title and title != claim.title:
            data[_FULL_TITLE] = claim.title
        if claim.locator and not _LINE.fullmatch(claim.locator):
            data["locator"] = claim.locator
        concluded = claim.id in conclusions  # the reader makes it a conclusion again
        if claim.role is not (ClaimRole.CONCLUSION if concluded else roles.get(claim.id, MAIN)):
            data["role"] = str(claim.role)
        head = ""
        if title:
            head = _reference((kind, title)) + ": "
        text = "" if title and claim.text == title else _escape(claim.text)
        lines.append((head + text if text else head.rstrip(": ")) + _data(data))
        written: set[tuple[str, str]] = set()
        for relation in relations:
            # Argdown has no linked attack: each of its premises attacks on its own.
            if claim.id not in relation.premises or relation.id in in_lists:
                continue
            target = _undercut_end(by_id[relation.target]) if relation.type is UNDERCUT else None
            line = (_OUTGOING[relation.type], _reference(names[target or relation.target]))
            if line not in written:
                written.add(line)
                lines.append(f"  {line[0]} {line[1]}")
        lines.append("")
    for holder, steps in structures:
        lines += _premise_conclusion_list(names.get(holder) if holder else None, steps, names)
    return "\n".join(lines)


def _made_by_its_list(argument: Claim, steps: list[Relation], claims: dict[str, Claim]) -> bool:
    """Tell whether reading an untitled list makes this argument again as it is: untitled,
    in its own words "An argument for: …", a main claim, placed by line."""
    conclusion = claims[steps[-1].target]
    return (
        not argument.title
        and argument.text == f"An argument for: {conclusion.text or conclusion.title}"
        and argument.role is MAIN
        and (not argument.locator or _LINE.fullmatch(argument.locator) is not None)
    )


def _undercut_end(undercut: Relation) -> str:
    """Return what an undercut of this relation is written against: the argument holding
    it (Argdown undercuts an argument's inference), else the relation's source."""
    return holder_of(undercut.id) or undercut.source


def _structures(
    claims: dict[str, Claim], relations: tuple[Relation, ...]
) -> list[tuple[str | None, list[Relation]]]:
    """Return the premise–conclusion lists to write: each argument's inference steps in
    order, chained (a step's first premise the conclusion before), and each other linked
    support as a list of its own, for an untitled argument."""
    held: dict[str, dict[int, Relation]] = {}
    loose: list[Relation] = []
    for relation in relations:
        if relation.type is not SUPPORT:
            continue
        holder = holder_of(relation.id)
        if holder in claims:
            held.setdefault(holder, {})[int(relation.id.rpartition("-")[2])] = relation
        elif relation.linked:
            loose.append(relation)
    structures: list[tuple[str | None, list[Relation]]] = []
    for holder in (c for c in claims if c in held):
        steps: list[Relation] = []
        for _, step in sorted(held[holder].items()):
            if steps and step.source != steps[-1].target:
                loose.append(step)  # no longer chained: a list of its own
            else:
                steps.append(step)
        structures.append((holder, steps))
    structures += [(None, [relation]) for relation in loose]
    return structures


def _premise_conclusion_list(
    argument: tuple[str, str] | None,
    steps: list[Relation],
    names: dict[str, tuple[str, str]],
) -> list[str]:
    """Return the lines of one premise–conclusion list, under its argument's title."""
    lines = [_reference(argument), ""] if argument else []
    number = 0
    for n, step in enumerate(steps):
        for premise in step.premises[1:] if n else step.premises:
            number += 1
            lines.append(f"({number}) {_reference(names[premise])}")
        number += 1
        lines += ["----", f"({number}) {_reference(names[step.target])}"]
    return [*lines, ""]


def _names(
    claims: tuple[Claim, ...], referenced: set[str], holders: set[str]
) -> dict[str, tuple[str, str]]:
    """Give each claim its kind and a title unique in the file; untitled ones only if needed.
    An argument holding a premise–conclusion list is written as one, to hold it again."""
    names: dict[str, tuple[str, str]] = {}
    used: set[tuple[str, str]] = set()
    for claim in claims:
        own = claim.id.endswith(f"<{claim.title}>") and claim.title
        kind = ARGUMENT if own or claim.id in holders else STATEMENT
        title = " ".join(claim.title.split())
        if not title and claim.id not in referenced:
            continue
        base = _writable(title or " ".join(claim.text.split()[:6]) or claim.id, kind)
        title, n = base, 1
        while (kind, title) in used:
            n += 1
            title = f"{base} ({n})"
        used.add((kind, title))
        names[claim.id] = (kind, title)
    return names


def _writable(title: str, kind: str) -> str:
    """Return the title, or the nearest one that Argdown reads back whole (it keeps escapes).

    A closing bracket, a backslash at the end and, for an argument, an opening that reads
    as a relation or a comment ('<+', '<-', '<_', '<!') cannot be written; data keeps the
    title itself.
    """
    closer = "]" if kind == STATEMENT else ">"
    safe = title.replace(closer, " ").rstrip("\\ ")
    if kind == ARGUMENT:
        safe = safe.lstrip("+-_! ")
    return " ".join(safe.split()) or "Untitled"


def _reference(name: tuple[str, str]) -> str:
    """Return the bracketed title, written whole: Argdown keeps backslashes in titles."""
    kind, title = name
    return f"[{title}]" if kind == STATEMENT else f"<{title}>"


def _escape(text: str) -> str:
    """Return text that Argdown reads back as itself: markup characters escaped.

    Tags (``#tag``) and mentions (``@[title]``, ``@<title>``) are left as they are, so
    they stay tags and mentions; the text is read back the same either way.
    """
    flat = " ".join(text.split())
    parts = _MENTION.split(flat)
    escaped = "".join(
        part if n % 2 else _ESCAPED.sub(r"\\\1", part) for n, part in enumerate(parts)
    )
    if flat and _ESCAPED_FIRST.match(flat) and not _ESCAPED.match(flat):
        escaped = "\\" + escaped  # "+", "-", "(", "=", "# " would open a relation, list…
    elif numbered := _NUMBERED_FIRST.match(escaped):
        escaped = f"{numbered.group(1)}\\{escaped[numbered.end(1) :]}"  # not a list item
    return escaped


def _data(data: dict[str, str]) -> str:
    if not data:
        return ""
    pairs = ", ".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()
    )
    return " {" + pairs + "}"


FORMAT = Format(
    name="argdown",
    suffixes=(".argdown", ".ad"),
    sniff=sniff,
    read=read,
    write=write,
    description="Argdown argument map (one assessment)",
)
