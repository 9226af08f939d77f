"""A learned check of unlawful requests, next to the regex rules of the refusal policy.

The regex rules (``prompts/conduct.yaml``, :mod:`assistant.guardrails`) refuse the phrasings their
authors foresaw; users write others. This classifier learns each unlawful family from varied
examples kept as data (``prompts/conduct_examples.yaml``: questions, wishes, orders, slang, typos,
long situations) and from hard negatives, lawful questions on the same words (risks, control of a
fraud, a clause read in someone else's document, a firm's own hiring choice). The intent
utterances the rules let through (``prompts/intents/utterances.yaml``) are added as lawful
background, so the model also knows what ordinary questions look like.

Each family names where its refusal text comes from (a legal guardrail's ``kind``, a conduct
``rule`` id, or the ``personal_data`` route), so the model adds no reason of its own: it only
decides, and the refusal says the model and its probability decided.

Same features as :mod:`assistant.intents` (word 1-2-grams and character 2-5-grams of the folded
text, TF-IDF, a linear SVM calibrated by cross-validation); cached under ``<data_dir>/models/``
by the hash of the files it learns from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import IntentDataError
from assistant.fitted import files_key, load_or_fit
from assistant.intents import _fast_probabilities, build_pipeline, utterance_files
from assistant.yaml_data import load_yaml

LAWFUL = "lawful"
UNLAWFUL = "unlawful"  # the binary model's other class
MODEL_VERSION = "unlawful-1"  # bump when the features, the model or the background change


@dataclass(frozen=True)
class Family:
    """One unlawful family and the existing refusal that speaks for it: exactly one of the three."""

    name: str
    kind: str | None = None  # a legal guardrail of assistant/guardrails.py
    rule: str | None = None  # a conduct rule id of prompts/conduct.yaml
    route: str | None = None  # a refusal route with its own message (personal_data)


@dataclass(frozen=True)
class Examples:
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    families: dict[str, Family]


@dataclass(frozen=True)
class UnlawfulPrediction:
    unlawful_probability: float  # the binary model's probability that the message asks for something unlawful
    family: str  # the unlawful family it most likely belongs to (the family model's choice)
    family_probability: float

    @property
    def lawful(self) -> float:
        return round(1.0 - self.unlawful_probability, 4)


def read_examples(path: Path) -> Examples:
    """Texts, their family and the families of an examples file; every family but ``lawful`` names one source."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise IntentDataError("Le fichier des exemples illicites est illisible.", detail=f"{path}: {error}") from error
    texts: list[str] = []
    labels: list[str] = []
    families: dict[str, Family] = {}
    for block in data.get("families") or []:
        name = str(block["family"])
        family = Family(name, block.get("kind"), block.get("rule"), block.get("route"))
        sources = [source for source in (family.kind, family.rule, family.route) if source]
        if (name == LAWFUL) != (not sources) or len(sources) > 1:
            raise IntentDataError("Famille d'exemples mal définie.", detail=f"{path}: {name!r}")
        families[name] = family
        for example in block.get("examples") or []:
            if isinstance(example, str) and example.strip():
                texts.append(example.strip())
                labels.append(name)
    if LAWFUL not in families:
        raise IntentDataError("Le fichier des exemples illicites n'a pas d'exemples licites.", detail=str(path))
    return Examples(tuple(texts), tuple(labels), families)


def lawful_background(utterances: Path, cards: Path | None, refused: Callable[[str], bool]) -> list[str]:
    """Ordinary requests the rules let through: the intent utterances (questions, sizings, drafts) and the
    questions and paraphrases of the answer cards whose answer is not a « Non » (those may be unlawful asks)."""
    texts = [text for file in utterance_files(utterances) for text in _utterances_of(file)]
    texts += card_questions(cards) if cards is not None and cards.is_dir() else []
    return [text for text in texts if not refused(text)]


def _utterances_of(file: Path) -> list[str]:
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    return [
        example.strip()
        for block in data.get("intents") or []
        for example in block.get("examples") or []
        if isinstance(example, str) and example.strip()
    ]


def card_questions(cards: Path) -> list[str]:
    """The questions and paraphrases of the cards of ``cards`` whose answer does not open with « Non »."""
    texts: list[str] = []
    for file in sorted(cards.glob("*.yaml")):
        for card in load_yaml(file.read_text(encoding="utf-8")) or []:
            if not isinstance(card, dict) or str(card.get("answer", "")).lstrip("* ").startswith("Non"):
                continue
            asked = [card.get("question"), *(card.get("paraphrases") or [])]
            texts += [str(text).strip() for text in asked if isinstance(text, str) and text.strip()]
    return texts


def training_set(examples: Examples, background: Iterable[str]) -> tuple[list[str], list[str]]:
    texts = list(examples.texts)
    labels = list(examples.labels)
    for text in background:
        texts.append(text)
        labels.append(LAWFUL)
    return texts, labels


def cache_key(*files: Path) -> str:
    return files_key(MODEL_VERSION, files)


class UnlawfulClassifier:
    """Two models on the same features: a binary one decides whether a message is unlawful (all unlawful
    families pooled, so each example teaches the decision), a second one names the family among the unlawful
    examples (the reason and the lawful way to give)."""

    def __init__(self, pipelines: tuple[Any, Any], families: dict[str, Family]) -> None:
        self.decider, self.namer = pipelines
        self.families = families
        self._decider_classes = tuple(str(c) for c in self.decider.classes_)
        self._namer_classes = tuple(str(c) for c in self.namer.classes_)

    @classmethod
    def train(cls, texts: list[str], labels: list[str], families: dict[str, Family]) -> UnlawfulClassifier:
        decider = build_pipeline()
        decider.fit(texts, [LAWFUL if label == LAWFUL else UNLAWFUL for label in labels])
        namer = build_pipeline()
        named = [(text, label) for text, label in zip(texts, labels, strict=True) if label != LAWFUL]
        namer.fit([text for text, _ in named], [label for _, label in named])
        return cls((decider, namer), families)

    @classmethod
    def load(
        cls,
        examples_path: Path,
        background: Callable[[], list[str]],
        key_files: tuple[Path, ...],
        cache_dir: Path | None = None,
    ) -> UnlawfulClassifier:
        """Trained from the examples and the lawful ``background``, or read from the cache when none of
        ``key_files`` (the files both come from) has changed."""
        examples = read_examples(examples_path)
        cached = cache_dir / f"unlawful-{cache_key(examples_path, *key_files)}.pkl" if cache_dir else None

        def fit() -> tuple[Any, Any]:
            trained = cls.train(*training_set(examples, background()), examples.families)
            return trained.decider, trained.namer

        return cls(load_or_fit(cached, fit), examples.families)

    def knows(self, source: str | None) -> bool:
        """Whether a family learned here speaks for this guardrail kind, conduct rule id or refusal route: the
        model judges only the refusals it has seen examples of."""
        return source is not None and any(
            source in (family.kind, family.rule, family.route) for family in self.families.values()
        )

    def unlawful_probability(self, text: str) -> float:
        """The binary model's probability alone: the family model costs more (one calibrated model per family) and
        is asked only for a message read unlawful."""
        decided = dict(zip(self._decider_classes, _fast_probabilities(self.decider, text), strict=True))
        return round(float(decided[UNLAWFUL]), 4)

    def predict(self, text: str) -> UnlawfulPrediction:
        named = dict(zip(self._namer_classes, _fast_probabilities(self.namer, text), strict=True))
        family = max(self._namer_classes, key=lambda name: (named[name], name))
        return UnlawfulPrediction(self.unlawful_probability(text), family, round(float(named[family]), 4))


def cross_validate(texts: list[str], labels: list[str], folds: int = 5, threshold: float = 0.5) -> dict[str, Any]:
    """Stratified k-fold figures of both models as the product uses them: a message is refused when the binary
    model's unlawful probability reaches ``threshold``, with the family the family model names."""
    from sklearn.model_selection import StratifiedKFold

    predicted = [LAWFUL] * len(texts)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, labels):
        model = UnlawfulClassifier.train([texts[i] for i in train], [labels[i] for i in train], {})
        for i in test:
            prediction = model.predict(texts[i])
            if prediction.unlawful_probability >= threshold:
                predicted[i] = prediction.family
    figures: dict[str, dict[str, float]] = {}
    for name in sorted(set(labels)):
        truth = [label == name for label in labels]
        guess = [p == name for p in predicted]
        hits = sum(t and g for t, g in zip(truth, guess, strict=True))
        figures[name] = {
            "examples": sum(truth),
            "precision": hits / max(1, sum(guess)),
            "recall": hits / max(1, sum(truth)),
        }
    unlawful_truth = [label != LAWFUL for label in labels]
    unlawful_guess = [p != LAWFUL for p in predicted]
    caught = sum(g and t for t, g in zip(unlawful_truth, unlawful_guess, strict=True))
    return {
        "folds": folds,
        "threshold": threshold,
        "examples": len(texts),
        "per_family": figures,
        "unlawful_precision": caught / max(1, sum(unlawful_guess)),
        "unlawful_recall": caught / max(1, sum(unlawful_truth)),
        "lawful_refused": sum(g and not t for t, g in zip(unlawful_truth, unlawful_guess, strict=True)),
        "errors": [(t, g, p) for t, g, p in zip(texts, labels, predicted, strict=True) if g != p],
    }
