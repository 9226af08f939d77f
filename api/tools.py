"""The expert tools over HTTP (sizing, drafting, search) and the health check."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response as HttpResponse

from api.dependencies import AssistantDep, ContextDep, IndexDep, RateLimited, ReadyDep, SettingsDep
from api.errors import ApiError
from api.models import (
    DraftKind,
    DraftRequest,
    ErrorBody,
    HealthResponse,
    SearchHit,
    SearchResponse,
    SizeRequest,
)
from assistant.drafting import ClauseLibrary, DraftResult, kind_id, kinds, unknown_parameters
from assistant.errors import IndexUnavailable
from assistant.export import to_docx
from assistant.sizing import SizingResult

router = APIRouter(prefix="/api")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN_MIME = "text/markdown; charset=utf-8"


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        400: "Paramètre invalide ou métier inconnu (avec suggestions).",
        413: "Corps de requête trop volumineux.",
        422: "Requête non conforme au schéma, ou demande refusée (clause illégale).",
        429: "Trop de requêtes (en-tête Retry-After).",
        500: "Erreur interne (sans détail).",
        503: "Index des documents introuvable ou endommagé (« clauses ingest »).",
    }
    return {status: {"model": ErrorBody, "description": descriptions[status]} for status in statuses}


# --- sizing -----------------------------------------------------------------------------------


@router.post(
    "/size",
    response_model=SizingResult,
    responses=_errors(400, 413, 422, 429, 500),
    dependencies=[RateLimited],
    tags=["Outils"],
    summary="Dimensionner les heures d'insertion",
    description="Calcule les heures d'insertion d'un marché (part de main-d'œuvre, pourcentage des heures "
    "travaillées, propreté avec reprise du personnel, marché alloti, conversion en ETP), avec la formule, "
    "les hypothèses et leur source. Fonctionne sans index.",
)
async def size(body: SizeRequest, assistant: AssistantDep) -> SizingResult:
    return await run_in_threadpool(assistant.size, body.model_dump(exclude_unset=True))


# --- drafting ---------------------------------------------------------------------------------


def _refuse_unknown_parameters(library: ClauseLibrary, kind: str, parameters: dict[str, Any]) -> None:
    """A parameter the clause kind does not take is a 422 naming it (the chat only warns; an API client
    that misspells a name must not get a clause silently drafted without it)."""
    spec = library.catalog.kind(kind_id(kind))
    if spec is None:
        return  # the drafting tool answers an unknown kind with its own French error
    unknown = unknown_parameters(spec, parameters)
    if unknown:
        names = ", ".join(f"« {name} »" for name in unknown)
        raise ApiError(
            422,
            "parametre_inconnu",
            f"Paramètre inconnu pour la clause « {spec.id} » : {names}. Paramètres possibles : "
            f"{', '.join(spec.parameters)}.",
            field=f"parameters.{unknown[0]}",
        )


def attachment_name(kind: str, suffix: str) -> str:
    """An ASCII-only file name such as ``clause-execution.docx``."""
    slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-") or "sociale"
    return f"clause-{slug[:60]}.{suffix}"


@router.post(
    "/draft",
    response_model=DraftResult,
    responses={
        200: {
            "description": "Le résultat détaillé (JSON), le texte Markdown (format md) ou le document Word "
            "(format docx ou en-tête Accept du type Word), en pièce jointe.",
            "content": {
                DOCX_MIME: {"schema": {"type": "string", "format": "binary"}},
                "text/markdown": {"schema": {"type": "string"}},
            },
        },
        **_errors(400, 413, 422, 429, 500),
    },
    dependencies=[RateLimited],
    tags=["Outils"],
    summary="Rédiger une clause sociale",
    description="Rédige une clause prête à coller à partir d'un modèle du Département : texte, références, "
    "paramètres retenus, éléments à compléter et points d'attention. Une demande illégale (condition de "
    "résidence, de nationalité…) est refusée (422, « demande_refusee »). Fonctionne sans index.",
)
async def draft(
    body: DraftRequest,
    assistant: AssistantDep,
    accept: Annotated[str | None, Header(description="Le type Word demande le document .docx.")] = None,
) -> Any:
    _refuse_unknown_parameters(assistant.context.library, body.kind, body.parameters)
    result: DraftResult = await run_in_threadpool(assistant.draft, body.kind, body.parameters)
    wanted = body.format
    if wanted == "json" and accept and DOCX_MIME in accept:
        wanted = "docx"
    if wanted == "docx":
        data = await run_in_threadpool(to_docx, result)
        name = attachment_name(result.kind, "docx")
        return HttpResponse(
            data, media_type=DOCX_MIME, headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )
    if wanted in {"md", "markdown"}:
        name = attachment_name(result.kind, "md")
        return HttpResponse(
            result.text, media_type=MARKDOWN_MIME, headers={"Content-Disposition": f'inline; filename="{name}"'}
        )
    return result


@router.get(
    "/draft/kinds",
    response_model=list[DraftKind],
    responses=_errors(500),
    tags=["Outils"],
    summary="Types de clauses disponibles",
    description="Les types de clauses que POST /api/draft sait rédiger, avec leur titre et leurs paramètres.",
)
async def draft_kinds(context: ContextDep) -> list[dict[str, Any]]:
    return kinds(context.library)


# --- search -----------------------------------------------------------------------------------


@router.get(
    "/search",
    response_model=SearchResponse,
    responses=_errors(422, 429, 500, 503),
    dependencies=[RateLimited],
    tags=["Outils"],
    summary="Rechercher dans les documents",
    description="Les passages du corpus les plus pertinents (recherche hybride lexicale et sémantique), "
    "avec leur source, leur page ou leur section.",
)
async def search(
    assistant: AssistantDep,
    _index: IndexDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Mots ou question à rechercher.")],
    k: Annotated[int, Query(ge=1, le=20, description="Nombre de passages (1 à 20).")] = 5,
) -> SearchResponse:
    hits = await run_in_threadpool(assistant.search, q, k)
    return SearchResponse(
        query=q,
        hits=[
            SearchHit(
                text=h.chunk.text,
                title=h.chunk.title,
                source=h.chunk.source,
                page=h.chunk.page,
                section=h.chunk.section,
                url=h.chunk.url,
                score=round(h.score, 4),
            )
            for h in hits
        ],
    )


# --- health -----------------------------------------------------------------------------------


def _model_name(name: str) -> str:
    # A model given as a folder is reported by its name only: no server path leaves the API.
    return Path(name).name if "/" in name or "\\" in name else name


@router.get(
    "/health",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "Index introuvable ou endommagé."}},
    tags=["Service"],
    summary="État du service",
    description="200 quand l'index est chargé (avec le nombre de documents et de passages) ; 503 sinon, avec "
    "un message expliquant comment reconstruire l'index (« clauses ingest »). Le dimensionnement et la "
    "rédaction fonctionnent même sans index.",
)
async def health(context: ContextDep, settings: SettingsDep, ready: ReadyDep) -> Any:
    model = _model_name(settings.embedding_model)
    try:
        index = await run_in_threadpool(lambda: context.index)
    except IndexUnavailable as error:
        body = HealthResponse(
            status="indisponible",
            index_loaded=False,
            ready=ready,
            backend=settings.backend,
            model=model,
            message=error.message,
        )
        return JSONResponse(body.model_dump(), status_code=503)
    return HealthResponse(
        status="ok",
        index_loaded=True,
        ready=ready,
        documents=index.document_count,
        chunks=len(index.chunks),
        backend=settings.backend,
        build=index.build_id,
        model=model,
    )
