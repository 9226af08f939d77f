"""When a question without a sure answer still gets the nearest passages of the guides (pure)."""

from __future__ import annotations

from assistant.backends.embedded import worth_nearest_passages


def test_an_in_scope_question_with_part_of_its_words_covered_gets_the_nearest_passages() -> None:
    assert worth_nearest_passages(out_of_scope=0.05, covered=0.4)


def test_a_question_that_may_be_out_of_scope_is_abstained_on() -> None:
    assert not worth_nearest_passages(out_of_scope=0.5, covered=0.4)


def test_passages_carrying_few_of_the_question_words_are_not_offered() -> None:
    assert not worth_nearest_passages(out_of_scope=0.05, covered=0.1)
