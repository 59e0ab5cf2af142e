"""What a reader leaves out, gathered by reason so that a report stays short."""

from __future__ import annotations


class SkippedNotes:
    """Counts what was left out, by reason, remembering where it first happened."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        self._count: dict[str, int] = {}

    def add(self, reason: str, where: str = "") -> None:
        if reason not in self._count:
            self._first[reason] = where
            self._count[reason] = 0
        self._count[reason] += 1

    def notes(self) -> tuple[str, ...]:
        """Return one line per reason: where it first happened, why, and how often."""
        lines = []
        for reason, count in self._count.items():
            where = self._first[reason]
            text = f"{where}: {reason}" if where else reason
            lines.append(text if count == 1 else f"{text} (and {count - 1} more like it)")
        return tuple(lines)
