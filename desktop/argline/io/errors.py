"""The error every reader raises: what was refused, and where in which file."""

from __future__ import annotations


class ImportRefused(Exception):
    """A file could not be imported; nothing was changed. The message names file and place."""

    def __init__(self, message: str, *, file: str = "", where: str = "") -> None:
        self.file = file
        self.where = where
        self.detail = message
        super().__init__(": ".join(part for part in (file, where, message) if part))

    def in_file(self, file: str) -> ImportRefused:
        """Return the same error, naming the file it came from."""
        return ImportRefused(self.detail, file=file, where=self.where)


class ImportCancelled(Exception):
    """The user declined an import after seeing what it would bring; nothing was changed."""
