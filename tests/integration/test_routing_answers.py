"""What the embedded answerer does with a route, over the real corpus: a model asked about is
described with a draft offered; a story told before a clause question does not redirect it."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.presenting import load_messages
from assistant.settings import PROJECT_ROOT

OFFER = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml").get("offer_drafting")


@pytest.fixture(scope="module")
def helper(product_context) -> Assistant:
    return Assistant(context=product_context)


def test_asking_what_a_model_looks_like_answers_and_offers_a_draft(helper: Assistant) -> None:
    response = helper.ask("l'état mensuel des heures d'insertion, il contient quoi ? vous avez un modèle ?")
    assert response.intent == "question"
    assert response.answer.rstrip().endswith(OFFER)


def test_a_word_of_the_story_does_not_redirect_a_question_on_the_clause(helper: Assistant) -> None:
    message = (
        "Je suis le gérant d'une PME de plomberie, celle qui a remporté le lot sanitaires du gymnase. "
        "Est-ce que les heures de notre apprenti peuvent compter pour la clause d'insertion ?"
    )
    assert helper.ask(message).intent != "redirect"
