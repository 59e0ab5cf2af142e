"""CSV both ways: rows with the line each starts on, and cells safe from spreadsheet formulas.

A cell starting with '=', '+', '-' or '@' (or tab or carriage return) is run as a formula
by spreadsheet programs that open the file: a writer prefixes it with an apostrophe, as
OWASP advises; plain numbers such as '-43' stay as they are. A reader takes the apostrophe
off again, so a value survives export and import unchanged; a cell that starts with an
apostrophe itself is written with a second one for the same reason.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

from argline.io.errors import ImportRefused

_FORMULA_START = frozenset("=+-@\t\r'")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def neutralised(cell: str) -> str:
    """Return the cell as a spreadsheet will show it without running it as a formula."""
    if cell and cell[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restored(cell: str) -> str:
    """Return the value a neutralised cell stood for (other cells unchanged)."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA_START:
        return cell[1:]
    return cell


def write_rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """Return UTF-8 CSV (CRLF lines, as spreadsheets write) with every cell neutralised.

    The header too: an attribute's name is a column's, and a reader restores every row.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralised(cell) for cell in header])
    writer.writerows([neutralised(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8")


def decode_text(data: bytes) -> str:
    """Return the file's text; refuse bytes that are not UTF-8, naming where."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"byte {error.start}: the file is not valid UTF-8") from None


def read_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each record with the line it starts on, cells restored; refuse malformed CSV."""
    delimiter = ";" if _looks_semicolon_separated(text) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    # Without an apostrophe anywhere no cell was neutralised: rows need no look then.
    may_be_neutralised = "'" in text
    line = 1
    try:
        for cells in reader:
            neutral = may_be_neutralised and any(cell[:1] == "'" for cell in cells)
            yield line, [restored(cell) for cell in cells] if neutral else cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportRefused(f"line {reader.line_num or line}: malformed CSV ({error})") from None


def _looks_semicolon_separated(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return ";" in first and "," not in first


def where(line: int, column: int, name: str) -> str:
    """Return the place of a cell as errors name it: line, column number and header."""
    return f"line {line}, column {column} ({name})"
