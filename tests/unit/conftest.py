"""Fixtures the field-card specifications share: the bank's cards by id and a matcher that ranks them by
their words alone (the dense side made neutral, so the ranking does not depend on the embedder)."""

from __future__ import annotations

import pytest

from assistant.cards import Card
from assistant.matching import CardMatcher
from tests.card_checks import cards_by_id, lexical_matcher_over


@pytest.fixture(scope="session")
def cards() -> dict[str, Card]:
    return cards_by_id()


@pytest.fixture(scope="session")
def lexical_matcher(cards: dict[str, Card]) -> CardMatcher:
    return lexical_matcher_over(list(cards.values()))
