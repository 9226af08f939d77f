"""Building the index: incremental, atomic, tolerant of broken files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import Embedder
from assistant.errors import IndexUnavailable
from assistant.index import Index, current_build_id, ingest
from tests.pdfs import write_pdf


class CountingEmbed:
    """The real embedder, counting the passages it is asked to embed."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.count = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.count += len(texts)
        return self.embedder.embed_documents(texts)


@pytest.fixture
def embed(embedder: Embedder) -> CountingEmbed:
    return CountingEmbed(embedder)


def test_first_ingestion_indexes_every_document(make_settings, small_corpus: Path, embed: CountingEmbed) -> None:
    settings = make_settings()
    report = ingest(settings, embed)
    assert report.files == 3 and report.chunks == 6 and report.changed
    index = Index.open(settings)
    assert index.document_count == 3 and len(index.chunks) == 6 and index.collection.count() == 6


def test_reingesting_unchanged_files_does_nothing(make_settings, small_corpus: Path, embed: CountingEmbed) -> None:
    settings = make_settings()
    first = ingest(settings, embed)
    embed.count = 0
    second = ingest(settings, embed)
    assert not second.changed and second.unchanged_files == 3
    assert embed.count == 0
    assert current_build_id(settings.index_dir) == first.build_id


def test_a_changed_file_replaces_only_its_own_chunks(make_settings, small_corpus: Path, embed: CountingEmbed) -> None:
    settings = make_settings()
    ingest(settings, embed)
    before = {c.id: c for c in Index.open(settings).chunks}
    path = small_corpus / "guide-calcul.md"
    path.write_text(path.read_text(encoding="utf-8").replace("trente euros", "vingt-cinq euros"), encoding="utf-8")
    embed.count = 0
    report = ingest(settings, embed)
    after = Index.open(settings)
    assert report.changed_files == ["guide-calcul.md"] and embed.count == 1
    assert any("vingt-cinq euros" in c.text for c in after.chunks)
    assert not any("trente euros" in c.text for c in after.chunks)
    untouched = [c for c in after.chunks if c.source != "guide-calcul.md"]
    assert all(c.id in before for c in untouched)


def test_a_removed_file_loses_its_chunks(make_settings, small_corpus: Path, embed: CountingEmbed) -> None:
    settings = make_settings()
    ingest(settings, embed)
    (small_corpus / "guide-publics.md").unlink()
    report = ingest(settings, embed)
    index = Index.open(settings)
    assert report.removed_files == ["guide-publics.md"]
    assert {c.source for c in index.chunks} == {"guide-calcul.md", "guide-penalites.md"}
    assert index.collection.count() == len(index.chunks)


def test_a_broken_pdf_is_skipped_with_its_reason_and_the_rest_indexed(
    make_settings, small_corpus: Path, embed: CountingEmbed
) -> None:
    (small_corpus / "casse.pdf").write_bytes(b"%PDF-1.4 garbage")
    write_pdf(small_corpus / "bon.pdf", [["Les marches reserves aux ESAT."]])
    report = ingest(make_settings(), embed)
    assert [name for name, _ in report.skipped] == ["casse.pdf"]
    assert "endommagé" in report.skipped[0][1]
    assert report.files == 4 and report.pages == 1


def test_a_crash_mid_build_leaves_the_previous_index_in_use(
    make_settings, small_corpus: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    first = ingest(settings, embed)
    (small_corpus / "nouveau.md").write_text("# Nouveau\n\n## Partie\n\nTexte nouveau.", encoding="utf-8")

    def crash(texts: list[str]) -> np.ndarray:
        raise KeyboardInterrupt  # what a killed build looks like from inside

    with pytest.raises(KeyboardInterrupt):
        ingest(settings, crash)
    assert current_build_id(settings.index_dir) == first.build_id
    index = Index.open(settings)
    assert len(index.chunks) == 6
    assert [p.name for p in (settings.index_dir / "builds").iterdir()] == [first.build_id]


def test_vectors_of_unchanged_chunks_are_reused_not_recomputed(
    make_settings, small_corpus: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed)
    old_vectors = Index.open(settings).vectors()
    (small_corpus / "ajout.md").write_text("# Ajout\n\n## Partie\n\nUn passage de plus.", encoding="utf-8")
    embed.count = 0
    ingest(settings, embed)
    index = Index.open(settings)
    assert embed.count == 1
    kept = [row for row, c in enumerate(index.chunks) if c.source != "ajout.md"]
    assert np.allclose(index.vectors()[kept], old_vectors, atol=1e-6)


def test_opening_a_missing_index_says_how_to_rebuild(make_settings) -> None:
    with pytest.raises(IndexUnavailable) as error:
        Index.open(make_settings())
    assert "clauses ingest" in error.value.message


def test_opening_a_corrupted_index_says_how_to_rebuild(make_settings, small_corpus: Path, embed: CountingEmbed) -> None:
    settings = make_settings()
    report = ingest(settings, embed)
    (settings.index_dir / "builds" / report.build_id / "chunks.jsonl").write_text("{pas du json", encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="endommagé"):
        Index.open(settings)


def test_ingesting_explicit_paths_indexes_only_those(make_settings, small_corpus: Path, embed: CountingEmbed) -> None:
    settings = make_settings()
    report = ingest(settings, embed, paths=[small_corpus / "guide-publics.md"])
    assert report.files == 1
    assert {c.source for c in Index.open(settings).chunks} == {"guide-publics.md"}
