"""A grant set against what it produced (hours declared, people, positive exits): read from the message or the
conversation, divided step by step, routed as a computation over the user's own figures."""

from __future__ import annotations

import pytest

from assistant.fr import extract, fold
from assistant.fr.grant_cost import GrantCost, grant_cost
from assistant.routing import OWN_FIGURES, RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.sizing import figures as own
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
HOURS_ASKED = (
    "le facilitateur déclare 48 000 heures réalisées pour une subvention de 95 k€, ça fait combien par heure ?"
)
EXITS_ASKED = "et rapporté aux 212 bénéficiaires dont 30 % de sorties positives, coût par sortie positive ?"


def read(message: str, said_before: float | None = None) -> GrantCost | None:
    return grant_cost(message, fold(message), said_before)


def test_a_grant_and_the_hours_it_produced_are_read_when_a_cost_per_hour_is_asked() -> None:
    assert read(HOURS_ASKED) == GrantCost(95_000, hours=48_000)


def test_people_and_a_share_of_positive_exits_use_the_grant_said_before() -> None:
    assert read(EXITS_ASKED, said_before=95_000) == GrantCost(95_000, people=212, exit_share=0.3)


@pytest.mark.parametrize(
    "message",
    [
        "marché de 400 k€ sur 3 ans, combien d'heures d'insertion par an ?",  # a market, not a grant
        "une subvention de 95 k€ pour 48 000 heures réalisées",  # no cost per unit asked
        "pénalité de 40 € par heure non réalisée sur 1 200 heures",
    ],
)
def test_no_grant_cost_is_read_without_a_grant_and_a_cost_per_unit_asked(message: str) -> None:
    assert read(message) is None


def test_the_ratios_divide_the_grant_by_each_figure_stated() -> None:
    computed = own.grant_ratios(GrantCost(95_000, hours=48_000, people=212, exit_share=0.3))
    assert round(computed.found["per_hour"], 2) == 1.98
    assert round(computed.found["per_person"], 2) == 448.11
    assert round(computed.found["exits"], 1) == 63.6 and round(computed.found["per_exit"], 2) == 1493.71


def test_a_cost_per_hour_of_a_grant_is_a_computation_over_the_users_figures() -> None:
    decision = route(HOURS_ASKED, extract(HOURS_ASKED), {}, screening=POLICY.screen(HOURS_ASKED))
    assert decision.intent == "conversion" and decision.rule == f"{OWN_FIGURES}:grant_cost"


def test_the_follow_up_on_people_keeps_the_grant_of_the_conversation() -> None:
    state = ConversationState(last_intent="conversion", figures={"grant": 95_000.0})
    decision = route(EXITS_ASKED, extract(EXITS_ASKED), state, screening=POLICY.screen(EXITS_ASKED))
    assert decision.rule == f"{OWN_FIGURES}:grant_cost"
