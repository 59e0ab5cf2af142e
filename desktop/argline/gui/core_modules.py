"""Import, before Qt, the core modules the window needs: see ``launch.show_window`` for why."""

from argline.io import formats, transfer  # noqa: F401
from argline.ops import (  # noqa: F401
    assessment_edits,
    claim_edits,
    evaluation,
    event_edits,
    links,
    queries,
    relation_edits,
    running,
    timeline_data,
)
from argline.store import database  # noqa: F401
