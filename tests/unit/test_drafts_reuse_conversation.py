"""Drafts that reuse the conversation: a scoring grid for an award criterion is drafted on the scale asked,
and a table of the options just computed (two rates tried) is filled with their figures."""

from __future__ import annotations

import pytest

from assistant.backends.base import Turn
from assistant.backends.embedded.drafting import _compares_computed_options, grid_top
from assistant.drafting import default_library, draft
from assistant.fr import extract, fold
from assistant.intents import IntentClassifier
from assistant.routing import RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> IntentClassifier:
    return IntentClassifier.load(PROJECT_ROOT / "prompts" / "intents" / "utterances.yaml", tmp_path_factory.mktemp("m"))


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
