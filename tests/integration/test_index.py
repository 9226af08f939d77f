"""Building the index: incremental, atomic, tolerant of broken files."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import Embedder
from assistant.errors import IndexUnavailable, InvalidInput
from assistant.index import Index, current_build_id, ingest
from tests.office_files import write_docx, write_html, write_legacy_doc
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


def test_vectors_fetched_in_small_batches_keep_the_row_order(
    make_settings, small_corpus: Path, embed: CountingEmbed, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings()
    ingest(settings, embed)
    whole = Index.open(settings).vectors()
    monkeypatch.setattr("assistant.index._FETCH_BATCH", 2)  # a large corpus, fetched by several requests
    assert np.array_equal(Index.open(settings).vectors(), whole)


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


# --- adding, replacing and removing documents ------------------------------------------------


@pytest.fixture
def department_folder(tmp_path: Path) -> Path:
    """A folder of the Department's own documents, outside the corpus."""
    folder = tmp_path / "dossier-achats"
    folder.mkdir()
    write_docx(folder / "guide.docx")
    write_html(folder / "portail.html")
    write_legacy_doc(folder / "ancien.doc")
    return folder


def test_adding_a_folder_keeps_the_corpus(
    make_settings, small_corpus: Path, department_folder: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed)
    report = ingest(settings, embed, add=[department_folder])
    sources = {c.source for c in Index.open(settings).chunks}
    assert report.added_files == ["dossier-achats/guide.docx", "dossier-achats/portail.html"]
    assert report.removed_files == []
    assert {"guide-calcul.md", "guide-penalites.md", "guide-publics.md"} <= sources


def test_added_documents_stay_when_the_corpus_is_synchronised_again(
    make_settings, small_corpus: Path, department_folder: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed, add=[department_folder])
    report = ingest(settings, embed)
    assert not report.changed and report.files == 5


def test_an_unreadable_file_is_listed_as_skipped_with_its_fix(
    make_settings, small_corpus: Path, department_folder: Path, embed: CountingEmbed
) -> None:
    report = ingest(make_settings(), embed, add=[department_folder])
    skipped = dict(report.skipped)
    assert "enregistrez-le en .docx ou en PDF" in skipped["dossier-achats/ancien.doc"]


def test_replacing_indexes_only_the_given_folder_and_lists_what_goes(
    make_settings, small_corpus: Path, department_folder: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed)
    report = ingest(settings, embed, paths=[department_folder])
    assert report.removed_files == ["guide-calcul.md", "guide-penalites.md", "guide-publics.md"]
    assert {c.source for c in Index.open(settings).chunks} == {"guide.docx", "portail.html"}


def test_removing_a_document_by_name_lists_it_and_keeps_the_others(
    make_settings, small_corpus: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed)
    report = ingest(settings, embed, remove=["guide-publics.md"])
    assert report.removed_files == ["guide-publics.md"]
    assert {c.source for c in Index.open(settings).chunks} == {"guide-calcul.md", "guide-penalites.md"}


def test_a_removed_corpus_document_stays_out_until_added_again(
    make_settings, small_corpus: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed)
    ingest(settings, embed, remove=[str(small_corpus / "guide-publics.md")])
    assert ingest(settings, embed).files == 2
    report = ingest(settings, embed, add=[small_corpus / "guide-publics.md"])
    assert report.added_files == ["guide-publics.md"] and report.files == 3


def test_removing_an_added_folder_removes_all_its_documents(
    make_settings, small_corpus: Path, department_folder: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed, add=[department_folder])
    report = ingest(settings, embed, remove=[str(department_folder)])
    assert report.removed_files == ["dossier-achats/guide.docx", "dossier-achats/portail.html"]
    assert ingest(settings, embed).files == 3


def test_removing_an_unknown_document_is_a_french_error(
    make_settings, small_corpus: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()
    ingest(settings, embed)
    with pytest.raises(InvalidInput, match="Aucun document indexé ne correspond à « absent.md »"):
        ingest(settings, embed, remove=["absent.md"])


def test_two_ingestions_started_together_leave_one_sound_build(
    make_settings, small_corpus: Path, embed: CountingEmbed
) -> None:
    settings = make_settings()

    def slow(texts: list[str]) -> np.ndarray:
        time.sleep(0.2)  # both builds in flight at once, as two test workers or two replicas starting together
        return embed(texts)

    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda _: ingest(settings, slow), range(2)))
    assert sorted(report.changed for report in reports) == [False, True]
    assert [p.name for p in (settings.index_dir / "builds").iterdir()] == [current_build_id(settings.index_dir)]
    assert len(Index.open(settings).chunks) == 6
