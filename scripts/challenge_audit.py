"""Blind audit of challenge labels in the nulägesanalys corpus.

``questions`` writes every sentence of the chosen files where the shipped
detector and the corpus label disagree (and no decision exists yet in
``corpora/audit/challenge_audit_*.jsonl``), with its heading and neighbours,
without saying which side claimed what. ``apply`` writes the answers into the
corpus files and appends them to the audit record (categories of sentences
that become challenges go to ``challenge_audit_categories_*.jsonl``).

    python scripts/challenge_audit.py questions --files n10 --parts 1 --out /tmp/cq
    python scripts/challenge_audit.py apply /tmp/cq/answers_*.jsonl
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import insatsmining as im  # noqa: E402
from _audit import read_jsonl, run, write_parts  # noqa: E402
from insatsmining.challenges import detector_text  # noqa: E402
from insatsmining.corpora import assemble, load_nulagesanalyser  # noqa: E402

AUDIT = ROOT / "corpora" / "audit"
RECORD = AUDIT / "challenge_audit_2026-11.jsonl"
CATEGORIES = AUDIT / "challenge_audit_categories_2026-11.jsonl"


def decided() -> dict[tuple[str, int], bool]:
    """The latest decision per sentence; a re-audit replaces an earlier one."""
    return {(d["doc_id"], d["start"]): d["challenge"]
            for p in sorted(AUDIT.glob("challenge_audit_2*.jsonl")) for d in read_jsonl(p)}


def questions(files: list[str] | None, parts: int, out: Path) -> None:
    _, sents = load_nulagesanalyser()
    if files:
        sents = sents[sents["doc_id"].str.split("-").str[0].isin(files)]
    sents = sents.reset_index(drop=True)
    det = im.load().challenges.detector
    proba = det.proba([detector_text(s, h) for s, h in zip(sents["sentence"], sents["heading"])])[:, 0]
    seen = decided()
    qs = []
    for i, row in sents.iterrows():
        if bool(proba[i] >= det.threshold) == bool(row["is_challenge"]) or (row["doc_id"], row["start"]) in seen:
            continue
        same = lambda j: 0 <= j < len(sents) and sents.at[j, "doc_id"] == row["doc_id"]  # noqa: E731
        qs.append({"q": len(qs) + 1, "doc_id": row["doc_id"], "start": int(row["start"]),
                   "region": row["region"], "heading": row["heading"] if isinstance(row["heading"], str) else "",
                   "before": sents.at[i - 1, "sentence"] if same(i - 1) else "",
                   "sentence": row["sentence"],
                   "after": sents.at[i + 1, "sentence"] if same(i + 1) else ""})
    write_parts(qs, parts, out)


def apply(answer_files: list[Path]) -> None:
    answers = {(a["doc_id"], a["start"]): a for p in answer_files for a in read_jsonl(p)}
    missing = [f"{d}@{s}" for (d, s), a in answers.items() if a["challenge"] and not a.get("categories")]
    if missing:  # checked before any file is written
        sys.exit(f"new challenges need categories: {', '.join(missing[:10])}")
    files = {k[0].split("-")[0] for k in answers}
    changed = 0
    for name in sorted(files):
        path = ROOT / "corpora" / "nulagesanalyser" / f"{name}.jsonl"
        docs = read_jsonl(path)
        for doc in docs:
            _, sents = assemble(doc)
            originals = [s for b in doc["blocks"] for s in b.get("paragraph", []) + b.get("bullets", [])]
            for s, orig in zip(sents, originals):
                a = answers.get((doc["id"], s["start"]))
                if a is None or bool(orig.get("challenge")) == a["challenge"]:
                    continue
                orig["challenge"] = a["challenge"]
                orig["categories"] = list(a.get("categories") or []) if a["challenge"] else []
                changed += 1
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    seen = decided()
    with RECORD.open("a", encoding="utf-8") as rec, CATEGORIES.open("a", encoding="utf-8") as cat:
        for (doc_id, start), a in answers.items():
            if seen.get((doc_id, start)) == a["challenge"]:
                continue
            rec.write(json.dumps({"doc_id": doc_id, "start": start, "challenge": a["challenge"],
                                  "note": a.get("note", "")}, ensure_ascii=False) + "\n")
            if a["challenge"]:
                cat.write(json.dumps({"doc_id": doc_id, "start": start, "categories": a["categories"]},
                                     ensure_ascii=False) + "\n")
    print(f"{len(answers)} decisions, {changed} labels changed")


if __name__ == "__main__":
    run(__doc__, questions, apply, "nulägesanalys files, e.g. n10 (default: all)")
