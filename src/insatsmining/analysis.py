"""analyze(): run the annotators over a submissions table and check every row.

Nothing is lost: the output has exactly the input rows, in the input order,
each with a ``status`` — ``ok``, ``flagged: …`` (analysed, but look at it)
or ``error: …`` (could not be analysed, e.g. empty text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .challenges import CHALLENGE_COLUMNS
from .errors import InputError, MissingColumnError, TaxonomyError
from .tagging import spans_to_lists
from .taxonomy import Taxonomy, as_year, normalize_area_code, normalize_region
from .text import looks_swedish, words

if TYPE_CHECKING:
    from .pipeline import Pipeline

#: Texts longer than this are analysed but flagged (and cut in workbooks).
LONG_TEXT_WORDS = 1500
MIN_SWEDISH_SHARE = 0.5
CANONICAL = ["id", "region", "year", "area_reported", "text"]


@dataclass
class Analysis:
    """Tidy results of one run: insatser, spans, challenges (+ summaries)."""

    insatser: pd.DataFrame
    spans: pd.DataFrame
    challenges: pd.DataFrame
    model_card: dict = field(default_factory=dict, repr=False)
    money: pd.DataFrame | None = None  # the survey's region × area money sheet, long form

    def summary(self, basis: str = "reported") -> dict[str, pd.DataFrame]:
        """Summary tables (see :func:`report.summarize`)."""
        from .report import summarize

        return summarize(self, basis=basis)

    def status_counts(self) -> dict[str, int]:
        """Rows per status kind (ok / flagged / error)."""
        return {str(k): int(v) for k, v in self.insatser["status"].str.split(":").str[0].value_counts().items()}

    def _repr_html_(self) -> str:
        from .report import analysis_html

        return analysis_html(self)

    def __repr__(self) -> str:
        return (f"Analysis({len(self.insatser)} insatser, {len(self.spans)} spans, "
                f"{len(self.challenges)} challenges; status {self.status_counts()})")


def _text_column(df: pd.DataFrame, text_column: str | None) -> str:
    col = text_column or "text"
    if col not in df.columns:
        import difflib

        near = difflib.get_close_matches(col, [str(c) for c in df.columns], n=1)
        hint = f"; did you mean {near[0]!r}? pass text_column={near[0]!r}" if near else "; pass text_column="
        raise MissingColumnError(f"no column {col!r} in the table; columns are: {list(df.columns)}{hint}")
    return col


def row_problems(df: pd.DataFrame, text_col: str, tax: Taxonomy) -> list[list[str]]:
    """Per row, the list of problems found (empty list = fine)."""
    probs: list[list[str]] = [[] for _ in range(len(df))]
    texts = df[text_col].tolist()
    for i, t in enumerate(texts):
        if not isinstance(t, str) or not t.strip():
            probs[i].append("error: empty text")
            continue
        n = len(words(t))
        if n > LONG_TEXT_WORDS:
            probs[i].append(f"flagged: very long text ({n} words)")
        if n >= 4 and not looks_swedish(t, MIN_SWEDISH_SHARE):
            probs[i].append("flagged: text does not look Swedish")
    if "id" in df.columns:
        ids = df["id"].astype(str)
        dup = ids.duplicated(keep=False) & df["id"].notna()
        for i in np.where(dup.to_numpy())[0]:
            probs[i].append(f"flagged: duplicate id {ids.iloc[i]}")
    if "region" in df.columns:
        for i, r in enumerate(df["region"].tolist()):
            if _present(r) and normalize_region(r) is None:
                probs[i].append(f"flagged: unknown region {r!r}")
    if "area_reported" in df.columns:
        years = df["year"].tolist() if "year" in df.columns else [None] * len(df)
        for i, (a, y) in enumerate(zip(df["area_reported"].tolist(), years)):
            if not _present(a):
                continue
            try:
                yi = as_year(y) if _present(y) else None
            except TaxonomyError:
                probs[i].append(f"flagged: year {y!r} is not a number")
                continue
            code = normalize_area_code(str(a), yi, tax)
            if not tax.exists(code, yi if yi in tax._all else None):
                probs[i].append(f"flagged: area_reported {a!r} is not an area of {yi or 'any year'}")
    return probs


def _present(v) -> bool:
    return v is not None and not (isinstance(v, float) and np.isnan(v)) and str(v).strip() != ""


def reported_2025(df: pd.DataFrame, tax: Taxonomy) -> list:
    """The reported area mapped onto 2025 (None when missing or no successor)."""
    if "area_reported" not in df.columns:
        return [None] * len(df)
    years = df["year"].tolist() if "year" in df.columns else [None] * len(df)
    out = []
    for a, y in zip(df["area_reported"].tolist(), years):
        try:
            out.append(tax.map_area(str(a), from_year=as_year(y) if _present(y) else None) if _present(a) else None)
        except TaxonomyError:
            out.append(None)
    return out


def _no_successor(code: str, tax: Taxonomy) -> bool:
    try:
        return tax.map_area(code) is None
    except TaxonomyError:
        return False


def analyze_frame(pipe: "Pipeline", insatser, nulagesanalyser=None, text_column: str | None = None,
                  id_offset: int = 0, link_years: bool = True, money: pd.DataFrame | None = None,
                  progress=None, batch: int = 1000) -> Analysis:
    """Classify, tag and check every row; extract challenges when texts are given.

    ``progress(done)`` is called after each batch of ``batch`` texts (the CLI's
    progress bar); the row checks and year linking always see the whole table.
    """
    if isinstance(insatser, (list, tuple, pd.Series)):
        insatser = pd.DataFrame({"text": list(insatser)})
    if not isinstance(insatser, pd.DataFrame):
        raise InputError(f"analyze expects a DataFrame (or list of texts), got {type(insatser).__name__}")
    df = insatser.reset_index(drop=True).copy()
    col = _text_column(df, text_column)
    if "id" not in df.columns:
        df.insert(0, "id", [f"rad-{i + 1 + id_offset:05d}" for i in range(len(df))])
    else:
        df["id"] = df["id"].astype(object)
        missing = ~df["id"].map(_present).astype(bool)
        if missing.any():
            df.loc[missing, "id"] = [f"rad-{i + 1 + id_offset:05d}" for i in np.where(missing)[0]]
    if "region" in df.columns:
        df["region"] = [normalize_region(r) or r for r in df["region"]]
    if "year" in df.columns:
        df["year"] = [_year_or_none(y) for y in df["year"]]
    tax = pipe.taxonomy
    probs = row_problems(df, col, tax)
    texts = [t if isinstance(t, str) else "" for t in df[col].tolist()]
    if progress is None:
        cls, spans = pipe.classify_and_tag(texts)
    else:
        parts = []
        for i in range(0, len(texts), batch):
            c, sp = pipe.classify_and_tag(texts[i:i + batch])
            parts.append((c, sp.assign(row=sp["row"] + i)))
            progress(min(len(texts), i + batch))
        cls = pd.concat([c for c, _ in parts], ignore_index=True) if parts else pipe.classify_and_tag([])[0]
        spans = pd.concat([sp for _, sp in parts], ignore_index=True) if parts else pipe.tag([])
    cls.index = df.index
    themes = spans_to_lists(spans, len(df), "theme")
    groups = spans_to_lists(spans, len(df), "target_group")
    out = pd.concat([df, cls], axis=1)
    rep = reported_2025(df, tax)
    src = []
    if "area_reported" in df.columns:
        for i, (a, r) in enumerate(zip(df["area_reported"], rep)):
            if r is not None:
                src.append("crosswalk" if ":" in str(a) else "reported")
            elif _present(a) and _no_successor(str(a), tax) and out["best_area"].iloc[i]:
                rep[i] = out["best_area"].iloc[i]  # e.g. nya_arbetssatt: re-classified from the text
                src.append("model")
            else:
                src.append("missing" if not _present(a) else "unknown code")
        out["area_reported_2025"] = rep
        out["area_reported_2025_source"] = src
    else:
        out["area_reported_2025"] = rep
    out["themes"] = themes
    out["target_groups"] = groups
    out["status"] = [_status(p) for p in probs]
    if link_years and {"region", "year"} <= set(out.columns) and out["year"].nunique() > 1:
        from .series import link_series, series_status

        out = link_series(out, pipe.area_scorer.features)
        out["series_status"] = series_status(out)
    spans = spans.copy()
    spans.insert(1, "id", df["id"].to_numpy()[spans["row"].to_numpy()] if len(spans) else [])
    challenges = pd.DataFrame(columns=CHALLENGE_COLUMNS)
    if nulagesanalyser is not None:
        nul = nulagesanalyser
        if isinstance(nul, (list, tuple, pd.Series)):
            nul = pd.DataFrame({"text": list(nul)})
        nul = nul.reset_index(drop=True)
        if "region" in nul.columns:
            nul = nul.assign(region=[normalize_region(r) or r for r in nul["region"]])
        challenges = pipe.extract_challenges(nul)
    return Analysis(out, spans, challenges, pipe.card, money)


def _status(problems: list[str]) -> str:
    if not problems:
        return "ok"
    errors = [p for p in problems if p.startswith("error")]
    if errors:
        return "error: " + "; ".join(p.split(": ", 1)[1] for p in errors + [q for q in problems if q not in errors])
    return "flagged: " + "; ".join(p.split(": ", 1)[1] for p in problems)


def _year_or_none(y):
    if not _present(y):
        return None
    try:
        return as_year(float(y) if isinstance(y, float) else y)
    except (TaxonomyError, ValueError):
        return y


def map_areas(df: pd.DataFrame, from_year: int | str | None = None, pipeline: "Pipeline | None" = None,
              area_column: str = "area_reported", text_column: str = "text") -> pd.DataFrame:
    """Add ``area_2025`` (and ``area_2025_source``) to a legacy-coded table.

    Codes with a successor map through the crosswalk (source ``crosswalk``);
    codes without one (``nya_arbetssatt``) are re-classified from the text
    with the model's best area (source ``model``) when a text column exists.
    ``from_year`` applies to every row; otherwise a ``year`` column is used.
    """
    if area_column not in df.columns:
        raise MissingColumnError(f"no column {area_column!r}; columns are: {list(df.columns)}; pass area_column=")
    tax = Taxonomy.load(2025)
    years = [as_year(from_year)] * len(df) if from_year is not None else (
        df["year"].tolist() if "year" in df.columns else [None] * len(df))
    mapped, source = [], []
    for a, y in zip(df[area_column].tolist(), years):
        if not _present(a):
            mapped.append(None)
            source.append("missing")
            continue
        try:
            m = tax.map_area(str(a), from_year=y if _present(y) else None)
        except TaxonomyError:
            mapped.append(None)
            source.append(f"unknown code {a!r}")
            continue
        mapped.append(m)
        source.append("crosswalk" if m else "no successor")
    out = df.copy()
    need = [i for i, s in enumerate(source) if s == "no successor"]
    if need and text_column in df.columns:
        if pipeline is None:
            from .pipeline import load

            pipeline = load()
        best = pipeline.classify([df[text_column].iloc[i] for i in need])["best_area"].tolist()
        for i, b in zip(need, best):
            mapped[i] = b or None
            source[i] = "model" if b else "no successor"
    out["area_2025"] = mapped
    out["area_2025_source"] = source
    return out
