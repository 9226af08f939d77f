"""The start-up warm-up: what the first questions would load is loaded, the tools' fixed searches embedded."""

from __future__ import annotations

from typing import Any

from assistant.backends.embedded.sizing import GROUNDING_QUERIES


def test_the_fixed_searches_are_the_sizing_ones_and_each_drafted_kinds_legal_basis(product_context: Any) -> None:
    queries = product_context.embedded.constant_queries()
    messages = product_context.messages
    topics = {
        messages.optional(f"grounding.draft.{spec.id}") or spec.title for spec in product_context.library.catalog.kinds
    }
    assert set(queries) == set(GROUNDING_QUERIES) | topics


def test_after_the_warm_up_sizing_and_drafting_turns_embed_no_fixed_search(product_context: Any) -> None:
    product_context.warm_up()
    embedder = product_context.embedder
    kept = dict(embedder._constants)
    sizing = product_context.engine.ask("Combien d'heures d'insertion pour un marché de gros œuvre de 1,2 M€ ?")
    drafting = product_context.engine.ask("Rédige la clause d'exécution du CCAP pour 1 400 heures d'insertion.")
    assert (sizing.intent, drafting.intent) == ("sizing", "drafting")
    assert embedder._constants == kept


def test_after_the_warm_up_a_yes_no_question_embeds_none_of_its_cards_readings(product_context: Any) -> None:
    # without the warm-up, the first such question also embeds the texts of its card's readings (seven here)
    product_context.warm_up()
    readings = {reading.question for card in product_context.card_matcher.cards for reading in card.readings}
    cache = product_context.embedder._cached_query
    cache.cache_clear()
    response = product_context.engine.ask("La clause sociale devient-elle obligatoire à partir de 2026 ?")
    assert response.intent == "question" and response.answer.startswith("**Oui")
    assert not set(cache._vectors) & readings
