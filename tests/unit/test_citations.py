"""Citation numbers: only passages that exist may be cited, renumbered in order of use."""

from __future__ import annotations

from assistant.citations import cited_numbers, excerpt, keep_valid_citations
from assistant.responses import Source


def _sources(count: int) -> list[Source]:
    return [Source(n=n, title=f"Doc {n}", source=f"d{n}.md", excerpt="…") for n in range(1, count + 1)]


def test_invented_citation_numbers_are_dropped() -> None:
    text, kept, invented = keep_valid_citations("Réponse [1] et invention [9].", _sources(2))
    assert text == "Réponse [1] et invention." and invented == [9]
    assert [s.n for s in kept] == [1]


def test_cited_sources_are_renumbered_in_order_of_use() -> None:
    text, kept, _ = keep_valid_citations("D'abord [3], puis [1], encore [3].", _sources(3))
    assert text == "D'abord [1], puis [2], encore [1]."
    assert [(s.n, s.title) for s in kept] == [(1, "Doc 3"), (2, "Doc 1")]


def test_uncited_sources_are_not_listed() -> None:
    _, kept, _ = keep_valid_citations("Sans citation.", _sources(3))
    assert kept == []


def test_french_spacing_before_punctuation_is_kept() -> None:
    text, _, _ = keep_valid_citations("Références : L2112-2 [1] ; voir aussi [2] !", _sources(2))
    assert text == "Références : L2112-2 [1] ; voir aussi [2] !"


def test_citation_numbers_are_read_in_order_of_first_appearance() -> None:
    assert cited_numbers("[2] puis [1] puis [2]") == [2, 1]


def test_excerpts_are_cut_on_a_word_boundary() -> None:
    assert excerpt("mot " * 200, limit=20) == "mot mot mot mot mot …"
