"""Loading and chunking source documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents import discover, load_document, normalize_text
from assistant.errors import DocumentError
from tests.pdfs import blank_pdf, encrypt_pdf, write_pdf

DATA = Path(__file__).parents[1] / "data" / "corpus"


def load(path: Path, chunk_size: int = 750, overlap: int = 100):
    return load_document(path, path.name, chunk_size, overlap)


def test_markdown_front_matter_gives_title_type_and_source_url() -> None:
    document = load(DATA / "guide-penalites.md")
    assert document.title == "Guide des pénalités d'insertion"
    assert document.doc_type == "guide"
    assert document.urls == ["https://example.org/penalites"]


def test_markdown_chunks_follow_sections_and_keep_their_heading_path() -> None:
    document = load(DATA / "guide-penalites.md")
    assert [c.section for c in document.chunks] == [
        "Procédure contradictoire avant pénalité",
        "Montant de la pénalité par heure manquante",
    ]
    assert document.chunks[0].text.startswith("Avant d'appliquer une pénalité")


def test_nested_headings_make_a_section_path(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("# Titre\n\n## Partie\n\n### Détail\n\nTexte du détail.\n", encoding="utf-8")
    assert load(path).chunks[0].section == "Partie > Détail"


def test_a_section_longer_than_the_bound_is_split_below_it(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    sentence = "La clause d'insertion réserve des heures de travail aux personnes éloignées de l'emploi. "
    path.write_text("# Long\n\n## Section\n\n" + sentence * 40, encoding="utf-8")
    chunks = load(path, chunk_size=400, overlap=50).chunks
    assert len(chunks) > 1
    assert all(len(c.text) <= 400 for c in chunks)
    assert {c.section for c in chunks} == {"Section"}


def test_chunk_ids_are_stable_across_loads_and_change_with_content(tmp_path: Path) -> None:
    first = [c.id for c in load(DATA / "guide-publics.md").chunks]
    assert first == [c.id for c in load(DATA / "guide-publics.md").chunks]
    copy = tmp_path / "guide-publics.md"
    copy.write_text(
        (DATA / "guide-publics.md").read_text(encoding="utf-8").replace("vérifie", "contrôle"), encoding="utf-8"
    )
    changed = [c.id for c in load(copy).chunks]
    assert changed[0] == first[0] and changed[1] != first[1]


def test_text_normalisation_expands_ligatures_and_composes_accents() -> None:
    assert normalize_text("ﬁnancement e\u0301quipe\u00a0:") == "financement équipe :"


def test_pdf_pages_are_numbered_from_one(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "guide.pdf", [["Premiere page sur les clauses."], ["Deuxieme page sur les marches reserves."]]
    )
    chunks = load(path).chunks
    assert [c.page for c in chunks] == [1, 2]
    assert "marches reserves" in chunks[1].text


def test_pdf_running_headers_and_page_numbers_are_removed(tmp_path: Path) -> None:
    pages = [[f"Contenu propre a la page {n}."] for n in range(1, 5)]
    path = write_pdf(tmp_path / "guide.pdf", pages, header="Departement de l'Isere - Guide des clauses")
    for chunk in load(path).chunks:
        assert "Guide des clauses" not in chunk.text
        assert chunk.text == f"Contenu propre a la page {chunk.page}."


def test_pdf_hyphenation_at_line_end_is_joined(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "coupe.pdf", [["Les heures d'inser-", "tion sont suivies par le facilitateur."]])
    assert "heures d'insertion sont suivies" in load(path).chunks[0].text


def test_pdf_title_comes_from_its_metadata(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "x.pdf", [["Texte."]], title="Guide départemental")
    assert load(path).title == "Guide départemental"


def test_broken_pdf_raises_a_french_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "casse.pdf"
    path.write_bytes(b"%PDF-1.7\nceci n'est pas un PDF valide")
    with pytest.raises(DocumentError) as error:
        load(path)
    assert "casse.pdf" in error.value.message


def test_encrypted_pdf_is_refused_as_encrypted(tmp_path: Path) -> None:
    source = write_pdf(tmp_path / "clair.pdf", [["Texte confidentiel."]])
    path = encrypt_pdf(source, tmp_path / "chiffre.pdf")
    with pytest.raises(DocumentError, match="chiffré"):
        load(path)


def test_pdf_without_text_is_refused_as_empty(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="aucun texte"):
        load(blank_pdf(tmp_path / "vide.pdf"))


def test_unsupported_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(DocumentError, match="pas pris en charge"):
        load(path)


def test_plain_text_is_loaded_and_chunked(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Note sur les clauses\n\nLe facilitateur accompagne les entreprises.", encoding="utf-8")
    document = load(path)
    assert document.title == "Note sur les clauses"
    assert "facilitateur" in document.chunks[0].text


def test_discovery_skips_the_domain_data_folder_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "grid.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("x", encoding="utf-8")
    (tmp_path / "guide.md").write_text("x", encoding="utf-8")
    (tmp_path / "notes.docx").write_text("x", encoding="utf-8")
    assert list(discover([tmp_path])) == ["guide.md"]
