"""Could a trained classifier add target groups the lexicon misses?

Issue 5 asks for a trained classifier "where patterns cannot reach". This
script measures whether one would help before it is shipped: a multi-label
TextClassifier (lemma uni/bigrams + lexicon features) is trained on the
corpus train split; for every target group it looks for a probability
threshold at which the classifier's *additions* (texts the lexicon did not
tag) are at least 90 % right out of fold (writer-grouped), and counts what
those additions would gain and cost on the held-out splits.

Run: python benchmarks/tag_fallback.py
"""
from __future__ import annotations

import numpy as np

import insatsmining as im
from insatsmining.areas import TextClassifier
from insatsmining.corpora import load_insatser
from insatsmining.tagging import spans_to_lists
from insatsmining.train import writer_groups

MIN_PRECISION = 0.9


def main() -> None:
    df = load_insatser()
    train = df[df["split"] == "train"].reset_index(drop=True)
    held = df[df["split"] != "train"].reset_index(drop=True)
    pipe = im.load()
    groups = pipe.tagger.label_ids("target_group")
    clf = TextClassifier(classes=tuple(groups), C=4.0, char_ngrams=(), lexicon=("target_group",)).fit(
        train["text"].tolist(), [[g for g in gs if g != "none"] for gs in train["target_groups"]],
        groups=writer_groups(train, "source_line"))
    lex_train = [set(x) for x in spans_to_lists(pipe.tag(train["text"].tolist()), len(train), "target_group")]
    lex_held = [set(x) for x in spans_to_lists(pipe.tag(held["text"].tolist()), len(held), "target_group")]
    proba_held = clf.predict_proba(held["text"].tolist())
    print(f"{'target group':28s} {'threshold':>9s} {'OOF adds':>8s} {'OOF prec':>8s} | {'held adds':>9s} {'right':>5s} {'lexicon misses':>14s}")
    for j, lab in enumerate(clf.classes_):
        missed = np.array([lab not in s for s in lex_train])
        gold = np.array([lab in g for g in train["target_groups"]])
        thr = None
        for t in np.arange(0.5, 0.99, 0.01):
            sel = missed & (clf.oof_proba_[:, j] >= t)
            if sel.sum() >= 3 and gold[sel].mean() >= MIN_PRECISION:
                thr = float(t)
                break
        missed_h = np.array([lab not in s for s in lex_held])
        gold_h = np.array([lab in g for g in held["target_groups"]])
        if thr is None:
            print(f"{lab:28s} {'none':>9s} {'-':>8s} {'-':>8s} | {'-':>9s} {'-':>5s} {int((missed_h & gold_h).sum()):14d}")
            continue
        sel, sel_h = missed & (clf.oof_proba_[:, j] >= thr), missed_h & (proba_held[:, j] >= thr)
        print(f"{lab:28s} {thr:9.2f} {int(sel.sum()):8d} {gold[sel].mean():8.2f} | {int(sel_h.sum()):9d} "
              f"{int(gold_h[sel_h].sum()):5d} {int((missed_h & gold_h).sum()):14d}")


if __name__ == "__main__":
    main()
