"""API fixtures: the real app over a real on-disk index of the small test corpus, the real model.

The small corpus is indexed once per run (``api_index``); tests that read only share it.
Tests that change the corpus (uploads) get their own copy (``own_index``), copied from
the shared build so that only new documents are embedded.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from assistant.context import Context
from assistant.embeddings import Embedder
from assistant.index import ingest
from assistant.settings import Settings

TEST_DATA = Path(__file__).resolve().parent.parent / "data"
ADMIN_TOKEN = "jeton-admin-de-test-0123456789"


@dataclass(frozen=True)
class IndexedCorpus:
    corpus: Path
    data: Path


@pytest.fixture(scope="session")
def api_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> IndexedCorpus:
    """The three small test documents, indexed once for the whole run."""
    root = tmp_path_factory.mktemp("api-index")
    corpus = root / "corpus"
    shutil.copytree(TEST_DATA / "corpus", corpus)
    data = root / "data"
    ingest(Settings(_env_file=None, data_dir=data, corpus_dirs=[corpus]), embedder.embed_documents)
    return IndexedCorpus(corpus, data)


@pytest.fixture
def own_index(tmp_path: Path, api_index: IndexedCorpus) -> IndexedCorpus:
    """A private copy of the indexed corpus, free to modify."""
    root = tmp_path / "own"
    shutil.copytree(api_index.corpus, root / "corpus")
    shutil.copytree(api_index.data / "index", root / "data" / "index")
    return IndexedCorpus(root / "corpus", root / "data")


@pytest.fixture
def make_client(api_index: IndexedCorpus, embedder: Embedder) -> Iterator[Callable[..., TestClient]]:
    """Build the real app (lifespan included) and a client; keyword arguments override the settings."""
    clients: list[TestClient] = []

    def build(*, indexed: IndexedCorpus | None = None, **overrides: object) -> TestClient:
        where = indexed or api_index
        values: dict[str, object] = {"data_dir": where.data, "corpus_dirs": [where.corpus], "rate_limit": "1000/minute"}
        values.update(overrides)
        settings = Settings(_env_file=None, **values)
        client = TestClient(create_app(context=Context(settings, embedder=embedder)))
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture
def no_index_client(make_client: Callable[..., TestClient], tmp_path: Path) -> TestClient:
    """The app started on an empty data folder: no index was ever built."""
    return make_client(indexed=IndexedCorpus(tmp_path / "corpus", tmp_path / "empty-data"))


def error_of(response) -> dict:
    """The ``error`` object of an API error, after checking the common shape."""
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert "field" in error
    return error
