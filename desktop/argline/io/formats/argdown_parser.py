"""Parse Argdown text into elements and relations, naming line and column in every refusal.

Only what an argument map needs is read: statements ``[title]: text``, arguments
``<title>: text``, untitled statements (every other paragraph), the relation trees
under them (``+ - +> -> <+ <- _> <_ ><``), premise–conclusion lists ``(1) …`` and
element data ``{key: value}``, each list gathered with the argument just before it
into a ``Structure`` of inference steps. Front matter, headings, inference rules and
comments are left out; so are includes, which Argdown only resolves in its own tools. As the
Argdown tool reads them: a heading runs on to the next blank line, each item of a ``*``
or ``1.`` list is an element of its own, and a title keeps its backslashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argline.io.errors import ImportRefused

MAX_ARGDOWN_BYTES = 4 * 1024 * 1024  # a hand-written map is kilobytes; refuse, don't crawl
MAX_ELEMENTS = 20_000  # statements and arguments: far beyond any map a person reads

STATEMENT = "statement"
ARGUMENT = "argument"

# Longest first: "<+" must not be read as the start of an argument title "<…>".
_MARKER = re.compile(r"(\+>|->|_>|<\+|<-|<_|><|\+|-)(?=\s|$)")
# A Markdown link's target is not a comment, though "https://" holds "//"; nor is a
# title's "//" or "/*" where a line opens with one: Argdown reads titles whole.
_COMMENT = re.compile(
    r"(?P<kept>\\.|\]\([^)\s\[(]{0,2000}\)"
    r"|^[ \t]*(?:(?:\+>|->|_>|<\+|<-|<_|><|\+|-|\*|\d{1,9}\.|\(\d{1,9}\))[ \t]+)?"
    r"(?:\[(?:\\.|[^\]\\\n])*\](?!\()|<(?![!+_-])(?:\\.|[^>\\\n])*>))"
    r"|/\*.*?\*/|//[^\n]*|<!--.*?-->|/\*|<!--",
    re.DOTALL | re.MULTILINE,
)
_HEADING = re.compile(r"#{1,6}\s")
_LIST_ITEM = re.compile(r"(?:\*|\d{1,9}\.)[ \t]+")
_PCS_ITEM = re.compile(r"\((\d{1,9})\)\s*")
_INFERENCE = re.compile(r"-{2,}\s*$")
_INLINE_INFERENCE = re.compile(r"--(?!-*\s*$).*--\s*$")  # "-- rule --" on one line
_KEY = re.compile(r"[^:,{}\[\]\"']+")
_PLAIN_VALUE = re.compile(r"[^,}\]]*")
_LINK = re.compile(r"\[[^\]\\]*\]\(")
_LINK_TEXT = re.compile(r"(?<!\\)\[([^\[\]\\\n]{0,500})\]\(([^)\s\[(]{0,2000})\)")
_STRONG = re.compile(r"(?<![\\\w])(\*\*|__)(?=\S)(.{1,300}?)(?<=[^\s\\])\1(?!\w)")
_EMPHASIS = re.compile(r"(?<![\\\w*])([*_])(?=[^\s*_])(.{1,300}?)(?<=[^\s\\*_])\1(?![\w*])")


@dataclass(slots=True)
class Element:
    """One occurrence of a statement or argument: defined, referenced or untitled."""

    kind: str
    title: str  # "" for an untitled statement
    text: str
    data: dict[str, str]
    line: int
    column: int
    pcs_role: str = ""  # "premise" or "conclusion" inside a premise–conclusion list


@dataclass(frozen=True, slots=True)
class Link:
    """A relation as written: ``marker`` between the parent element and a child element."""

    parent: Element
    marker: str
    child: Element


@dataclass(slots=True)
class Structure:
    """A premise–conclusion structure: its argument (None when untitled) and its inference
    steps, each the premises it rests on and the conclusion drawn (a step's premises begin
    with the conclusion of the step before)."""

    argument: Element | None
    items: list[Element] = field(default_factory=list)

    @property
    def steps(self) -> list[tuple[list[Element], Element]]:
        steps: list[tuple[list[Element], Element]] = []
        premises: list[Element] = []
        for item in self.items:
            if item.pcs_role == "conclusion":
                steps.append((premises, item))
                premises = [item]
            else:
                premises.append(item)
        return steps


@dataclass(slots=True)
class Document:
    """What an Argdown file holds, in the order written."""

    front_matter: dict[str, str] = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    structures: list[Structure] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Return the file's text; refuse oversized files and invalid UTF-8 with its place."""
    if len(data) > MAX_ARGDOWN_BYTES:
        raise ImportRefused(
            f"the file is {len(data) / 2**20:.0f} MiB; Argline reads Argdown files up to "
            f"{MAX_ARGDOWN_BYTES // 2**20} MiB"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ImportRefused(
            f"byte {error.start}: the file is not valid UTF-8",
            where=f"line {line}, column {column}",
        ) from None
    if "\x00" in text:
        raise ImportRefused("the file holds NUL characters: it is not Argdown text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str) -> Document:
    """Return the elements and relations of an Argdown text; raise ImportRefused on bad syntax."""
    document = Document()
    lines = text.split("\n")
    _read_front_matter(lines, document)
    written = "\n".join(lines)
    _Reader(document).read(_blank_comments(written).split("\n"), written.split("\n"))
    return document


def _read_front_matter(lines: list[str], document: Document) -> None:
    """Take the YAML front matter between ``===`` lines, keeping its top-level text fields.

    A value may run on over lines indented under its key, as YAML folds them: plain,
    quoted, or a ``>`` or ``|`` block.
    """
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "===":
        return
    for end in range(first + 1, len(lines)):
        if lines[end].strip() == "===":
            break
    else:
        raise ImportRefused("front matter opened with === is never closed", where=_at(first + 1, 1))
    n = first + 1
    while n < end:
        match = _MATTER_KEY.match(lines[n])
        n += 1
        if not match:
            continue
        more = []
        while n < end and (not lines[n].strip() or lines[n][:1] in " \t"):
            more.append(lines[n])
            n += 1
        value = _yaml_scalar(match.group(2).strip(), more)
        if value is not None:
            document.front_matter[match.group(1)] = value
    for n in range(first, end + 1):
        lines[n] = ""


_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]*):[ \t]*(.*)$")
_NESTED = re.compile(r"\s*(?:-(?:\s|$)|[^\s:#]+:(?:\s|$))")


def _yaml_scalar(value: str, more: list[str]) -> str | None:
    """Return a YAML scalar as text, its indented lines ``more`` folded in; None if nested."""
    while more and not more[-1].strip():
        more.pop()
    if value[:1] in ("|", ">"):
        block = "\n".join(line.strip() for line in more)
        if value[0] == "|":
            return block
        return re.sub(r"\n(\n?)", lambda m: m.group(1) or " ", block)  # '>' folds a line break
    if not value and more and _NESTED.match(more[0]):
        return None
    if value and value[0] in "[{&*!":
        return None
    folded = " ".join([value, *(line.strip() for line in more)]).strip()
    if folded[:1] == '"':
        return _quoted(folded, 0)[0]
    if folded[:1] == "'" and folded.endswith("'") and len(folded) > 1:
        return folded[1:-1].replace("''", "'")
    return folded.split(" #", 1)[0].strip() or None


def _blank_comments(text: str) -> str:
    """Return the text with comments replaced by spaces, keeping every line and column."""

    def blank(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group("kept") is not None:  # an escape, a link's target, a title
            return found
        if found in ("/*", "<!--"):
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - text.rfind("\n", 0, match.start())
            closer = "*/" if found == "/*" else "-->"
            raise ImportRefused(
                f"a comment opened with {found} is never closed with {closer}",
                where=_at(line, column),
            )
        return re.sub(r"[^\n]", " ", found)

    if "/" not in text and "<!--" not in text:
        return text
    return _COMMENT.sub(blank, text)


class _Reader:
    """Reads lines into elements and relation trees; an indented relation hangs from above."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.tree: list[tuple[int, Element]] = []  # open elements, by indentation
        self.open: tuple[Element, list[str], int] | None = None  # element taking more lines
        self.in_inference = False
        self.next_is_conclusion = False
        self.heading: list[str] | None = None  # the lines of the heading being read
        self.structure: Structure | None = None  # the premise–conclusion list being read
        self.last_root: Element | None = None  # the last element begun on a line of its own

    def read(self, lines: list[str], written: list[str]) -> None:
        for number, (raw, before) in enumerate(zip(lines, written, strict=True), start=1):
            if raw.strip() or not before.strip():  # a line holding only a comment is no break
                self.line(number, raw.expandtabs(4))
        self.close()
        self.end_heading()

    def end_heading(self) -> None:
        if self.heading is not None:
            self.document.headings.append(" ".join(self.heading))
            self.heading = None

    def line(self, number: int, raw: str) -> None:
        content = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if not content:
            self.close()
            self.tree = []
            self.end_heading()
            return
        if self.heading is not None:
            self.heading.append(content)
            return
        if self.inference(content):
            return
        if indent == 0 and _HEADING.match(content):
            self.close()
            self.tree = []
            self.structure = None
            self.heading = [content.lstrip("#").strip()]
            return
        pcs = _PCS_ITEM.match(content)
        if pcs:
            self.close()
            role = "conclusion" if self.next_is_conclusion else "premise"
            self.next_is_conclusion = False
            column = indent + pcs.end() + 1
            before = self.document.elements[-1] if self.document.elements else None
            element = self.start(raw[indent + pcs.end() :], number, column, role)
            self.tree = [(indent, element)]
            self.add_to_structure(element, int(pcs.group(1)), before)
            return
        item = _LIST_ITEM.match(content)
        if item:
            self.close()
            self.structure = None
            column = indent + item.end() + 1
            element = self.start(raw[indent + item.end() :], number, column, "")
            self.tree = [(indent, element)]
            return
        marker = _MARKER.match(content)
        if marker:
            self.relation(number, indent, marker, raw)
            return
        if self.open is not None:
            self.open[1].append(content)
            return
        self.structure = None
        element = self.start(raw[indent:], number, indent + 1, "")
        self.tree = [(indent, element)]
        self.last_root = element

    def add_to_structure(self, element: Element, number: int, before: Element | None) -> None:
        """Add a list item to the structure being read, or begin one: at a first item, or
        at an item numbered (1) after a conclusion. The argument it reconstructs is the
        element just before, when that is an argument standing on its own."""
        current = self.structure
        if current is None or (number == 1 and current.items[-1].pcs_role == "conclusion"):
            standing = before is not None and before is self.last_root
            argument = (
                before if before is not None and standing and before.kind == ARGUMENT else None
            )
            current = self.structure = Structure(argument)
            self.document.structures.append(current)
        current.items.append(element)

    def inference(self, content: str) -> bool:
        """Read an inference line (``----``, ``-- rule --``, or ``--`` rules ``--``); tell
        whether the line was one, or lay inside one."""
        if self.in_inference:
            if _INFERENCE.match(content):
                self.in_inference = False
                self.next_is_conclusion = True
            return True
        inline = _INLINE_INFERENCE.match(content)
        if not inline and not (_INFERENCE.match(content) and not _MARKER.match(content)):
            return False
        self.close()
        self.tree = []
        if inline or len(content.rstrip()) >= 4:
            self.next_is_conclusion = True
        else:
            self.in_inference = True
        return True

    def relation(self, number: int, indent: int, marker: re.Match[str], raw: str) -> None:
        symbol = marker.group(1)
        if not self.tree:
            raise ImportRefused(
                f"the relation {symbol} has no statement or argument above it to hang from "
                "(a blank line ends a relation tree)",
                where=_at(number, indent + 1),
            )
        self.close()
        while len(self.tree) > 1 and self.tree[-1][0] >= indent:
            self.tree.pop()
        parent = self.tree[-1][1]
        rest = raw[indent + marker.end() :]
        start = len(rest) - len(rest.lstrip())
        if not rest.strip():
            raise ImportRefused(
                f"the relation {symbol} names no statement or argument",
                where=_at(number, indent + 1),
            )
        column = indent + marker.end() + start + 1
        child = self.start(rest[start:], number, column, "")
        self.document.links.append(Link(parent, symbol, child))
        self.tree.append((indent, child))

    def start(self, head: str, number: int, column: int, pcs_role: str) -> Element:
        """Begin an element from the rest of its first line; later lines may add text."""
        self.close()
        if len(self.document.elements) >= MAX_ELEMENTS:
            raise ImportRefused(
                f"more than {MAX_ELEMENTS} statements and arguments: too many for one map",
                where=_at(number, column),
            )
        kind, title, text, defined = _head(head, number, column)
        element = Element(kind, title, "", {}, number, column, pcs_role)
        self.document.elements.append(element)
        if defined or not title or text.lstrip().startswith("{"):  # "[title] {data}" too
            self.open = (element, [text], number)
        elif text.strip():
            raise ImportRefused(
                f"expected ':' after {_bracketed(kind, title)} before its text",
                where=_at(number, column),
            )
        return element

    def close(self) -> None:
        if self.open is None:
            return
        element, parts, number = self.open
        self.open = None
        element.text, element.data = _clean(" ".join(parts), number, element.column)


def _head(head: str, number: int, column: int) -> tuple[str, str, str, bool]:
    """Return kind, title, the text after the title, and whether a ':' defined it."""
    opener = head[:1]
    if opener not in ("[", "<") or head.startswith(("<!--", "<+", "<-", "<_")):
        return STATEMENT, "", head, False
    if opener == "[" and _LINK.match(head):
        return STATEMENT, "", head, False  # a paragraph that opens with a Markdown link
    closer = "]" if opener == "[" else ">"
    title_chars: list[str] = []
    n = 1
    while n < len(head):
        char = head[n]
        if char == "\\" and n + 1 < len(head):
            title_chars.append(head[n : n + 2])  # Argdown keeps the backslash in a title
            n += 2
            continue
        if char == closer:
            break
        title_chars.append(char)
        n += 1
    else:
        if opener == "<":
            return STATEMENT, "", head, False  # "<" in running text, not an argument
        raise ImportRefused(
            f"the title opened with {opener} is never closed", where=_at(number, column)
        )
    title = " ".join("".join(title_chars).split())
    kind = STATEMENT if opener == "[" else ARGUMENT
    if not title:
        raise ImportRefused(f"{opener}{closer} needs a title inside", where=_at(number, column))
    rest = head[n + 1 :]
    if rest.startswith(":"):
        return kind, title, rest[1:], True
    return kind, title, rest, False


def _clean(raw: str, number: int, column: int) -> tuple[str, dict[str, str]]:
    """Return an element's text and data: Markdown emphasis and escapes undone, spaces collapsed.

    A link keeps its address in brackets after its text, since an analyst may need it.
    """
    raw = _LINK_TEXT.sub(r"\1 (\2)", raw)
    raw = _EMPHASIS.sub(r"\2", _STRONG.sub(r"\2", raw))
    out: list[str] = []
    data: dict[str, str] = {}
    n = 0
    while n < len(raw):
        char = raw[n]
        if char == "\\" and n + 1 < len(raw):
            out.append(raw[n + 1])
            n += 2
        elif char == "{":
            data, n = _data(raw, n, number, column)
        else:
            out.append(char)
            n += 1
    return " ".join("".join(out).split()), data


def _data(raw: str, start: int, number: int, column: int) -> tuple[dict[str, str], int]:
    """Read a ``{key: value, …}`` flow mapping; keep text values, skip nested ones."""
    data: dict[str, str] = {}
    n = start + 1
    where = _at(number, column)
    while True:
        n = _skip_space(raw, n)
        if n >= len(raw):
            raise ImportRefused("the data opened with { is never closed", where=where)
        if raw[n] == "}":
            return data, n + 1
        if raw[n] in "\"'":
            key, n = _quoted(raw, n)
        else:
            match = _KEY.match(raw, n)
            if not match:
                raise ImportRefused(f"unexpected {raw[n]!r} in the data {{…}}", where=where)
            key, n = match.group(0).strip(), match.end()
        n = _skip_space(raw, n)
        if n < len(raw) and raw[n] == ":":
            value, n = _value(raw, _skip_space(raw, n + 1), where)
            if value is not None:
                data[key] = value
        n = _skip_space(raw, n)
        if n < len(raw) and raw[n] == ",":
            n += 1


def _value(raw: str, n: int, where: str) -> tuple[str | None, int]:
    if n < len(raw) and raw[n] in "\"'":
        return _quoted(raw, n, where)
    if n < len(raw) and raw[n] in "[{":
        return None, _skip_nested(raw, n, where)
    match = _PLAIN_VALUE.match(raw, n)
    assert match is not None
    return match.group(0).strip(), match.end()


def _skip_nested(raw: str, n: int, where: str) -> int:
    """Return the index after the bracketed value at ``n``, however deep it nests."""
    depth = 0
    while n < len(raw):
        char = raw[n]
        if char in "\"'":
            n = _quoted(raw, n, where)[1]
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return n + 1
        n += 1
    raise ImportRefused("the data opened with { is never closed", where=where)


def _quoted(raw: str, n: int, where: str = "") -> tuple[str, int]:
    """Read a quoted YAML scalar: double quotes with backslash escapes, single with ''."""
    quote = raw[n]
    out: list[str] = []
    n += 1
    while n < len(raw):
        char = raw[n]
        if quote == '"' and char == "\\" and n + 1 < len(raw):
            escaped = raw[n + 1]
            if escaped == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", raw[n + 2 : n + 6]):
                out.append(chr(int(raw[n + 2 : n + 6], 16)))
                n += 6
                continue
            out.append({"n": "\n", "t": "\t"}.get(escaped, escaped))
            n += 2
            continue
        if char == quote:
            if quote == "'" and raw[n + 1 : n + 2] == "'":
                out.append("'")
                n += 2
                continue
            return "".join(out), n + 1
        out.append(char)
        n += 1
    raise ImportRefused(f"a value opened with {quote} is never closed", where=where)


def _skip_space(raw: str, n: int) -> int:
    while n < len(raw) and raw[n] in " \t":
        n += 1
    return n


def _bracketed(kind: str, title: str) -> str:
    return f"[{title}]" if kind == STATEMENT else f"<{title}>"


def _at(line: int, column: int) -> str:
    return f"line {line}, column {column}"
