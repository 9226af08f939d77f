"""Loading and chunking source documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents import OCR_LABEL, discover, load_document, normalize_text, scan
from assistant.errors import DocumentError
from assistant.ocr import ocr_status
from tests.office_files import (
    write_docx,
    write_html,
    write_legacy_doc,
    write_odt,
    write_scanned_pdf,
    write_zip_bomb,
)
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
    (tmp_path / "~$brouillon.docx").write_text("x", encoding="utf-8")
    assert list(discover([tmp_path])) == ["guide.md"]


def test_answer_cards_are_neither_ingested_nor_listed_as_unreadable(tmp_path: Path) -> None:
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "acteurs.yaml").write_text("- id: x", encoding="utf-8")
    (tmp_path / "guide.md").write_text("x", encoding="utf-8")
    found = scan([tmp_path])
    assert list(found.found) == ["guide.md"]
    assert found.refused == {}


# --- Word, LibreOffice, web pages ----------------------------------------------------------


def test_docx_headings_become_the_section_path(tmp_path: Path) -> None:
    document = load(write_docx(tmp_path / "guide.docx"))
    assert document.title == "Guide des clauses d'insertion" and document.doc_type == "docx"
    assert [c.section for c in document.chunks] == [
        "Publics éligibles",
        "Publics éligibles > Suivi par le facilitateur",
        "Montants",
    ]
    assert "longue durée" in document.chunks[0].text


def test_docx_tables_are_read_one_line_per_row(tmp_path: Path) -> None:
    document = load(write_docx(tmp_path / "guide.docx"))
    assert "Pénalité par heure manquante | 60 €" in document.chunks[-1].text


def test_docx_title_comes_from_its_properties_when_set(tmp_path: Path) -> None:
    assert load(write_docx(tmp_path / "guide.docx", title="Guide 2026")).title == "Guide 2026"


def test_odt_headings_paragraphs_and_tables_are_read(tmp_path: Path) -> None:
    document = load(write_odt(tmp_path / "note.odt"))
    assert document.title == "Note de la mission insertion" and document.doc_type == "odt"
    assert document.chunks[0].section == "Marchés réservés"
    assert "structures d'insertion" in document.chunks[0].text
    assert "Taux horaire | 25 €" in document.chunks[0].text


def test_html_headings_become_the_section_path(tmp_path: Path) -> None:
    document = load(write_html(tmp_path / "page.html"))
    assert document.title == "Page du portail achats" and document.doc_type == "html"
    assert [c.section for c in document.chunks] == ["Critère d'attribution", "Critère d'attribution > Pondération"]
    assert "Tutorat renforcé" in document.chunks[0].text
    assert "Insertion | 10 %" in document.chunks[1].text


def test_html_scripts_styles_navigation_and_footer_are_left_out(tmp_path: Path) -> None:
    text = " ".join(c.text for c in load(write_html(tmp_path / "page.htm")).chunks)
    assert "tracker" not in text and "color" not in text
    assert "Menu du portail" not in text and "Mentions légales" not in text


def test_a_zip_bomb_disguised_as_docx_is_refused_before_decompression(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="anormalement volumineux"):
        load(write_zip_bomb(tmp_path / "piege.docx"))


def test_a_docx_that_is_not_an_archive_is_refused_as_invalid(tmp_path: Path) -> None:
    path = tmp_path / "faux.docx"
    path.write_text("pas une archive", encoding="utf-8")
    with pytest.raises(DocumentError, match="n'est pas un document Word"):
        load(path)


def test_a_file_above_the_size_limit_is_refused_with_the_limit_in_french(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "guide.docx")
    with pytest.raises(DocumentError, match="taille maximale autorisée \\(1 Mo\\)"):
        load_document(path, path.name, 750, 100, max_bytes=1_000)


def test_a_legacy_word_file_is_refused_with_the_way_to_convert_it(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="enregistrez-le en .docx ou en PDF"):
        load(write_legacy_doc(tmp_path / "ancien.doc"))


def test_scanning_lists_unreadable_files_with_reason_and_fix(tmp_path: Path) -> None:
    write_legacy_doc(tmp_path / "ancien.doc")
    (tmp_path / "budget.xls").write_bytes(b"x")
    (tmp_path / "photo.jpg").write_bytes(b"x")
    (tmp_path / "notes.xyz").write_bytes(b"x")
    write_docx(tmp_path / "guide.docx")
    found = scan([tmp_path])
    assert list(found.found) == ["guide.docx"]
    assert set(found.refused) == {"ancien.doc", "budget.xls", "photo.jpg", "notes.xyz"}
    assert "enregistrez-le en .docx ou en PDF" in found.refused["ancien.doc"]
    assert "en PDF" in found.refused["budget.xls"]
    assert "OCR" in found.refused["photo.jpg"]
    assert "« .xyz » non reconnu" in found.refused["notes.xyz"]


# --- scanned PDFs ------------------------------------------------------------------------------

needs_tesseract = pytest.mark.skipif(not ocr_status().available, reason="Tesseract (fra) absent : make system-deps")


@needs_tesseract
def test_a_scanned_pdf_is_read_by_ocr_in_french(tmp_path: Path) -> None:
    path = write_scanned_pdf(
        tmp_path / "bon-de-commande.pdf", ["Clause d'insertion : 5 % des heures", "réservées aux personnes éloignées."]
    )
    document = load(path)
    text = " ".join(c.text for c in document.chunks)
    assert "insertion" in text and "éloignées" in text
    assert document.ocr_pages == 1


@needs_tesseract
def test_ocr_text_is_marked_in_the_chunk_and_in_its_label(tmp_path: Path) -> None:
    chunk = load(write_scanned_pdf(tmp_path / "scan.pdf", ["Pénalité de soixante euros par heure"])).chunks[0]
    assert chunk.ocr is True
    assert chunk.title.endswith(f"({OCR_LABEL})") and OCR_LABEL == "texte reconnu par OCR"


def test_pages_with_a_text_layer_are_not_read_again_by_ocr(tmp_path: Path) -> None:
    document = load(write_pdf(tmp_path / "guide.pdf", [["Le facilitateur accompagne les entreprises."]]))
    assert document.ocr_pages == 0 and not any(c.ocr for c in document.chunks)
    assert OCR_LABEL not in document.chunks[0].title


def test_without_ocr_a_scanned_pdf_is_skipped_saying_how_to_install_tesseract(tmp_path: Path) -> None:
    path = write_scanned_pdf(tmp_path / "scan.pdf", ["Texte numérisé"])
    with pytest.raises(DocumentError, match="numérisation sans texte"):
        load_document(path, path.name, 750, 100, ocr=False)


@needs_tesseract
def test_in_a_mixed_pdf_only_the_scanned_page_is_read_by_ocr(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    text_page = write_pdf(tmp_path / "texte.pdf", [["Le facilitateur accompagne les entreprises."]])
    scanned_page = write_scanned_pdf(tmp_path / "scan.pdf", ["Annexe numérisée du marché"])
    writer = PdfWriter()
    writer.append(str(text_page))
    writer.append(str(scanned_page))
    mixed = tmp_path / "mixte.pdf"
    writer.write(str(mixed))
    document = load(mixed)
    assert document.ocr_pages == 1
    by_page = {c.page: c for c in document.chunks}
    assert by_page[1].ocr is False and "facilitateur" in by_page[1].text
    assert by_page[2].ocr is True and "numérisée" in by_page[2].text


def test_html_text_written_outside_paragraphs_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><div>Texte libre <b>en gras</b><p>Un paragraphe.</p>Texte après<br>la ligne</div>"
        "<!-- commentaire --><section>Section sans paragraphe</section></body></html>",
        encoding="utf-8",
    )
    text = load(path).chunks[0].text
    assert "Texte libre en gras" in text and "Un paragraphe." in text and "Texte après la ligne" in text
    assert "Section sans paragraphe" in text and "commentaire" not in text


def test_html_without_h1_keeps_its_first_heading_as_a_section(tmp_path: Path) -> None:
    path = tmp_path / "sans-titre.html"
    path.write_text("<html><body><p>Intro.</p><h2>Suite</h2><p>Détail.</p></body></html>", encoding="utf-8")
    document = load(path)
    assert document.title == "sans titre"
    assert [c.section for c in document.chunks] == [None, "Suite"]


def test_pdf_lines_in_a_larger_type_become_the_section_path(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "guide.pdf",
        [
            [
                ("Guide du réemploi", 20),
                ("1. Préparer le marché", 16),
                "Le diagnostic des matériaux vient d'abord.",
                "Il recense ce qui peut resservir.",
            ],
            [
                "La suite du diagnostic, page suivante.",
                ("1.1 Le sourcing", 14),
                "Rencontrer les entreprises du secteur.",
            ],
        ],
    )
    document = load(path)
    assert document.title == "Guide du réemploi"
    assert [(c.page, c.section) for c in document.chunks] == [
        (1, "1. Préparer le marché"),
        (2, "1. Préparer le marché"),
        (2, "1. Préparer le marché > 1.1 Le sourcing"),
    ]
    assert document.chunks[2].text == "Rencontrer les entreprises du secteur."
    assert "Il recense ce qui peut resservir." in document.chunks[0].text


def test_a_pdf_in_one_type_size_has_no_sections(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "plat.pdf", [["Titre", "Un paragraphe.", "Un autre paragraphe."]])
    assert {c.section for c in load(path).chunks} == {None}
