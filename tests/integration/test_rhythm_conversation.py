"""A follow-up that changes one input of the weeks-of-work computation just made, played through the engine: the
same hours are covered again at the new rhythm, the method shown, and the people asked next are counted over the
period known for those hours."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def engine(product_context):
    return product_context.engine


_STAFFING = "La charpente dure 4 mois. 350 h sur 4 mois, ça fait combien de personnes à temps plein ?"
_PROGRESS = "1 200 heures d'insertion, on est à 380 h au bout de 4 mois sur un chantier de 14 mois : on est en retard ?"


def _computed(response) -> bool:
    return any(call.name == "size" for call in response.tool_calls)


def test_fewer_days_a_week_give_the_weeks_of_work_and_the_people_needed_over_the_period(engine) -> None:
    first = engine.ask(_STAFFING)
    response = engine.ask("et si la personne ne vient que 2 jours par semaine ?", first.session_id)
    assert response.intent == "conversion" and _computed(response)
    assert "**Environ 25 semaines de travail sur le marché** pour 350 h" in response.answer
    assert "2 jours par semaine font 14 h par semaine" in response.answer
    assert "il en faudrait donc 2 à ce rythme" in response.answer


def test_one_person_left_covers_the_hours_left_on_a_prorated_target(engine) -> None:
    first = engine.ask(_PROGRESS)
    response = engine.ask("et s'il n'en reste qu'un à 35 h par semaine ?", first.session_id)
    assert response.intent == "conversion" and _computed(response)
    assert "820 h ÷ 35 h par semaine" in response.answer and "**c'est tenable**" in response.answer


def test_people_asked_in_addition_after_the_new_rhythm_are_compared_with_those_counted(engine) -> None:
    first = engine.ask(_PROGRESS)
    second = engine.ask("et s'il n'en reste qu'un à 35 h par semaine ?", first.session_id)
    response = engine.ask("donc il faut combien de gars en plus ?", second.session_id)
    assert response.answer.startswith("**Aucune personne de plus en théorie**")


def test_a_training_day_taken_off_after_a_question_redoes_the_split_before_it(engine) -> None:
    first = engine.ask("1 200 h d'insertion, 2 salariés à 35 h par semaine : ça fait combien de semaines ?")
    between = engine.ask(
        "les jours de formation au centre comptent-ils dans les heures d'insertion ?", first.session_id
    )
    response = engine.ask("ok refais-moi le calcul en enlevant la journée de formation", between.session_id)
    assert response.intent == "conversion" and _computed(response)
    assert "**Environ 21,4 semaines de travail sur le marché**" in response.answer
    assert "1 200 h ÷ 56 h par semaine à 2" in response.answer


def test_two_half_timers_over_the_period_said_before_are_compared_with_the_hours(engine) -> None:
    first = engine.ask("900 h, ça fait combien de personnes à plein temps ?")
    period = engine.ask("et sur 5 mois de chantier ?", first.session_id)
    response = engine.ask("et si j'en prends 2 à mi-temps, ça revient au même ?", period.session_id)
    assert "**Environ 450 h chacun**" in response.answer
    assert "**ce n'est pas suffisant** (environ 758 h possibles sur la période)" in response.answer


def test_one_day_a_week_is_worded_in_the_singular(engine) -> None:
    first = engine.ask(_STAFFING)
    response = engine.ask("et si la personne ne vient qu'un jour par semaine ?", first.session_id)
    assert "1 jour par semaine fait 7 h par semaine" in response.answer


def test_one_person_to_add_is_worded_in_the_singular(engine) -> None:
    first = engine.ask(_STAFFING)
    second = engine.ask("et si la personne ne vient que 2 jours par semaine ?", first.session_id)
    response = engine.ask("donc il faut combien de gars en plus ?", second.session_id)
    assert response.answer.startswith("**Environ 1 personne de plus**")
