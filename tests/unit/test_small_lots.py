"""Several lots under the small-clause mark are named in one warning, not one identical sentence per lot."""

from __future__ import annotations

from assistant.presenting import sizing_markdown
from assistant.settings import PROJECT_ROOT
from assistant.sizing import load_grid, size

GRID = load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")
LOTS = [
    {"label": "GO", "amount": 210_000, "trade": "gros œuvre"},
    {"label": "charpente", "amount": 120_000, "labour_share": 0.5},
    {"label": "peinture", "amount": 60_000, "trade": "peinture"},
]


def test_small_lots_share_one_warning_that_names_each_with_its_hours() -> None:
    result = size(GRID, {"lots": LOTS})
    small = [w for w in result.warnings if "sous le repère" in w]
    assert len(small) == 1 and "« charpente » (100 h)" in small[0] and "« peinture » (70 h)" in small[0]


def test_a_single_small_lot_keeps_its_own_warning() -> None:
    result = size(GRID, {"lots": LOTS[:2]})
    assert any(w.startswith("Lot « charpente » : 100 h") for w in result.warnings)


def test_the_lots_table_says_small_in_a_few_words_and_the_reason_once() -> None:
    text = sizing_markdown(size(GRID, {"lots": LOTS}), "")
    assert text.count("en dessous duquel la branche propreté") == 1
