"""File ▸ Export timeline…: choose range, size, DPI, a PDF's page and the file, see a
preview, write on accept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from argline.gui.image_files import IMAGE_SUFFIXES, PAGE_CHOICES, Page
from argline.gui.plain import show_message
from argline.gui.timeline.export import TimelinePicture, write_timeline_image
from argline.io.files import WriteFailed
from argline.layout.time_warp import ScaleKind
from argline.layout.timeline_content import TimelineContent
from argline.model.dates import DateError, HistoricalDate, Precision, date_at_axis

_PREVIEW_WIDTH = 640


class TimelineExportDialog(QDialog):
    """Asks what part of the timeline to write, and how large; writes the file on accept."""

    def __init__(
        self,
        content: TimelineContent,
        current_range: tuple[float, float],
        parent: QWidget | None = None,
        *,
        time_scale: ScaleKind = ScaleKind.LINEAR,
        reference: float | None = None,
    ) -> None:
        """``content``: the timeline the window shows (in days), which the image draws as it
        is, on the scale the window shows unless another is chosen."""
        super().__init__(parent)
        self.setWindowTitle("Export timeline")
        self._content = content
        self._reference = reference
        self.scale_box = _scale_box(time_scale)
        self.start_edit = QLineEdit(_day_text(current_range[0]))
        self.end_edit = QLineEdit(_day_text(current_range[1]))
        for edit in (self.start_edit, self.end_edit):
            edit.setPlaceholderText("e.g. 1850, March 1867, 2018-07-16")
        self.width_box = _spin(16, 20000, 2400, " px")
        self.height_box = _spin(0, 20000, 0, " px")
        self.height_box.setSpecialValueText("as the lanes need")
        self.dpi_box = _spin(36, 1200, 96, " dpi")
        self.page_box = QComboBox()
        self.page_box.addItems(list(PAGE_CHOICES))
        self.path_edit = QLineEdit(str(Path.home() / "timeline.png"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        for name, field in (
            ("From", self.start_edit),
            ("To", self.end_edit),
            ("Scale", self.scale_box),
            ("Width", self.width_box),
            ("Height", self.height_box),
            ("Resolution", self.dpi_box),
            ("Page (PDF)", self.page_box),
            ("File (.png, .svg or .pdf)", file_row),
        ):
            form.addRow(name, field)
        self.preview = QLabel()
        self.preview.setMinimumSize(_PREVIEW_WIDTH, 200)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._save = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        # Typing waits for a pause before the preview is drawn again.
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._refresh)
        for edit in (self.start_edit, self.end_edit, self.path_edit):
            edit.textChanged.connect(self._timer.start)
        for box in (self.width_box, self.height_box, self.dpi_box):
            box.valueChanged.connect(self._timer.start)
        self.scale_box.currentIndexChanged.connect(self._timer.start)
        self._refresh()

    def options(self) -> dict:
        """Return the export's keyword arguments; raises DateError for an unreadable date."""
        start = HistoricalDate.from_text(self.start_edit.text().strip())
        end = HistoricalDate.from_text(self.end_edit.text().strip())
        if end.axis_end() <= start.axis_start():
            raise DateError("the end comes before the start")
        return {
            "start": start,
            "end": end,
            "width": self.width_box.value(),
            "height": self.height_box.value() or None,
            "dpi": self.dpi_box.value(),
            "time_scale": self.scale_box.currentData(),
            "reference": self._reference,
        }

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def page(self) -> Page | None:
        """Return the PDF's page chosen; None for the picture's size, or another format."""
        if self.path().suffix.lower() != ".pdf":
            return None
        return PAGE_CHOICES[self.page_box.currentText()]

    def _refresh(self) -> None:
        problem = ""
        try:
            options = self.options()
        except DateError as error:
            options, problem = None, f"Dates: {error}"
        if self.path().suffix.lower() not in IMAGE_SUFFIXES:
            problem = problem or "The file name must end in .png, .svg or .pdf."
        self.problem.setText(problem)
        self._save.setEnabled(not problem)
        self.page_box.setEnabled(self.path().suffix.lower() == ".pdf")
        if options is None:
            return
        picture = TimelinePicture(self._content, **options)
        self.problem.setText(
            problem
            or f"{picture.width} × {picture.height} pixels, {picture.subtitle().split(' · ')[-1]}"
        )
        scale = min(1.0, _PREVIEW_WIDTH / picture.width)
        image = QImage(
            max(1, round(picture.width * scale)),
            max(1, round(picture.height * scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(picture.colours.background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        picture.draw(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        self.preview.setPixmap(QPixmap.fromImage(image))

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Export timeline",
            self.path_edit.text(),
            "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)",
        )
        if chosen:
            self.path_edit.setText(chosen)

    def accept(self) -> None:
        """Write the image; on failure say why and stay open, so nothing typed is lost."""
        try:
            options = self.options()
            write_timeline_image(self._content, self.path(), **options, page=self.page())
        except (DateError, WriteFailed) as error:
            show_message(self, "Export timeline", str(error), icon=QMessageBox.Icon.Warning)
            return
        super().accept()


def _scale_box(chosen: ScaleKind) -> QComboBox:
    box = QComboBox()
    for kind in ScaleKind:
        box.addItem(kind.label, kind)
    box.setCurrentIndex(list(ScaleKind).index(chosen))
    return box


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def _day_text(value: float) -> str:
    year, month, day = date_at_axis(value)[:3]
    return HistoricalDate(year, month, day, precision=Precision.DAY).display()
