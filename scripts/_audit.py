"""What the two blind-audit scripts share: JSON lines, question files, the command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_parts(questions: list[dict], parts: int, out: Path) -> None:
    """Split the questions round-robin over ``parts`` files; never overwrite."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"questions_{j}.jsonl" for j in range(parts)]
    for p in paths:
        if p.exists():
            sys.exit(f"{p} exists; choose another --out")
    for j, p in enumerate(paths):
        p.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions[j::parts]), encoding="utf-8")
    print(f"{len(questions)} questions in {parts} files under {out}")


def run(doc: str, questions: Callable, apply: Callable, files_help: str) -> None:
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("questions")
    q.add_argument("--files", nargs="*", help=files_help)
    q.add_argument("--parts", type=int, default=1)
    q.add_argument("--out", type=Path, required=True)
    a = sub.add_parser("apply")
    a.add_argument("answers", nargs="+", type=Path)
    args = ap.parse_args()
    if args.cmd == "questions":
        questions(args.files, args.parts, args.out)
    else:
        apply(args.answers)
