"""Sizing on the trade the user named (issue 12 §6), with the real sizing grid's trade table."""

from __future__ import annotations

import pytest
import yaml

from assistant.fr import extract, trades_from_grid
from assistant.settings import PROJECT_ROOT

GRID = yaml.safe_load((PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml").read_text(encoding="utf-8"))
TRADES = trades_from_grid(GRID)


@pytest.mark.parametrize(
    "message",
    [
        "calcule moi vite fait : lot peinture 640 k€ HT, taux MO 50%, objectif 5%. ça fait combien d'heures ?",
        "Combien d'heures d'insertion pour un lot peinture de 300 000 € HT sur 8 mois ?",
        "Lot 4 - peinture de 180 000 € dans une opération de gros œuvre, combien d'heures ?",
    ],
)
def test_a_painting_lot_is_sized_as_painting_not_structural_work(message: str) -> None:
    extraction = extract(message, TRADES)
    assert extraction.trade_id == "peinture"


@pytest.mark.parametrize(
    "message",
    [
        "lot VRD de 1,2 M€ sur 10 mois, combien d'heures ?",
        "travaux de VRD 800 k€ avec reprise de l'éclairage, combien d'heures d'insertion ?",
        "Combien d'heures pour des travaux de vrd de 2 M€ HT ?",
    ],
)
def test_vrd_is_sized_as_roads_and_networks_not_electricity(message: str) -> None:
    extraction = extract(message, TRADES)
    assert extraction.trade_id == "vrd"


def test_no_trade_is_guessed_when_the_message_names_none() -> None:
    assert extract("Combien d'heures pour 500 000 € de travaux ?", TRADES).trade_id is None
