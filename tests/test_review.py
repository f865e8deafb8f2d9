"""The review loop: suggest -> export -> reviewer edits -> import -> update."""
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from insatsmining.review import (ReviewState, agreement, cohen_kappa, export_review_sheet, highlight,
                                 import_review_sheet, parse_decision, review_order)

CODES = [f"3.{i}" for i in range(1, 9)]


def frame():
    return pd.DataFrame({"id": ["r1", "r2", "r3"], "region": ["Skåne"] * 3, "year": [2025] * 3,
                         "area_reported": ["3.4", "3.2", "3.7"],
                         "text": ["CTG-utbildning för alla barnmorskor på förlossningen",
                                  "Hembesök efter förlossningen", "Mottagning för könsstympade kvinnor"]})


def test_suggest_table(pipe):
    t = pipe.suggest(frame())
    assert {"forslag_1", "sannolikhet_1", "belagg_1", "forslag_3", "prioritet", "beslut_omraden"} <= set(t.columns)
    assert t["prioritet"].is_monotonic_decreasing
    ctg = t[t["id"] == "r1"].iloc[0]
    assert ctg["forslag_1"] == "3.3" and "rapporterad som 3.4, läses som 3.3" in ctg["skal"]


def test_export_edit_import_round_trip(pipe, tmp_path):
    t = pipe.suggest(frame())
    p = export_review_sheet(t, tmp_path / "granskning.xlsx")
    wb = load_workbook(p)
    assert wb.sheetnames[0] == "instruktioner" and wb["granskning"].freeze_panes == "A2"
    assert wb["granskning"].data_validations.dataValidation
    ws = wb["granskning"]
    cols = [c.value for c in ws[1]]
    dc = cols.index("beslut_omraden") + 1
    ids = [ws.cell(row=r, column=1).value for r in range(2, 5)]
    for r, rid in zip(range(2, 5), ids):
        ws.cell(row=r, column=dc, value={"r1": "3.3; 3.1", "r2": "OK", "r3": "9.9"}[rid])
    wb.save(p)
    ok, problems = import_review_sheet(p)
    assert set(ok["id"]) == {"r1", "r2"} and ok.set_index("id").loc["r1", "areas"] == ["3.3", "3.1"]
    assert len(problems) == 1 and "unknown area code" in problems.iloc[0]["problem"]
    assert problems.iloc[0]["rad"] == ids.index("r3") + 2


def test_parse_decision():
    assert parse_decision("3.8;3.4", "", CODES) == (["3.8", "3.4"], None)
    assert parse_decision("ok", "3.2; 3.1", CODES) == (["3.2", "3.1"], None)
    assert parse_decision("", "", CODES)[1] == "empty decision"
    assert "repeated" in parse_decision("3.1; 3.1", "", CODES)[1]


def test_review_order_uncertain_first_and_diverse():
    proba = np.array([[0.9, 0.1], [0.5, 0.5], [0.52, 0.48], [0.6, 0.4]])
    assert review_order(proba)[:2] == [1, 2]
    vec = np.array([[1, 0], [1, 0], [1, 0.01], [0, 1]], dtype=float)
    assert review_order(proba, vec, k=2, diversity=1.0) == [1, 3]


def test_agreement_and_kappa():
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0
    t = agreement([["3.1"], ["3.2", "3.1"]], [["3.1"], ["3.2"]], CODES)
    assert t.set_index("area").loc["huvudområde", "agreement"] == 1.0


def test_review_state_saves_as_it_goes(tmp_path):
    t = pd.DataFrame({"id": ["a", "b"], "text": ["x", "y"], "forslag_omraden": ["3.1", "3.2; 3.5"]})
    s = ReviewState(t, tmp_path / "beslut.jsonl")
    assert s.selected() == ["3.1"]
    s.accept(["3.1", "3.3"])
    assert s.position == 1 and s.progress == "1 av 2 granskade"
    with pytest.raises(ValueError):
        s.accept(["9.9"])
    s.back()
    assert s.selected() == ["3.1", "3.3"]
    # the kernel dies: a new session resumes from disk
    s2 = ReviewState(t, tmp_path / "beslut.jsonl")
    assert s2.decisions == {"a": ["3.1", "3.3"]} and s2.position == 1
    assert s2.reviewed()["areas"].tolist() == [["3.1", "3.3"]]


def test_highlight():
    assert highlight("Amning & BB", ["Amning"]) == "<mark>Amning</mark> &amp; BB"


@pytest.mark.slow
def test_full_loop_updates_the_model(pipe, tmp_path):
    """suggest -> export -> reviewer edits the file -> import -> update -> corrections stick."""
    import json

    from insatsmining.resources import demo_dir

    rows = [json.loads(l) for l in (demo_dir() / "insatser.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = {r["id"]: r["areas"] for r in rows if r["areas"] and r["text"].strip() and not r.get("demo_note")}
    frame = pd.DataFrame([r for r in rows if r["id"] in gold]).drop_duplicates("id")
    table = pipe.suggest(frame[["id", "region", "year", "area_reported", "text"]])
    wrong = table[[r["forslag_1"] != gold[r["id"]][0] for _, r in table.iterrows()]]
    assert len(wrong) >= 3, "the demo should hold some items the model gets wrong"
    sheet = export_review_sheet(table, tmp_path / "granskning.xlsx")
    wb = load_workbook(sheet)
    ws = wb["granskning"]
    cols = [c.value for c in ws[1]]
    for row in range(2, ws.max_row + 1):  # the reviewer writes the right areas everywhere
        rid = ws.cell(row=row, column=cols.index("id") + 1).value
        ws.cell(row=row, column=cols.index("beslut_omraden") + 1, value="; ".join(gold[rid]))
    wb.save(sheet)
    reviewed, problems = import_review_sheet(sheet)
    assert problems.empty and len(reviewed) == len(table)
    new = pipe.update(reviewed, tmp_path / "modell_v2", force=True)
    upd = new.card["update"]
    assert upd["n_reviewed"] == len(reviewed) and upd["parent"] == str(pipe.folder)
    assert upd["before"]["top1_accuracy"] and upd["after"]["top1_accuracy"]  # held-out figures reported
    def agrees(p):  # the best area is one the reviewer chose and the reviewer's primary is among the areas
        c = p.classify(wrong["text"].tolist())
        return sum(b in gold[i] and gold[i][0] in a for b, a, i in zip(c["best_area"], c["areas"], wrong["id"]))

    before, after = agrees(pipe), agrees(new)
    assert before < after and after >= 0.8 * len(wrong)


def test_update_refuses_a_clear_regression(pipe, tmp_path, monkeypatch):
    import insatsmining.review as review
    from insatsmining.errors import ModelError

    def fake_train(out, **kw):
        out.mkdir(parents=True)
        (out / "card.json").write_text("{}")
        return {"metrics": {"areas_test": {"top1_accuracy": 0.1, "macro_f1": 0.1}}}

    monkeypatch.setattr("insatsmining.train.train_model", fake_train)
    rev = pd.DataFrame({"text": ["Hembesök"], "areas": [["3.2"]]})
    with pytest.raises(ModelError, match="update refused"):
        review.update(pipe, rev, tmp_path / "v2")
    assert not (tmp_path / "v2").exists()


def test_likely_label_errors_finds_a_planted_mistake(small_areas):
    from insatsmining.review import likely_label_errors

    texts, labels = small_areas
    texts = list(texts) * 2
    labels = [list(l) for l in labels] * 2
    labels[0] = ["3.7"]  # a coordinating-midwife text mislabelled as sexual violence
    out = likely_label_errors(texts, labels, folds=4, top=5)
    assert 0 in set(out["index"]) and out.iloc[0]["gap"] > 0
