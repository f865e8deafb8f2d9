"""The lexicon pattern language and its matcher.

Themes, target groups and challenge cues are written as patterns in YAML
(``taxonomy/*.yaml``); this module compiles and matches them on the tokens of
``text.tokenize``. A pattern is one or more space-separated *items* that
match consecutive tokens (hyphens and punctuation separate tokens, so
"BB-hemma" is the two tokens "bb", "hemma"). Matching is case-insensitive.

Item forms::

    word      the token's lower-cased form or its lemma equals ``word``
    word*     the token starts with ``word`` (inflections; ``word`` as the
              first part of a compound: amning* -> amningsmottagningen)
    *word     the token ends with ``word`` plus at most an inflection ending
              (compound head: *doula -> kulturdoulorna), or equals it
    *word*    ``word`` anywhere inside the token (long, distinctive stems only)
    a|b       alternatives, each in any of the forms above
    ...       skip 0 to 3 tokens (never across a sentence or line start)
    =WORD     the token's surface equals WORD exactly (case-sensitive
              abbreviations)

``exclude`` patterns veto a match whose tokens they overlap ("tolkning*"
keeps "CTG-tolkning" from tagging interpreters). Because items never match
bare substrings unless written ``*x*``, "tolk" does not fire inside
"tolkning" and "abort" not inside unrelated words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from .text import Token

#: Swedish inflection endings accepted after a compound head (``*word``).
ENDINGS = (
    "", "s", "n", "en", "et", "er", "ar", "or", "na", "ns", "ens", "ets",
    "erna", "arna", "orna", "ernas", "arnas", "ornas", "ena", "e", "a", "t",
    "r", "rna", "te", "de", "ade", "at", "ad", "ande", "as", "es", "an", "ans",
)
_GAP = 3


class PatternError(ValueError):
    """A lexicon pattern cannot be compiled."""


def _ends_with_head(tok: str, head: str) -> bool:
    if not tok.startswith(head, 0) and head not in tok:
        return False
    for end in ENDINGS:
        if tok.endswith(head + end):
            return True
    return False


def _anchor(alt: str) -> tuple[str, str]:
    """(kind, key) of an item alternative, for indexing: exact/prefix/head/infix/case."""
    if alt.startswith("="):
        return "case", alt[1:]
    low = alt.lower()
    core = low.strip("*")
    if low.startswith("*") and low.endswith("*"):
        return "infix", core
    if low.endswith("*"):
        return "prefix", core
    if low.startswith("*"):
        return "head", core
    return "exact", core


def _compile_alt(alt: str) -> Callable[[Token], bool]:
    if not alt:
        raise PatternError("empty alternative")
    if alt.startswith("="):
        exact = alt[1:]
        if not exact:
            raise PatternError("'=' needs a word after it")
        return lambda t: t.text == exact
    low = alt.lower()
    star_l, star_r = low.startswith("*"), low.endswith("*")
    core = low.strip("*")
    if not core or "*" in core:
        raise PatternError(f"bad use of '*' in {alt!r}")
    if not re.fullmatch(r"[^\W_]+", core):
        raise PatternError(f"{alt!r} must be letters/digits only (one token)")
    if star_l and star_r:
        return lambda t: core in t.lower
    if star_r:
        return lambda t: t.lower.startswith(core)
    if star_l:
        return lambda t: _ends_with_head(t.lower, core)
    return lambda t: t.lower == core or t.lemma == core


def _compile_item(alts: list[str]) -> Callable[[Token], bool]:
    """One predicate for an item's alternatives, grouped by kind for speed."""
    for a in alts:
        _compile_alt(a)  # validates every alternative
    if len(alts) == 1:
        return _compile_alt(alts[0])
    exact, prefix, heads, infix, case = set(), [], [], [], set()
    for a in alts:
        kind, key = _anchor(a)
        {"exact": exact.add, "case": case.add}.get(kind, lambda k: None)(key)
        if kind == "prefix":
            prefix.append(key)
        elif kind == "head":
            heads.append(key)
        elif kind == "infix":
            infix.append(key)
    prefix_t, heads_t, infix_t = tuple(prefix), tuple(heads), tuple(infix)

    def pred(t: Token) -> bool:
        low = t.lower
        if low in exact or t.lemma in exact or t.text in case:
            return True
        if prefix_t and low.startswith(prefix_t):
            return True
        for h in heads_t:  # plain loops: this runs ~100 times per text
            if _ends_with_head(low, h):
                return True
        for k in infix_t:
            if k in low:
                return True
        return False

    return pred


@dataclass
class Pattern:
    """One compiled pattern (a sequence of item predicates and gaps)."""

    source: str
    items: list = field(default_factory=list)  # predicates or the GAP marker
    anchors: list = field(default_factory=list)  # (kind, key) of the first item

    @classmethod
    def compile(cls, source: str) -> "Pattern":
        if not isinstance(source, str) or not source.strip():
            raise PatternError("pattern must be a non-empty string")
        items: list = []
        anchors = [_anchor(a) for a in source.split()[0].split("|")]
        for raw in source.split():
            if raw == "...":
                if not items:
                    raise PatternError("a pattern cannot start with '...'")
                items.append(None)
                continue
            items.append(_compile_item(raw.split("|")))
        if items[-1] is None:
            raise PatternError("a pattern cannot end with '...'")
        return cls(source, items, anchors)

    def _match(self, toks: Sequence[Token], i: int, k: int) -> int | None:
        items = self.items
        n = len(toks)
        # walk plain items iteratively; recurse only at a gap
        while k < len(items) and items[k] is not None:
            if i >= n or not items[k](toks[i]):
                return None
            i += 1
            k += 1
        if k == len(items):
            return i
        nxt = items[k + 1] if k + 1 < len(items) else None
        for skip in range(_GAP + 1):  # items[k] is a gap; it never crosses a sentence start
            j = i + skip
            if j < n and toks[j].sent_start:
                break
            if nxt is not None and (j >= n or not nxt(toks[j])):
                continue  # cheap test of the next item before recursing
            end = self._match(toks, j, k + 1)
            if end is not None:
                return end
        return None


@dataclass
class Entry:
    """A label with its compiled patterns (used for themes, groups, cues)."""

    id: str
    kind: str
    patterns: list[Pattern]
    exclude: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Match:
    kind: str
    label: str
    start_token: int
    end_token: int
    start: int
    end: int


class Matcher:
    """Matches many entries on a token list through an index of first items.

    Each token is looked up by its form and lemma (exact items), by each of
    its prefixes (``word*``) and suffixes (``*word``), so a text costs a few
    dict lookups per token instead of one test per pattern.
    """

    def __init__(self, entries: Sequence[Entry]):
        self.entries = list(entries)
        self._exact: dict[str, list] = {}
        self._prefix: dict[str, list] = {}
        self._head: dict[str, list] = {}
        self._case: dict[str, list] = {}
        self._infix: list = []
        # a ref is (entry index, pattern index, is_exclude): exclude patterns use the same index
        for ei, entry in enumerate(self.entries):
            for excl, pats in ((False, entry.patterns), (True, entry.exclude)):
                for pi, pat in enumerate(pats):
                    ref = (ei, pi, excl)
                    for kind, key in pat.anchors:
                        if kind == "infix":
                            self._infix.append((key, ref))
                        else:
                            getattr(self, "_" + kind).setdefault(key, []).append(ref)
        self._cache: dict[tuple[str, str], tuple] = {}

    def _candidates(self, tok: Token) -> tuple:
        """Refs whose first item may match ``tok`` (cached per surface form and lemma)."""
        key = (tok.text, tok.lemma)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        low = tok.lower
        refs: set = set()
        for d, k in ((self._exact, low), (self._exact, tok.lemma), (self._case, tok.text)):
            r = d.get(k)
            if r:
                refs.update(r)
        if self._prefix:
            for j in range(1, len(low) + 1):
                r = self._prefix.get(low[:j])
                if r:
                    refs.update(r)
        if self._head:
            stems = {low}
            for end in ENDINGS[1:]:
                if low.endswith(end) and len(low) > len(end):
                    stems.add(low[: -len(end)])
            for stem in stems:
                for j in range(len(stem)):
                    r = self._head.get(stem[j:])
                    if r:
                        refs.update(r)
        for k, ref in self._infix:
            if k in low:
                refs.add(ref)
        out = tuple(sorted(refs))
        if len(self._cache) < 500_000:
            self._cache[key] = out
        return out

    def find(self, toks: Sequence[Token]) -> list[Match]:
        """All matches in ``toks``; overlapping matches of one label merged, excludes applied."""
        per_entry: dict[int, list[tuple[int, int]]] = {}
        excluded: dict[int, list[tuple[int, int]]] = {}
        entries = self.entries
        n = len(toks)
        for i, tok in enumerate(toks):
            cands = self._candidates(tok)
            if not cands:
                continue
            best: dict[int, int] = {}
            for ei, pi, excl in cands:
                entry = entries[ei]
                pat = (entry.exclude if excl else entry.patterns)[pi]
                items = pat.items
                if len(items) == 1:
                    end = i + 1
                else:  # the first item is known to match; test the second before calling in
                    second = items[1]
                    if second is not None and (i + 1 >= n or not second(toks[i + 1])):
                        continue
                    end = pat._match(toks, i + 1, 1)
                    if end is None:
                        continue
                if excl:
                    excluded.setdefault(ei, []).append((i, end))
                elif end > best.get(ei, -1):
                    best[ei] = end
            for ei, end in best.items():
                spans = per_entry.setdefault(ei, [])
                if spans and i < spans[-1][1]:
                    spans[-1] = (spans[-1][0], max(spans[-1][1], end))
                else:
                    spans.append((i, end))
        found: list[Match] = []
        for ei, spans in per_entry.items():
            entry = entries[ei]
            ex = excluded.get(ei)
            if ex:
                spans = [s for s in spans if not any(s[0] < e and a < s[1] for a, e in ex)]
            for a, b in spans:
                found.append(Match(entry.kind, entry.id, a, b, toks[a].start, toks[b - 1].end))
        found.sort(key=lambda m: (m.start, m.kind, m.label))
        return found
