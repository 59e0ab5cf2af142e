"""What only a PostgreSQL store does: announce each commit to other clients, know its rights.

Every transaction that writes sends one ``NOTIFY`` on :data:`CHANNEL` as part of the
transaction itself, so the server delivers it only if (and when) the data is
committed. The payload names the kinds of item written and, where the ORM saw them,
their ids; ``argline.store.notify.ChangeFeed`` reads it on the other side.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, Engine, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

CHANNEL = "argline_changes"
# PostgreSQL refuses payloads of 8000 bytes or more; past this, only kinds are named.
PAYLOAD_LIMIT = 7000
# Tables as the kinds of item the views know (the names of ops.changes.Changes).
KIND_OF_TABLE = {
    "events": "events",
    "source_dates": "events",
    "lanes": "events",  # a lane's mark: the timeline draws it
    "eras": "eras",
    "assessments": "assessments",
    "claims": "claims",
    "relations": "relations",
    "relation_premises": "relations",  # a linked reason's premises, set on their own
    "claim_events": "links",
    "store_info": "store",
}
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_WRITTEN = "argline_written_kinds"
_IDS = "argline_written_ids"
_WRITE_RIGHTS = ["INSERT", "UPDATE", "DELETE"]


def install_change_publisher(engine: Engine, sessions: sessionmaker[Session], origin: str) -> None:
    """Make every committed write through ``sessions`` send a NOTIFY naming what it changed."""
    event.listen(engine, "begin", _forget_writes)
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(sessions, "after_flush", _note_ids)
    event.listen(sessions, "after_rollback", _forget_ids)

    def publish(session: Session) -> None:
        if not session.in_transaction():
            return
        connection = session.connection()
        kinds = connection.info.pop(_WRITTEN, None)
        ids: dict[str, set[str]] = session.info.pop(_IDS, {})
        if kinds:
            connection.execute(select(func.pg_notify(CHANNEL, change_payload(origin, kinds, ids))))

    event.listen(sessions, "before_commit", publish)


def change_payload(origin: str, kinds: set[str], ids: dict[str, set[str]]) -> str:
    """Return the NOTIFY payload: the origin, the kinds written, and the ids known of them."""
    known = {kind: sorted(keys) for kind, keys in sorted(ids.items()) if kind in kinds}
    payload = json.dumps({"origin": origin, "kinds": sorted(kinds), "ids": known})
    if len(payload.encode()) > PAYLOAD_LIMIT:
        payload = json.dumps({"origin": origin, "kinds": sorted(kinds), "ids": {}})
    return payload


def _forget_writes(connection: Connection) -> None:
    connection.info.pop(_WRITTEN, None)


def _note_write(
    connection: Connection, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
) -> None:
    match = _WRITE.match(statement)
    if match and match.group(1) in KIND_OF_TABLE:
        connection.info.setdefault(_WRITTEN, set()).add(KIND_OF_TABLE[match.group(1)])


def _note_ids(session: Session, _context: Any) -> None:
    ids = session.info.setdefault(_IDS, {})
    for row in (*session.new, *session.dirty, *session.deleted):
        kind = KIND_OF_TABLE.get(getattr(row, "__tablename__", ""))
        key = getattr(row, "key", None)
        if kind is not None and isinstance(key, str):
            ids.setdefault(kind, set()).add(key)


def _forget_ids(session: Session) -> None:
    session.info.pop(_IDS, None)


def may_write(connection: Connection, tables: list[str]) -> bool:
    """Return whether this role, in this session, may insert, update and delete every table."""
    if connection.scalar(text("SELECT current_setting('transaction_read_only')")) == "on":
        return False
    # has_table_privilege with a list of rights is true when any one is held: ask each.
    query = text(
        "SELECT bool_and(has_table_privilege(CAST(t AS text), r))"
        " FROM unnest(CAST(:tables AS text[])) AS t, unnest(CAST(:rights AS text[])) AS r"
    )
    return bool(connection.scalar(query, {"tables": tables, "rights": _WRITE_RIGHTS}))
