"""What a file counts of changes to its timeline's events, known without SQLAlchemy.

Triggers on ``events`` add one to ``timeline_changes`` at every insert, delete and
change of a column the timeline packs (argline.ops.timeline_pack); the schema makes
them on a file (argline.store.schema), and the plain reads check they are there.
"""

# The columns a pack holds and orders by: a change to any makes a pack stale.
PACKED_EVENT_COLUMNS = 'key, title, category, start, "end", axis_start, axis_end'
# A pack is read only while all three are there: a table rebuilt by a migration, or a
# file dumped and read back, may have lost them, and would then count nothing.
COUNTING_TRIGGERS = (
    "timeline_changes_insert",
    "timeline_changes_delete",
    "timeline_changes_update",
)
_COUNT_A_CHANGE = "BEGIN UPDATE timeline_changes SET changes = changes + 1; END"
COUNTING_SQLITE = (
    "INSERT INTO timeline_changes (id, changes) VALUES (1, 0)",
    f"CREATE TRIGGER timeline_changes_insert AFTER INSERT ON events {_COUNT_A_CHANGE}",
    f"CREATE TRIGGER timeline_changes_delete AFTER DELETE ON events {_COUNT_A_CHANGE}",
    f"CREATE TRIGGER timeline_changes_update AFTER UPDATE OF id, {PACKED_EVENT_COLUMNS}"
    f" ON events {_COUNT_A_CHANGE}",
)
