"""The best rows of a score vector, in an order that is the same on every run and every CPU.

A partial sort (``argpartition``, HNSW) leaves equal scores in whatever order its algorithm, its
SIMD kernel or its threads happen to produce; which of two tied passages is kept at the edge of the
candidates then changes the min-max scale of the fusion, and with it the passages shown. Here equal
scores are ordered by row, a key that does not depend on the machine.
"""

from __future__ import annotations

import numpy as np


def ranked_rows(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best rows and their scores, best first; equal scores in row order."""
    order = np.argsort(-np.asarray(scores), kind="stable")[: max(0, k)]
    return [(int(row), float(scores[row])) for row in order]
