"""Specifications of the small counts written as words (assistant.fr.numbers), shared by the readers of people,
periods and days."""

from __future__ import annotations

import re

import pytest

from assistant.fr.absence import absence_days
from assistant.fr.numbers import COUNT, COUNT_WORDS, COUNT_WORDS_FROM_TWO, SMALL_NUMBERS, count_value
from assistant.fr.staffing import people_count, period_weeks


@pytest.mark.parametrize(("word", "value"), [("une", 1.0), ("trois", 3.0), ("dix", 10.0), ("4", 4.0), ("1,5", 1.5)])
def test_a_count_in_words_or_digits_has_its_value(word: str, value: float) -> None:
    assert count_value(word) == value


def test_every_word_the_patterns_match_has_a_value() -> None:
    words = COUNT_WORDS.replace("une?", "un|une").split("|")
    assert set(words) == set(SMALL_NUMBERS)


def test_a_count_of_several_people_starts_at_two() -> None:
    assert not re.fullmatch(COUNT_WORDS_FROM_TWO, "un") and not re.fullmatch(COUNT_WORDS_FROM_TWO, "une")


def test_sept_is_no_small_count_because_it_is_also_the_month_written_short() -> None:
    assert "sept" not in SMALL_NUMBERS and not re.fullmatch(COUNT, "sept")


def test_the_readers_share_the_words() -> None:
    assert period_weeks("pendant huit semaines") == 8
    assert people_count("deux apprentis a mi-temps") == 2
    assert absence_days("il a eu trois jours d'arret maladie") == 3
