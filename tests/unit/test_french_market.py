"""Specifications of reading the market in a French request: its type, its value against the EU threshold, the derogation note."""

from __future__ import annotations

import pytest

from assistant.fr import extract, find_clause_kind, market_type_in
from assistant.fr.text import fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("marché de travaux de 6 M€", "works"),
        ("des travaux de voirie", "works"),
        ("accord-cadre de services, maximum 400 k€", "supplies_services"),
        ("un marché de fournitures de mobilier", "supplies_services"),
        ("prestations de services de nettoyage", "supplies_services"),
        ("marché de services sociaux et autres services spécifiques", "social_services"),
        ("services sociaux", "social_services"),
        ("fournitures et travaux d'un collège", None),
        ("le service achats du Département", None),
        ("une clause d'insertion", None),
    ],
)
def test_market_type_is_read_from_the_words_of_the_request(text, expected):
    assert market_type_in(fold(text)) == expected


def test_a_works_market_gives_its_value_and_type():
    extraction = extract("Rédige la clause d'insertion pour un marché de travaux de 6 M€")
    assert extraction.market_value == 6_000_000 and extraction.market_type == "works"


def test_a_framework_agreement_gives_its_maximum_as_the_value_compared_with_the_threshold():
    extraction = extract("accord-cadre de services, maximum 400 k€, montant estimé réaliste 150 k€")
    assert extraction.market_value == 400_000 and extraction.maximum_amount == 400_000
    assert extraction.market_type == "supplies_services"


def test_a_ceiling_is_a_maximum():
    assert extract("accord-cadre de fournitures plafonné à 1,2 M€ HT").maximum_amount == 1_200_000


def test_an_amount_followed_by_the_kind_of_market_is_its_value():
    extraction = extract("Combien d'heures pour 1 200 000 € de travaux de gros œuvre ?")
    assert extraction.market_value == 1_200_000 and extraction.market_type == "works"


def test_a_lot_amount_is_not_the_market_value():
    assert extract("lot 2 peinture 180 000 €").market_value is None


def test_the_operation_value_is_kept_when_lots_follow():
    extraction = extract("opération de 2,5 millions d'euros HT de travaux de voirie, lot 1 VRD 800 000 €")
    assert extraction.market_value == 2_500_000


def test_an_amount_said_ttc_is_not_compared_with_an_ht_threshold():
    assert extract("marché de nettoyage de 300 000 € TTC").market_value is None


def test_hourly_costs_and_penalties_are_not_market_values():
    extraction = extract("pénalité de 50 € par heure non réalisée, coût horaire de 30 €/h")
    assert extraction.market_value is None and extraction.maximum_amount is None


def test_found_lists_the_market_fields():
    found = extract("marché de travaux de 6 M€").found()
    assert found["market_value"] == 6_000_000 and found["market_type"] == "works"


@pytest.mark.parametrize(
    "text",
    [
        "Rédige une note de dérogation",
        "note de dérogation L2112-2-1 pour un marché de services de 300 000 € HT",
        "dérogation L2112-2-1",
        "Il me faut un modèle pour la dérogation à l'article L2112-2-1",
        "Comment justifier l'absence de clause sociale dans ce marché ?",
        "motiver le choix de ne pas prévoir de condition sociale",
        "on veut déroger à la clause sociale obligatoire",
        "note de justification : marché sans clause sociale",
    ],
)
def test_derogation_note_requests_are_recognised(text):
    assert find_clause_kind(text) == "derogation-note"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rédige la clause sociale du CCAP", "execution"),
        ("note de lancement de la clause", "start-letter"),
        ("marché réservé aux ESAT, pas de dérogation possible ?", "reserved-ea-esat"),
    ],
)
def test_other_kinds_are_not_taken_for_a_derogation_note(text, expected):
    assert find_clause_kind(text) == expected
