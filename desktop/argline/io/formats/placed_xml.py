"""XML read safely, each element's line and column kept for refusals that name the place.

Read with defusedxml and no DTD allowed, so no entity expansion and no external file or
network; nesting deeper than MAX_DEPTH is refused before the tree grows. The Timeline
Project's and SIMILE's readers both read their files here.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from argline.io.errors import ImportRefused

MAX_DEPTH = 64  # timeline files nest a few deep; deeper is no such file, and slow to build


def _clark(name: str) -> str:
    """Return expat's 'uri}name' as ElementTree writes it: '{uri}name'."""
    return "{" + name if "}" in name else name


class _PlacedBuilder(TreeBuilder):
    """Builds the tree and remembers the line and column where each element starts."""

    def __init__(self, usual_depth: str) -> None:
        super().__init__()
        self.places: dict[int, tuple[int, int]] = {}
        self.depth = 0
        self.usual_depth = usual_depth

    def handle(self, parser: DefusedXMLParser) -> None:
        """Take expat's element events straight from ``parser``'s expat.

        ElementTree's Python parser hands each element to its target through two more
        calls and names every attribute again: a third of a 100,000-event file's read.
        Namespaced names ('uri}name' from expat) are still written as ElementTree's.
        """
        expat = parser.parser
        places, start, end = self.places, super().start, super().end

        def started(tag: str, attrs: dict[str, str]) -> None:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ImportRefused(
                    f"line {expat.CurrentLineNumber}, column {expat.CurrentColumnNumber + 1}:"
                    f" elements nested over {MAX_DEPTH} deep; {self.usual_depth}"
                )
            if "}" in tag:
                tag = _clark(tag)
            for key in attrs:
                if "}" in key:
                    attrs = {_clark(name): value for name, value in attrs.items()}
                    break
            element = start(tag, attrs)
            places[id(element)] = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)

        def ended(tag: str) -> None:
            self.depth -= 1
            end(_clark(tag) if "}" in tag else tag)

        expat.ordered_attributes = False
        expat.StartElementHandler = started
        expat.EndElementHandler = ended


class PlacedDocument:
    """A parsed XML file: its root, and where each element starts, for refusals."""

    def __init__(self, root: Element, places: dict[int, tuple[int, int]]) -> None:
        self.root = root
        self.places = places

    def where(self, element: Element) -> str:
        line, column = self.places.get(id(element), (0, 0))
        return f"line {line}, column {column} <{element.tag}>"

    def refuse(self, element: Element, message: str) -> ImportRefused:
        return ImportRefused(message, where=self.where(element))


def parse_placed(data: bytes, *, usual_depth: str) -> PlacedDocument:
    """Return the XML in ``data`` with its elements' places; refuse naming line and column.

    ``usual_depth`` says how deep the format nests, for the refusal of a deeper file.
    """
    builder = _PlacedBuilder(usual_depth)
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    expat = parser.parser
    builder.handle(parser)
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":", 1)[0]
        raise ImportRefused(f"line {line}, column {column + 1}: malformed XML ({reason})") from None
    except DefusedXmlException as error:
        line, column = expat.CurrentLineNumber, expat.CurrentColumnNumber + 1
        raise ImportRefused(
            f"line {line}, column {column}: the file declares a DTD or entities "
            f"({type(error).__name__}); Argline reads no DTD, so no entity expansion"
            " or external file"
        ) from None
    return PlacedDocument(root, builder.places)
