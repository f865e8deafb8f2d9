"""Swedish text handling: tokens with offsets, lemmas, sentences.

Everything downstream (area features, theme matching, challenge sentences)
reads text through this module, so that training and inference see exactly
the same tokens and lemmas.

Why not spaCy's own Swedish lemmatizer: its lookup table is case-sensitive,
maps "har" to "hare" and knows none of the domain compounds
("rotationstjänsterna", "bäckenbottenteamet"). We use simplemma's Swedish
dictionary (measured in ``tests/test_text.py``) with a compound-head
fallback: when a long word is unknown, the longest known tail is lemmatised
and the modifier kept ("rotationstjänsterna" -> "rotationstjänst").

The default inference path uses the regex tokenizer below and never imports
spaCy (import cost ~0.85 s, and thinc imports torch when it is installed).
``make_nlp()`` builds a spaCy pipeline with the same lemmatizer and sentence
splitter as components, for users who work in spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import simplemma

TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN_BREAK_RE = re.compile(r"[.!?:;]\W*\s")
_LANG = "sv"

#: Inflectional endings tried when a compound head is looked up.
_MIN_HEAD = 4
_MIN_MODIFIER = 3


class Token(NamedTuple):
    """A word with its character offsets into the original text (a tuple: cheap to make)."""

    start: int
    end: int
    text: str
    lower: str
    lemma: str
    #: the token opens a sentence, list item or line (pattern gaps do not cross it)
    sent_start: bool = False


#: Domain words simplemma gets wrong (measured in tests/test_text.py).
LEMMA_OVERRIDES = {
    "tolkar": "tolk", "tolkarna": "tolk", "tolkarnas": "tolk", "tolkars": "tolk",
    "doulor": "doula", "doulorna": "doula", "doulan": "doula",
}


@lru_cache(maxsize=200_000)
def lemmatize(word: str) -> str:
    """Lemma of one lower- or mixed-case word (lower-cased result).

    simplemma first; if it does not know the word, lemmatise the longest
    known tail (compound head) and keep the modifier in front.
    """
    low = word.lower()
    if not low.isalpha():
        return low
    if low in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[low]
    if simplemma.is_known(low, lang=_LANG):
        return simplemma.lemmatize(low, lang=_LANG).lower()
    if len(low) >= _MIN_HEAD + _MIN_MODIFIER:
        for i in range(_MIN_MODIFIER, len(low) - _MIN_HEAD + 1):
            head = low[i:]
            if simplemma.is_known(head, lang=_LANG):
                return low[:i] + simplemma.lemmatize(head, lang=_LANG).lower()
    return simplemma.lemmatize(low, lang=_LANG).lower()


def tokenize(text: str) -> list[Token]:
    """Word tokens (letters and digits; hyphens and punctuation split)."""
    out = []
    append = out.append
    make = tuple.__new__  # skips the NamedTuple's Python-level __new__ (hot path)
    prev = 0
    for m in TOKEN_RE.finditer(text):
        w = m.group()
        low = w.lower()
        a, e = m.span()
        between = text[prev:a]
        brk = bool(out) and between != " " and (
            "\n" in between or (w[0].isupper() and _TOKEN_BREAK_RE.search(between) is not None))
        append(make(Token, (a, e, w, low, lemmatize(low), brk)))
        prev = e
    return out


def words(text: str) -> list[str]:
    """Lower-cased word strings, for counting and cheap features."""
    return [m.group().lower() for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def _known(word: str) -> bool:
    if simplemma.is_known(word, lang=_LANG):
        return True
    return lemmatize(word) != word  # a compound whose head simplemma knows


@lru_cache(maxsize=200_000)
def _known_en(word: str) -> bool:
    return simplemma.is_known(word, lang="en")


def swedish_share(text: str) -> float:
    """Share of words recognised as Swedish (dictionary or compound head).

    Short all-capital abbreviations (BB, BVC, MVC) are not counted either
    way; 1.0 when nothing is left to judge.
    """
    ws = [m.group() for m in TOKEN_RE.finditer(text) if m.group().isalpha()]
    ws = [w.lower() for w in ws if not (w.isupper() and len(w) <= 5)]
    if not ws:
        return 1.0
    return sum(_known(w) for w in ws) / len(ws)


def looks_swedish(text: str, min_share: float = 0.5) -> bool:
    """Swedish enough to analyse: most words Swedish and not clearly another language (English)."""
    sv = swedish_share(text)
    if sv < min_share:
        return False
    ws = [w.lower() for w in words(text) if w.isalpha() and not (w.isupper() and len(w) <= 5)]
    if len(ws) < 4:
        return True
    en = sum(_known_en(w) for w in ws) / len(ws)
    return not (en >= 0.8 and en > sv + 0.15)


# ---------------------------------------------------------------- sentences
_BULLET_RE = re.compile(r"^\s*(?:[-–•*▪●◦·]|\d{1,2}[.)]|[a-zåäö][)])\s+")
_HEADING_CODE_RE = re.compile(r"^\s*(?:\d(?:\.\d){1,2})\s+\S")
_ABBREV = (
    "t.ex", "bl.a", "ca", "dvs", "d.v.s", "m.fl", "osv", "resp", "s.k", "nr",
    "jfr", "inkl", "exkl", "kap", "st", "ev", "fr.o.m", "t.o.m", "mkr", "tkr",
    "ff", "obs", "p.g.a", "pga", "enl", "bl", "m.m", "o.s.v", "f.d", "t.ex.",
)
_SENT_END_RE = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"”(–-]?[A-ZÅÄÖ0-9])")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, list item or heading of a longer text.

    ``start``/``end`` are offsets into the original text; ``text`` is the
    cleaned sentence (hard wraps joined, PDF hyphenation removed, bullet
    marker dropped). ``heading`` is the nearest heading above it.
    """

    start: int
    end: int
    text: str
    kind: str  # "sentence" | "item" | "heading"
    heading: str | None = None


def _is_heading(line: str, has_next: bool) -> bool:
    """A short stand-alone line: "Utmaningar:", "3.4 Stärkt kompetensförsörjning"."""
    s = line.strip()
    if not has_next or not s or len(s) > 90 or _BULLET_RE.match(line):
        return False
    if s.endswith(":"):
        return len(s.split()) <= 10
    body = _HEADING_CODE_RE.sub("x", s) if _HEADING_CODE_RE.match(s) else s
    if re.search(r"[.!?;,]\s|[.!?;,-]$", body):
        return False
    return len(s.split()) <= 8 and (s[0].isupper() or s[0].isdigit())


def _clean(fragment: str) -> str:
    """Join hard wraps and undo end-of-line hyphenation."""
    t = re.sub(r"(\w)-\s*\n\s*(\w)", lambda m: m.group(1) + m.group(2) if m.group(2).islower() else m.group(1) + "-" + m.group(2), fragment)
    t = re.sub(r"\s*\n\s*", " ", t)
    return re.sub(r"[ \t]+", " ", t).strip()


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside a paragraph block, protecting abbreviations."""
    spans = []
    cur = start
    block = text[start:end]
    for m in _SENT_END_RE.finditer(block):
        cut = start + m.end()
        before = text[cur:start + m.start() + 1].rstrip().lower()
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        if last.rstrip(".") in _ABBREV or last in _ABBREV or re.fullmatch(r"\w\.", last):
            continue
        spans.append((cur, start + m.start() + len(m.group().rstrip())))
        cur = cut
    if text[cur:end].strip():
        spans.append((cur, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split a report text into sentences, list items and headings.

    Handles bullet and numbered lists (each item its own unit), headings
    (short lines without final punctuation, or lines starting with an area
    code such as "3.4"), hard-wrapped PDF lines and end-of-line hyphenation.
    """
    if not text or not text.strip():
        return []
    lines = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, pos + len(raw.rstrip("\r\n")), raw.rstrip("\r\n")))
        pos += len(raw)
    out: list[Sentence] = []
    heading: str | None = None
    para_start: int | None = None
    para_end = 0
    item_start: int | None = None
    item_end = 0

    def flush_para():
        nonlocal para_start
        if para_start is not None:
            for s, e in _split_block(text, para_start, para_end):
                cleaned = _clean(text[s:e])
                if cleaned:
                    out.append(Sentence(s, e, cleaned, "sentence", heading))
        para_start = None

    def flush_item():
        nonlocal item_start
        if item_start is not None:
            cleaned = _clean(_BULLET_RE.sub("", text[item_start:item_end], count=1))
            if cleaned:
                # a long item may hold several sentences: keep them apart
                parts = _split_block(text, item_start, item_end)
                if len(parts) > 1:
                    for s, e in parts:
                        c = _clean(_BULLET_RE.sub("", text[s:e], count=1))
                        if c:
                            out.append(Sentence(s, e, c, "item", heading))
                else:
                    out.append(Sentence(item_start, item_end, cleaned, "item", heading))
        item_start = None

    for idx, (s, e, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            flush_para()
            flush_item()
            continue
        bullet = _BULLET_RE.match(line)
        if bullet:
            flush_para()
            flush_item()
            item_start, item_end = s + bullet.end(), e
            continue
        if item_start is not None:
            if line[:1].isspace() or stripped[:1].islower():
                item_end = e  # continuation line of a wrapped list item
                continue
            flush_item()
        at_boundary = para_start is None or text[para_start:para_end].rstrip().endswith((".", "!", "?", ":"))
        if at_boundary and _is_heading(line, has_next=idx + 1 < len(lines)):
            flush_para()
            # a short line standing alone is a heading, not a sentence
            lead = len(line) - len(line.lstrip())
            heading = stripped.rstrip(":")
            out.append(Sentence(s + lead, e, heading, "heading", None))
            continue
        if para_start is None:
            para_start = s + (len(line) - len(line.lstrip()))
        para_end = e
    flush_para()
    flush_item()
    return out


# ---------------------------------------------------------------- spaCy
def make_nlp():
    """A blank Swedish spaCy pipeline with this module's lemmatizer and splitter.

    Imports spaCy lazily. Components: ``insatsmining_lemmatizer`` (sets
    ``token.lemma_``) and ``insatsmining_sentencizer`` (sets sentence starts
    on bullets, headings and sentence ends as ``split_sentences`` does).
    """
    import spacy

    from . import spacy_components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("sv")
    nlp.add_pipe("insatsmining_sentencizer")
    nlp.add_pipe("insatsmining_lemmatizer")
    return nlp
