"""Show text from files and the store as plain text: Qt guesses rich text in tooltips."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Return a tooltip that shows ``text`` literally, however much it looks like HTML."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
