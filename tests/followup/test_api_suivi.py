"""The follow-up API for facilitators: tokens, territory scope, indicators, alerts, import, exports, questions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pydantic import ValidationError
from starlette.testclient import TestClient

from api.app import create_app
from assistant.context import Context
from assistant.settings import Settings
from tests.followup.helpers import as_workbook, copy_sample, edit_cell

ALL = "jeton-facilitateur-departement-0001"
VOIRONNAIS = "jeton-facilitateur-voironnais-0002"
TOKENS = f"{ALL}:*,{VOIRONNAIS}:Voironnais-Chartreuse"
YEAR = {"debut": "2026-01-01", "fin": "2026-12-31"}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _files(folder: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [
        ("files", (p.name, p.read_bytes(), "text/csv"))
        for p in sorted(folder.glob("*.csv"))
        if p.stem != "expected-2026"
    ]


@pytest.fixture
def client(tmp_path: Path, database_url: str) -> Iterator[TestClient]:
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        corpus_dirs=[tmp_path / "corpus"],
        database_url=database_url,
        suivi_tokens=TOKENS,
        rate_limit="1000/minute",
    )
    with TestClient(create_app(context=Context(settings))) as test_client:
        yield test_client


@pytest.fixture
def loaded(client: TestClient, sample: Path) -> TestClient:
    response = client.post("/api/suivi/import", files=_files(sample), headers=_auth(ALL))
    assert response.status_code == 200, response.text
    return client


@pytest.mark.parametrize("headers", [{}, _auth("jeton-inconnu-mais-assez-long"), {"Authorization": f"Basic {ALL}"}])
def test_every_route_answers_401_without_a_valid_token(client: TestClient, headers: dict[str, str]) -> None:
    for path in ("/api/suivi/indicateurs", "/api/suivi/alertes", "/api/suivi/export.docx", "/api/suivi/export.xlsx"):
        response = client.get(path, headers=headers)
        assert response.status_code == 401 and response.json()["error"]["code"] == "authentification_requise"
    assert (
        client.post("/api/suivi/ask", json={"message": "heures réalisées en 2026 ?"}, headers=headers).status_code
        == 401
    )


def test_the_routes_do_not_exist_without_configured_tokens(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dirs=[tmp_path / "c"])
    with TestClient(create_app(context=Context(settings))) as client:
        assert client.get("/api/suivi/indicateurs", headers=_auth(ALL)).status_code == 404


@pytest.mark.parametrize("tokens", ["changeme:*", "court:*", f"{ALL}:*,token:Voironnais"])
def test_placeholder_or_short_tokens_are_refused_at_start(tokens: str) -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, suivi_tokens=tokens)


def test_indicators_of_the_year_are_those_of_the_format_note(loaded: TestClient, sample: Path) -> None:
    body = loaded.get("/api/suivi/indicateurs", params=YEAR, headers=_auth(ALL)).json()
    assert body["bilan"] == json.loads((sample / "expected-2026.json").read_text(encoding="utf-8"))
    assert len(body["mensuel"]) == 12 and "heures_prevues" in body["definitions"]


def test_a_territory_token_sees_only_its_operations(loaded: TestClient) -> None:
    body = loaded.get("/api/suivi/indicateurs", params=YEAR, headers=_auth(VOIRONNAIS)).json()
    assert body["bilan"]["heures"]["realisees"] == 805.01
    assert loaded.get("/api/suivi/session", headers=_auth(VOIRONNAIS)).json()["territoires"] == [
        "Voironnais-Chartreuse"
    ]


def test_a_territory_token_asking_for_another_territory_is_refused(loaded: TestClient) -> None:
    response = loaded.get(
        "/api/suivi/indicateurs", params={**YEAR, "territoire": "Grésivaudan"}, headers=_auth(VOIRONNAIS)
    )
    assert response.status_code == 403 and "Voironnais-Chartreuse" in response.json()["error"]["message"]


@pytest.mark.parametrize("asked", ["e", "*", "voironnais"])
def test_a_territory_token_never_widens_its_scope_with_a_partial_name(loaded: TestClient, asked: str) -> None:
    response = loaded.get("/api/suivi/indicateurs", params={**YEAR, "territoire": asked}, headers=_auth(VOIRONNAIS))
    assert response.status_code == 200 and response.json()["bilan"]["heures"]["realisees"] == 805.01


def test_alerts_of_a_territory_token_are_its_own(loaded: TestClient) -> None:
    body = loaded.get("/api/suivi/alertes", params={"date": "2026-07-15"}, headers=_auth(VOIRONNAIS)).json()
    assert [a["operation_id"] for a in body["alertes"]] == ["OP-1-009", "OP-1-012"]


def test_a_refused_import_returns_the_validation_report_and_stores_nothing(
    client: TestClient, sample: Path, tmp_path: Path
) -> None:
    folder = copy_sample(sample, tmp_path / "bad")
    edit_cell(folder, "heures", 7, "heures", "999")
    response = client.post("/api/suivi/import", files=_files(folder), headers=_auth(ALL))
    assert response.status_code == 422
    assert response.json()["erreurs"][0]["ligne"] == 7
    assert client.get("/api/suivi/session", headers=_auth(ALL)).json()["territoires"] == []


def test_a_workbook_can_be_imported(client: TestClient, sample: Path, tmp_path: Path) -> None:
    workbook = as_workbook(sample, tmp_path / "suivi.xlsx")
    response = client.post(
        "/api/suivi/import",
        files=[("files", ("suivi.xlsx", workbook.read_bytes(), "application/octet-stream"))],
        headers=_auth(ALL),
    )
    assert response.status_code == 200 and response.json()["enregistre"]["heures"] == 103


def test_a_territory_token_cannot_import_operations_of_another_territory(client: TestClient, sample: Path) -> None:
    response = client.post("/api/suivi/import", files=_files(sample), headers=_auth(VOIRONNAIS))
    assert response.status_code == 422 and "hors de votre territoire" in response.json()["erreurs"][0]["message"]


def test_another_file_type_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/suivi/import", files=[("files", ("notes.pdf", b"%PDF-1.4", "application/pdf"))], headers=_auth(ALL)
    )
    assert response.status_code == 415


def test_the_docx_and_xlsx_exports_download(loaded: TestClient) -> None:
    from docx import Document
    from openpyxl import load_workbook

    docx = loaded.get("/api/suivi/export.docx", params=YEAR, headers=_auth(ALL))
    assert docx.status_code == 200 and "attachment" in docx.headers["content-disposition"]
    assert Document(BytesIO(docx.content)).paragraphs[0].text == "Bilan des clauses sociales"
    xlsx = loaded.get("/api/suivi/export.xlsx", params=YEAR, headers=_auth(VOIRONNAIS))
    assert load_workbook(BytesIO(xlsx.content))["Heures"]["B3"].value == 805.01


def test_a_question_about_the_data_is_answered_for_the_token_territory(loaded: TestClient) -> None:
    response = loaded.post(
        "/api/suivi/ask", json={"message": "combien d'heures réalisées en 2026 ?"}, headers=_auth(VOIRONNAIS)
    )
    body = response.json()
    assert response.status_code == 200 and body["backend"] == "suivi" and "805,01" in body["answer"]


def test_the_public_chat_never_answers_from_the_follow_up(loaded: TestClient) -> None:
    response = loaded.post("/api/chat", json={"message": "combien d'heures réalisées en 2026 dans le Voironnais ?"})
    assert "805,01" not in response.text  # no index in this app: 503; with one, a corpus answer


def test_an_invalid_date_is_a_french_400(loaded: TestClient) -> None:
    response = loaded.get("/api/suivi/indicateurs", params={"debut": "2026-13-01"}, headers=_auth(ALL))
    assert response.status_code == 400 and "AAAA-MM-JJ" in response.json()["error"]["message"]


def test_the_routes_are_rate_limited(tmp_path: Path, database_url: str) -> None:
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path / "d",
        corpus_dirs=[tmp_path / "c"],
        database_url=database_url,
        suivi_tokens=TOKENS,
        rate_limit="2/minute",
    )
    with TestClient(create_app(context=Context(settings))) as client:
        statuses = [client.get("/api/suivi/alertes", headers=_auth(ALL)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_page_is_served(client: TestClient) -> None:
    response = client.get("/suivi")
    assert response.status_code == 200 and '<html lang="fr"' in response.text


def test_a_filled_monthly_statement_is_imported_through_the_api(loaded: TestClient) -> None:
    statement = "\r\n".join(
        [
            "Rubrique;Renseignement",
            "Marché;OP-1-009 — Rénovation énergétique de logements — lot 7",
            "Titulaire;Entreprise 94",
            "Période;octobre 2026",
            "",
            "Identifiant de la personne;Catégorie de public;Modalité;Type de contrat;Date d'entrée sur le marché;"
            "Heures du mois;Heures cumulées",
            "P10012;RSA;embauche directe;CDI;2026-01-05;120;120",
        ]
    ).encode("cp1252")
    response = loaded.post(
        "/api/suivi/import", files=[("files", ("etat-octobre.csv", statement, "text/csv"))], headers=_auth(VOIRONNAIS)
    )
    assert response.status_code == 200 and response.json()["type"] == "etat_mensuel"
    after = loaded.get("/api/suivi/indicateurs", params=YEAR, headers=_auth(VOIRONNAIS)).json()
    assert after["bilan"]["heures"]["realisees"] == 925.01  # 805,01 h + the statement's 120 h
