"""Follow-up routes for facilitators (``/api/suivi/...``) and the ``/suivi`` page.

Every route needs a facilitator's bearer token from ``CLAUSES_SUIVI_TOKENS`` (compared in
constant time; 401 without a valid one, 404 when no token is configured); a token scoped
to a territory sees and imports only the operations of that territory. The routes are
rate-limited like the others. The public chat routes never reach follow-up data: only
``/api/suivi/ask`` passes the follow-up answerer to the conversation engine.
"""

from __future__ import annotations

import secrets
import tempfile
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, JSONResponse, Response

from api.dependencies import ContextDep, RateLimited, SettingsDep
from api.errors import ApiError
from api.models import ChatRequest, ErrorBody
from assistant.followup.answerer import FollowupAnswerer
from assistant.followup.codes import fold
from assistant.followup.period import Period, territory_matches
from assistant.followup.service import Followup
from assistant.responses import Response as ChatResponse
from assistant.settings import Settings

router = APIRouter(tags=["Suivi"])

IMPORT_PATH = "/api/suivi/import"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = Path(__file__).resolve().parent / "static" / "suivi" / "index.html"
MAX_FILES = 5
_ALL = "*"
_bearer = HTTPBearer(auto_error=False, description="Jeton de facilitateur (réglage CLAUSES_SUIVI_TOKENS).")
_lock = threading.Lock()

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Paramètre invalide (date, période, seuil)."},
    401: {"model": ErrorBody, "description": "Jeton de facilitateur absent ou invalide."},
    403: {"model": ErrorBody, "description": "Territoire hors du périmètre du jeton."},
    404: {"model": ErrorBody, "description": "Suivi désactivé (aucun jeton configuré)."},
    422: {"model": ErrorBody, "description": "Paramètres non conformes au schéma."},
    429: {"model": ErrorBody, "description": "Trop de requêtes (en-tête Retry-After)."},
    500: {"model": ErrorBody, "description": "Erreur interne (sans détail)."},
}


@dataclass(frozen=True)
class Facilitator:
    """Who is calling: the territory their token covers (None: every territory)."""

    territory: str | None

    def scope(self, wanted: str | None) -> str | None:
        """The territory a request may see: the one asked for with an unscoped token; always the token's own
        otherwise (asking for it, or part of its name, is fine; asking for another one is refused)."""
        asked = None if not wanted or wanted.strip() == _ALL else wanted.strip()
        if self.territory is None:
            return asked
        if asked is not None and fold(asked) not in fold(self.territory):
            raise ApiError(
                403,
                "territoire_non_autorise",
                f"Votre jeton ne donne accès qu'au territoire « {self.territory} ».",
                field="territoire",
            )
        return self.territory


def parse_tokens(settings: Settings) -> dict[str, str | None]:
    """``token1:Voironnais-Chartreuse,token2:*`` → {token: territory or None for all}."""
    if settings.suivi_tokens is None:
        return {}
    tokens: dict[str, str | None] = {}
    for pair in settings.suivi_tokens.get_secret_value().split(","):
        if not pair.strip():
            continue
        token, _, territory = pair.strip().partition(":")
        territory = territory.strip()
        tokens[token.strip()] = None if territory in {"", _ALL} else territory
    return tokens


def require_facilitator(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Facilitator:
    tokens = parse_tokens(settings)
    if not tokens:
        raise ApiError(404, "introuvable", "Le suivi n'est pas activé sur ce serveur (réglage CLAUSES_SUIVI_TOKENS).")
    given = (credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else "").encode()
    found: Facilitator | None = None
    for token, territory in tokens.items():  # every token compared, in constant time
        if secrets.compare_digest(given, token.encode()):
            found = Facilitator(territory)
    if found is None:
        raise ApiError(
            401,
            "authentification_requise",
            "Jeton de facilitateur absent ou invalide.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


FacilitatorDep = Annotated[Facilitator, Depends(require_facilitator)]


def get_followup(request: Request) -> Followup:
    """One follow-up service per process, on the context's database."""
    state = request.app.state
    with _lock:
        if getattr(state, "followup", None) is None:
            context = state.context
            state.followup = Followup.from_settings(context.settings, context.database)
        return state.followup


FollowupDep = Annotated[Followup, Depends(get_followup)]


def _day(value: str | None, field: str, default: date) -> date:
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            400, "parametre_invalide", f"Date invalide « {value} » : format AAAA-MM-JJ.", field=field
        ) from None


def _period(debut: str | None, fin: str | None) -> Period:
    year = date.today().year
    period = Period(_day(debut, "debut", date(year, 1, 1)), _day(fin, "fin", date(year, 12, 31)))
    if period.fin < period.debut:
        raise ApiError(400, "parametre_invalide", "La fin de la période précède son début.", field="fin")
    return period


Debut = Annotated[str | None, Query(description="Début de la période (AAAA-MM-JJ ; défaut : 1er janvier).")]
Fin = Annotated[str | None, Query(description="Fin de la période (AAAA-MM-JJ ; défaut : 31 décembre).")]
Territoire = Annotated[str | None, Query(description="Territoire (nom ou partie du nom ; défaut : celui du jeton).")]


@router.get("/api/suivi/session", dependencies=[RateLimited], responses=_ERRORS, summary="Périmètre du jeton")
async def session(who: FacilitatorDep, followup: FollowupDep) -> dict[str, Any]:
    known = await run_in_threadpool(followup.territories)
    visible = [t for t in known if who.territory is None or territory_matches(t, who.territory)]
    return {"territoire": who.territory, "territoires": visible}


@router.get(
    "/api/suivi/indicateurs", dependencies=[RateLimited], responses=_ERRORS, summary="Indicateurs du Département"
)
async def indicators(
    who: FacilitatorDep, followup: FollowupDep, debut: Debut = None, fin: Fin = None, territoire: Territoire = None
) -> dict[str, Any]:
    """Les indicateurs de la note de format (clés de expected-2026.json), la série mensuelle et les définitions."""
    period = _period(debut, fin)
    scope = who.scope(territoire)

    def compute() -> dict[str, Any]:
        return {
            "bilan": followup.bilan(period, scope),
            "mensuel": followup.monthly(period, scope),
            "territoire": scope,
            "perimetre": followup.scope_label(scope),
            "definitions": followup.texts.section("definitions"),
        }

    return await run_in_threadpool(compute)


@router.get("/api/suivi/alertes", dependencies=[RateLimited], responses=_ERRORS, summary="Opérations en retard")
async def alerts(
    who: FacilitatorDep,
    followup: FollowupDep,
    date_: Annotated[str | None, Query(alias="date", description="Date du point (défaut : aujourd'hui).")] = None,
    seuil: Annotated[float, Query(ge=0, le=1, description="Part des heures prévues à date (0,8 par défaut).")] = 0.8,
    territoire: Territoire = None,
) -> dict[str, Any]:
    when = _day(date_, "date", date.today())
    scope = who.scope(territoire)
    found = await run_in_threadpool(followup.alerts, when, seuil, scope)
    return {"date": when.isoformat(), "seuil": seuil, "territoire": scope, "alertes": [a.as_dict() for a in found]}


def _safe_name(raw: str | None) -> str:
    name = Path((raw or "").replace("\\", "/")).name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise ApiError(
            415,
            "format_non_pris_en_charge",
            f"« {name or 'fichier'} » : seuls des fichiers .csv ou un classeur .xlsx sont acceptés.",
            field="files",
        )
    clean = "".join(c for c in fold(stem) if c.isalnum() or c in "_-") or "fichier"
    return clean[:60] + suffix


@router.post(
    IMPORT_PATH,
    dependencies=[RateLimited],
    form_limits={"max_files": MAX_FILES, "max_fields": 10},
    responses={
        **_ERRORS,
        413: {"model": ErrorBody},
        415: {"model": ErrorBody},
        422: {"description": "Import refusé : rapport de validation."},
    },
    summary="Importer des tableaux de suivi",
    description="Envoi multipart (champ « files ») : les quatre tables en CSV (operations.csv, participants.csv, "
    "heures.csv, structures.csv), un classeur .xlsx, ou un état mensuel d'heures rempli. Tout est vérifié avant "
    "d'enregistrer : au moindre problème, rien n'est enregistré et le rapport liste chaque erreur (fichier, ligne, "
    "colonne).",
)
async def import_files(
    who: FacilitatorDep,
    followup: FollowupDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="Fichiers CSV, classeur .xlsx ou état mensuel.")],
) -> JSONResponse:
    if not files:
        raise ApiError(400, "parametre_invalide", "Aucun fichier reçu.", field="files")
    contents: list[tuple[str, bytes]] = []
    for upload in files:
        name = _safe_name(upload.filename)
        content = await upload.read(settings.max_upload_bytes + 1)
        await upload.close()
        if len(content) > settings.max_upload_bytes:
            raise ApiError(
                413, "fichier_trop_volumineux", f"« {name} » dépasse la taille maximale autorisée.", field="files"
            )
        contents.append((name, content))

    def run() -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="clauses-suivi-") as folder:
            for name, content in contents:
                (Path(folder) / name).write_bytes(content)
            single = len(contents) == 1 and (contents[0][0].endswith(".xlsx") or not _is_table(contents[0][0]))
            target = Path(folder) / contents[0][0] if single else Path(folder)
            return followup.import_path(target, who.territory).as_dict()

    report = await run_in_threadpool(run)
    if report["ok"]:
        return JSONResponse(report)
    return JSONResponse(
        {"error": {"code": "import_refuse", "message": report["message"], "field": "files"}, **report}, status_code=422
    )


def _is_table(name: str) -> bool:
    return Path(name).stem in {"operations", "participants", "heures", "structures"}


def _download(content: bytes, filename: str, media_type: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@router.get(
    "/api/suivi/export.docx",
    dependencies=[RateLimited],
    response_class=Response,
    responses={**_ERRORS, 200: {"content": {DOCX: {}}, "description": "Le bilan annuel au format Word."}},
    summary="Bilan annuel (Word)",
)
async def export_docx(
    who: FacilitatorDep, followup: FollowupDep, debut: Debut = None, fin: Fin = None, territoire: Territoire = None
) -> Response:
    period = _period(debut, fin)
    content = await run_in_threadpool(followup.export, "docx", period, who.scope(territoire))
    return _download(
        content,
        f"bilan-clauses-{period.debut:%Y%m%d}-{period.fin:%Y%m%d}.docx",
        DOCX,
    )


@router.get(
    "/api/suivi/export.xlsx",
    dependencies=[RateLimited],
    response_class=Response,
    responses={**_ERRORS, 200: {"content": {XLSX: {}}, "description": "Une feuille par indicateur."}},
    summary="Indicateurs (Excel)",
)
async def export_xlsx(
    who: FacilitatorDep, followup: FollowupDep, debut: Debut = None, fin: Fin = None, territoire: Territoire = None
) -> Response:
    period = _period(debut, fin)
    content = await run_in_threadpool(followup.export, "xlsx", period, who.scope(territoire))
    return _download(
        content,
        f"indicateurs-clauses-{period.debut:%Y%m%d}-{period.fin:%Y%m%d}.xlsx",
        XLSX,
    )


@router.post(
    "/api/suivi/ask",
    response_model=ChatResponse,
    dependencies=[RateLimited],
    responses={
        **_ERRORS,
        503: {"model": ErrorBody, "description": "Question hors suivi et index des documents indisponible."},
    },
    summary="Question sur les données de suivi",
    description="Comme POST /api/chat, mais les questions sur les données de suivi (heures, participants, "
    "retards…) sont répondues à partir des données du périmètre du jeton, avec la définition utilisée.",
)
async def ask(body: ChatRequest, who: FacilitatorDep, followup: FollowupDep, context: ContextDep) -> ChatResponse:
    answerer = FollowupAnswerer(followup, who.territory)
    return await run_in_threadpool(context.engine.ask, body.message, body.session_id, answerer)


@router.get("/suivi", include_in_schema=False)
async def page() -> FileResponse:
    if not PAGE.is_file():
        raise ApiError(404, "introuvable", "Cette adresse n'existe pas.")
    return FileResponse(PAGE, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})
