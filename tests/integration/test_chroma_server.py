"""The index in a Chroma server (`CLAUSES_CHROMA_URL`): ingest into it, answer through it from a replica."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.context import Context
from assistant.embeddings import Embedder
from assistant.index import Index, ingest
from assistant.settings import Settings

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on 127.0.0.1 with its own folder, stopped at the end."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = _free_port()
    log = tmp_path_factory.mktemp("chroma-log") / "chroma.log"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    with open(log, "w") as out:
        server = subprocess.Popen(
            [
                chroma,
                "run",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--path",
                str(tmp_path_factory.mktemp("chroma-data")),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"chroma run did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _settings(tmp_path: Path, corpus: Path, url: str) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, corpus_dirs=[corpus], chroma_url=url)


def test_ingest_into_a_server_then_a_replica_answers_with_nothing_on_disk(
    chroma_url: str, small_corpus: Path, embedder: Embedder, tmp_path: Path
) -> None:
    writer = _settings(tmp_path / "writer", small_corpus, chroma_url)
    report = ingest(writer, embedder.embed_documents, model_identity=embedder.identity)
    assert report.changed and report.chunks == 6

    replica = Context(_settings(tmp_path / "replica", small_corpus, chroma_url), embedder=embedder)
    assert len(replica.index.chunks) == 6 and replica.index.document_count == 3
    assert not (tmp_path / "replica" / "index").exists()  # the replica rebuilt BM25 in memory
    response = replica.engine.ask("Quelle procédure contradictoire avant une pénalité ?")
    assert response.intent == "question"
    assert response.sources[0].source == "guide-penalites.md"


def test_reingesting_unchanged_files_against_the_server_does_nothing(
    chroma_url: str, small_corpus: Path, embedder: Embedder, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, small_corpus, chroma_url)
    ingest(settings, embedder.embed_documents, model_identity=embedder.identity)
    again = ingest(settings, embedder.embed_documents, model_identity=embedder.identity)
    assert not again.changed and again.unchanged_files == 3


def test_a_replica_notices_a_new_build_made_elsewhere(
    chroma_url: str, small_corpus: Path, embedder: Embedder, tmp_path: Path, monkeypatch
) -> None:
    import assistant.index as index_module

    monkeypatch.setattr(index_module, "REMOTE_CHECK_SECONDS", 0.0)
    writer = _settings(tmp_path / "writer", small_corpus, chroma_url)
    ingest(writer, embedder.embed_documents, model_identity=embedder.identity)
    replica = Context(_settings(tmp_path / "replica", small_corpus, chroma_url), embedder=embedder)
    before = replica.index.build_id
    (small_corpus / "nouveau.md").write_text(
        "# Nouveau\n\n## Heures de nuit\n\nLes heures de nuit comptent.", encoding="utf-8"
    )
    report = ingest(writer, embedder.embed_documents, model_identity=embedder.identity)
    assert replica.index.build_id == report.build_id != before
    assert any(c.source == "nouveau.md" for c in replica.index.chunks)


def test_old_builds_are_removed_from_the_server(
    chroma_url: str, small_corpus: Path, embedder: Embedder, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, small_corpus, chroma_url)
    first = ingest(settings, embedder.embed_documents, model_identity=embedder.identity)
    for word in ("un", "deux"):
        (small_corpus / f"{word}.md").write_text(f"# {word}\n\n## Partie\n\nTexte {word}.", encoding="utf-8")
        last = ingest(settings, embedder.embed_documents, model_identity=embedder.identity)
    from assistant.index import VectorStore

    builds = VectorStore(settings.index_dir, chroma_url).remote_builds()
    assert last.build_id in builds and first.build_id not in builds
    assert Index.open(settings).build_id == last.build_id
