"""Active learning vs random review order: how fast held-out accuracy rises.

Simulates the review loop on the corpus: start from a small labelled seed
of the train split, then in each round a "reviewer" labels the next batch
(the gold labels stand in for the reviewer), chosen either at random or by
``review.review_order`` (most uncertain first, spread over different texts).
The model is retrained after each round and scored on the held-out
``region_test`` split. Same seed set and model settings for both orders.

Run: python benchmarks/active_learning.py [--rounds 8 --batch 60 --seed-size 80]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from insatsmining.areas import AreaClassifier, TextScorer  # noqa: E402
from insatsmining.challenges import tfidf_rows  # noqa: E402
from insatsmining.corpora import load_insatser  # noqa: E402
from insatsmining.review import review_order  # noqa: E402
from insatsmining.train import DEFAULT_AREA_PARAMS, evaluate_areas  # noqa: E402


def fit(df):
    clf = AreaClassifier(**DEFAULT_AREA_PARAMS, calibration_folds=3, random_state=0)
    return TextScorer(clf.fit(df["text"].tolist(), df["areas"].tolist()).to_arrays())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--batch", type=int, default=60)
    ap.add_argument("--seed-size", type=int, default=80)
    args = ap.parse_args()
    ins = load_insatser()
    train = ins[ins["split"] == "train"].reset_index(drop=True)
    test = ins[ins["split"] == "region_test"]
    rng = np.random.default_rng(0)
    seed = list(rng.choice(len(train), args.seed_size, replace=False))
    curves = {}
    for strategy in ("random", "active"):
        labelled = list(seed)
        pool = [i for i in range(len(train)) if i not in set(seed)]
        order_rng = np.random.default_rng(1)
        curve = []
        for r in range(args.rounds + 1):
            sc = fit(train.iloc[labelled])
            m = evaluate_areas(sc, test)
            curve.append((len(labelled), m["top1_accuracy"], m["macro_f1"]))
            if r == args.rounds or not pool:
                break
            if strategy == "random":
                pick = list(order_rng.choice(len(pool), min(args.batch, len(pool)), replace=False))
            else:
                texts = train.iloc[pool]["text"].tolist()
                pick = review_order(sc.proba(texts), tfidf_rows(texts, sc), k=min(args.batch, len(pool)))
            chosen = [pool[i] for i in pick]
            labelled += chosen
            pool = [i for i in pool if i not in set(chosen)]
        curves[strategy] = curve
    print("labelled | random top-1 / macro-F1 | active top-1 / macro-F1   (held-out regions)")
    for (n, t1, f1), (_, t2, f2) in zip(curves["random"], curves["active"]):
        print(f"{n:8d} | {t1:.3f} / {f1:.3f}            | {t2:.3f} / {f2:.3f}")
    target = curves["random"][-1][1]
    need = next((n for n, t, _ in curves["active"] if t >= target), None)
    print(f"\nRandom order reaches top-1 {target:.3f} with {curves['random'][-1][0]} reviewed items; "
          f"active order reaches it with {need if need is not None else 'more than ' + str(curves['active'][-1][0])}.")


if __name__ == "__main__":
    main()
