"""The store's edits, queries and files as the views reach them: each imported on first use.

Most of these import SQLAlchemy, some 0.4 s of start-up, and the first window is drawn
without it (argline.store.first_look); the backups are needed only once it shows. So
the views name them through this module, ``operations.EditClaim(...)``, and their
modules load when the first one is used. ``tests/gui`` checks that the main window
imports without SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_NAMES_BY_MODULE = {
    "argline.ops.assessment_edits": (
        "AddAssessment",
        "DeleteAssessment",
        "EditAssessment",
        "what_deleting_takes",
    ),
    "argline.ops.claim_edits": ("AddClaim", "EditClaim", "MoveClaims"),
    "argline.ops.event_edits": ("AddEvent", "DeleteEvent", "EditEvent"),
    "argline.ops.links": ("LinkClaimEvent", "UnlinkClaimEvent"),
    "argline.ops.map_edits": ("DeleteMapItems", "PlaceClaims"),
    "argline.ops.queries": ("find_text", "load_assessments", "load_events", "load_links"),
    "argline.ops.relation_changes": ("ReconnectRelation", "RetypeRelation"),
    "argline.ops.relation_edits": ("AddRelation",),
    "argline.ops.running": ("run",),
    "argline.ops.versions": ("rebased", "versions_expected"),
    "argline.store.backup": ("list_backups",),
    "argline.store.copies": ("save_copy",),
    "argline.store.database": ("Store",),
    "argline.store.engine": ("database_url", "sqlite_path"),
    "argline.store.notify": ("ChangeFeed", "FeedState"),
    "argline.store.rotation": ("restore_backup", "take_rotating_backup"),
    "argline.store.viewing": ("open_read_only",),
}
_HOMES = {name: module for module, names in _NAMES_BY_MODULE.items() for name in names}


def __getattr__(name: str) -> Any:
    try:
        home = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    found = getattr(import_module(home), name)
    globals()[name] = found  # the next use finds it without coming here
    return found
