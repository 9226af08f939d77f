"""Answer-card matching (assistant/matching.py): question to question, margins, answer types."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cards import load_cards
from assistant.matching import CardMatcher, asked_type
from assistant.settings import PROJECT_ROOT

CARDS = {card.id: card for card in load_cards(PROJECT_ROOT / "corpus" / "cards")}
SUBSET = [CARDS[i] for i in ("geiq-definition", "clause-mapa", "condition-sociale-obligatoire", "siae-definition")]


@pytest.fixture(scope="module")
def matcher(make_card_matcher) -> CardMatcher:
    return make_card_matcher(SUBSET)


def test_a_paraphrase_typed_loosely_finds_its_card(matcher: CardMatcher) -> None:
    matching = matcher.match("c est quoi un GEIQ")
    assert matching.best is not None and matching.best.card.id == "geiq-definition"
    assert matching.confident


def test_a_story_before_the_question_does_not_hide_it(matcher: CardMatcher) -> None:
    message = (
        "Bonjour, je suis secrétaire de mairie, nous avons un petit budget et une seule personne pour les achats, "
        "on rénove l'école cette année avec plusieurs lots. Est-ce qu'on peut mettre une clause dans un MAPA ?"
    )
    assert matcher.match(message).best.card.id == "clause-mapa"


def test_an_unrelated_message_is_not_a_confident_match(matcher: CardMatcher) -> None:
    matching = matcher.match("Quelle est la météo demain à Grenoble ?")
    assert not matching.confident


def test_ties_are_broken_by_card_id_and_scores_rounded(matcher: CardMatcher) -> None:
    ranked = matcher.match("SIAE GEIQ").ranked
    assert all(round(m.score, 3) == m.score for m in ranked)
    assert ranked == tuple(sorted(ranked, key=lambda m: (-m.score, m.card.id)))


def test_combien_asks_for_a_quantity_and_a_definition_for_nothing_sure() -> None:
    assert asked_type("GEIQ BTP : combien d'entreprises adhérentes ?") == "quantity"
    assert asked_type("Qu'est-ce qu'un GEIQ ?") is None


def test_card_embeddings_are_cached_by_content(embedder, tmp_path: Path) -> None:
    CardMatcher(SUBSET[:1], embedder.embed_documents, embedder.embed_query, lambda t: 1.0, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("cards-*.npy"))) == 1
