"""Training and evaluation of the shipped model from the corpus.

``train_model`` fits the three linear components on the corpus' ``train``
split, measures them on the held-out ``test`` (grouped) and ``region_test``
(held-out regions) splits through the same numpy path that inference uses,
and writes a model folder with its card. Model choice (logistic regression
vs linear SVM, regularisation) is made by cross-validation inside ``train``
(:func:`select_area_model`), never on the test parts.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .areas import AreaClassifier, TextClassifier, TextScorer, margins, top_features
from .challenges import detector_text
from .corpora import corpus_hash, load_insatser, load_nulagesanalyser
from .evaluation import area_metrics, binary_metrics, set_f1
from .persistence import save_components
from .taxonomy import Taxonomy, load_lexicon

AREA_GRID = [{"model": m, "C": c, "char_ngrams": ng, "secondary_weight": sw}
             for m, c in (("logreg", 8.0), ("svm", 10.0)) for ng in ((4, 5), ()) for sw in (1.0, 0.5)]
#: Chosen by ``insatsmining train --select`` (region-grouped CV on the train split; see the model card).
DEFAULT_AREA_PARAMS = {"model": "svm", "C": 10.0, "char_ngrams": (), "secondary_weight": 0.5}


def scorer_area_predictions(scorer: TextScorer, texts: list[str]) -> tuple[np.ndarray, list, list]:
    """(proba, area sets, needs_review) exactly as the Pipeline computes them."""
    proba = scorer.proba(texts)
    sets, review = [], []
    m = margins(proba)
    for p, mi in zip(proba, m):
        order = np.argsort(-p, kind="stable")
        sets.append([scorer.classes[j] for j in order if p[j] >= scorer.threshold] or [scorer.classes[order[0]]])
        review.append(bool(mi < scorer.review_threshold))
    return proba, sets, review


def evaluate_areas(scorer: TextScorer, df: pd.DataFrame) -> dict:
    if df.empty:
        return {"n": 0}
    proba, sets, review = scorer_area_predictions(scorer, df["text"].tolist())
    return area_metrics(proba, scorer.classes, df["areas"].tolist(), sets, review)


def select_area_model(train: pd.DataFrame, grid=AREA_GRID, folds: int = 3, seed: int = 0) -> tuple[dict, list]:
    """Cross-validated choice among ``grid`` on the train split (region-grouped folds).

    The score is top-1 accuracy plus macro-F1 on the held-out regions of
    each fold; the corpus test splits and the real-text dev set are never used.
    """
    from sklearn.model_selection import GroupKFold

    texts, y = train["text"].tolist(), train["areas"].tolist()
    results = []
    gkf = GroupKFold(n_splits=folds)
    for params in grid:
        tops, macros = [], []
        for tr, te in gkf.split(texts, groups=train["region"]):
            clf = AreaClassifier(**params, calibration_folds=2, random_state=seed).fit(
                [texts[i] for i in tr], [y[i] for i in tr])
            sc = TextScorer(clf.to_arrays())
            proba, sets, _ = scorer_area_predictions(sc, [texts[i] for i in te])
            met = area_metrics(proba, sc.classes, [y[i] for i in te], sets)
            tops.append(met["top1_accuracy"])
            macros.append(met["macro_f1"])
        results.append({**params, "cv_top1": round(float(np.mean(tops)), 3),
                        "cv_macro_f1": round(float(np.mean(macros)), 3)})
    best = max(results, key=lambda r: (r["cv_top1"] + r["cv_macro_f1"], -r["C"]))
    return {k: best[k] for k in grid[0]}, results


def realtext_dir() -> Path | None:
    """``../shared/realtext`` beside the checkout, when present (measurement only)."""
    from .resources import checkout_root

    root = checkout_root()
    if root is None:
        return None
    p = root.parent / "shared" / "realtext"
    return p if p.is_dir() else None


def _realtext_rows(name: str) -> list[dict]:
    d = realtext_dir()
    if d is None or not (d / name).is_file():
        return []
    return [json.loads(l) for l in (d / name).read_text(encoding="utf-8").splitlines() if l.strip()]


def writer_groups(df: pd.DataFrame, column: str) -> list[str]:
    """The corpus file (writer) of each row: calibration folds hold out whole writers."""
    if column not in df.columns:
        return ["reviewed"] * len(df)
    return [str(v).split(".")[0].split("-")[0] if isinstance(v, str) else "reviewed" for v in df[column]]


def fit_components(ins_train: pd.DataFrame, sent_train: pd.DataFrame, area_params: dict,
                   extra_weight: np.ndarray | None = None, seed: int = 0) -> dict[str, dict]:
    """Fit areas, challenge detector and categories; return exported arrays.

    Calibration folds are grouped by writer (corpus file), so probabilities,
    thresholds and the review rule are fitted on unfamiliar prose.
    """
    areas = AreaClassifier(**area_params, random_state=seed).fit(
        ins_train["text"].tolist(), ins_train["areas"].tolist(), sample_weight=extra_weight,
        groups=writer_groups(ins_train, "source_line"))
    det_texts = [detector_text(s, h) for s, h in zip(sent_train["sentence"], sent_train["heading"])]
    sgroups = writer_groups(sent_train, "doc_id")
    # no character n-grams for the sentence models: leave-one-writer-out CV on the train split gave
    # detector F1 0.871 without vs 0.825 with, category macro-F1 0.767 vs 0.736. min_df=1 (keep words
    # seen once): document-grouped CV on the train split (n1-n7) gave detector F1 0.896 vs 0.891 and
    # category macro-F1 0.807 vs 0.799; C, SVM, class weights, neighbour-sentence cues, skip-grams and
    # Naive-Bayes scaling (doc-CV +0.003, writer-CV -0.002) did not help the detector
    detector = TextClassifier(classes=("challenge",), keep_stop_words=True, C=4.0, char_ngrams=(), min_df=1,
                              lexicon=("challenge_cue",), random_state=seed).fit(
        det_texts, [["challenge"] if c else [] for c in sent_train["is_challenge"]], groups=sgroups)
    ch = sent_train[sent_train["is_challenge"]]
    cats = [l.id for l in load_lexicon("challenge_category")]
    # categories: Naive-Bayes feature scaling with C=16 (same CV: macro-F1 0.811 vs 0.807, 'other' 0.71 vs 0.70)
    categories = TextClassifier(classes=tuple(cats), keep_stop_words=True, C=16.0, char_ngrams=(), min_df=1,
                                nb_scale=True, lexicon=("challenge_category", "target_group"),
                                random_state=seed).fit(ch["sentence"].tolist(), ch["categories"].tolist(),
                                                       groups=writer_groups(ch, "doc_id"))
    return {"areas": areas.to_arrays(), "challenge": detector.to_arrays(),
            "categories": categories.to_arrays()}


def evaluate_components(comps: dict[str, dict], ins: pd.DataFrame, sents: pd.DataFrame) -> dict:
    """Held-out figures per split (and on the real-text dev set when present)."""
    areas = TextScorer(comps["areas"])
    det = TextScorer(comps["challenge"])
    cat = TextScorer(comps["categories"])
    out: dict[str, Any] = {}
    for split in ("test", "region_test"):
        out[f"areas_{split}"] = evaluate_areas(areas, ins[ins["split"] == split])
        s = sents[sents["split"] == split]
        if len(s):
            p = det.proba([detector_text(a, h) for a, h in zip(s["sentence"], s["heading"])])[:, 0]
            out[f"challenge_detection_{split}"] = binary_metrics(p, s["is_challenge"].tolist(), det.threshold)
            c = s[s["is_challenge"]]
            cp = cat.proba(c["sentence"].tolist())
            pred = [[cat.classes[j] for j in np.where(row >= cat.threshold)[0]] or [cat.classes[int(row.argmax())]]
                    for row in cp]
            out[f"challenge_categories_{split}"] = set_f1(c["categories"].tolist(), pred, cat.classes)
    real = _realtext_rows("dev_insatser.jsonl")
    if real:
        rdf = pd.DataFrame(real)
        out["areas_realtext_dev"] = evaluate_areas(areas, rdf)
    realc = _realtext_rows("dev_challenges.jsonl")
    if realc:
        p = det.proba([r["text"] for r in realc])[:, 0]
        out["challenge_detection_realtext_dev"] = binary_metrics(p, [r["is_challenge"] for r in realc], det.threshold)
    return out


def train_model(out: str | Path, select: bool = False, overwrite: bool = False, seed: int = 0,
                extra: pd.DataFrame | None = None, extra_weight: float = 2.0, parent: str | None = None,
                corpus_root: str | Path | None = None, area_params: dict | None = None) -> dict:
    """Train on the corpus ``train`` split (plus reviewed ``extra`` rows) and write a model folder."""
    ins = load_insatser(corpus_root)
    _, sents = load_nulagesanalyser(corpus_root)
    train_ins = ins[ins["split"] == "train"]
    weights = None
    if extra is not None and len(extra):
        train_ins = pd.concat([train_ins, extra[["text", "areas"]]], ignore_index=True)
        weights = np.r_[np.ones(len(train_ins) - len(extra)), np.full(len(extra), extra_weight)]
    if select:
        params, selection = select_area_model(train_ins)
    else:
        params, selection = dict(area_params or DEFAULT_AREA_PARAMS), []
    comps = fit_components(train_ins, sents[sents["split"] == "train"], params, weights, seed)
    metrics = evaluate_components(comps, ins, sents)
    card = {
        "taxonomy_version": Taxonomy.load(2025).version,
        "corpus": {"name": "corpora (written for the project)", "sha256": corpus_hash(corpus_root),
                   "n_train": int(len(train_ins)), "n_reviewed_extra": int(0 if extra is None else len(extra))},
        "parameters": {"areas": params, "model_selection": selection, "seed": seed,
                       "calibration": "Platt scaling per area on 5-fold out-of-fold decision values",
                       "reviewed_weight": extra_weight if extra is not None else None},
        "metrics": metrics,
        "parent": parent,
        # the strongest word features per area, for a domain reader to check (no region names)
        "top_features": top_features(comps["areas"], n=12),
    }
    save_components(out, comps, card, overwrite=overwrite)
    return card
