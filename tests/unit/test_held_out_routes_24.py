"""Refusals read from how people outside the team asked (session 26, on batches 01-23 before batch-24 was opened):
hiring itself imposed on the holder is refused like any single way of fulfilling the clause, and a refusal after
« ça pose problème ? » cannot open with a « Non » that would read as « no problem »."""

from __future__ import annotations

import pytest

from assistant.guardrails import check_request
from assistant.legal_questions import LegalQuestions
from assistant.settings import PROJECT_ROOT
from tests.unit.conduct_rules import POLICY

QUESTIONS = LegalQuestions.load(PROJECT_ROOT / "prompts" / "legal_questions.yaml")


def refused(message: str) -> list[str]:
    """The kinds of the legal guardrails that find an unlawful requirement in ``message``."""
    return [refusal.kind for refusal in check_request(message, POLICY.refusal_parts)]


@pytest.mark.parametrize(
    "message",
    [
        "Peut-on exiger que le titulaire du marché de mobilier des collèges embauche 2 personnes au RSA en CDI "
        "pendant la durée du marché ?",
        "je veux imposer aux agriculteurs d'embaucher un bénéficiaire du RSA, c'est possible ?",
        "peut-on obliger le titulaire à recruter des personnes en insertion ?",
    ],
)
def test_hiring_imposed_on_the_holder_is_refused_as_a_single_way(message: str) -> None:
    assert "single_route" in refused(message)


def test_a_firm_asking_whether_it_must_hire_is_answered_not_refused() -> None:
    assert refused("je suis obligé d embaucher qqun ?") == []


def test_a_public_put_first_is_a_question_on_publics_not_a_single_way() -> None:
    message = "on pourrait mettre une clause qui oblige l'entreprise à embaucher des femmes en priorité ?"
    assert "single_route" not in refused(message)


def test_hiring_left_free_is_not_refused() -> None:
    assert refused("on veut une clause d'insertion sans obliger le titulaire à embaucher lui-même") == []


@pytest.mark.parametrize(
    "message",
    [
        "Je mets 150h pour lui rendre service, ca pose probleme ?",
        "je veux que les personnes en insertion habitent la commune, c'est grave ?",
        "si on réserve les heures aux gens du village, il y a un risque ?",
    ],
)
def test_asking_whether_it_is_a_problem_is_read_as_such(message: str) -> None:
    assert QUESTIONS.asks_if_wrong(message)


@pytest.mark.parametrize("message", ["c'est légal ?", "je peux le faire ?", "la clause est-elle obligatoire ?"])
def test_asking_whether_it_is_allowed_is_not(message: str) -> None:
    assert not QUESTIONS.asks_if_wrong(message)
