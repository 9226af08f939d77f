"""Which part of a long message is the question itself (pure)."""

from __future__ import annotations

from assistant.matching import _asked_parts


def test_the_words_after_ma_question_are_matched_on_their_own() -> None:
    message = (
        "Nous sommes un petit bailleur, on lance un marché d'entretien des espaces verts sur trois ans, "
        "ma question : peut-on le réserver à une entreprise d'insertion"
    )
    assert "peut-on le réserver à une entreprise d'insertion" in _asked_parts(message)


def test_a_short_message_is_matched_whole_only() -> None:
    assert _asked_parts("ETTI ou GEIQ ?") == ["ETTI ou GEIQ ?"]
