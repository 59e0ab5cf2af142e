"""The main window: the store's events and each assessment's claims, side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QMainWindow,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
)

from argline.gui.plain import plain_tooltip
from argline.model.entities import Corpus
from argline.ops.queries import load_corpus
from argline.store import Store

ROLE_LABELS = {
    "main": "Main contention",
    "reason": "Reason",
    "objection": "Objection",
    "rebuttal": "Rebuttal",
    "conclusion": "Conclusion",
}


class MainWindow(QMainWindow):
    """Shows one store; every text from the store is shown as plain text."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(f"{store.name} — Argline")
        self.events = _tree(["Date", "Event", "Lane"], stretch=1)
        self.claims = _tree(["Claim", "Role", "Where in the source"], stretch=0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.events)
        splitter.addWidget(self.claims)
        splitter.setSizes([560, 720])
        self.setCentralWidget(splitter)
        self._add_menus()
        self.resize(1280, 800)
        self.reload()

    def reload(self) -> None:
        """Show the store as it is now."""
        with self.store.reading() as session:
            corpus = load_corpus(session)
        self._show_events(corpus)
        self._show_claims(corpus)
        self.statusBar().showMessage(
            f"{len(corpus.events)} events · {len(corpus.assessments)} assessments · "
            f"{len(corpus.claims)} claims · {len(corpus.relations)} relations"
        )

    def _show_events(self, corpus: Corpus) -> None:
        self.events.clear()
        sources = {a.id: a.outlet or a.title for a in corpus.assessments}
        for event in corpus.events:
            when = event.start.display()
            if event.end:
                when += f" – {event.end.display()}"
            item = QTreeWidgetItem([when, event.title, event.category])
            item.setData(0, Qt.ItemDataRole.UserRole, event.id)
            if event.is_disputed:
                others = ", ".join(
                    f"{s.date.display()} per {sources.get(s.source, s.source)}"
                    for s in event.disputed_by
                )
                item.setText(1, f"{event.title}  (disputed: {others})")
            item.setToolTip(1, plain_tooltip(f"{event.title}\n\n{event.description}".strip()))
            self.events.addTopLevelItem(item)

    def _show_claims(self, corpus: Corpus) -> None:
        self.claims.clear()
        for assessment in corpus.assessments:
            published = assessment.published.display() if assessment.published else "undated"
            head = QTreeWidgetItem(
                [assessment.title, assessment.kind.value.capitalize(), published]
            )
            head.setData(0, Qt.ItemDataRole.UserRole, assessment.id)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            for claim in assessment.claims:
                item = QTreeWidgetItem([claim.text, ROLE_LABELS[claim.role], claim.locator])
                item.setData(0, Qt.ItemDataRole.UserRole, claim.id)
                item.setToolTip(0, plain_tooltip(claim.text))
                head.addChild(item)
            self.claims.addTopLevelItem(head)
            head.setExpanded(True)

    def _add_menus(self) -> None:
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu("&File").addAction(quit_action)


def _tree(headers: list[str], *, stretch: int) -> QTreeWidget:
    """Return a tree whose ``stretch`` column takes the spare width and wraps its text."""
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.ResizeToContents
        if column == stretch:
            mode = QHeaderView.ResizeMode.Stretch
        header.setSectionResizeMode(column, mode)
    return tree
