"""The lexicon pattern language."""
import pytest

from insatsmining.patterns import Entry, Matcher, Pattern, PatternError
from insatsmining.text import tokenize


def find(patterns, text, exclude=()):
    m = Matcher([Entry("x", "theme", [Pattern.compile(p) for p in patterns],
                       [Pattern.compile(p) for p in exclude])])
    return [text[a.start:a.end] for a in m.find(tokenize(text))]


def test_exact_matches_form_or_lemma():
    assert find(["tolk"], "Tolkarna kom i tid.") == ["Tolkarna"]
    assert find(["tolk"], "CTG-tolkningen övades.") == []


def test_prefix_and_compound_head():
    assert find(["amning*"], "Amningsmottagningen öppnade") == ["Amningsmottagningen"]
    assert find(["*doul"], "Kulturdoulorna och doulan") == ["Kulturdoulorna", "doulan"]
    assert find(["*doul"], "doulastöd") == []  # head check: not a bare substring


def test_multiword_gap_and_hyphen():
    assert find(["bb hemma"], "Vi startade BB-hemma i höstas") == ["BB-hemma"]
    assert find(["kvinn* ... modersmål"], "kvinnor med ett annat modersmål") == ["kvinnor med ett annat modersmål"]
    assert find(["kvinn* ... modersmål"], "kvinnor a b c d modersmål") == []


def test_gap_never_crosses_a_sentence_or_line_start():
    assert find(["tidigt ... uppföljning*"], "Kurator kopplas in tidigt. Uppföljningen visar ...") == []
    assert find(["tidigt ... uppföljning*"], "kopplas in tidigt\n- uppföljning efter ett år") == []
    # abbreviations and decimals inside a sentence do not break it
    assert find(["tidig hemgång ... uppföljning*"], "tidig hemgång med t.ex. uppföljning") == ["tidig hemgång med t.ex. uppföljning"]
    assert find(["kvinn* ... mil"], "kvinnor bor 2.5 mil bort") == ["kvinnor bor 2.5 mil"]


def test_case_sensitive_item_and_exclude():
    assert find(["=UM"], "Besök på UM och um") == ["UM"]
    assert find(["tolk*"], "tolkstöd och CTG-tolkning", exclude=["tolkning*"]) == ["tolkstöd"]


@pytest.mark.parametrize("bad", ["", "...", "a ...", "*", "a*b", "ab-c", "="])
def test_bad_patterns_are_rejected(bad):
    with pytest.raises(PatternError):
        Pattern.compile(bad)
