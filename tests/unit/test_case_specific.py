"""Questions about one case the guides cannot know (assistant/case_specific.py, prompts/case_specific.yaml):
recognised, abstained on, and sent to whoever holds the fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.case_specific import CASE, GENERAL, general_requests, load_case_detector, training_set
from assistant.redirects import load_redirects
from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
CASES = PROMPTS / "case_specific.yaml"
UTTERANCES = PROMPTS / "intents" / "utterances.yaml"
REDIRECTS = load_redirects(PROMPTS / "redirects.yaml", CASES, UTTERANCES)


@pytest.mark.parametrize(
    "message",
    [
        "on a candidaté au marché de rénovation de la bibliothèque de Seyssinet, vous savez si on l'a eu ?",
        "est-ce que l'entreprise Morel a envoyé ses relevés d'heures de septembre pour le chantier de la halle ?",
        "combien il reste d'heures d'insertion sur le chantier de l'école de Brié ?",
        # a named buyer's contract as it stands, a site's headcount
        "le marché de propreté de la ville de Fontaine a-t-il une clause d'insertion actuellement ?",
        "combien de compagnons sont présents en ce moment sur le chantier de la caserne de Meylan ?",
        # works going on now, described rather than named
        "la société qui refait la façade de la mairie en ce moment, elle a des gens en insertion ?",
    ],
)
def test_a_question_about_one_case_is_redirected(message: str) -> None:
    assert REDIRECTS.sure(message) is not None


@pytest.mark.parametrize(
    "message",
    [
        "comment un candidat apprend-il que son offre n'a pas été retenue ?",
        "peut-on mettre une clause d'insertion dans le marché de rénovation d'une école ?",
        "qui contrôle les relevés d'heures d'insertion envoyés par l'entreprise ?",
        "une mairie peut-elle exiger que le titulaire prenne des jeunes de la commune ?",
        # one's own worker described for a rule to apply
        "il a 22 ans, sans diplôme, il est chez nous en intérim depuis deux mois",
    ],
)
def test_a_general_question_that_names_a_tender_or_a_site_is_not_one_case(message: str) -> None:
    assert not REDIRECTS.asks_about_one_case(message)


def test_the_abstention_on_one_case_says_the_guides_cannot_know_and_names_the_buyer_and_the_facilitator() -> None:
    text = REDIRECTS.abstention(
        "on a répondu à l'appel d'offres du marché de voirie de Pontcharra, c'est qui qui l'a eu ?"
    )
    assert text is not None
    assert "acheteur" in text and "facilitateur" in text


def test_one_case_about_the_field_takes_its_own_topic_not_a_topic_sharing_a_word() -> None:
    # « collège » is a keyword of the canteen topic: the hours of a college's works are no canteen question
    topic = REDIRECTS.topic("il reste combien d'heures d'insertion à faire sur le chantier du collège de Vinay ?")
    assert topic is not None and topic.id == "case_specific"


def test_without_its_data_no_message_is_one_case() -> None:
    plain = load_redirects(PROMPTS / "redirects.yaml")
    assert not plain.asks_about_one_case("est-ce que notre offre pour le lot 2 a été retenue ?")


def test_the_training_set_weighs_the_examples_against_the_hard_negatives_and_the_general_requests() -> None:
    texts, labels = training_set({"examples": ["a ?"], "hard_negatives": ["b ?"]}, ["c ?"])
    assert texts == ["a ?", "b ?", "c ?"] and labels == [CASE, GENERAL, GENERAL]


def test_the_general_requests_leave_the_out_of_scope_utterances_out(tmp_path: Path) -> None:
    data = tmp_path / "utterances.yaml"
    data.write_text(
        "intents:\n- intent: question\n  examples:\n  - c'est quoi une clause ?\n"
        "- intent: out_of_scope\n  examples:\n  - mon RSA n'est pas versé\n",
        encoding="utf-8",
    )
    assert general_requests(data) == ["c'est quoi une clause ?"]


def test_a_missing_data_file_gives_no_detector(tmp_path: Path) -> None:
    assert load_case_detector(tmp_path / "absent.yaml", UTTERANCES) is None


@pytest.mark.parametrize(
    "message, service",
    [
        (
            "c'est quand le prochain comité d'engagement ANRU pour l'avenant de notre convention ?",
            "délégué territorial",
        ),
        ("qui nomme le régisseur d'une régie de recettes pour la piscine municipale ?", "comptable public"),
        ("une association qui fait de la maçonnerie doit-elle avoir une garantie décennale ?", "assureur"),
        ("ma fille en CAP cuisine cherche un stage, le Département peut l'aider ?", "lycée"),
        (
            "c'est quoi la date limite pour déposer une demande de subvention au Département pour notre festival ?",
            "isere.fr",
        ),
    ],
)
def test_an_outside_topic_is_sent_to_its_service(message: str, service: str) -> None:
    assert service in REDIRECTS.answer(message)


@pytest.mark.parametrize(
    "message",
    [
        "la charte d'insertion ANRU, elle impose combien d'heures d'insertion ?",
        "le candidat habite hors du quartier prioritaire, ses heures comptent quand même pour l'ANRU ?",
    ],
)
def test_a_question_on_the_anru_charter_is_not_sent_to_the_anru(message: str) -> None:
    assert REDIRECTS.signalled(message) is None


def test_an_event_asked_by_when_it_is_held_gets_the_calendar_topic() -> None:
    topic = REDIRECTS.signalled("un atelier sur les marchés réservés est organisé quand à Vienne ?")
    assert topic is not None and topic.id == "meeting_calendar"


def test_a_tender_written_without_its_final_s_is_still_a_tender() -> None:
    topic = REDIRECTS.signalled("le résultat de l'appel d'offre de la piscine, il est sorti ?")
    assert topic is not None and topic.id == "award"
