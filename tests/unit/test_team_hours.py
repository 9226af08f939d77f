"""The hours one or several people work on the market over a period (the inverse of staffing): weeks × weekly
hours × share of the time on the market × people, the time some hours take, and how French messages ask it."""

from __future__ import annotations

import pytest

from assistant.fr import extract, fold
from assistant.fr.staffing import (
    asks_coverage,
    asks_time_to_cover,
    on_market_share,
    people_count,
    person_hours_ask,
)
from assistant.routing import COVERAGE, PROCEDURE_QUESTION, SHARE_FOLLOW_UP, TIME_TO_COVER, RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.sizing.staffing import team_hours, time_to_cover

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
TRADES = [("proprete", "Propreté et nettoyage", ("nettoyage", "propreté"))]


def decide(message: str, state: dict | None = None):
    return route(message, extract(message, TRADES), state or {}, screening=POLICY.screen(message))


def share(message: str) -> float | None:
    found = on_market_share(fold(message))
    return None if found is None else found.share


# --- the computation -------------------------------------------------------------------------------------


def test_an_alternant_two_weeks_out_of_four_works_half_the_weeks_of_a_two_year_contract() -> None:
    assert team_hours(24, 35, on_market=0.5, etp_base=1607).hours == pytest.approx(24 * 52 / 12 * 35 / 2)


def test_two_half_time_people_work_twice_one_half_time_persons_hours() -> None:
    assert team_hours(8, 17.5, people=2, etp_base=1607).hours == pytest.approx(2 * 8 * 52 / 12 * 17.5)


def test_the_annual_basis_counts_1607_hours_a_year_paid_leave_deducted() -> None:
    assert team_hours(24, 35, on_market=0.5, etp_base=1607).annual_basis == pytest.approx(1607)


def test_a_share_on_the_market_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError):
        team_hours(6, 35, on_market=1.5, etp_base=1607)


def test_350_hours_at_35_hours_a_week_take_ten_weeks() -> None:
    assert time_to_cover(350).weeks == pytest.approx(10)


def test_a_share_of_each_week_elsewhere_lengthens_the_weeks_of_work() -> None:
    assert time_to_cover(350, share=0.8).weeks == pytest.approx(12.5)


def test_an_alternance_by_weeks_spreads_the_weeks_of_work_over_the_calendar() -> None:
    found = time_to_cover(350, week_share=0.5)
    assert (found.weeks, found.calendar_weeks) == pytest.approx((10, 20))


# --- reading the share of time on the market -------------------------------------------------------------


def test_weeks_at_the_training_centre_and_in_the_firm_give_the_share_in_the_firm() -> None:
    assert share("alternance 2 semaines CFA / 2 semaines entreprise") == pytest.approx(0.5)


def test_weeks_in_the_firm_said_first_give_the_same_share() -> None:
    assert share("3 semaines en entreprise pour 1 semaine au CFA") == pytest.approx(0.75)


def test_one_week_out_of_three_at_the_training_centre_leaves_two_thirds() -> None:
    assert share("une semaine sur trois au CFA") == pytest.approx(2 / 3)


def test_one_training_day_a_week_leaves_four_days_out_of_five() -> None:
    assert share("ils sont en formation 1 jour par semaine au centre") == pytest.approx(0.8)


def test_a_percentage_on_the_site_is_the_share_of_each_week() -> None:
    found = on_market_share(fold("et s'il n'est qu'à 80 % sur ce chantier ?"))
    assert found is not None and found.share == pytest.approx(0.8) and not found.by_weeks


def test_weeks_off_are_not_a_share_of_time_on_the_market() -> None:
    assert share("4 semaines de congés sur 6 mois") is None


def test_the_people_named_with_a_number_are_counted() -> None:
    assert people_count(fold("2 personnes à mi-temps pendant 8 mois")) == 2


def test_a_message_naming_no_number_of_people_counts_one() -> None:
    assert people_count(fold("un apprenti à 35 h par semaine")) == 1


# --- what the message asks ---------------------------------------------------------------------------------


def test_a_contract_in_years_is_the_persons_period() -> None:
    ask = person_hours_ask("un apprenti en contrat de 2 ans, 35 h/semaine, combien d'heures ?")
    assert ask is not None and ask.months == 24


def test_an_age_in_years_is_not_the_persons_period() -> None:
    ask = person_hours_ask("un jeune de moins de 26 ans à 35 h par semaine pendant 6 mois, combien d'heures ?")
    assert ask is not None and ask.months == 6


def test_an_alternance_without_weekly_hours_is_read_on_a_full_time_contract() -> None:
    ask = person_hours_ask("un apprenti sur 2 ans, une semaine sur trois au CFA, combien d'heures sur le chantier ?")
    assert ask is not None and ask.weekly_hours is None and ask.time_share == 1.0 and ask.on_market is not None


def test_a_coverage_question_asks_the_hours_of_the_people_too() -> None:
    ask = person_hours_ask("2 personnes à mi-temps pendant 8 mois, est-ce que ça couvre nos 700 h ?")
    assert ask is not None and ask.people == 2


def test_the_time_to_cover_hours_is_asked_for_a_named_person() -> None:
    assert asks_time_to_cover(fold("elle a un apprenti, combien de temps il faut qu'il bosse pour les 350 h ?"))


def test_covering_the_clauses_hours_is_asked() -> None:
    assert asks_coverage(fold("est-ce que ça couvre nos 350 h ?"))


# --- routing -----------------------------------------------------------------------------------------------


def test_an_alternants_hours_over_a_contract_in_years_are_a_conversion() -> None:
    message = "apprenti en alternance 2 semaines CFA / 2 semaines entreprise, 35h par semaine, contrat de 2 ans. ça fait combien d'heures ?"
    assert decide(message).intent == "conversion"


def test_the_time_some_hours_take_for_an_apprentice_is_a_conversion() -> None:
    message = "350 h d'insertion à faire, elle a un apprenti : combien de temps il faut qu'il bosse sur ce chantier ?"
    decision = decide(message)
    assert (decision.intent, decision.rule) == ("conversion", TIME_TO_COVER)


def test_the_clauses_hours_after_a_persons_hours_are_compared() -> None:
    state = {"last_intent": "conversion", "conversion_hours": 1213, "person_weekly_hours": 17.5}
    decision = decide("est-ce que ça couvre nos 350 h ?", state)
    assert (decision.intent, decision.rule) == ("conversion", COVERAGE)


def test_a_new_share_on_the_market_after_a_conversion_redoes_it() -> None:
    state = {"last_intent": "conversion", "conversion_hours": 350}
    decision = decide("et si il est que a 80% sur ce chantier ?", state)
    assert (decision.intent, decision.rule) == ("conversion", SHARE_FOLLOW_UP)


def test_a_new_alternance_rhythm_is_a_share_not_a_new_period() -> None:
    state = {"last_intent": "conversion", "conversion_hours": 1820, "person_weekly_hours": 35}
    decision = decide("et si c'est 3 semaines en entreprise pour 1 semaine au CFA ?", state)
    assert decision.rule == SHARE_FOLLOW_UP


def test_a_procedure_question_giving_an_amount_is_answered_not_sized() -> None:
    decision = decide("Marché de nettoyage, 45 000 € HT par an sur 4 ans. C'est un MAPA ?")
    assert (decision.intent, decision.rule) == ("question", PROCEDURE_QUESTION)


def test_a_procedure_named_beside_hours_asked_is_still_sized() -> None:
    decision = decide("MAPA de nettoyage à 90 k€ HT sur 1 an, combien d'heures ça ferait ?")
    assert decision.intent == "sizing"


def test_a_procedure_question_that_also_speaks_of_hours_is_left_to_the_other_rules() -> None:
    decision = decide(
        "Nettoyage à 90 k€ HT par an sur 3 ans : c'est un MAPA ? et les heures d'insertion, je mets quoi ?"
    )
    assert decision.rule != PROCEDURE_QUESTION


# --- amounts and costs users write -------------------------------------------------------------------------


def test_a_contract_of_seven_years_is_the_markets_duration() -> None:
    from assistant.fr import parse_duration_months

    assert parse_duration_months("sur un contrat de 7 ans, masse salariale de 9 M€/an") == 84


def test_a_work_contract_of_two_years_is_not_the_markets_duration() -> None:
    from assistant.fr import parse_duration_months

    assert parse_duration_months("un apprenti en contrat de 2 ans") is None


def test_a_day_rate_is_read_as_a_price_per_day() -> None:
    from assistant.fr import parse_day_rate

    assert parse_day_rate("et avec un TJM a 550 ?") == 550


def test_a_price_per_day_in_euros_is_a_day_rate() -> None:
    from assistant.fr import parse_day_rate

    assert parse_day_rate("on facture 600 €/jour") == 600


def _grid():
    from assistant.sizing import load_grid

    return load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")


def test_an_hourly_cost_like_a_selling_price_is_flagged() -> None:
    from assistant.sizing import SizingParams, size

    result = size(_grid(), SizingParams(amount=240_000, labour_share=0.35, rate=0.05, hourly_cost=45))
    assert any("prix de vente" in warning for warning in result.warnings)


def test_a_usual_loaded_hourly_cost_is_not_flagged() -> None:
    from assistant.sizing import SizingParams, size

    result = size(_grid(), SizingParams(amount=240_000, labour_share=0.35, rate=0.05, hourly_cost=30))
    assert not any("prix de vente" in warning for warning in result.warnings)


def test_the_labour_share_method_shows_the_insertion_amount_in_euros() -> None:
    from assistant.sizing import SizingParams, size

    result = size(_grid(), SizingParams(amount=45_000, labour_share=0.6, rate=0.07, hourly_cost=25))
    assert any("1 890" in note.replace("\u202f", " ").replace("\xa0", " ") for note in result.notes)


def test_a_payroll_amount_counts_its_labour_share_at_100_percent() -> None:
    from assistant.backends.embedded.sizing import _payroll_amount

    message = "masse salariale de 9 M€/an, taux horaire chargé moyen 38 €, objectif 5 % des heures travaillées"
    params: dict = {}
    _payroll_amount(params, extract(message, TRADES), message)
    assert params["labour_share"] == 1.0
