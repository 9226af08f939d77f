"""The hours a clause lacks and their penalty, when a question states them."""

from __future__ import annotations

from decimal import Decimal

from assistant.shortfall import find_shortfall, shortfall_values


def test_hours_done_out_of_hours_due_give_the_missing_hours() -> None:
    found = find_shortfall("l'entreprise a fait 320h sur les 400h prévues, on fait quoi ?")
    assert found is not None and found.missing == 80


def test_a_rate_per_hour_not_done_gives_the_penalty() -> None:
    found = find_shortfall("Il a réalisé 120 h sur les 350 prévues. Le CCAP prévoit 30 € par heure non réalisée.")
    assert found is not None and found.penalty == Decimal(30 * 230)


def test_hours_due_without_their_unit_are_read_when_called_due() -> None:
    found = find_shortfall("j ai fait 80h sur les 210 prevues sur l annee")
    assert found is not None and (found.done, found.due) == (80, 210)


def test_hours_over_a_duration_are_no_shortfall() -> None:
    assert find_shortfall("1 200 heures sur 4 ans, ça fait combien par an ?") is None


def test_no_hour_done_is_no_shortfall_to_compute() -> None:
    assert find_shortfall("il a fait 0 heure sur 420 prévues") is None


def test_the_penalty_is_written_the_french_way() -> None:
    found = find_shortfall("fait 320 h sur les 400 h ; 60 € par heure non réalisée")
    assert found is not None and shortfall_values(found)["penalty"] == "4 800"
