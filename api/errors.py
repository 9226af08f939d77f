"""Every error the API sends: one JSON shape, a French message, a stable code, no stack trace.

``{"error": {"code": "...", "message": "...", "field": "..." | null}}`` (plus ``suggestions``
for an unknown trade). Status codes:

====================  ======  ==========================================================
code                  status  when
====================  ======  ==========================================================
parametre_invalide    400     InvalidInput: empty or too long message, bad session id,
                              unreadable sizing or drafting parameter
metier_inconnu        400     UnknownTrade (with ``suggestions``)
requete_invalide      422     the body or query does not match the schema (pydantic);
                              400 for a body that cannot be parsed at all
demande_refusee       422     RequestRefused (unlawful or out-of-scope request)
parametre_inconnu     422     POST /api/draft with a parameter the clause kind does not take
document_illisible    422     DocumentError (upload broken, encrypted, empty, too many pages,
                              zip bomb, scan without OCR)
nom_de_fichier_invalide 422   upload name with nothing usable
format_non_pris_en_charge 415 upload with another extension than .pdf .docx .odt .html .htm .md
                              .markdown .txt (the message says how to convert it)
authentification_requise 401  admin route without the right bearer token
introuvable           404     unknown route (and admin routes when no token is configured)
message_inconnu       404     feedback on a message that is not in the conversation
methode_non_autorisee 405
requete_trop_volumineuse 413  body over the limit (64 kB for JSON, the upload limit for uploads)
fichier_trop_volumineux 413   uploaded file over CLAUSES_MAX_UPLOAD_BYTES
trop_de_requetes      429     rate limit (``Retry-After`` header)
index_indisponible    503     the index is missing or damaged (« clauses ingest »)
modele_indisponible   503     BackendUnavailable (the engine normally falls back instead)
erreur_interne        500     anything unexpected (logged server-side, never detailed)
====================  ======  ==========================================================
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import (
    BackendUnavailable,
    ClausesError,
    DocumentError,
    IndexUnavailable,
    InvalidInput,
    RequestRefused,
    UnknownTrade,
)
from assistant.fr.formatting import fmt_count

log = logging.getLogger("api.errors")

INTERNAL_MESSAGE = (
    "Une erreur interne est survenue. Réessayez dans un instant ; si le problème persiste, "
    "contactez l'administrateur du service."
)
TOO_LARGE_MESSAGE = "La requête est trop volumineuse."
RATE_LIMIT_MESSAGE = "Trop de requêtes : réessayez dans une minute."


class ApiError(Exception):
    """An error decided by the API layer itself (authentication, upload checks, not found…)."""

    def __init__(
        self, status: int, code: str, message: str, *, field: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers


class BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` when a streamed body passes the limit.

    An HTTPException so that FastAPI re-raises it from its body parsing instead of
    turning it into a 400, and the handler below renders the French 413.
    """

    def __init__(self) -> None:
        super().__init__(status_code=413, detail=TOO_LARGE_MESSAGE)


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    detail: dict[str, Any] = {"code": code, "message": message, "field": field}
    detail.update({key: value for key, value in extra.items() if value is not None})
    return {"error": detail}


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, field, **extra), status_code=status, headers=headers)


def status_of(error: ClausesError) -> int:
    if isinstance(error, InvalidInput):  # UnknownTrade included
        return 400
    if isinstance(error, (RequestRefused, DocumentError)):
        return 422
    if isinstance(error, (IndexUnavailable, BackendUnavailable)):
        return 503
    return 500  # a ClausesError of no specific kind is an installation fault (e.g. broken template)


# --- handlers ---------------------------------------------------------------------------------


async def _clauses_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ClausesError)
    status = status_of(error)
    # The detail is for logs; it never contains the user's message (the engine validates before).
    # 4xx: the code and field only (a detail may quote what the user typed); 5xx: the detail for operators.
    extra = {"code": error.code, "field": error.field, "status": status, "path": request.url.path}
    if status >= 500:
        log.warning("%s (%s)", error.code, error.detail, extra=extra)
    else:
        log.info("%s", error.code, extra=extra)
    suggestions = error.suggestions if isinstance(error, UnknownTrade) else None
    return error_response(status, error.code, error.message, error.field, suggestions=suggestions)


async def _api_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.code, error.message, error.field, headers=error.headers)


_FIELD_TYPES = {
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "bool_type": "vrai ou faux attendu",
    "bool_parsing": "vrai ou faux attendu",
    "list_type": "liste attendue",
    "dict_type": "objet attendu",
    "model_type": "objet attendu",
    "model_attributes_type": "objet attendu",
}


def _count(value: Any) -> str:
    """A limit from pydantic's context, written the French way when it is a whole number."""
    return fmt_count(value) if isinstance(value, int) and not isinstance(value, bool) else str(value).replace(".", ",")


def french_choices(expected: str) -> str:
    """Pydantic's « 'json', 'md' or 'docx' » as « « json », « md » ou « docx » »."""
    values = re.findall(r"'([^']*)'", expected)
    if not values:
        return expected
    quoted = [f"« {value} »" for value in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def validation_message(error: dict[str, Any]) -> tuple[str, str | None]:
    """A French sentence for the first pydantic error, and the field it names."""
    loc = [part for part in error.get("loc", ()) if part not in ("body", "query", "path", "header", "cookie")]
    field = ".".join(str(part) for part in loc) or None
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    name = f"« {field} »" if field else "Le corps de la requête"
    if kind == "json_invalid":
        return "Le corps de la requête n'est pas un JSON valide.", None
    if kind == "missing":
        return (
            f"Champ obligatoire manquant : « {field} »."
            if field
            else "Le corps de la requête est vide : un objet JSON est attendu."
        ), field
    if kind == "extra_forbidden":
        return f"Paramètre inconnu : « {field} ».", field
    if kind == "string_too_long":
        return f"{name} : texte trop long ({_count(ctx.get('max_length'))} caractères au plus).", field
    if kind == "string_too_short":
        return f"{name} : texte trop court ({_count(ctx.get('min_length'))} caractère(s) au moins).", field
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bounds = {
            "greater_than_equal": "au moins",
            "greater_than": "plus de",
            "less_than_equal": "au plus",
            "less_than": "moins de",
        }
        limit = next((v for k, v in ctx.items() if k in {"ge", "gt", "le", "lt"}), "")
        return f"{name} : valeur hors limites ({bounds[kind]} {_count(limit)}).", field
    if kind in {"literal_error", "enum"}:
        return (
            f"{name} : valeur non reconnue (valeurs possibles : {french_choices(str(ctx.get('expected', '')))}).",
            field,
        )
    if kind in _FIELD_TYPES:
        if not field:
            return "Le corps de la requête doit être un objet JSON.", None
        return f"{name} : type de valeur incorrect ({_FIELD_TYPES[kind]}).", field
    return f"{name} : valeur invalide.", field


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = error.errors()
    message, field = validation_message(errors[0]) if errors else ("Requête invalide.", None)
    log.info(
        "validation error",
        extra={"path": request.url.path, "field": field, "type": errors[0].get("type") if errors else None},
    )
    return error_response(422, "requete_invalide", message, field)


_HTTP = {
    400: ("requete_invalide", "La requête est mal formée."),
    401: ("authentification_requise", "Authentification requise."),
    403: ("acces_refuse", "Accès refusé."),
    404: ("introuvable", "Cette adresse n'existe pas."),
    405: ("methode_non_autorisee", "Méthode non autorisée pour cette adresse."),
    406: ("format_non_acceptable", "Format de réponse non disponible."),
    413: ("requete_trop_volumineuse", TOO_LARGE_MESSAGE),
    415: ("type_de_contenu_non_pris_en_charge", "Type de contenu non pris en charge : envoyez du JSON."),
    429: ("trop_de_requetes", RATE_LIMIT_MESSAGE),
}


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code, message = _HTTP.get(error.status_code, ("erreur_http", "La requête n'a pas pu être traitée."))
    return error_response(error.status_code, code, message, headers=getattr(error, "headers", None))


async def _internal_error(request: Request, error: Exception) -> JSONResponse:
    # Reached only when an exception escapes CatchAllMiddleware (it should not).
    log.error("unhandled error", exc_info=error, extra={"path": request.url.path})
    return error_response(500, "erreur_interne", INTERNAL_MESSAGE)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ClausesError, _clauses_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)


# --- middlewares ------------------------------------------------------------------------------


async def _send_json(send: Send, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(key.lower().encode("latin-1"), value.encode("latin-1")) for key, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


class BodySizeLimitMiddleware:
    """Refuse bodies over a limit: at once from Content-Length, or as soon as the streamed bytes pass it.

    ``limits`` maps exact paths to their own limit (the upload route); every other
    request gets ``default``.
    """

    def __init__(self, app: ASGIApp, *, default: int, limits: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = default
        self.limits = limits or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope.get("path", ""), self.default)
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, error_body("requete_invalide", "En-tête Content-Length invalide."))
                    return
                if declared > limit:
                    await _send_json(send, 413, error_body("requete_trop_volumineuse", TOO_LARGE_MESSAGE))
                    return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _send_json(send, 413, error_body("requete_trop_volumineuse", TOO_LARGE_MESSAGE))


class CatchAllMiddleware:
    """Turn any unexpected exception into the French 500, inside CORS so browsers can read it.

    The traceback goes to the log (masked by the formatter), never to the client.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            log.error(
                "unhandled error", exc_info=error, extra={"path": scope.get("path"), "method": scope.get("method")}
            )
            if started:
                raise
            await _send_json(send, 500, error_body("erreur_interne", INTERNAL_MESSAGE))
