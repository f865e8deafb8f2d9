"""Blind label audit of themes and target groups: questions out, decisions in.

Where the shipped lexicon tagger and a corpus label disagree, one of them is
wrong. ``questions`` writes every such (item, label) pair not yet decided in
``corpora/audit/tag_audit_*.jsonl`` as a question that does not say which side
claimed what; auditors answer from the text and the guideline alone.
``apply`` writes the answers into the corpus files (in place, line order and
format kept) and appends them to the audit record, which the test suite then
holds the corpus to. Answers to re-asked questions (after a convention was
settled in the guideline) are appended too; the latest decision counts.

    python scripts/tag_audit.py questions --files w13 w14 --parts 3 --out /tmp/q
    python scripts/tag_audit.py apply /tmp/q/answers_*.jsonl
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import insatsmining as im  # noqa: E402
from _audit import read_jsonl, run, write_parts  # noqa: E402
from insatsmining.corpora import load_insatser  # noqa: E402

AUDIT = ROOT / "corpora" / "audit"
RECORD = AUDIT / "tag_audit_2026-11.jsonl"
FIELD = {"theme": "themes", "target_group": "target_groups"}


def decided() -> dict[tuple[str, str, str], bool]:
    """The latest decision per (item, kind, label); a re-audit replaces an earlier one."""
    return {(d["id"], d["kind"], d["label"]): d["present"]
            for p in sorted(AUDIT.glob("tag_audit_*.jsonl")) for d in read_jsonl(p)}


def questions(files: list[str] | None, parts: int, out: Path) -> None:
    df = load_insatser()
    if files:
        df = df[df["id"].str.split("-").str[0].isin(files)]
    df = df.reset_index(drop=True)
    pipe = im.load()
    tags = pipe.tag(df["text"].tolist())
    found: dict[tuple[int, str], set[str]] = {}
    for r in tags.itertuples():
        found.setdefault((r.row, r.kind), set()).add(r.label)
    tax = pipe.tagger
    names = {(l.kind, l.id): f"{l.name}: {l.description}" for l in tax.labels}
    seen = decided()
    qs = []
    for i, row in df.iterrows():
        for kind, field in FIELD.items():
            gold = {x for x in row[field] if x != "none"}
            said = found.get((i, kind), set())
            for label in sorted(gold ^ said):
                if (row["id"], kind, label) in seen:
                    continue
                qs.append({"q": len(qs) + 1, "id": row["id"], "kind": kind, "label": label,
                           "definition": names.get((kind, label), ""), "text": row["text"]})
    write_parts(qs, parts, out)


def apply(answer_files: list[Path]) -> None:
    keys = ("id", "kind", "label", "present", "evidence", "note")
    answers = [{k: a[k] for k in keys if k in a} for p in answer_files for a in read_jsonl(p)]
    by_file: dict[str, list[dict]] = {}
    for a in answers:
        by_file.setdefault(a["id"].split("-")[0], []).append(a)
    changed = 0
    for name, items in by_file.items():
        path = ROOT / "corpora" / "insatser" / f"{name}.jsonl"
        rows = read_jsonl(path)
        index = {r["id"]: r for r in rows}
        for a in items:
            row = index[a["id"]]
            field = FIELD[a["kind"]]
            labels = [x for x in row[field] if x != "none"]
            if a["present"] and a["label"] not in labels:
                labels.append(a["label"])
                changed += 1
            elif not a["present"] and a["label"] in labels:
                labels.remove(a["label"])
                changed += 1
            row[field] = labels or (["none"] if field == "target_groups" else [])
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    seen = decided()
    with RECORD.open("a", encoding="utf-8") as f:
        for a in answers:
            if seen.get((a["id"], a["kind"], a["label"])) != a["present"]:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"{len(answers)} decisions, {changed} labels changed")


if __name__ == "__main__":
    run(__doc__, questions, apply, "writer files, e.g. w13 w14 (default: all)")
