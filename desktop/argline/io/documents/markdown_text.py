"""Markdown files: the text a reader of the rendered page sees, without the markup.

Parsed by ``markdown-it-py`` (CommonMark, with GitHub's tables and strikethrough): the
reference parser's Python port, kept up by the Executable Books project, where a
hand-made pass over the markup would misread nested lists, code and escapes. Headings
and paragraphs become paragraphs, list items lines (a bullet or their number first),
code is kept as written, links and images their text, emphasis markers dropped. A
title comes from YAML front matter, else from the first top-level heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from argline.io.documents.document import ReadDocument, metadata_pairs, paragraphs, within_limit
from argline.io.documents.text_encoding import decode_text
from argline.io.formats.html_text import plain_text
from argline.model.passages import DocumentFormat

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
# Front matter fields by the metadata key they give.
_FIELDS = {
    "title": "title",
    "author": "author",
    "date": "published",
    "published": "published",
    "lang": "language",
    "language": "language",
}
_LIST_CLOSES = frozenset({"bullet_list_close", "ordered_list_close"})


def read_markdown(data: bytes, *, file: str) -> ReadDocument:
    """Return the plain text of a Markdown file, with its title and the encoding it was in."""
    decoded = decode_text(data, file=file)
    source = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(source)
    if front and _FIELD.search(front.group(1)):
        source = source[front.end() :]
        for name, value in _FIELD.findall(front.group(1)):
            key = _FIELDS.get(name.lower())
            if key and key not in fields:
                fields[key] = value.strip("\"'")
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendering = _Rendering()
    rendering.render(parser.parse(source))
    fields.setdefault("title", rendering.title or "")
    return ReadDocument(
        within_limit(paragraphs("\n\n".join(rendering.blocks)), file=file),
        DocumentFormat.MARKDOWN,
        metadata=metadata_pairs(**fields, encoding=decoded.encoding),
    )


@dataclass
class _Rendering:
    """Markdown tokens as blocks of plain text: a list or a table is one block of lines."""

    blocks: list[str] = field(default_factory=list)
    title: str | None = None
    _lines: list[str] = field(default_factory=list)
    _items: list[str] = field(default_factory=list)  # each open list item's indent
    _bullet: str | None = None  # the open item's marker, until its first line takes it
    _row: list[str] | None = None
    _heading: str | None = None

    def render(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind == "inline":
                self._place(_inline_text(token))
            elif kind in ("fence", "code_block"):
                self._place(token.content.rstrip("\n"))
            elif kind == "html_block":
                self._place(plain_text(token.content))
            elif kind == "heading_open":
                self._heading = token.tag
            elif kind == "heading_close":
                self._heading = None
            elif kind == "list_item_open":
                self._bullet = f"{token.info}{token.markup} " if token.info else "• "
                self._items.append("  " * len(self._items))
            elif kind == "list_item_close":
                self._items.pop()
            elif kind in _LIST_CLOSES and not self._items:
                self._end_lines()
            elif kind == "tr_open":
                self._row = []
            elif kind == "tr_close" and self._row is not None:
                self._lines.append("\t".join(self._row))
                self._row = None
            elif kind == "table_close":
                self._end_lines()

    def _place(self, text: str) -> None:
        if not text.strip():
            return
        if self._row is not None:
            self._row.append(" ".join(text.split()))
        elif self._items:
            indent = self._items[-1]
            marker, self._bullet = self._bullet or "  ", None
            first, *rest = text.split("\n")
            self._lines.append(indent + marker + first)
            self._lines.extend(indent + "  " + line for line in rest)
        else:
            if self._heading == "h1" and self.title is None:
                self.title = text
            self.blocks.append(text)

    def _end_lines(self) -> None:
        if self._lines:
            self.blocks.append("\n".join(self._lines))
        self._lines = []


def _inline_text(token: Token) -> str:
    """Return the text of an inline token: links and images as their text, markers dropped."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)
