"""Challenges (utmaningar) in nulägesanalyser: detection, categories, areas, tables.

A *nulägesanalys* is the current-state analysis each region writes; a
challenge statement is a sentence or list item describing a difficulty that
remains. :class:`ChallengeExtractor` splits a text with
:func:`text.split_sentences` (bullets, headings, PDF wraps), scores each
sentence with a calibrated detector (function words and negation are kept
as features, so "har förbättrats" and "kvarstår" count), assigns categories
(multi-label, never empty) and the areas it concerns: area codes or names in
the sentence or its heading, plus the area classifier when it is confident.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .areas import TextScorer
from .taxonomy import Taxonomy, _fold
from .text import Sentence, split_sentences, tokenize

CHALLENGE_COLUMNS = ["row", "sentence", "start", "end", "score", "categories", "areas", "region", "year"]
SCORE_COLUMNS = ["row", "sentence", "start", "end", "score", "is_challenge", "heading", "region", "year"]
_HEADING_CUE = re.compile(r"utmaning|risk|brist|behov|svårighet|hinder|problem", re.I)
_CODE_RE = re.compile(r"(?<![\d.])3\.[1-8](?![\d])")
#: Pseudo-word added to sentences under a heading such as "Utmaningar".
HEADING_FEATURE = "xrubrikutmaningx"
AREA_MIN_PROBA = 0.6


def detector_text(sentence: str, heading: str | None) -> str:
    """What the detector reads: the sentence, plus a marker for challenge headings."""
    if isinstance(heading, str) and _HEADING_CUE.search(heading):
        return f"{sentence} {HEADING_FEATURE}"
    return sentence


def heading_area(heading: str | None, tax: Taxonomy) -> str | None:
    """Area a heading names ("3.4 …", "Eftervård", "Stärkt kompetensförsörjning")."""
    if not isinstance(heading, str) or not heading:
        return None
    m = _CODE_RE.search(heading)
    if m:
        return m.group()
    h = _fold(heading)
    for a in tax.areas:
        if _fold(a.name) in h or (a.short and _fold(a.short) in h):
            return a.code
    return None


class ChallengeExtractor:
    """Finds challenge statements and classifies them.

    Built from exported model arrays (``challenge`` and ``categories``
    components) and the area scorer; thresholds come from training.
    """

    def __init__(self, detector: dict[str, Any], categories: dict[str, Any], areas: TextScorer,
                 taxonomy: Taxonomy):
        self.detector = TextScorer(detector)
        self.categories = TextScorer(categories)
        self.areas = areas
        self.taxonomy = taxonomy

    def _sentences(self, text: str) -> list[Sentence]:
        return [s for s in split_sentences(text) if s.kind != "heading" and len(s.text) > 2]

    def score(self, texts: Sequence[str], region=None, year=None) -> pd.DataFrame:
        """Every sentence with its challenge probability."""
        rows: list[tuple] = []
        sents_all: list[Sentence] = []
        owners: list[int] = []
        for r, t in enumerate(texts):
            if not isinstance(t, str):
                continue
            for s in self._sentences(t):
                sents_all.append(s)
                owners.append(r)
        if not sents_all:
            return pd.DataFrame(columns=SCORE_COLUMNS)
        dtexts = [detector_text(s.text, s.heading) for s in sents_all]
        p = self.detector.proba(dtexts)[:, 0]
        thr = self.detector.threshold
        regs = _per_row(region, len(texts))
        yrs = _per_row(year, len(texts))
        for s, o, pi in zip(sents_all, owners, p):
            rows.append((o, s.text, s.start, s.end, round(float(pi), 4), bool(pi >= thr), s.heading,
                         regs[o], yrs[o]))
        return pd.DataFrame(rows, columns=SCORE_COLUMNS)

    def extract(self, texts: Sequence[str], region=None, year=None, area=None) -> pd.DataFrame:
        """Only the challenge statements, with categories and areas."""
        scored = self.score(texts, region, year)
        ch = scored[scored["is_challenge"]].reset_index(drop=True)
        if ch.empty:
            return pd.DataFrame(columns=CHALLENGE_COLUMNS)
        sents = ch["sentence"].tolist()
        toks = [tokenize(s) for s in sents]
        cat_p = self.categories.calibrate(self.categories.decision(toks)[0])
        area_p = self.areas.calibrate(self.areas.decision(toks)[0])
        cats_names = self.categories.classes
        areas_given = _per_row(area, len(texts))
        cat_lists, area_lists = [], []
        for i, (sent, head, row) in enumerate(zip(sents, ch["heading"], ch["row"])):
            cs = [c for c, p in zip(cats_names, cat_p[i]) if p >= self.categories.threshold]
            if not cs:
                cs = [cats_names[int(cat_p[i].argmax())]]
            cat_lists.append(sorted(cs, key=lambda c: -cat_p[i][cats_names.index(c)]))
            ar = set(_CODE_RE.findall(sent))
            h = heading_area(head, self.taxonomy)
            if h:
                ar.add(h)
            if areas_given[row]:
                ar.add(str(areas_given[row]))
            ar.update(a for a, p in zip(self.areas.classes, area_p[i]) if p >= AREA_MIN_PROBA)
            area_lists.append(sorted(ar))
        ch["categories"] = cat_lists
        ch["areas"] = area_lists
        return ch[CHALLENGE_COLUMNS]


def _per_row(value, n: int) -> list:
    if value is None or isinstance(value, (str, int, np.integer)):
        return [value] * n
    vals = list(value)
    if len(vals) != n:
        raise ValueError(f"got {len(vals)} region/year/area values for {n} texts")
    return vals


# ------------------------------------------------------------------ tables
def challenge_matrix(df: pd.DataFrame, share: bool = False) -> pd.DataFrame:
    """Region × category counts of challenge statements (or row shares)."""
    if df.empty:
        return pd.DataFrame()
    ex = df.assign(region=df["region"].fillna("okänd")).explode("categories")
    m = pd.crosstab(ex["region"], ex["categories"])
    if share:
        m = m.div(m.sum(axis=1), axis=0).round(3)
    return m


def tfidf_rows(sentences: Sequence[str], scorer: TextScorer) -> np.ndarray:
    """Dense tf-idf rows (shared vocabulary of a model) for similarity work."""
    vocab_n = len(scorer.features.vocabulary)
    mat = np.zeros((len(sentences), vocab_n), dtype=np.float32)
    for r, s in enumerate(sentences):
        idx, val, _ = scorer.features.vector(tokenize(s))
        mat[r, idx] = val
    return mat


def top_challenges(df: pd.DataFrame, scorer: TextScorer, n_examples: int = 3) -> pd.DataFrame:
    """Most cited categories with representative sentences from different regions.

    Representatives are the sentences closest to the category's centroid,
    taking at most one per region.
    """
    if df.empty:
        return pd.DataFrame(columns=["category", "count", "regions", "examples"])
    ex = df.explode("categories").reset_index(drop=True)
    rows = []
    for cat, sub in ex.groupby("categories"):
        vec = tfidf_rows(sub["sentence"].tolist(), scorer)
        centre = vec.mean(0)
        sims = vec @ centre / (np.linalg.norm(vec, axis=1) * (np.linalg.norm(centre) + 1e-9) + 1e-9)
        order = np.argsort(-sims, kind="stable")
        picked, regs = [], set()
        for i in order:
            reg = sub["region"].iloc[i]
            if reg in regs and len(set(sub["region"])) > len(regs):
                continue
            regs.add(reg)
            picked.append(f"{sub['sentence'].iloc[i]} ({reg or 'okänd region'})")
            if len(picked) == n_examples:
                break
        rows.append({"category": cat, "count": len(sub), "regions": sub["region"].nunique(),
                     "examples": picked})
    return pd.DataFrame(rows).sort_values(["count", "category"], ascending=[False, True]).reset_index(drop=True)


def group_challenges(sentences: Sequence[str], scorer: TextScorer, n_groups: int | None = None,
                     seed: int = 0, n_words: int = 4) -> pd.DataFrame:
    """Group similar statements (seeded k-means on tf-idf, cosine) and name each group.

    Works on 20–200 sentences. Each group is labelled with the words whose
    weight in the group most exceeds their weight in all sentences.
    """
    sentences = list(sentences)
    n = len(sentences)
    if n == 0:
        return pd.DataFrame(columns=["sentence", "group", "group_words"])
    k = n_groups or max(1, min(8, int(round(np.sqrt(n / 3)))))
    X = tfidf_rows(sentences, scorer).astype(np.float64)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    X = X / np.where(norms == 0, 1, norms)
    rng = np.random.default_rng(seed)
    # k-means++ seeding then Lloyd iterations on unit vectors (spherical k-means)
    centres = [X[rng.integers(n)]]
    for _ in range(1, k):
        d = 1 - np.max(np.stack([X @ c for c in centres]), axis=0)
        d = np.clip(d, 0, None)
        probs = d / d.sum() if d.sum() > 0 else np.full(n, 1 / n)
        centres.append(X[rng.choice(n, p=probs)])
    C = np.stack(centres)
    labels = np.zeros(n, dtype=int)
    for _ in range(50):
        new = (X @ C.T).argmax(1)
        if _ > 0 and np.array_equal(new, labels):
            break
        labels = new
        for j in range(k):
            members = X[labels == j]
            if len(members):
                c = members.mean(0)
                C[j] = c / (np.linalg.norm(c) or 1)
    inv = {i: f for f, i in scorer.features.vocabulary.items()}
    overall = X.mean(0)
    names = {}
    for j in range(k):
        members = X[labels == j]
        if not len(members):
            continue
        lift = members.mean(0) - overall
        words = [inv[i][2:] for i in np.argsort(-lift) if inv[i].startswith("w:")][:n_words]
        names[j] = ", ".join(words)
    # renumber groups by size for stable, readable output
    order = sorted(set(labels), key=lambda j: (-(labels == j).sum(), j))
    renum = {j: g for g, j in enumerate(order)}
    return pd.DataFrame({"sentence": sentences, "group": [renum[j] for j in labels],
                         "group_words": [names.get(j, "") for j in labels]})
