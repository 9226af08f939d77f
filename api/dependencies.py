"""FastAPI dependencies shared by the routes: the assistant and its context, the index, the rate limit, admin access."""

from __future__ import annotations

import math
import secrets
import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from limits import RateLimitItem, parse_many
from slowapi import Limiter
from slowapi.util import get_remote_address

from api.errors import RATE_LIMIT_MESSAGE, ApiError
from assistant.context import Context
from assistant.index import Index
from assistant.service import Assistant
from assistant.settings import Settings


def get_context(request: Request) -> Context:
    return request.app.state.context


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def get_settings(request: Request) -> Settings:
    return request.app.state.context.settings


def get_ready(request: Request) -> bool:
    """True once the start-up warm-up has finished (see ``api.app.lifespan``)."""
    return request.app.state.warmed.is_set()


ContextDep = Annotated[Context, Depends(get_context)]
ReadyDep = Annotated[bool, Depends(get_ready)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def require_index(context: ContextDep) -> Index:
    """The opened index, or IndexUnavailable (→ 503 with the French « clauses ingest » hint).

    A sync dependency: FastAPI runs it in the threadpool, opening Chroma never blocks the loop.
    """
    return context.index


IndexDep = Annotated[Index, Depends(require_index)]


# --- rate limit -------------------------------------------------------------------------------


class RateLimiter:
    """Per-client limits with slowapi's limiter (``limits`` moving window, in memory, per worker).

    The limit string comes from the settings of each app, so it is applied through a
    dependency rather than slowapi's decorator (which binds a limit at import time).
    Each route has its own budget; the key is the client address as uvicorn reports it
    (behind a reverse proxy, start uvicorn with the proxy's address in
    ``--forwarded-allow-ips`` so X-Forwarded-For is honoured).
    """

    def __init__(self, rate: str) -> None:
        self.items: list[RateLimitItem] = parse_many(rate)
        self.slowapi = Limiter(key_func=get_remote_address, storage_uri="memory://", strategy="moving-window")

    def hit(self, request: Request) -> None:
        key = get_remote_address(request) or "inconnu"
        scope = request.url.path
        backend = self.slowapi.limiter
        for item in self.items:
            if not backend.hit(item, key, scope):
                reset, _remaining = backend.get_window_stats(item, key, scope)
                retry = max(1, math.ceil(reset - time.time()))
                raise ApiError(429, "trop_de_requetes", RATE_LIMIT_MESSAGE, headers={"Retry-After": str(retry)})


def rate_limit(request: Request) -> None:
    request.app.state.rate_limiter.hit(request)


RateLimited = Depends(rate_limit)


# --- admin ------------------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="Jeton d'administration (réglage CLAUSES_ADMIN_TOKEN).")

_UNAUTHORISED = "Jeton d'administration absent ou invalide."


def require_admin(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Bearer token compared in constant time; without a configured token the routes do not exist."""
    if settings.admin_token is None:
        raise ApiError(404, "introuvable", "Cette adresse n'existe pas.")
    expected = settings.admin_token.get_secret_value().encode("utf-8")
    given = (credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else "").encode("utf-8")
    if not secrets.compare_digest(given, expected):
        raise ApiError(401, "authentification_requise", _UNAUTHORISED, headers={"WWW-Authenticate": "Bearer"})


AdminOnly = Depends(require_admin)
