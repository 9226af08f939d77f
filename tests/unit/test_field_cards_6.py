"""Answer cards for field questions, set 6 (corpus/cards/terrain-questions-6.yaml and the cards completed with
it), and the follow-up to a question on a reserved market (assistant/backends/embedded/guides.py, pure).

What is specified here: a follow-up naming no reservation (« et si c'est un accord-cadre ? ») keeps the reserved
market as its subject. The set's verdicts, facts, readings and wordings are in tests/data/field_cards.yaml,
checked by test_field_cards.py.
"""

from __future__ import annotations

import datetime as dt

from assistant.backends.embedded.guides import reserved_follow_up
from assistant.cards import Card
from assistant.matching import CardMatch, Matching


def _card(question: str) -> Card:
    return Card(question, question, (), "**Oui.**", "yes_no", (), (), ("acheteur",), dt.date(2026, 12, 1), "t")


def _matching(*scored: tuple[str, float]) -> Matching:
    return Matching(tuple(CardMatch(_card(q), s, s, s, s) for q, s in scored))


GENERAL = "Comment dimensionner un accord-cadre à bons de commande ?"
RESERVED = "Un marché réservé aux SIAE peut-il être un accord-cadre ?"


def test_a_follow_up_on_a_reserved_market_takes_the_reserved_card_that_leads_clearly() -> None:
    found = reserved_follow_up(_matching((GENERAL, 0.7)), lambda: _matching((RESERVED, 0.76), (GENERAL, 0.7)))
    assert found is not None and found.confident and found.best is not None and found.best.card.question == RESERVED


def test_a_reserved_card_within_the_margin_of_another_leaves_the_follow_up_s_own_cards() -> None:
    found = reserved_follow_up(_matching((GENERAL, 0.7)), lambda: _matching((RESERVED, 0.76), (GENERAL, 0.755)))
    assert found is not None and found.best is not None and found.best.card.question == GENERAL


def test_a_general_card_leading_the_reserved_reading_leaves_the_follow_up_s_own_cards() -> None:
    found = reserved_follow_up(_matching((GENERAL, 0.7)), lambda: _matching((GENERAL, 0.8), (RESERVED, 0.6)))
    assert found is not None and found.best is not None and found.best.card.question == GENERAL


def test_a_follow_up_already_on_a_reserved_card_keeps_it() -> None:
    other = "Un lot réservé aux EA peut-il durer cinq ans ?"
    found = reserved_follow_up(_matching((other, 0.6)), lambda: _matching((RESERVED, 0.9)))
    assert found is not None and found.best is not None and found.best.card.question == other
