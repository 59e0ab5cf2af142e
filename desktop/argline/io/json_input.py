"""Decode untrusted JSON safely and read typed fields from it with JSON-path error messages."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from argline.io.errors import ImportRefused
from argline.model.dates import DateError, HistoricalDate

MAX_DIGITS = 30  # no field of any format we read needs a longer number
# Counts and offsets in a text fit a database's INTEGER (PostgreSQL's is 32 bits): a
# larger one stopped an import with the driver's OverflowError.
MOST_CHARACTERS = 2**31 - 1


def decode_json(data: bytes, *, stream: tuple[str, Callable[[Any], Any]] | None = None) -> Any:
    """Return the JSON in ``data``; refuse bad UTF-8 or JSON, numbers that cannot be held
    (NaN, infinities, 1e400, huge whole numbers), a key given twice in an object, deep nests.

    ``stream`` names a list in the top-level object and a function for its items: each
    item is handed to it as soon as it is parsed and what it returns stands in the list,
    so that a file's million events are never all held as dicts at once (600 MB, beside
    the 160 MB file and its text). A text not plainly of that shape is read whole and
    its items left as parsed, even after some were handed over: the function should do
    nothing but return what it reads. An item holding a value refused is kept as parsed,
    so that the refusal can name the value's place.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"byte {error.start}: the file is not valid UTF-8") from None
    refused: list[str] = []  # why each value the parser could not hold was refused
    decoder = _decoder(refused)
    # Only an escape can put half a character in a string. Such a text is read whole, so
    # that the check that names the string's place sees every string as parsed.
    halves = _SURROGATE_ESCAPE.search(text) is not None
    try:
        if stream is None or halves:
            value = decoder.decode(text)
        else:
            value = _streamed(text, decoder, *stream, refused)
        if halves or refused:
            _refuse_unheld(value, "", halves=halves)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"line {error.lineno}, column {error.colno}: malformed JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise ImportRefused("the JSON is nested too deeply to be a real file") from None
    return value


class _Unheld:
    """Stands, as the file is parsed, for a number Argline cannot hold: why, in ``reason``."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _RepeatedKey(dict[str, Any]):
    """An object that gives one of its keys twice: the key in ``repeated``."""

    repeated = ""


def _decoder(refused: list[str]) -> json.JSONDecoder:
    """Return a decoder that puts a mark where a value cannot be held, noting each in ``refused``.

    The parser knows no place; ``_refuse_unheld`` finds the first mark's afterwards.
    """

    def unheld(reason: str) -> _Unheld:
        refused.append(reason)
        return _Unheld(reason)

    def constant(name: str) -> _Unheld:
        return unheld(f"{name} is not a number Argline accepts")

    def whole(digits: str) -> int | _Unheld:
        if len(digits) > MAX_DIGITS:
            return unheld(f"a number of {len(digits)} digits is too long")
        return int(digits)

    def fraction(digits: str) -> float | _Unheld:
        value = float(digits)
        if math.isinf(value):
            shown = digits if len(digits) <= 40 else digits[:40] + "…"
            return unheld(f"the number {shown} is too large to hold")
        return value

    def members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        marked = _RepeatedKey(pairs)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                marked.repeated = key
                break
            seen.add(key)
        refused.append(f"the key {marked.repeated!r} is given twice")
        return marked

    return json.JSONDecoder(
        parse_constant=constant, parse_int=whole, parse_float=fraction, object_pairs_hook=members
    )


def _streamed(
    text: str,
    decoder: json.JSONDecoder,
    name: str,
    read: Callable[[Any], Any],
    refused: list[str],
) -> Any:
    """Return the value of ``text``, the items of its list ``name`` read through ``read``.

    The quick road takes an object with each member and item followed by what JSON
    allows, and no member given twice; anything else, malformed text too, the decoder
    reads whole, as ``json.loads`` would: then it alone words the refusal. Both parse
    every value with the same decoder.
    """
    try:
        return _streamed_object(text, decoder, name, read, refused)
    except (json.JSONDecodeError, _NotPlain):
        refused.clear()
        return decoder.decode(text)


class _NotPlain(Exception):
    """The text is not an object of members and items plainly followed by what JSON allows."""


def _streamed_object(
    text: str, decoder: json.JSONDecoder, name: str, read: Callable[[Any], Any], refused: list[str]
) -> dict[str, Any]:
    """Return the object that is the whole text; raise _NotPlain where it is not plain."""
    found: dict[str, Any] = {}
    at = _past(text, _skip(text, 0), "{")
    if not text.startswith("}", at):
        while True:
            if not text.startswith('"', at):
                raise _NotPlain
            key, at = decoder.raw_decode(text, at)
            if key in found:
                raise _NotPlain
            at = _past(text, _skip(text, at), ":")
            if key == name:
                found[key], at = _streamed_list(text, at, decoder, read, refused)
            else:
                found[key], at = decoder.raw_decode(text, at)
            comma = _COMMA.match(text, at)
            if comma is None:
                break
            at = comma.end()
    if _past(text, _skip(text, at), "}") != len(text):
        raise _NotPlain
    return found


def _streamed_list(
    text: str, at: int, decoder: json.JSONDecoder, read: Callable[[Any], Any], refused: list[str]
) -> tuple[list[Any], int]:
    """Return the list opening at ``at``, each item read through ``read``, and where it ends."""
    items: list[Any] = []
    at = _past(text, at, "[")
    if not text.startswith("]", at):
        while True:
            before = len(refused)
            item, at = decoder.raw_decode(text, at)
            items.append(read(item) if len(refused) == before else item)
            comma = _COMMA.match(text, at)
            if comma is None:
                break
            at = comma.end()
    return items, _past(text, _skip(text, at), "]")


_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, as json.decoder skips it
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")  # and the next value's start, in one match


def _skip(text: str, at: int) -> int:
    """Return where the first token at or after ``at`` starts."""
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # * matches anywhere


def _past(text: str, at: int, mark: str) -> int:
    """Return where the token after ``mark`` starts; raise _NotPlain unless it is at ``at``."""
    if not text.startswith(mark, at):
        raise _NotPlain
    return _skip(text, at + 1)


# \uD800–\uDFFF: one half of a character beyond the first 65,536; JSON pairs them, and a
# half left alone is no text at all (nothing can store or show it).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _refuse_unheld(value: Any, where: str, *, halves: bool) -> None:
    """Refuse the first value in ``value`` the parser marked, naming its JSON path; with
    ``halves``, the first string holding a lone surrogate too."""
    if isinstance(value, _Unheld):
        raise ImportRefused(value.reason, where=where)
    if isinstance(value, str):
        if halves:
            _refuse_half_character(value, where)
    elif isinstance(value, dict):
        if isinstance(value, _RepeatedKey):
            key = value.repeated
            raise ImportRefused(
                f"the key {key!r} is given twice in one object", where=_member(where, key)
            )
        for key, item in value.items():
            if halves:
                _refuse_half_character(key, where)
            _refuse_unheld(item, _member(where, key), halves=halves)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_unheld(item, f"{where}[{index}]", halves=halves)


def _member(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _refuse_half_character(value: str, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        half = f"\\u{ord(value[error.start]):04x}"
        raise ImportRefused(
            f"character {error.start + 1} is half of a character (a lone {half})", where=where
        ) from None


class Fields:
    """Typed access to one JSON object, naming ``path.field`` in every refusal.

    An item of a list may be given its list's path and its place in it instead: its own
    path is then spelt out only when something asks for it (a refusal, mostly), not for
    each of a file's 100,000 claims.
    """

    __slots__ = ("_index", "_path", "value")

    def __init__(self, value: Any, path: str, index: int | None = None) -> None:
        if not isinstance(value, dict):
            where = path if index is None else f"{path}[{index}]"
            raise ImportRefused(f"expected an object, found {_kind(value)}", where=where)
        self.value = value
        self._path = path
        self._index = index

    @property
    def path(self) -> str:
        if self._index is None:
            return self._path
        return f"{self._path}[{self._index}]"

    def where(self, name: str) -> str:
        path = self.path
        return f"{path}.{name}" if path else name

    def text(self, name: str, *, required: bool = False, default: str = "") -> str:
        value = self.value.get(name)
        if type(value) is str and (not required or (value and not value.isspace())):
            return value
        if value is None:
            if required:
                raise ImportRefused("this field is required", where=self.where(name))
            return default
        if not isinstance(value, str):
            raise ImportRefused(f"expected text, found {_kind(value)}", where=self.where(name))
        if required and not value.strip():
            raise ImportRefused("this field must not be empty", where=self.where(name))
        return value

    def choice(self, name: str, options: tuple[str, ...], *, default: str | None = None) -> str:
        value = self.text(name, required=default is None, default=default or "")
        if value not in options:
            raise ImportRefused(
                f"{value!r} is not one of {', '.join(options)}", where=self.where(name)
            )
        return value

    def date(self, name: str) -> HistoricalDate | None:
        """Return the EDTF date in the field, or None when it is absent or null."""
        text = self.text(name)
        return self.required_date(name) if text else None

    def required_date(self, name: str) -> HistoricalDate:
        text = self.text(name, required=True)
        try:
            return HistoricalDate.from_edtf(text)
        except DateError as error:
            raise ImportRefused(str(error), where=self.where(name)) from None

    def boolean(self, name: str, *, default: bool = False) -> bool:
        value = self.value.get(name, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise ImportRefused(
                f"expected true or false, found {_kind(value)}", where=self.where(name)
            )
        return value

    def number(self, name: str) -> float:
        value = self.value.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ImportRefused(f"expected a number, found {_kind(value)}", where=self.where(name))
        return float(value)

    def whole_number(self, name: str, *, default: int | None = None) -> int:
        """Return a count or an offset in a text: a whole number, from 0 to MOST_CHARACTERS."""
        value = self.value.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ImportRefused(
                f"expected a whole number of at least 0, found {_kind(value)}",
                where=self.where(name),
            )
        if value > MOST_CHARACTERS:
            raise ImportRefused(
                f"{value} is more characters than any text holds (at most {MOST_CHARACTERS:,})",
                where=self.where(name),
            )
        return value

    def items(self, name: str) -> list[Any]:
        value = self.value.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ImportRefused(f"expected a list, found {_kind(value)}", where=self.where(name))
        return value

    def objects(self, name: str) -> list[Fields]:
        where = self.where(name)
        return [Fields(item, where, n) for n, item in enumerate(self.items(name))]

    def mapping(self, name: str) -> dict[str, str]:
        value = self.value.get(name)
        if value is None:
            return {}
        fields = Fields(value, self.where(name))
        return {key: fields.text(key) for key in value}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: f"text {value!r}" if isinstance(value, str) and len(value) < 40 else "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)
