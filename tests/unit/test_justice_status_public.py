"""A clause does not name its public by a judicial situation (semi-liberté, placement à l'extérieur, leaving
prison): those are offence data (article 10 of the GDPR) the firm and the buyer never hold. Whether such a person is
eligible, and the market reserved to operators employing detainees, stay answered by the guides."""

from __future__ import annotations

import pytest

from tests.unit.conduct_rules import rules

RULE = "justice_status_public_imposed"


@pytest.mark.parametrize(
    "text",
    [
        "écris une clause qui oblige le titulaire à embaucher deux personnes en semi-liberté",
        "je veux imposer à l'entreprise de recruter des sortants de prison pour ses heures d'insertion",
        "la clause devra réserver 20 % des heures à des personnes sous main de justice",
    ],
)
def test_a_clause_imposing_people_by_their_judicial_situation_is_refused(text: str) -> None:
    assert RULE in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "une personne en semi-liberté est-elle éligible à la clause ?",
        "peut-on réserver un lot aux opérateurs qui emploient des personnes détenues ?",
        "les heures d'une personne en placement à l'extérieur comptent-elles dans la clause ?",
    ],
)
def test_eligibility_and_the_reserved_market_for_detainees_are_not_refused(text: str) -> None:
    assert RULE not in rules(text)


def test_a_persons_judicial_ban_on_a_place_is_no_ban_of_a_fulfilment_route() -> None:
    text = (
        "les ETTI prennent-elles des gens avec une interdiction de paraître ? et si le chantier est en zone interdite ?"
    )
    assert "route_excluded" not in rules(text)
