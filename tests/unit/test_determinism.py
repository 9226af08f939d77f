"""The same question gets the same passages and the same card scores on every run.

Specified here: the best rows of a score vector keep tied rows in row order (assistant/ranking.py);
the lexical and the dense searches rank that way; the dense search is exact, not approximate; the
card matcher's scores do not depend on the process's string hash seed (the order sets iterate in).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

from assistant.documents import Chunk
from assistant.index import Index
from assistant.lexical import LexicalIndex
from assistant.ranking import ranked_rows

REPOSITORY = Path(__file__).resolve().parents[2]


def test_the_best_rows_come_first() -> None:
    assert ranked_rows(np.array([0.1, 0.9, 0.5]), 2) == [(1, 0.9), (2, 0.5)]


def test_equal_scores_are_ordered_by_row() -> None:
    scores = np.array([0.2, 0.7, 0.7, 0.1, 0.7])
    assert [row for row, _ in ranked_rows(scores, 3)] == [1, 2, 4]


def test_a_tie_at_the_edge_of_the_candidates_keeps_the_first_rows() -> None:
    scores = np.array([0.5] * 8)
    assert [row for row, _ in ranked_rows(scores, 3)] == [0, 1, 2]


def test_asking_for_more_rows_than_there_are_returns_them_all() -> None:
    assert len(ranked_rows(np.array([0.3, 0.1]), 10)) == 2


def test_lexical_search_orders_passages_with_the_same_score_by_row() -> None:
    same = "les heures d'insertion comptent pour la clause sociale"
    index = LexicalIndex.build(["le marché réservé aux SIAE", same, same, same, "le facilitateur du territoire"])
    ranked = index.search("heures d'insertion de la clause", 3)
    assert [row for row, _ in ranked] == [1, 2, 3]


def test_lexical_search_gives_the_same_ranking_twice() -> None:
    index = LexicalIndex.build([f"heures d'insertion chantier numéro {n % 3}" for n in range(12)])
    assert index.search("heures chantier", 5) == index.search("heures chantier", 5)


class _Vectors:
    """The part of a Chroma collection the exact search reads: every vector by id."""

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self._vectors = vectors

    def get(self, ids: list[str], include: list[str]) -> dict[str, Any]:
        return {"ids": ids, "embeddings": [self._vectors[i] for i in ids]}


def _index(vectors: list[list[float]]) -> Index:
    chunks = [Chunk(f"c{n}", f"passage {n}", "guide", "guide.md", n) for n in range(len(vectors))]
    collection = _Vectors({chunk.id: vector for chunk, vector in zip(chunks, vectors, strict=True)})
    lexical = LexicalIndex.build([chunk.text for chunk in chunks])
    return Index("b", Path("."), {}, chunks, lexical, collection, None)  # type: ignore[arg-type]


def test_dense_search_finds_the_exact_nearest_passages_with_their_cosines() -> None:
    index = _index([[1.0, 0.0], [0.6, 0.8], [0.0, 2.0], [-1.0, 0.0]])
    ranked = index.dense_search(np.array([0.0, 1.0], dtype=np.float32), 2)
    assert [row for row, _ in ranked] == [2, 1]
    assert [round(cosine, 6) for _, cosine in ranked] == [1.0, 0.8]


def test_dense_search_orders_passages_at_the_same_distance_by_row() -> None:
    index = _index([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0], [2.0, 0.0]])
    ranked = index.dense_search(np.array([1.0, 0.0], dtype=np.float32), 3)
    assert [row for row, _ in ranked] == [1, 2, 3]


_CARD_SCORES = """
import datetime as dt, json
import numpy as np
from assistant.cards import Card
from assistant.matching import CardMatcher

def card(card_id, question, paraphrases):
    return Card(card_id, question, paraphrases, "**Réponse.**", "definition", (), (), ("acheteur",),
                dt.date(2026, 11, 1), "t")

cards = [
    card("heures", "Quelles heures comptent pour la clause d'insertion ?",
         ("heures de formation comptées", "heures de mission d'une ETTI sur le chantier")),
    card("publics", "Quels publics sont éligibles aux heures d'insertion ?",
         ("un allocataire du RSA est-il éligible", "jeune suivi par la mission locale")),
]
rarity = lambda token: 1.0 + (sum(map(ord, token)) % 97) / 7.0
matcher = CardMatcher(cards, lambda texts: np.ones((len(texts), 4), dtype=np.float32),
                      lambda text: np.ones(4, dtype=np.float32), rarity)
messages = ["les heures de formation d'un jeune de la mission locale comptent-elles sur le chantier ?",
            "un allocataire du RSA en mission ETTI est-il éligible aux heures d'insertion ?"]
print(json.dumps([
    [[m.card.id, repr(m.score)] for m in matcher.match(message).ranked]
    + [repr(matcher.lexical_similarity(message, card.question)) for card in cards]
    for message in messages
]))
"""


def _card_scores(hash_seed: str) -> Any:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(REPOSITORY)}
    done = subprocess.run(
        [sys.executable, "-c", _CARD_SCORES], capture_output=True, text=True, env=env, cwd=REPOSITORY, check=True
    )
    return json.loads(done.stdout)


def test_card_scores_do_not_depend_on_the_order_sets_iterate_in() -> None:
    assert _card_scores("1") == _card_scores("2") == _card_scores("3")
