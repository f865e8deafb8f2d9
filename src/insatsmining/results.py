"""The results workbook (and CSV/Parquet) of one run: layout only, no analysis.

Sheets: ``insatser`` (all input columns + model columns + status, Swedish
headers), ``spans``, ``utmaningar``, one sheet per summary table, and
``metadata`` (library/model versions, model card figures, input files and
SHA-256, rows in and out, time, masking counts, the corpus note).
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ._version import __version__
from .io import SWEDISH_HEADERS, cut_long_cells, mask_personal_data, write_csv, write_parquet, write_workbook
from .report import CORPUS_NOTE

if TYPE_CHECKING:
    from .analysis import Analysis

TEXT_COLUMNS = ("text", "sentence")


def masked(analysis: "Analysis") -> tuple["Analysis", int]:
    """A copy with personal data masked in text columns; and the count."""
    from .analysis import Analysis

    total = 0
    frames = []
    for df in (analysis.insatser, analysis.spans, analysis.challenges):
        d = df.copy()
        for c in TEXT_COLUMNS:
            if c in d.columns:
                pairs = [mask_personal_data(v) for v in d[c]]
                d[c] = [p[0] for p in pairs]
                total += sum(p[1] for p in pairs)
        frames.append(d)
    return Analysis(*frames, analysis.model_card), total


def metadata(analysis: "Analysis", inputs: list[dict], started: float, n_in: int, n_masked: int | None,
             model_path: str) -> pd.DataFrame:
    card = analysis.model_card or {}
    m = card.get("metrics", {})
    def fig(key):
        v = m.get(key, {})
        return {k: v.get(k) for k in ("n", "top1_accuracy", "macro_f1", "recall_at_2", "ece_top_label")} if v else "ej mätt"
    rows = [
        ("insatsmining", __version__),
        ("modell", model_path),
        ("modell skapad", card.get("created")),
        ("taxonomi", card.get("taxonomy_version")),
        ("korpus sha256", (card.get("corpus") or {}).get("sha256")),
        ("om modellen", CORPUS_NOTE),
        ("träffsäkerhet, korpus (hållen utanför)", json.dumps(fig("areas_test"), ensure_ascii=False)),
        ("träffsäkerhet, korpus (andra regioner)", json.dumps(fig("areas_region_test"), ensure_ascii=False)),
        ("träffsäkerhet, verklig text (dev)", json.dumps(fig("areas_realtext_dev"), ensure_ascii=False)),
        ("rader in", n_in),
        ("rader ut", len(analysis.insatser)),
        ("status", json.dumps(analysis.status_counts(), ensure_ascii=False)),
        ("personuppgifter maskerade", "nej (--keep-personal-data)" if n_masked is None else n_masked),
        ("körtid (s)", round(time.time() - started, 2)),
        ("datum", time.strftime("%Y-%m-%d %H:%M:%S")),
    ]
    rows += [(f"indata: {r['file']}", f"sha256 {r['sha256']}") for r in inputs]
    return pd.DataFrame(rows, columns=["uppgift", "värde"])


def swedish(df: pd.DataFrame) -> pd.DataFrame:
    return df.rename(columns={c: SWEDISH_HEADERS.get(c, c) for c in df.columns})


def write_results(analysis: "Analysis", out: str | Path, inputs: list[dict] | None = None,
                  force: bool = False, keep_personal_data: bool = False, started: float | None = None,
                  n_in: int | None = None, model_path: str = "") -> tuple[Path, dict]:
    """Write the run's results as .xlsx (full workbook), .csv or .parquet (insatser table)."""
    started = started or time.time()
    n_masked = None
    if not keep_personal_data:
        analysis, n_masked = masked(analysis)
    out = Path(out)
    ins = analysis.insatser
    info = {"masked": n_masked, "rows": len(ins)}
    if out.suffix.lower() == ".csv":
        return write_csv(ins, out, force), info
    if out.suffix.lower() == ".parquet":
        return write_parquet(ins, out, force), info
    if out.suffix.lower() != ".xlsx":
        from .errors import InputError

        raise InputError(f"{out}: output must end in .xlsx, .csv or .parquet")
    ins_cut, cut_rows = cut_long_cells(ins)
    if cut_rows:
        ins_cut.loc[cut_rows, "status"] = [
            (s if s != "ok" else "flagged") + ("; " if s != "ok" else ": ") + "text cut in workbook (kept whole in CSV/Parquet)"
            for s in ins_cut.loc[cut_rows, "status"]]
    sheets = {"insatser": swedish(ins_cut), "spans": swedish(analysis.spans),
              "utmaningar": swedish(analysis.challenges)}
    for key, table in analysis.summary().items():
        t = table.copy()
        sheets[f"sum_{key}"[:31]] = t
    sheets["metadata"] = metadata(analysis, inputs or [], started, n_in if n_in is not None else len(ins),
                                  n_masked, model_path)
    return write_workbook(sheets, out, force), info


def _parse_list(v) -> list[str]:
    if not isinstance(v, str) or not v.strip():
        return []
    return [x.strip() for x in v.split(";") if x.strip()]


def _parse_evidence(v) -> dict[str, list[str]]:
    if not isinstance(v, str) or not v.strip():
        return {}
    out = {}
    for part in v.split(" | "):
        if ": " in part:
            k, ws = part.split(": ", 1)
            out[k.strip()] = [w.strip() for w in ws.split(",") if w.strip()]
    return out


def read_results(path: str | Path) -> "Analysis":
    """An Analysis read back from a results workbook written by :func:`write_results`."""
    from .analysis import Analysis
    from .errors import InputError

    back = {v: k for k, v in SWEDISH_HEADERS.items()}
    try:
        book = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    except Exception as e:
        raise InputError(f"{path}: not a readable results workbook ({type(e).__name__}: {e})") from None
    if "insatser" not in book:
        raise InputError(f"{path}: no sheet 'insatser'; is this a workbook from `insatsmining analyze`?")
    ins = book["insatser"].rename(columns=back)
    for c in ("areas", "themes", "target_groups"):
        if c in ins:
            ins[c] = ins[c].map(_parse_list)
    if "evidence" in ins:
        ins["evidence"] = ins["evidence"].map(_parse_evidence)
    for c in ("best_area", "status"):
        if c in ins:
            ins[c] = ins[c].fillna("")
    spans = book.get("spans", pd.DataFrame()).rename(columns=back)
    ch = book.get("utmaningar", pd.DataFrame()).rename(columns=back)
    for c in ("categories", "areas"):
        if c in ch:
            ch[c] = ch[c].map(_parse_list)
    return Analysis(ins, spans, ch, {})
