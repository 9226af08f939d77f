"""The conduct rules as the product loads them from its prompts folder, and what the conduct tests ask of them."""

from __future__ import annotations

from assistant.guardrails import check_conduct
from assistant.routing import RefusalPolicy
from assistant.settings import PROJECT_ROOT

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


def rules(text: str) -> list[str | None]:
    """The ids of the conduct rules that refuse ``text``."""
    return [refusal.rule for refusal in check_conduct(text, POLICY.conduct)]


def refusal_text(text: str) -> str:
    """The reason and lawful way of the refusal the policy gives ``text`` (it must refuse)."""
    route = POLICY.route(text)
    assert route is not None and route.guardrail is not None
    return f"{route.guardrail.reason} {route.guardrail.alternative}"
