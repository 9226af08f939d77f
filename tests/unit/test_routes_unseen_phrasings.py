"""Requests phrased in ways the team did not write: one person's hours over weeks (and the same person working
longer), the market's full-time staff as its hours worked, texts wished for without an imperative (« il me faudrait
un courrier », « tu aurais une trame », « t'as un modèle de… »), the free text each names, explanations asked with
« faire » (« tu peux me faire la différence »), and questions on one's own data or duty that are not data requests."""

from __future__ import annotations

import pytest

from assistant.backends.embedded.sizing import _staff_hours
from assistant.fr import extract
from assistant.fr.clause_kinds import find_clause_kind, find_free_text, free_text_kind
from assistant.fr.market import market_activity
from assistant.fr.staffing import market_staff, period_change, person_hours_ask, staffing_ask
from assistant.intents import IntentClassifier
from assistant.routing import PERSON_HOURS_FOLLOW_UP, RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
AFTER_PERSON_HOURS = {"last_intent": "conversion", "conversion_hours": 455, "person_weekly_hours": 35}


def decide(message: str, classifier: IntentClassifier, state: dict | None = None):
    known = ConversationState.coerce(state or {})
    return route(message, extract(message, []), known, classifier, screening=POLICY.screen(message))


# --- one person's hours over a period counted in weeks ------------------------------------------------


def test_one_persons_hours_over_weeks_are_read_in_weeks() -> None:
    ask = person_hours_ask("j'ai fait 30 h par semaine pendant 10 semaines, ça fait combien d'heures ?")
    assert ask is not None and ask.weeks == 10 and ask.weekly_hours == 30


def test_an_hours_question_without_its_apostrophe_is_still_read() -> None:
    ask = person_hours_ask("en cdd 4 mois a 20h par semaine ca me fait combien d heures au total")
    assert ask is not None and ask.months == 4 and ask.weekly_hours == 20


def test_weeks_off_are_not_the_period_worked() -> None:
    assert person_hours_ask("à 35 h par semaine avec 4 semaines de congés, ça fait combien d'heures ?") is None


def test_one_persons_hours_over_weeks_are_routed_to_a_conversion(classifier) -> None:
    decision = decide("une mission d'intérim de 8 semaines à 39 h/semaine, ça fait combien d'heures ?", classifier)
    assert decision.intent == "conversion" and decision.rule == "person_hours"


def test_more_weeks_for_the_same_person_are_added_to_the_period() -> None:
    change = period_change("et si je fais encore 6 semaines ?")
    assert change is not None and change.weeks == 6 and change.added


def test_another_period_in_months_replaces_the_period() -> None:
    change = period_change("et sur 9 mois ?")
    assert change is not None and not change.added and change.months == 9


def test_another_period_right_after_one_persons_hours_extends_that_computation(classifier) -> None:
    decision = decide("et si je fais encore 6 semaines ?", classifier, AFTER_PERSON_HOURS)
    assert decision.intent == "conversion" and decision.rule == PERSON_HOURS_FOLLOW_UP


def test_another_period_after_a_conversion_of_hours_alone_is_not_one_persons_period(classifier) -> None:
    state = {"last_intent": "conversion", "conversion_hours": 455}
    assert decide("et si je fais encore 6 semaines ?", classifier, state).rule != PERSON_HOURS_FOLLOW_UP


def test_people_asked_over_a_period_in_weeks_are_read() -> None:
    ask = staffing_ask("ça fait combien de personnes si chaque contrat fait 35h par semaine pendant 3 semaines ?")
    assert ask is not None and ask.weeks == 3 and ask.months == pytest.approx(3 * 12 / 52)


# --- the market's full-time staff as its hours worked ----------------------------------------------------


def test_the_staff_of_a_market_is_read_with_a_rate_of_their_hours() -> None:
    assert market_staff("5 % des heures de conduite pour 250 conducteurs à temps plein") == 250


def test_full_time_equivalents_are_staff() -> None:
    assert market_staff("12 etp conseillers, on demande 5 % des heures") == 12


def test_staff_without_a_rate_of_their_hours_is_not_a_base() -> None:
    assert market_staff("6 techniciens sur site, marché de 900 k€, 5 % de la main d'oeuvre") is None


def test_the_staffs_hours_are_the_legal_year_times_the_years_of_the_market() -> None:
    params = {"amount": 900_000, "months": 36}
    _staff_hours(params, 6, 1607)
    assert params["hours_worked"] == 6 * 1607 * 3 and "amount" not in params


def test_a_rate_of_the_staffs_hours_is_sized(classifier) -> None:
    message = "si on prend 5% des heures, ça donne combien pour 40 agents à temps plein ?"
    assert decide(message, classifier, {"last_intent": "question"}).intent == "sizing"


# --- texts wished for without an imperative -----------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "il me faudrait un courrier pour relancer le titulaire qui n'envoie pas ses états",
        "tu aurais une trame de convention de globalisation ?",
        "t'as un modele de tableau de suivi à demander au titulaire ? colonnes heures, contrat, public",
        "Peux-tu m'écrire une note d'une page pour le bureau sur les marchés réservés ?",
        "tu peux me faire 3-4 lignes de justification pour le rapport de présentation ?",
        "Donnez-moi un projet de réponse au courrier de relance du maître d'ouvrage",
        "tu peux me faire le mail pour les contacter ? je cherche 2 opérateurs pour septembre",
        "vous pouvez m'aider à écrire une lettre pour dire que je suis intéressé ?",
        "tu peux m'écrire un message pour mon éducateur ?",
    ],
)
def test_a_text_wished_for_without_an_imperative_is_drafted(classifier, message: str) -> None:
    assert decide(message, classifier).intent == "drafting"


def test_whether_a_national_model_exists_is_a_question(classifier) -> None:
    assert decide("il existe un modèle de tableau de suivi des heures ?", classifier).intent == "question"


def test_the_score_of_a_criterion_is_no_note_to_write(classifier) -> None:
    decision = decide("tu peux me dire si un critère à 10 % de la note c'est trop ?", classifier)
    assert decision.intent == "question"


def test_a_reply_asked_for_is_no_draft_reply(classifier) -> None:
    assert decide("donne-moi une réponse claire : la clause est-elle obligatoire ?", classifier).intent == "question"


def test_a_difference_made_is_explained_not_drafted(classifier) -> None:
    assert decide("tu peux me faire la différence entre une EA et un ESAT ?", classifier).intent == "question"


def test_how_such_a_text_is_written_in_general_is_a_question(classifier) -> None:
    message = "comment je rédige un sous-critère insertion sans que tous les candidats copient la même chose ?"
    assert decide(message, classifier).rule != "drafting_request"


def test_how_to_write_that_text_is_still_drafted(classifier) -> None:
    message = "et comment je rédige la méthode de notation dans le RC pour ce sous-critère ?"
    assert decide(message, classifier).intent == "drafting"


# --- the free text each request names ---------------------------------------------------------------


def test_a_letter_asking_to_be_hired_is_a_cover_letter() -> None:
    message = "écris-moi une lettre pour demander à l'entreprise de m'embaucher après ma mission"
    assert find_free_text(message) == "cover-letter" and free_text_kind(message, "cover-letter") == "cover-letter"


def test_a_one_page_note_for_the_council_is_a_note_not_a_deliberation() -> None:
    assert find_free_text("une note d'une page pour le conseil communautaire sur les marchés réservés") == "note"


def test_a_note_pleading_for_reserved_markets_is_the_reservation_plea() -> None:
    message = "une note d'une page pour convaincre les élus de réserver certains marchés aux ESAT"
    assert free_text_kind(message, "note") == "reservation-plea"


def test_the_holders_reply_to_a_formal_notice_is_its_difficulty_letter() -> None:
    message = "mise en demeure reçue pour retard sur la clause : donnez-moi un projet de réponse"
    assert find_free_text(message) == "letter" and free_text_kind(message, "letter") == "difficulty-letter"


def test_lines_justifying_no_social_clause_are_the_derogation_note() -> None:
    message = "je dois justifier dans le rapport de présentation pourquoi je ne mets pas de clause sociale"
    assert find_clause_kind(message) == "derogation-note"


# --- one's own data and one's own duty are questions ------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "que sait le Département sur moi ? ils ont mon nom et que j'étais au RSA ?",
        "Que faut-il transmettre pour le bilan ? les noms des salariés, les bulletins de paie ?",
        "dois-je fournir les contrats de travail des salariés en insertion à l'acheteur ?",
    ],
)
def test_ones_own_data_or_duty_is_not_a_data_request(message: str) -> None:
    refused = POLICY.route(message)
    assert refused is None or refused.refusal != "personal_data"


def test_a_list_of_people_is_still_refused() -> None:
    refused = POLICY.route("peut-on me transmettre les noms des demandeurs d'emploi du quartier ?")
    assert refused is not None and refused.refusal == "personal_data"


def test_a_mail_saying_the_holder_struggles_and_asking_for_time_is_its_difficulty_letter() -> None:
    message = "écris-moi un mail à l'acheteur pour dire qu'on a du mal à faire les heures et demander un délai"
    assert free_text_kind(message, "email") == "difficulty-letter"


# --- what the market buys, named, when it is no building work -------------------------------------------


@pytest.mark.parametrize(
    ("message", "activity"),
    [
        ("le marché de denrées alimentaires fait 380 k€ HT par an", "denrées alimentaires"),
        ("Mon marché d'entretien des postes de relevage est un MAPA à 90k€ HT", "entretien des postes de relevage"),
        ("marché d’infogérance à 900 k€, 5 %", "infogérance"),
    ],
)
def test_what_the_market_buys_is_read_with_its_accents(message: str, activity: str) -> None:
    assert market_activity(message) == activity


@pytest.mark.parametrize(
    "message",
    ["un marché de 400 k€ HT, 5 %", "marché de travaux de 2 M€", "le marché de la salle polyvalente, 1,2 M€"],
)
def test_a_market_named_by_its_amount_works_or_place_names_no_activity(message: str) -> None:
    assert market_activity(message) is None


# --- a reference rate said back for confirmation ------------------------------------------------------


def test_a_reference_rate_to_confirm_without_an_amount_is_a_question(classifier: IntentClassifier) -> None:
    message = "La charte de l'ANRU, l'objectif c'est bien 5% des heures travaillées sur les travaux ?"
    assert decide(message, classifier).intent == "question"


def test_a_rate_to_confirm_with_an_amount_and_hours_asked_is_still_computed(classifier: IntentClassifier) -> None:
    assert decide("1,2 M€ de travaux, 5 % c'est bien ça ? ça fait combien d'heures ?", classifier).intent == "sizing"
