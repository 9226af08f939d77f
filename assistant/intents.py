"""What a message asks for, from a classifier trained on labelled utterances kept as data.

``prompts/intents/utterances.yaml`` lists, per intent (question, sizing, conversion,
drafting, greeting, out_of_scope), French examples written in the voices of the product's
users, hard negatives included. ``load_utterances`` and ``IntentClassifier.load`` also take
a folder and then read every ``*.yaml`` in it (``writer-a.yaml`` and ``writer-b.yaml`` hold
851 utterances by outside writers). The product trains on ``utterances.yaml`` alone: with the
whole folder, 5-fold accuracy rises (0,940 → 0,954 on 2 403 utterances) but blind batch-01
loses 3 correct-or-partial turns and gains 4 wrong routes (see ``assistant/context.py``). The model is pure n-grams — word 1-2-grams and character
2-5-grams (inside word boundaries) over the folded text, TF-IDF, a linear SVM — with
probabilities calibrated by cross-validation (``CalibratedClassifierCV``, sigmoid). No
embedding feature: the same text gets the same verdict on every CPU.

Training takes about a second; the fitted model is cached under ``<data_dir>/models/``
by the hash of every utterance file (names and contents) and of this module's version, so
an edited, added or removed file retrains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import IntentDataError
from assistant.fitted import files_key, load_or_fit
from assistant.fr import fold
from assistant.scoring import probabilities
from assistant.yaml_data import load_yaml

INTENTS = ("question", "sizing", "conversion", "drafting", "greeting", "out_of_scope")
MODEL_VERSION = "intents-2"  # bump when the features or the model change
_NUMBER = re.compile(r"\d+(?:[ .,]\d+)*")


@dataclass(frozen=True)
class IntentPrediction:
    intent: str
    probability: float
    ranking: tuple[tuple[str, float], ...]  # every intent with its probability, best first

    def probability_of(self, intent: str) -> float:
        return dict(self.ranking).get(intent, 0.0)


def normalize(text: str) -> str:
    """Folded text (lowercase, no accents) with every number written « 0 »: amounts do not
    say what is asked, their presence does."""
    return _NUMBER.sub("0", fold(text))


def utterance_files(path: Path) -> list[Path]:
    """The utterance files behind ``path``: the file itself, or every ``*.yaml`` of a folder, sorted."""
    if path.is_dir():
        files = sorted(path.glob("*.yaml"))
        if not files:
            raise IntentDataError("Le dossier des intentions ne contient aucun fichier.", detail=str(path))
        return files
    return [path]


def read_examples(path: Path) -> tuple[list[str], list[str]]:
    """Texts and their intents from one utterance file, in file order."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise IntentDataError("Le fichier des intentions est illisible.", detail=f"{path}: {error}") from error
    texts: list[str] = []
    labels: list[str] = []
    for block in (data or {}).get("intents") or []:
        intent = block.get("intent")
        if intent not in INTENTS:
            raise IntentDataError("Intention inconnue dans le fichier des intentions.", detail=f"{path}: {intent!r}")
        for example in block.get("examples") or []:
            if isinstance(example, str) and example.strip():
                texts.append(example.strip())
                labels.append(intent)
    return texts, labels


def load_utterances(path: Path) -> tuple[list[str], list[str]]:
    """Texts and their intents from one file or every file of a folder; every intent must have examples."""
    texts: list[str] = []
    labels: list[str] = []
    for file in utterance_files(path):
        file_texts, file_labels = read_examples(file)
        texts.extend(file_texts)
        labels.extend(file_labels)
    missing = set(INTENTS) - set(labels)
    if missing:
        raise IntentDataError(
            "Les fichiers des intentions n'ont pas d'exemple pour chaque intention.",
            detail=f"{path}: {sorted(missing)}",
        )
    return texts, labels


def cache_key(path: Path) -> str:
    """Hash of every utterance file (name and bytes), the model version and scikit-learn's version."""
    return files_key(MODEL_VERSION, utterance_files(path))


def ngram_features() -> Any:
    """The word and character n-grams every text model here reads a message by (intents, unlawful requests, one
    case): the same cut, so :func:`assistant.scoring._terms` computes it once per message for all of them."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            ("words", TfidfVectorizer(preprocessor=normalize, ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            (
                "chars",
                TfidfVectorizer(preprocessor=normalize, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            ),
        ]
    )


def build_pipeline() -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=0.5, class_weight="balanced", random_state=0)
    return Pipeline(
        [
            ("features", ngram_features()),
            ("model", CalibratedClassifierCV(svm, method="sigmoid", cv=3, ensemble=False)),
        ]
    )


class IntentClassifier:
    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        self.classes: tuple[str, ...] = tuple(str(c) for c in pipeline.classes_)

    @classmethod
    def train(cls, texts: list[str], labels: list[str]) -> IntentClassifier:
        pipeline = build_pipeline()
        pipeline.fit(texts, labels)
        return cls(pipeline)

    @classmethod
    def load(cls, path: Path, cache_dir: Path | None = None) -> IntentClassifier:
        """Trained from ``path`` (a file or a folder of files), or read from the cache when no
        utterance file has changed."""
        cached = cache_dir / f"intents-{cache_key(path)}.pkl" if cache_dir else None
        return cls(load_or_fit(cached, lambda: cls.train(*load_utterances(path)).pipeline))

    def predict(self, text: str) -> IntentPrediction:
        probabilities = _fast_probabilities(self.pipeline, text)
        ranking = tuple(
            sorted(
                ((c, round(float(p), 4)) for c, p in zip(self.classes, probabilities, strict=True)),
                key=lambda item: (-item[1], item[0]),
            )
        )
        return IntentPrediction(ranking[0][0], ranking[0][1], ranking)


def _fast_probabilities(pipeline: Any, text: str) -> Any:
    """``pipeline.predict_proba([text])[0]`` bit for bit, about ten times faster: see :mod:`assistant.scoring` (the
    intent, unlawful-request and one-case models cut a message into the same n-grams once, each counting them in
    its own vocabulary, and skip scikit-learn's per-call checks)."""
    return probabilities(pipeline, text)


def cross_validate(texts: list[str], labels: list[str], folds: int = 5) -> dict[str, Any]:
    """Stratified k-fold accuracy and per-intent recall of the same pipeline."""
    from sklearn.metrics import accuracy_score, classification_report
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    predicted = cross_val_predict(
        build_pipeline(), texts, labels, cv=StratifiedKFold(folds, shuffle=True, random_state=0)
    )
    report = classification_report(labels, predicted, output_dict=True, zero_division=0)
    return {
        "accuracy": float(accuracy_score(labels, predicted)),
        "folds": folds,
        "utterances": len(texts),
        "per_intent": {i: {"recall": report[i]["recall"], "precision": report[i]["precision"]} for i in INTENTS},
        "errors": [(t, g, p) for t, g, p in zip(texts, labels, predicted, strict=True) if g != p],
    }
