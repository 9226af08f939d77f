"""Admin routes: off without a token, bearer token checked, uploads refused or indexed, nothing written outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.admin import safe_filename
from api.errors import ApiError
from tests.api.conftest import ADMIN_TOKEN, IndexedCorpus, error_of
from tests.office_files import write_docx, write_html, write_legacy_doc, write_odt, write_scanned_pdf, write_zip_bomb
from tests.pdfs import blank_pdf, encrypt_pdf, write_pdf

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NEW_DOCUMENT = b"""---
title: Guide des chantiers Zorglub
---

# Guide des chantiers Zorglub

## Accueil des salaries en insertion

Le chantier Zorglub accueille les salaries en insertion avec un tuteur designe des le premier jour.
"""


def tree(root: Path) -> set[Path]:
    return {path.relative_to(root) for path in root.rglob("*")}


@pytest.fixture
def admin(make_client, own_index: IndexedCorpus):
    return make_client(indexed=own_index, admin_token=ADMIN_TOKEN, max_upload_bytes=200_000)


def upload(client, name: str, content: bytes, headers: dict | None = None):
    return client.post(
        "/api/admin/documents",
        files={"file": (name, content, "application/octet-stream")},
        headers=AUTH if headers is None else headers,
    )


# --- access --------------------------------------------------------------------------------------


def test_admin_routes_do_not_exist_without_a_token(client) -> None:
    assert client.app.state.context.settings.admin_token is None
    for response in (client.get("/api/admin/documents", headers=AUTH), upload(client, "a.md", NEW_DOCUMENT)):
        assert response.status_code == 404
        assert error_of(response)["code"] == "introuvable"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer mauvais-jeton-0123456789"},
        {"Authorization": f"Basic {ADMIN_TOKEN}"},
        {"Authorization": f"Bearer {ADMIN_TOKEN}x"},
        {"Authorization": "Bearer jeton-accentué-é".encode()},
    ],
)
def test_wrong_or_missing_token_is_401(admin, headers: dict) -> None:
    response = admin.get("/api/admin/documents", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert error_of(response)["code"] == "authentification_requise"


def test_admin_lists_the_indexed_documents(admin) -> None:
    response = admin.get("/api/admin/documents", headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert {doc["source"] for doc in body["documents"]} == {"guide-calcul.md", "guide-penalites.md", "guide-publics.md"}
    assert all(doc["chunks"] >= 1 for doc in body["documents"])


def test_admin_routes_appear_in_the_openapi_when_enabled(admin) -> None:
    schema = admin.get("/openapi.json").json()
    assert "/api/admin/documents" in schema["paths"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


# --- uploads that work ---------------------------------------------------------------------------


def test_uploaded_markdown_is_indexed_and_searchable(admin, own_index: IndexedCorpus) -> None:
    response = upload(admin, "guide-zorglub.md", NEW_DOCUMENT)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["file"] == "guide-zorglub.md" and body["replaced"] is False and body["chunks"] == 1
    assert body["report"]["added_files"] == ["guide-zorglub.md"] and body["report"]["embedded_chunks"] == 1
    assert (own_index.corpus / "guide-zorglub.md").read_bytes() == NEW_DOCUMENT
    hits = admin.get("/api/search", params={"q": "chantier Zorglub tuteur"}).json()["hits"]
    assert hits[0]["source"] == "guide-zorglub.md"
    assert admin.get("/api/health").json()["documents"] == 4
    listed = admin.get("/api/admin/documents", headers=AUTH).json()
    assert "guide-zorglub.md" in {doc["source"] for doc in listed["documents"]}


def test_uploaded_pdf_is_indexed(admin, own_index: IndexedCorpus, tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "source.pdf",
        [["Les facilitateurs Zorglub accompagnent les acheteurs publics."], ["Seconde page du guide Zorglub."]],
    )
    response = upload(admin, "Guide Facilitateurs (v2).PDF", pdf.read_bytes())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["file"] == "Guide-Facilitateurs-v2.pdf" and body["pages"] == 2
    assert (own_index.corpus / body["file"]).exists()
    hits = admin.get("/api/search", params={"q": "facilitateurs Zorglub"}).json()["hits"]
    assert hits[0]["source"] == body["file"] and hits[0]["page"] == 1


def test_uploading_the_same_name_replaces_the_document(admin, own_index: IndexedCorpus) -> None:
    response = upload(admin, "guide-calcul.md", NEW_DOCUMENT)
    assert response.status_code == 201
    assert response.json()["replaced"] is True and response.json()["report"]["changed_files"] == ["guide-calcul.md"]
    assert admin.get("/api/health").json()["documents"] == 3


# --- file names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../evil.md", "evil.md"),
        ("/etc/passwd.md", "passwd.md"),
        ("..\\x.md", "x.md"),
        ("C:\\Users\\agent\\Guide clauses.md", "Guide-clauses.md"),
        (".hidden.md", "hidden.md"),
        ("Étude d'impact – été.MD", "Etude-d-impact-ete.md"),
        ("a/b/../../.env.txt", "env.txt"),
    ],
)
def test_file_names_are_reduced_to_a_safe_base_name(raw: str, safe: str) -> None:
    assert safe_filename(raw) == safe


@pytest.mark.parametrize("raw", ["", "..", "../", "///", "€€€.md", "指南.pdf", "-.md", None])
def test_file_names_without_anything_usable_are_refused(raw) -> None:
    with pytest.raises(ApiError) as error:
        safe_filename(raw)
    assert error.value.code == "nom_de_fichier_invalide" and error.value.status == 422


@pytest.mark.parametrize("name", ["../../evil.md", "/etc/passwd.md", "..\\x.md"])
def test_path_traversal_names_never_write_outside_the_corpus(admin, own_index: IndexedCorpus, name: str) -> None:
    root = own_index.corpus.parent
    before = tree(root)
    response = upload(admin, name, NEW_DOCUMENT)
    assert response.status_code == 201, response.text
    stored = response.json()["file"]
    assert "/" not in stored and "\\" not in stored and not stored.startswith(".")
    added = {path for path in tree(root) - before if not path.parts[0] == "data"}
    assert added == {Path("corpus") / stored}
    assert not (root / "evil.md").exists() and not (root.parent / "evil.md").exists()
    assert not Path("/etc/passwd.md").exists()


# --- refusals: nothing is written ----------------------------------------------------------------


def refused(admin, own_index: IndexedCorpus, name: str, content: bytes, status: int, code: str):
    before_corpus = tree(own_index.corpus)
    before_data = tree(own_index.data)
    response = upload(admin, name, content)
    assert response.status_code == status, response.text
    error = error_of(response)
    assert error["code"] == code
    assert tree(own_index.corpus) == before_corpus  # not even a temporary file
    assert tree(own_index.data) - before_data <= {Path(".ingest.lock")}
    return error


@pytest.mark.parametrize("name", ["outil.exe", "guide.md.exe", "script.sh", "budget.xls", "archive.zip", "guide"])
def test_other_extensions_are_refused(admin, own_index: IndexedCorpus, name: str) -> None:
    error = refused(admin, own_index, name, b"MZ\x90\x00binary", 415, "format_non_pris_en_charge")
    assert "PDF" in error["message"] and "Markdown" in error["message"]


def test_oversized_file_is_refused(admin, own_index: IndexedCorpus) -> None:
    error = refused(admin, own_index, "gros.md", b"# Titre\n\n" + b"texte " * 40_000, 413, "fichier_trop_volumineux")
    assert "taille maximale" in error["message"]


def test_oversized_request_is_cut_before_reading(admin, own_index: IndexedCorpus) -> None:
    refused(admin, own_index, "enorme.md", b"a" * 400_000, 413, "requete_trop_volumineuse")


def test_non_pdf_with_a_pdf_name_is_refused(admin, own_index: IndexedCorpus) -> None:
    error = refused(admin, own_index, "faux.pdf", b"<html>pas un pdf</html>", 422, "document_illisible")
    assert "n'est pas un PDF" in error["message"]


def test_encrypted_pdf_is_refused(admin, own_index: IndexedCorpus, tmp_path: Path) -> None:
    plain = write_pdf(tmp_path / "plain.pdf", [["Texte confidentiel sur les clauses."]])
    locked = encrypt_pdf(plain, tmp_path / "locked.pdf")
    error = refused(admin, own_index, "verrouille.pdf", locked.read_bytes(), 422, "document_illisible")
    assert "chiffré" in error["message"]


def test_broken_pdf_is_refused(admin, own_index: IndexedCorpus, tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "good.pdf", [["Un texte."]]).read_bytes()
    error = refused(admin, own_index, "casse.pdf", good[: len(good) // 3], 422, "document_illisible")
    assert "casse.pdf" in error["message"]


def test_pdf_without_text_is_refused(admin, own_index: IndexedCorpus, tmp_path: Path) -> None:
    error = refused(
        admin, own_index, "scan.pdf", blank_pdf(tmp_path / "blank.pdf").read_bytes(), 422, "document_illisible"
    )
    assert "aucun texte" in error["message"]


def test_pdf_bomb_with_a_huge_page_count_is_refused(admin, own_index: IndexedCorpus, tmp_path: Path) -> None:
    bomb = blank_pdf(tmp_path / "bomb.pdf", pages=1001).read_bytes()
    error = refused(admin, own_index, "bombe.pdf", bomb, 422, "document_illisible")
    assert "1 001 pages" in error["message"] and "1 000" in error["message"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("vide.md", b""),
        ("blanc.md", b"   \n\n  "),
        ("latin1.txt", "Clauses sociales d'insertion à l'été".encode("latin-1")),
        ("binaire.md", b"# Titre\n\x00\x01\x02 donnees"),
    ],
)
def test_empty_or_unreadable_text_is_refused(admin, own_index: IndexedCorpus, name: str, content: bytes) -> None:
    refused(admin, own_index, name, content, 422, "document_illisible")


def test_broken_front_matter_is_refused(admin, own_index: IndexedCorpus) -> None:
    error = refused(
        admin, own_index, "entete.md", b"---\ntitle: [non ferme\n---\n# Titre\n\nTexte.\n", 422, "document_illisible"
    )
    assert "YAML" in error["message"]


def test_upload_needs_a_file(admin) -> None:
    response = admin.post("/api/admin/documents", headers=AUTH, data={"autre": "valeur"})
    assert response.status_code == 422
    assert error_of(response)["field"] == "file"


def test_upload_takes_one_file_only(admin, own_index: IndexedCorpus) -> None:
    before = tree(own_index.corpus)
    response = admin.post(
        "/api/admin/documents",
        headers=AUTH,
        files=[("file", ("a.md", NEW_DOCUMENT, "text/markdown")), ("file", ("b.md", NEW_DOCUMENT, "text/markdown"))],
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "requete_invalide"
    assert tree(own_index.corpus) == before


# --- the Department's formats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "write", "query"),
    [
        ("guide.docx", write_docx, "facilitateur heures réalisées trimestre"),
        ("note.odt", write_odt, "structures d'insertion par l'activité économique"),
        ("portail.html", write_html, "qualité de l'accompagnement des personnes en insertion"),
    ],
)
def test_office_documents_and_web_pages_are_uploaded_and_indexed(
    admin, own_index: IndexedCorpus, tmp_path: Path, name: str, write, query: str
) -> None:
    content = write(tmp_path / name).read_bytes()
    response = upload(admin, name, content)
    assert response.status_code == 201, response.text
    assert response.json()["report"]["added_files"] == [name]
    hits = admin.get("/api/search", params={"q": query}).json()["hits"]
    assert hits[0]["source"] == name and hits[0]["section"]


def test_an_uploaded_scan_is_read_by_ocr_and_labelled_as_such(admin, own_index: IndexedCorpus, tmp_path: Path) -> None:
    scan = write_scanned_pdf(tmp_path / "scan.pdf", ["Bon de commande Zorglub", "Heures d'insertion : quarante"])
    response = upload(admin, "bon-de-commande.pdf", scan.read_bytes())
    assert response.status_code == 201, response.text
    assert response.json()["report"]["ocr_pages"] == 1
    hits = admin.get("/api/search", params={"q": "bon de commande Zorglub"}).json()["hits"]
    assert hits[0]["source"] == "bon-de-commande.pdf" and hits[0]["title"].endswith("(texte reconnu par OCR)")


def test_a_legacy_word_file_is_refused_with_the_way_to_convert_it(
    admin, own_index: IndexedCorpus, tmp_path: Path
) -> None:
    content = write_legacy_doc(tmp_path / "ancien.doc").read_bytes()
    error = refused(admin, own_index, "ancien.doc", content, 415, "format_non_pris_en_charge")
    assert "enregistrez-le en .docx ou en PDF" in error["message"]


def test_a_zip_bomb_named_docx_is_refused_unread(admin, own_index: IndexedCorpus, tmp_path: Path) -> None:
    content = write_zip_bomb(tmp_path / "piege.docx").read_bytes()
    assert len(content) < 200_000  # under the upload limit: only the archive check stops it
    error = refused(admin, own_index, "piege.docx", content, 422, "document_illisible")
    assert "anormalement volumineux" in error["message"]


def test_a_docx_that_is_not_an_archive_is_refused(admin, own_index: IndexedCorpus) -> None:
    error = refused(admin, own_index, "faux.docx", b"<html>pas un docx</html>", 422, "document_illisible")
    assert "n'est pas un document Word" in error["message"]
