"""Specifications of which sizing parameter a French figure is: insertion rate or labour share,
a lot's amount or the total, insertion hours or hours of labour of the market."""

from __future__ import annotations

import pytest

from assistant.fr import extract
from assistant.fr.quantities import parse_hours, parse_worked_hours

# --------------------------------------------------------------------------- rate or labour share


@pytest.mark.parametrize(
    "text",
    [
        "si le marché fait 400 k€ HT et que la clause c'est 5 % de la main-d'œuvre, ça fait combien ?",
        "la clause c est 5% de la main d oeuvre",
        "on vise 5 % des heures de main d'oeuvre",
        "clause : 5 pour cent de la MO du marché",
    ],
)
def test_a_small_part_of_the_labour_is_the_insertion_rate(text: str) -> None:
    extraction = extract(text)
    assert extraction.rate == pytest.approx(0.05) and extraction.labour_share is None


def test_a_part_of_the_labour_amount_is_the_rate_and_the_labour_of_the_market_its_share() -> None:
    extraction = extract(
        "le CCAP dit 5 % du montant de main d'oeuvre en heures d'insertion, MO estimée à 40 % du marché"
    )
    assert extraction.rate == pytest.approx(0.05) and extraction.labour_share == pytest.approx(0.40)


@pytest.mark.parametrize(
    "text",
    [
        "marché de 1,2 million avec 60 % de main-d'œuvre",
        "la main d'oeuvre represente 60 % du montant",
        "60 % de la main-d'œuvre dans le montant",
        "il y a 60% de MO",
    ],
)
def test_labour_weighed_in_the_amount_is_the_labour_share(text: str) -> None:
    extraction = extract(text)
    assert extraction.labour_share == pytest.approx(0.60) and extraction.rate is None


def test_a_small_share_said_to_weigh_in_the_amount_stays_a_labour_share() -> None:
    extraction = extract("marche de 800 k€, 15 % de la main d oeuvre dans le montant")
    assert extraction.labour_share == pytest.approx(0.15) and extraction.rate is None


def test_a_large_part_of_the_labour_is_not_an_insertion_rate() -> None:
    extraction = extract("50 % de la main-d'œuvre")
    assert extraction.labour_share == pytest.approx(0.50) and extraction.rate is None


def test_the_share_and_the_rate_are_told_apart_in_one_message() -> None:
    extraction = extract("Voirie à 800 000 € HT, 40 % de main-d'œuvre, et la clause c'est 7 % de la main-d'œuvre")
    assert extraction.labour_share == pytest.approx(0.40) and extraction.rate == pytest.approx(0.07)


@pytest.mark.parametrize(
    "text",
    [
        "rajoute qu'on a déjà fait 9 % sur notre marché précédent avec la métropole",
        "on a deja fait 9% l'an dernier",
        "sur l ancien marche on etait a 9 %",
    ],
)
def test_a_past_record_is_not_the_rate_of_this_market(text: str) -> None:
    assert extract(text).rate is None


@pytest.mark.parametrize(
    "text",
    [
        "clause à 7 %, on avait fait 9 % sur le marché précédent",
        "sur l'ancien marché on avait 9 %, là on vise 7 %",
        "on a eu le lot, clause a 7 %",
    ],
)
def test_the_rate_of_this_market_is_kept_beside_a_past_record(text: str) -> None:
    assert extract(text).rate == pytest.approx(0.07)


# --------------------------------------------------------------------------- a lot's amount or the total


@pytest.mark.parametrize(
    ("text", "lot"),
    [
        ("DCE en 5 lots, env 1,2 M€ HT au total. Le lot GO est estimé à 420k€ HT, 7 % : combien d'heures ?", 420_000),
        ("operation de 1,2 million d'euros, mon lot fait 300 k€, combien d heures a 5 % ?", 300_000),
        ("Lot 3 de 250 000 € HT sur un marché global de 1,5 M€", 250_000),
    ],
)
def test_the_amount_of_the_lot_asked_about_beats_the_total(text: str, lot: float) -> None:
    assert extract(text).amount == lot


def test_the_total_stays_the_value_of_the_market() -> None:
    extraction = extract("5 lots, environ 1,2 M€ HT au total ; le lot gros œuvre est estimé à 420 k€ HT")
    assert extraction.market_value == 1_200_000


def test_an_amount_for_all_lots_is_the_value_of_the_market() -> None:
    assert extract("4 lots pour 900 k€ tous lots confondus").market_value == 900_000


def test_an_operation_amount_alone_is_the_amount_sized() -> None:
    assert extract("marché de 1,2 M€ HT en 5 lots, combien d'heures ?").amount == 1_200_000


# --------------------------------------------------------------------------- hours of labour


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("on fait à peu près 1 200 h de main-d'œuvre par an sur ce marché", 1200),
        ("on fait a peu pres 1200h de main d oeuvre par an", 1200),
        ("9 000 heures travaillées sur le chantier, clause à 5 %", 9000),
        ("environ 2 500 heures de travail au total", 2500),
    ],
)
def test_hours_of_labour_of_the_market_are_worked_hours(text: str, hours: int) -> None:
    assert parse_worked_hours(text) == hours


@pytest.mark.parametrize(
    "text",
    [
        "on fait 1 200 h de main-d'œuvre par an",
        "9 000 heures travaillées",
    ],
)
def test_hours_of_labour_are_not_insertion_hours(text: str) -> None:
    assert parse_hours(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "1 200 heures d'insertion",
        "35 h/semaine",
        "35 h de travail par semaine",
    ],
)
def test_insertion_hours_and_weekly_hours_are_not_worked_hours(text: str) -> None:
    assert parse_worked_hours(text) is None


def test_extraction_reports_worked_hours() -> None:
    assert extract("1 200 h de MO par an, clause à 5 %").found()["worked_hours"] == 1200


def test_a_question_on_a_market_reserved_to_siae_names_that_reservation() -> None:
    from assistant.fr.clause_kinds import reserved_market_named

    assert reserved_market_named("peut-on faire un marché reservé SIAE pour la collecte ?") == "reserved-siae"


def test_beneficiaries_named_without_a_reservation_are_no_reserved_market() -> None:
    from assistant.fr.clause_kinds import reserved_market_named

    assert reserved_market_named("une SIAE peut-elle répondre à un appel d'offres ?") is None
