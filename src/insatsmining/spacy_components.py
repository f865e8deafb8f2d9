"""spaCy components, so users can put the library's steps in their own pipeline.

- ``insatsmining_lemmatizer``: sets ``token.lemma_`` with :func:`text.lemmatize`
  (simplemma + compound-head fallback).
- ``insatsmining_sentencizer``: sentence starts as :func:`text.split_sentences`
  finds them (bullets, headings, PDF wraps).
- ``insatsmining_tagger``: theme and target-group spans in
  ``doc.spans["themes"]`` and ``doc.spans["target_groups"]``; config
  ``themes`` may name a user YAML file.

Importing this module imports spaCy; the default pipeline never does.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .tagging import Tagger
from .text import lemmatize, split_sentences


@Language.component("insatsmining_lemmatizer")
def lemmatizer_component(doc: Doc) -> Doc:
    for tok in doc:
        if tok.is_alpha:
            tok.lemma_ = lemmatize(tok.text)
        else:
            tok.lemma_ = tok.text.lower()
    return doc


@Language.component("insatsmining_sentencizer")
def sentencizer_component(doc: Doc) -> Doc:
    starts = {s.start for s in split_sentences(doc.text)}
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
        elif not tok.is_space:
            tok.is_sent_start = tok.idx in starts or any(tok.idx <= s < tok.idx + len(tok) for s in starts)
    return doc


class TaggerComponent:
    """Writes the Tagger's matches as spaCy spans (aligned to spaCy tokens)."""

    def __init__(self, themes: str | None = None):
        self.tagger = Tagger(themes=themes)

    def __call__(self, doc: Doc) -> Doc:
        from .text import tokenize

        toks = tokenize(doc.text)
        themes, groups = [], []
        for m in self.tagger.match_tokens(toks):
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                (themes if m.kind == "theme" else groups).append(span)
        doc.spans["themes"] = themes
        doc.spans["target_groups"] = groups
        return doc


@Language.factory("insatsmining_tagger", default_config={"themes": None})
def make_tagger(nlp: Language, name: str, themes: str | None) -> TaggerComponent:
    return TaggerComponent(themes)
