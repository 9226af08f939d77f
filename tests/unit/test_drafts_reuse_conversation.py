"""Drafts that reuse the conversation: a scoring grid for an award criterion is drafted on the scale asked,
a table of the options just computed (two rates tried, each « et si… ») is filled with their figures."""

from __future__ import annotations

import pytest

from assistant.backends.base import Turn
from assistant.backends.embedded.drafting import (
    _about_a_criterion,
    _compares_computed_options,
    computed_rows,
    grid_top,
)
from assistant.drafting import default_library, draft
from assistant.fr import extract, fold
from assistant.intents import IntentClassifier
from assistant.routing import RefusalPolicy, route
from assistant.sessions import Message
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


def decide(message: str, classifier: IntentClassifier, last_intent: str | None = None):
    state = ConversationState(last_intent=last_intent)
    return route(message, extract(message, []), state, classifier, screening=POLICY.screen(message))


def _turn(message: str, **state: object) -> Turn:
    return Turn(message=message, state=ConversationState(**state), history=[])  # type: ignore[arg-type]


# --- scoring grid -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "tu aurais une grille de notation pour le critère insertion de mon règlement de consultation ?",
        "j'ai besoin d'un barème sur 5 pour noter les mémoires sur le volet insertion",
        "comment noter les offres de 0 à 5 sur le critère social, avec ce qui est attendu pour chaque note ?",
    ],
)
def test_a_scoring_grid_for_an_award_criterion_is_drafted(classifier, message: str) -> None:
    assert decide(message, classifier).intent == "drafting"


def test_a_grid_without_offers_to_score_is_not_a_scoring_grid(classifier) -> None:
    assert decide("c'est quoi la grille des parts de main-d'œuvre ?", classifier).rule != "scoring_grid"


@pytest.mark.parametrize(
    ("message", "top"),
    [("une grille de 0 à 5 pour le critère", 5), ("un barème sur 20", 20), ("une grille de notation", None)],
)
def test_the_top_mark_of_the_grid_is_read_from_the_request(message: str, top: int | None) -> None:
    assert grid_top(fold(message)) == top


def test_a_grid_on_five_gives_one_line_per_mark_with_what_is_expected() -> None:
    result = draft("criterion", {"weight": "10 %", "scale": 5}, library=default_library())
    for mark in range(6):
        assert f"\n| {mark} | " in result.text
    assert "Note sur 5" in result.text and "tuteur" in result.text


def test_the_grid_stays_on_ten_when_no_scale_is_asked() -> None:
    result = draft("criterion", {"weight": "10 %"}, library=default_library())
    assert "Note sur 10" in result.text and "Note sur 5" not in result.text


def test_a_scoring_grid_invents_no_weight_for_the_criterion() -> None:
    result = draft("criterion", {"scale": 5}, library=default_library())
    assert "[à compléter : pondération" in result.text or "pondération" in " ".join(result.to_complete)


# --- table of the options just computed --------------------------------------------------------


def test_the_options_computed_at_two_rates_are_tabled_when_asked() -> None:
    turn = _turn("tu peux me mettre les deux hypothèses dans un tableau ?", sizing_rates=[0.05, 0.07])
    assert _compares_computed_options(turn, fold(turn.message))


def test_one_rate_computed_makes_no_comparison_table() -> None:
    turn = _turn("tu peux me mettre les deux hypothèses dans un tableau ?", sizing_rates=[0.05])
    assert not _compares_computed_options(turn, fold(turn.message))


def test_a_request_without_a_table_is_no_comparison_table() -> None:
    turn = _turn("tu peux me rédiger la note avec les deux hypothèses ?", sizing_rates=[0.05, 0.07])
    assert not _compares_computed_options(turn, fold(turn.message))


# --- the computations just made, laid out ------------------------------------------------------


def _said(role: str, content: str, intent: str | None = None) -> Message:
    return Message(id=content[:8], role=role, content=content, created="2026-12-02", intent=intent)  # type: ignore[arg-type]


CONVERSION = (
    "**Environ 10 semaines de travail sur le marché** pour 350 h : 350 h ÷ 35 h par semaine.\n\n"
    "Hypothèse : 35 h par semaine, la durée légale d'un temps plein ; dites-moi si l'horaire est différent."
)
SIMULATION = (
    "Aucun ratio publié : je ne la suppose pas. Simulation : à 30 % de main-d'œuvre, "
    "480 000 € × 30 % × 5 % ÷ 30 €/h = 240 h. Quelle part retenez-vous ?"
)


def test_each_computation_of_the_conversation_is_a_row_with_its_result_and_calculation() -> None:
    history = [
        _said("user", "combien de semaines pour 350 h ?"),
        _said("assistant", CONVERSION, "conversion"),
        _said("user", "et à 80 % ?"),
        _said("assistant", CONVERSION.replace("10 semaines", "12,5 semaines"), "conversion"),
    ]
    rows = computed_rows(history)
    assert [row.result for row in rows] == [
        "Environ 10 semaines de travail sur le marché",
        "Environ 12,5 semaines de travail sur le marché",
    ]
    assert rows[1].asked == "et à 80 % ?" and "350 h ÷ 35 h" in rows[0].method


def test_the_assumption_of_a_computation_is_kept_without_the_question_put_to_the_user() -> None:
    history = [_said("user", "combien de semaines ?"), _said("assistant", CONVERSION, "conversion")]
    assert computed_rows(history)[0].assumptions == ("35 h par semaine, la durée légale d'un temps plein",)


def test_a_simulated_calculation_is_a_row_with_its_hours() -> None:
    history = [_said("user", "lot VRD à 480 k€"), _said("assistant", SIMULATION, "sizing")]
    row = computed_rows(history)[0]
    assert row.result == "240 h" and "480 000 € × 30 %" in row.method


def test_computations_before_another_answer_are_not_laid_out() -> None:
    history = [
        _said("user", "combien de semaines ?"),
        _said("assistant", CONVERSION, "conversion"),
        _said("user", "qui valide l'éligibilité ?"),
        _said("assistant", "**Le facilitateur** valide l'éligibilité.", "question"),
    ]
    assert computed_rows(history) == []


# --- the text pointed back at keeps its kind ----------------------------------------------------


def test_a_criterion_just_drafted_is_what_the_rc_request_points_back_at() -> None:
    turn = _turn("tu peux me l'écrire pour le RC ?", last_intent="drafting", draft_kind="criterion")
    assert _about_a_criterion(turn)


def test_questions_about_a_criterion_are_what_the_rc_request_points_back_at() -> None:
    turn = _turn("ok écris-le pour le RC", last_intent="question", last_question="quel critère social mettre ?")
    assert _about_a_criterion(turn)


def test_an_execution_clause_just_drafted_is_no_criterion() -> None:
    turn = _turn("tu peux me l'écrire pour le RC ?", last_intent="drafting", draft_kind="execution")
    assert not _about_a_criterion(turn)
