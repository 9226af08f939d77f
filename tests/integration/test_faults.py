"""Faults: a killed ingestion leaves the previous index served intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.embeddings import Embedder
from assistant.index import Index, current_build_id, ingest
from assistant.retrieval import Retriever
from tests.processes import child_env

pytestmark = pytest.mark.slow


def _write_many(folder: Path, count: int) -> None:
    for i in range(count):
        body = "\n\n".join(
            f"## Section {j} du guide {i}\n\nLe titulaire réalise des heures d'insertion sur le lot {j}, "
            f"avec l'appui du facilitateur du territoire numéro {i}. " * 3
            for j in range(6)
        )
        (folder / f"guide-{i:03d}.md").write_text(f"# Guide {i}\n\n{body}\n", encoding="utf-8")


def test_killing_an_ingestion_mid_build_keeps_the_previous_index(
    make_settings, small_corpus: Path, embedder: Embedder, tmp_path: Path
) -> None:
    settings = make_settings()
    first = ingest(settings, embedder.embed_documents)
    _write_many(small_corpus, 60)  # enough passages for the build to take seconds
    env = child_env(data_dir=str(settings.data_dir), corpus_dirs=str(small_corpus))
    process = subprocess.Popen(
        [sys.executable, "-c", "from clauses_cli.main import app; app()", "ingest"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    builds = settings.index_dir / "builds"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(builds.iterdir())) < 2:
        time.sleep(0.05)
    assert len(list(builds.iterdir())) == 2, "the new build never started"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    assert current_build_id(settings.index_dir) == first.build_id
    index = Index.open(settings)
    assert len(index.chunks) == 6
    hits = Retriever.from_settings(index, embedder, settings).search("procédure contradictoire avant pénalité", k=3)
    assert hits and hits[0].chunk.source == "guide-penalites.md"

    # The next ingestion cleans the abandoned build and completes.
    report = ingest(settings, embedder.embed_documents)
    assert report.changed and len(Index.open(settings).chunks) == 6 + 60 * 6
    assert {p.name for p in builds.iterdir()} == {first.build_id, report.build_id}
