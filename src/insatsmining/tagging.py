"""Themes and target groups (målgrupper) with the text spans that justify them.

The :class:`Tagger` matches the lexicons in ``taxonomy/themes.yaml`` and
``taxonomy/target_groups.yaml`` (pattern language: :mod:`.patterns`) on the
library's tokens and lemmas, so inflections, sentence case, compounds and
multi-word expressions match while unrelated words do not. Users add their
own themes from a YAML file (``load(themes=...)``) or with :meth:`Tagger.add`.

Vocabulary: a *målgrupp* is the group an insats is aimed at; "none" in
labelled data means no specific group and gives no row here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .errors import TaxonomyError
from .patterns import Match, Matcher, Pattern, PatternError
from .taxonomy import Label, _parse_lexicon, compile_labels, load_lexicon
from .text import Token, tokenize

TAG_COLUMNS = ["row", "kind", "label", "start", "end", "text"]
KINDS = ("theme", "target_group")


class Tagger:
    """Lexicon tagger for themes and target groups.

    >>> Tagger().tag(["Amningsmottagningen har utökat öppettiderna."])[["label", "text"]]  # doctest: +SKIP
    """

    def __init__(self, themes: str | Path | None = None, target_groups: str | Path | None = None):
        self.labels: list[Label] = load_lexicon("theme") + load_lexicon("target_group")
        if target_groups is not None:
            self._merge(list(_parse_lexicon(Path(target_groups), "target_group")))
        if themes is not None:
            self._merge(list(_parse_lexicon(Path(themes), "theme")))
        self._matcher: Matcher | None = None
        self.shipped_only = themes is None and target_groups is None

    def _merge(self, extra: list[Label]) -> None:
        """User labels replace shipped ones with the same id, others are added."""
        ids = {l.id for l in extra}
        self.labels = [l for l in self.labels if l.id not in ids] + extra
        self._matcher = None

    def add(self, id: str, patterns: Sequence[str], kind: str = "theme", name: str | None = None,
            exclude: Sequence[str] = ()) -> "Tagger":
        """Add (or replace) a label from code; patterns use :mod:`.patterns` syntax."""
        if kind not in KINDS:
            raise TaxonomyError(f"kind must be one of {KINDS}, not {kind!r}")
        for p in list(patterns) + list(exclude):
            try:
                Pattern.compile(p)
            except PatternError as e:
                raise TaxonomyError(f"label {id!r}: bad pattern {p!r}: {e}") from None
        if not patterns:
            raise TaxonomyError(f"label {id!r}: give at least one pattern")
        self._merge([Label(id, kind, name or id, "", tuple(patterns), tuple(exclude))])
        self.shipped_only = False
        return self

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(compile_labels(self.labels))
        return self._matcher

    def label_ids(self, kind: str) -> list[str]:
        return [l.id for l in self.labels if l.kind == kind]

    def match_tokens(self, toks: Sequence[Token]) -> list[Match]:
        return self.matcher.find(toks)

    def tag(self, texts: Iterable[str], token_lists: Sequence[Sequence[Token]] | None = None,
            matches: Sequence[list[Match]] | None = None) -> pd.DataFrame:
        """One row per found span (the public contract's columns)."""
        texts = list(texts)
        if token_lists is None:
            token_lists = [tokenize(t) if isinstance(t, str) else [] for t in texts]
        if matches is None:
            matches = [self.match_tokens(toks) for toks in token_lists]
        rows = []
        for r, (t, ms) in enumerate(zip(texts, matches)):
            for m in ms:
                rows.append((r, m.kind, m.label, m.start, m.end, t[m.start:m.end]))
        return pd.DataFrame(rows, columns=TAG_COLUMNS).astype(
            {"row": "int64", "start": "int64", "end": "int64"})

    def wide(self, texts: Iterable[str], kind: str | None = None) -> pd.DataFrame:
        """One boolean column per label, one row per text (for cross-tabs)."""
        texts = list(texts)
        spans = self.tag(texts)
        ids = [l.id for l in self.labels if kind is None or l.kind == kind]
        out = pd.DataFrame(False, index=range(len(texts)), columns=ids)
        for r, lab in zip(spans["row"], spans["label"]):
            if lab in out.columns:
                out.at[r, lab] = True
        return out


def spans_to_lists(spans: pd.DataFrame, n: int, kind: str) -> list[list[str]]:
    """Per text, the distinct labels of one kind in order of appearance."""
    out: list[list[str]] = [[] for _ in range(n)]
    sub = spans[spans["kind"] == kind]
    for r, lab in zip(sub["row"], sub["label"]):
        if lab not in out[r]:
            out[r].append(lab)
    return out


def kwic(texts: Sequence[str], spans: pd.DataFrame, label: str | None = None, width: int = 40) -> pd.DataFrame:
    """Keyword in context: every occurrence with the words around it."""
    sub = spans if label is None else spans[spans["label"] == label]
    rows = []
    for r, lab, s, e in zip(sub["row"], sub["label"], sub["start"], sub["end"]):
        t = texts[r]
        rows.append({"row": r, "label": lab, "left": t[max(0, s - width):s],
                     "match": t[s:e], "right": t[e:e + width]})
    return pd.DataFrame(rows, columns=["row", "label", "left", "match", "right"])


def kwic_html(table: pd.DataFrame) -> str:
    """Highlighted HTML of a :func:`kwic` table for notebooks."""
    from html import escape

    lines = ["<table><thead><tr><th scope='col'>etikett</th><th scope='col'>sammanhang</th></tr></thead><tbody>"]
    for _, r in table.iterrows():
        lines.append(f"<tr><td>{escape(r['label'])}</td><td>…{escape(r['left'])}<mark>"
                     f"{escape(r['match'])}</mark>{escape(r['right'])}…</td></tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)
