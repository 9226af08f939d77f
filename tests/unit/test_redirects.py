"""Out-of-scope redirects (prompts/redirects.yaml): the right service for the topic."""

from __future__ import annotations

import pytest

from assistant.redirects import load_redirects
from assistant.settings import PROJECT_ROOT

REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")


@pytest.mark.parametrize(
    "message, service",
    [
        ("Mon RSA n'a pas été versé ce mois-ci", "CAF"),
        ("Comment déclarer mes impôts ?", "impots.gouv.fr"),
        ("Je cherche un emploi de maçon", "France Travail"),
        ("La route du col est-elle fermée ?", "Itinisère"),
    ],
)
def test_a_topic_is_redirected_to_its_service(message: str, service: str) -> None:
    assert service in REDIRECTS.answer(message)


def test_an_unknown_topic_gets_the_default_redirect() -> None:
    answer = REDIRECTS.answer("Quelle est la couleur préférée du chat ?")
    assert "isere.fr" in answer and answer.startswith(REDIRECTS.intro)
