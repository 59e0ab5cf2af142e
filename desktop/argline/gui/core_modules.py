"""Import, before Qt, the core modules the first window needs: see ``launch.show_window``.

Every pure-Python module the first window imports belongs here, the layout and model
ones too: each one imported after PySide6 costs its source being read again. Nothing
here imports SQLAlchemy, which a first look does without. ``tests/gui`` checks that
the list stays complete.
"""

import _strptime  # noqa: F401  (the first datetime.strptime)
import getpass  # noqa: F401  (the file lock names its holder)
import html  # noqa: F401  (gui.plain)

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
    pointed_date,
    ticks,
    tidy,
    time_scale,
    timeline_content,
    tree_layout,
    visible,
)
from argline.model import (  # noqa: F401
    calendar,
    date_mentions,
    dates,
    entities,
    evaluation,
    ids,
    link_index,
    passages,
)
from argline.ops import (  # noqa: F401
    changes,
    collector,
    plain_reads,
    timeline_data,
)
from argline.ops import errors as edit_errors  # noqa: F401
from argline.ops import evaluation as argument_state  # noqa: F401
from argline.store import (  # noqa: F401
    cursor,
    first_look,
    inspection,
    lock,
    revision,
)
