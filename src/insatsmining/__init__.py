"""insatsmining: read Swedish regions' reports on maternity care and women's
health insatser and turn them into tables an analyst can trust.

Public API (stable)::

    import insatsmining as im
    pipe = im.load()                    # shipped model, offline, no torch
    pipe.classify(texts)                # areas 3.1–3.8 with probabilities and evidence
    pipe.tag(texts)                     # theme and target-group spans
    pipe.extract_challenges(texts)      # challenge statements of nulägesanalyser
    pipe.analyze(frame)                 # -> Analysis (.insatser, .spans, .challenges, .summary())
    im.map_areas(df, from_year=2024)    # legacy area codes -> 2025
    im.Taxonomy.load(2025).map_area("2024:eftervard", from_year=2024)

Glossary: *insats* = a funded intervention; *insatsområde* = an agreement
area (3.1–3.8 in 2025); *nulägesanalys* = a region's current-state
analysis; *målgrupp* = target group; *utmaning* = challenge.
"""
from __future__ import annotations

from ._version import __version__
from .errors import (InputError, InsatsminingError, MissingColumnError, ModelError,
                     OutputExistsError, TaxonomyError)
from .pipeline import Pipeline, load
from .taxonomy import Taxonomy

__all__ = ["__version__", "load", "analyze", "map_areas", "Pipeline", "Taxonomy",
           "InsatsminingError", "TaxonomyError", "ModelError", "InputError",
           "MissingColumnError", "OutputExistsError"]


def analyze(insatser, nulagesanalyser=None, **kwargs):
    """``load().analyze(...)`` with the shipped model."""
    return load().analyze(insatser, nulagesanalyser, **kwargs)


def map_areas(df, from_year=None, pipeline=None, **kwargs):
    """Add 2025 area codes to a table coded with an older year's areas (see analysis.map_areas)."""
    from .analysis import map_areas as _map

    return _map(df, from_year=from_year, pipeline=pipeline, **kwargs)
