"""Conversation routes: one turn as JSON, or the same turn streamed as Server-Sent Events."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator

from fastapi import APIRouter
from sse_starlette import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from api.dependencies import AssistantDep, IndexDep, RateLimited
from api.errors import INTERNAL_MESSAGE, ApiError
from api.models import ChatRequest, ErrorBody, FeedbackRequest, FeedbackResponse
from assistant.conversation import StreamEvent
from assistant.errors import ClausesError, InvalidInput
from assistant.responses import Response

log = logging.getLogger("api.chat")

router = APIRouter(prefix="/api", tags=["Conversation"])

_ERRORS: dict[int | str, dict] = {
    400: {
        "model": ErrorBody,
        "description": "Message vide ou trop long, identifiant de conversation invalide, corps de requête illisible.",
    },
    413: {"model": ErrorBody, "description": "Corps de requête trop volumineux."},
    422: {"model": ErrorBody, "description": "Corps de requête non conforme au schéma."},
    429: {"model": ErrorBody, "description": "Trop de requêtes (en-tête Retry-After)."},
    500: {"model": ErrorBody, "description": "Erreur interne (sans détail)."},
    503: {"model": ErrorBody, "description": "Index des documents introuvable ou endommagé (« clauses ingest »)."},
}

STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _event(name: str, description: str, data: dict) -> dict:
    return {
        "type": "object",
        "description": description,
        "required": ["event", "data"],
        "properties": {
            "event": {"const": name},
            "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": data},
        },
    }


def _object(**properties: dict) -> dict:
    return {"type": "object", "required": list(properties), "properties": properties}


# One event of the stream (OpenAPI 3.1: the schema of a text/event-stream describes each event).
SSE_EVENT_SCHEMA = {
    "oneOf": [
        _event("start", "Début de la réponse.", _object(session_id={"type": "string"}, message_id={"type": "string"})),
        _event("delta", "Morceau de texte à ajouter à la réponse.", _object(text={"type": "string"})),
        _event("done", "Réponse complète (même forme que POST /api/chat).", {"$ref": "#/components/schemas/Response"}),
        _event("error", "Échec après le début du flux.", _object(code={"type": "string"}, message={"type": "string"})),
    ]
}


@router.post(
    "/chat",
    response_model=Response,
    responses=_ERRORS,
    dependencies=[RateLimited],
    summary="Poser une question à l'assistant",
    description="Un tour de conversation : la réponse en Markdown, les sources citées, les outils appelés "
    "(recherche, dimensionnement, rédaction), le moteur utilisé et l'identifiant de conversation à renvoyer "
    "au tour suivant.",
)
async def chat(body: ChatRequest, assistant: AssistantDep, _index: IndexDep) -> Response:
    return await run_in_threadpool(assistant.ask, body.message, body.session_id)


def _sse(event: StreamEvent) -> dict[str, str]:
    return {"event": event.event, "data": json.dumps(event.data, ensure_ascii=False)}


@router.post(
    "/chat/stream",
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": "Flux text/event-stream. Événements : « start » {session_id, message_id}, puis des "
            "« delta » {text} dont la concaténation donne la réponse, puis « done » (la réponse complète, même "
            "forme que POST /api/chat). En cas d'échec après le début du flux : « error » {code, message}.",
            "content": {"text/event-stream": {"schema": SSE_EVENT_SCHEMA}},
        },
        **_ERRORS,
    },
    dependencies=[RateLimited],
    summary="Poser une question, réponse en flux (SSE)",
    description="Même réponse que POST /api/chat, envoyée au fil de l'eau en Server-Sent Events. Les erreurs "
    "détectées avant le début du flux (message invalide, index absent, trop de requêtes) sont renvoyées en "
    "JSON avec leur code HTTP, comme pour POST /api/chat.",
)
async def chat_stream(body: ChatRequest, assistant: AssistantDep, _index: IndexDep) -> EventSourceResponse:
    events: Iterator[StreamEvent] = assistant.stream(body.message, body.session_id)
    # The engine computes the backend's first item before its first event: pulling that
    # event here raises validation errors (and any other failure before the first text)
    # before the stream starts, so they leave as ordinary JSON errors with their status code.
    first = await run_in_threadpool(next, events, None)
    if first is None:
        raise RuntimeError("the engine stream ended without any event")
    # A model's tokens are computed while streaming (threadpool); the embedded backend's
    # stream only slices an answer already computed (no threadpool).
    live = assistant.streams_live

    async def publish() -> AsyncIterator[dict[str, str]]:
        yield _sse(first)
        try:
            while (event := await run_in_threadpool(next, events, None) if live else next(events, None)) is not None:
                yield _sse(event)
        except ClausesError as error:
            log.warning("stream failed", extra={"code": error.code, "detail": error.detail})
            yield {
                "event": "error",
                "data": json.dumps({"code": error.code, "message": error.message}, ensure_ascii=False),
            }
        except Exception as error:  # the status line is sent: report in-band, never the detail
            log.error("stream failed", exc_info=error)
            yield {
                "event": "error",
                "data": json.dumps({"code": "erreur_interne", "message": INTERNAL_MESSAGE}, ensure_ascii=False),
            }

    return EventSourceResponse(publish(), headers=STREAM_HEADERS, ping=15)


@router.post(
    "/feedback",
    response_model=FeedbackResponse,
    responses={
        400: {"model": ErrorBody, "description": "Corps de requête illisible."},
        404: {"model": ErrorBody, "description": "Ce message n'existe pas dans cette conversation."},
        **{status: _ERRORS[status] for status in (413, 422, 429, 500)},
    },
    dependencies=[RateLimited],
    summary="Donner son avis sur une réponse",
    description="Pouce levé ou baissé sur une réponse de l'assistant, avec un commentaire facultatif ; "
    "l'avis est enregistré avec la conversation.",
)
async def feedback(body: FeedbackRequest, assistant: AssistantDep) -> FeedbackResponse:
    try:
        feedback_id = await run_in_threadpool(
            assistant.feedback, body.session_id, body.message_id, body.rating, body.comment
        )
    except InvalidInput as error:
        raise ApiError(404, "message_inconnu", error.message, field=error.field) from None
    return FeedbackResponse(ok=True, id=feedback_id)
