"""Exports fit for a briefing: fonts every viewer knows, a PDF on the paper asked for, and
files as readable as the user's umask makes any other."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pypdf
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from argline import cli
from argline.cli import main
from argline.gui.image_files import PAGE_CHOICES, Page, Paper, css_font_stack, write_image
from argline.gui.timeline.export_dialog import TimelineExportDialog
from argline.io import files
from argline.io.files import new_file_mode
from argline.ops.timeline_data import read_timeline
from argline.store import Store

pytestmark = pytest.mark.usefixtures("qapp")

CSS_GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
A4_LANDSCAPE = (842, 595)


@pytest.fixture
def seeded_file(tmp_path: Path) -> str:
    path = str(tmp_path / "seeded.argline")
    assert main(["--db", path, "seed"]) == 0
    return path


@pytest.fixture
def umask() -> Iterator[None]:
    """Let a test set the umask; put the one before back."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _font_families(svg: Path) -> list[str]:
    root = ElementTree.parse(svg).getroot()
    return [e.get("font-family", "") for e in root.iter() if e.get("font-family") is not None]


@pytest.mark.parametrize("view", ["timeline", "map"])
def test_an_svg_names_fonts_a_viewer_resolves(seeded_file: str, tmp_path: Path, view: str) -> None:
    path = tmp_path / f"{view}.svg"
    assert main(["--db", seeded_file, "export", str(path), "--view", view]) == 0
    families = _font_families(path)
    assert families, "the text is kept as text, in a named font"
    for stack in set(families):
        names = [name.strip() for name in stack.split(",")]
        assert names[-1] in CSS_GENERIC_FAMILIES, stack
        assert "Sans Serif" not in stack.replace("'", ""), "Qt's alias means nothing to a viewer"
        assert len(names) > 1, f"{stack}: a named font first, then the generic fallback"


def test_qt_aliases_become_their_generic_family_after_the_font_qt_draws() -> None:
    stack = css_font_stack("Sans Serif")
    assert stack.endswith(", sans-serif")
    assert css_font_stack("Serif").endswith(", serif")
    assert css_font_stack("Monospace").endswith(", monospace")
    drawn = stack.split(",")[0].strip("'")
    assert QFont(drawn).exactMatch(), f"{drawn} is an installed font, not an alias"
    assert css_font_stack("O'Brien Sans").startswith("'O\\'Brien Sans', ")


def test_a_map_svg_keeps_its_role_labels_in_capitals(seeded_file: str, tmp_path: Path) -> None:
    path = tmp_path / "map.svg"
    assert main(["--db", seeded_file, "export", str(path), "--view", "map"]) == 0
    texts = {e.text for e in ElementTree.parse(path).getroot().iter() if e.tag.endswith("}text")}
    assert "MAIN CONTENTION" in texts, "as the card shows it (its font is all capitals)"
    assert "REASON" in texts


def _media_box(path: Path) -> tuple[float, float]:
    pages = pypdf.PdfReader(path).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    return (float(box.width), float(box.height))


@pytest.mark.parametrize(
    ("options", "size"),
    [
        (["--page", "a4"], A4_LANDSCAPE),
        (["--page", "a4", "--orientation", "landscape"], A4_LANDSCAPE),
        (["--page", "a4", "--orientation", "portrait"], (595, 842)),
        (["--page", "letter"], (792, 612)),
        (["--page", "letter", "--orientation", "portrait"], (612, 792)),
        ([], (1350, 533)),  # 1800 × 711 pixels at 96 dpi: the picture's own size, as before
    ],
    ids=["a4", "a4 landscape", "a4 portrait", "letter", "letter portrait", "own size"],
)
def test_a_pdf_is_on_the_paper_asked_for(
    seeded_file: str, tmp_path: Path, options: list[str], size: tuple[int, int]
) -> None:
    path = tmp_path / "timeline.pdf"
    assert main(["--db", seeded_file, "export", str(path), *options]) == 0
    assert _media_box(path) == pytest.approx(size, abs=0.5)


def test_a_map_pdf_on_paper_too(seeded_file: str, tmp_path: Path) -> None:
    path = tmp_path / "map.pdf"
    assert main(["--db", seeded_file, "export", str(path), "--view", "map", "--page", "a4"]) == 0
    assert _media_box(path) == pytest.approx(A4_LANDSCAPE, abs=0.5)
    words = " ".join(pypdf.PdfReader(path).pages[0].extract_text().split())
    assert "MAIN CONTENTION A limited success" in words, "the cards keep their text on paper"


def test_the_picture_is_fitted_inside_the_margins_and_centred(tmp_path: Path) -> None:
    corners = {"TL": QPointF(0, 20), "BR": QPointF(960, 500)}  # baselines at top and bottom

    def draw(painter: QPainter, rect: QRectF) -> None:
        font = QFont()
        font.setPixelSize(20)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        for text, point in corners.items():
            painter.drawText(point, text)

    path = tmp_path / "wide.pdf"
    write_image(path, draw, width=1000, height=500, page=Page(Paper.A4))
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() in corners:  # where the text starts, in points from the bottom left
            x, y = tm[4], tm[5]
            found[text.strip()] = (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5])

    pypdf.PdfReader(path).pages[0].extract_text(visitor_text=visit)
    (left, top_baseline), (right_text, bottom) = found["TL"], found["BR"]
    scale = (right_text - left) / 960  # points per pixel
    margin = 36
    assert left == pytest.approx(margin, abs=0.5)
    right = left + 1000 * scale
    assert right == pytest.approx(A4_LANDSCAPE[0] - margin, abs=0.5), "as wide as the paper allows"
    height = 500 * scale
    assert bottom == pytest.approx((A4_LANDSCAPE[1] - height) / 2, abs=0.5), "centred up and down"
    assert top_baseline == pytest.approx(bottom + height - 20 * scale, abs=0.5)


def test_page_options_are_refused_where_they_mean_nothing(
    seeded_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for options in (
        [str(tmp_path / "t.png"), "--page", "a4"],
        [str(tmp_path / "t.json"), "--page", "letter"],
        [str(tmp_path / "t.pdf"), "--orientation", "portrait"],
    ):
        assert main(["--db", seeded_file, "export", *options]) == cli.USER_ERROR
        error = capsys.readouterr().err
        assert error.count("\n") == 1, error
        assert "--" in error
    assert not list(tmp_path.glob("t.*"))


def test_the_command_line_offers_every_paper() -> None:
    assert set(cli.PAPERS) == {paper.name.lower() for paper in Paper}
    assert set(PAGE_CHOICES.values()) == {
        None,
        *(Page(paper, landscape) for paper in Paper for landscape in (True, False)),
    }


def test_the_dialog_writes_a_pdf_on_the_page_chosen(
    qtbot, seeded_store: Store, tmp_path: Path
) -> None:
    with seeded_store.plain_reading() as cursor:
        content = read_timeline(cursor)
    dialog = TimelineExportDialog(content, content.extent() or (0.0, 1.0), None)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "timeline.png"))
    dialog._refresh()
    assert not dialog.page_box.isEnabled(), "a PNG has no paper"
    dialog.path_edit.setText(str(tmp_path / "timeline.pdf"))
    dialog._refresh()
    assert dialog.page_box.isEnabled()
    dialog.page_box.setCurrentText("A4 portrait")
    dialog.accept()
    assert _media_box(tmp_path / "timeline.pdf") == pytest.approx((595, 842), abs=0.5)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
@pytest.mark.parametrize("name", ["timeline.png", "timeline.svg", "timeline.pdf", "data.json"])
def test_an_export_gets_the_mode_the_umask_gives(
    seeded_file: str, tmp_path: Path, name: str, mask: int, mode: int
) -> None:
    os.umask(mask)
    path = tmp_path / name
    assert main(["--db", seeded_file, "export", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert os.umask(mask) == mask, "the umask is left as it was"


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("mask", [0o022, 0o077, 0o027, 0])
def test_the_umask_reads_alike_where_proc_does_not_tell_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mask: int
) -> None:
    os.umask(mask)
    told = new_file_mode()
    monkeypatch.setattr(files, "PROCESS_STATUS", tmp_path / "no such file")
    assert new_file_mode() == told == 0o666 & ~mask
    assert os.umask(mask) == mask, "set and put back"


def test_the_window_asks_for_the_page_of_a_map_pdf(
    qtbot, seeded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from argline.gui import transfer_dialogs
    from argline.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(window)
    path = tmp_path / "map.pdf"
    offered: list[list[str]] = []

    def choose(_parent, _title, _label, items, *_args) -> tuple[str, bool]:
        offered.append(items)
        return "Letter portrait", True

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getItem", choose)
    transfer_dialogs.export_map_image(window)
    assert offered == [list(PAGE_CHOICES)]
    assert _media_box(path) == pytest.approx((612, 792), abs=0.5)
    window.store = None  # the fixture closes the store
