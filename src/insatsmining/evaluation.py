"""Metrics used in model cards and benchmarks (numpy only).

- micro/macro F1 over the area sets, per-area F1;
- top-1 accuracy of ``best_area`` against the primary (first) label and
  recall@2 (primary among the two most probable);
- top-label expected calibration error (ECE, 15 equal-width bins): the
  confidence is the best area's probability, "correct" means the best area
  is one of the true areas — the event that probability claims;
- review capture: share of items flagged and share of top-1 errors among them.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def set_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], labels: Sequence[str]) -> dict:
    """Micro/macro F1 and per-label F1 (labels without gold examples skipped in macro)."""
    per, TP, FP, FN = {}, 0, 0, 0
    for lab in labels:
        tp = sum(lab in p and lab in g for g, p in zip(gold, pred))
        fp = sum(lab in p and lab not in g for g, p in zip(gold, pred))
        fn = sum(lab not in p and lab in g for g, p in zip(gold, pred))
        TP, FP, FN = TP + tp, FP + fp, FN + fn
        if tp + fn:
            per[lab] = round(prf(tp, fp, fn)[2], 3)
    return {"micro_f1": round(prf(TP, FP, FN)[2], 3),
            "macro_f1": round(float(np.mean(list(per.values()))) if per else 0.0, 3),
            "per_label_f1": per}


def ece_top_label(conf: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    conf, correct = np.asarray(conf, float), np.asarray(correct, float)
    edges = np.linspace(0, 1, bins + 1)
    err = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        if m.any():
            err += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return round(float(err), 4)


def area_metrics(proba: np.ndarray, classes: Sequence[str], gold: Sequence[Sequence[str]],
                 pred_sets: Sequence[Sequence[str]], needs_review: Sequence[bool] | None = None) -> dict:
    """All area figures for one evaluation set."""
    classes = list(classes)
    order = np.argsort(-proba, axis=1, kind="stable")
    top1 = [classes[o[0]] for o in order]
    top2 = [{classes[o[0]], classes[o[1]]} for o in order]
    primary = [g[0] for g in gold]
    res = {"n": len(gold)}
    res.update(set_f1(gold, pred_sets, classes))
    res["top1_accuracy"] = round(float(np.mean([a == b for a, b in zip(top1, primary)])), 3)
    res["recall_at_2"] = round(float(np.mean([p in t for p, t in zip(primary, top2)])), 3)
    conf = proba.max(1)
    res["ece_top_label"] = ece_top_label(conf, np.array([t in g for t, g in zip(top1, gold)]))
    if needs_review is not None:
        nr = np.asarray(needs_review, bool)
        wrong = np.array([a != b for a, b in zip(top1, primary)])
        res["review_flagged_share"] = round(float(nr.mean()), 3)
        res["review_error_capture"] = round(float((nr & wrong).sum() / wrong.sum()), 3) if wrong.any() else 1.0
    return res


def binary_metrics(score: np.ndarray, gold: Sequence[bool], threshold: float) -> dict:
    pred = np.asarray(score) >= threshold
    g = np.asarray(gold, bool)
    p, r, f = prf(int((pred & g).sum()), int((pred & ~g).sum()), int((~pred & g).sum()))
    conf = np.where(pred, score, 1 - np.asarray(score))
    return {"n": int(len(g)), "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "ece": ece_top_label(conf, pred == g)}
