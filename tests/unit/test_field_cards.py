"""Answer cards for field questions, every set at once (`tests/data/field_cards.yaml`).

What is specified, per card: the verdict it opens with and the decisive facts it states, the verdict its
written readings give to their questions, and that a wording other than the card's own reaches it on the
lexical side alone (the dense side is made neutral here, so the embedder cannot rescue a weak wording).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.cards import Card
from assistant.fr.text import fold
from assistant.matching import CardMatcher
from tests.card_checks import best_card_id, opens_with, says

SETS: dict[str, dict[str, list[dict[str, Any]]]] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "field_cards.yaml").read_text(encoding="utf-8")
)


def _cases(kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [(name, case) for name, field_set in SETS.items() for case in field_set.get(kind, [])]


@pytest.mark.parametrize("case", [pytest.param(case, id=f"{name}-{case['id']}") for name, case in _cases("verdicts")])
def test_a_field_card_opens_with_its_verdict_and_states_its_decisive_facts(
    cards: dict[str, Card], case: dict[str, Any]
) -> None:
    card = cards[case["card"]]
    assert opens_with(card, case["verdict"])
    assert says(card, *case["facts"])


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=f"{name}-{case['card']}-{i}") for i, (name, case) in enumerate(_cases("readings"))]
)
def test_a_reading_gives_the_verdict_of_its_question(cards: dict[str, Card], case: dict[str, Any]) -> None:
    verdicts = {fold(r.question): r.verdict for r in cards[case["card"]].readings}
    assert verdicts[fold(case["question"])] == case["verdict"]


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=f"{name}-{case['card']}-{i}") for i, (name, case) in enumerate(_cases("wordings"))]
)
def test_the_field_wording_reaches_its_card_on_the_lexical_side(
    lexical_matcher: CardMatcher, case: dict[str, Any]
) -> None:
    assert best_card_id(lexical_matcher, case["message"]) == case["card"]
