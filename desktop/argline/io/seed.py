"""The seed corpus shipped with Argline: two assessments of the 2018 Helsinki summit."""

from __future__ import annotations

from importlib import resources

from argline.io.transfer import ImportReport, import_bytes
from argline.store import Store

SEED_FILE = "helsinki-2018.argline.json"


def seed_bytes() -> bytes:
    """Return the seed corpus file as installed with the package."""
    return resources.files("argline.seeds").joinpath(SEED_FILE).read_bytes()


def load_seed(store: Store) -> ImportReport:
    """Merge the seed corpus into the store; loading it again changes nothing."""
    return import_bytes(store, seed_bytes(), name=SEED_FILE, format="argline")
