"""Print the corpus counts the corpus issue asks for (and check the minimums).

Run: python scripts/corpus_counts.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


from insatsmining.corpora import counts, load_insatser, load_nulagesanalyser  # noqa: E402


def main() -> int:
    ins = load_insatser()
    docs, sents = load_nulagesanalyser()
    c = counts(ins)
    print(f"insatser: {len(ins)}")
    for k, v in c.items():
        print(f"\n-- {k}\n{v.to_string()}")
    nw = docs["text"].str.split().map(len)
    print(f"\nnulägesanalyser: {len(docs)} texts, words {nw.min()}-{nw.max()} (median {int(nw.median())})")
    print(f"labelled sentences: {len(sents)}, challenges {sents['is_challenge'].mean():.1%}")
    print(sents[sents["is_challenge"]]["categories"].explode().value_counts().to_string())
    print(docs["split"].value_counts().to_string())
    checks = {
        ">= 1200 insatser": len(ins) >= 1200,
        ">= 100 per area as primary": c["primary_area"].min() >= 100,
        "all 21 regions": ins["region"].nunique() == 21,
        ">= 25 % multi-label": (ins["areas"].map(len) > 1).mean() >= 0.25,
        ">= 80 nulägesanalyser": len(docs) >= 80,
        ">= 1500 labelled sentences": len(sents) >= 1500,
        "40-60 % not challenges": 0.4 <= 1 - sents["is_challenge"].mean() <= 0.6,
    }
    print()
    for k, ok in checks.items():
        print(f"{'OK  ' if ok else 'MISS'} {k}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
