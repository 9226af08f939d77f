"""Figures a question gives that make a number by plain arithmetic: a workforce's share in insertion from head
counts, an amount from a quantity at a unit price (tonnes and kilograms converted, per year, over the years)."""

from __future__ import annotations

import pytest

from assistant.fr import fold
from assistant.fr.staff_share import staff_share
from assistant.fr.unit_price import unit_price


def test_people_in_insertion_and_permanent_staff_make_the_share_of_the_workforce() -> None:
    found = staff_share(fold("nous avons 18 salariés en parcours et 7 permanents"))
    assert found is not None and (found.part, found.total) == (18, 25) and found.share == pytest.approx(0.72)


def test_a_workforce_of_which_some_have_a_disability_makes_their_share() -> None:
    found = staff_share(fold("on compte 30 salariés dont 17 travailleurs handicapés"))
    assert found is not None and (found.part, found.total) == (17, 30)


def test_one_side_of_the_workforce_alone_is_no_share() -> None:
    assert staff_share(fold("on a 12 salariés en insertion")) is None


def test_more_people_of_a_kind_than_the_workforce_is_no_share() -> None:
    assert staff_share(fold("10 salariés dont 14 en insertion")) is None


def test_tonnes_priced_per_kilogram_are_converted_before_the_product() -> None:
    found = unit_price(fold("20 tonnes par an à 2,10 € HT le kg, ça fait combien ?"))
    assert found is not None and found.quantity == 20_000 and found.amount == pytest.approx(42_000)


def test_a_yearly_quantity_over_several_years_keeps_the_years() -> None:
    found = unit_price(fold("8 000 repas par an à 5 € le repas, combien sur 4 ans ?"))
    assert found is not None and (found.per_year, found.years, found.amount) == (True, 4, 40_000)


def test_a_price_without_a_result_asked_is_not_computed() -> None:
    assert unit_price(fold("on livre 8 000 repas à 5 € le repas")) is None


def test_a_quantity_in_another_kind_of_unit_is_not_multiplied() -> None:
    assert unit_price(fold("300 m2 à 1,40 € le kg, ça fait combien ?")) is None


def test_a_unit_price_asked_to_be_multiplied_is_never_a_market_amount_to_size() -> None:
    from assistant.fr import extract
    from assistant.routing import UNIT_PRICE, RefusalPolicy, route
    from assistant.settings import PROJECT_ROOT

    message = "50 tonnes par an à 3 € le kg, ça fait combien sur 2 ans ?"
    policy = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
    decision = route(message, extract(message), {}, screening=policy.screen(message))
    assert decision.intent == "question" and decision.rule == UNIT_PRICE
