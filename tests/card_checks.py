"""What the answer-card tests share: the cards by id, a matcher whose dense side is neutral, and the checks
of a card's wording (the facts it says, the verdict it opens with)."""

from __future__ import annotations

import numpy as np

from assistant.cards import Card, load_cards
from assistant.fr.text import fold
from assistant.matching import CardMatcher
from assistant.settings import PROJECT_ROOT

CARDS_DIR = PROJECT_ROOT / "corpus" / "cards"


def cards_by_id() -> dict[str, Card]:
    return {card.id: card for card in load_cards(CARDS_DIR)}


def lexical_matcher_over(cards: list[Card]) -> CardMatcher:
    """Every text gets the same vector, so the ranking depends on the lexical side alone, not on the embedder."""

    def same_vector(texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32)

    return CardMatcher(cards, same_vector, lambda text: np.ones(4, dtype=np.float32), lambda token: 1.0)


def says(card: Card, *words: str) -> bool:
    answer = fold(card.answer)
    return all(fold(word) in answer for word in words)


def opens_with(card: Card, verdict: str) -> bool:
    return fold(card.first_sentence).lstrip("*").startswith(fold(verdict))


def best_card_id(matcher: CardMatcher, message: str) -> str | None:
    best = matcher.match(message).best
    return None if best is None else best.card.id
