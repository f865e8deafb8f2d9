"""The written corpus: schema, vocabulary, duplicates, minimum counts, splits."""

import json
from pathlib import Path

import pandas as pd
import pytest

from insatsmining.corpora import (TEST_REGIONS, CorpusError, assemble, load_insatser, load_nulagesanalyser,
                                  near_duplicate_groups, validate_insatser)


@pytest.fixture(scope="module")
def ins():
    return load_insatser()


@pytest.fixture(scope="module")
def nul():
    return load_nulagesanalyser()


def test_minimum_counts(ins):
    assert len(ins) >= 1200
    primary = ins["areas"].str[0].value_counts()
    assert primary.min() >= 100, primary.to_dict()
    assert ins["region"].nunique() == 21 and set(ins["year"]) == {2023, 2024, 2025}
    assert (ins["areas"].map(len) > 1).mean() >= 0.25


def test_no_near_duplicates_across_splits(ins):
    groups = near_duplicate_groups(ins["text"].tolist())
    g = pd.DataFrame({"g": groups, "split": ins["split"]})
    assert (g.groupby("g")["split"].nunique() == 1).all()


def test_region_held_out_split(ins):
    assert set(ins.loc[ins["split"] == "region_test", "region"]) == set(TEST_REGIONS)
    assert not set(ins.loc[ins["split"] == "train", "region"]) & TEST_REGIONS
    assert (ins["split"] == "test").sum() > 100


def test_nulagesanalyser_counts(nul):
    docs, sents = nul
    assert len(docs) >= 80 and len(sents) >= 1500
    assert 0.4 <= 1 - sents["is_challenge"].mean() <= 0.6
    cats = sents.loc[sents["is_challenge"], "categories"].explode().value_counts()
    assert set(cats.index) == {"kompetensforsorjning", "ekonomi", "kompetensbehov", "samverkan", "ojamlik_vard",
                               "fodelsetal", "other"}


def test_assembled_offsets(nul):
    docs, sents = nul
    text = dict(zip(docs["id"], docs["text"]))
    for r in sents.head(300).itertuples():
        assert text[r.doc_id][r.start:r.end] == r.sentence


def test_validation_reports_bad_rows():
    bad = pd.DataFrame([{"id": "x1", "region": "Mars", "year": 2019, "area_reported": "9.9", "areas": ["3.9"],
                         "themes": ["nope"], "target_groups": [], "followed_up": "kanske", "effect": None,
                         "text": "", "source_line": "t.jsonl:1"}] * 2)
    with pytest.raises(CorpusError) as e:
        validate_insatser(bad)
    msg = str(e.value)
    for part in ("duplicate id", "empty text", "unknown region", "outside 2023-2025", "2025 codes",
                 "not an area of 2019", "unknown theme", "followed_up"):
        assert part in msg


def test_assemble_blocks():
    text, sents = assemble({"blocks": [{"heading": "Utmaningar"},
                                       {"paragraph": [{"text": "A b.", "challenge": False}, {"text": "C d.", "challenge": True}]},
                                       {"bullets": [{"text": "e f", "challenge": True}]}]})
    assert text == "Utmaningar\n\nA b. C d.\n\n1. e f"
    assert [text[s["start"]:s["end"]] for s in sents] == ["A b.", "C d.", "e f"]
    assert sents[2]["heading"] == "Utmaningar"


def _audit(name: str) -> list[dict]:
    path = Path(__file__).resolve().parents[1] / "corpora" / "audit" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_labels_follow_the_audit_decisions(ins, nul):
    """Every blind audit decision (corpora/audit) is what the corpus now says.

    A later decision on the same item and label (a re-audit after a convention
    was settled) replaces the earlier one.
    """
    by_id = ins.set_index("id")
    col = {"theme": "themes", "target_group": "target_groups"}
    latest = {(d["id"], d["kind"], d["label"]): d for d in _audit("tag_audit_2026-11.jsonl")}
    wrong = [d for d in latest.values()
             if (d["label"] in by_id.loc[d["id"], col[d["kind"]]]) != d["present"]]
    assert not wrong, wrong[:3]
    _, sents = nul
    challenge = dict(zip(zip(sents["doc_id"], sents["start"]), sents["is_challenge"]))
    latest = {(d["doc_id"], d["start"]): d for d in _audit("challenge_audit_2026-11.jsonl")}
    wrong = [d for d in latest.values() if challenge[(d["doc_id"], d["start"])] != d["challenge"]]
    assert not wrong, wrong[:3]
