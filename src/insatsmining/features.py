"""Feature extraction shared by training (scikit-learn) and inference (numpy).

One function, :func:`token_features`, turns tokens into feature strings and
remembers which token each came from. Training feeds the strings to
scikit-learn's ``TfidfVectorizer``; the shipped model stores the fitted
vocabulary, idf weights and coefficients as arrays and scores with numpy via
:class:`SparseFeatures`, so the default inference path needs neither
scikit-learn nor scipy. ``tests/test_areas.py`` proves both paths give the
same probabilities.

Feature blocks (chosen for Swedish public-sector prose):
- ``w:`` lemma unigrams, ``b:`` lemma bigrams of neighbouring content words;
- ``c:`` character 4- and 5-grams of each lemma, so compound parts
  ("bäckenbotten|mottagning", "rotations|tjänst") share weight with the
  simple words;
- ``t:`` the shipped theme and target-group lexicon matches ("t:konsstympning",
  "t:glesbygd"): the lexicon is written for real regional prose and its many
  synonyms carry domain knowledge that a written corpus covers thinly;
- ``w:xlandsbygdsortx`` for towns and hospitals in sparsely populated areas
  (``rural_places`` in ``taxonomy/regions.yaml``): the model may learn that
  a place is rural, never which place or region it is.
Region, town and hospital names, numbers and genre stop words are dropped, so
the model cannot learn geography or the corpus' boilerplate.
"""
from __future__ import annotations

from dataclasses import dataclass, asdict
from typing import Sequence

import numpy as np

from .taxonomy import place_words
from .text import Token, tokenize

#: Function words and survey boilerplate that carry no area signal.
STOP_WORDS = frozenset("""
och i att det som en på är av för med till den har de inte om ett men var
sig så vi från vid kan man eller även ska skall där då när under efter
sin sina sitt alla andra har hade ha varit vara blir blev bli detta denna
dessa deras dess oss vår våra vårt mot mellan genom inom utan över än
också samt bland annat annan några någon något mycket mer fler flera
samma olika nya ny nytt år året åren under här både hur vad vilket vilka
vilken ut upp in per ca cirka t ex bl a dvs mm m fl osv s k se sedan
redan nu fortsatt fortsätta pågår pågående insats insatsen insatser
insatserna medel medlen satsning satsningen arbete arbetet projekt
projektet region regionen regionens län landsting verksamhet
verksamheten genomfört genomförts genomförd genomföra genomfördes
kr kronor tkr mkr mnkr msek miljoner miljon procent enligt syfte syftet
syftar målet mål bidra bidrar öka ökad ökat ökade stärka stärkt stärks
utveckla utveckling utvecklat utvecklats arbeta arbetar arbetat
""".split())


@dataclass(frozen=True)
class FeatureConfig:
    """What :func:`token_features` extracts; stored in the model card."""

    char_ngrams: tuple[int, ...] = (4, 5)
    bigrams: bool = True
    keep_stop_words: bool = False
    min_char_word: int = 5  # words shorter than this get no char n-grams
    lexicon: tuple[str, ...] = ("theme", "target_group")  # lexicon kinds whose matches become features

    def to_dict(self) -> dict:
        d = asdict(self)
        d["char_ngrams"] = list(self.char_ngrams)
        d["lexicon"] = list(self.lexicon)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "FeatureConfig":
        d = dict(d)
        d["char_ngrams"] = tuple(d.get("char_ngrams", (4, 5)))
        d["lexicon"] = tuple(d.get("lexicon", ()))
        return cls(**d)


_PLACES = None
_RURAL = None
_LEXICON: dict = {}
RURAL_MARKER = "xlandsbygdsortx"
DEFAULT_LEXICON = ("theme", "target_group")


def _lexicon_matcher(kinds: tuple[str, ...]):
    """Matcher over the *shipped* lexicons of ``kinds`` (user themes never change features)."""
    if kinds not in _LEXICON:
        from .patterns import Matcher
        from .taxonomy import compile_labels, load_lexicon

        _LEXICON[kinds] = Matcher(compile_labels([l for k in kinds for l in load_lexicon(k)]))
    return _LEXICON[kinds]


def _content(tok: Token, cfg: FeatureConfig) -> bool:
    global _PLACES
    if _PLACES is None:
        _PLACES = place_words()
    w = tok.lower
    if not w.isalpha() or len(w) < 2 or w in _PLACES or tok.lemma in _PLACES:
        return False
    if not cfg.keep_stop_words and (w in STOP_WORDS or tok.lemma in STOP_WORDS):
        return False
    return True


def token_features(toks: Sequence[Token], cfg: FeatureConfig, matches=None) -> tuple[list[str], list[int]]:
    """Feature strings and, for each, the index of the token it came from.

    A bigram is attributed to its first token (its second token gets the
    same weight through its own unigram); evidence code splits it later.
    ``matches``: lexicon matches already computed for these tokens by the
    shipped tagger (saves a second pass in ``analyze``).
    """
    global _RURAL
    if _RURAL is None:
        from .taxonomy import rural_places

        _RURAL = rural_places()
    feats: list[str] = []
    owner: list[int] = []
    prev = -1
    ngr = cfg.char_ngrams
    if cfg.lexicon:
        if matches is None or tuple(cfg.lexicon) != DEFAULT_LEXICON:
            matches = _lexicon_matcher(tuple(cfg.lexicon)).find(toks)
        for m in matches:
            feats.append("t:" + m.label)
            owner.append(m.start_token)
    for i, tok in enumerate(toks):
        if tok.lower in _RURAL:
            feats.append("w:" + RURAL_MARKER)
            owner.append(i)
        if not _content(tok, cfg):
            prev = -1 if not cfg.keep_stop_words else prev
            continue
        lem = tok.lemma
        feats.append("w:" + lem)
        owner.append(i)
        if cfg.bigrams and prev >= 0:
            feats.append("b:" + toks[prev].lemma + " " + lem)
            owner.append(prev)
        if ngr and len(lem) >= cfg.min_char_word:
            padded = "<" + lem + ">"
            for n in ngr:
                for j in range(len(padded) - n + 1):
                    feats.append("c:" + padded[j:j + n])
                    owner.append(i)
        prev = i
    return feats, owner


def text_features(text: str, cfg: FeatureConfig) -> list[str]:
    """Feature strings of a text (the analyzer handed to TfidfVectorizer)."""
    return token_features(tokenize(text or ""), cfg)[0]


class SparseFeatures:
    """Tf-idf vectors with numpy only (the inference twin of TfidfVectorizer).

    Reproduces ``TfidfVectorizer(analyzer=..., sublinear_tf=True,
    norm="l2")``: counts -> 1 + log(tf) -> times idf -> L2 normalised.
    """

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, cfg: FeatureConfig,
                 sublinear_tf: bool = True):
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float64)
        self.cfg = cfg
        self.sublinear_tf = sublinear_tf

    def vector(self, toks: Sequence[Token], matches=None) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """(feature indices, weights, owner token per index) of one text."""
        feats, owner = token_features(toks, self.cfg, matches)
        vocab = self.vocabulary
        counts: dict[int, float] = {}
        owners: dict[int, list[int]] = {}
        for f, o in zip(feats, owner):
            j = vocab.get(f)
            if j is None:
                continue
            counts[j] = counts.get(j, 0.0) + 1.0
            owners.setdefault(j, []).append(o)
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0), []
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear_tf:
            tf = 1.0 + np.log(tf)
        val = tf * self.idf[idx]
        norm = np.sqrt(np.dot(val, val))
        if norm > 0:
            val /= norm
        return idx, val, [owners[j] for j in idx.tolist()]
