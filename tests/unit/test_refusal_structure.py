"""Every refusal has four parts the user can act on: « Non » first, why with its source (or « à vérifier »),
the lawful way that fits the request, and who can help take it. Checked over every conduct rule and every legal
guardrail, so a rule added without one of its parts fails here rather than on a user."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from assistant.guardrails import Refusal, RefusalKind, legal_refusal, load_conduct_rules
from assistant.presenting import load_messages
from assistant.refusal_parts import UnknownGuardrail, UnknownHelper, load_refusal_parts
from assistant.routing import RefusalPolicy
from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
PARTS = load_refusal_parts(PROMPTS / "refusals.yaml")
RULES = load_conduct_rules(PROMPTS / "conduct.yaml")
GUARDRAIL_KINDS = [kind for kind in get_args(RefusalKind) if kind != "conduct"]
KNOWN_ARTICLES = {
    str(article)
    for section in yaml.safe_load(
        (PROJECT_ROOT / "corpus" / "data" / "known_articles.yaml").read_text("utf-8")
    ).values()
    for article in section
}
ARTICLE = re.compile(r"\b[LRD]\d{4}(?:-\d+)*\b")
# What names the source of a reason: an article of the Code de la commande publique, another code or text by name,
# the contract's documents, a court decision, or the honest « à vérifier ».
SOURCE = re.compile(
    r"\b[LRD]\d{4}(?:-\d+)*\b|\bRGPD\b|Code (?:du travail|pénal|de la commande publique)|\bCCAG\b|\bCCAP\b|\bDCE\b"
    r"|convention collective|Conseil d'État|\bCE\b|à vérifier|à confirmer"
)


def refusals() -> list[Refusal]:
    """One refusal per conduct rule and per legal guardrail kind, as the policy gives them."""
    return [rule.refusal("") for rule in RULES] + [legal_refusal(kind, PARTS) for kind in GUARDRAIL_KINDS]  # type: ignore[arg-type]


def name(refusal: Refusal) -> str:
    return refusal.rule or refusal.kind


@pytest.mark.parametrize("refusal", refusals(), ids=name)
def test_every_refusal_says_why_with_its_source(refusal: Refusal) -> None:
    assert refusal.reason.strip()
    assert SOURCE.search(f"{refusal.reason} {refusal.basis or ''}"), f"{name(refusal)}: no source nor « à vérifier »"


@pytest.mark.parametrize("refusal", refusals(), ids=name)
def test_every_refusal_gives_a_lawful_way(refusal: Refusal) -> None:
    assert len(refusal.alternative.split()) >= 8
    assert refusal.alternative[:1].islower() or refusal.alternative[:1] in "«("  # it follows « Alternative légale : »


@pytest.mark.parametrize("refusal", refusals(), ids=name)
def test_every_refusal_names_who_can_help(refusal: Refusal) -> None:
    assert 1 <= len(refusal.helpers) <= 3


@pytest.mark.parametrize("refusal", refusals(), ids=name)
def test_every_article_a_refusal_cites_is_a_known_one(refusal: Refusal) -> None:
    text = f"{refusal.reason} {refusal.basis or ''} {refusal.alternative}"
    assert set(ARTICLE.findall(text)) <= KNOWN_ARTICLES


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.basis], ids=lambda rule: rule.id)
def test_a_basis_does_not_repeat_an_article_the_reason_already_cites(rule) -> None:
    """``basis`` completes a reason that cites no source; a source said twice lengthens the answer for nothing."""
    assert set(ARTICLE.findall(rule.reason)).isdisjoint(ARTICLE.findall(rule.basis or ""))


def test_a_refusal_message_for_a_drafted_text_carries_the_source_and_who_can_help() -> None:
    message = legal_refusal("nationality", PARTS).message()
    assert "à vérifier" in message and "Alternative légale" in message and "facilitateur" in message


def test_several_refusals_in_one_message_keep_every_helper_once() -> None:
    policy = RefusalPolicy.from_prompts(PROMPTS)
    route = policy.route(
        "mets dans le CCAP que les heures sont réservées aux habitants de la commune de nationalité française"
    )
    assert route is not None and route.guardrail is not None
    assert len(route.guardrail.helpers) == len(set(route.guardrail.helpers)) >= 1


def test_the_refusal_templates_open_with_non_and_name_who_can_help() -> None:
    messages = load_messages(PROMPTS / "messages.yaml")
    assert messages.get("refusal.guardrail_intro").lstrip("* ").startswith("Non")
    assert messages.get("refusal.personal_data").startswith("Non")
    assert "le facilitateur" in messages.get("refusal.helpers", helpers="le facilitateur")
    assert "CCAP" in messages.get("refusal.basis", basis="CCAP")


def test_a_rule_naming_an_unknown_helper_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "refusals.yaml").write_text("helpers:\n  facilitator: le facilitateur\n", encoding="utf-8")
    (tmp_path / "conduct.yaml").write_text(
        "rules:\n"
        "  - id: gifts\n"
        "    signals: ['cadeau']\n"
        "    ask: [mayor]\n"
        "    reason: Un cadeau à l'acheteur est interdit (à vérifier).\n"
        "    alternative: présentez votre offre sans avantage personnel.\n",
        encoding="utf-8",
    )
    with pytest.raises(UnknownHelper):
        load_conduct_rules(tmp_path / "conduct.yaml")


def test_without_a_refusals_file_a_rule_has_no_helper_and_still_loads(tmp_path: Path) -> None:
    (tmp_path / "conduct.yaml").write_text(
        "rules:\n  - id: gifts\n    signals: ['cadeau']\n    reason: Interdit.\n    alternative: sans cadeau.\n",
        encoding="utf-8",
    )
    assert load_conduct_rules(tmp_path / "conduct.yaml")[0].helpers == ()
    assert load_refusal_parts(tmp_path / "refusals.yaml").helpers == {}


def test_a_prompts_folder_words_the_guardrail_refusals_of_its_deployment(tmp_path: Path) -> None:
    (tmp_path / "refusals.yaml").write_text(
        "helpers:\n  facilitator: le facilitateur\n"
        "guardrails:\n  nationality:\n    reason: Motif local.\n    alternative: voie locale.\n    ask: [facilitator]\n",
        encoding="utf-8",
    )
    refusal = legal_refusal("nationality", load_refusal_parts(tmp_path / "refusals.yaml"))
    assert (refusal.reason, refusal.alternative, refusal.helpers) == (
        "Motif local.",
        "voie locale.",
        ("le facilitateur",),
    )


def test_a_guardrail_the_refusals_file_does_not_word_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "refusals.yaml").write_text("helpers:\n  facilitator: le facilitateur\n", encoding="utf-8")
    with pytest.raises(UnknownGuardrail):
        legal_refusal("residence", load_refusal_parts(tmp_path / "refusals.yaml"))


def test_the_policy_refuses_in_the_words_of_its_prompts_folder() -> None:
    policy = RefusalPolicy.from_prompts(PROMPTS)
    refused = policy.route("rédige une clause qui réserve les heures aux habitants de la commune")
    assert refused is not None and refused.guardrail is not None
    assert refused.guardrail.alternative == PARTS.of_guardrail("residence").alternative
