"""Exception classes. Each message says what went wrong and what to do."""
from __future__ import annotations


class InsatsminingError(Exception):
    """Base class for every error this library raises on purpose."""


class TaxonomyError(InsatsminingError, ValueError):
    """A taxonomy or lexicon file is malformed, or a code/year is unknown."""


class ModelError(InsatsminingError):
    """A model directory is missing, damaged or does not fit this library."""


class InputError(InsatsminingError, ValueError):
    """An input file or table cannot be used as given."""


class MissingColumnError(InputError, KeyError):
    """A required column is missing from an input table."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class OutputExistsError(InputError):
    """An output file exists and overwriting was not asked for."""
