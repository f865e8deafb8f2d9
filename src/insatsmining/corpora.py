"""The labelled corpus written for the project: loading, validation, splits.

Files: ``corpora/insatser/*.jsonl`` (one insats description per line) and
``corpora/nulagesanalyser/*.jsonl`` (one nulägesanalys per line, built from
blocks); format and labelling rules in ``corpora/GUIDELINE.md``.

Splits (``split`` column), fixed and reproducible:

- ``region_test``: every item of the held-out regions :data:`TEST_REGIONS`
  (train on some regions, test on others);
- ``test``: among the other regions, items whose ``crc32(id) % 5 == 0``,
  extended to whole near-duplicate groups so that near-identical texts never
  sit on both sides;
- ``train``: the rest. The shipped model is trained on ``train`` only.

Near-duplicates: Jaccard similarity of word 3-shingle sets >= 0.5
(:data:`NEAR_DUP_JACCARD`), grouped transitively.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

import pandas as pd

from .resources import corpus_dir
from .taxonomy import Taxonomy, load_lexicon, regions
from .text import words

TEST_REGIONS = frozenset({"Gotland", "Jönköping", "Halland", "Västmanland", "Jämtland Härjedalen"})
NEAR_DUP_JACCARD = 0.5
FOLLOWED_UP = ("klar", "pagar", "planerad", "ej_planerad")
EFFECT = ("ja", "nej", "for_tidigt")


class CorpusError(ValueError):
    """A corpus file breaks the format or the label vocabulary."""


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(f"{path}:{n}: not valid JSON ({e})") from None
            d["source_line"] = f"{path.name}:{n}"
            out.append(d)
    return out


def _files(sub: str, root: Path | None) -> list[Path]:
    base = (root or corpus_dir()) / sub
    return sorted(base.glob("*.jsonl"))


def _shingles(text: str) -> set:
    ws = words(text)
    return {tuple(ws[i:i + 3]) for i in range(max(1, len(ws) - 2))}


def near_duplicate_groups(texts: list[str], threshold: float = NEAR_DUP_JACCARD) -> list[int]:
    """Group index per text; texts with Jaccard >= threshold share a group."""
    sh = [_shingles(t) for t in texts]
    parent = list(range(len(texts)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict = {}
    for i, s in enumerate(sh):
        cands = set()
        for g in s:
            cands.update(index.get(g, ()))
        for j in cands:
            inter = len(s & sh[j])
            if inter and inter / len(s | sh[j]) >= threshold:
                parent[find(i)] = find(j)
        for g in s:
            index.setdefault(g, []).append(i)
    return [find(i) for i in range(len(texts))]


def _assign_splits(df: pd.DataFrame, text_col: str) -> pd.Series:
    groups = near_duplicate_groups(df[text_col].tolist())
    base = ["region_test" if r in TEST_REGIONS else ("test" if zlib.crc32(i.encode()) % 5 == 0 else "train")
            for i, r in zip(df["id"], df["region"])]
    # a near-duplicate group goes wholly to its "most held-out" side
    rank = {"train": 0, "test": 1, "region_test": 2}
    worst: dict[int, str] = {}
    for g, s in zip(groups, base):
        if rank[s] > rank[worst.get(g, "train")]:
            worst[g] = s
    return pd.Series([worst.get(g, "train") for g in groups], index=df.index, name="split")


def corpus_hash(root: Path | None = None) -> str:
    """SHA-256 over all corpus files (names and bytes), for model cards."""
    h = hashlib.sha256()
    for sub in ("insatser", "nulagesanalyser"):
        for p in _files(sub, root):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def load_insatser(root: str | Path | None = None, validate: bool = True) -> pd.DataFrame:
    """All insats descriptions with labels and a ``split`` column."""
    root = Path(root) if root else None
    rows = [d for p in _files("insatser", root) for d in _read_jsonl(p)]
    if not rows:
        raise CorpusError("no insats files found in corpora/insatser")
    df = pd.DataFrame(rows)
    for col in ("followed_up", "effect"):
        if col not in df:
            df[col] = None
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    df["target_groups"] = df["target_groups"].map(lambda v: [x for x in (v or []) if x != "none"])
    df["themes"] = df["themes"].map(lambda v: list(v or []))
    df["year"] = df["year"].astype(int)
    if validate:
        validate_insatser(df)
    df["split"] = _assign_splits(df, "text")
    return df.reset_index(drop=True)


def validate_insatser(df: pd.DataFrame) -> None:
    """Raise :class:`CorpusError` listing every row that breaks the rules."""
    tax = Taxonomy.load(2025)
    themes = {l.id for l in load_lexicon("theme")}
    groups = {l.id for l in load_lexicon("target_group")}
    regs = set(regions())
    problems = []
    seen = set()
    for r in df.itertuples():
        where = f"{r.source_line} ({r.id})"
        if r.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(r.id)
        if not isinstance(r.text, str) or not r.text.strip():
            problems.append(f"{where}: empty text")
        if r.region not in regs:
            problems.append(f"{where}: unknown region {r.region!r}")
        if r.year not in (2023, 2024, 2025):
            problems.append(f"{where}: year {r.year} outside 2023-2025")
        if not isinstance(r.areas, list) or not r.areas or any(a not in tax.codes for a in r.areas):
            problems.append(f"{where}: areas must be a non-empty list of 2025 codes, got {r.areas!r}")
        elif len(set(r.areas)) != len(r.areas):
            problems.append(f"{where}: repeated area in {r.areas}")
        if not tax.exists(str(r.area_reported), r.year):
            problems.append(f"{where}: area_reported {r.area_reported!r} is not an area of {r.year}")
        bad = [t for t in r.themes if t not in themes] + [g for g in r.target_groups if g not in groups]
        if bad:
            problems.append(f"{where}: unknown theme/target group ids {bad}")
        fu = None if pd.isna(r.followed_up) else r.followed_up
        ef = None if pd.isna(r.effect) else r.effect
        if fu not in (None, *FOLLOWED_UP) or ef not in (None, *EFFECT):
            problems.append(f"{where}: followed_up/effect values {r.followed_up!r}/{r.effect!r}")
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) in the insats corpus:\n" + "\n".join(problems[:50]))


def assemble(doc: dict) -> tuple[str, list[dict]]:
    """Text of a block-structured nulägesanalys and its sentences with offsets."""
    parts: list[str] = []
    sents: list[dict] = []
    pos = 0

    def put(s: str):
        nonlocal pos
        parts.append(s)
        pos += len(s)

    heading = None
    for b_i, block in enumerate(doc.get("blocks", [])):
        if parts:
            put("\n\n")
        if "heading" in block:
            heading = str(block["heading"]).strip()
            put(heading)
        elif "paragraph" in block:
            for k, s in enumerate(block["paragraph"]):
                if k:
                    put(" ")
                start = pos
                put(s["text"].strip())
                sents.append({**s, "start": start, "end": pos, "heading": heading, "layout": "sentence"})
        elif "bullets" in block:
            marker = ("- ", "• ", "1. ")[b_i % 3]
            for k, s in enumerate(block["bullets"]):
                if k:
                    put("\n")
                m = marker if marker != "1. " else f"{k + 1}. "
                put(m)
                start = pos
                put(s["text"].strip())
                sents.append({**s, "start": start, "end": pos, "heading": heading, "layout": "item"})
        else:
            raise CorpusError(f"{doc.get('source_line')}: block {b_i + 1} has no heading/paragraph/bullets")
    return "".join(parts), sents


def load_nulagesanalyser(root: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(documents, sentences): one row per nulägesanalys and per labelled sentence."""
    root = Path(root) if root else None
    docs = [d for p in _files("nulagesanalyser", root) for d in _read_jsonl(p)]
    if not docs:
        raise CorpusError("no nulägesanalys files found in corpora/nulagesanalyser")
    cats = {l.id for l in load_lexicon("challenge_category")}
    codes = set(Taxonomy.load(2025).codes)
    drows, srows, problems = [], [], []
    for d in docs:
        text, sents = assemble(d)
        drows.append({"id": d["id"], "region": d["region"], "year": int(d["year"]),
                      "area": d.get("area"), "text": text})
        for k, s in enumerate(sents):
            where = f"{d['source_line']} ({d['id']}) sentence {k + 1}"
            ch = bool(s.get("challenge"))
            cs = list(s.get("categories") or [])
            if ch != bool(cs) or any(c not in cats for c in cs):
                problems.append(f"{where}: categories {cs} do not fit challenge={ch}")
            if any(a not in codes for a in s.get("areas") or []):
                problems.append(f"{where}: unknown area in {s.get('areas')}")
            srows.append({"doc_id": d["id"], "region": d["region"], "year": int(d["year"]),
                          "sentence": s["text"].strip(), "start": s["start"], "end": s["end"],
                          "heading": s["heading"], "layout": s["layout"], "is_challenge": ch,
                          "categories": cs, "areas": list(s.get("areas") or [])})
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) in the nulägesanalys corpus:\n" + "\n".join(problems[:50]))
    ddf = pd.DataFrame(drows)
    ddf["split"] = ["region_test" if r in TEST_REGIONS else ("test" if zlib.crc32(i.encode()) % 5 == 0 else "train")
                    for i, r in zip(ddf["id"], ddf["region"])]
    sdf = pd.DataFrame(srows)
    sdf["split"] = sdf["doc_id"].map(dict(zip(ddf["id"], ddf["split"])))
    return ddf, sdf


def counts(df: pd.DataFrame) -> dict[str, pd.Series]:
    """The datasheet's count tables for the insats corpus."""
    nw = df["text"].map(lambda t: len(words(t)))
    band = pd.cut(nw, [0, 12, 40, 120, 10_000], labels=["<=12", "13-40", "41-120", ">120"])
    return {
        "primary_area": df["areas"].str[0].value_counts().sort_index(),
        "any_area": df["areas"].explode().value_counts().sort_index(),
        "region": df["region"].value_counts().sort_index(),
        "year": df["year"].value_counts().sort_index(),
        "length_band": band.value_counts().sort_index(),
        "multi_label_share": pd.Series({"share": round((df["areas"].map(len) > 1).mean(), 3)}),
        "split": df["split"].value_counts(),
        "themes": df["themes"].explode().value_counts(),
        "target_groups": df["target_groups"].explode().value_counts(),
    }
