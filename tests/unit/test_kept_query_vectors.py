"""Card-side query vectors kept on disk (``CardMatcher.kept_query_vectors``): embedded once, read back after."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from assistant.cards import Card
from assistant.matching import CardMatcher

CARD = Card(
    "facilitateur-role",
    "Quel est le rôle du facilitateur ?",
    ("mission du facilitateur",),
    "**Le facilitateur accompagne l'acheteur.**",
    "definition",
    (),
    (),
    ("acheteur",),
    dt.date(2026, 11, 1),
    "t",
)


class _Queries:
    """Query vectors that depend on the text (and on ``shift``, a stand-in for another model); calls recorded."""

    def __init__(self, shift: float = 0.0) -> None:
        self.shift = shift
        self.asked: list[list[str]] = []

    def many(self, texts: list[str]) -> list[np.ndarray]:
        self.asked.append(list(texts))
        return [np.array([len(t), 1.0, 2.0, self.shift], dtype=np.float32) for t in texts]


def _matcher(folder: Path, queries: _Queries, identity: str = "model-a") -> CardMatcher:
    return CardMatcher(
        [CARD],
        lambda texts: np.ones((len(texts), 4), dtype=np.float32),
        lambda text: queries.many([text])[0],
        lambda token: 1.0,
        cache_dir=folder,
        identity=identity,
        embed_queries=queries.many,
    )


def test_the_texts_are_embedded_once_and_read_back_after_a_restart(tmp_path: Path) -> None:
    first, second = _Queries(), _Queries()
    texts = ["Peut-on cumuler ?", "Est-ce obligatoire ?"]
    kept = _matcher(tmp_path, first).kept_query_vectors(texts, "readings")
    again = _matcher(tmp_path, second).kept_query_vectors(texts, "readings")
    assert first.asked == [texts] and second.asked == []
    assert np.array_equal(kept, again)


def test_the_kept_vectors_are_the_query_vectors_unchanged(tmp_path: Path) -> None:
    queries = _Queries()
    kept = _matcher(tmp_path, queries).kept_query_vectors(["Peut-on cumuler ?"], "readings")
    assert np.array_equal(kept[0], np.array([17.0, 1.0, 2.0, 0.0], dtype=np.float32))


def test_another_model_embeds_the_texts_again(tmp_path: Path) -> None:
    texts = ["Peut-on cumuler ?"]
    _matcher(tmp_path, _Queries(), identity="model-a").kept_query_vectors(texts, "readings")
    other = _Queries(shift=1.0)
    vectors = _matcher(tmp_path, other, identity="model-b").kept_query_vectors(texts, "readings")
    assert other.asked == [texts] and vectors[0][3] == 1.0


def test_without_a_cache_folder_the_texts_are_embedded_each_time(tmp_path: Path) -> None:
    queries = _Queries()
    matcher = CardMatcher(
        [CARD],
        lambda texts: np.ones((len(texts), 4), dtype=np.float32),
        lambda text: queries.many([text])[0],
        lambda token: 1.0,
        embed_queries=queries.many,
    )
    matcher.kept_query_vectors(["Peut-on cumuler ?"], "readings")
    matcher.kept_query_vectors(["Peut-on cumuler ?"], "readings")
    assert len(queries.asked) == 2 and list(tmp_path.iterdir()) == []
