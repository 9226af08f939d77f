"""Fixtures the unit specifications share: the bank's cards by id, a matcher that ranks them by their words alone
(the dense side made neutral, so the ranking does not depend on the embedder), and the intent classifier fitted
once for the whole run (the routing specifications all read it)."""

from __future__ import annotations

import pytest

from assistant.cards import Card
from assistant.intents import IntentClassifier
from assistant.matching import CardMatcher
from assistant.settings import PROJECT_ROOT
from tests.card_checks import cards_by_id, lexical_matcher_over


@pytest.fixture(scope="session")
def cards() -> dict[str, Card]:
    return cards_by_id()


@pytest.fixture(scope="session")
def lexical_matcher(cards: dict[str, Card]) -> CardMatcher:
    return lexical_matcher_over(list(cards.values()))


@pytest.fixture(scope="session")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> IntentClassifier:
    return IntentClassifier.load(PROJECT_ROOT / "prompts" / "intents" / "utterances.yaml", tmp_path_factory.mktemp("m"))
