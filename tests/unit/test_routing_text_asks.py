"""Texts asked for without an imperative (a table wished for, « comment je rédige ça », a new layout of the
last draft, questions proposed) are drafted; people named by « en » share the computed hours."""

from __future__ import annotations

from assistant.fr import extract
from assistant.intents import IntentClassifier
from assistant.routing import HoursSplit, RefusalPolicy, asks_a_category_reservation, hours_split, route
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


def decide(message: str, classifier: IntentClassifier, last_intent: str | None = None):
    state = ConversationState(last_intent=last_intent)
    return route(message, extract(message, []), state, classifier, screening=POLICY.screen(message))


def test_a_monitoring_table_wished_for_is_drafted(classifier) -> None:
    assert (
        decide(
            "j'aimerais une grille toute simple pour que l'entreprise déclare ses heures chaque mois", classifier
        ).intent
        == "drafting"
    )


def test_a_comparison_table_wished_for_stays_an_answer(classifier) -> None:
    assert decide("je voudrais un tableau comparatif de l'ETTI et du GEIQ", classifier).intent != "drafting"


def test_how_to_write_the_rule_just_described_is_drafted(classifier) -> None:
    message = "on veut plafonner les heures d'apprentissage à la moitié de l'objectif, comment on écrit ça ?"
    assert decide(message, classifier).intent == "drafting"


def test_how_a_clause_is_usually_written_stays_a_question(classifier) -> None:
    assert decide("comment est rédigée en général une clause d'insertion ?", classifier).intent == "question"


def test_questions_for_a_survey_proposed_are_drafted(classifier) -> None:
    message = "pouvez-vous me proposer quelques questions pour un questionnaire aux titulaires sur la clause ?"
    assert decide(message, classifier).intent == "drafting"


def test_the_last_draft_asked_in_another_layout_is_a_revision(classifier) -> None:
    decision = decide("tu peux me le mettre en format tableur ?", classifier, last_intent="drafting")
    assert decision.intent == "drafting" and decision.follow_up


def test_a_layout_asked_without_a_previous_draft_is_no_revision(classifier) -> None:
    assert not decide("tu peux me le mettre en format tableur ?", classifier).follow_up


def test_people_named_by_en_share_the_hours() -> None:
    assert hours_split("et si on en embauche trois a mi-temps ?") == HoursSplit(
        (1 / 3, 1 / 3, 1 / 3), people=3, half_time=True
    )


def test_a_pronoun_en_without_people_shares_nothing() -> None:
    assert hours_split("on en parle au facilitateur demain ?") is None


def test_a_leaflet_that_explains_asked_for_is_drafted(classifier) -> None:
    message = "tu peux me faire une fiche claire pour expliquer la clause aux apprentis du chantier ?"
    assert decide(message, classifier).intent == "drafting"


def test_an_explanation_asked_politely_is_a_question(classifier) -> None:
    message = "vous pouvez m'expliquer ce qui sépare une clause d'exécution d'un critère d'attribution ?"
    assert decide(message, classifier).intent == "question"


def test_a_weighting_grid_submitted_for_an_opinion_is_a_question(classifier) -> None:
    assert decide("prix 65, technique 25, insertion 10, c'est équilibré ?", classifier).intent == "question"


def test_a_lot_reserved_to_a_legal_category_of_structures_is_a_lawful_text() -> None:
    assert asks_a_category_reservation(
        "écris la clause qui réserve ce lot d'entretien aux ESAT et entreprises adaptées"
    )


def test_a_lot_reserved_to_one_known_association_is_not_a_category_reservation() -> None:
    assert not asks_a_category_reservation("écris la clause qui réserve ce lot à l'association du quartier")


def test_the_hours_reserved_to_structures_are_not_a_reserved_market() -> None:
    assert not asks_a_category_reservation("rédige une clause qui réserve les heures d'insertion aux SIAE")


def test_an_edit_after_a_judgement_of_the_draft_is_a_revision(classifier) -> None:
    decision = decide("bien mais trop long. Enlève le paragraphe sur les pénalités", classifier, last_intent="drafting")
    assert decision.intent == "drafting" and decision.follow_up


def test_so_many_arguments_asked_for_are_drafted(classifier) -> None:
    message = "pour convaincre mes élus, tu peux me trouver 4 ou 5 arguments simples sur les clauses sociales ?"
    assert decide(message, classifier).intent == "drafting"


def test_which_arguments_to_put_forward_stays_a_question(classifier) -> None:
    assert decide("quels arguments avancer auprès des élus sur les clauses sociales ?", classifier).intent == "question"


def test_a_text_needed_without_a_space_after_the_elision_is_drafted(classifier) -> None:
    message = "j'ai besoin d'un texte court pour présenter notre GEIQ aux entreprises titulaires"
    assert decide(message, classifier).intent == "drafting"


def test_a_sentence_to_put_into_a_document_is_drafted(classifier) -> None:
    message = "donne une phrase que je pourrai mettre dans le CCAP sur les publics éligibles"
    assert decide(message, classifier).intent == "drafting"


def test_what_one_may_put_into_a_document_stays_a_question(classifier) -> None:
    assert decide("quelle clause je peux mettre dans le RC pour un marché de nettoyage ?", classifier).intent == (
        "question"
    )


def test_a_text_named_by_a_pronoun_is_drafted(classifier) -> None:
    message = "et une attestation de partenariat pour son offre, tu peux me l'écrire ?"
    assert decide(message, classifier, last_intent="question").intent == "drafting"


def test_the_last_draft_named_by_a_pronoun_is_a_follow_up(classifier) -> None:
    decision = decide("tu peux me l'écrire tel quel pour le règlement ?", classifier, last_intent="drafting")
    assert decision.intent == "drafting" and decision.follow_up


def test_a_grid_asked_for_is_drafted(classifier) -> None:
    assert decide("je note comment le mémoire technique ? donne moi une grille", classifier).intent == "drafting"


def test_the_companion_document_of_a_draft_is_drafted(classifier) -> None:
    decision = decide("et pour l'avis de publicité, on met quoi pour aller avec ?", classifier, last_intent="drafting")
    assert decision.intent == "drafting" and decision.follow_up


def test_the_companion_document_without_a_draft_stays_a_question(classifier) -> None:
    assert decide("et pour l'avis de publicité, on met quoi pour aller avec ?", classifier).intent != "drafting"


def test_a_text_for_a_consultation_document_named_without_an_article_is_drafted(classifier) -> None:
    message = "texte pour le RC stp : les candidats peuvent se faire aider par le facilitateur. 4 lignes"
    assert decide(message, classifier).intent == "drafting"


def test_whether_a_text_is_required_in_a_document_stays_a_question(classifier) -> None:
    assert decide("la mention dans le RC est-elle obligatoire ?", classifier).intent != "drafting"


def test_the_clause_itself_wished_for_without_its_amount_is_drafted(classifier) -> None:
    message = (
        "je voudrais la clause d'insertion pour le lot 3 d'un marché de travaux, le montant n'est pas encore arrêté"
    )
    assert decide(message, classifier).intent == "drafting"


def test_the_clause_wished_for_with_its_hours_asked_is_computed(classifier) -> None:
    message = "je voudrais la clause d'insertion pour un marché de 900 000 € de travaux, ça fait combien d'heures"
    assert decide(message, classifier).intent != "drafting"
