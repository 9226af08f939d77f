"""Who can answer a question the guides leave open (assistant/answerers.py, prompts/answerers.yaml): read from the
message's topic, named in a nearest-card answer, a « Vouliez-vous dire » and a « je ne trouve pas »."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerers import UnknownAnswerKind, load_answerers
from assistant.redirects import load_redirects
from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
ANSWERERS = load_answerers(PROMPTS / "answerers.yaml")
REDIRECTS = load_redirects(PROMPTS / "redirects.yaml", answerers=PROMPTS / "answerers.yaml")


def answerers():
    assert ANSWERERS is not None
    return ANSWERERS


def first_topic(message: str) -> str | None:
    found = answerers().find(message, message)
    return found[0].id if found else None


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("la DDETS peut-elle refuser de renouveler notre agrément si le marché s'arrête ?", "iae_administration"),
        ("ma voisine au RSA a reçu une convocation de sa référente, elle peut la refuser ?", "benefits"),
        ("le permis cariste de notre salarié en insertion, qui le finance ?", "training_funding"),
        ("un salarié en ETTI est payé combien en général ?", "pay"),
        ("une ETTI facture combien de plus qu'une agence classique ?", "price"),
        ("faut-il joindre les attestations fiscales dès la candidature ?", "tender_documents"),
        ("le titulaire peut-il demander la résiliation si la clause devient impossible ?", "legal"),
        ("les heures d'un stage de découverte sont-elles comptées ?", "facilitation"),
    ],
)
def test_the_topic_of_an_open_question_is_read_from_its_words(message: str, topic: str) -> None:
    assert first_topic(message) == topic


def test_a_message_without_a_recognised_topic_names_no_one() -> None:
    assert answerers().line("close", "bonjour, merci pour tout", "bonjour, merci pour tout") is None


def test_the_question_asked_decides_before_the_situation_told_around_it() -> None:
    message = "Notre salarié touche le RSA depuis deux ans. Le règlement de consultation demande quelles pièces ?"
    asked = "Le règlement de consultation demande quelles pièces ?"
    assert answerers().find(asked, message)[0].id == "tender_documents"


def test_the_situation_is_read_when_the_question_itself_shows_no_topic() -> None:
    message = "On vient de perdre notre conventionnement. Et maintenant ?"
    assert answerers().find("Et maintenant ?", message)[0].id == "iae_administration"


def test_at_most_two_services_are_named_the_first_in_the_data_order() -> None:
    message = "l'OPCO paie-t-il la formation, et peut-on passer un avenant pour décaler les heures ?"
    found = answerers().find(message, message)
    assert [t.id for t in found] == ["training_funding", "legal"]
    line = answerers().line("close", message, message)
    assert line is not None and "OPCO" in line and "Legifrance" in line


def test_a_price_a_structure_charges_is_not_read_as_a_salary() -> None:
    message = "l'ETTI facture combien de l'heure, le salaire payé compris ?"
    assert "pay" not in [t.id for t in answerers().find(message, message)]


@pytest.mark.parametrize(
    ("message", "service"),
    [
        ("un acheteur peut-il écarter une offre dont une annexe manque sans demander de la régulariser ?", "juridique"),
        ("pour le DUME, on remplit quelle partie quand on candidate seul ?", "acheteur"),
        ("qui paie la formation CACES d'un salarié en parcours ?", "OPCO"),
    ],
)
def test_the_nearest_card_answer_ends_with_who_settles_the_case(message: str, service: str) -> None:
    line = REDIRECTS.who_answers("close", message)
    assert line is not None and line.startswith("Pour trancher votre cas précis") and service in line


def test_a_clarification_names_the_service_of_the_topic() -> None:
    line = REDIRECTS.who_answers("clarify", "le conventionnement de notre ACI se termine, et après ?")
    assert line is not None and line.startswith("Si aucune ne correspond") and "DDETS" in line


def test_an_abstention_without_a_redirect_topic_names_the_service_of_the_topic() -> None:
    line = REDIRECTS.who_answers("unknown", "le titulaire peut-il obtenir le paiement direct de son sous-traitant ?")
    assert line is not None and line.startswith("Je ne trouve pas") and "conseil juridique" in line


def test_an_unknown_kind_of_answer_is_refused_by_name() -> None:
    with pytest.raises(UnknownAnswerKind):
        answerers().line("greeting", "qui paie la formation ?", "qui paie la formation ?")


def test_without_the_data_file_no_service_is_inferred(tmp_path: Path) -> None:
    redirects = load_redirects(PROMPTS / "redirects.yaml", answerers=tmp_path / "absent.yaml")
    assert load_answerers(tmp_path / "absent.yaml") is None
    assert redirects.who_answers("close", "qui paie la formation ?") is None


def test_every_topic_names_a_service_and_has_a_signal() -> None:
    for topic in answerers().topics:
        assert topic.service and topic.cues.signals, topic.id


@pytest.mark.parametrize(
    "answer",
    [
        "**Oui** : le mandataire répond du groupement ; ce cas n'est pas traité dans les guides.",
        "**Pas forcément** : nos sources ne donnent aucun chiffre de surcoût.",
        "Cela dépend des règles locales : aucune source nationale ne fixe de bonification.",
    ],
)
def test_a_card_that_says_the_guides_do_not_settle_the_point_leaves_it_open(answer: str) -> None:
    assert REDIRECTS.leaves_open(answer)


def test_a_card_that_settles_the_point_does_not_leave_it_open() -> None:
    assert not REDIRECTS.leaves_open("**Oui** : un allocataire du RSA est éligible à la clause d'insertion.")
