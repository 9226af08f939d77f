"""The intent classifier (assistant/intents.py): trained from the utterance file, calibrated, cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import IntentDataError
from assistant.intents import INTENTS, IntentClassifier, _fast_probabilities, cache_key, load_utterances, normalize
from assistant.settings import PROJECT_ROOT

UTTERANCES = PROJECT_ROOT / "prompts" / "intents" / "utterances.yaml"


def test_the_utterance_file_has_at_least_1500_examples_for_every_intent() -> None:
    texts, labels = load_utterances(UTTERANCES)
    assert len(texts) >= 1500
    assert set(labels) == set(INTENTS)


def test_numbers_are_one_token_whatever_their_value() -> None:
    assert normalize("1,2 M€ HT") == normalize("850 000 M€ HT")


@pytest.mark.parametrize(
    "message, intent",
    [
        ("Combien d'heures d'insertion pour 900 000 € de gros œuvre sur 14 mois ?", "sizing"),
        ("Rédige-moi l'article du CCAP pour 700 heures d'insertion", "drafting"),
        ("Bonjour !", "greeting"),
        ("Comment je fais pour demander le RSA ?", "out_of_scope"),
        ("Je prépare un marché de voirie de 2 M€, la clause sociale est-elle obligatoire ?", "question"),
        ("Comment calcule-t-on les heures d'insertion ?", "question"),
        ("Les candidats sont proposés par qui à l'entreprise ?", "question"),
    ],
)
def test_a_message_gets_its_intent(classifier: IntentClassifier, message: str, intent: str) -> None:
    assert classifier.predict(message).intent == intent


def test_probabilities_are_calibrated_over_every_intent(classifier: IntentClassifier) -> None:
    prediction = classifier.predict("Combien d'ETP font 3 200 heures ?")
    assert {name for name, _ in prediction.ranking} == set(INTENTS)
    assert sum(p for _, p in prediction.ranking) == pytest.approx(1.0, abs=0.01)
    assert prediction.probability == prediction.ranking[0][1]


@pytest.mark.parametrize(
    "message",
    [
        "Combien d'heures d'insertion pour 900 000 € de gros œuvre sur 14 mois ?",
        "Bonjour !",
        "",
        "et si je prends 8 % au lieu de 5 ?",
        "Le marché réservé aux SIAE, article L2113-13, c'est possible pour un lot de nettoyage ?",
    ],
)
def test_the_fast_path_gives_the_probabilities_of_predict_proba_bit_for_bit(
    classifier: IntentClassifier, message: str
) -> None:
    expected = classifier.pipeline.predict_proba([message])[0]
    assert _fast_probabilities(classifier.pipeline, message).tolist() == expected.tolist()


def test_the_same_text_gets_the_same_verdict_from_the_cache(tmp_path: Path) -> None:
    first = IntentClassifier.load(UTTERANCES, tmp_path)
    assert list(tmp_path.glob("intents-*.pkl"))
    second = IntentClassifier.load(UTTERANCES, tmp_path)
    message = "et si je prends 8 % au lieu de 5 ?"
    assert first.predict(message) == second.predict(message)


def test_an_unknown_intent_in_the_file_is_a_named_error(tmp_path: Path) -> None:
    bad = tmp_path / "u.yaml"
    bad.write_text("intents:\n  - intent: weather\n    examples: [quel temps]\n", encoding="utf-8")
    with pytest.raises(IntentDataError):
        load_utterances(bad)


def test_a_folder_trains_on_every_utterance_file_in_it() -> None:
    folder_texts, _ = load_utterances(UTTERANCES.parent)
    file_counts = [len(load_utterances(f)[0]) for f in sorted(UTTERANCES.parent.glob("*.yaml"))]
    assert len(folder_texts) == sum(file_counts) > len(load_utterances(UTTERANCES)[0])


def test_adding_a_file_to_the_folder_changes_the_cache_key(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(UTTERANCES.read_bytes())
    before = cache_key(tmp_path)
    (tmp_path / "b.yaml").write_text("intents:\n  - intent: greeting\n    examples: [coucou]\n", encoding="utf-8")
    assert cache_key(tmp_path) != before


def test_an_empty_folder_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(IntentDataError):
        load_utterances(tmp_path)
