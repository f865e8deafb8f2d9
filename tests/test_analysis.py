"""analyze(): nothing lost, statuses, summaries."""
import pandas as pd
import pytest

import insatsmining as im
from insatsmining.errors import MissingColumnError


def messy():
    return pd.DataFrame({
        "id": ["a1", "a2", "a2", None, "a5", "a6", "a7"],
        "region": ["Region Jönköpings län", "VGR", "Atlantis", "Norrbotten", "Skåne", "Skåne", "Kalmar"],
        "year": [2025, 2024, 2025, "2023", 2025, 2023, 2025],
        "area_reported": ["3.2", "2024:eftervard", "3.4", "2023:kompetensforsorjning", "3.9", "2023:landsbygd", None],
        "text": ["Hembesök efter förlossningen.", "Amningsmottagning på BB", "", "Rekrytering av barnmorskor",
                 "The midwives were trained in breastfeeding support this year.", "ord " * 2000, None],
    })


def test_nothing_lost_and_statuses(pipe):
    df = messy()
    res = pipe.analyze(df)
    ins = res.insatser
    assert len(ins) == len(df) and list(ins["text"].fillna("")) == list(df["text"].fillna(""))
    st = dict(zip(range(len(ins)), ins["status"]))
    assert st[0] == "ok"
    assert ins.loc[0, "region"] == "Jönköping" and ins.loc[1, "region"] == "Västra Götaland"
    assert st[2].startswith("error: empty text") and "duplicate id" in st[2] and "unknown region" in st[2]
    assert "duplicate id a2" in st[1]
    assert ins.loc[3, "id"].startswith("rad-") and "not an area of 2023" in st[3]
    assert "not look Swedish" in st[4] and "not an area of 2025" in st[4]
    assert "very long text" in st[5]
    assert st[6].startswith("error: empty text")
    assert ins.loc[1, "area_reported_2025"] == "3.2" and ins.loc[5, "area_reported_2025"] == "3.8"
    assert "amning" in ins.loc[1, "themes"]


def test_missing_text_column_suggests(pipe):
    with pytest.raises(MissingColumnError, match="did you mean 'texts'"):
        pipe.analyze(pd.DataFrame({"texts": ["a"]}))
    assert len(pipe.analyze(pd.DataFrame({"beskrivning": ["Amning"]}), text_column="beskrivning").insatser) == 1


def test_summary_bases(pipe):
    df = pd.DataFrame({"region": ["Skåne", "Skåne", "Kalmar"], "year": [2025] * 3,
                       "area_reported": ["3.4", "3.2", "3.2"],
                       "text": ["CTG-utbildning för barnmorskor", "Hembesök efter förlossningen", "Amningsstöd"],
                       "effect": ["ja", "nej", "ja"], "followed_up": ["klar", "pagar", None]})
    res = pipe.analyze(df)
    s = res.summary()
    assert "regionens rapporterade" in s["per_area"].attrs["title"]
    assert s["per_area"].set_index("område").loc["3.2", "antal"] == 2
    m = res.summary(basis="model")
    assert "modellens" in m["per_area"].attrs["title"]
    assert "reported_vs_model" in s and "effect" in s
    assert res.challenges.empty and list(res.challenges.columns)[:2] == ["row", "sentence"]


def test_analyze_with_nulagesanalyser(pipe):
    res = pipe.analyze(pd.DataFrame({"text": ["Amning"]}),
                       pd.DataFrame({"text": ["Det är svårt att rekrytera barnmorskor."], "region": ["Region Gotland"],
                                     "year": [2025]}))
    assert len(res.challenges) == 1 and res.challenges.loc[0, "region"] == "Gotland"
    assert "challenge_matrix" in res.summary()


def test_module_level_analyze_and_list_input():
    res = im.analyze(["Patienthotell för gravida med lång resväg"])
    assert res.insatser.loc[0, "best_area"] == "3.8" and res.insatser.loc[0, "status"] == "ok"


def test_progress_batches_give_the_same_result(pipe):
    df = pd.DataFrame({"id": ["a", "b", "c", "a", "e"],
                       "text": ["Hembesök efter förlossningen", "Amningsstöd på BB", "", "Kulturdoulor", "Patienthotell"]})
    seen = []
    batched = pipe.analyze(df, progress=seen.append, batch=2)
    whole = pipe.analyze(df)
    assert seen == [2, 4, 5]
    pd.testing.assert_frame_equal(batched.insatser, whole.insatser)
    pd.testing.assert_frame_equal(batched.spans.reset_index(drop=True), whole.spans.reset_index(drop=True))
    assert "duplicate id a" in batched.insatser.loc[3, "status"]
