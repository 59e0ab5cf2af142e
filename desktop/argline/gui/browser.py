"""The assessment browser: each assessment with its kind and date, its claims as a tree.

A claim sits under the claim it supports or attacks in the same assessment, so the
tree reads like the argument's outline. Claims can be dragged out (onto an event on
the timeline, to link them); selection here is linked to the other views by the
main window, and setting it from outside never emits.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argline.gui.plain import plain_tooltip
from argline.model.entities import Assessment, Claim, Relation, RelationType

CLAIM_MIME = "application/x-argline-claim"
ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "assessment" or "claim"
MAX_DEPTH = 24  # levels of claims under claims that the outline indents
LARGE_OUTLINE = 2_000  # claims above which the outline is built in slices
SLICE_SECONDS = 0.03  # how long a slice keeps the window from answering
ROLE_LABELS = {
    "main": "Main contention",
    "reason": "Reason",
    "objection": "Objection",
    "rebuttal": "Rebuttal",
    "conclusion": "Conclusion",
}


class _ClaimTree(QTreeWidget):
    """A tree whose claim rows drag out as CLAIM_MIME carrying the claim's id."""

    def mimeTypes(self) -> list[str]:
        return [CLAIM_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        claims = [i.data(0, ID_ROLE) for i in items if i.data(0, KIND_ROLE) == "claim"]
        if claims:
            data.setData(CLAIM_MIME, claims[0].encode("utf-8"))
            data.setText(claims[0])
        return data


class AssessmentBrowser(QWidget):
    """Assessments and their claims; emits what the user chooses.

    ``menuAsked(kind, id, global point)`` is a right-click on an assessment or a claim
    (kind "assessment" or "claim"), or on no row (kind and id ""), for the window to
    offer what it can.
    """

    assessmentChosen = Signal(str)
    claimsSelected = Signal(list)
    menuAsked = Signal(str, str, QPoint)
    loaded = Signal()  # the outline shows what it was last given

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        # Two lines kept for what is said, said or not, so the tree never moves down.
        self.summary.setFixedHeight(2 * self.summary.fontMetrics().lineSpacing())
        self.tree = _ClaimTree()
        self.tree.setHeaderLabels(["Assessment / claim", "Role", "Where"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnHidden(2, True)  # where in the source: in the tooltip and inspector
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._assessment_of: dict[str, str] = {}
        self._highlighted: set[str] = set()
        self._quiet = False
        self._steps: Iterator[None] | None = None  # an outline being built, a slice at a time
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu_asked)

    def load(self, assessments: Iterable[Assessment], relations: Iterable[Relation]) -> None:
        """Show these assessments, keeping which are expanded and what is selected. An
        outline of more than ``LARGE_OUTLINE`` claims is built a slice at a time, the one
        shown before staying until it is whole (``loaded`` says when)."""
        chosen = list(assessments)
        self._steps = self._loading(chosen, list(relations))
        self._next_slice(at_once=sum(len(a.claims) for a in chosen) <= LARGE_OUTLINE)

    def _next_slice(self, *, at_once: bool = False) -> None:
        steps = self._steps
        if steps is None:
            return
        until = time.perf_counter() + SLICE_SECONDS
        for _ in steps:
            if not at_once and time.perf_counter() > until:
                QTimer.singleShot(0, self._next_slice)
                return
        self._steps = None
        self.loaded.emit()

    def _loading(self, assessments: list[Assessment], relations: list[Relation]) -> Iterator[None]:
        """Make the outline's rows apart from the tree, yielding after each claim's, then
        show them in place of the old ones in one step."""
        parents = _outline_parents(relations)
        heads, items, owners = [], {}, {}
        for assessment in assessments:
            head = _assessment_item(assessment)
            heads.append(head)
            items[assessment.id] = head
            own = {c.id for c in assessment.claims}
            for claim in assessment.claims:
                owners[claim.id] = assessment.id
                items[claim.id] = _claim_item(claim)
                yield
            shown_under = _shown_parents(
                {c: p for c, p in parents.items() if c in own and p in own}
            )
            for claim in assessment.claims:
                parent_id = shown_under.get(claim.id)
                (head if parent_id is None else items[parent_id]).addChild(items[claim.id])
        selected = self.selected_claims()
        collapsed = {k for k, i in self._items.items() if not i.isExpanded()}
        self._quiet = True
        try:
            self.tree.clear()
            self._items, self._assessment_of = items, owners
            self.tree.addTopLevelItems(heads)
            self.tree.expandAll()
            for key in collapsed & items.keys():
                items[key].setExpanded(False)
            self._select(selected)
        finally:
            self._quiet = False
        self.highlight_claims(self._highlighted)

    def assessment_of(self, claim_id: str) -> str | None:
        return self._assessment_of.get(claim_id)

    def selected_claims(self) -> list[str]:
        return [
            i.data(0, ID_ROLE) for i in self.tree.selectedItems() if i.data(0, KIND_ROLE) == "claim"
        ]

    def title_of(self, assessment_id: str) -> str | None:
        """Return an assessment's title as the browser shows it, or None if it has none."""
        item = self._items.get(assessment_id)
        if item is None or item.data(0, KIND_ROLE) != "assessment":
            return None
        return item.text(0)

    def selected_assessment(self) -> str | None:
        """Return the assessment whose row alone is selected, or None."""
        items = self.tree.selectedItems()
        if len(items) == 1 and items[0].data(0, KIND_ROLE) == "assessment":
            return items[0].data(0, ID_ROLE)
        return None

    def select_claims(self, claim_ids: Iterable[str]) -> None:
        """Select these claims and scroll to the first, without emitting."""
        self._quiet = True
        try:
            self._select(list(claim_ids))
        finally:
            self._quiet = False

    def select_assessment(self, assessment_id: str) -> None:
        """Select the assessment's row, without emitting."""
        item = self._items.get(assessment_id)
        if item is None:
            return
        self._quiet = True
        try:
            self.tree.clearSelection()
            item.setSelected(True)
            self.tree.scrollToItem(item)
        finally:
            self._quiet = False

    def highlight_claims(self, claim_ids: Iterable[str], message: str = "") -> None:
        """Light up these claims (bold, tinted); show ``message`` above the tree."""
        wanted = set(claim_ids)
        self._light(self._highlighted - wanted, lit=False)
        self._light(wanted, lit=True)
        self._highlighted = wanted
        self.summary.setText(message)
        self.summary.setToolTip(message)  # a third line, if the title needs one

    def _light(self, claim_ids: Iterable[str], *, lit: bool) -> None:
        """Make these claims' rows lit (bold, tinted, their branches open) or plain."""
        tint = QBrush(self.palette().color(QPalette.ColorRole.Highlight).lighter(170))
        if self.palette().color(QPalette.ColorRole.Base).lightness() < 128:
            tint = QBrush(self.palette().color(QPalette.ColorRole.Highlight).darker(180))
        for key in claim_ids:
            item = self._items.get(key)
            if item is None or item.data(0, KIND_ROLE) != "claim":
                continue
            font = item.font(0)
            font.setBold(lit)
            item.setFont(0, font)
            item.setBackground(0, tint if lit else QBrush())
            if lit and item.parent() is not None:
                _expand_to(item)

    def is_highlighted(self, claim_id: str) -> bool:
        item = self._items.get(claim_id)
        return item is not None and item.font(0).bold()

    def _select(self, claim_ids: list[str]) -> None:
        self.tree.clearSelection()
        for key in claim_ids:
            item = self._items.get(key)
            if item is not None:
                _expand_to(item)
                item.setSelected(True)
        if claim_ids and claim_ids[0] in self._items:
            self.tree.scrollToItem(self._items[claim_ids[0]])

    def _selection_changed(self) -> None:
        if self._quiet:
            return
        items = self.tree.selectedItems()
        if len(items) == 1 and items[0].data(0, KIND_ROLE) == "assessment":
            self.assessmentChosen.emit(items[0].data(0, ID_ROLE))
            return
        claims = self.selected_claims()
        if claims:
            self.claimsSelected.emit(claims)

    def _menu_asked(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        kind, key = ("", "") if item is None else (item.data(0, KIND_ROLE), item.data(0, ID_ROLE))
        if item is not None and not item.isSelected():
            self.tree.setCurrentItem(item)  # the row right-clicked is chosen, as on a click
        self.menuAsked.emit(kind, key, self.tree.viewport().mapToGlobal(point))


def _outline_parents(relations: Iterable[Relation]) -> dict[str, str]:
    """Return, for each claim, the first claim it supports or attacks, avoiding cycles.

    A claim without a parent yet heads a tree of the outline, so a parent closes a cycle
    exactly when it is in that claim's own tree: disjoint sets tell at once (walking up
    from the parent took quadratic time, minutes for a chain of 100,000 claims).
    """
    parents: dict[str, str] = {}
    tree_of: dict[str, str] = {}  # claim -> a claim nearer its set's representative

    def tree(claim: str) -> str:
        while (up := tree_of.get(claim, claim)) != claim:
            tree_of[claim] = tree_of.get(up, up)  # path halving
            claim = up
        return claim

    for relation in relations:
        if relation.type is RelationType.UNDERCUT:
            continue
        for premise in relation.premises:  # each of a linked reason's premises
            if premise in parents:
                continue
            head, joined = tree(premise), tree(relation.target)
            if head != joined:
                parents[premise] = relation.target
                tree_of[head] = joined
    return parents


def _assessment_item(assessment: Assessment) -> QTreeWidgetItem:
    published = assessment.published.display() if assessment.published else "undated"
    head = QTreeWidgetItem([assessment.title, assessment.kind.value.capitalize(), published])
    head.setData(0, ID_ROLE, assessment.id)
    head.setData(0, KIND_ROLE, "assessment")
    head.setToolTip(0, plain_tooltip(_assessment_tip(assessment)))
    head.setFlags(head.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
    font = QFont(head.font(0))
    font.setBold(True)
    head.setFont(0, font)
    return head


def _shown_parents(parents: dict[str, str]) -> dict[str, str]:
    """Return the row each claim is shown under: its parent, down to ``MAX_DEPTH`` levels;
    claims deeper in a chain are shown one after another under the claim at that depth.

    No one reads an outline indented thousands of levels, and Qt takes quadratic time to
    clear one: 35 s for a chain of 20,000 claims.
    """
    depth: dict[str, int] = {}
    shown: dict[str, str] = {}
    for start in list(parents):
        path, claim = [], start
        while claim in parents and claim not in depth:  # up to a claim already placed
            path.append(claim)
            claim = parents[claim]
        for below in reversed(path):  # then down again, placing each
            parent = parents[below]
            above = depth.get(parent, 0)  # a claim with no parent heads its tree: 0
            if above > MAX_DEPTH:  # the parent is shown beside its own: so is this one
                depth[below], shown[below] = above, shown[parent]
            else:
                depth[below], shown[below] = above + 1, parent
    return shown


def _claim_item(claim: Claim) -> QTreeWidgetItem:
    item = QTreeWidgetItem([claim.text, ROLE_LABELS[claim.role], claim.locator])
    item.setData(0, ID_ROLE, claim.id)
    item.setData(0, KIND_ROLE, "claim")
    tip = f"{claim.text}\n\n{ROLE_LABELS[claim.role]}"
    item.setToolTip(0, plain_tooltip(f"{tip} · {claim.locator}" if claim.locator else tip))
    return item


def _expand_to(item: QTreeWidgetItem) -> None:
    parent = item.parent()
    while parent is not None:
        parent.setExpanded(True)
        parent = parent.parent()


def _assessment_tip(assessment: Assessment) -> str:
    lines = [assessment.title]
    by = ", ".join(part for part in (assessment.author, assessment.outlet) if part)
    if by:
        lines.append(by)
    if assessment.source:
        lines.append(f"Source: {assessment.source}")
    return "\n".join(lines)
