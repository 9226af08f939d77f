"""Questions of a neighbouring law or of one record the guides do not hold (prompts/redirects.yaml): an association's
taxes, the funding of a home-help service, the disability contribution, access to a buyer's documents, litigation
deadlines, the essential data, a buyer's penalties, a reporter's requests, a sector's statistics. Each is sent to the
service that answers it; the rule questions the guides answer with the same words are left to them. A short follow-up
that only varies a redirected question keeps its service."""

from __future__ import annotations

import pytest

from assistant.cards import load_cards
from assistant.case_specific import general_requests
from assistant.fr import extract
from assistant.redirects import load_redirects
from assistant.routing import RefusalPolicy, route
from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
REDIRECTS = load_redirects(PROMPTS / "redirects.yaml")
POLICY = RefusalPolicy.from_prompts(PROMPTS)
NEW_TOPICS = {
    "planning_permission",
    "document_access",
    "press_requests",
    "penalties_record",
    "procurement_litigation",
    "essential_data_declaration",
    "disability_statistics",
    "medico_social_funding",
    "association_tax",
    "energy_renovation",
    "communal_grants",
    "jobseeker_duties",
    "major_events",
}


def _topic_id(message: str) -> str | None:
    topic = REDIRECTS.signalled(message)
    return topic.id if topic is not None else None


@pytest.mark.parametrize(
    ("message", "topic", "service"),
    [
        (
            "si notre association vend des prestations à la commune, devient-elle soumise à la TVA ?",
            "association_tax",
            "rescrit",
        ),
        (
            "travailler pour des mairies nous fait-il perdre notre but non lucratif ?",
            "association_tax",
            "impots.gouv.fr",
        ),
        ("la PCH que touchent nos usagers, c'est une subvention pour nous ?", "medico_social_funding", "autonomie"),
        ("notre CPOM signé avec le Département vaut-il marché public ?", "medico_social_funding", "autonomie"),
        (
            "en sous-traitant à un ESAT on peut réduire notre contribution de combien ?",
            "disability_employment_duty",
            "URSSAF",
        ),
        (
            "quel est le taux moyen d'emploi des travailleurs handicapés dans le BTP en 2025 ?",
            "disability_statistics",
            "Agefiph",
        ),
        ("l'acheteur refuse de nous montrer le classement de l'attributaire, que dit la CADA ?", "award", "CADA"),
        ("un de nos concurrents avait proposé quel prix sur ce lot ?", "award", "acheteur"),
        ("le délai de standstill s'applique-t-il à un MAPA ?", "procurement_litigation", "Légifrance"),
        ("dans les données essentielles, quel champ remplir pour la clause ?", "essential_data_declaration", "OECP"),
        (
            "combien de fois la métropole a-t-elle infligé des pénalités en 2024 ?",
            "penalties_record",
            "commande publique",
        ),
        (
            "pourriez-vous me présenter un salarié en insertion pour un reportage ?",
            "press_requests",
            "service de presse",
        ),
        ("les jeux olympiques d'hiver auront-ils des chantiers en Isère ?", "major_events", "isere.fr"),
        (
            "le Département finance-t-il les communes pour rénover leurs écoles, à quel taux ?",
            "communal_grants",
            "isere.fr",
        ),
        ("MaPrimeRénov', c'est pour quels travaux chez moi ?", "energy_renovation", "France Rénov'"),
        ("refuser deux offres raisonnables d'emploi, quelles conséquences ?", "jobseeker_duties", "France Travail"),
        ("les droits de mutation à payer pour notre maison, c'est quel taux ?", "taxes", "notaire"),
        ("existe-t-il une aide à l'embauche pour un premier salarié ?", "hiring_aids", "France Travail"),
        ("mon permis de construire pour un garage, je le dépose où ?", "planning_permission", "urbanisme"),
        ("la loi CADA m'ouvre-t-elle le rapport d'analyse des offres ?", "document_access", "CADA"),
    ],
)
def test_a_neighbouring_law_question_names_the_service_that_answers_it(message: str, topic: str, service: str) -> None:
    assert _topic_id(message) == topic
    abstention = REDIRECTS.abstention(message)
    assert abstention is not None and service in abstention


@pytest.mark.parametrize(
    "message",
    [
        "une association à but non lucratif est-elle un acheteur public ?",
        "quel document prouve que nous sommes une entreprise adaptée ? le CPOM suffit ?",
        "un critère sur le taux d'emploi de travailleurs handicapés du candidat, c'est possible ?",
        "comment contester la note du critère social ?",
        "quel montant de pénalité prévoir par heure non réalisée ?",
        "le permis poids lourd d'un salarié en insertion, c'est à l'entreprise de le payer ?",
        "le Département accompagne-t-il les communes ?",
    ],
)
def test_a_rule_question_the_guides_answer_is_not_sent_to_a_neighbouring_service(message: str) -> None:
    assert _topic_id(message) not in NEW_TOPICS | {"award", "taxes", "mobility_aids"}


def test_no_card_question_or_paraphrase_is_sent_to_a_neighbouring_service() -> None:
    cards = load_cards(PROJECT_ROOT / "corpus" / "cards")
    caught = [text for card in cards for text in card.questions if _topic_id(text) in NEW_TOPICS]
    assert caught == []


def test_no_in_scope_utterance_is_sent_to_a_neighbouring_service() -> None:
    utterances = PROMPTS / "intents" / "utterances.yaml"
    caught = [text for text in general_requests(utterances) if _topic_id(text) in NEW_TOPICS]
    assert caught == []


def test_a_question_only_judging_what_someone_said_points_back_at_the_story() -> None:
    assert REDIRECTS.points_back("Elle a raison ou elle se trompe ?")


def test_a_tax_worry_told_before_a_question_judging_it_is_redirected() -> None:
    message = "Notre comptable dit qu'en répondant aux marchés publics on paiera des impôts commerciaux. Il a raison ?"
    assert _topic_id(message) == "association_tax"


PREVIOUS = "on achète 60 k€ par an à un ESAT, on économise combien sur notre contribution ?"


def test_a_short_follow_up_varying_a_redirected_question_keeps_its_service() -> None:
    topic = REDIRECTS.follow_up("et avec 90 k€ ?", PREVIOUS)
    assert topic is not None and topic.id == "disability_employment_duty"


def test_a_follow_up_naming_a_clause_is_a_question_of_its_own() -> None:
    assert REDIRECTS.follow_up("et pour la clause, ça fait combien d'heures ?", PREVIOUS) is None


def test_a_message_that_does_not_open_like_a_follow_up_is_not_one() -> None:
    assert REDIRECTS.follow_up("combien coûte un ETP ?", PREVIOUS) is None


def test_a_follow_up_without_a_previous_question_has_no_service() -> None:
    assert REDIRECTS.follow_up("et avec 90 k€ ?", None) is None


def test_a_follow_up_redirect_answers_the_question_it_varies() -> None:
    assert REDIRECTS.about("et avec 90 k€ ?", PREVIOUS) == f"{PREVIOUS} et avec 90 k€ ?"


def test_the_router_keeps_a_redirected_question_s_service_for_its_follow_up() -> None:
    message = "et avec 90 k€ ?"
    state = {"last_intent": "redirect", "last_question": PREVIOUS}
    decision = route(message, extract(message, []), state, None, REDIRECTS, screening=POLICY.screen(message))
    assert decision.intent == "redirect" and decision.rule == "redirect:disability_employment_duty"


def test_the_router_does_not_redirect_a_follow_up_after_an_answer() -> None:
    message = "et avec 90 k€ ?"
    state = {"last_intent": "question", "last_question": PREVIOUS}
    decision = route(message, extract(message, []), state, None, REDIRECTS, screening=POLICY.screen(message))
    assert decision.rule != "redirect:disability_employment_duty"


def test_a_tax_question_asked_in_the_words_of_public_contracts_also_offers_the_rules() -> None:
    message = "répondre à des marchés publics fait-il perdre à notre association son but non lucratif ?"
    topic = REDIRECTS.signalled(message)
    assert topic is not None and REDIRECTS.offers_rules(topic, message)


def test_a_tax_question_without_the_field_s_words_offers_no_rules() -> None:
    message = "vendre des repas fait-il perdre à notre association son but non lucratif ?"
    topic = REDIRECTS.signalled(message)
    assert topic is not None and not REDIRECTS.offers_rules(topic, message)
