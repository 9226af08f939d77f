"""A refusal states the rule, why, and the lawful alternative that fits the request: the facts each refusal
text must carry so that the user knows what to do instead."""

from __future__ import annotations

from assistant.guardrails import legal_refusal
from assistant.presenting import load_messages
from assistant.routing import RefusalPolicy
from assistant.settings import PROJECT_ROOT

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


def text_of(rule_id: str) -> str:
    rule = next(rule for rule in POLICY.conduct if rule.id == rule_id)
    return f"{rule.reason} {rule.alternative}"


def test_a_false_commitment_refusal_says_only_hours_worked_on_the_market_count() -> None:
    text = text_of("false_commitment")
    assert "heures réellement travaillées sur le marché" in text and "fausse déclaration" in text


def test_a_blacklisting_refusal_says_a_general_policy_is_no_ground_and_offers_a_criterion() -> None:
    text = text_of("blacklisting")
    assert "politique générale" in text and "objet du marché" in text
    assert "condition d'exécution" in text and "R2152-7" in text


def test_refusing_a_designated_person_says_which_publics_are_eligible() -> None:
    text = text_of("imposed_person")
    assert "moins de 26 ans" in text and "plus de 12 mois" in text


def test_refusing_a_nominative_list_offers_a_check_case_by_case_with_consent() -> None:
    text = text_of("nominative_monitoring")
    assert "au cas par cas" in text and "accord" in text and "attestation" in text


def test_an_imposed_structure_refusal_says_the_hours_of_a_subcontracting_siae_count() -> None:
    refusal = legal_refusal("imposed_structure", POLICY.refusal_parts)
    assert "SIAE sous-traitante" in refusal.alternative and "comptent pour la clause" in refusal.alternative


def test_the_personal_data_refusal_names_health_data_and_consent() -> None:
    text = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml").get("refusal.personal_data")
    assert text.startswith("Non") and "données de santé" in text and "accord" in text
