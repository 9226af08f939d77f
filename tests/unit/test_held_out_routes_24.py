"""Routes read from how people outside the team asked (session 26). First, on batches 01-23 before batch-24 was
opened: hiring itself imposed on the holder is refused like any single way of fulfilling the clause, and a refusal
after « ça pose problème ? » cannot open with a « Non » that would read as « no problem ». Then from batch-24, once
its held-out runs were done: a named EBE imposed, what failing an offered rate costs, a post with minors, a penalty
on hours due and done, a new amount after a question on competition, local firms shut out of a reserved market,
the source of what was just said, an offer's receipt on the platform, a CROUS that buys."""

from __future__ import annotations

import pytest

from assistant.backends.embedded.guides import asks_for_the_source
from assistant.backends.embedded.sizing import add_the_previous_amount
from assistant.fr import extract, fold
from assistant.fr.figures import hours_short
from assistant.fr.quantities import parse_annual_amount
from assistant.fr.staffing import person_hours_of
from assistant.guardrails import check_request
from assistant.intents import IntentClassifier
from assistant.legal_questions import LegalQuestions
from assistant.redirects import load_redirects
from assistant.routing import route
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState
from tests.unit.conduct_rules import POLICY, rules

QUESTIONS = LegalQuestions.load(PROJECT_ROOT / "prompts" / "legal_questions.yaml")
REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")


def refused(message: str) -> list[str]:
    """The kinds of the legal guardrails that find an unlawful requirement in ``message``."""
    return [refusal.kind for refusal in check_request(message, POLICY.refusal_parts)]


@pytest.mark.parametrize(
    "message",
    [
        "Peut-on exiger que le titulaire du marché de mobilier des collèges embauche 2 personnes au RSA en CDI "
        "pendant la durée du marché ?",
        "je veux imposer aux agriculteurs d'embaucher un bénéficiaire du RSA, c'est possible ?",
        "peut-on obliger le titulaire à recruter des personnes en insertion ?",
    ],
)
def test_hiring_imposed_on_the_holder_is_refused_as_a_single_way(message: str) -> None:
    assert "single_route" in refused(message)


def test_a_firm_asking_whether_it_must_hire_is_answered_not_refused() -> None:
    assert refused("je suis obligé d embaucher qqun ?") == []


def test_a_public_put_first_is_a_question_on_publics_not_a_single_way() -> None:
    message = "on pourrait mettre une clause qui oblige l'entreprise à embaucher des femmes en priorité ?"
    assert "single_route" not in refused(message)


def test_hiring_left_free_is_not_refused() -> None:
    assert refused("on veut une clause d'insertion sans obliger le titulaire à embaucher lui-même") == []


@pytest.mark.parametrize(
    "message",
    [
        "Je mets 150h pour lui rendre service, ca pose probleme ?",
        "je veux que les personnes en insertion habitent la commune, c'est grave ?",
        "si on réserve les heures aux gens du village, il y a un risque ?",
    ],
)
def test_asking_whether_it_is_a_problem_is_read_as_such(message: str) -> None:
    assert QUESTIONS.asks_if_wrong(message)


@pytest.mark.parametrize("message", ["c'est légal ?", "je peux le faire ?", "la clause est-elle obligatoire ?"])
def test_asking_whether_it_is_allowed_is_not(message: str) -> None:
    assert not QUESTIONS.asks_if_wrong(message)


# --- batch-24, once its held-out runs were done ------------------------------------------------------------------


def test_a_firm_asking_what_failing_an_offered_rate_costs_is_not_refused() -> None:
    message = (
        "Peut-on s'engager dans le mémoire à faire 8% au lieu des 5% demandés pour gratter des points ? "
        "et si on y arrive pas au final c'est grave ?"
    )
    assert rules(message) == []


def test_a_rate_offered_for_the_score_and_not_meant_is_still_refused() -> None:
    assert "false_commitment" in rules("on met 10 % dans le mémoire pour gratter des points, au final on en fera 3 %")


def test_hours_done_only_with_a_named_ebe_is_an_imposed_structure() -> None:
    message = (
        "je veux que tu me fasses une clause pour le CCAP qui oblige l'entreprise titulaire à faire ses heures "
        "d'insertion exclusivement avec notre EBE"
    )
    assert refused(message)


def test_turning_down_a_candidate_for_a_post_with_minors_is_a_case_to_answer() -> None:
    message = (
        "on peut refuser un candidat envoyé par le PLIE s'il a un casier judiciaire ? on intervient dans des collèges"
    )
    assert "criminal_past_exclusion" not in rules(message)


def test_people_out_of_prison_excluded_in_advance_get_the_reason_about_people_not_firms() -> None:
    assert rules("je veux écarter d'office les candidats qui sortent de prison") == ["criminal_past_exclusion"]


def test_hours_due_and_done_give_the_hours_a_penalty_is_computed_on() -> None:
    assert hours_short(fold("On s'engage sur 1200 h, si on en fait que 800 ça nous coute combien ?")) == (1200, 800)


def test_more_hours_done_than_due_is_no_shortfall() -> None:
    assert hours_short(fold("objectif de 3 000 h, on est à 3 200 h")) is None


def test_a_penalty_named_between_the_sum_and_its_hour_is_a_penalty_per_hour() -> None:
    assert extract("c'est 40 € de pénalité par heure d'insertion non réalisée").penalty_per_hour == 40


def test_a_penalty_on_hours_due_and_done_is_computed(classifier: IntentClassifier) -> None:
    message = (
        "Dans le CCAP c'est 40 € de pénalité par heure d'insertion non réalisée. On s'engage sur 1200 h, "
        "si on en fait que 800 ça nous coute combien ?"
    )
    assert route(message, extract(message), {}, classifier, screening=POLICY.screen(message)).rule == (
        "own_figures:penalty"
    )


def test_a_new_amount_after_a_question_on_competition_asks_that_question_again(classifier: IntentClassifier) -> None:
    first = (
        "La mairie peut-elle nous confier l'entretien des espaces verts, 25 k€ HT par an, sans mise en concurrence ?"
    )
    state = ConversationState(last_intent="question", last_question=first)
    message = "et si c'est 45 k€ HT ?"
    decision = route(message, extract(message), state, classifier, screening=POLICY.screen(message))
    assert decision.intent == "question"


def test_local_firms_shut_out_of_a_reserved_market_is_no_local_preference() -> None:
    message = "Un marché réservé aux ESAT et EA, ça veut dire que les PME du coin peuvent pas répondre du tout ?"
    assert refused(message) == []


def test_a_lot_reserved_to_local_craftsmen_is_still_a_local_preference() -> None:
    assert "residence" in refused("un lot réservé aux ESAT et un autre réservé aux artisans locaux")


def test_whether_the_firm_may_count_its_long_standing_staff_is_answered_as_a_verdict() -> None:
    message = (
        "est-ce que l'entreprise peut compter des gars qu'elle a déjà en CDI depuis 3 ans comme heures d'insertion ?"
    )
    assert QUESTIONS.read(message) == "verdict"


def test_the_exact_reference_of_an_article_is_asked_not_a_text(classifier: IntentClassifier) -> None:
    state = ConversationState(last_intent="question", last_question="Peut-on réserver un marché de formation à l'ESS ?")
    message = "tu peux me donner la référence exacte de l'article ?"
    assert route(message, extract(message), state, classifier, screening=POLICY.screen(message)).intent == "question"


def test_asking_for_the_source_names_no_subject_of_its_own() -> None:
    assert asks_for_the_source("tu peux me donner la référence exacte de l'article ?")
    assert not asks_for_the_source("quel article permet de réserver un marché aux SIAE ?")


def test_whether_ones_offer_reached_the_platform_goes_to_the_platform_and_the_buyer() -> None:
    topic = REDIRECTS.sure("j'ai déposé mon offre pour le lot 2 sur la plateforme vendredi soir, c'est bien arrivé ?")
    assert topic is not None and topic.id == "offer_receipt"


def test_a_crous_buying_is_a_buyer_not_a_student() -> None:
    topic = REDIRECTS.sure("on est soumis au SPASER nous ? le CROUS seul fait pas 50M€ d'achats")
    assert topic is None or topic.id != "student_aid"


def test_a_cleaning_tender_closed_to_all_but_the_social_economy_is_refused() -> None:
    message = "je mets « le candidat doit être une entreprise de l'ESS » dans le RC du marché de nettoyage, ça marche ?"
    assert rules(message) == ["ess_reservation_outside_its_services"]


def test_a_social_services_market_reserved_to_the_social_economy_is_not_refused() -> None:
    assert rules("un marché de services sociaux réservé aux entreprises de l'ESS, c'est possible ?") == []


def test_scoring_the_share_of_staff_once_long_term_unemployed_is_a_general_policy_criterion() -> None:
    message = "Peut on mettre un critère 'part de salariés anciens chômeurs longue durée' dans l'analyse des offres ?"
    assert "general_policy_criterion" in rules(message)


def test_trainees_of_one_school_required_of_the_holder_is_an_imposed_structure() -> None:
    kinds = refused("mets dans la clause que l'entreprise doit prendre au moins 2 stagiaires E2C par chantier")
    assert kinds == ["imposed_structure"]


def test_unpaid_trainees_declared_as_insertion_hours_are_refused() -> None:
    message = "les jeunes sont en stage non rémunéré, l'entreprise peut les déclarer en heures d'insertion sans payer ?"
    assert "unpaid_trainees_counted" in rules(message)


def test_whether_a_volunteer_counts_is_a_question() -> None:
    assert rules("un bénévole de l'association peut compter dans les heures d'insertion ?") == []


def test_a_contracts_weekly_hours_are_read_as_the_week_not_as_a_volume() -> None:
    ask = person_hours_of("un gars en contrat de pro de 12 mois à 35h, ça fait combien d'heures ?", 35, None)
    assert ask is not None and (ask.months, ask.weekly_hours) == (12, 35)


def test_hours_said_beside_a_persons_week_are_not_taken_for_it() -> None:
    assert person_hours_of("une personne à 35 h par semaine sur 6 mois, et nos 700 h d'insertion ?", 700, None) is None


def test_a_contract_of_a_year_asked_in_hours_is_a_persons_hours(classifier: IntentClassifier) -> None:
    message = "si j'embauche un gars en contrat de pro de 12 mois à 35h, ça fait combien d'heures d'insertion ?"
    assert route(message, extract(message), {}, classifier, screening=POLICY.screen(message)).rule == "person_hours"


def test_an_annual_flat_fee_said_before_its_amount_is_an_annual_amount() -> None:
    assert parse_annual_amount("Notre forfait annuel c'est environ 480 k€ HT dont 55% de main d'oeuvre") == 480_000


def test_a_part_added_to_the_market_just_sized_is_sized_with_it(classifier: IntentClassifier) -> None:
    state = ConversationState(last_intent="sizing", sizing_params={"amount": 2_400_000, "annual_amount": 480_000})
    message = "et si on rajoute les bons de commande, estimés à 300k€ HT/an avec la même part de MO ?"
    decision = route(message, extract(message), state, classifier, screening=POLICY.screen(message))
    assert (decision.intent, decision.rule) == ("sizing", "added_to_the_market")


def test_the_added_part_and_the_market_are_summed_per_year() -> None:
    params = {"annual_amount": 300_000, "amount": 1_500_000, "months": 60}
    add_the_previous_amount(params, {"annual_amount": 480_000, "amount": 2_400_000, "months": 60})
    assert (params["annual_amount"], params["amount"]) == (780_000, 3_900_000)


def test_students_required_as_the_clauses_people_are_refused_with_the_national_categories() -> None:
    message = (
        "je peux obliger le prestataire de ménage à embaucher des étudiants boursiers dans le cadre de la clause ?"
    )
    assert "students_as_the_public" in rules(message)


def test_whether_a_student_counts_is_a_question() -> None:
    assert rules("un étudiant peut-il compter pour la clause ?") == []
