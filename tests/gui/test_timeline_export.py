"""Timeline images: PNG at the asked size, SVG with text as text, PDF of one page, the dialog."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from argline.gui.timeline.export import TimelinePicture, export_timeline_image
from argline.gui.timeline.export_dialog import TimelineExportDialog
from argline.io.files import WriteFailed
from argline.model.dates import HistoricalDate
from argline.ops.queries import load_events
from argline.ops.timeline_data import load_timeline, read_timeline
from argline.store import Store

pytestmark = pytest.mark.usefixtures("qapp")


def test_the_png_has_the_requested_size_and_is_drawn(seeded_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "timeline.png"
    export_timeline_image(
        seeded_store,
        path,
        start=HistoricalDate(1850),
        end=HistoricalDate(2019),
        width=2400,
        height=800,
    )
    image = QImage(str(path))
    assert (image.width(), image.height()) == (2400, 800)
    colours = {image.pixel(x, y) for x in range(0, 2400, 7) for y in range(0, 800, 7)}
    assert len(colours) > 50, "more than a blank page"
    dark = sum(
        1
        for x in range(0, 2400, 3)
        for y in range(0, 800, 3)
        if image.pixelColor(x, y).lightness() < 80
    )
    assert dark > 500, "text and marks are drawn"


def test_the_png_holds_the_very_pixels_drawn(seeded_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "timeline.png"
    export_timeline_image(seeded_store, path, width=1500, height=700, dpi=150)
    with seeded_store.reading() as session:
        picture = TimelinePicture(load_timeline(session), width=1500, height=700, dpi=150)
    drawn = QImage(1500, 700, QImage.Format.Format_RGB32)
    drawn.fill(picture.colours.background)
    painter = QPainter(drawn)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    picture.draw(painter, QRectF(0, 0, 1500, 700))
    painter.end()
    image = QImage(str(path))
    assert image.convertToFormat(QImage.Format.Format_RGB32) == drawn
    assert image.dotsPerMeterX() == image.dotsPerMeterY() == round(150 / 0.0254)


def test_the_svg_keeps_the_event_titles_as_text(seeded_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "timeline.svg"
    export_timeline_image(seeded_store, path, width=2400)
    root = ElementTree.parse(path).getroot()
    texts = "".join(element.text or "" for element in root.iter() if element.tag.endswith("}text"))
    with seeded_store.reading() as session:
        titles = [event.title for event in load_events(session)]
    shown = [title for title in titles if title in texts]
    elided = [title for title in titles if title not in texts]
    assert len(shown) >= len(titles) - 3, elided
    assert "Helsinki 2018" in texts  # the title
    assert "disputed" in texts  # the legend


def test_an_image_counts_what_a_lane_leaves_out_without_asking_to_zoom(
    seeded_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "july.svg"
    july = HistoricalDate.from_edtf("2018-07-01"), HistoricalDate.from_edtf("2018-08-01")
    export_timeline_image(seeded_store, path, start=july[0], end=july[1], width=1000, height=520)
    root = ElementTree.parse(path).getroot()
    texts = [element.text or "" for element in root.iter() if element.tag.endswith("}text")]
    left_out = [text for text in texts if "not drawn here" in text]
    assert left_out, "a lane too short for July 2018 counts what it leaves out"
    assert not any("zoom in" in text for text in left_out)  # an image cannot be zoomed


def test_the_pdf_is_one_page(seeded_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "timeline.pdf"
    export_timeline_image(seeded_store, path, width=1600, height=700, dpi=150)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1


def test_a_failed_write_leaves_the_earlier_file(seeded_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "timeline.png"
    path.write_bytes(b"earlier")
    with pytest.raises(WriteFailed):
        export_timeline_image(seeded_store, path, width=4, height=4)
    assert path.read_bytes() == b"earlier"
    with pytest.raises(WriteFailed, match=r"\.png, \.svg or \.pdf"):
        export_timeline_image(seeded_store, tmp_path / "timeline.gif")


def test_the_dialog_previews_and_writes_the_chosen_range(
    qtbot, seeded_store: Store, tmp_path: Path
) -> None:
    july = (
        HistoricalDate(2018, 7, 1, precision=6).axis_start(),
        HistoricalDate(2018, 8, 1, precision=6).axis_start(),
    )
    with seeded_store.plain_reading() as cursor:
        dialog = TimelineExportDialog(read_timeline(cursor), july, None)
    qtbot.addWidget(dialog)
    assert dialog.start_edit.text() == "1 July 2018"
    assert not dialog.preview.pixmap().isNull()
    dialog.path_edit.setText(str(tmp_path / "july.svg"))
    dialog.width_box.setValue(1200)
    dialog.accept()
    assert (tmp_path / "july.svg").is_file()
    assert "Trump–Putin summit in Helsinki" in (tmp_path / "july.svg").read_text()


def test_the_svg_opens_at_the_pixel_size_asked_for(seeded_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "timeline.svg"
    export_timeline_image(seeded_store, path, width=960, height=480)
    root = ElementTree.parse(path).getroot()
    millimetres_per_css_pixel = 25.4 / 96
    assert float(root.get("width").removesuffix("mm")) / millimetres_per_css_pixel == pytest.approx(
        960, abs=1
    )
    assert root.get("viewBox") == "0 0 960 480"


def test_the_window_exports_the_timeline_it_shows(
    qtbot, seeded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    from argline.gui import transfer_dialogs
    from argline.gui.main_window import MainWindow
    from argline.ops.event_edits import EditEvent
    from argline.ops.running import run

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(window)
    window.history.apply(EditEvent("helsinki-summit-2018", title="Renamed in the window"))
    # Changed behind the window's back, unannounced: the export draws what the window holds.
    run(seeded_store, EditEvent("alaska-treaty", title="Renamed elsewhere"))
    path = tmp_path / "shown.svg"

    def save(dialog: TimelineExportDialog) -> None:
        dialog.path_edit.setText(str(path))
        dialog.start_edit.setText("1850")
        dialog.end_edit.setText("2019")
        dialog.accept()

    monkeypatch.setattr(TimelineExportDialog, "exec", save)
    transfer_dialogs.export_timeline_image(window)
    drawn = path.read_text()
    assert "Renamed in the window" in drawn
    assert "Renamed elsewhere" not in drawn
    assert window.timeline.title_of("alaska-treaty") in drawn
    window.store = None  # the fixture closes the store
