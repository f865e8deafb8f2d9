"""The Pipeline: a loaded model plus the annotators, behind the public contract.

``load()`` reads a model folder (numpy arrays + JSON card; no scikit-learn,
spaCy or torch import) and returns a :class:`Pipeline` whose methods take
texts or DataFrames and give DataFrames. ``classify`` and ``tag`` share one
tokenisation pass per text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .areas import TextScorer, margins
from .challenges import ChallengeExtractor
from .persistence import load_components
from .resources import default_model_dir
from .tagging import Tagger
from .taxonomy import Taxonomy, as_year
from .text import tokenize

CLASSIFY_COLUMNS = ["best_area", "areas", "needs_review", "evidence"]


def _as_texts(texts) -> tuple[list, pd.Index | None]:
    if isinstance(texts, str):
        raise TypeError("pass a list or Series of texts, not a single string (wrap it: [text])")
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns:
            from .errors import MissingColumnError

            raise MissingColumnError(f"no column 'text'; columns are: {list(texts.columns)}")
        texts = texts["text"]
    if isinstance(texts, pd.Series):
        return texts.tolist(), texts.index
    return list(texts), None


def _is_blank(t) -> bool:
    return not isinstance(t, str) or not t.strip()


class Pipeline:
    """Area classifier, tagger and challenge extractor of one model folder."""

    def __init__(self, folder: str | Path, themes: str | Path | None = None):
        self.folder = Path(folder)
        self.taxonomy = Taxonomy.load(2025)
        self.card, comps = load_components(self.folder, self.taxonomy.version)
        self.area_scorer = TextScorer(comps["areas"])
        self.area_codes = self.area_scorer.classes
        self.tagger = Tagger(themes=themes)
        self._challenge_arrays = (comps.get("challenge"), comps.get("categories"))
        self._challenges: ChallengeExtractor | None = None

    def __repr__(self) -> str:
        return f"Pipeline(model={str(self.folder)!r}, created={self.card.get('created')!r})"

    @property
    def challenges(self) -> ChallengeExtractor:
        if self._challenges is None:
            det, cats = self._challenge_arrays
            if det is None or cats is None:
                from .errors import ModelError

                raise ModelError(f"model {self.folder} has no challenge components; retrain with `insatsmining train`")
            self._challenges = ChallengeExtractor(det, cats, self.area_scorer, self.taxonomy)
        return self._challenges

    # ---------------------------------------------------------------- areas
    def _classify_tokens(self, texts: list, toks: list, year: int | None = None, matches=None) -> pd.DataFrame:
        codes = self.area_codes
        n = len(texts)
        scores, parts = self.area_scorer.decision(toks, [t if isinstance(t, str) else "" for t in texts], matches)
        proba = self.area_scorer.calibrate(scores)
        blank = np.array([_is_blank(t) for t in texts], dtype=bool)
        proba[blank] = np.nan
        out = pd.DataFrame(proba, columns=codes)
        best, areas, review, evidence = [], [], [], []
        marg = margins(np.nan_to_num(proba)) if n else np.empty(0)
        thr, rthr = self.area_scorer.threshold, self.area_scorer.review_threshold
        for i in range(n):
            if blank[i]:
                best.append("")
                areas.append([])
                review.append(True)
                evidence.append({})
                continue
            p = proba[i]
            order = np.argsort(-p, kind="stable")
            chosen = [codes[j] for j in order if p[j] >= thr] or [codes[order[0]]]
            best.append(codes[order[0]])
            areas.append(chosen)
            review.append(bool(marg[i] < rthr))
            evidence.append({c: self.area_scorer.evidence(toks[i], parts[i], codes.index(c)) for c in chosen})
        out["best_area"] = best
        out["areas"] = areas
        out["needs_review"] = review
        out["evidence"] = evidence
        year = as_year(year)
        if year is not None and year != self.taxonomy.current_year:
            out[f"best_area_{year}"], out[f"areas_{year}"] = self._to_legacy(proba, areas, year)
        return out

    def _to_legacy(self, proba: np.ndarray, areas: list[list[str]], year: int):
        """Best and applicable codes of an older year, through the crosswalk."""
        back = {c: self.taxonomy.legacy_codes(c, year) for c in self.area_codes}
        best_l, areas_l = [], []
        for p, ar in zip(proba, areas):
            if np.isnan(p).all():
                best_l.append("")
                areas_l.append([])
                continue
            ranked = [self.area_codes[j] for j in np.argsort(-p, kind="stable")]
            best_l.append(next((back[c][0] for c in ranked if back[c]), ""))
            areas_l.append([back[c][0] for c in ar if back[c]])
        return best_l, areas_l

    def classify(self, texts, year: int | str | None = None) -> pd.DataFrame:
        """Area probabilities, best area, areas, needs_review, evidence per text.

        ``year`` (2023 or 2024) adds ``best_area_<year>`` and
        ``areas_<year>`` in that year's codes, mapped through the crosswalk.
        """
        texts, index = _as_texts(texts)
        toks = [tokenize(t) if isinstance(t, str) else [] for t in texts]
        out = self._classify_tokens(texts, toks, year)
        if index is not None:
            out.index = index
        return out

    # ---------------------------------------------------------------- tags
    def tag(self, texts) -> pd.DataFrame:
        """Theme and target-group spans, one row per span."""
        texts, _ = _as_texts(texts)
        return self.tagger.tag([t if isinstance(t, str) else "" for t in texts])

    def classify_and_tag(self, texts, year=None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Both in one tokenisation pass (what ``analyze`` uses)."""
        texts, index = _as_texts(texts)
        clean = [t if isinstance(t, str) else "" for t in texts]
        toks = [tokenize(t) for t in clean]
        # one lexicon pass serves both the tags and the classifier's lexicon features
        matches = [self.tagger.match_tokens(t) for t in toks] if self.tagger.shipped_only else None
        cls = self._classify_tokens(texts, toks, year, matches)
        if index is not None:
            cls.index = index
        return cls, self.tagger.tag(clean, toks, matches)

    def suggest_themes(self, texts, min_count: int = 3, top: int = 30) -> pd.DataFrame:
        """Recurring lemmas and word pairs that no theme covers yet, with contexts."""
        from .suggest import uncovered_terms

        texts, _ = _as_texts(texts)
        return uncovered_terms([t for t in texts if isinstance(t, str)], self.tagger, min_count, top)

    # ----------------------------------------------------------- challenges
    def extract_challenges(self, texts, region=None, year=None) -> pd.DataFrame:
        """Challenge statements in nulägesanalyser (texts, a Series or a DataFrame)."""
        if isinstance(texts, pd.DataFrame):
            frame = texts
            texts_l = frame["text"].tolist() if "text" in frame else _as_texts(frame)[0]
            region = frame["region"].tolist() if "region" in frame and region is None else region
            year = frame["year"].tolist() if "year" in frame and year is None else year
            area = frame["area_reported"].tolist() if "area_reported" in frame else (
                frame["area"].tolist() if "area" in frame else None)
            return self.challenges.extract(texts_l, region, year, area)
        texts_l, _ = _as_texts(texts)
        return self.challenges.extract(texts_l, region, as_year(year) if isinstance(year, (str, int)) else year)

    def score_sentences(self, texts, region=None, year=None) -> pd.DataFrame:
        """Every sentence with its challenge probability (set your own threshold)."""
        texts_l, _ = _as_texts(texts)
        return self.challenges.score(texts_l, region, year)

    # -------------------------------------------------------------- review
    def suggest(self, frame, text_column: str = "text") -> pd.DataFrame:
        """Review table: top-3 areas, evidence, tags, priority, empty decision columns."""
        from .review import suggest

        return suggest(self, frame, text_column)

    def update(self, reviewed: pd.DataFrame, out: str | Path, force: bool = False, **kwargs) -> "Pipeline":
        """Retrain with reviewed rows; write a new model folder; return its Pipeline."""
        from .review import update

        update(self, reviewed, out, force=force, **kwargs)
        return Pipeline(out)

    # -------------------------------------------------------------- tables
    def analyze(self, insatser, nulagesanalyser=None, **kwargs):
        """Classify, tag and check a submissions table -> :class:`Analysis`."""
        from .analysis import analyze_frame

        return analyze_frame(self, insatser, nulagesanalyser, **kwargs)

    def analyze_iter(self, chunks: Iterable[pd.DataFrame], **kwargs):
        """Analyse chunk by chunk (bounded memory); yields one Analysis per chunk."""
        from .analysis import analyze_frame

        offset = 0
        for chunk in chunks:
            res = analyze_frame(self, chunk, None, id_offset=offset, **kwargs)
            offset += len(chunk)
            yield res


def load(path: str | Path | None = None, *, themes: str | Path | None = None) -> Pipeline:
    """The shipped default model (offline, no torch) or a model folder from ``insatsmining train``."""
    return Pipeline(path or default_model_dir(), themes=themes)
