"""Growing the theme lexicon: recurring terms that no theme covers yet."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Sequence

import pandas as pd

from .features import STOP_WORDS
from .taxonomy import place_words
from .text import tokenize


def uncovered_terms(texts: Sequence[str], tagger, min_count: int = 3, top: int = 30,
                    width: int = 35) -> pd.DataFrame:
    """Lemmas and lemma pairs not inside any theme span, with counts and contexts.

    Counted once per text (document frequency), so one long text cannot
    dominate; each row carries up to three keyword-in-context examples.
    """
    places = place_words()
    df: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for t in texts:
        toks = tokenize(t)
        covered = set()
        for m in tagger.match_tokens(toks):
            if m.kind == "theme":
                covered.update(range(m.start_token, m.end_token))
        seen = set()
        content = [i for i, tok in enumerate(toks)
                   if i not in covered and tok.lower.isalpha() and len(tok.lower) > 3
                   and tok.lemma not in STOP_WORDS and tok.lower not in STOP_WORDS and tok.lower not in places]
        terms = [(toks[i].lemma, i, i) for i in content]
        terms += [(toks[i].lemma + " " + toks[j].lemma, i, j) for i, j in zip(content, content[1:]) if j == i + 1]
        for term, i, j in terms:
            if term in seen:
                continue
            seen.add(term)
            df[term] += 1
            if len(examples[term]) < 3:
                s, e = toks[i].start, toks[j].end
                examples[term].append(f"…{t[max(0, s - width):s]}[{t[s:e]}]{t[e:e + width]}…")
    rows = [{"term": k, "texts": v, "examples": examples[k]} for k, v in df.items() if v >= min_count]
    out = pd.DataFrame(rows, columns=["term", "texts", "examples"])
    return out.sort_values(["texts", "term"], ascending=[False, True]).head(top).reset_index(drop=True)
