"""Every public route of the real app over the real small index: happy paths, errors, limits."""

from __future__ import annotations

import io
import json
import logging
import shutil

import pytest
from docx import Document

from assistant.index import current_build_id
from tests.api.conftest import IndexedCorpus, error_of

QUESTION = "Quel coût horaire chargé retenir pour convertir un montant en heures ?"
SIZING = "Combien d'heures d'insertion pour un marché de gros œuvre de 1,2 M€ ?"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sse_events(text: str) -> list[tuple[str, dict]]:
    """(event, data) pairs of a text/event-stream body; comments (pings) are skipped."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


# --- chat ----------------------------------------------------------------------------------------


def test_chat_answers_with_sources_tool_calls_backend_and_session(client) -> None:
    response = client.post("/api/chat", json={"message": QUESTION})
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"answer", "sources", "tool_calls", "backend", "session_id", "message_id"} <= set(body)
    assert body["backend"] == "embedded"
    assert len(body["session_id"]) == 32
    assert body["sources"], body
    assert body["sources"][0]["source"].endswith(".md") and "[1]" in body["answer"]
    assert "trente euros" in body["answer"]
    assert [call["name"] for call in body["tool_calls"]] == ["search"]


def test_second_turn_continues_the_session(client) -> None:
    first = client.post("/api/chat", json={"message": SIZING}).json()
    assert first["tool_calls"][0]["name"] == "size"
    assert first["tool_calls"][0]["result"]["hours"] == 1000
    second = client.post("/api/chat", json={"message": "et à 7 % ?", "session_id": first["session_id"]})
    assert second.status_code == 200, second.text
    body = second.json()
    assert body["session_id"] == first["session_id"]
    assert body["tool_calls"][0]["result"]["hours"] == 1400
    assert "1 400" in body["answer"]
    store = client.app.state.context.store
    assert store.count_messages(first["session_id"]) == 4


@pytest.mark.parametrize("message", ["", "   \n\t "])
def test_empty_message_is_refused_in_french(client, message: str) -> None:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "parametre_invalide" and error["field"] == "message"
    assert "vide" in error["message"]


def test_too_long_message_is_refused_with_the_limit(make_client) -> None:
    client = make_client(max_message_chars=500)
    response = client.post("/api/chat", json={"message": "a" * 501})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "parametre_invalide" and error["field"] == "message"
    assert "501" in error["message"] and "500" in error["message"]


def test_default_limit_is_4000_characters(client) -> None:
    assert client.post("/api/chat", json={"message": "é" * 4001}).json()["error"]["field"] == "message"
    assert client.post("/api/chat", json={"message": "clause " * 571}).status_code == 200  # 3 997 characters


def test_missing_message_names_the_field(client) -> None:
    response = client.post("/api/chat", json={"session_id": None})
    assert response.status_code == 422
    error = error_of(response)
    assert error == {
        "code": "requete_invalide",
        "message": "Champ obligatoire manquant : « message ».",
        "field": "message",
    }


def test_malformed_json_is_a_french_422(client) -> None:
    response = client.post("/api/chat", content=b'{"message": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert error_of(response)["message"] == "Le corps de la requête n'est pas un JSON valide."


@pytest.mark.parametrize("session_id", ["../../etc", "ABCDEF0123456789ABCDEF0123456789", "1234"])
def test_bad_session_id_is_refused(client, session_id: str) -> None:
    response = client.post("/api/chat", json={"message": QUESTION, "session_id": session_id})
    assert response.status_code == 400
    assert error_of(response)["field"] == "session_id"


def test_stream_through_the_app_ends_with_the_full_response(client) -> None:
    response = client.post("/api/chat/stream", json={"message": QUESTION})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[0] == "start" and names[-1] == "done" and set(names[1:-1]) == {"delta"}
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert events[0][1] == {"session_id": done["session_id"], "message_id": done["message_id"]}


def test_stream_validation_errors_are_json_before_the_stream(client) -> None:
    response = client.post("/api/chat/stream", json={"message": " "})
    assert response.status_code == 400
    assert error_of(response)["code"] == "parametre_invalide"


def test_stream_failure_after_start_is_an_error_event(client, monkeypatch) -> None:
    engine = client.app.state.context.engine
    original = engine.stream

    def broken(message, session_id=None):
        events = original(message, session_id)
        yield next(events)
        raise RuntimeError("détail interne /srv/secret")

    monkeypatch.setattr(engine, "stream", broken)
    response = client.post("/api/chat/stream", json={"message": QUESTION})
    assert response.status_code == 200
    events = sse_events(response.text)
    assert [name for name, _ in events] == ["start", "error"]
    assert events[-1][1]["code"] == "erreur_interne"
    assert "secret" not in response.text and "RuntimeError" not in response.text


# --- limits --------------------------------------------------------------------------------------


def test_body_over_the_json_limit_is_413(client) -> None:
    response = client.post("/api/chat", json={"message": "x" * 70_000})
    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "requete_trop_volumineuse" and "volumineuse" in error["message"]


def test_streamed_body_without_length_is_cut_at_the_limit(client) -> None:
    def chunks():
        yield b'{"message": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = client.post("/api/size", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert error_of(response)["code"] == "requete_trop_volumineuse"


def test_rate_limit_answers_429_in_french_with_retry_after(make_client) -> None:
    client = make_client(rate_limit="3/minute")
    for _ in range(3):
        assert client.post("/api/size", json={"amount": 100000, "trade": "peinture"}).status_code == 200
    response = client.post("/api/size", json={"amount": 100000, "trade": "peinture"})
    assert response.status_code == 429
    assert error_of(response) == {
        "code": "trop_de_requetes",
        "message": "Trop de requêtes : réessayez dans une minute.",
        "field": None,
    }
    assert 1 <= int(response.headers["retry-after"]) <= 60
    # Each route has its own budget; the health check is never limited.
    assert client.post("/api/draft", json={"kind": "execution"}).status_code == 200
    assert all(client.get("/api/health").status_code == 200 for _ in range(5))


def test_rate_limit_covers_every_assistant_route(make_client) -> None:
    client = make_client(rate_limit="1/minute")
    calls = [
        lambda: client.post("/api/chat", json={"message": QUESTION}),
        lambda: client.post("/api/chat/stream", json={"message": QUESTION}),
        lambda: client.get("/api/search", params={"q": "coût horaire"}),
        lambda: client.post("/api/size", json={"amount": 100000, "trade": "peinture"}),
        lambda: client.post("/api/draft", json={"kind": "execution"}),
    ]
    for call in calls:
        assert call().status_code == 200
        assert call().status_code == 429


# --- CORS ----------------------------------------------------------------------------------------


def test_cors_allows_the_configured_origins_only(make_client) -> None:
    client = make_client(cors_origins=["https://www.isere.fr"])
    allowed = client.post(
        "/api/size", json={"amount": 100000, "trade": "peinture"}, headers={"Origin": "https://www.isere.fr"}
    )
    assert allowed.headers["access-control-allow-origin"] == "https://www.isere.fr"
    assert "content-disposition" in allowed.headers["access-control-expose-headers"].lower()
    refused = client.post(
        "/api/size", json={"amount": 100000, "trade": "peinture"}, headers={"Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in refused.headers
    preflight = client.options(
        "/api/chat",
        headers={
            "Origin": "https://www.isere.fr",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://www.isere.fr"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    evil_preflight = client.options(
        "/api/chat", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in evil_preflight.headers


def test_cors_default_is_the_local_demo_only(client) -> None:
    local = client.get("/api/health", headers={"Origin": "http://localhost:8000"})
    assert local.headers["access-control-allow-origin"] == "http://localhost:8000"
    other = client.get("/api/health", headers={"Origin": "http://localhost:3000"})
    assert "access-control-allow-origin" not in other.headers


def test_errors_carry_cors_headers_so_the_widget_can_read_them(make_client, monkeypatch) -> None:
    client = make_client(cors_origins=["https://www.isere.fr"], rate_limit="1/minute")
    origin = {"Origin": "https://www.isere.fr"}
    client.post("/api/size", json={"amount": 1}, headers=origin)
    limited = client.post("/api/size", json={"amount": 1}, headers=origin)
    assert limited.status_code == 429 and limited.headers["access-control-allow-origin"] == "https://www.isere.fr"
    too_large = client.post("/api/chat", json={"message": "x" * 70_000}, headers=origin)
    assert too_large.status_code == 413 and too_large.headers["access-control-allow-origin"] == "https://www.isere.fr"
    monkeypatch.setattr(client.app.state.context.toolbox, "draft", _boom)
    crashed = client.post("/api/draft", json={"kind": "execution"}, headers=origin)
    assert crashed.status_code == 500 and crashed.headers["access-control-allow-origin"] == "https://www.isere.fr"


# --- errors --------------------------------------------------------------------------------------


def _boom(*args, **kwargs):
    raise RuntimeError("Traceback secret: /srv/clauses/data password=hunter2")


def test_unexpected_error_is_a_french_500_without_detail(client, monkeypatch, caplog) -> None:
    monkeypatch.setattr(client.app.state.context.toolbox, "size", _boom)
    with caplog.at_level(logging.ERROR):
        response = client.post("/api/size", json={"amount": 100000})
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "erreur_interne" and error["message"].startswith("Une erreur interne est survenue")
    for leak in ("Traceback", "RuntimeError", "hunter2", "/srv/", 'File "'):
        assert leak not in response.text
    assert "hunter2" in caplog.text  # the detail stays on the server


def test_unknown_route_is_a_french_404(client) -> None:
    response = client.get("/api/nexiste-pas")
    assert response.status_code == 404
    assert error_of(response) == {"code": "introuvable", "message": "Cette adresse n'existe pas.", "field": None}


def test_wrong_method_is_a_french_405(client) -> None:
    response = client.get("/api/chat")
    assert response.status_code == 405
    assert error_of(response)["code"] == "methode_non_autorisee"


# --- sizing --------------------------------------------------------------------------------------


def test_size_returns_the_hours_formula_and_assumptions(client) -> None:
    response = client.post("/api/size", json={"amount": "1 200 000", "trade": "gros œuvre", "rate": "7 %"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["hours"] == 1400 and body["method"] == "labour_share"
    assert "1 400 h" in body["formula"]
    assert {a["name"] for a in body["assumptions"]} >= {"amount", "hourly_cost"}


def test_size_says_whether_the_social_condition_is_mandatory_with_the_trade_type(client) -> None:
    response = client.post("/api/size", json={"amount": "1 200 000", "trade": "gros œuvre", "rate": "7 %"})
    check = response.json()["social_condition"]
    assert check["market_type"] == "works" and check["market_type_origin"] == "corps d'état"
    assert check["status"] == "optional" and check["line"].startswith("Travaux (d'après le corps d'état")


def test_size_multi_lot(client) -> None:
    lots = [
        {"label": "Gros œuvre", "amount": 800000, "trade": "gros œuvre"},
        {"label": "Peinture", "amount": 200000, "trade": "peinture"},
    ]
    body = client.post("/api/size", json={"lots": lots}).json()
    assert body["method"] == "multi_lot" and len(body["lots"]) == 2


def test_unknown_trade_suggests_close_ones(client) -> None:
    response = client.post("/api/size", json={"amount": 100000, "trade": "plomberi"})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "metier_inconnu" and error["field"] == "trade"
    assert error["suggestions"] and any("Plomberie" in s for s in error["suggestions"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": "beaucoup"}, "amount"),
        ({"amount": -5}, "amount"),
        ({"amount": 100000, "trade": "peinture", "rate": "150 %"}, "rate"),
    ],
)
def test_unreadable_sizing_values_name_the_field(client, body: dict, field: str) -> None:
    response = client.post("/api/size", json=body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "parametre_invalide" and error["field"] == field


def test_unknown_sizing_parameter_is_refused(client) -> None:
    response = client.post("/api/size", json={"amount": 100000, "montant": 3})
    assert response.status_code == 422
    assert error_of(response) == {
        "code": "requete_invalide",
        "message": "Paramètre inconnu : « montant ».",
        "field": "montant",
    }


def test_size_request_mirrors_the_library_parameters() -> None:
    from api.models import SizeRequest
    from assistant.sizing import SizingParams

    assert set(SizeRequest.model_fields) == set(SizingParams.model_fields)


# --- drafting ------------------------------------------------------------------------------------


def test_draft_json_by_default(client) -> None:
    response = client.post("/api/draft", json={"kind": "execution", "parameters": {"hours": 1400, "penalty": 60}})
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "execution" and "1 400" in body["text"]
    assert body["references"] and "to_complete" in body


def test_draft_markdown(client) -> None:
    response = client.post("/api/draft", json={"kind": "execution", "parameters": {"hours": 1400}, "format": "md"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.startswith("#") and "1 400" in response.text


@pytest.mark.parametrize("how", ["format", "accept"])
def test_draft_docx_download_opens_in_word(client, how: str) -> None:
    body = {"kind": "execution", "parameters": {"hours": 1400}}
    if how == "format":
        response = client.post("/api/draft", json={**body, "format": "docx"})
    else:
        response = client.post("/api/draft", json=body, headers={"Accept": DOCX})
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX
    assert response.headers["content-disposition"] == 'attachment; filename="clause-execution.docx"'
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1 400" in text and "Références" in text


def test_draft_attachment_name_is_ascii() -> None:
    from api.tools import attachment_name

    assert attachment_name("réservé ESS/../x", "docx") == "clause-r-serv-ess-x.docx"
    assert attachment_name("", "md") == "clause-sociale.md"


def test_unknown_clause_kind_lists_the_kinds(client) -> None:
    response = client.post("/api/draft", json={"kind": "inconnue"})
    assert response.status_code == 400
    error = error_of(response)
    assert error["field"] == "kind" and "execution" in error["message"]


def test_unlawful_draft_is_refused_with_422(client) -> None:
    response = client.post(
        "/api/draft", json={"kind": "execution", "parameters": {"publics": "habitants de la commune"}}
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "demande_refusee" and error["field"] == "publics"


def test_bad_draft_format_is_refused(client) -> None:
    response = client.post("/api/draft", json={"kind": "execution", "format": "pdf"})
    assert response.status_code == 422
    error = error_of(response)
    assert error["field"] == "format" and "valeurs possibles" in error["message"]


def test_bad_draft_format_lists_the_accepted_values_in_french(client) -> None:
    message = error_of(client.post("/api/draft", json={"kind": "execution", "format": "pdf"}))["message"]
    assert "« json », « md », « markdown » ou « docx »" in message
    assert " or " not in message and "'md'" not in message


def test_draft_format_markdown_is_accepted_as_md(client) -> None:
    body = {"kind": "execution", "parameters": {"hours": 1400}}
    response = client.post("/api/draft", json={**body, "format": "markdown"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text == client.post("/api/draft", json={**body, "format": "md"}).text


def test_an_unknown_draft_parameter_is_a_422_naming_it(client) -> None:
    response = client.post("/api/draft", json={"kind": "execution", "parameters": {"hours": 1400, "heures_typo": 3}})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "parametre_inconnu" and error["field"] == "parameters.heures_typo"
    assert "« heures_typo »" in error["message"] and "hours" in error["message"]


def test_a_too_long_message_gives_its_limit_in_french_figures(client) -> None:
    response = client.post("/api/chat", json={"message": "a" * 12_000})
    assert "12 000 caractères" in error_of(response)["message"]


def test_draft_kinds_lists_titles_and_parameters(client) -> None:
    response = client.get("/api/draft/kinds")
    assert response.status_code == 200
    kinds = {kind["id"]: kind for kind in response.json()}
    assert "execution" in kinds and kinds["execution"]["title"]
    assert {p["name"] for p in kinds["execution"]["parameters"]} >= {"hours"}


# --- search --------------------------------------------------------------------------------------


def test_search_returns_hits_with_their_source(client) -> None:
    response = client.get("/api/search", params={"q": "coût horaire chargé", "k": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "coût horaire chargé"
    assert 1 <= len(body["hits"]) <= 2
    hit = body["hits"][0]
    assert set(hit) == {"text", "title", "source", "page", "section", "url", "score"}
    assert hit["source"] == "guide-calcul.md" and "trente euros" in hit["text"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 501}, "q"),
        ({"q": "a", "k": 0}, "k"),
        ({"q": "a", "k": 21}, "k"),
        ({"q": "a", "k": "trois"}, "k"),
    ],
)
def test_search_parameters_are_bounded(client, params: dict, field: str) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "requete_invalide" and error["field"] == field


# --- health and a missing index ------------------------------------------------------------------


def test_health_reports_the_index(client, api_index: IndexedCorpus) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["index_loaded"] is True
    assert body["documents"] == 3 and body["chunks"] == 6
    assert body["backend"] == "embedded" and body["build"] == current_build_id(api_index.data / "index")
    assert body["model"] == "bundled:all-MiniLM-L6-v2"


def test_without_index_health_is_503_and_tools_keep_working(no_index_client) -> None:
    health = no_index_client.get("/api/health")
    assert health.status_code == 503
    body = health.json()
    assert body["status"] == "indisponible" and body["index_loaded"] is False
    assert "introuvable" in body["message"] and "clauses ingest" in body["message"]
    for response in (
        no_index_client.post("/api/chat", json={"message": QUESTION}),
        no_index_client.get("/api/search", params={"q": "clause"}),
    ):
        assert response.status_code == 503
        error = error_of(response)
        assert error["code"] == "index_indisponible" and "clauses ingest" in error["message"]
    assert no_index_client.post("/api/size", json={"amount": 100000, "trade": "peinture"}).status_code == 200
    assert no_index_client.post("/api/draft", json={"kind": "execution"}).status_code == 200


def test_damaged_index_is_reported_not_crashed(make_client, own_index: IndexedCorpus) -> None:
    build = current_build_id(own_index.data / "index")
    shutil.rmtree(own_index.data / "index" / "builds" / build / "bm25")
    client = make_client(indexed=own_index)
    health = client.get("/api/health")
    assert health.status_code == 503 and "endommagé" in health.json()["message"]
    assert client.post("/api/chat", json={"message": QUESTION}).status_code == 503


# --- feedback ------------------------------------------------------------------------------------


def test_feedback_is_stored_with_the_session(client) -> None:
    turn = client.post("/api/chat", json={"message": QUESTION}).json()
    response = client.post(
        "/api/feedback",
        json={
            "session_id": turn["session_id"],
            "message_id": turn["message_id"],
            "rating": "down",
            "comment": "Il manque la source nationale.",
        },
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True
    stored = client.app.state.context.store.feedback(turn["session_id"])
    assert [(f["message_id"], f["rating"], f["comment"]) for f in stored] == [
        (turn["message_id"], "down", "Il manque la source nationale.")
    ]


def test_feedback_on_an_unknown_message_is_404(client) -> None:
    turn = client.post("/api/chat", json={"message": QUESTION}).json()
    response = client.post(
        "/api/feedback", json={"session_id": turn["session_id"], "message_id": "0" * 32, "rating": "up"}
    )
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "message_inconnu" and error["field"] == "message_id"


@pytest.mark.parametrize(("change", "field"), [({"rating": "bof"}, "rating"), ({"comment": "x" * 2001}, "comment")])
def test_feedback_fields_are_validated(client, change: dict, field: str) -> None:
    body = {"session_id": "a" * 32, "message_id": "b" * 32, "rating": "up", **change}
    response = client.post("/api/feedback", json=body)
    assert response.status_code == 422
    assert error_of(response)["field"] == field


# --- privacy of the logs -------------------------------------------------------------------------


def test_logs_carry_no_message_text_by_default(client, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        client.post("/api/chat", json={"message": "Zorglub écrit à jean.dupont@example.org : " + QUESTION})
        client.get("/api/search", params={"q": "zorglub confidentiel"})
    server = [r for r in caplog.records if not r.name.startswith("httpx")]  # the test client logs its own URLs
    assert {r.name for r in server} >= {"api.access", "assistant.conversation"}
    text = "\n".join(f"{r.getMessage()} {vars(r)}" for r in server)
    assert "zorglub" not in text.lower() and "jean.dupont" not in text


def test_log_messages_setting_logs_masked_text(make_client, caplog) -> None:
    client = make_client(log_messages=True)
    with caplog.at_level(logging.INFO):
        client.post("/api/chat", json={"message": "Zorglub écrit à jean.dupont@example.org : " + QUESTION})
    assert "Zorglub" in caplog.text and "jean.dupont@example.org" not in caplog.text
    assert "[courriel masqué]" in caplog.text


def test_json_log_formatter_masks_personal_data() -> None:
    from api.app import JsonFormatter

    record = logging.LogRecord("api", logging.INFO, __file__, 1, "appel de %s", ("04 76 00 38 38",), None)
    record.request_id = "abc"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "appel de [téléphone masqué]" and line["request_id"] == "abc"


# --- static files and documentation --------------------------------------------------------------


def test_demo_page_and_widget_are_served(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "widget.js" in page.text
    script = client.get("/widget.js")
    assert script.status_code == 200
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "max-age" in script.headers["cache-control"]
    assert client.get("/static/widget.js").status_code == 200


def test_static_folder_does_not_leak_the_server_files(client) -> None:
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "create_app" not in response.text


def test_openapi_is_french_and_documents_the_errors(client) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "Assistant clauses sociales — API"
    chat = schema["paths"]["/api/chat"]["post"]
    assert chat["summary"] == "Poser une question à l'assistant"
    assert chat["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert "HTTPValidationError" not in json.dumps(schema)
    assert "/api/admin/documents" not in schema["paths"]
    assert client.get("/docs").status_code == 200


def test_error_statuses_by_kind() -> None:
    from api.errors import status_of
    from assistant.errors import (
        BackendUnavailable,
        ClausesError,
        DocumentError,
        IndexUnavailable,
        InvalidInput,
        RequestRefused,
        UnknownTrade,
    )

    assert status_of(InvalidInput("x")) == 400
    assert status_of(UnknownTrade("x", suggestions=[])) == 400
    assert status_of(RequestRefused("x")) == 422
    assert status_of(DocumentError("x")) == 422
    assert status_of(IndexUnavailable("x")) == 503
    assert status_of(BackendUnavailable("x")) == 503
    assert status_of(ClausesError("x")) == 500


def test_installation_fault_shows_its_french_message_only(client, monkeypatch) -> None:
    from assistant.errors import ClausesError

    def broken(*args, **kwargs):
        raise ClausesError(
            "Le modèle de clause est illisible ; signalez-le à l'administrateur.",
            detail="TemplateSyntaxError at /srv/prompts/clauses/execution.md.j2",
        )

    monkeypatch.setattr(client.app.state.context.toolbox, "draft", broken)
    response = client.post("/api/draft", json={"kind": "execution"})
    assert response.status_code == 500
    assert error_of(response) == {
        "code": "erreur",
        "field": None,
        "message": "Le modèle de clause est illisible ; signalez-le à l'administrateur.",
    }
    assert "/srv" not in response.text


def test_responses_are_not_sniffable(client) -> None:
    response = client.get("/api/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert len(response.headers["x-request-id"]) == 16


def test_missing_static_files_are_404_not_500(make_client, monkeypatch, tmp_path) -> None:
    import api.app

    monkeypatch.setattr(api.app, "STATIC_DIR", tmp_path / "absent")
    client = make_client()
    for path in ("/", "/widget.js", "/static/widget.js"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert error_of(response)["code"] == "introuvable"
    assert client.get("/api/health").status_code == 200


def test_openapi_docs_page_uses_local_assets_and_works_offline(client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_size_reads_amounts_written_as_in_chat(client) -> None:
    for amount in ("1,2 M€", "1.200.000", "1 200 000 €"):
        response = client.post("/api/size", json={"amount": amount, "trade": "gros œuvre", "rate": "7 %"})
        assert response.status_code == 200, response.text
        assert response.json()["hours"] == 1400


def test_chat_gives_the_short_version_of_the_clause_just_drafted(client) -> None:
    first = client.post("/api/chat", json={"message": "Rédige l'article du CCAP pour 350 heures d'insertion"}).json()
    second = client.post(
        "/api/chat", json={"message": "trop long, ça doit tenir en un paragraphe", "session_id": first["session_id"]}
    )
    assert second.status_code == 200
    body = second.json()
    draft = next(call for call in body["tool_calls"] if call["name"] == "draft")
    assert body["intent"] == "drafting" and draft["result"]["short"] is True
    assert "350" in draft["result"]["text"] and "version courte" in body["answer"]
