"""The caches and fast paths that make a turn cheaper give the results of the plain computation."""

from __future__ import annotations

import re
import unicodedata

import pytest

from assistant.blas import single_threaded
from assistant.fr import fold, fold_words, strip_accents
from assistant.fr.text import fold_layer
from assistant.lexical import FrenchAnalyzer

WORDS = [
    "durée",
    "duree",
    "œuvre",
    "Œuvre",
    "cæcum",
    "insertion",
    "Réservé",
    "e\u0301te\u0301",  # decomposed accents
    "marchés",
    "l2113-13",
    "heures",
]


def _plain_strip_accents(text: str) -> str:
    text = text.replace("œ", "oe").replace("æ", "ae")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


@pytest.mark.parametrize("word", WORDS)
def test_strip_accents_gives_the_decomposition_result_for_ascii_and_accented_words(word: str) -> None:
    assert strip_accents(word) == _plain_strip_accents(word)


@pytest.mark.parametrize("text", ["Main-d'œuvre  ÉTÉ", "main d oeuvre", "Cæcum / 3 000 €", "", "e\u0301te\u0301"])
def test_fold_and_fold_words_asked_twice_give_the_uncached_forms(text: str) -> None:
    folded = fold_layer(text).text
    words = re.sub(r"\s+", " ", re.sub(r"[^\w\s%.,;:!?()«»\"]", " ", re.sub(r"[\-'`_/]", " ", folded))).strip()
    assert fold(text) == fold(text) == folded
    assert fold_words(text) == fold_words(text) == words


def test_fold_gives_an_empty_text_for_what_is_not_a_text() -> None:
    assert fold(None) == fold(["a list"]) == ""  # type: ignore[arg-type]


def _plain_word_tokens(analyzer: FrenchAnalyzer, token: str) -> list[str]:
    stem_then_fold = _plain_strip_accents(analyzer._stemmer.stemWord(token))
    fold_then_stem = analyzer._stemmer.stemWord(_plain_strip_accents(token))
    return [stem_then_fold] if fold_then_stem == stem_then_fold else [stem_then_fold, fold_then_stem]


def test_a_word_analysed_twice_gives_the_tokens_of_the_uncached_analysis() -> None:
    analyzer = FrenchAnalyzer()
    text = "La durée des marchés réservés ; la duree du marché, l'œuvre et les heures d'insertion."
    first, second = analyzer.tokens(text), analyzer.tokens(text)
    expected = [
        t
        for w in ("durée", "marchés", "réservés", "duree", "marché", "œuvre", "heures", "insertion")
        for t in _plain_word_tokens(analyzer, w)
    ]
    assert first == second == expected


def test_the_tokens_returned_are_a_fresh_list_each_time() -> None:
    analyzer = FrenchAnalyzer()
    first = analyzer.tokens("durée du marché")
    first.append("changed")
    assert analyzer.tokens("durée du marché") == first[:-1]


def test_numpy_s_blas_runs_one_thread_inside_the_block_and_its_previous_count_after() -> None:
    from threadpoolctl import threadpool_info

    def numpy_blas_threads() -> list[int]:  # other BLAS copies (scipy's, torch's) are not the matcher's
        return [lib["num_threads"] for lib in threadpool_info() if "numpy" in lib["filepath"]]

    before = numpy_blas_threads()
    assert before
    with single_threaded():
        assert numpy_blas_threads() == [1] * len(before)
    assert numpy_blas_threads() == before
