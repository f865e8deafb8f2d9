"""Shared fixtures: small hand-written data, and one model trained on it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def small_areas():
    rows = [json.loads(l) for l in (FIX / "areas_small.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    return [r["text"] for r in rows], [r["areas"] for r in rows]


@pytest.fixture(scope="session")
def small_classifier(small_areas):
    from insatsmining.areas import AreaClassifier

    texts, y = small_areas
    return AreaClassifier(C=4.0, min_df=1, calibration_folds=3).fit(texts, y)


@pytest.fixture(scope="session")
def pipe():
    """The shipped default model."""
    import insatsmining

    return insatsmining.load()
