"""When a question without a sure answer still gets the nearest passages of the guides (pure)."""

from __future__ import annotations

from assistant.backends.embedded import nearest_query, worth_nearest_passages
from assistant.backends.embedded.guides import better_covered_ask


def test_an_in_scope_question_with_part_of_its_words_covered_gets_the_nearest_passages() -> None:
    assert worth_nearest_passages(out_of_scope=0.05, covered=0.4)


def test_a_question_that_may_be_out_of_scope_is_abstained_on() -> None:
    assert not worth_nearest_passages(out_of_scope=0.5, covered=0.4)


def test_passages_carrying_few_of_the_question_words_are_not_offered() -> None:
    assert not worth_nearest_passages(out_of_scope=0.05, covered=0.1)


_STORY = "Nous posons des canalisations en zone rurale, horaires décalés, beaucoup de déplacements. "
_ASKED = "Les heures faites en atelier comptent-elles ?"


def _coverage(covered: dict[str, float]):
    return lambda text: covered.get(text, 0.0)


def test_a_question_diluted_by_the_story_told_first_gets_the_passages_of_what_it_asks() -> None:
    covered = _coverage({_STORY + _ASKED: 0.1, _ASKED: 0.6})
    assert nearest_query(_STORY + _ASKED, out_of_scope=0.01, covered=covered) == _ASKED


def test_a_whole_message_better_covered_than_its_question_keeps_its_story() -> None:
    covered = _coverage({_STORY + _ASKED: 0.5, _ASKED: 0.3})
    assert nearest_query(_STORY + _ASKED, out_of_scope=0.01, covered=covered) == _STORY + _ASKED


def test_a_question_whose_passages_cover_little_even_alone_gets_none() -> None:
    covered = _coverage({_STORY + _ASKED: 0.05, _ASKED: 0.1})
    assert nearest_query(_STORY + _ASKED, out_of_scope=0.01, covered=covered) is None


def test_a_question_the_passages_answer_better_alone_is_searched_with_its_own_words() -> None:
    covered = _coverage({_STORY + _ASKED: 0.55, _ASKED: 0.7})
    assert better_covered_ask(_STORY + _ASKED, covered) == _ASKED


def test_a_story_that_helps_the_passages_keeps_the_whole_message() -> None:
    covered = _coverage({_STORY + _ASKED: 0.7, _ASKED: 0.55})
    assert better_covered_ask(_STORY + _ASKED, covered) is None


def test_a_short_question_has_nothing_else_to_search() -> None:
    assert better_covered_ask(_ASKED, _coverage({_ASKED: 0.7})) is None
