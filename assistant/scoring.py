"""One message through a fitted n-gram pipeline, with scikit-learn's arithmetic and none of its per-call checks.

The intent classifier, the unlawful-request check and the one-case detector are pipelines of the same word and
character n-grams (TF-IDF, :func:`assistant.intents.ngram_features`) and a linear model. Through
``predict_proba`` one message costs a few milliseconds, nearly all of it input validation (finiteness, dataframe
detection, parameter checks) repeated at every step, and a copy of the whole coefficient matrix to multiply one
sparse row by it. A :class:`LinearScorer` reads what it needs from the fitted pipeline once (vocabularies, IDF
weights, the coefficients as a contiguous array, the sigmoid calibrators) and then runs the same floating-point
operations, in the same order, on the message's few hundred n-grams only: the probabilities are those of
``predict_proba`` bit for bit (the unit tests compare both paths), for a tenth of the time. A model this module
does not know is asked through its own ``predict_proba``, checks off.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np


class _Block:
    """One TF-IDF vectorizer of the feature union: how it cuts a text, its vocabulary and its weights."""

    def __init__(self, vectorizer: Any, offset: int) -> None:
        tfidf = vectorizer._tfidf
        self.key = _analysis_key(vectorizer)
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.lexicon = _LEXICONS.setdefault(self.key, {})
        self.columns = _columns(self.lexicon, self.vocabulary)
        self.binary = bool(vectorizer.binary)
        self.sublinear = bool(tfidf.sublinear_tf)
        self.idf = tfidf.idf_ if hasattr(tfidf, "idf_") else None
        self.norm = tfidf.norm
        self.offset = offset

    def row(self, text: str) -> tuple[Any, Any]:
        """``vectorizer.transform([text])`` as (values, columns) of its non-zero cells, columns ascending."""
        ids, counts = _counted(self.key, len(self.lexicon), text)
        seen = ids < len(self.columns)  # terms numbered after this model was loaded are not in its vocabulary
        columns = self.columns[ids[seen]]
        known = columns >= 0
        columns, values = columns[known], counts[seen][known]  # copies: the cached counts stay as they are
        order = np.argsort(columns, kind="stable")
        columns, values = columns[order], values[order]
        if self.binary:
            values.fill(1)
        if self.sublinear:
            np.log(values, values)
            values += 1.0
        if self.idf is not None:
            values *= self.idf[columns]
        if self.norm == "l2":
            values = _l2_normalized(values)
        elif self.norm is not None:
            from scipy.sparse import csr_matrix
            from sklearn.preprocessing import normalize

            matrix = csr_matrix((values, columns, [0, len(columns)]), shape=(1, len(self.vocabulary)))
            values = normalize(matrix, norm=self.norm, copy=False).data
        return values, columns + self.offset


def _l2_normalized(values: Any) -> Any:
    """``inplace_csr_row_normalize_l2`` on one row: the squares summed one after the other, then each value divided
    by the square root (a row of zeros stays as it is)."""
    total = 0.0
    for value in values.tolist():
        total += value * value
    if total == 0.0:
        return values
    values /= math.sqrt(total)
    return values


class _LinearHead:
    """``coef_`` and ``intercept_`` of a fitted linear model, the coefficients transposed and contiguous once."""

    def __init__(self, model: Any) -> None:
        coef = model.coef_ if model.coef_.ndim == 2 else model.coef_.reshape(1, -1)
        self.coef_t = np.ascontiguousarray(coef.T)
        self.intercept = model.intercept_

    def decision(self, values: Any, columns: Any) -> Any:
        """``model.decision_function(row)``: the sparse product sums the row's products in column order, one after
        the other from zero (scipy's ``csr_matvec``); a cumulative sum over the products of the row's own columns
        adds them in that order."""
        if len(columns):
            scores = np.cumsum(values[:, np.newaxis] * self.coef_t[columns], axis=0)[-1:] + self.intercept
        else:
            scores = np.zeros((1, self.coef_t.shape[1])) + self.intercept
        return scores.reshape(-1) if scores.shape[1] == 1 else scores


def _sigmoid_calibrated(model: Any) -> Any | None:
    """The probabilities of a ``CalibratedClassifierCV(method="sigmoid", ensemble=False)`` over a linear model,
    as ``_CalibratedClassifier.predict_proba`` computes them; None for any other model."""
    from scipy.special import expit
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.preprocessing import LabelEncoder

    if not isinstance(model, CalibratedClassifierCV) or len(getattr(model, "calibrated_classifiers_", ())) != 1:
        return None
    calibrated = model.calibrated_classifiers_[0]
    if calibrated.method != "sigmoid" or not hasattr(calibrated.estimator, "coef_"):
        return None
    head = _LinearHead(calibrated.estimator)
    n_classes = calibrated.classes.shape[0]
    indices = LabelEncoder().fit(calibrated.classes).transform(calibrated.estimator.classes_)
    # zip() in scikit-learn pairs as many classes as there are decision columns and calibrators (one when binary)
    paired = min(len(indices), head.coef_t.shape[1] if head.coef_t.ndim == 2 else 1, len(calibrated.calibrators))
    indices = indices[:paired] + (1 if n_classes == 2 else 0)
    a = np.array([c.a_ for c in calibrated.calibrators], dtype=np.float64)
    b = np.array([c.b_ for c in calibrated.calibrators], dtype=np.float64)

    def probabilities(values: Any, columns: Any) -> Any:
        predictions = head.decision(values, columns)
        if predictions.ndim == 1:
            predictions = predictions.reshape(-1, 1)
        proba = np.zeros((1, n_classes))
        proba[0, indices] = expit(-(a[:paired] * predictions[0, :paired] + b[:paired]))
        if n_classes == 2:
            proba[:, 0] = 1.0 - proba[:, 1]
        else:
            denominator = np.sum(proba, axis=1)[:, np.newaxis]
            uniform = np.full_like(proba, 1 / n_classes)
            proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        mean = np.zeros((1, n_classes))
        mean += proba
        mean /= 1
        return mean[0]

    return probabilities


def _binary_logistic(model: Any) -> Any | None:
    """The probabilities of a two-class ``LogisticRegression``, as ``_predict_proba_lr`` computes them."""
    from scipy.special import expit
    from sklearn.linear_model import LogisticRegression

    if not isinstance(model, LogisticRegression) or len(model.classes_) != 2:
        return None
    head = _LinearHead(model)

    def probabilities(values: Any, columns: Any) -> Any:
        prob = head.decision(values, columns)
        prob = expit(prob, out=prob)
        return np.stack([1 - prob, prob], axis=1)[0]

    return probabilities


class LinearScorer:
    """The compiled form of one fitted pipeline (``features`` then ``model``): :meth:`probabilities` of a text."""

    def __init__(self, pipeline: Any) -> None:
        features, model = pipeline.named_steps["features"], pipeline.named_steps["model"]
        self.fingerprint = _fingerprint(pipeline)
        self._blocks: list[_Block] | None = None
        if getattr(features, "transformer_weights", None) is None and all(
            hasattr(v, "_tfidf") for _, v in features.transformer_list
        ):
            blocks, offset = [], 0
            for _, vectorizer in features.transformer_list:
                blocks.append(_Block(vectorizer, offset))
                offset += len(vectorizer.vocabulary_)
            self._blocks = blocks
        self._model = model
        self._head = (_sigmoid_calibrated(model) or _binary_logistic(model)) if self._blocks is not None else None
        self._features = features

    def probabilities(self, text: str) -> Any:
        """``pipeline.predict_proba([text])[0]``."""
        if self._blocks is not None:
            rows = [block.row(text) for block in self._blocks]
            values = np.concatenate([v for v, _ in rows])
            columns = np.concatenate([c for _, c in rows])
            if self._head is not None:
                return self._head(values, columns)
        import sklearn
        from scipy.sparse import csr_matrix

        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            if self._blocks is None:
                return self._model.predict_proba(self._features.transform([text]))[0]
            width = sum(len(block.vocabulary) for block in self._blocks)
            row = csr_matrix((values, columns, [0, len(columns)]), shape=(1, width))
            return self._model.predict_proba(row)[0]


_SCORERS: weakref.WeakKeyDictionary[Any, LinearScorer] = weakref.WeakKeyDictionary()


_COMPILING = threading.Lock()  # two server threads may load a model at once: the lexicon is numbered by one


def scorer(pipeline: Any) -> LinearScorer:
    """The pipeline's compiled scorer, made on first use and made again if the pipeline was fitted anew."""
    found = _SCORERS.get(pipeline)
    if found is None or found.fingerprint != _fingerprint(pipeline):
        with _COMPILING:
            found = _SCORERS.get(pipeline)
            if found is None or found.fingerprint != _fingerprint(pipeline):
                found = _SCORERS[pipeline] = LinearScorer(pipeline)
    return found


def probabilities(pipeline: Any, text: str) -> Any:
    """``pipeline.predict_proba([text])[0]``, bit for bit, without scikit-learn's per-call checks."""
    return scorer(pipeline).probabilities(text)


def _fingerprint(pipeline: Any) -> tuple[int, ...]:
    """Identity of what fitting replaces (the vocabularies, the model's fitted attributes): a refit changes it."""
    features, model = pipeline.named_steps["features"], pipeline.named_steps["model"]
    fitted = getattr(model, "calibrated_classifiers_", None)
    if fitted is None:
        fitted = getattr(model, "coef_", None)
    return (*(id(getattr(v, "vocabulary_", None)) for _, v in features.transformer_list), id(model), id(fitted))


def _analysis_key(vectorizer: Any) -> tuple[Any, ...]:
    """What decides how a vectorizer cuts a text: two vectorizers with the same key cut it the same way."""
    return (
        vectorizer.analyzer,
        vectorizer.ngram_range,
        vectorizer.preprocessor,
        vectorizer.lowercase,
        vectorizer.token_pattern,
        vectorizer.strip_accents,
        tuple(vectorizer.stop_words) if isinstance(vectorizer.stop_words, list) else vectorizer.stop_words,
    )


_ANALYZERS: dict[tuple[Any, ...], Any] = {}
# Per way of cutting a text, every n-gram any loaded model knows, numbered once: a message's n-grams are counted and
# looked up once for all the models, each then mapping the numbers to its own columns with one array index.
_LEXICONS: dict[tuple[Any, ...], dict[str, int]] = {}


def _columns(lexicon: dict[str, int], vocabulary: dict[str, int]) -> Any:
    """Numbers every term of ``vocabulary`` in the shared ``lexicon`` (new terms take the next numbers) and
    returns the array mapping each number of the lexicon to the vocabulary's column, -1 for a term it lacks."""
    for term in vocabulary:
        if term not in lexicon:
            lexicon[term] = len(lexicon)
    columns = np.full(len(lexicon), -1, dtype=np.int32)
    columns[np.fromiter((lexicon[term] for term in vocabulary), dtype=np.int64, count=len(vocabulary))] = np.fromiter(
        vocabulary.values(), dtype=np.int32, count=len(vocabulary)
    )
    return columns


@lru_cache(maxsize=256)
def _counted(key: tuple[Any, ...], known: int, text: str) -> tuple[Any, Any]:
    """The numbers (in the shared lexicon of ``key``) of the n-grams of ``text`` and how many times each occurs,
    once per message for every model (``known``, the lexicon's size, renews the entry when a model is loaded)."""
    lexicon = _LEXICONS[key]
    ids: list[int] = []
    counts: list[int] = []
    for term, count in Counter(_terms(key, text)).items():
        number = lexicon.get(term)
        if number is not None:
            ids.append(number)
            counts.append(count)
    return np.array(ids, dtype=np.int64), np.array(counts, dtype=np.float64)


def _terms(key: tuple[Any, ...], text: str) -> list[str]:
    """The n-grams of ``text`` for vectorizers cut as ``key`` says."""
    analyze = _ANALYZERS.get(key)
    if analyze is None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        analyzer, ngram_range, preprocessor, lowercase, token_pattern, strip_accents, stop_words = key
        analyze = TfidfVectorizer(
            analyzer=analyzer,
            ngram_range=ngram_range,
            preprocessor=preprocessor,
            lowercase=lowercase,
            token_pattern=token_pattern,
            strip_accents=strip_accents,
            stop_words=list(stop_words) if isinstance(stop_words, tuple) else stop_words,
        ).build_analyzer()
        _ANALYZERS[key] = analyze
    return list(analyze(text))
