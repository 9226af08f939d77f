"""Which question the card opening a several-part answer reads its verdict for
(assistant/backends/embedded/guides.py, pure: the readings are given here)."""

from __future__ import annotations

from assistant.backends.embedded.guides import opening_asked
from assistant.cards import Reading

PART = "les heures déjà faites comptent quand même ?"
MESSAGE = f"un salarié en insertion a démissionné au bout de 2 semaines. {PART} et je dois le remplacer ?"
KEPT = Reading("les heures faites par une personne partie restent-elles acquises ?", "Oui", "elles restent acquises")


def test_the_opening_verdict_answers_its_own_part_when_the_part_finds_a_reading() -> None:
    assert opening_asked(PART, MESSAGE, lambda asked: KEPT) == PART


def test_the_opening_verdict_answers_the_whole_message_when_only_it_finds_a_reading() -> None:
    assert opening_asked(PART, MESSAGE, lambda asked: KEPT if asked == MESSAGE else None) == MESSAGE
