"""Imports refuse what Argline could not give back, and say where (issue 21, items 4, 5, 8).

A number too large to hold (``1e400`` read as infinity, ``NaN``), a key given twice in
one JSON object and an era that ends before it starts are refused in one line naming
the file, the place and the field, with exit status 2, and the store is left as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argline.cli import main
from argline.io.transfer import export_text, import_bytes
from argline.store import Store

EXIT_USER_ERROR = 2


def _exchange(claim: str = '{"id": "c1", "text": "Sanctions work", "role": "main"}') -> str:
    return (
        '{"format": "argline", "version": 3, "assessments": '
        f'[{{"id": "a", "title": "Assessment", "claims": [{claim}]}}]}}'
    )


def _aif(x: str) -> str:
    return (
        '{"nodes": [{"nodeID": "1", "text": "Sanctions work", "type": "I"}],'
        f' "edges": [], "OVA": {{"nodes": [{{"nodeID": "1", "x": {x}, "y": 2}}]}}}}'
    )


def _timelinejs(year: str) -> str:
    return f'{{"events": [{{"start_date": {{"year": {year}}}, "text": {{"headline": "H"}}}}]}}'


# (file name, text, the place named, what the refusal says)
UNHELD_NUMBERS = [
    (
        "map.argline.json",
        _exchange('{"id": "c1", "text": "t", "role": "main", "position": {"x": 1e400, "y": 0}}'),
        "assessments[0].claims[0].position.x",
        "the number 1e400 is too large to hold",
    ),
    (
        "map.argline.json",
        _exchange('{"id": "c1", "text": "t", "role": "main", "position": {"x": 0, "y": -1E999}}'),
        "assessments[0].claims[0].position.y",
        "too large to hold",
    ),
    (
        "map.argline.json",
        _exchange('{"id": "c1", "text": "t", "role": "main", "position": {"x": NaN, "y": 0}}'),
        "assessments[0].claims[0].position.x",
        "NaN is not a number Argline accepts",
    ),
    (
        "map.argline.json",
        '{"format": "argline", "version": 3, "assessments": [{"id": "a", "title": "A", '
        '"document": {"name": "d.txt", "fingerprint": "' + "0" * 64 + '", '
        '"characters": 100000000000000000000000}}]}',
        "assessments[0].document.characters",
        "more characters than any text holds",
    ),
    ("map.json", _aif("1e400"), "OVA.nodes[0].x", "too large to hold"),
    ("map.json", _aif("-Infinity"), "OVA.nodes[0].x", "-Infinity is not a number"),
    ("slides.json", _timelinejs("1e400"), "events[0].start_date.year", "too large to hold"),
]

REPEATED_KEYS = [
    (
        "map.argline.json",
        _exchange('{"id": "c1", "text": "Sanctions work", "role": "main", "text": "No"}'),
        "assessments[0].claims[0].text",
        "the key 'text' is given twice in one object",
    ),
    (
        "map.argline.json",
        '{"format": "argline", "version": 3, "events": [], "events": []}',
        "events",
        "the key 'events' is given twice",
    ),
    (
        "events.argline.json",
        '{"format": "argline", "version": 3, "events": '
        '[{"id": "e1", "title": "T", "start": "1867", "start": "1868"}]}',
        "events[0].start",
        "the key 'start' is given twice",
    ),
    (
        "map.json",
        '{"nodes": [{"nodeID": "1", "text": "A", "type": "I", "nodeID": "2"}], "edges": []}',
        "nodes[0].nodeID",
        "the key 'nodeID' is given twice",
    ),
    (
        "slides.json",
        '{"events": [{"start_date": {"year": 1867, "year": 1868}}]}',
        "events[0].start_date.year",
        "given twice",
    ),
]

BACKWARD_ERAS = [
    (
        "eras.argline.json",
        '{"format": "argline", "version": 3, "eras": '
        '[{"id": "x", "title": "Cold War", "start": "1991", "end": "1947"}]}',
        "eras[0].end",
        "the end 1947 is before the start 1991",
    ),
    (
        "slides.json",
        '{"events": [], "eras": [{"start_date": {"year": 1991}, "end_date": {"year": 1947}}]}',
        "eras[0].end_date",
        "the end 1947 is before the start 1991",
    ),
    (
        "slides.json",
        '{"timeline": {"headline": "T", "type": "default", "date": [], '
        '"era": [{"startDate": "1991", "endDate": "1947", "headline": "Cold War"}]}}',
        "timeline.era[0].endDate",
        "the end 1947 is before the start 1991",
    ),
    (
        "sheet.csv",
        "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,"
        "Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
        "1991,,,,1947,,,,,Cold War,,,,,,era,,\n",
        "line 2, column 5 (End Year)",
        "the end 1947 is before the start 1991",
    ),
    (
        "history.timeline",
        '<?xml version="1.0" encoding="utf-8"?>\n<timeline>\n<version>2.5.0</version>\n'
        "<timetype>gregoriantime</timetype>\n<categories/>\n<events/>\n<eras>\n"
        "<era><name>Cold War</name><start>1991-01-01 00:00:00</start>"
        "<end>1947-01-01 00:00:00</end><color>1,2,3</color></era>\n</eras>\n<view/>\n"
        "</timeline>\n",
        "line 8",
        "the end 1947 is before the start",
    ),
]


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.argline"
    store = Store.open(path)
    import_bytes(store, _exchange().encode(), name="first.argline.json")
    store.close()
    return path


def _export(path: Path) -> str:
    store = Store.open(path)
    try:
        return export_text(store)
    finally:
        store.close()


CASES = [
    pytest.param(case, id=f"{kind}-{n}")
    for kind, cases in (("number", UNHELD_NUMBERS), ("key", REPEATED_KEYS), ("era", BACKWARD_ERAS))
    for n, case in enumerate(cases)
]


@pytest.mark.parametrize("case", CASES)
def test_importing_a_file_argline_could_not_give_back_says_where_and_changes_nothing(
    store_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple[str, ...]
) -> None:
    name, text, place, reason = case
    before = _export(store_file)
    source = tmp_path / name
    source.write_text(text)
    capsys.readouterr()
    assert main(["--db", str(store_file), "import", str(source)]) == EXIT_USER_ERROR
    said = capsys.readouterr().err
    assert said.count("\n") == 1, said
    assert said.startswith(f"argline: {source}: "), said
    assert place in said, said
    assert reason in said, said
    assert _export(store_file) == before
