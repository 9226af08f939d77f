"""A short follow-up that swaps the place of a residence or local-preference request gets the same « Non »; work required
to be done by one kind of structure is an imposed structure, whose lawful way is a reserved market (pure
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


def test_work_required_to_be_done_by_an_adapted_company_is_refused_as_an_imposed_structure() -> None:
    refused = POLICY.route("je peux exiger que le nettoyage soit fait par une entreprise adaptée ?")
    assert refused is not None and refused.refusal == "imposed_structure"
    assert refused.guardrail is not None and "L2113-12" in refused.guardrail.alternative


def test_reserving_the_market_to_adapted_companies_is_not_refused() -> None:
    assert POLICY.route("peut-on réserver le marché de nettoyage aux entreprises adaptées ?") is None
