"""The exchange format's lanes with their marks (docs/FORMAT.md, version 3)."""

from __future__ import annotations

from typing import Any

from argline.io.errors import ImportRefused
from argline.io.json_input import Fields
from argline.model.lanes import Lane, LaneMark, MarkError


def read_lanes(root: Fields) -> tuple[Lane, ...]:
    """Return the lanes a file names with their marks (none before version 3); refuse a
    mark no lane can be drawn with, naming the lane, and a lane named twice."""
    lanes: list[Lane] = []
    seen: set[str] = set()
    for fields in root.objects("lanes"):
        name = fields.text("name", required=True)
        if name in seen:
            raise ImportRefused(f"the lane {name!r} is named twice", where=fields.where("name"))
        seen.add(name)
        try:
            mark = LaneMark.of(fields.value.get("symbol"), fields.value.get("colour"))
        except MarkError as error:
            where = fields.where(error.part)
            raise ImportRefused(f"the lane {name!r}: {error}", where=where) from None
        lanes.append(Lane(name, mark))
    return tuple(lanes)


def lanes_json(lanes: tuple[Lane, ...]) -> list[dict[str, Any]]:
    """Return the lanes as the exchange format writes them."""
    return [
        {"name": lane.name, "symbol": lane.mark.symbol, "colour": lane.mark.colour}
        for lane in lanes
    ]
