"""The FastAPI application factory.

``create_app()`` builds one :class:`~assistant.context.Context` per process (per
uvicorn worker) and stores it on ``app.state``; the routes reach it through
dependencies and stay thin: the logic lives in ``assistant/``.

Run it with ``clauses serve`` (uvicorn, ``factory=True`` on ``api.app:create_app``).
The app starts without an index: ``/api/health`` then answers 503 with the French
hint to run ``clauses ingest``, the chat and search answer 503, sizing and drafting
keep working.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.responses import FileResponse, HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import admin, chat, suivi, tools
from api.dependencies import RateLimiter
from api.errors import ApiError, BodySizeLimitMiddleware, CatchAllMiddleware, install_handlers
from api.logs import JsonFormatter, logging_config  # noqa: F401  (the log setup of `clauses serve`, re-exported)
from assistant.context import Context
from assistant.errors import IndexUnavailable
from assistant.service import Assistant
from assistant.settings import Settings

log = logging.getLogger("api")
access_log = logging.getLogger("api.access")

STATIC_DIR = Path(__file__).resolve().parent / "static"
JSON_BODY_LIMIT = 64 * 1024  # every JSON route: a 4 000-character message is far below
MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around an uploaded file

DESCRIPTION = """
API de l'assistant francophone pour les **clauses sociales** dans la commande publique
(Département de l'Isère) : questions sur le corpus documentaire avec sources citées,
dimensionnement des heures d'insertion, rédaction de clauses prêtes à coller.

* Toutes les erreurs ont la forme `{"error": {"code", "message", "field"}}` : le `code` est
  stable, le `message` est en français et peut être affiché tel quel.
* Les routes de conversation, de recherche et des outils sont limitées par client
  (réglage `CLAUSES_RATE_LIMIT`, 30 requêtes par minute par défaut) : au-delà, 429 avec `Retry-After`.
* Les routes d'administration n'existent que si `CLAUSES_ADMIN_TOKEN` est défini.
"""

TAGS = [
    {"name": "Conversation", "description": "Dialogue avec l'assistant, en JSON ou en flux (SSE), et avis."},
    {"name": "Outils", "description": "Dimensionnement, rédaction de clauses et recherche documentaire."},
    {"name": "Service", "description": "État du service."},
    {"name": "Administration", "description": "Documents du corpus (jeton d'administration requis)."},
    {"name": "Suivi", "description": "Suivi des clauses et indicateurs du Département (jeton de facilitateur requis)."},
]


class AccessLogMiddleware:
    """One log line per request: method, path without query string, status, duration, request id.

    Never the body nor the query string (they carry the user's text).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode()),
                    (b"x-content-type-options", b"nosniff"),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "%s %s %s",
                scope.get("method"),
                scope.get("path"),
                status,
                extra={
                    "request_id": request_id,
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )


# --- startup ------------------------------------------------------------------------------------


def _warm_up(context: Context, done: threading.Event) -> None:
    """Open the index, load the embedding model, the intent classifier and the answer cards and embed the
    tools' fixed searches (:meth:`Context.warm_up`), so the first question is not slow (the cards alone take
    seconds to parse and embed). ``done`` is set whatever happens: ``/api/health`` reports it as ``ready``."""
    try:
        _load_everything(context)
    finally:
        done.set()


def _load_everything(context: Context) -> None:
    try:
        index = context.index
    except IndexUnavailable as error:
        log.warning(
            "%s Le dimensionnement et la rédaction restent disponibles.", error.message, extra={"detail": error.detail}
        )
        return
    except Exception as error:  # nothing at start may crash the server
        log.error("index check failed", exc_info=error)
        return
    log.info(
        "Index chargé : %d documents, %d passages (version %s).",
        index.document_count,
        len(index.chunks),
        index.build_id,
    )
    try:
        context.warm_up()
    except Exception as error:
        log.error("warm-up failed", exc_info=error)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # In a thread: the server accepts requests (health, sizing, drafting) at once; a question
    # asked during the warm-up waits for the model on the context's lock.
    threading.Thread(target=_warm_up, args=(app.state.context, app.state.warmed), name="warm-up", daemon=True).start()
    yield


# --- static files -------------------------------------------------------------------------------


def _static(name: str, media_type: str, cache: str) -> FileResponse:
    path = STATIC_DIR / name
    if not path.is_file():
        raise ApiError(404, "introuvable", "Cette adresse n'existe pas.")
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": cache})


def _add_static_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    async def demo_page() -> FileResponse:
        return _static("index.html", "text/html; charset=utf-8", "no-cache")

    @app.get("/widget.js", include_in_schema=False)
    async def widget_script() -> FileResponse:
        response = _static("widget.js", "text/javascript; charset=utf-8", "public, max-age=300")
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    # Without the folder (a trimmed install) the routes above answer 404 and nothing is mounted.
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


# --- factory ------------------------------------------------------------------------------------


def _add_docs(app: FastAPI) -> None:
    """The OpenAPI page at /docs with Swagger UI from the swagger-ui-bundle package (works offline)."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — documentation",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
            swagger_ui_parameters={"defaultModelsExpandDepth": 0},
        )


def create_app(settings: Settings | None = None, context: Context | None = None) -> FastAPI:
    """The API for one process. ``context`` lets tests share a loaded model; by default it is built here."""
    if context is not None and settings is not None and context.settings is not settings:
        raise ValueError("create_app: pass either settings or a context built from them, not both")
    if context is None:
        context = Context(settings or Settings())
    settings = context.settings

    app = FastAPI(
        title="Assistant clauses sociales — API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,  # served below from local assets: FastAPI's default page loads them from a CDN
        redoc_url=None,
    )
    app.state.context = context
    app.state.warmed = threading.Event()
    app.state.assistant = Assistant(context=context)
    app.state.rate_limiter = RateLimiter(settings.rate_limit)

    install_handlers(app)
    app.include_router(chat.router)
    app.include_router(tools.router)
    if settings.admin_token is not None:
        app.include_router(admin.router)
    if settings.suivi_tokens is not None:
        app.include_router(suivi.router)
    _add_static_routes(app)
    _add_docs(app)

    # Last added runs first: access log → CORS → body size → catch-all → FastAPI.
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(
        BodySizeLimitMiddleware,
        # A message may use up to 4 bytes a character in UTF-8 (and JSON escapes): room for the configured limit.
        default=max(JSON_BODY_LIMIT, settings.max_message_chars * 6 + 8192),
        limits={
            admin.UPLOAD_PATH: settings.max_upload_bytes + MULTIPART_OVERHEAD,
            suivi.IMPORT_PATH: suivi.MAX_FILES * settings.max_upload_bytes + MULTIPART_OVERHEAD,
        },
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Authorization"],
        expose_headers=["Content-Disposition", "Retry-After", "X-Request-ID"],
        allow_credentials=False,
        max_age=600,
    )
    app.add_middleware(AccessLogMiddleware)
    return app
