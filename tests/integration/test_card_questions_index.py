"""The questions of the answer cards are searchable text of the guide section they link first."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from assistant.cards import parse_cards
from assistant.embeddings import Embedder
from assistant.index import Index, card_questions, ingest
from assistant.retrieval import Retriever

PENALTY_CARD = """
- id: tarif-amende-heures-oubliees
  question: "Quel tarif d'amende pour des heures oubliées ?"
  paraphrases:
    - "amende si on oublie des heures"
    - "tarif de l'amende par heure oubliée"
    - "combien coûte une heure oubliée"
  answer: |
    **Le montant est fixé par le marché.**
  type: figure
  legal_basis: []
  see:
    - "guide-penalites.md#Montant de la pénalité par heure manquante"
    - "guide-calcul.md#Coût horaire"
  audience: [entreprise]
  reviewed: 2026-11-30
"""
QUESTION = "tarif amende oubli"


def _write_cards(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "penalites.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def cards_settings(make_settings, small_corpus: Path, tmp_path: Path):
    """Settings whose domain data sit beside a cards folder holding one card on penalties."""

    def build(cards: str = PENALTY_CARD, **overrides: object):
        _write_cards(tmp_path / "domain" / "cards", cards)
        return make_settings(domain_data_dir=tmp_path / "domain" / "data", **overrides)

    return build


def _retriever(settings, embedder: Embedder) -> Retriever:
    return Retriever.from_settings(Index.open(settings), embedder, settings)


def _first_section(settings, embedder: Embedder, query: str) -> str | None:
    hits = _retriever(settings, embedder).search(query, k=1)
    return hits[0].chunk.section if hits else None


class CountingEmbed:
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.count = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.count += len(texts)
        return self.embedder.embed_documents(texts)


def test_a_card_question_goes_to_the_section_of_its_first_link_only() -> None:
    questions = card_questions(parse_cards(PENALTY_CARD, "penalites.yaml"))
    assert set(questions) == {("guide-penalites.md", "Montant de la pénalité par heure manquante")}
    assert questions["guide-penalites.md", "Montant de la pénalité par heure manquante"][0] == (
        "Quel tarif d'amende pour des heures oubliées ?"
    )


def test_words_only_a_card_uses_find_the_section_the_card_links(cards_settings, embedder: Embedder) -> None:
    settings = cards_settings()
    ingest(settings, embedder.embed_documents)
    assert _first_section(settings, embedder, QUESTION) == "Montant de la pénalité par heure manquante"


def test_the_lexical_method_searches_the_passages_alone(cards_settings, embedder: Embedder) -> None:
    settings = cards_settings()
    ingest(settings, embedder.embed_documents)
    assert _retriever(settings, embedder).search(QUESTION, method="lexical") == []


def test_without_card_questions_the_hybrid_search_fuses_the_passages_bm25(cards_settings, embedder: Embedder) -> None:
    settings = cards_settings(lexical_card_questions=False)
    ingest(settings, embedder.embed_documents)
    index = Index.open(settings)
    assert index.with_questions is None and index.ranking_lexical is index.lexical


def test_changed_card_questions_rebuild_bm25_without_embedding_again(
    cards_settings, embedder: Embedder, tmp_path: Path
) -> None:
    settings = cards_settings()
    embed = CountingEmbed(embedder)
    first = ingest(settings, embed)
    embed.count = 0
    _write_cards(
        tmp_path / "domain" / "cards", PENALTY_CARD.replace("tarif", "barème").replace("id: barème-", "id: tarif-")
    )
    second = ingest(settings, embed)
    assert second.changed and second.build_id != first.build_id
    assert embed.count == 0
    assert _first_section(settings, embedder, "barème amende oubli") == "Montant de la pénalité par heure manquante"


def test_unreadable_cards_leave_the_guides_searchable(cards_settings, embedder: Embedder) -> None:
    settings = cards_settings(cards="- id: fiche-incomplete\n  question: « sans le reste »\n")
    report = ingest(settings, embedder.embed_documents)
    assert report.chunks == 6
    assert _first_section(settings, embedder, "procédure contradictoire") == "Procédure contradictoire avant pénalité"
