"""Suggesting area tags to reviewers, taking their decisions back, learning from them.

Loop: ``pipe.suggest(frame)`` -> :func:`export_review_sheet` (Excel with
drop-downs and Swedish instructions) -> the reviewer fills in
``beslut_omraden`` -> :func:`import_review_sheet` (every decision validated,
problems reported by row) -> ``pipe.update(reviewed)`` (retrain with the
reviewed rows added, weighted ``REVIEW_WEIGHT`` × a corpus row, new model
version whose card names its parent and the held-out figures before and
after; refused when held-out figures get clearly worse unless forced).

Also: :func:`review_order` (active learning: uncertainty with diversity),
:func:`agreement` (Cohen's kappa per area between any two raters) and
:func:`likely_label_errors` (out-of-fold probabilities; see its docstring).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np
import pandas as pd

from .errors import InputError

if TYPE_CHECKING:
    from .pipeline import Pipeline

REVIEW_WEIGHT = 2.0
#: Held-out drop (top-1 or macro-F1) beyond which an update is refused.
MAX_DROP = 0.02
DECISION_COLUMNS = ["beslut_omraden", "granskare", "kommentar"]
INSTRUCTIONS = [
    "Granskning av föreslagna insatsområden",
    "",
    "1. Läs beskrivningen i kolumnen 'text'. Förslagen står i 'forslag_1' till 'forslag_3' med sannolikhet och belägg (ord i texten).",
    "2. Skriv i 'beslut_omraden' de områden som insatsen verkligen gäller, huvudområdet först, åtskilda med semikolon (t.ex. '3.8; 3.4').",
    "   Välj ur listan eller skriv koderna 3.1–3.8. Skriv 'OK' för att godta förslaget i 'forslag_omraden' som det står.",
    "3. Fyll i 'granskare' (initialer) och gärna en 'kommentar' när du ändrar förslaget.",
    "4. Raderna är sorterade efter prioritet: osäkra förslag och rader där regionens rapporterade område skiljer sig från texten först.",
    "5. Spara filen och läs in den igen med insatsmining review import (eller import_review_sheet i Python).",
    "",
    "Modellen är tränad på en skriven korpus; förslagen är stöd, inte beslut.",
]


def suggest(pipe: "Pipeline", frame, text_column: str = "text") -> pd.DataFrame:
    """Review table: top-3 areas with probabilities and evidence, tags, priority, empty decisions."""
    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame({"text": list(frame)})
    res = pipe.analyze(frame, text_column=text_column)
    return suggestions(res.insatser, pipe.area_codes, text_column)


def suggestions(ins: pd.DataFrame, codes: Sequence[str], text_column: str = "text") -> pd.DataFrame:
    """The review table from an analysed insatser table (also read back from a results workbook)."""
    codes = list(codes)
    rows = []
    for i, r in ins.iterrows():
        p = np.array([r[c] for c in codes], dtype=float)
        row = {"id": r["id"], "region": r.get("region"), "year": r.get("year"),
               "area_reported": r.get("area_reported"), "area_reported_2025": r.get("area_reported_2025"),
               "text": r[text_column]}
        if np.isnan(p).all():
            row.update({"prioritet": 0.0, "skal": "tom text", "forslag_omraden": ""})
        else:
            order = np.argsort(-p, kind="stable")[:3]
            ev = r["evidence"] or {}
            for k, j in enumerate(order, 1):
                row[f"forslag_{k}"] = codes[j]
                row[f"sannolikhet_{k}"] = round(float(p[j]), 3)
                row[f"belagg_{k}"] = ", ".join(ev.get(codes[j], []))
            row["forslag_omraden"] = "; ".join(r["areas"])
            margin = float(p[order[0]] - p[order[1]])
            rep = r.get("area_reported_2025")
            disagree = isinstance(rep, str) and bool(rep) and rep != r["best_area"]
            strong = disagree and rep not in r["areas"]
            reasons = []
            if r["needs_review"]:
                reasons.append(f"osäker ({codes[order[0]]} {p[order[0]]:.2f} mot {codes[order[1]]} {p[order[1]]:.2f})")
            if disagree:
                reasons.append(f"rapporterad som {rep}, läses som {r['best_area']}")
            row["skal"] = "; ".join(reasons)
            row["prioritet"] = round((1 - margin) + (1.0 if strong else 0.5 if disagree else 0.0), 3)
        row["teman"] = "; ".join(r["themes"])
        row["malgrupper"] = "; ".join(r["target_groups"])
        row["status"] = r["status"]
        rows.append(row)
    out = pd.DataFrame(rows)
    for c in DECISION_COLUMNS:
        out[c] = ""
    return out.sort_values("prioritet", ascending=False, kind="stable").reset_index(drop=True)


def export_review_sheet(table: pd.DataFrame, path: str | Path, force: bool = False, codes: Sequence[str] | None = None) -> Path:
    """Excel review sheet: drop-down of valid codes, frozen header, instructions sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from .io import check_output_path

    path = Path(path)
    check_output_path(path, force)
    codes = list(codes or [f"3.{i}" for i in range(1, 9)])
    wb = Workbook()
    ws = wb.active
    ws.title = "granskning"
    cols = list(table.columns)
    ws.append(cols)
    for c in ws[1]:
        c.font = Font(bold=True)
    for _, r in table.iterrows():
        ws.append([None if (isinstance(v, float) and np.isnan(v)) else v for v in r.tolist()])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    lists = wb.create_sheet("koder")
    for i, c in enumerate(codes + ["OK"], 1):
        lists.cell(row=i, column=1, value=c)
    dec_col = cols.index("beslut_omraden") + 1
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(dec_col)
    dv = DataValidation(type="list", formula1=f"=koder!$A$1:$A${len(codes) + 1}", allow_blank=True,
                        showErrorMessage=False,
                        promptTitle="Insatsområden", prompt="Välj en kod, eller skriv flera: 3.8; 3.4")
    dv.add(f"{letter}2:{letter}{len(table) + 1}")
    ws.add_data_validation(dv)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row in range(2, len(table) + 2):
        ws.cell(row=row, column=dec_col).fill = fill
        for name in ("belagg_1", "belagg_2", "belagg_3"):
            if name in cols:
                ws.cell(row=row, column=cols.index(name) + 1).font = Font(bold=True, color="1F4E79")
    ws.column_dimensions[get_column_letter(cols.index("text") + 1)].width = 80
    for row in ws.iter_rows(min_row=2, min_col=cols.index("text") + 1, max_col=cols.index("text") + 1):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    info = wb.create_sheet("instruktioner", 0)
    for i, line in enumerate(INSTRUCTIONS, 1):
        info.cell(row=i, column=1, value=line)
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 140
    wb.active = 1
    wb.save(path)
    return path


def parse_decision(value, suggested: str, codes: Sequence[str]) -> tuple[list[str], str | None]:
    """(areas, problem) of one decision cell."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip():
        return [], "empty decision"
    s = str(value).strip()
    if s.upper() == "OK":
        s = suggested or ""
        if not s:
            return [], "OK given but there is no suggestion to accept"
    parts = [p.strip() for p in re.split(r"[;,\s]+", s) if p.strip()]
    bad = [p for p in parts if p not in codes]
    if bad:
        return [], f"unknown area code(s) {bad}; use {', '.join(codes)}"
    if len(set(parts)) != len(parts):
        return [], f"an area is repeated in {s!r}"
    return parts, None


def import_review_sheet(path: str | Path, codes: Sequence[str] | None = None, allow_empty: bool = True
                        ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(reviewed rows, problems) from a filled-in review sheet.

    Reviewed rows carry ``areas`` (primary first). Problems list row number
    (as Excel shows it), id and what is wrong; rows with problems are not
    in the reviewed table. Empty decisions are reported unless
    ``allow_empty`` (then they are simply not reviewed yet).
    """
    codes = list(codes or [f"3.{i}" for i in range(1, 9)])
    try:
        df = pd.read_excel(path, sheet_name="granskning", dtype=object, engine="openpyxl")
    except ValueError as e:
        raise InputError(f"{path}: no sheet 'granskning' — is this a review sheet from export_review_sheet? ({e})") from None
    except Exception as e:
        raise InputError(f"{path}: not a readable review sheet ({type(e).__name__}: {e})") from None
    missing = [c for c in ("id", "text", "beslut_omraden") if c not in df.columns]
    if missing:
        raise InputError(f"{path}: review sheet lacks columns {missing}")
    ok, problems = [], []
    seen: dict[str, list[str]] = {}
    for i, r in df.iterrows():
        excel_row = i + 2
        areas, prob = parse_decision(r["beslut_omraden"], str(r.get("forslag_omraden") or ""), codes)
        if prob == "empty decision" and allow_empty:
            continue
        if prob is None and str(r["id"]) in seen and seen[str(r["id"])] != areas:
            prob = f"contradicts the decision for the same id on an earlier row ({'; '.join(seen[str(r['id'])])})"
        if prob:
            problems.append({"rad": excel_row, "id": r["id"], "problem": prob, "värde": r["beslut_omraden"]})
            continue
        seen[str(r["id"])] = areas
        ok.append({**r.to_dict(), "areas": areas})
    return pd.DataFrame(ok), pd.DataFrame(problems, columns=["rad", "id", "problem", "värde"])


# ---------------------------------------------------------------- learning
def update(pipe: "Pipeline", reviewed: pd.DataFrame, out: str | Path, force: bool = False,
           weight: float = REVIEW_WEIGHT, corpus_root=None) -> dict:
    """Retrain with reviewed rows added; write a new model version; refuse clear regressions.

    Returns the new card. Raises :class:`~insatsmining.errors.ModelError`
    (and removes the new folder) when held-out top-1 accuracy or macro-F1
    on the corpus test split drops by more than :data:`MAX_DROP` and
    ``force`` is False.
    """
    import shutil

    from .errors import ModelError
    from .train import train_model

    if "areas" not in reviewed.columns or "text" not in reviewed.columns:
        raise InputError("reviewed table needs 'text' and 'areas' columns (from import_review_sheet)")
    extra = reviewed[["text", "areas"]].copy()
    extra = extra[extra["areas"].map(len) > 0]
    params = (pipe.card.get("parameters") or {}).get("areas")
    card = train_model(out, extra=extra, extra_weight=weight, parent=str(pipe.folder),
                       corpus_root=corpus_root, area_params=params)
    before = (pipe.card.get("metrics") or {}).get("areas_test", {})
    after = card["metrics"].get("areas_test", {})
    drops = {k: round(before.get(k, 0) - after.get(k, 0), 3) for k in ("top1_accuracy", "macro_f1")}
    card_path = Path(out, "card.json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["update"] = {"parent": str(pipe.folder), "n_reviewed": int(len(extra)), "weight": weight,
                      "before": {k: before.get(k) for k in drops}, "after": {k: after.get(k) for k in drops}}
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    from .persistence import card_markdown

    Path(out, "card.md").write_text(card_markdown(card) + "\n## Update\n\n```json\n"
                                    + json.dumps(card["update"], ensure_ascii=False, indent=2) + "\n```\n",
                                    encoding="utf-8")
    if any(d > MAX_DROP for d in drops.values()) and not force:
        shutil.rmtree(out, ignore_errors=True)
        raise ModelError(f"update refused: held-out figures drop by {drops} (> {MAX_DROP}); "
                         "check the reviewed labels or pass force=True")
    return card


def review_order(proba: np.ndarray, vectors: np.ndarray | None = None, k: int | None = None,
                 diversity: float = 0.3) -> list[int]:
    """Order items for review: most uncertain first, spread over different texts.

    Greedy: score = (1 - margin between the two top areas) minus
    ``diversity`` × the highest cosine similarity to an item already picked
    (when ``vectors`` are given). Deterministic.
    """
    s = np.sort(proba, axis=1)
    unc = 1 - (s[:, -1] - s[:, -2])
    n = len(proba)
    k = n if k is None else min(k, n)
    if vectors is None:
        return list(np.argsort(-unc, kind="stable")[:k])
    V = vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12)
    picked: list[int] = []
    maxsim = np.zeros(n)
    avail = np.ones(n, bool)
    for _ in range(k):
        score = np.where(avail, unc - diversity * maxsim, -np.inf)
        i = int(np.argmax(score))
        picked.append(i)
        avail[i] = False
        maxsim = np.maximum(maxsim, V @ V[i])
    return picked


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    a, b = np.asarray(a, bool), np.asarray(b, bool)
    po = float((a == b).mean())
    pe = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean()))
    return round((po - pe) / (1 - pe), 3) if pe < 1 else 1.0


def agreement(first: Sequence[Sequence[str]], second: Sequence[Sequence[str]], codes: Sequence[str]) -> pd.DataFrame:
    """Cohen's kappa per area and overall agreement between two raters' area sets.

    Raters can be the model, the region's reported area, or reviewers.
    ``primary`` agreement compares the first area of each.
    """
    rows = []
    for c in codes:
        a = [c in x for x in first]
        b = [c in y for y in second]
        rows.append({"area": c, "kappa": cohen_kappa(a, b), "agreement": round(float(np.mean(np.equal(a, b))), 3),
                     "n_first": int(sum(a)), "n_second": int(sum(b))})
    exact = float(np.mean([set(x) == set(y) for x, y in zip(first, second)]))
    prim = float(np.mean([bool(x) and bool(y) and x[0] == y[0] for x, y in zip(first, second)]))
    rows.append({"area": "alla (exakt samma mängd)", "agreement": round(exact, 3)})
    rows.append({"area": "huvudområde", "agreement": round(prim, 3)})
    return pd.DataFrame(rows)


def likely_label_errors(texts: Sequence[str], labels: Sequence[Sequence[str]], folds: int = 5, top: int = 20,
                        seed: int = 0) -> pd.DataFrame:
    """Reviewed items whose label the rest of the data disagrees with.

    Own method (cleanlab's confident learning would add a dependency for one
    table): out-of-fold probabilities from :class:`AreaClassifier`; an item
    is suspect when the probability of its given primary area is low and
    another area is confidently predicted. Ranked by that gap.
    """
    from sklearn.model_selection import KFold

    from .areas import AreaClassifier

    texts = list(texts)
    classes = [f"3.{i}" for i in range(1, 9)]
    oof = np.zeros((len(texts), len(classes)))
    for tr, te in KFold(folds, shuffle=True, random_state=seed).split(texts):
        clf = AreaClassifier(calibration_folds=3, random_state=seed).fit([texts[i] for i in tr], [labels[i] for i in tr])
        oof[te] = clf.predict_proba([texts[i] for i in te])
    rows = []
    for i, (t, lab) in enumerate(zip(texts, labels)):
        given = classes.index(lab[0])
        best = int(oof[i].argmax())
        rows.append({"index": i, "given": lab[0], "p_given": round(float(oof[i, given]), 3),
                     "suggested": classes[best], "p_suggested": round(float(oof[i, best]), 3),
                     "gap": round(float(oof[i, best] - oof[i, given]), 3), "text": t})
    out = pd.DataFrame(rows)
    return out[out["given"] != out["suggested"]].sort_values("gap", ascending=False).head(top).reset_index(drop=True)


# ------------------------------------------------------------------ widget
@dataclass
class ReviewState:
    """State of a review session, kept apart from the widget so it is testable.

    Decisions are written to ``save_path`` (JSON lines, append-only) as
    they are made, so a dead kernel loses nothing; a new session on the
    same file resumes with the saved decisions.
    """

    table: pd.DataFrame
    save_path: Path | None = None
    codes: list[str] = field(default_factory=lambda: [f"3.{i}" for i in range(1, 9)])
    position: int = 0
    decisions: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.save_path is not None:
            self.save_path = Path(self.save_path)
            if self.save_path.exists():
                for line in self.save_path.read_text(encoding="utf-8").splitlines():
                    d = json.loads(line)
                    self.decisions[str(d["id"])] = d["areas"]
                undone = [i for i, x in enumerate(self.table["id"]) if str(x) not in self.decisions]
                self.position = undone[0] if undone else len(self.table) - 1

    @property
    def current(self) -> pd.Series:
        return self.table.iloc[self.position]

    def selected(self) -> list[str]:
        """Areas toggled for the current item (the decision, else the suggestion)."""
        rid = str(self.current["id"])
        if rid in self.decisions:
            return list(self.decisions[rid])
        s = self.current.get("forslag_omraden") or ""
        return [x.strip() for x in str(s).split(";") if x.strip()]

    def accept(self, areas: Sequence[str] | None = None) -> None:
        areas = list(areas if areas is not None else self.selected())
        bad = [a for a in areas if a not in self.codes]
        if bad or not areas:
            raise ValueError(f"choose at least one valid area; got {areas}")
        rid = str(self.current["id"])
        self.decisions[rid] = areas
        if self.save_path is not None:
            self.save_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.save_path, "a", encoding="utf-8") as f:
                f.write(json.dumps({"id": rid, "areas": areas}, ensure_ascii=False) + "\n")
        self.next()

    def next(self) -> None:
        self.position = min(self.position + 1, len(self.table) - 1)

    def back(self) -> None:
        self.position = max(self.position - 1, 0)

    @property
    def progress(self) -> str:
        return f"{len(self.decisions)} av {len(self.table)} granskade"

    def reviewed(self) -> pd.DataFrame:
        t = self.table[self.table["id"].astype(str).isin(self.decisions)].copy()
        t["areas"] = [self.decisions[str(i)] for i in t["id"]]
        return t.reset_index(drop=True)


def highlight(text: str, words: Sequence[str]) -> str:
    """HTML of ``text`` with evidence words marked."""
    from html import escape

    out = escape(text)
    for w in sorted(set(words), key=len, reverse=True):
        if w:
            out = re.sub(rf"(?<![\wåäöÅÄÖ])({re.escape(escape(w))})(?![\wåäöÅÄÖ])", r"<mark>\1</mark>", out)
    return out


def review_widget(table: pd.DataFrame, save_path: str | Path):
    """An ipywidgets review UI over :class:`ReviewState` (accept / next / back)."""
    import ipywidgets as w
    from IPython.display import display

    state = ReviewState(table, save_path)
    html = w.HTML()
    toggles = [w.ToggleButton(description=c, layout=w.Layout(width="60px")) for c in state.codes]
    prog = w.Label()
    btn_ok, btn_next, btn_back = w.Button(description="Godkänn"), w.Button(description="Nästa"), w.Button(description="Tillbaka")

    def render():
        r = state.current
        words = [x.strip() for k in (1, 2, 3) for x in str(r.get(f"belagg_{k}") or "").split(",")]
        html.value = (f"<b>{r['id']}</b> {r.get('region') or ''} {r.get('year') or ''} — "
                      f"rapporterat: {r.get('area_reported') or '–'}<br>{highlight(str(r['text']), words)}"
                      f"<br><i>{r.get('skal') or ''}</i>")
        sel = state.selected()
        for t in toggles:
            t.value = t.description in sel
        prog.value = state.progress

    def on_ok(_):
        state.accept([t.description for t in toggles if t.value])
        render()

    btn_ok.on_click(on_ok)
    btn_next.on_click(lambda _: (state.next(), render()))
    btn_back.on_click(lambda _: (state.back(), render()))
    render()
    display(w.VBox([html, w.HBox(toggles), w.HBox([btn_back, btn_ok, btn_next, prog])]))
    return state
