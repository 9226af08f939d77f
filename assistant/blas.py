"""One BLAS thread for the small matrix products of a turn.

numpy's OpenBLAS splits a matrix-vector product over every core. For the card matcher's
3 000 × 384 product that saves nothing (0.1 ms on one thread) and, on a shared 2-core
machine, costs a lot: the second thread must be scheduled before the product can end,
and waiting for it took 5 ms on average, up to 25 ms, when other processes were busy
(measured 2026-12-01). The query embedder already runs on one thread for the same reason
(``Settings.embedding_threads``). The limit holds only inside :func:`single_threaded` and
the previous thread count is restored after it; a lock keeps concurrent turns from
restoring each other's limit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

_LOCK = threading.Lock()


@cache
def _controller() -> Any:
    """The thread-pool controller, built once: finding the loaded BLAS libraries costs about 1 ms.
    It knows the libraries loaded when it is built, so numpy (whose BLAS the products use) is loaded first."""
    import numpy  # noqa: F401
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def single_threaded() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block (the products are the same sums, in the same
    order per row, so only the last bits of the rows at the threads' boundary may differ)."""
    with _LOCK, _controller().limit(limits=1, user_api="blas"):
        yield
