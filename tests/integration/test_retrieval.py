"""Dense, lexical and hybrid search over a real on-disk index."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.documents import Document

from assistant.embeddings import Embedder
from assistant.index import Index, ingest
from assistant.lexical import FrenchAnalyzer
from assistant.retrieval import METHODS, Retriever, fuse


@pytest.fixture
def retriever(make_settings, small_corpus: Path, embedder: Embedder) -> Retriever:
    settings = make_settings()
    ingest(settings, embedder.embed_documents)
    return Retriever.from_settings(Index.open(settings), embedder, settings)


@pytest.mark.parametrize("method", METHODS)
def test_the_chunk_that_answers_is_in_the_top_three(retriever: Retriever, method: str) -> None:
    hits = retriever.search("Quelle procédure contradictoire avant une pénalité ?", k=3, method=method)
    assert "Procédure contradictoire avant pénalité" in [h.chunk.section for h in hits]


def test_lexical_search_ignores_case(retriever: Retriever) -> None:
    hits = retriever.search("publics de l'insertion allocataires rsa", k=1, method="lexical")
    assert hits[0].chunk.section == "LES PUBLICS DE L'INSERTION"


def test_lexical_search_ignores_accents_and_ligatures(retriever: Retriever) -> None:
    hits = retriever.search("main-d'œuvre", k=1, method="lexical")
    assert hits[0].chunk.section == "Part de main d'oeuvre"
    hits = retriever.search("duree", k=1, method="lexical")
    assert hits[0].chunk.section == "LES PUBLICS DE L'INSERTION"


def test_every_hit_carries_its_citation(retriever: Retriever) -> None:
    hit = retriever.search("coût horaire", k=1)[0]
    assert hit.chunk.title == "Calcul des heures"
    assert hit.chunk.source == "guide-calcul.md"
    assert hit.chunk.section == "Coût horaire"
    assert hit.chunk.url == "https://example.org/calcul"
    assert 0 < hit.score <= 1


def test_hybrid_hits_are_unique_and_sorted_by_score(retriever: Retriever) -> None:
    hits = retriever.search("heures d'insertion", k=6)
    assert len({h.chunk.id for h in hits}) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_an_empty_query_returns_nothing(retriever: Retriever) -> None:
    assert retriever.search("   ") == []


def test_langchain_retriever_returns_documents_with_citations(retriever: Retriever) -> None:
    documents = retriever.as_langchain(k=2).invoke("validation par le facilitateur")
    assert all(isinstance(d, Document) for d in documents)
    assert documents[0].metadata["section"] == "Validation par le facilitateur"
    assert documents[0].metadata["source"] == "guide-publics.md"


def test_fusion_lets_the_lexical_list_lead_when_dense_weight_is_low() -> None:
    lexical = [(1, 10.0), (2, 5.0), (3, 0.0)]
    dense = [(3, 0.9), (2, 0.5), (1, 0.1)]
    assert [row for row, _ in fuse(lexical, dense, dense_weight=0.3)][:1] == [1]
    assert [row for row, _ in fuse(lexical, dense, dense_weight=0.9)][:1] == [3]


def test_fusion_keeps_rows_found_by_one_retriever_only() -> None:
    assert {row for row, _ in fuse([(1, 2.0)], [(2, 0.5)], 0.5)} == {1, 2}


def test_analyzer_keeps_article_numbers_whole_and_folds_accents() -> None:
    tokens = FrenchAnalyzer().tokens("L'article L. 2113-13 réserve les marchés")
    assert "l2113-13" in tokens
    assert "reserv" in tokens and "march" in tokens
    assert FrenchAnalyzer().tokens("main-d'œuvre") == FrenchAnalyzer().tokens("MAIN D'OEUVRE")
