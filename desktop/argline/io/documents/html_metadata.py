"""What a web page says about itself: title, author, date of publication, site, language.

Read where Firefox's reader view (Readability.js) reads them, in its order: the page's
schema.org JSON-LD, then its Open Graph, Dublin Core and article meta tags, then the
page itself (the ``<html lang>``, an element marked as the byline). readability-lxml
gives only the title, so the rest is read here; nothing on the page is run or fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

# Meta names and properties for each field, the first found wins.
_TITLE_TAGS = ("dc:title", "dcterm:title", "og:title", "title", "twitter:title")
_AUTHOR_TAGS = (
    "dc:creator",
    "dcterm:creator",
    "author",
    "parsely-author",
    "article:author",
    "og:article:author",
)
_DATE_TAGS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "dcterm:issued",
    "dcterm:created",
    "dc:date",
    "parsely-pub-date",
    "pdate",
    "date",
)
_SITE_TAGS = ("og:site_name",)
_LANGUAGE_TAGS = ("dc:language", "content-language", "og:locale")
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|WebPage|CreativeWork", re.IGNORECASE)
_BYLINE = re.compile(r"byline|author|dateline|writtenby|p-author", re.IGNORECASE)
_BY = re.compile(r"^(by|par|von|di|por)\s+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
# A byline longer than this is a paragraph that mentions an author, not a byline.
_BYLINE_CHARACTERS = 100


def page_metadata(page: HtmlElement, *, fallback_title: str) -> dict[str, str]:
    """Return the page's title, author, published (ISO date), site and language, where known."""
    tags = _meta_tags(page)
    linked = _linked_data(page)
    found = {
        "title": _text(linked.get("headline")) or _first(tags, _TITLE_TAGS) or fallback_title,
        "author": _byline(_person(linked.get("author")) or _first(tags, _AUTHOR_TAGS, urls=False))
        or _byline(_marked_byline(page)),
        "published": _iso_date(_text(linked.get("datePublished")))
        or _iso_date(_first(tags, _DATE_TAGS)),
        "site": _first(tags, _SITE_TAGS) or _person(linked.get("publisher")),
        "language": _language(
            page.get("lang") or page.get("{http://www.w3.org/XML/1998/namespace}lang")
        )
        or _language(_text(linked.get("inLanguage")))
        or _language(_first(tags, _LANGUAGE_TAGS)),
    }
    return {key: value for key, value in found.items() if value}


def _meta_tags(page: HtmlElement) -> dict[str, str]:
    """Return each meta tag's content by its lower-cased name, property or itemprop."""
    tags: dict[str, str] = {}
    for meta in page.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            for name in (meta.get(attribute) or "").lower().split():
                tags.setdefault(name.replace("dcterms", "dcterm").replace(".", ":"), content)
    return tags


def _first(tags: dict[str, str], names: tuple[str, ...], *, urls: bool = True) -> str:
    for name in names:
        value = " ".join(tags.get(name, "").split())
        if value and (urls or not value.startswith(("http://", "https://"))):
            return value
    return ""


def _linked_data(page: HtmlElement) -> dict[str, Any]:
    """Return the page's schema.org article object, or an empty one."""
    for script in page.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = (script.text or "").strip()
        source = source.removeprefix("<![CDATA[").removesuffix("]]>").strip()
        source = re.sub(r"^\s*//.*$", "", source, flags=re.MULTILINE)
        try:
            data = json.loads(source)
        except ValueError:
            continue
        for item in _objects(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(kind, str) and _ARTICLE_TYPES.search(kind) for kind in kinds):
                return item
    return {}


def _objects(data: object) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"))


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _person(value: object) -> str:
    """Return the name(s) of a JSON-LD person or organisation, or of a list of them."""
    if isinstance(value, list):
        return ", ".join(name for name in map(_person, value) if name)
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _marked_byline(page: HtmlElement) -> str:
    """Return the text of the first element the page marks as its byline, if it is short."""
    for element in page.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "link", "script"):
            continue
        marks = " ".join((element.get("class") or "", element.get("id") or ""))
        if (
            element.get("rel") == "author"
            or "author" in (element.get("itemprop") or "")
            or _BYLINE.search(marks)
        ):
            text = " ".join(element.text_content().split())
            if 0 < len(text) < _BYLINE_CHARACTERS:
                return text
    return ""


def _byline(text: str) -> str:
    return _BY.sub("", text).strip()


def _iso_date(text: str) -> str:
    """Return the ISO date (YYYY-MM-DD) a timestamp starts with, or ""."""
    match = _ISO_DATE.match(text)
    if not match:
        return ""
    year, month, day = match.groups()
    return f"{year}-{month}-{day}" if "01" <= month <= "12" and "01" <= day <= "31" else ""


def _language(tag: str | None) -> str:
    """Return a language tag as BCP 47 writes it ("en_GB" as "en-GB"), or ""."""
    tag = (tag or "").strip().replace("_", "-")
    return tag if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", tag) else ""
