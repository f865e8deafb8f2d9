"""Challenge extraction on the shipped model."""
import pandas as pd

from insatsmining.challenges import challenge_matrix, group_challenges, heading_area, top_challenges
from insatsmining.taxonomy import Taxonomy

TEXT = """Nulägesanalys 2025

3.4 Stärkt kompetensförsörjning
Det är fortsatt mycket svårt att rekrytera barnmorskor till förlossningen och vi är beroende av hyrpersonal. Under året har tre barnmorskor anställts.

Utmaningar:
- Ekonomin är ansträngd och det saknas långsiktig finansiering för att permanenta arbetet.
- Journalsystemen mellan MVC och förlossningen hänger inte ihop.
"""

COLS = ["row", "sentence", "start", "end", "score", "categories", "areas", "region", "year"]


def test_extract_contract_and_content(pipe):
    out = pipe.extract_challenges([TEXT], region="Gotland", year=2025)
    assert list(out.columns) == COLS
    assert (out["region"] == "Gotland").all() and (out["year"] == 2025).all()
    sents = " ".join(out["sentence"])
    assert "rekrytera" in sents and "Journalsystemen" in sents
    assert "anställts" not in sents  # what was done is not a challenge
    assert all(out["categories"].map(len) > 0)
    rec = out[out["sentence"].str.contains("rekrytera")].iloc[0]
    assert "kompetensforsorjning" in rec["categories"] and "3.4" in rec["areas"]
    for _, r in out.iterrows():
        assert TEXT[r["start"]:r["end"]].replace("\n", " ")[:10] == r["sentence"][:10]
        assert 0 <= r["score"] <= 1


def test_negation_and_contrast(pipe):
    scored = pipe.score_sentences(["Rekryteringen av barnmorskor har förbättrats och alla tjänster är tillsatta.",
                                   "Trots förbättringar kvarstår svårigheter att rekrytera barnmorskor."])
    assert scored.loc[0, "score"] < 0.5 < scored.loc[1, "score"]


def test_dataframe_entry_point_carries_columns(pipe):
    df = pd.DataFrame({"text": [TEXT, "Allt fungerar bra."], "region": ["Kalmar", "Gotland"], "year": [2024, 2025],
                       "area_reported": ["3.2", None]})
    out = pipe.extract_challenges(df)
    assert set(out["region"]) == {"Kalmar"} and set(out["year"]) == {2024}
    assert all("3.2" in a for a in out["areas"])


def test_empty_inputs(pipe):
    assert list(pipe.extract_challenges([]).columns) == COLS
    assert pipe.extract_challenges(["", None]).empty


def test_heading_area():
    tax = Taxonomy.load(2025)
    assert heading_area("3.4 Stärkt kompetensförsörjning", tax) == "3.4"
    assert heading_area("Eftervård", tax) == "3.2"
    assert heading_area("Sammanfattning", tax) is None


def test_tables_and_groups(pipe):
    texts = [f"Det är svårt att rekrytera barnmorskor till {o}." for o in ("BB", "MVC", "förlossningen")] + \
            [f"Vi saknar hyrpersonal{x} och kostnaderna för inhyrda barnmorskor ökar." for x in ("", "", "")] + \
            ["Budgeten är ansträngd och medlen räcker inte.", "Ekonomin är ett hinder för att permanenta arbetet."]
    df = pipe.extract_challenges(pd.DataFrame({"text": texts, "region": ["A", "B", "C", "A", "B", "C", "A", "B"]}))
    m = challenge_matrix(df)
    assert m.values.sum() == df["categories"].map(len).sum()
    top = top_challenges(df, pipe.challenges.categories)
    assert top.iloc[0]["count"] >= top.iloc[-1]["count"] and all(1 <= len(e) <= 3 for e in top["examples"])
    g1 = group_challenges(df["sentence"], pipe.challenges.categories, seed=1)
    g2 = group_challenges(df["sentence"], pipe.challenges.categories, seed=1)
    pd.testing.assert_frame_equal(g1, g2)
    assert g1["group_words"].str.len().gt(0).all()
