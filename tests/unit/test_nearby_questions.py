"""The answer cards offered after an abstention: close in score and in words (pure)."""

from __future__ import annotations

import datetime as dt

from assistant.backends.embedded import NEARBY_AFTER_UNKNOWN, nearby_questions
from assistant.cards import Card
from assistant.matching import SUGGEST, CardMatch, Matching


def _match(question: str, score: float, lexical: float, theme: str = "entreprises") -> CardMatch:
    card = Card(question.lower(), question, (), "…", "procedure", (), (), (), dt.date(2026, 11, 30), theme)
    return CardMatch(card, score, lexical, dense=score)


def test_after_je_ne_trouve_pas_a_card_below_the_suggestion_threshold_is_still_offered() -> None:
    matching = Matching((_match("Que dois-je faire de la clause de mon marché ?", SUGGEST - 0.05, 0.5),))
    assert nearby_questions(matching, floor=NEARBY_AFTER_UNKNOWN) == ["Que dois-je faire de la clause de mon marché ?"]


def test_a_card_close_only_in_meaning_is_not_offered() -> None:
    matching = Matching((_match("Qui valide l'éligibilité ?", SUGGEST + 0.05, 0.2),))
    assert nearby_questions(matching, floor=NEARBY_AFTER_UNKNOWN) == []


def test_a_redirect_card_is_never_offered_as_a_nearby_question() -> None:
    matching = Matching((_match("Où demander le RSA ?", SUGGEST + 0.05, 0.8, theme="hors-champ"),))
    assert nearby_questions(matching) == []
