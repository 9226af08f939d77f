"""A follow-up question that only makes sense after the previous one (« et pour un accord-cadre ? »):
how it is recognised and which cards answer it (assistant/backends/embedded/guides.py, pure)."""

from __future__ import annotations

import datetime as dt

from assistant.backends.embedded.guides import elliptic_matching, leans_on_previous
from assistant.cards import Card
from assistant.matching import CardMatch, Matching


def card(card_id: str) -> Card:
    return Card(card_id, f"{card_id} ?", (), "**Oui.**", "yes_no", (), (), ("acheteur",), dt.date(2026, 11, 1), "t")


def matching(card_id: str, score: float) -> Matching:
    return Matching((CardMatch(card(card_id), score, score, score, score),))


def test_an_acknowledged_follow_up_leans_on_the_previous_question() -> None:
    assert leans_on_previous("d'accord et pour les marchés de services ?")


def test_an_acknowledgement_followed_by_mais_leans_on_the_previous_question() -> None:
    assert leans_on_previous("merci, mais pour un lot réservé ?")


def test_a_plain_follow_up_opening_still_leans_on_the_previous_question() -> None:
    assert leans_on_previous("et si le titulaire est une SIAE ?")


def test_a_full_question_opening_with_ok_stands_alone() -> None:
    assert not leans_on_previous("ok, qui contrôle les heures d'insertion réalisées par le titulaire ?")


def test_a_follow_up_close_to_no_card_takes_the_card_of_the_question_it_completes() -> None:
    found = elliptic_matching(matching("unrelated", 0.2), lambda: matching("pieces-du-dce", 0.6))
    assert found is not None and found.best is not None and found.best.card.id == "pieces-du-dce"


def test_a_follow_up_with_a_card_of_its_own_keeps_it() -> None:
    found = elliptic_matching(matching("own-subject", 0.6), lambda: matching("previous-subject", 0.8))
    assert found is not None and found.best is not None and found.best.card.id == "own-subject"


def test_a_weak_match_of_the_completed_question_does_not_replace_the_follow_up_s_own() -> None:
    found = elliptic_matching(matching("unrelated", 0.2), lambda: matching("previous-subject", 0.3))
    assert found is not None and found.best is not None and found.best.card.id == "unrelated"
