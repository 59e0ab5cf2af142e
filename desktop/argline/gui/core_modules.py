"""Import, before Qt, the core modules the first window needs: see ``launch.show_window``.

Every pure-Python module the first window imports belongs here, the layout and model
ones and SQLAlchemy's SQLite dialect too: each one imported after PySide6 costs its
source being read again. ``tests/gui`` checks that the list stays complete.
"""

import _strptime  # noqa: F401  (the first datetime.strptime)
import getpass  # noqa: F401  (the file lock names its holder)
import html  # noqa: F401  (gui.plain)

import sqlalchemy.dialects.sqlite  # noqa: F401  (loaded by the first SQLite engine)

from argline.io import errors, files  # noqa: F401
from argline.layout import (  # noqa: F401
    arrange,
    bands,
    frame,
    labels,
    lanes,
    layered_layout,
    map_graph,
    map_layout,
    ticks,
    tidy,
    time_scale,
    timeline_content,
    tree_layout,
    visible,
)
from argline.model import calendar, dates, entities, evaluation, link_index  # noqa: F401
from argline.ops import (  # noqa: F401
    assessment_edits,
    changes,
    claim_edits,
    event_edits,
    links,
    map_edits,
    merge,
    queries,
    relation_changes,
    relation_edits,
    running,
    timeline_data,
    versions,
)
from argline.ops import evaluation as argument_state  # noqa: F401
from argline.store import (  # noqa: F401
    backup,
    copies,
    database,
    lock,
    notify,
    rotation,
    viewing,
)
