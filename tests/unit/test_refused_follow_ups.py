"""A short follow-up that swaps the place of a residence or local-preference request gets the same « Non » (pure
refusal policy, rules only)."""

from __future__ import annotations

from assistant.routing import PLACE_SWAPPED, RefusalPolicy
from assistant.settings import PROJECT_ROOT

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
RESIDENCE = "Le maire veut mettre dans le marché que l'entreprise doit embaucher des gens de la commune en priorité."


def test_another_place_asked_right_after_a_residence_request_is_refused() -> None:
    refused = POLICY.screen("et s'il met habitants du canton plutot ?", RESIDENCE).refusal
    assert refused is not None and refused.rule == PLACE_SWAPPED and refused.refusal == "residence"


def test_the_same_words_without_a_residence_request_before_are_not_refused() -> None:
    assert (
        POLICY.screen("et s'il met habitants du canton plutot ?", "Combien d'heures pour 300 000 € ?").refusal is None
    )


def test_a_follow_up_naming_no_place_after_a_residence_request_is_not_refused() -> None:
    assert POLICY.screen("et si c'est un accord-cadre ?", RESIDENCE).refusal is None


def test_a_long_new_question_after_a_residence_request_is_judged_on_its_own() -> None:
    message = "Autre sujet : les habitants du canton qui cherchent un emploi, ils s'adressent à qui pour les clauses ?"
    assert POLICY.screen(message, RESIDENCE).refusal is None
