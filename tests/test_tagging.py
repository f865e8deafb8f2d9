"""Theme and target-group tagging."""
from pathlib import Path

import pytest
import yaml

from insatsmining import TaxonomyError
from insatsmining.tagging import Tagger, kwic, kwic_html

FIX = Path(__file__).parent / "fixtures"
CASES = yaml.safe_load((FIX / "lexicon_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tagger():
    return Tagger()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['label']}-{'pos' if c['expect'] else 'neg'}-{i}" for i, c in enumerate(CASES)])
def test_lexicon_cases(tagger, case):
    t = tagger.tag([case["text"]])
    hits = t[(t["label"] == case["label"]) & (t["kind"] == case["kind"])]
    if case["expect"]:
        assert len(hits), f"{case['label']} not found in {case['text']!r}"
        if case.get("span"):
            assert any(case["span"] in s or s in case["span"] for s in hits["text"]), list(hits["text"])
    else:
        assert hits.empty, f"{case['label']} wrongly found: {list(hits['text'])}"


def test_compounds_and_inflections(tagger):
    texts = ["Amningsmottagningen", "bäckenbottenteamet", "rotationstjänsterna", "kulturdoulor", "BB-hemma", "samvårdsrum"]
    got = tagger.tag(texts)
    assert set(got["label"]) >= {"amning", "backenbotten", "rotationstjanster", "kulturdoula_tolk", "bb_hemma", "nollseparation"}


def test_no_match_inside_unrelated_words(tagger):
    got = tagger.tag(["CTG-tolkningen och tolkningsövningar gicks igenom."])
    assert "kulturdoula_tolk" not in set(got["label"])


def test_user_theme_file_and_add(tmp_path):
    p = tmp_path / "mina_teman.yaml"
    p.write_text("kind: theme\nentries:\n  - id: sommarbemanning\n    patterns: ['sommarbemanning*', 'semester*']\n",
                 encoding="utf-8")
    t = Tagger(themes=p)
    assert "sommarbemanning" in set(t.tag(["Sommarbemanningen på BB löstes."])["label"])
    t.add("fika", ["fika*"])
    assert "fika" in set(t.tag(["Fikastunden"])["label"])


def test_bad_user_file_names_file_entry_problem(tmp_path):
    p = tmp_path / "fel.yaml"
    p.write_text("kind: theme\nentries:\n  - id: x\n    patterns: ['a b ...']\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"fel.yaml: entry 1 \(x\): bad pattern 'a b \.\.\.'"):
        Tagger(themes=p)


def test_wide_and_kwic(tagger):
    texts = ["Amningsstöd och amningsmottagning", "Patienthotell"]
    wide = tagger.wide(texts, kind="theme")
    assert wide.loc[0, "amning"] and wide.loc[1, "patienthotell"] and not wide.loc[1, "amning"]
    k = kwic(texts, tagger.tag(texts), "amning")
    assert len(k) == 2 and "<mark>" in kwic_html(k)


def test_spacy_component(tmp_path):
    import spacy

    import insatsmining.spacy_components  # noqa: F401

    nlp = spacy.blank("sv")
    nlp.add_pipe("insatsmining_lemmatizer")
    nlp.add_pipe("insatsmining_tagger")
    doc = nlp("Kulturdoulorna stöttar kvinnor med annat modersmål på BB.")
    assert [s.label_ for s in doc.spans["themes"]] == ["kulturdoula_tolk"]
    assert "utrikesfodda_sprak" in [s.label_ for s in doc.spans["target_groups"]]
    assert doc[0].lemma_ == "kulturdoula"


def test_suggest_themes(pipe):
    texts = ["Vi har infört läkemedelsgenomgång för gravida."] * 3 + ["Amningsstöd på BB"] * 3
    out = pipe.suggest_themes(texts, min_count=3)
    assert "läkemedelsgenomgång" in set(out["term"]) and "amningsstöd" not in set(out["term"])
    assert all(out["examples"].map(len) >= 1)
