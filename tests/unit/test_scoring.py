"""Scoring one message through a fitted n-gram pipeline (assistant/scoring.py): the probabilities of
``predict_proba`` bit for bit, for each kind of model the product fits, and a refit pipeline scored anew."""

from __future__ import annotations

from typing import Any

import pytest

from assistant import case_specific, intents
from assistant.scoring import LinearScorer, probabilities, scorer

TEXTS = [
    "Combien d'heures d'insertion pour 900 000 € de gros œuvre ?",
    "Rédige l'article du CCAP pour 700 heures",
    "Bonjour !",
    "Je veux exclure les entreprises étrangères du marché",
    "Quel est le taux horaire retenu pour la clause ?",
    "le lot 3 de notre appel d'offres a-t-il été attribué ?",
    "Comment je fais pour demander le RSA ?",
    "Peut-on réserver un lot aux SIAE ?",
]
UNSEEN = [
    "",
    "zzz qwx",
    "et si je prends 8 % au lieu de 5 ?",
    "Le marché réservé aux SIAE, article L2113-13, c'est possible pour un lot de nettoyage ?",
    "Je veux exclure les entreprises étrangères, comment rédiger la clause ?",
]
MULTICLASS = ["sizing", "drafting", "greeting", "unlawful", "question", "case", "out_of_scope", "question"]
BINARY = ["lawful", "lawful", "lawful", "unlawful", "lawful", "lawful", "lawful", "lawful"]


def fitted(pipeline: Any, labels: list[Any]) -> Any:
    return pipeline.fit(TEXTS * 3, labels * 3)


@pytest.fixture(scope="module")
def calibrated_multiclass() -> Any:
    return fitted(intents.build_pipeline(), MULTICLASS)


@pytest.fixture(scope="module")
def calibrated_binary() -> Any:
    return fitted(intents.build_pipeline(), BINARY)


@pytest.fixture(scope="module")
def logistic_binary() -> Any:
    return fitted(case_specific.build_pipeline(), [int(label == "lawful") for label in BINARY])


@pytest.mark.parametrize("text", TEXTS + UNSEEN)
@pytest.mark.parametrize("model", ["calibrated_multiclass", "calibrated_binary", "logistic_binary"])
def test_the_scorer_gives_the_probabilities_of_predict_proba_bit_for_bit(
    model: str, text: str, request: pytest.FixtureRequest
) -> None:
    pipeline = request.getfixturevalue(model)
    assert probabilities(pipeline, text).tolist() == pipeline.predict_proba([text])[0].tolist()


def test_the_three_kinds_of_model_are_scored_by_arithmetic_not_by_predict_proba(
    calibrated_multiclass: Any, calibrated_binary: Any, logistic_binary: Any
) -> None:
    for pipeline in (calibrated_multiclass, calibrated_binary, logistic_binary):
        assert LinearScorer(pipeline)._head is not None


def test_an_unknown_model_is_scored_by_its_own_predict_proba() -> None:
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import Pipeline

    pipeline = fitted(Pipeline([("features", intents.ngram_features()), ("model", MultinomialNB())]), BINARY)
    assert LinearScorer(pipeline)._head is None
    for text in TEXTS + UNSEEN:
        assert probabilities(pipeline, text).tolist() == pipeline.predict_proba([text])[0].tolist()


def test_a_pipeline_is_compiled_once() -> None:
    pipeline = fitted(case_specific.build_pipeline(), [int(label == "lawful") for label in BINARY])
    assert scorer(pipeline) is scorer(pipeline)


def test_a_refit_pipeline_is_scored_with_its_new_fit() -> None:
    pipeline = fitted(case_specific.build_pipeline(), [int(label == "lawful") for label in BINARY])
    before = probabilities(pipeline, TEXTS[3]).tolist()
    pipeline.fit(TEXTS * 3, [int(label != "lawful") for label in BINARY] * 3)
    after = probabilities(pipeline, TEXTS[3]).tolist()
    assert after != before
    assert after == pipeline.predict_proba([TEXTS[3]])[0].tolist()


def test_a_model_loaded_after_a_message_was_scored_counts_the_terms_only_it_knows() -> None:
    message = "Un marché de déneigement xylophonique pour le quartier"
    first = fitted(case_specific.build_pipeline(), [int(label == "lawful") for label in BINARY])
    assert probabilities(first, message).tolist() == first.predict_proba([message])[0].tolist()
    texts = [*TEXTS, "déneigement xylophonique", "un quartier xylophonique"]
    later = case_specific.build_pipeline().fit(texts * 3, ([0, 1] * 5) * 3)
    assert "xylophonique" in later.named_steps["features"].transformer_list[0][1].vocabulary_
    assert probabilities(later, message).tolist() == later.predict_proba([message])[0].tolist()
    assert probabilities(first, message).tolist() == first.predict_proba([message])[0].tolist()
