"""The public contract of design.md, on the shipped model."""
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import insatsmining as im

AREAS = [f"3.{i}" for i in range(1, 9)]


def test_load_is_offline_and_does_not_import_torch_sklearn_spacy():
    code = ("import sys, insatsmining; p = insatsmining.load(); p.classify(['Hembesök efter förlossningen']);"
            "p.tag(['Amningsstöd på BB']);"
            "bad = [m for m in ('torch', 'sklearn', 'spacy', 'scipy', 'sentence_transformers') if m in sys.modules];"
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_classify_columns_order_and_index(pipe):
    s = pd.Series(["Hembesök av barnmorska efter hemgång från BB.",
                   "Rekrytering av barnmorskor med betald utbildning.",
                   "Mottagning för kvinnor som utsatts för könsstympning."], index=[10, 20, 30])
    out = pipe.classify(s)
    assert list(out.columns[:12]) == AREAS + ["best_area", "areas", "needs_review", "evidence"]
    assert list(out.index) == [10, 20, 30]
    assert np.allclose(out[AREAS].to_numpy().clip(0, 1), out[AREAS].to_numpy())
    assert list(out["best_area"]) == ["3.2", "3.4", "3.7"]
    for _, r in out.iterrows():
        assert r["areas"] and r["best_area"] in r["areas"]
        assert set(r["evidence"]) == set(r["areas"])
        text = s[_]
        for words in r["evidence"].values():
            assert all(w in text for w in words)


def test_single_text_and_empty_input(pipe):
    assert len(pipe.classify(["Patienthotell vid förlossningen"])) == 1
    empty = pipe.classify([])
    assert len(empty) == 0 and "best_area" in empty.columns
    assert len(pipe.tag([])) == 0 and list(pipe.tag([]).columns) == ["row", "kind", "label", "start", "end", "text"]


def test_blank_text_gives_nan_and_review(pipe):
    out = pipe.classify(["", "   ", "Amningsmottagning"])
    assert out.loc[0, AREAS].isna().all() and out.loc[0, "best_area"] == "" and out.loc[0, "areas"] == []
    assert out.loc[1, "needs_review"] and out.loc[2, "areas"]


def test_non_swedish_text_still_gets_a_row(pipe):
    out = pipe.classify(["The quick brown fox jumps over the lazy dog."])
    assert len(out) == 1 and out.loc[0, "areas"]


def test_single_string_is_refused_with_advice(pipe):
    with pytest.raises(TypeError, match="wrap it"):
        pipe.classify("Hembesök")


def test_tag_contract(pipe):
    texts = ["Vi har startat amningsmottagning och BB-hemma.", "Inget särskilt här."]
    t = pipe.tag(texts)
    assert list(t.columns) == ["row", "kind", "label", "start", "end", "text"]
    for _, r in t.iterrows():
        assert texts[r["row"]][r["start"]:r["end"]] == r["text"]
        assert r["kind"] in ("theme", "target_group")
    assert {"amning", "bb_hemma"} <= set(t["label"])


def test_legacy_year_columns(pipe):
    out = pipe.classify(["Hembesök efter förlossningen", "Betalda utbildningsanställningar för barnmorskor"], year=2023)
    assert out.loc[0, "best_area_2023"] == "2023:eftervard"
    # 2023 had no kompetensförsörjning area: the best existing 2023 area is given instead
    assert out.loc[1, "best_area_2023"].startswith("2023:") and out.loc[1, "best_area_2023"] != "2023:kompetensforsorjning"


def test_map_areas_table(pipe):
    df = pd.DataFrame({"area_reported": ["2024:eftervard", "2024:nya_arbetssatt", None],
                       "text": ["x", "Samordnande barnmorska följer kvinnan genom hela vårdkedjan", "y"]})
    out = im.map_areas(df, from_year=2024, pipeline=pipe)
    assert out["area_2025"].tolist()[:1] == ["3.2"] and out["area_2025_source"].tolist() == ["crosswalk", "model", "missing"]
    assert out["area_2025"][1] in AREAS


def test_deterministic(pipe):
    texts = ["Kulturdoulor för kvinnor med annat modersmål", "CTG-utbildning för barnmorskor"]
    pd.testing.assert_frame_equal(pipe.classify(texts), pipe.classify(texts))
