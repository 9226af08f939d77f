"""The insertion clause is a condition of execution every bidder meets: a discount offered instead of the hours is
refused, and the way to price the clause's real cost is given. Questions on pricing the clause stay answered."""

from __future__ import annotations

import pytest

from tests.unit.conduct_rules import rules

RULE = "clause_traded_for_price"


@pytest.mark.parametrize(
    "text",
    [
        "on pourrait faire une remise de 5 % à la place de la clause d'insertion ?",
        "on fait pas l'insertion mais on baisse le prix de 3 % sur tout le bordereau",
        "je propose un rabais plutôt que les heures d'insertion",
    ],
)
def test_a_discount_instead_of_the_insertion_hours_is_refused(text: str) -> None:
    assert RULE in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "comment intégrer le coût de la clause d'insertion dans mon prix ?",
        "la clause fait-elle baisser le prix des offres ?",
        "une ETTI est-elle moins chère qu'un GEIQ pour faire les heures d'insertion ?",
    ],
)
def test_pricing_the_clause_is_not_refused(text: str) -> None:
    assert RULE not in rules(text)
