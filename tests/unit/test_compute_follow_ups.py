"""Computations a conversation asks after (or instead of) a sizing: one person's hours over a period,
the hourly cost swapped for a named reference, an extra year, a framework agreement known by its
maximum only, and trades without any published labour share (pure functions and routing)."""

from __future__ import annotations

import pytest

from assistant.backends.embedded.sizing import _ceiling
from assistant.fr import extract, fold, names_cost_base, parse_duration_months
from assistant.fr.staffing import person_hours_ask, weekly_hours_in
from assistant.routing import RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.sizing import load_grid
from assistant.sizing.staffing import person_hours

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
TRADES = [("gros_oeuvre", "Gros œuvre", ("gros œuvre", "gros oeuvre")), ("peinture", "Peinture", ("peinture",))]
AFTER_SIZING = {"last_intent": "sizing", "sizing_params": {"amount": 900_000, "labour_share": 0.4, "rate": 0.05}}


def decide(message: str, state: dict | None = None):
    return route(message, extract(message, TRADES), state or {}, screening=POLICY.screen(message))


def _grid():
    return load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")


# --- one person's hours over a period -------------------------------------------------------------


def test_hours_and_minutes_per_week_are_read_as_a_decimal() -> None:
    assert weekly_hours_in("il travaille 24h30 par semaine") == pytest.approx(24.5)


def test_a_part_timer_over_four_months_works_weekly_hours_times_the_weeks() -> None:
    found = person_hours(4, 20)
    assert found.weeks == pytest.approx(4 * 52 / 12)
    assert found.hours == pytest.approx(20 * 4 * 52 / 12)


def test_weeks_off_are_taken_from_one_persons_hours() -> None:
    assert person_hours(12, 35, weeks_off=5).hours == pytest.approx(35 * 47)


def test_one_persons_hours_asked_with_weekly_hours_and_a_period_are_read() -> None:
    ask = person_hours_ask("mon salarié en insertion fait 21 h par semaine pendant 9 mois, ça donne combien d'heures ?")
    assert ask is not None and ask.months == 9 and ask.weekly_hours == 21


def test_one_persons_hours_asked_at_half_time_are_read_as_half_a_full_time_week() -> None:
    ask = person_hours_ask("en CDD à mi-temps sur 8 mois, elle ferait combien d'heures ?")
    assert ask is not None and ask.weekly_hours is None and ask.time_share == 0.5 and ask.months == 8


def test_one_persons_hours_asked_without_weekly_hours_nor_time_share_are_not_read() -> None:
    assert person_hours_ask("un contrat de 6 mois, ça fait combien d'heures ?") is None


def test_a_number_of_people_asked_is_not_one_persons_hours() -> None:
    assert person_hours_ask("1 500 h à faire, à 35 h par semaine sur 6 mois, combien de personnes ?") is None


def test_hours_given_with_a_period_are_not_one_persons_hours_asked() -> None:
    assert decide("1 400 h à faire, à temps plein sur 8 mois, ça fait combien ?").rule != "person_hours"


def test_one_persons_hours_asked_is_routed_to_a_conversion() -> None:
    message = "un jeune en contrat de pro à 28h/semaine sur 10 mois, ça fait combien d'heures d'insertion ?"
    decision = decide(message)
    assert decision.intent == "conversion" and decision.rule == "person_hours"


# --- the hourly cost swapped for a reference named without a figure ---------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "et si on divise par le SMIC chargé au lieu du coût moyen ?",
        "Et avec le coût horaire réel de nos compagnons, ça change quoi ?",
        "si l'acheteur retient un taux horaire plus bas, ça donne quoi ?",
    ],
)
def test_a_named_hourly_reference_is_a_change_of_the_cost_base(message: str) -> None:
    assert names_cost_base(message)


def test_a_penalty_pegged_on_the_smic_is_not_a_change_of_the_cost_base() -> None:
    assert not names_cost_base("et si la pénalité c'était 2 fois le SMIC horaire par heure manquante ?")


def test_the_cost_base_named_after_a_sizing_is_a_sizing_follow_up() -> None:
    decision = decide("et si on prenait plutôt le SMIC chargé comme coût horaire, on arrive à combien ?", AFTER_SIZING)
    assert decision.intent == "sizing" and decision.follow_up


def test_the_cost_base_named_without_a_sizing_before_is_not_a_sizing() -> None:
    assert decide("et si on prenait plutôt le SMIC chargé comme coût horaire ?").intent != "sizing"


# --- an extra year ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "months"),
    [("on ajoute une 5e année ?", 60), ("et s'ils prolongent jusqu'à la troisième année ?", 36)],
)
def test_an_ordinal_year_is_the_duration_up_to_that_year(message: str, months: int) -> None:
    assert parse_duration_months(message) == months


def test_a_year_named_in_passing_is_not_a_duration() -> None:
    assert parse_duration_months("la 2e année on fera le bilan") is None


def test_an_extra_year_after_a_sizing_is_a_sizing_follow_up() -> None:
    decision = decide("et avec une quatrième année, on passe à combien ?", AFTER_SIZING)
    assert decision.intent == "sizing" and decision.follow_up


# --- a framework agreement known by its maximum only --------------------------------------------------


def test_a_framework_known_by_its_maximum_is_sized_on_it_as_a_plain_market() -> None:
    params = {"framework": True, "maximum_amount": 600_000, "months": 36, "labour_share": 0.3}
    assert _ceiling(params) == {"amount": 600_000, "months": 36, "labour_share": 0.3}


def test_a_framework_with_its_realistic_estimate_has_no_ceiling() -> None:
    assert _ceiling({"framework": True, "maximum_amount": 600_000, "amount": 400_000}) is None


# --- trades without any published share -------------------------------------------------------------


def test_green_spaces_have_their_hours_simulated_at_every_simulated_share() -> None:
    grid = _grid()
    green = grid.trade_by_id("espaces_verts")
    assert green is not None and grid.simulated_shares(green) == grid.share_simulation


def test_roadworks_are_never_simulated_at_the_building_average_or_above() -> None:
    grid = _grid()
    roads, building = grid.trade_by_id("vrd"), grid.comparison()
    assert roads is not None and building is not None and not grid.compared(roads)
    shares = grid.simulated_shares(roads)
    assert shares and all(share < (building.labour_share or 0) for share in shares)


def test_a_trade_with_a_published_share_is_not_simulated() -> None:
    grid = _grid()
    painting = grid.trade_by_id("peinture")
    assert painting is not None and grid.simulated_shares(painting) == []


def test_a_trade_getting_the_comparison_is_not_simulated() -> None:
    grid = _grid()
    plumbing = grid.trade_by_id("plomberie")
    assert plumbing is not None and grid.compared(plumbing) and grid.simulated_shares(plumbing) == []


def test_simulated_shares_are_fractions() -> None:
    assert all(0 < share < 1 for share in _grid().share_simulation)


# --- routing of a computation asked with a trade, and the lots table ------------------------------------


def test_an_amount_and_a_trade_with_hours_asked_are_sized_whatever_the_situation_around(classifier) -> None:
    message = "On relance le marché de peinture des écoles, 450 k€ HT ; combien d'heures d'insertion je demande ?"
    decision = route(message, extract(message, TRADES), {}, classifier, screening=POLICY.screen(message))
    assert decision.intent == "sizing" and decision.rule == "computation_asked"


def test_a_lots_table_gives_each_lots_etp_on_the_results_base() -> None:
    from assistant.presenting import sizing_markdown
    from assistant.sizing import SizingParams, size

    lots = [
        {"label": "GO", "amount": 1_607_000, "trade": "gros œuvre"},
        {"label": "P", "amount": 90_000, "trade": "peinture"},
    ]
    text = sizing_markdown(size(_grid(), SizingParams(lots=lots, hourly_cost=25)), "")
    assert "ETP (base 1 607 h)" in text
    assert "| 1 607 h | 1,00 |" in text.replace("\u202f", " ").replace("\xa0", " ")


def test_a_calculation_asked_after_a_question_without_hours_nor_market_continues_the_question(classifier) -> None:
    message = "ok, tu me fais le calcul en TTC alors ?"
    state = {"last_intent": "question"}
    decision = route(message, extract(message, TRADES), state, classifier, screening=POLICY.screen(message))
    assert decision.intent == "question"


def test_hours_asked_after_a_question_are_still_a_sizing(classifier) -> None:
    message = "bon, du coup je demande combien d'heures sur mon chantier ?"
    state = {"last_intent": "question"}
    decision = route(message, extract(message, TRADES), state, classifier, screening=POLICY.screen(message))
    assert decision.intent == "sizing"


def test_a_calculation_redone_after_a_computation_and_a_question_is_not_read_as_the_question(classifier) -> None:
    message = "ok, tu me fais le calcul en TTC alors ?"
    state = {"last_intent": "question", "conversion_hours": 900}
    decision = route(message, extract(message, TRADES), state, classifier, screening=POLICY.screen(message))
    assert decision.intent == "sizing"


def test_the_other_etp_bases_are_listed_with_a_space_before_each_semicolon() -> None:
    from assistant.backends.embedded.sizing import other_bases_sentence

    text = other_bases_sentence([(0.22, 1600), (0.19, 1820)])
    assert "0,22 ETP à 1 600 h ; 0,19 ETP à 1 820 h." in text and "h;" not in text


def test_a_long_request_to_redo_the_computation_with_a_new_duration_and_cost_follows_the_sizing() -> None:
    message = (
        "tu peux me faire le calcul sur la durée totale, 4 ans + 2 ans de reconduction ? "
        "en prenant un coût horaire de 35€ charges comprises"
    )
    decision = decide(message, AFTER_SIZING)
    assert (decision.intent, decision.follow_up) == ("sizing", True)


def test_refais_le_calcul_is_a_request_to_compute() -> None:
    decision = decide(
        "ok refais moi le calcul avec un coût horaire de 35 € de l'heure et sur la durée totale de 3 ans", AFTER_SIZING
    )
    assert (decision.intent, decision.follow_up) == ("sizing", True)


def test_people_asked_over_months_after_a_sizing_are_not_a_new_sizing() -> None:
    decision = decide("ok et ca fait combien de personnes à temps plein sur 6 mois a peu pres", AFTER_SIZING)
    assert decision.intent != "sizing"


def test_an_annual_amount_sized_over_several_years_says_how_its_total_was_made() -> None:
    from assistant.backends.embedded.sizing import SizingAnswers
    from assistant.presenting import load_messages

    answers = object.__new__(SizingAnswers)
    answers.messages = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")
    note = answers._annual_note({"annual_amount": 1_100_000, "months": 72, "amount": 6_600_000})
    assert "1 100 000 € HT par an × 72 mois (6 ans) = 6 600 000 € HT" in note
    assert answers._annual_note({"annual_amount": 1_100_000, "months": 12, "amount": 1_100_000}) == ""


# --- lots taken out of a sizing, or hours shared out between lots without their amounts ----------


@pytest.mark.parametrize(
    "message",
    [
        "et si j'exclus les lots électricité et plomberie, ça donne combien ?",
        "sans le lot VRD, ça fait combien d'heures ?",
        "ça donne quoi sur les 3 lots restants ?",
    ],
)
def test_lots_taken_out_of_the_market_are_read(message: str) -> None:
    from assistant.backends.embedded.sizing import _EXCLUDED_LOTS

    assert _EXCLUDED_LOTS.search(fold(message))


def test_a_market_in_lots_whose_hours_are_to_be_shared_out_is_read() -> None:
    from assistant.backends.embedded.sizing import _SHARED_OUT_BETWEEN_LOTS

    message = "900 k€ HT en 5 lots (GO, menuiseries, peinture…) : combien d'heures et comment je les répartis ?"
    assert _SHARED_OUT_BETWEEN_LOTS.search(fold(message))
    assert not _SHARED_OUT_BETWEEN_LOTS.search(fold("900 k€ HT en 5 lots, la clause est-elle obligatoire ?"))
