"""The Swedish text pipeline: tokens, lemmas, sentence splitting."""
import pytest

from insatsmining.text import lemmatize, split_sentences, swedish_share, tokenize

# (inflected form as it appears in reports, lemma or compound head we need)
LEMMAS = [
    ("nollseparationen", "nollseparation"), ("rotationstjänsterna", "rotationstjänst"),
    ("bäckenbottenteamet", "bäckenbottenteam"), ("amningsmottagningarna", "amningsmottagning"),
    ("kulturdoulor", "kulturdoula"), ("hembesöken", "hembesök"), ("bristningar", "bristning"),
    ("Barnmorskorna", "barnmorska"), ("barnmorskemottagningarna", "barnmorskemottagning"),
    ("förlossningarna", "förlossning"), ("kvinnorna", "kvinna"), ("ungdomsmottagningen", "ungdomsmottagning"),
    ("cellprovtagningen", "cellprovtagning"), ("utbildningsanställningar", "utbildningsanställning"),
    ("patienthotellet", "patienthotell"), ("tolkarna", "tolk"), ("familjerna", "familj"),
    ("mentorerna", "mentor"), ("riktlinjerna", "riktlinje"), ("gynekologerna", "gynekolog"),
    ("undersköterskorna", "undersköterska"), ("samordnarna", "samordnare"),
    ("förlossningsskadorna", "förlossningsskada"), ("Har", "ha"), ("kvinnokliniken", "kvinnoklinik"),
    ("vårdcentralerna", "vårdcentral"), ("rutinerna", "rutin"), ("hyrbarnmorskorna", "hyrbarnmorska"),
    ("kuratorerna", "kurator"), ("fysioterapeuterna", "fysioterapeut"), ("mottagningarna", "mottagning"),
    ("endometriosteamet", "endometriosteam"), ("handledarna", "handledare"), ("samvårdsrummen", "samvårdsrum"),
]


@pytest.mark.parametrize("word,lemma", LEMMAS)
def test_domain_lemmas(word, lemma):
    assert lemmatize(word) == lemma


def test_lemmatize_is_case_insensitive():
    assert lemmatize("Rotationstjänsterna") == lemmatize("rotationstjänsterna")


def test_tokens_keep_offsets_and_split_hyphens():
    text = "BB-hemma startade i Visby."
    toks = tokenize(text)
    assert [t.text for t in toks] == ["BB", "hemma", "startade", "i", "Visby"]
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_sentences_bullets_headings_and_pdf_wraps():
    text = ("3.4 Stärkt kompetensförsörjning\n"
            "Bemanningen är fortsatt sårbar, t.ex. på BB. Vi har an-\n"
            "ställt två barnmorskor under\nåret.\n"
            "Utmaningar:\n- svårt att rekrytera barnmorskor\n  till glesbygd\n• hyrpersonal kostar\n"
            "2. Ekonomin är ansträngd\n")
    got = [(s.kind, s.text, s.heading) for s in split_sentences(text)]
    assert got == [
        ("heading", "3.4 Stärkt kompetensförsörjning", None),
        ("sentence", "Bemanningen är fortsatt sårbar, t.ex. på BB.", "3.4 Stärkt kompetensförsörjning"),
        ("sentence", "Vi har anställt två barnmorskor under året.", "3.4 Stärkt kompetensförsörjning"),
        ("heading", "Utmaningar", None),
        ("item", "svårt att rekrytera barnmorskor till glesbygd", "Utmaningar"),
        ("item", "hyrpersonal kostar", "Utmaningar"),
        ("item", "Ekonomin är ansträngd", "Utmaningar"),
    ]


def test_sentence_offsets_point_into_the_text():
    text = "Första meningen här. Andra meningen där!\n\n- punkt ett\n- punkt två"
    for s in split_sentences(text):
        assert text[s.start:s.end].strip().endswith(s.text[-3:])


def test_single_telegraphic_line_is_a_sentence_not_a_heading():
    (s,) = split_sentences("Utökad bemanning BB Sunderbyn")
    assert s.kind == "sentence"


def test_empty_text_has_no_sentences():
    assert split_sentences("") == [] and split_sentences("  \n ") == []


def test_swedish_share_separates_languages():
    assert swedish_share("Barnmorskorna har fått utbildning i amningsstöd under året.") > 0.7
    assert swedish_share("The midwives were trained in breastfeeding support this year.") < 0.5


def test_tokens_mark_sentence_and_line_starts():
    toks = tokenize("Rad ett\nrad två. Tre fyra, t.ex. fem. 3.2 mil")
    starts = [t.text for t in toks if t.sent_start]
    assert starts == ["rad", "Tre"]  # new line; full stop + capital; not the first token, "t.ex." or "3.2"
