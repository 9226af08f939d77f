"""Hours worked the user knows: the rate applies to them rather than to an estimate from the amount,
follow-ups change the rate or the duration on them, and a yearly volume counts per year."""

from __future__ import annotations

from assistant.backends.embedded.sizing import _prefer_worked_hours
from assistant.fr import extract, worked_hours_per_year
from assistant.fr.quantities import parse_worked_hours

SECURITY = (
    "Marché gardiennage 520 k€ HT/an, la clause prévoit 5% des heures travaillées. "
    "On est sur environ 21 000 heures de vacation par an. Ça fait combien d'heures d'insertion ?"
)


def test_hours_of_vacation_are_hours_worked() -> None:
    assert parse_worked_hours("environ 21 000 heures de vacation par an") == 21_000


def test_hours_of_service_are_hours_worked() -> None:
    assert parse_worked_hours("on facture 3 000 heures de prestation") == 3_000


def test_hours_worked_said_per_year_are_a_yearly_volume() -> None:
    assert worked_hours_per_year("on fait 1 200 h de main-d'œuvre par an sur ce marché")


def test_hours_worked_without_a_period_are_not_yearly() -> None:
    assert not worked_hours_per_year("on fait 1 200 h de main-d'œuvre sur ce marché")


def test_known_hours_worked_replace_the_amount() -> None:
    params = {"amount": 520_000.0, "annual_amount": 520_000.0, "months": 12, "hours_worked": 21_000}
    _prefer_worked_hours(params, extract(SECURITY, []), SECURITY)
    assert "amount" not in params and params["hours_worked"] == 21_000


def test_yearly_hours_worked_are_multiplied_by_the_years_of_a_later_duration() -> None:
    params = {"hours_worked": 21_000, "annual_hours_worked": 21_000, "months": 48, "amount": 2_080_000.0}
    message = "et sur les 4 ans du marché si on reste à 5% ?"
    _prefer_worked_hours(params, extract(message, []), message)
    assert params["hours_worked"] == 84_000 and "amount" not in params


def test_a_new_amount_without_hours_worked_sizes_on_the_amount_again() -> None:
    params = {"hours_worked": 21_000, "annual_hours_worked": 21_000, "amount": 900_000.0}
    message = "et pour un marché de 900 000 € ?"
    _prefer_worked_hours(params, extract(message, []), message)
    assert "hours_worked" not in params and params["amount"] == 900_000.0


def test_a_rate_following_a_percentage_of_the_hours_worked_replaces_it() -> None:
    from assistant.backends.embedded.sizing import _rate_is_of_hours

    assert _rate_is_of_hours("et pour 7% ?", {"hours_worked": 21_000, "percent_of_hours": 0.05}, True)


def test_a_rate_in_a_fresh_sizing_is_a_rate_on_the_amount() -> None:
    from assistant.backends.embedded.sizing import _rate_is_of_hours

    assert not _rate_is_of_hours("et pour 7% ?", {"percent_of_hours": 0.05}, False)


def test_a_conversion_over_four_months_gives_the_hours_per_month() -> None:
    from assistant.backends.embedded.sizing import hiring_figures

    figures = dict(hiring_figures({"hours": 700, "months": 4, "etp_total": 0.44, "etp_per_year": 1.31}, None))
    assert figures["conversion.per_month"]["monthly"] == "175"


def test_a_conversion_over_a_year_gives_no_hours_per_month() -> None:
    from assistant.backends.embedded.sizing import hiring_figures

    assert hiring_figures({"hours": 4500, "months": 12, "etp_total": 2.8, "etp_per_year": 2.8}, None) == []


def test_part_time_weekly_hours_turn_the_etp_into_more_posts() -> None:
    from assistant.backends.embedded.sizing import hiring_figures

    figures = dict(hiring_figures({"hours": 4500, "months": 12, "etp_total": 2.8, "etp_per_year": 2.8}, 26))
    assert figures["conversion.posts_at_weekly"]["posts"] == "3,8"


def test_the_markets_hours_are_its_labour_when_the_clause_is_a_share_of_the_hours() -> None:
    text = "La clause dit 5 % des heures travaillées. Le marché c'est environ 14 000 h par an. Ça fait combien ?"
    assert parse_worked_hours(text) == 14000


def test_the_markets_hours_of_insertion_are_never_its_labour() -> None:
    assert parse_worked_hours("Le marché prévoit 350 h d'insertion, ça fait 5 % des heures ?") is None


def test_the_markets_hours_without_a_share_of_the_hours_are_not_read_as_labour() -> None:
    assert parse_worked_hours("Le marché fait 2 000 h, la clause est à 5 % du montant") is None


def test_hours_of_an_activity_said_to_be_the_markets_are_its_labour_when_the_clause_is_a_share_of_the_hours() -> None:
    text = "la clause c'est 7 % des heures. On estime 4 000 h de conduite et manutention par an sur ce marché."
    assert parse_worked_hours(text) == 4000


def test_hours_of_an_activity_named_for_the_market_without_a_share_of_the_hours_are_not_labour() -> None:
    assert parse_worked_hours("On estime 4 000 h de conduite par an sur ce marché, à 5 % du montant.") is None


def test_insertion_hours_said_to_be_the_markets_are_never_its_labour() -> None:
    assert parse_worked_hours("le CCAP prévoit 5 % des heures : 350 h d'insertion sur ce marché") is None
