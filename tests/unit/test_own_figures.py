"""Computations over the user's own figures: a penalty and its cap, progress against a prorated target, one
person's hours over a year, an amendment's rise from a given year, a result scaled to a new amount (readers,
arithmetic and routing; every operand comes from the conversation, never from a guessed ratio)."""

from __future__ import annotations

import pytest

from assistant.fr import extract, fold, parse_duration_months
from assistant.fr.figures import (
    missing_hours,
    monthly_change,
    monthly_hours,
    penalty_cap_share,
    progress,
    raise_from_year,
    scales_to_a_new_amount,
)
from assistant.routing import OWN_FIGURES, RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.sizing import figures as own

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


def decide(message: str, state: dict | None = None):
    return route(message, extract(message), state or {}, screening=POLICY.screen(message))


# --- readers -------------------------------------------------------------------------------------------


def test_hours_still_missing_are_read_after_manquer() -> None:
    assert missing_hours(fold("il nous manque encore 310 h pour finir l'année")) == 310


def test_hours_not_done_are_read_as_missing() -> None:
    assert missing_hours(fold("on a 1 250 heures non réalisées")) == 1250


def test_hours_done_are_not_missing_hours() -> None:
    assert missing_hours(fold("on a fait 310 h")) is None


def test_a_cap_as_a_share_of_the_amount_is_read_as_a_fraction() -> None:
    assert penalty_cap_share(fold("avec un plafond de 5 % du montant du marché")) == pytest.approx(0.05)


def test_progress_reads_the_target_the_duration_the_time_gone_by_and_the_hours_done() -> None:
    found = progress(fold("4 800 h d'insertion sur 4 ans, on est à la fin de la 3e année et on a fait 3 000 h"), None)
    assert found is not None and (found.target, found.months, found.elapsed, found.done) == (4800, 48, 36, 3000)


def test_progress_takes_the_longest_other_period_as_the_duration() -> None:
    found = progress(fold("600 heures d insertion, on est a 150 h au bout de 6 mois sur un chantier de 20 mois"), 6)
    assert found is not None and found.months == 20 and found.elapsed == 6


def test_progress_without_the_hours_done_is_not_read() -> None:
    assert progress(fold("4 800 h d'insertion sur 4 ans, on est à la fin de la 3e année"), 48) is None


def test_monthly_hours_are_read_with_a_slash_or_in_words() -> None:
    assert monthly_hours(fold("un contrat de 86 h/mois")) == 86
    assert monthly_hours(fold("elle fait 120 heures par mois")) == 120


def test_new_monthly_hours_from_a_month_are_read_with_that_month() -> None:
    found = monthly_change(fold("et s'il monte à 151 h par mois à partir d'avril ?"))
    assert found is not None and found.hours == 151 and found.month == 4


def test_a_rise_from_a_year_is_read_as_a_share_and_that_year() -> None:
    found = raise_from_year(fold("une augmentation de 20 % à partir de l'année 4"))
    assert found is not None and found.share == pytest.approx(0.2) and found.from_year == 4


def test_a_rise_without_its_year_is_not_read() -> None:
    assert raise_from_year(fold("un avenant de +20 %")) is None


def test_applying_the_result_to_another_amount_is_read_as_scaling() -> None:
    assert scales_to_a_new_amount(fold("si on rapporte ça à un programme de 40 M€ ?"))


# --- arithmetic ----------------------------------------------------------------------------------------


def test_a_penalty_is_the_missing_hours_times_the_amount_per_hour() -> None:
    assert own.penalty(120, 35).found["penalty"] == 4200


def test_a_penalty_under_its_cap_is_due_in_full() -> None:
    computed = own.capped_penalty(4200, 0.05, 200_000)
    assert computed.found == {"cap": 10_000, "due": 4200}
    assert computed.lines[1][0] == "figures.cap_not_reached"


def test_a_penalty_over_its_cap_is_brought_down_to_the_cap() -> None:
    computed = own.capped_penalty(15_000, 0.05, 200_000)
    assert computed.found["due"] == 10_000 and computed.lines[1][0] == "figures.cap_reached"


def test_progress_compares_the_hours_done_with_the_target_prorated_over_the_time_gone_by() -> None:
    computed = own.prorated_progress(
        progress(fold("4 800 h d'insertion sur 4 ans, fin d'année 3, on a fait 3 000 h"), None)
    )  # type: ignore[arg-type]
    assert computed.found["expected"] == pytest.approx(3600) and computed.found["gap"] == pytest.approx(600)


def test_progress_asked_as_late_opens_with_yes_when_behind_the_prorated_target() -> None:
    found = progress(fold("4 800 h d'insertion sur 4 ans, fin d'année 3, on a fait 3 000 h : on est en retard ?"), None)
    assert found is not None and own.prorated_progress(found).lines[0][0] == "figures.progress_yes"


def test_progress_asked_as_on_track_opens_with_no_when_behind_the_prorated_target() -> None:
    found = progress(fold("4 800 h d'insertion sur 4 ans, fin d'année 3, on a fait 3 000 h : dans les clous ?"), None)
    assert found is not None and own.prorated_progress(found).lines[0][0] == "figures.progress_no"


def test_monthly_hours_make_twelve_times_as_many_hours_a_year() -> None:
    assert own.year_of_monthly_hours(86, 1607).found["year"] == 86 * 12


def test_new_monthly_hours_from_a_month_count_from_that_month_to_december() -> None:
    change = monthly_change(fold("151 h par mois à partir d'avril"))
    assert change is not None
    assert own.year_of_monthly_hours(86, 1607, change).found["year"] == 3 * 86 + 9 * 151


def test_a_rise_from_a_year_applies_to_that_year_and_the_following_ones() -> None:
    rise = raise_from_year(fold("augmentation de 20 % à partir de l'année 4"))
    assert rise is not None
    computed = own.raised_from_year(1000, 5, rise)
    assert computed.found["after"] == pytest.approx(1200)
    assert computed.found["total"] == pytest.approx(3 * 1000 + 2 * 1200)


def test_a_result_scaled_to_a_new_amount_keeps_its_hours_per_euro() -> None:
    assert own.scaled(500, 1_000_000, 4_000_000, 1607).found["hours"] == pytest.approx(2000)


# --- routing -------------------------------------------------------------------------------------------


def test_missing_hours_with_a_penalty_per_hour_are_routed_to_a_computation() -> None:
    decision = decide("le CCAP prévoit 35 € par heure non réalisée et il nous manque 120 h : ça coûte combien ?")
    assert decision.intent == "conversion" and decision.rule == f"{OWN_FIGURES}:penalty"


def test_a_cap_after_a_penalty_computed_is_routed_to_the_capped_penalty() -> None:
    state = {"last_intent": "conversion", "figures": {"penalty": 4200}}
    decision = decide("et s'il y a un plafond de 5 % du montant du marché de 200 000 € HT ?", state)
    assert decision.rule == f"{OWN_FIGURES}:penalty_cap"


def test_a_rate_per_hour_after_missing_hours_were_shown_is_routed_to_their_penalty() -> None:
    state = {"last_intent": "question", "figures": {"missing": 80}}
    decision = decide("et à 45 € l'heure ?", state)
    assert decision.rule == f"{OWN_FIGURES}:penalty"


def test_an_hourly_cost_without_missing_hours_known_is_no_penalty() -> None:
    decision = decide("et à 45 € l'heure ?", {"last_intent": "question"})
    assert not decision.rule.startswith(OWN_FIGURES)


def test_a_new_amount_after_missing_hours_is_no_penalty_follow_up() -> None:
    state = {"last_intent": "question", "figures": {"missing": 80}}
    decision = decide("et pour un marché de 400 000 € HT à 35 € l'heure ?", state)
    assert decision.rule != f"{OWN_FIGURES}:penalty"


def test_a_cap_without_any_penalty_computed_is_not_an_own_figures_computation() -> None:
    decision = decide("un plafond de 5 % du montant du marché de 200 000 € HT, c'est courant ?")
    assert not decision.rule.startswith(OWN_FIGURES)


def test_progress_asked_with_its_four_figures_is_routed_to_a_computation() -> None:
    decision = decide(
        "4 800 h d'insertion sur 4 ans, on est à la fin de la 3e année avec 3 000 h réalisées : ça donne quoi, on est en retard ?"
    )
    assert decision.rule == f"{OWN_FIGURES}:progress"


def test_hours_a_year_asked_after_monthly_hours_were_said_are_routed_to_a_computation() -> None:
    decision = decide(
        "et sur une année ça fait combien ?", {"last_intent": "question", "figures": {"monthly_hours": 86}}
    )
    assert decision.rule == f"{OWN_FIGURES}:year_hours"


def test_a_rise_from_a_year_after_a_sizing_is_routed_to_a_computation() -> None:
    state = {"last_intent": "sizing", "last_hours": 5000, "sizing_params": {"amount": 3_000_000, "months": 60}}
    assert decide("et avec une hausse de 20 % à partir de l'année 4 ?", state).rule == f"{OWN_FIGURES}:raise"


def test_a_new_amount_to_apply_the_last_result_to_is_routed_to_scaling() -> None:
    state = {"last_intent": "sizing", "last_hours": 500, "sizing_params": {"amount": 1_000_000}}
    assert decide("et si on applique ça à un programme de 40 M€ ?", state).rule == f"{OWN_FIGURES}:scaled"


# --- per year and over the whole duration ---------------------------------------------------------------


def test_one_year_asked_before_the_whole_duration_is_not_the_markets_duration() -> None:
    assert parse_duration_months("à 5 % sur 90 k€ par an : sur un an et sur les 3 ans ?") == 36


def test_one_year_alone_stays_the_markets_duration() -> None:
    assert parse_duration_months("un marché de 90 k€ sur un an") == 12


# --- the rate among the user's percentages -------------------------------------------------------------


def test_a_small_share_of_a_wage_bill_is_the_insertion_rate() -> None:
    assert extract("la clause représente 3 % de la masse salariale de 800 k€ par an").rate == pytest.approx(0.03)


def test_a_clause_written_with_an_equals_sign_gives_the_rate() -> None:
    assert extract("marché de 500 k€ sur 2 ans, clause = 6 %, combien d'heures ?").rate == pytest.approx(0.06)


def test_the_percentage_a_new_one_replaces_has_no_role() -> None:
    found = extract("et avec 8 % des heures de main-d'œuvre plutôt que 6 % ?")
    assert found.rate == pytest.approx(0.08) and found.labour_share is None
