"""Whether a message asks about one case the guides cannot know, learned from examples kept as data.

The guides explain the rules of social clauses; they know nothing of one tender's result or date,
one company's hours, one person's file, one local count or one meeting. Such a question answered
from the nearest card is a confident answer to another question. ``prompts/case_specific.yaml``
lists questions about one case (``examples``) and general questions that mention a place, a date,
a tender or a person (``hard_negatives``); every non-out-of-scope utterance of the intent
classifier's data is a general request too. A small n-gram model (the intent classifier's
features, a logistic regression) tells the two apart; a message is about one case when its
probability reaches the data's ``threshold``, set high: a lawful question turned into an
abstention costs more than an abstention missed (the redirect signals still catch those).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.fitted import files_key, load_or_fit
from assistant.intents import _fast_probabilities, ngram_features, read_examples
from assistant.yaml_data import load_yaml

MODEL_VERSION = "one-case-1"  # bump when the features or the model change
CASE = 1
GENERAL = 0


@dataclass(frozen=True)
class CaseDetector:
    pipeline: Any
    threshold: float

    def probability(self, text: str) -> float:
        """The model's probability that ``text`` asks about one case."""
        return float(_fast_probabilities(self.pipeline, text)[list(self.pipeline.classes_).index(CASE)])

    def detects(self, text: str) -> bool:
        return self.probability(text) >= self.threshold


def build_pipeline() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    model = LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000)
    return Pipeline([("features", ngram_features()), ("model", model)])


def training_set(data: dict, general_requests: list[str]) -> tuple[list[str], list[int]]:
    """The case examples against the hard negatives and the general requests."""
    cases = [str(text).strip() for text in data.get("examples") or [] if str(text).strip()]
    general = [str(text).strip() for text in data.get("hard_negatives") or [] if str(text).strip()]
    general += general_requests
    return cases + general, [CASE] * len(cases) + [GENERAL] * len(general)


def general_requests(utterances: Path) -> list[str]:
    """Every utterance of the intent data but the out-of-scope ones: requests about the rules, the hours, a text."""
    texts, labels = read_examples(utterances)
    return [text for text, label in zip(texts, labels, strict=True) if label != "out_of_scope"]


def load_case_detector(
    path: Path, utterances: Path | None = None, cache_dir: Path | None = None
) -> CaseDetector | None:
    """The detector trained from ``path`` and the intent data ``utterances`` (None when ``path`` is missing), read
    from ``cache_dir`` when neither file has changed."""
    if not path.is_file():
        return None
    general = utterances if utterances is not None and utterances.is_file() else None
    key = files_key(MODEL_VERSION, (path, general) if general is not None else (path,))
    return _trained(path, general, key, cache_dir)


@lru_cache(maxsize=4)
def _trained(
    path: Path, utterances: Path | None, key: str, cache_dir: Path | None
) -> CaseDetector:  # key: retrain on a change
    data = load_yaml(path.read_text(encoding="utf-8")) or {}

    def fit() -> Any:
        texts, labels = training_set(data, general_requests(utterances) if utterances is not None else [])
        return build_pipeline().fit(texts, labels)

    cached = cache_dir / f"one-case-{key}.pkl" if cache_dir else None
    return CaseDetector(load_or_fit(cached, fit), float(data.get("threshold", 0.8)))
