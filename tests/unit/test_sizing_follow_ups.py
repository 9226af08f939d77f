"""Quantities read in sizing requests and follow-ups: an insertion share of the labour is a rate,
renewals count in the duration, « 1,35M » in a list is an amount; the grid's comparison trade."""

from __future__ import annotations

import pytest

from assistant.fr import parse_amounts, parse_duration_months, parse_labour_share, parse_rate
from assistant.settings import PROJECT_ROOT
from assistant.sizing import load_grid, size_labour_share


@pytest.mark.parametrize(
    "message",
    [
        "on lui demande 5% de main d'oeuvre en insertion",
        "et si on met 7% de la main d'oeuvre ?",
        "Calcule moi 10% de la MO en heures d'insertion",
    ],
)
def test_a_share_of_the_labour_given_to_insertion_is_the_insertion_rate(message: str) -> None:
    assert parse_rate(message) is not None and parse_labour_share(message) is None


def test_a_share_of_labour_in_the_amount_stays_the_labour_share() -> None:
    assert parse_labour_share("part MO ~75%, calcule 10% de la MO en heures d'insertion") == pytest.approx(0.75)
    assert parse_rate("part MO ~75%, calcule 10% de la MO en heures d'insertion") == pytest.approx(0.10)


def test_a_large_share_after_a_verb_stays_the_labour_share() -> None:
    assert parse_labour_share("on met 50 % de main d'oeuvre") == pytest.approx(0.50)


@pytest.mark.parametrize(
    ("message", "months"),
    [("et sur toute la durée, 1 an + 3 reconductions ?", 48), ("un an reconductible 3 fois", 48), ("sur 3 ans", 36)],
)
def test_renewals_count_in_the_whole_duration(message: str, months: int) -> None:
    assert parse_duration_months(message) == months


def test_a_decimal_million_without_euro_sign_in_a_list_is_an_amount() -> None:
    values = [a.value for a in parse_amounts("VRD 420k, GO 1,35M, charpente 510k")]
    assert values == [420_000, 1_350_000, 510_000]


def test_a_length_in_metres_is_not_an_amount() -> None:
    assert parse_amounts("une tranchée de 1,35 m de large") == []


def test_the_comparison_trade_is_a_sourced_trade_with_a_share() -> None:
    grid = load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")
    compared = grid.comparison()
    assert compared is not None and compared.sourced and compared.labour_share == pytest.approx(0.5)


def _grid():
    return load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")


def test_a_rate_at_the_top_of_the_usual_range_is_pointed_out() -> None:
    result = size_labour_share(_grid(), amount=450_000, labour_share=0.75, rate=0.10, hourly_cost=28)
    assert any("haut de la fourchette habituelle" in warning for warning in result.warnings)


def test_a_usual_rate_gets_no_range_warning() -> None:
    result = size_labour_share(_grid(), amount=450_000, labour_share=0.75, rate=0.05, hourly_cost=28)
    assert not any("fourchette habituelle" in warning for warning in result.warnings)


def test_a_cleaning_market_sized_on_its_labour_share_mentions_the_staff_transfer_method() -> None:
    result = size_labour_share(_grid(), amount=450_000, trade="propreté", rate=0.05)
    assert any("PACT Propreté" in note for note in result.notes)


def test_a_building_market_gets_no_staff_transfer_note() -> None:
    result = size_labour_share(_grid(), amount=450_000, trade="peinture", rate=0.05)
    assert not any("PACT Propreté" in note for note in result.notes)


def test_roadworks_get_no_comparison_figure() -> None:
    grid = _grid()
    vrd = grid.trade_by_id("vrd")
    assert vrd is not None and not grid.compared(vrd)


def test_a_building_trade_without_published_share_gets_the_comparison() -> None:
    grid = _grid()
    joinery = grid.trade_by_id("menuiserie")
    assert joinery is not None and grid.compared(joinery)
