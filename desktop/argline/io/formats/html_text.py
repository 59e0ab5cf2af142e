"""Plain text from the HTML other tools put in titles and descriptions, and back.

Argline shows descriptions as plain text, never as HTML. A reader keeps the text a
person would read and the original markup beside it as an attribute; a writer puts the
markup back while the text still reads the same, so an untouched event leaves as it came.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

# Elements whose end (or, for br, whose presence) starts a new line of text.
_BREAKS = frozenset({"br", "p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "tr"})


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "br":
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS and tag != "br":
            self.pieces.append("\n")


def has_markup(text: str) -> bool:
    return "<" in text or "&" in text


def plain_text(markup: str) -> str:
    """Return the text of an HTML fragment: tags dropped, entities read, blocks on new lines."""
    if "<" not in markup:
        # Entities only: read exactly, so that escaped text comes back as it was.
        return html.unescape(markup) if "&" in markup else markup
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = "".join(parser.pieces).split("\n")
    return "\n".join(line.strip() for line in lines).strip("\n")


def markup_for(text: str, original: str | None) -> str:
    """Return HTML for ``text``: the original markup if it still reads as ``text``, else escaped."""
    if original is not None and plain_text(original) == text:
        return original
    return html.escape(text, quote=False) if has_markup(text) else text
