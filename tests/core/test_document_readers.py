"""Reading a source document as plain text: text files, Markdown, web pages and PDFs.

The real pages and PDFs come from ../shared/corpus (see its SOURCES.md); each HTML page
sits beside what Firefox's reader view extracts from it, which the article text must
match. Everything else is made here, in the encodings and shapes analysts' files come in.
"""

from __future__ import annotations

import io
import json
import random
import re
import socket
import unicodedata
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from argline.io.documents import (
    MAX_DOCUMENT_BYTES,
    ReadDocument,
    document,
    read_document,
    read_document_bytes,
)
from argline.io.errors import ImportRefused
from argline.model.passages import DocumentFormat, SourceDocument, fingerprint
from conftest import SHARED

HTML_PAGES = ("aclu", "bbc-1", "lemonde-1", "nytimes-1", "rtl-1", "wapo-1")
# The reader view's text against ours, word for word: readability-lxml scored at least
# 0.988 on each page for both (trafilatura 0.935 recall at worst).
RECALL = 0.95
PRECISION = 0.95
_WORD = re.compile(r"\w+")

FRENCH = (
    "Le projet de loi sur le renseignement a été massivement approuvé à l’Assemblée. "
    "« C’est une étape décisive », a déclaré le ministre ; les députés ont voté à une "
    "large majorité, malgré les réserves exprimées par la société civile.\n"
)
RUSSIAN = (
    "Саммит в Хельсинки завершился без совместного заявления. Тем не менее, многие "
    "наблюдатели считают встречу президентов ограниченным успехом: стороны договорились "
    "продолжить диалог о стратегической стабильности.\n"
)


def _read(tmp_path: Path, name: str, data: bytes, **options: str) -> ReadDocument:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path, **options)


def _refusal(tmp_path: Path, name: str, data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as refused:
        _read(tmp_path, name, data)
    assert refused.value.file.endswith(name)
    assert "\n" not in str(refused.value)
    return refused.value


# Plain text --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, Path]:
    """The two seed articles; skip, saying why, only where they are absent."""
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip(f"the seed texts are not beside this checkout ({folder.name})")
    return {path.name: path for path in sorted(folder.glob("*.txt"))}


def test_the_seed_articles_read_as_they_are_written(seed_texts: dict[str, Path]) -> None:
    assert len(seed_texts) == 2
    for path in seed_texts.values():
        raw = path.read_text(encoding="utf-8")
        read = read_document(path)
        expected = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
        assert read.text == expected
        assert read.format == DocumentFormat.TEXT
        assert read.meta("encoding") == "utf-8"
        assert fingerprint(read.text) == fingerprint(raw)


def test_a_utf16_file_with_a_byte_order_mark_reads_with_its_line_ends_normalised(
    tmp_path: Path,
) -> None:
    data = "\ufeffFirst line\r\nSecond — line\r\n".encode("utf-16-le")
    read = _read(tmp_path, "brief.txt", data)
    assert read.text == "First line\nSecond — line\n"
    assert read.meta("encoding") == "utf-16-le"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH * 2, "cp1252"),
        (RUSSIAN * 2, "koi8-r"),
        (RUSSIAN * 2, "cp1251"),
        ("Szczyt w Helsinkach zakończył się bez wspólnego oświadczenia. " * 4, "cp1250"),
        ("Η σύνοδος κορυφής στο Ελσίνκι ολοκληρώθηκε χωρίς κοινή δήλωση. " * 4, "cp1253"),
        ("ヘルシンキでの首脳会談は共同声明なしに終了した。" * 4, "shift_jis"),
    ],
)
def test_a_legacy_8_bit_file_is_read_in_the_encoding_detected(
    tmp_path: Path, text: str, encoding: str
) -> None:
    read = _read(tmp_path, "commentary.txt", text.replace("\n", "\r\n").encode(encoding))
    assert read.text == text
    assert read.meta("encoding") in (encoding, {"shift_jis": "cp932"}.get(encoding))


def test_old_mac_line_ends_and_decomposed_accents_are_normalised(tmp_path: Path) -> None:
    read = _read(tmp_path, "note.txt", "Cafe\u0301 talks\rend".encode())
    assert read.text == "Café talks\nend"


def test_a_nul_byte_is_refused_at_its_offset(tmp_path: Path) -> None:
    refused = _refusal(tmp_path, "notes.txt", b"An ordinary line of text\x00 and more text")
    assert "NUL byte at byte 24" in str(refused)


def test_a_broken_utf8_sequence_is_refused_at_its_byte(tmp_path: Path) -> None:
    written = "Déjà vu: the café’s résumé. ".encode() * 3
    refused = _refusal(tmp_path, "notes.txt", written + b"caf\xe9 cr\xc3\xa8me")
    assert f"not valid UTF-8 at byte {len(written) + 3}" in str(refused)


def test_a_random_binary_file_is_refused(tmp_path: Path) -> None:
    data = random.Random(15).randbytes(20_000)
    assert "binary" in str(_refusal(tmp_path, "mystery.txt", data))


def test_a_word_document_is_refused_saying_what_it_is(tmp_path: Path) -> None:
    refused = _refusal(tmp_path, "brief.docx", b"PK\x03\x04" + bytes(200))
    assert "ZIP archive" in str(refused)
    assert ".docx" in str(refused)


def test_an_unknown_extension_is_refused_unless_the_format_is_named(tmp_path: Path) -> None:
    assert ".rst" in str(_refusal(tmp_path, "notes.rst", b"Plain words\n"))
    assert _read(tmp_path, "notes.rst", b"Plain words\n", format="text").text == "Plain words\n"


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert "is empty" in str(_refusal(tmp_path, "empty.txt", b" \n"))


def test_a_file_over_the_size_limit_is_refused_saying_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(ImportRefused, match="up to 50 MiB"):
        read_document(path)


def test_text_over_the_length_limit_is_refused_saying_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document, "MAX_TEXT_CHARACTERS", 1000)
    with pytest.raises(ImportRefused, match=r"\(1,000 characters\)"):
        _read(tmp_path, "long.txt", b"word " * 201)
    with pytest.raises(ImportRefused, match=r"\(1,000 characters\)"):
        _read(tmp_path, "long.pdf", _pdf([["word " * 100]] * 3))


# Markdown ----------------------------------------------------------------------------

MARKDOWN = """---
title: "Helsinki: who gained?"
author: Chris Cheang
date: 2018-07-20
---

# The summit

The meeting, *tellingly*, ended without a [joint statement](https://example.org)
and with **no** `communiqué`.

- first reason
- second reason
  1. a detail

```
code stays
  as written
```
"""


def test_markdown_reads_as_the_text_of_the_rendered_page(tmp_path: Path) -> None:
    read = _read(tmp_path, "analysis.md", MARKDOWN.encode())
    assert read.format == DocumentFormat.MARKDOWN
    assert read.text == (
        "The summit\n\n"
        "The meeting, tellingly, ended without a joint statement and with no communiqué.\n\n"
        "• first reason\n• second reason\n  1. a detail\n\n"
        "code stays\n  as written"
    )
    assert read.meta("title") == "Helsinki: who gained?"
    assert read.meta("author") == "Chris Cheang"
    assert read.meta("published") == "2018-07-20"


def test_markdown_without_front_matter_takes_its_title_from_its_first_heading(
    tmp_path: Path,
) -> None:
    read = _read(tmp_path, "analysis.markdown", b"Intro line\n\n# Main title\n\n## Part\n")
    assert read.meta("title") == "Main title"


# HTML --------------------------------------------------------------------------------


def _words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to reach the network while a page is read."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document reader tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("page", HTML_PAGES)
def test_a_saved_web_page_reads_as_the_article_the_reader_view_shows(
    shared_corpus: Path, page: str
) -> None:
    folder = shared_corpus / "html" / page
    read = read_document(folder / "source.html")
    expected = lxml.html.fromstring((folder / "expected.html").read_text("utf-8"))
    ours, theirs = _words(read.text), _words(expected.text_content())
    common = sum((ours & theirs).values())
    assert common / sum(theirs.values()) >= RECALL
    assert common / sum(ours.values()) >= PRECISION
    paragraphs = [p for p in expected.iter("p") if p.text_content().strip()]
    assert read.text.count("\n\n") + 1 >= len(paragraphs)
    assert read.format == DocumentFormat.HTML


@pytest.mark.parametrize("page", HTML_PAGES)
def test_a_web_page_tells_its_title_author_date_site_and_language(
    shared_corpus: Path, page: str
) -> None:
    folder = shared_corpus / "html" / page
    read = read_document(folder / "source.html")
    expected = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
    byline = re.sub(r"^By ", "", expected["byline"] or "") or None
    published = (expected["publishedTime"] or "")[:10] or None
    assert read.meta("title") == expected["title"]
    assert read.meta("author") == byline
    assert read.meta("site") == expected["siteName"] or expected["siteName"] is None
    assert read.meta("language") == expected.get("lang")
    assert published is None or read.meta("published") == published


def test_a_web_page_runs_none_of_its_scripts(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>T</title>"
        "<script>document.write('Injected by a script')</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/about'>About us</a></nav><article>"
        + "<p>The analyst's paragraph holds the argument, and it goes on for a while.</p>" * 8
        + "</article><noscript>Enable scripts</noscript></body></html>"
    )
    read = _read(tmp_path, "page.html", page.encode())
    assert "analyst's paragraph" in read.text
    assert "Injected" not in read.text
    assert "Enable scripts" not in read.text


def test_a_page_in_a_legacy_encoding_is_read_by_its_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1251"><title>Саммит</title></head><body>'
        f"<p>{RUSSIAN}</p><p>{RUSSIAN}</p></body></html>"
    )
    read = _read(tmp_path, "page.htm", page.encode("cp1251"))
    assert read.text == RUSSIAN.strip() + "\n\n" + RUSSIAN.strip()
    assert read.meta("encoding") == "cp1251"


def test_a_page_that_is_mostly_script_is_refused(tmp_path: Path) -> None:
    shell = (
        "<!doctype html><html><body><div id='root'></div><noscript>You need to enable "
        "JavaScript to run this app.</noscript><script>"
        + "var app = render(document.getElementById('root'));" * 200
        + "</script></body></html>"
    )
    refused = _refusal(tmp_path, "app.html", shell.encode())
    assert "mostly script" in str(refused)
    assert "runs no scripts" in str(refused)


def test_a_page_without_article_text_is_refused(tmp_path: Path) -> None:
    page = b"<html><head><title>Nothing</title></head><body><img src='a.png'></body></html>"
    assert "no article text" in str(_refusal(tmp_path, "empty.html", page))


# PDF ---------------------------------------------------------------------------------


def _pdf(pages: list[list[str]], **encryption: str) -> bytes:
    """Return a PDF whose pages hold the given lines in Helvetica, encrypted if asked."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        operators = ["BT /F1 12 Tf 72 720 Td 14 TL", *(f"({line}) Tj T*" for line in lines), "ET"]
        content = DecodedStreamObject()
        content.set_data("\n".join(operators).encode("latin-1"))
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        page.replace_contents(content)
    writer.add_metadata({"/Title": "Helsinki brief", "/CreationDate": "D:20180713120000Z"})
    if encryption:
        writer.encrypt(**encryption)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_tells_where_each_page_starts(tmp_path: Path) -> None:
    pages = [["The summit opened.", "Talks went on."], ["Page two begins here."], ["The end."]]
    read = _read(tmp_path, "brief.pdf", _pdf(pages))
    assert read.format == DocumentFormat.PDF
    assert len(read.pages) == 3
    assert read.pages[0] == 0
    for start, lines in zip(read.pages, pages, strict=True):
        assert read.text[start:].startswith("\n".join(lines))
    source = SourceDocument("brief.pdf", fingerprint(read.text), len(read.text), pages=read.pages)
    assert source.page_of(read.text.index("Talks")) == 1
    assert source.page_of(read.text.index("begins")) == 2
    assert source.page_of(read.pages[2]) == 3
    assert source.page_of(read.pages[2] - 1) == 2
    assert read.meta("title") == "Helsinki brief"
    assert read.meta("published") == "2018-07-13"


def test_a_one_page_pdf_reads_its_text_with_ligatures_as_letters(shared_corpus: Path) -> None:
    read = read_document(shared_corpus / "pdf" / "crazyones.pdf")
    assert read.pages == (0,)
    assert read.text.startswith("The Crazy Ones\nOctober 14, 1998\n")
    assert "The misfits." in read.text
    assert read.meta("published") == "2015-06-04"


def test_a_pdf_in_several_scripts_keeps_each_in_reading_order(shared_corpus: Path) -> None:
    read = read_document(shared_corpus / "pdf" / "multilang.pdf")
    for greeting in ("Hello World", "مرحبا بالعالم", "Привет, мир", "你好世界", "こんにちは世界"):
        assert greeting in read.text
    assert "สวัสดีชาวโลก" in read.text
    assert read.meta("language") == "en-US"


def test_a_pdf_tells_its_title_and_author_from_the_document_info(shared_corpus: Path) -> None:
    read = read_document(shared_corpus / "pdf" / "metadata.pdf")
    assert read.meta("title") == "The Title"
    assert read.meta("author") == "Martin Thoma"
    assert read.meta("published") == "2022-04-15"
    assert read.text.startswith("Whatever")


def test_an_encrypted_pdf_is_refused_until_decrypted(shared_corpus: Path) -> None:
    with pytest.raises(ImportRefused, match="is encrypted and needs a password") as refused:
        read_document(shared_corpus / "pdf" / "crazyones-encrypted-256.pdf")
    assert refused.value.file.endswith("crazyones-encrypted-256.pdf")


@pytest.mark.parametrize("name", ["imagemagick-images.pdf", "git.pdf"])
def test_a_pdf_of_images_is_refused_for_want_of_a_text_layer(
    shared_corpus: Path, name: str
) -> None:
    with pytest.raises(ImportRefused, match=r"has no text layer \(scanned pages\?\); Argline"):
        read_document(shared_corpus / "pdf" / name)


def test_a_pdf_any_viewer_opens_without_a_password_is_read(tmp_path: Path) -> None:
    data = _pdf(
        [["Restricted, not secret."]], user_password="", owner_password="o", algorithm="AES-256"
    )
    assert _read(tmp_path, "protected.pdf", data).text == "Restricted, not secret."
    locked = _pdf([["Secret."]], user_password="u", owner_password="o", algorithm="AES-128")
    assert "needs a password" in str(_refusal(tmp_path, "locked.pdf", locked))


def test_a_pdf_page_that_cannot_be_read_is_refused_naming_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _pdf([["Page one."], ["Page two."]])
    read_page = PageObject.extract_text

    def failing_on_page_two(page: PageObject, **options: object) -> str:
        if "Page two" in page.get_contents().get_data().decode("latin-1"):
            raise KeyError("/Font")
        return read_page(page, **options)

    monkeypatch.setattr(PageObject, "extract_text", failing_on_page_two)
    assert str(_refusal(tmp_path, "brief.pdf", data)).endswith(
        "brief.pdf: page 2: cannot be read ('/Font')"
    )


def test_a_file_named_pdf_that_is_not_one_is_refused(tmp_path: Path) -> None:
    assert "not a PDF" in str(_refusal(tmp_path, "brief.pdf", b"Just some words\n"))


# Choosing the reader, and damaged files ------------------------------------------------


def test_the_content_chooses_the_reader_before_the_extension(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><html><body><article><p>" + b"Words of the article. " * 20
    assert _read(tmp_path, "saved.txt", page).format == DocumentFormat.HTML
    assert _read(tmp_path, "saved.md", _pdf([["A page."]])).format == DocumentFormat.PDF
    as_text = _read(tmp_path, "saved.html", page, format="text")
    assert as_text.text.startswith("<!DOCTYPE html>")


def test_a_damaged_file_is_refused_in_one_line_whatever_breaks(
    tmp_path: Path, shared_corpus: Path
) -> None:
    rng = random.Random(15)
    originals = [*sorted((shared_corpus / "pdf").glob("*.pdf"))]
    originals += [shared_corpus / "html" / page / "source.html" for page in HTML_PAGES]
    outcomes = []
    for original in originals:
        data = original.read_bytes()
        for cut in (len(data) // 7, len(data) // 2, len(data) - 10):
            mangled = bytearray(data[:cut])
            for _ in range(20):
                mangled[rng.randrange(len(mangled))] = rng.randrange(256)
            outcomes.append((original.name, _outcome(bytes(mangled), original.name)))
    for name, outcome in outcomes:
        assert outcome == "read" or (outcome.startswith(f"{name}: ") and "\n" not in outcome)


def _outcome(data: bytes, name: str) -> str:
    """Return "read" for a document read whole and clean, else the refusal's line."""
    try:
        read = read_document_bytes(data, name)
    except ImportRefused as refused:
        return str(refused)
    return "read" if "\x00" not in read.text else "read with a NUL"


def test_sources_md_says_what_each_document_in_the_corpus_exercises(
    shared_corpus: Path,
) -> None:
    sources = (shared_corpus / "SOURCES.md").read_text("utf-8")
    listed = dict(re.findall(r"^\| ((?:pdf|html)/[^ |]+) \| ([^|]+) \|$", sources, re.MULTILINE))
    present = [f"pdf/{p.name}" for p in (shared_corpus / "pdf").glob("*.pdf")]
    present += [f"html/{p.name}/" for p in (shared_corpus / "html").iterdir()]
    assert sorted(present) == sorted(listed)
    assert all(len(what.split()) >= 3 for what in listed.values())
