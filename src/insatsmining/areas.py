"""Area (insatsområde) classification: a scikit-learn estimator and its numpy twin.

:class:`AreaClassifier` is trained with scikit-learn (one-vs-rest linear
models on lemma, bigram and character n-gram tf-idf features, optionally an
embedding block) and calibrated with Platt scaling fitted on out-of-fold
decision values. It exports its fitted state as plain arrays
(:meth:`AreaClassifier.to_arrays`); :class:`TextScorer` scores from those
arrays with numpy only, which is what ``insatsmining.load()`` uses so that
loading takes well under a second and never imports scikit-learn or torch.

Decisions per text:
- ``best_area``: the most probable area;
- ``areas``: every area with probability >= ``threshold_`` (chosen on
  out-of-fold predictions to maximise micro-F1), never empty;
- ``needs_review``: the gap between the two most probable areas is below
  ``review_threshold_``, chosen on out-of-fold predictions so that a fixed
  share of items (``review_share``) is flagged — the items most likely
  wrong;
- evidence: per predicted area, the words whose features add most to its
  score, as they are written in the text.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .features import FeatureConfig, SparseFeatures, text_features
from .text import Token, tokenize

AREAS_2025 = [f"3.{i}" for i in range(1, 9)]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


def labels_to_matrix(y: Any, classes: Sequence[str]) -> np.ndarray:
    """List of label lists (or an indicator matrix) -> 0/1 matrix."""
    if isinstance(y, np.ndarray) and y.ndim == 2:
        return y.astype(int)
    index = {c: i for i, c in enumerate(classes)}
    out = np.zeros((len(y), len(classes)), dtype=int)
    for r, labels in enumerate(y):
        if isinstance(labels, str):
            labels = [labels]
        for lab in labels:
            out[r, index[lab]] = 1
    return out


def choose_threshold(proba: np.ndarray, Y: np.ndarray, force_top: bool = True) -> float:
    """Probability threshold maximising micro-F1 (argmax included if ``force_top``)."""
    best, best_f = 0.5, -1.0
    top = proba.argmax(1)
    for t in np.arange(0.10, 0.90, 0.01):
        pred = proba >= t
        if force_top:
            pred[np.arange(len(pred)), top] = True
        tp = (pred & (Y == 1)).sum()
        fp = (pred & (Y == 0)).sum()
        fn = (~pred & (Y == 1)).sum()
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best_f:
            best, best_f = float(t), f
    return round(best, 2)


def margins(proba: np.ndarray) -> np.ndarray:
    """Top probability minus the second: small means the model hesitates."""
    s = np.sort(proba, axis=1)
    return s[:, -1] - s[:, -2]


class TextScorer:
    """Numpy-only area scoring from exported arrays (the shipped default path)."""

    def __init__(self, arrays: dict[str, Any]):
        self.classes = list(arrays["classes"])
        self.features = SparseFeatures(arrays["vocabulary"], arrays["idf"],
                                       FeatureConfig.from_dict(arrays["feature_config"]))
        self.coef_t = np.ascontiguousarray(np.asarray(arrays["coef"], dtype=np.float64).T)
        self.intercept = np.asarray(arrays["intercept"], dtype=np.float64)
        self.platt = np.asarray(arrays["platt"], dtype=np.float64)
        self.threshold = float(arrays["threshold"])
        self.review_threshold = float(arrays["review_threshold"])
        self.embedding = arrays.get("embedding")  # dict(model, weight, coef) or None
        self._embedder = None

    def decision(self, token_lists: Sequence[Sequence[Token]], texts: Sequence[str] | None = None,
                 matches: Sequence | None = None) -> tuple[np.ndarray, list]:
        """Raw linear scores (n, k) and per-text (idx, val, owners) for evidence.

        ``matches``: per text, the shipped lexicon's matches if already known.
        """
        n = len(token_lists)
        scores = np.tile(self.intercept, (n, 1))
        parts = []
        for r, toks in enumerate(token_lists):
            idx, val, owners = self.features.vector(toks, None if matches is None else matches[r])
            parts.append((idx, val, owners))
            if len(idx):
                scores[r] += val @ self.coef_t[idx]
        if self.embedding is not None and texts is not None:
            scores += self._embed(texts) @ np.asarray(self.embedding["coef"]).T
        return scores, parts

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        from .embeddings import Embedder

        if self._embedder is None:
            self._embedder = Embedder(self.embedding["model"])
        return self._embedder.encode(list(texts)) * float(self.embedding["weight"])

    def calibrate(self, scores: np.ndarray) -> np.ndarray:
        return _sigmoid(scores * self.platt[:, 0] + self.platt[:, 1])

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        toks = [tokenize(t or "") for t in texts]
        return self.calibrate(self.decision(toks, texts)[0])

    def evidence(self, toks: Sequence[Token], part, area_idx: int, top: int = 5) -> list[str]:
        """Surface words whose features add most to area ``area_idx``."""
        idx, val, owners = part
        if not len(idx):
            return []
        contrib = val * self.coef_t[idx, area_idx]
        per_token: dict[int, float] = {}
        for c, own in zip(contrib.tolist(), owners):
            share = c / len(own)
            for o in own:
                per_token[o] = per_token.get(o, 0.0) + share
        best = sorted((v, i) for i, v in per_token.items() if v > 0)[::-1]
        words: list[str] = []
        for _, i in best:
            w = toks[i].text
            if w.lower() not in (x.lower() for x in words):
                words.append(w)
            if len(words) == top:
                break
        return words


class TextClassifier:
    """Multi-label, calibrated linear text classifier (scikit-learn estimator).

    Parameters are only stored by the constructor. ``fit(X, y)`` takes texts
    and, per text, a list of area codes (primary first) or an indicator
    matrix. ``predict_proba`` gives one calibrated probability per class
    (columns in ``classes_`` order); ``predict`` an indicator matrix that is
    never empty for a text.
    """

    def __init__(self, model: str = "logreg", C: float = 4.0, char_ngrams: tuple = (4, 5),
                 bigrams: bool = True, min_df: int = 2, class_weight: str | None = "balanced",
                 calibration_folds: int = 5, review_share: float = 0.30,
                 embedding_model: str | None = None, embedding_weight: float = 1.0,
                 classes: tuple | None = None, keep_stop_words: bool = False,
                 lexicon: tuple = ("theme", "target_group"), secondary_weight: float = 1.0,
                 nb_scale: bool = False, random_state: int = 0):
        self.model = model
        self.C = C
        self.char_ngrams = char_ngrams
        self.bigrams = bigrams
        self.min_df = min_df
        self.class_weight = class_weight
        self.calibration_folds = calibration_folds
        self.review_share = review_share
        self.embedding_model = embedding_model
        self.embedding_weight = embedding_weight
        self.classes = classes
        self.keep_stop_words = keep_stop_words
        self.lexicon = lexicon
        self.secondary_weight = secondary_weight
        self.nb_scale = nb_scale
        self.random_state = random_state

    # scikit-learn plumbing -------------------------------------------------
    def get_params(self, deep: bool = True) -> dict:
        return {k: getattr(self, k) for k in (
            "model", "C", "char_ngrams", "bigrams", "min_df", "class_weight", "calibration_folds",
            "review_share", "embedding_model", "embedding_weight", "classes", "keep_stop_words",
            "lexicon", "secondary_weight", "nb_scale", "random_state")}

    def set_params(self, **params) -> "TextClassifier":
        valid = self.get_params()
        for k, v in params.items():
            if k not in valid:
                raise ValueError(f"invalid parameter {k!r} for {type(self).__name__}; valid: {sorted(valid)}")
            setattr(self, k, v)
        return self

    def __sklearn_tags__(self):
        from sklearn.utils import ClassifierTags, Tags, TargetTags

        return Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags(multi_label=True), input_tags=_string_input_tags())

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.get_params().items()
                   if v != type(self)().get_params()[k]}
        return type(self).__name__ + "(" + ", ".join(f"{k}={v!r}" for k, v in changed.items()) + ")"

    def score(self, X, y) -> float:
        """Top-1 accuracy against the first (primary) label of each text."""
        proba = self.predict_proba(X)
        primary = [labs[0] if not isinstance(labs, str) else labs for labs in y]
        best = np.asarray(self.classes_)[proba.argmax(1)]
        return float(np.mean(best == np.asarray(primary)))

    # training ---------------------------------------------------------------
    def _feature_config(self) -> FeatureConfig:
        return FeatureConfig(char_ngrams=tuple(self.char_ngrams), bigrams=self.bigrams,
                             keep_stop_words=self.keep_stop_words, lexicon=tuple(self.lexicon))

    def _linear(self):
        from sklearn.linear_model import LogisticRegression
        from sklearn.svm import LinearSVC

        if self.model == "logreg":
            return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000,
                                      solver="liblinear")
        if self.model == "svm":
            return LinearSVC(C=self.C / 10, class_weight=self.class_weight,
                             random_state=self.random_state)
        raise ValueError(f"model must be 'logreg' or 'svm', not {self.model!r}")

    def _nb_ratio(self, X, y: np.ndarray) -> np.ndarray | None:
        """Naive-Bayes log-count ratio per feature (Wang & Manning 2012), or None when off.

        Scaling the features by it before the linear model lets words that
        separate the classes in counts weigh more; it is folded into ``coef_``
        so scoring is unchanged.
        """
        if not self.nb_scale:
            return None
        B = (X > 0).astype(np.float64)
        pos = 1.0 + np.asarray(B[y == 1].sum(0)).ravel()
        neg = 1.0 + np.asarray(B[y == 0].sum(0)).ravel()
        return np.log((pos / pos.sum()) / (neg / neg.sum()))

    def _fit_linear(self, X, y: np.ndarray, w: np.ndarray):
        """One class's linear model (on NB-scaled features when ``nb_scale``) and the scaling."""
        r = self._nb_ratio(X, y)
        est = self._linear().fit(X if r is None else X.multiply(r).tocsr(), y, sample_weight=w)
        return est, r

    def _design(self, texts: Sequence[str], fit: bool):
        from scipy import sparse

        if fit:
            from sklearn.feature_extraction.text import TfidfVectorizer

            cfg = self._feature_config()
            self.vectorizer_ = TfidfVectorizer(analyzer=lambda t: text_features(t, cfg),
                                               min_df=self.min_df, sublinear_tf=True, norm="l2",
                                               dtype=np.float64)
            X = self.vectorizer_.fit_transform(texts)
        else:
            X = self.vectorizer_.transform(texts)
        if self.embedding_model:
            from .embeddings import Embedder

            if fit or not hasattr(self, "_embedder"):
                self._embedder = Embedder(self.embedding_model)
            E = self._embedder.encode(list(texts)) * self.embedding_weight
            X = sparse.hstack([X, sparse.csr_matrix(E)], format="csr")
        return X

    def fit(self, X, y, sample_weight=None, groups=None) -> "TextClassifier":
        """Fit on texts ``X`` and labels ``y``.

        ``groups`` (e.g. the writer or region of each text) makes the
        calibration folds group-wise, so probabilities and thresholds are
        fitted on text unlike the training text, as real input will be.
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold, KFold

        texts = [str(t) for t in X]
        default = AREAS_2025 if isinstance(self, AreaClassifier) else []
        classes = list(self.classes) if self.classes else (
            default if not (isinstance(y, np.ndarray) and y.ndim == 2) else None)
        if classes is None:
            classes = [str(i) for i in range(y.shape[1])]
        if not (isinstance(y, np.ndarray) and y.ndim == 2):
            seen = sorted({lab for labs in y for lab in ([labs] if isinstance(labs, str) else labs)})
            if not set(seen) <= set(classes):
                classes = sorted(set(classes) | set(seen))
        Y = labels_to_matrix(y, classes)
        self.classes_ = np.asarray(classes)
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        # a secondary (not first-listed) label counts less as a positive for its class
        W = np.ones(Y.shape) if sw is None else np.repeat(sw[:, None], Y.shape[1], axis=1)
        if self.secondary_weight != 1.0 and not (isinstance(y, np.ndarray) and y.ndim == 2):
            index = {c: i for i, c in enumerate(classes)}
            for r, labs in enumerate(y):
                labs = [labs] if isinstance(labs, str) else list(labs)
                for lab in labs[1:]:
                    W[r, index[lab]] *= self.secondary_weight
        Xm = self._design(texts, fit=True)
        k = len(classes)
        self.estimators_ = []
        coef = np.zeros((k, Xm.shape[1]))
        intercept = np.zeros(k)
        for j in range(k):
            if Y[:, j].min() == Y[:, j].max():  # a class never (or always) present
                intercept[j] = 10.0 if Y[0, j] else -10.0
                self.estimators_.append(None)
                continue
            est, r = self._fit_linear(Xm, Y[:, j], W[:, j])
            coef[j] = est.coef_.ravel() if r is None else est.coef_.ravel() * r  # scaling folded in
            intercept[j] = float(np.ravel(est.intercept_)[0])
            self.estimators_.append(est)
        self.coef_, self.intercept_ = coef, intercept
        # out-of-fold scores for calibration, the areas threshold and review rule
        oof = np.zeros((len(texts), k))
        if groups is not None and len(set(groups)) >= 2:
            splits = GroupKFold(n_splits=min(self.calibration_folds, len(set(groups)))).split(texts, groups=groups)
        else:
            splits = KFold(n_splits=min(self.calibration_folds, len(texts)), shuffle=True,
                           random_state=self.random_state).split(texts)
        for tr, te in splits:
            sub = self.__class__(**{**self.get_params(), "calibration_folds": 0})
            Xtr = sub._design([texts[i] for i in tr], fit=True)
            Xte = sub._design([texts[i] for i in te], fit=False)
            for j in range(k):
                yj = Y[tr, j]
                if yj.min() == yj.max():
                    oof[te, j] = 10.0 if yj[0] else -10.0
                    continue
                est, r = self._fit_linear(Xtr, yj, W[tr, j])
                oof[te, j] = est.decision_function(Xte if r is None else Xte.multiply(r).tocsr())
        platt = np.zeros((k, 2))
        for j in range(k):
            if Y[:, j].min() == Y[:, j].max():
                platt[j] = (1.0, 0.0)
                continue
            lr = LogisticRegression(C=1e4, solver="lbfgs").fit(oof[:, [j]], Y[:, j])
            platt[j] = (lr.coef_[0, 0], lr.intercept_[0])
        self.platt_ = platt
        self.oof_proba_ = _sigmoid(oof * platt[:, 0] + platt[:, 1])
        self.threshold_ = choose_threshold(self.oof_proba_, Y, force_top=k > 1)
        m = margins(self.oof_proba_) if k > 1 else np.abs(self.oof_proba_[:, 0] - 0.5)
        self.review_threshold_ = float(np.quantile(m, self.review_share))
        self.n_features_in_ = 1
        self._scorer = None
        return self

    # prediction ------------------------------------------------------------
    def _check_fitted(self):
        if not hasattr(self, "coef_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(f"This {type(self).__name__} is not fitted yet; call fit(texts, labels) first.")

    def decision_function(self, X) -> np.ndarray:
        self._check_fitted()
        Xm = self._design([str(t) for t in X], fit=False)
        return np.asarray(Xm @ self.coef_.T) + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        return _sigmoid(self.decision_function(X) * self.platt_[:, 0] + self.platt_[:, 1])

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        pred = (proba >= self.threshold_).astype(int)
        if pred.shape[1] > 1:
            pred[np.arange(len(pred)), proba.argmax(1)] = 1
        return pred

    # export ----------------------------------------------------------------
    def to_arrays(self) -> dict[str, Any]:
        """Fitted state as plain arrays for :class:`TextScorer` and the model folder."""
        self._check_fitted()
        vocab = self.vectorizer_.vocabulary_
        n_text = len(vocab)
        arrays: dict[str, Any] = {
            "classes": [str(c) for c in self.classes_],
            "vocabulary": {f: int(i) for f, i in vocab.items()},
            "idf": self.vectorizer_.idf_,
            "feature_config": self._feature_config().to_dict(),
            "coef": self.coef_[:, :n_text],
            "intercept": self.intercept_,
            "platt": self.platt_,
            "threshold": self.threshold_,
            "review_threshold": self.review_threshold_,
            "embedding": None,
        }
        if self.embedding_model:
            arrays["embedding"] = {"model": self.embedding_model, "weight": self.embedding_weight,
                                   "coef": self.coef_[:, n_text:]}
        return arrays


class AreaClassifier(TextClassifier):
    """The insatsområde classifier: :class:`TextClassifier` over the 2025 areas.

    >>> clf = AreaClassifier(C=4.0).fit(texts, [["3.2"], ["3.4", "3.8"], ...])  # doctest: +SKIP
    >>> clf.predict_proba(["Hembesök efter förlossningen"])  # doctest: +SKIP
    """


def _string_input_tags():
    from sklearn.utils import InputTags

    return InputTags(one_d_array=True, two_d_array=False, string=True)


def top_features(arrays: dict[str, Any], n: int = 15) -> dict[str, list[str]]:
    """The strongest word (``w:``/``b:``) features per area, for a domain reader."""
    inv = {i: f for f, i in arrays["vocabulary"].items()}
    coef = np.asarray(arrays["coef"])
    out = {}
    for j, c in enumerate(arrays["classes"]):
        order = np.argsort(-coef[j])
        words = [inv[i][2:] for i in order if inv[i][:2] in ("w:", "b:")][:n]
        out[c] = words
    return out
