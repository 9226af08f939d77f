"""Shared fixtures: real settings in temporary folders, the real bundled model, real indexes.

No network: every connection to a non-loopback address fails the test at once
(the product must never reach a model hub, a telemetry endpoint or a chat model).
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
for _name in [name for name in os.environ if name.startswith("CLAUSES_")]:
    del os.environ[_name]  # the tests set what they need explicitly
# Except one cache for the whole run (every xdist worker, every temporary data folder, every child
# process): the ONNX export and the card vectors are derived from the code's data alone, and
# rebuilding them per folder cost minutes. Tests of the cache itself give their own folder.
os.environ["CLAUSES_MODELS_CACHE_DIR"] = str(Path(__file__).resolve().parent.parent / "test-artifacts" / "models-cache")

from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402

if TYPE_CHECKING:  # the search stack is imported by the fixtures that use it: the unit tier never loads it
    from assistant.cards import Card
    from assistant.embeddings import Embedder
    from assistant.index import Index
    from assistant.matching import CardMatcher
    from assistant.retrieval import Retriever

TEST_DATA = Path(__file__).parent / "data"
_LOOPBACK = ("127.", "::1", "localhost", "0.0.0.0")
_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else str(address)
    if self.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(_LOOPBACK):
        raise RuntimeError(f"network access attempted in tests: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The bundled all-MiniLM-L6-v2, loaded once for the whole run."""
    from assistant.embeddings import Embedder

    return Embedder.from_settings(Settings(_env_file=None))


@pytest.fixture(scope="module")
def make_card_matcher(embedder, tmp_path_factory: pytest.TempPathFactory) -> Callable[[list[Card]], CardMatcher]:
    """A card matcher over a few cards, with the real embedder and every word of equal weight: the cards a test
    sets against each other, without the rest of the bank."""

    from assistant.matching import CardMatcher

    def build(cards: list[Card]) -> CardMatcher:
        return CardMatcher(
            cards,
            embedder.embed_documents,
            embedder.embed_query,
            lambda token: 1.0,
            cache_dir=tmp_path_factory.mktemp("cards"),
            identity=embedder.identity,
        )

    return build


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings with their data in a temporary folder; keyword arguments override."""

    def build(**overrides: object) -> Settings:
        values: dict[str, object] = {"data_dir": tmp_path / "data", "corpus_dirs": [tmp_path / "corpus"]}
        values.update(overrides)
        return Settings(_env_file=None, **values)

    return build


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A copy of the three small test documents, free to modify."""
    target = tmp_path / "corpus"
    shutil.copytree(TEST_DATA / "corpus", target)
    return target


@pytest.fixture(scope="session")
def product_settings(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Settings:
    """Settings pointing at the real corpus, with the index in a temporary folder shared by the run's
    xdist workers (each worker's base folder sits in the run's own folder)."""
    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent
    return Settings(_env_file=None, data_dir=root / "product-data", corpus_dirs=[PROJECT_ROOT / "corpus"])


@pytest.fixture(scope="session")
def product_index(product_settings: Settings, embedder: Embedder) -> Index:
    """The real corpus indexed once per run (real Chroma on disk, real BM25): the first worker that needs
    it builds it under a lock, the others wait and open it, as the API's workers share one index."""
    from assistant.file_lock import exclusive
    from assistant.index import Index, ingest

    built = product_settings.data_dir / "product-index.built"
    with exclusive(built):
        if not built.exists():
            ingest(product_settings, embedder.embed_documents, model_identity=embedder.identity)
            built.touch()
    return Index.open(product_settings)


@pytest.fixture(scope="session")
def product_retriever(product_index: Index, embedder: Embedder, product_settings: Settings) -> Retriever:
    from assistant.retrieval import Retriever

    return Retriever.from_settings(product_index, embedder, product_settings)


@pytest.fixture(scope="session")
def product_context(product_settings: Settings, product_index: Index, embedder: Embedder):
    """The whole product (engine, tools, sessions) over the real corpus index."""
    from assistant.context import Context

    return Context(product_settings, embedder=embedder)
