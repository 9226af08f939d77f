"""The query-vector cache: the last texts kept, several missing texts embedded in one call."""

from __future__ import annotations

import numpy as np

from assistant.embeddings import QueryCache
from assistant.onnx_embedder import padding_groups


def _vector(text: str) -> np.ndarray:
    return np.full(3, float(len(text)), dtype=np.float32)


class _Calls:
    """Embedding functions that record what they were asked."""

    def __init__(self) -> None:
        self.one: list[str] = []
        self.many: list[list[str]] = []

    def embed_one(self, text: str) -> np.ndarray:
        self.one.append(text)
        return _vector(text)

    def embed_many(self, texts: list[str]) -> list[np.ndarray]:
        self.many.append(list(texts))
        return [_vector(text) for text in texts]


def test_texts_not_kept_are_embedded_in_one_call() -> None:
    calls = _Calls()
    cache = QueryCache(calls.embed_one, calls.embed_many, maxsize=8)
    cache.many(["premier", "second"])
    assert calls.many == [["premier", "second"]] and calls.one == []


def test_a_text_kept_is_not_embedded_again_with_others() -> None:
    calls = _Calls()
    cache = QueryCache(calls.embed_one, calls.embed_many, maxsize=8)
    cache("premier")
    cache.many(["premier", "second"])
    assert calls.many == [["second"]]


def test_a_text_embedded_with_others_is_then_found_alone() -> None:
    calls = _Calls()
    cache = QueryCache(calls.embed_one, calls.embed_many, maxsize=8)
    together = cache.many(["premier", "second"])
    assert np.array_equal(cache("second"), together[1]) and calls.one == []


def test_vectors_come_back_in_the_order_asked_repeats_included() -> None:
    cache = QueryCache(_vector, lambda texts: [_vector(t) for t in texts], maxsize=8)
    vectors = cache.many(["un", "trois", "un"])
    assert [float(v[0]) for v in vectors] == [2.0, 5.0, 2.0]


def test_the_least_recently_used_text_is_dropped_first() -> None:
    calls = _Calls()
    cache = QueryCache(calls.embed_one, calls.embed_many, maxsize=2)
    cache("a")
    cache("b")
    cache("a")  # « b » is now the oldest
    cache("c")
    cache("a")
    cache("b")
    assert calls.one == ["a", "b", "c", "b"]


def test_the_counters_say_what_was_embedded_and_clearing_empties_them() -> None:
    cache = QueryCache(_vector, lambda texts: [_vector(t) for t in texts], maxsize=8)
    cache.many(["a", "b"])
    cache("a")
    assert cache.cache_info()[:2] == (1, 2)  # one hit, two texts embedded
    cache.cache_clear()
    assert cache.cache_info() == (0, 0, 8, 0)


def test_texts_of_near_lengths_share_a_run() -> None:
    assert padding_groups([19, 11], budget=16) == [[1, 0]]


def test_a_text_much_longer_than_the_others_runs_alone() -> None:
    # padding 9 tokens to 66 would cost more than the run it saves
    assert padding_groups([66, 9, 12], budget=16) == [[1, 2], [0]]


def test_a_group_takes_padding_within_the_budget_for_each_text_added() -> None:
    assert padding_groups([10, 20, 30], budget=10) == [[0, 1], [2]]
    assert padding_groups([10, 20, 30], budget=15) == [[0, 1, 2]]


def test_every_text_is_in_one_group() -> None:
    lengths = [5, 40, 7, 60, 41, 6]
    groups = padding_groups(lengths, budget=16)
    assert sorted(i for group in groups for i in group) == list(range(len(lengths)))
