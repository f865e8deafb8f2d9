"""Time series across agreement years: continuing insatser and counts per year.

Regions often report the same insats in several years with edited wording.
:func:`link_series` finds such pairs: same region, consecutive report years,
cosine similarity of the area model's tf-idf vectors (lemma, bigram and
character n-gram features) >= :data:`LINK_THRESHOLD`, matched one-to-one
greedily from the most similar pair down. On the demo's 34 written
continuation pairs of consecutive years the similarity was 0.16–0.6
(median 0.31) against at most 0.21 (99th percentile 0.17) for the other
446 same-region pairs, hence 0.2. Linked rows share a
``series_id``; :func:`series_status` tells per row whether the insats
starts, continues or (looking at the next year) ends. The threshold is
checked on the demo data's written continuation pairs (``tests/test_series.py``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .text import tokenize

LINK_THRESHOLD = 0.2


def _unit_vectors(texts, features) -> list[dict[int, float]]:
    out = []
    for t in texts:
        idx, val, _ = features.vector(tokenize(t if isinstance(t, str) else ""))
        out.append(dict(zip(idx.tolist(), val.tolist())))
    return out


def _cos(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def link_series(df: pd.DataFrame, features, threshold: float = LINK_THRESHOLD) -> pd.DataFrame:
    """Add ``series_id`` and ``series_similarity`` (to the previous year's row)."""
    out = df.copy().reset_index(drop=True)
    vecs = _unit_vectors(out["text"].tolist(), features)
    parent = list(range(len(out)))
    sim_prev = [np.nan] * len(out)

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    years = pd.to_numeric(out["year"], errors="coerce")
    for region, sub in out.groupby("region", dropna=True):
        ys = sorted(years[sub.index].dropna().unique())
        for y0, y1 in zip(ys, ys[1:]):
            a = sub.index[years[sub.index] == y0]
            b = sub.index[years[sub.index] == y1]
            pairs = sorted(((_cos(vecs[i], vecs[j]), i, j) for i in a for j in b), reverse=True)
            used_a, used_b = set(), set()
            for s, i, j in pairs:
                if s < threshold:
                    break
                if i in used_a or j in used_b:
                    continue
                used_a.add(i)
                used_b.add(j)
                parent[find(j)] = find(i)
                sim_prev[j] = round(s, 3)
    roots = [find(i) for i in range(len(out))]
    first = {}
    for i, r in enumerate(roots):
        first.setdefault(r, i)
    ids = {r: f"serie-{k + 1:04d}" for k, r in enumerate(sorted(first, key=first.get))}
    out["series_id"] = [ids[r] for r in roots]
    out["series_similarity"] = sim_prev
    return out


def series_status(df: pd.DataFrame) -> pd.Series:
    """Per row: "ny" (first year of its series), "fortsätter", and "avslutas" when
    no later row of the series exists although the region reported a later year."""
    years = pd.to_numeric(df["year"], errors="coerce")
    last_region_year = years.groupby(df["region"]).transform("max")
    status = []
    for i in range(len(df)):
        s = df["series_id"].iloc[i]
        ys = years[df["series_id"] == s]
        y = years.iloc[i]
        label = "ny" if y == ys.min() else "fortsätter"
        if y == ys.max() and y < last_region_year.iloc[i]:
            label += ", avslutas"
        status.append(label)
    return pd.Series(status, index=df.index, name="series_status")


def counts_per_year(ins: pd.DataFrame, column: str = "area_reported_2025") -> pd.DataFrame:
    """Years × 2025 areas (reported areas mapped through the crosswalk by default)."""
    d = ins.dropna(subset=[column]).explode(column) if ins[column].map(lambda v: isinstance(v, list)).any() else ins.dropna(subset=[column])
    t = pd.crosstab(pd.to_numeric(d["year"], errors="coerce"), d[column])
    t.index.name = "år"
    t.attrs["title"] = f"Insatser per år och område (bas: {column})"
    return t
