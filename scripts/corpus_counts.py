"""Print the corpus counts the corpus issue asks for (and check the minimums).

Run: python scripts/corpus_counts.py [--datasheet]
  --datasheet  also rewrite the count and split tables in corpora/README.md
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


import pandas as pd  # noqa: E402

from insatsmining.corpora import counts, load_insatser, load_nulagesanalyser  # noqa: E402


def report(ins, docs, sents) -> str:
    c = counts(ins)
    out = [f"insatser: {len(ins)}"]
    for k, v in c.items():
        out.append(f"\n-- {k}\n{v.to_string()}")
    nw = docs["text"].str.split().map(len)
    out.append(f"\nnulägesanalyser: {len(docs)} texts, words {nw.min()}-{nw.max()} (median {int(nw.median())})")
    out.append(f"labelled sentences: {len(sents)}, challenges {sents['is_challenge'].mean():.1%}")
    out.append(sents[sents["is_challenge"]]["categories"].explode().value_counts().to_string())
    out.append("documents per split\n" + docs["split"].value_counts().to_string())
    return "\n".join(out)


def write_datasheet(ins, text: str) -> None:
    """Replace the generated blocks of corpora/README.md."""
    import re

    path = ROOT / "corpora" / "README.md"
    s = path.read_text(encoding="utf-8")
    ct = pd.crosstab(ins["source_line"].str.split(".").str[0], ins["split"])
    rows = "\n".join(f"| {w} | {r.get('region_test', 0)} | {r.get('test', 0)} | {r.get('train', 0)} |"
                     for w, r in ct.iterrows())
    splits = "| writer | region_test | test | train |\n|---|---|---|---|\n" + rows
    s = re.sub(r"<!-- splits:start -->.*?<!-- splits:end -->",
               lambda m: f"<!-- splits:start -->\n{splits}\n<!-- splits:end -->", s, flags=re.S)
    s = re.sub(r"<!-- counts:start -->.*?<!-- counts:end -->",
               lambda m: f"<!-- counts:start -->\n```\n{text}\n```\n<!-- counts:end -->", s, flags=re.S)
    path.write_text(s, encoding="utf-8")


def main() -> int:
    ins = load_insatser()
    docs, sents = load_nulagesanalyser()
    text = report(ins, docs, sents)
    print(text)
    if "--datasheet" in sys.argv:
        write_datasheet(ins, text)
    c = counts(ins)
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
