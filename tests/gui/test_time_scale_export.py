"""Timeline images on every scale, as the command line writes them for a briefing."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from argline.cli import main
from argline.gui.timeline.export import TimelinePicture
from argline.layout.time_warp import ScaleKind
from argline.ops.queries import load_events
from argline.ops.timeline_data import load_timeline
from argline.store import Store


def _seeded(tmp_path: Path) -> str:
    database = str(tmp_path / "seed.argline")
    assert main(["--db", database, "seed"]) == 0
    return database


def _titles(database: str) -> list[str]:
    store = Store.open(database)
    try:
        with store.reading() as session:
            return [event.title for event in load_events(session)]
    finally:
        store.close()


@pytest.mark.parametrize("scale", ["collapsed", "sequential"])
def test_the_seed_exported_on_a_scale_writes_every_title_whole(tmp_path: Path, scale: str) -> None:
    path = tmp_path / "t.svg"
    database = _seeded(tmp_path)
    assert (
        main(
            [
                "--db",
                database,
                "export",
                str(path),
                "--scale",
                scale,
                "--width",
                "1600",
                "--height",
                "700",
            ]
        )
        == 0
    )
    root = ElementTree.parse(path).getroot()
    texts = [element.text or "" for element in root.iter() if element.tag.endswith("}text")]
    missing = [title for title in _titles(database) if title not in texts]
    assert not missing, missing
    assert not [text for text in texts if text.endswith("…")]
    assert f"{scale.capitalize()} scale" in texts


@pytest.mark.parametrize("kind", [ScaleKind.COLLAPSED, ScaleKind.SEQUENTIAL])
def test_labels_on_a_scale_do_not_overlap(seeded_store: Store, kind: ScaleKind) -> None:
    with seeded_store.reading() as session:
        content = load_timeline(session)
    picture = TimelinePicture(content, width=1600, height=700, time_scale=kind)
    events = picture.frame.events
    assert len(events) == len(content)
    boxes = [(e.label_x, e.label_x + e.label_width, e.top, e.bottom) for e in events if e.label]
    for n, (left, right, top, bottom) in enumerate(boxes):
        for other in boxes[n + 1 :]:
            apart = right <= other[0] or other[1] <= left or bottom <= other[2] or other[3] <= top
            assert apart, ((left, right, top, bottom), other)


def test_a_log_scale_counts_from_the_event_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = _seeded(tmp_path)
    path = tmp_path / "t.svg"
    assert (
        main(
            [
                "--db",
                database,
                "export",
                str(path),
                "--scale",
                "log",
                "--reference",
                "alaska-treaty",
            ]
        )
        == 0
    )
    texts = [e.text or "" for e in ElementTree.parse(path).getroot().iter()]
    assert "30 March 1867" in texts
    assert (
        main(
            [
                "--db",
                database,
                "export",
                str(path),
                "--scale",
                "log",
                "--reference",
                "no-such-thing",
            ]
        )
        == 2
    )
    said = capsys.readouterr().err
    assert said.startswith("argline: --reference: there is no event 'no-such-thing'")
    assert said.endswith("; nor is it a date\n")
    assert said.count("\n") == 1
