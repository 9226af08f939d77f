"""Admin routes: list the indexed documents, upload one document and re-index.

Mounted only when ``CLAUSES_ADMIN_TOKEN`` is set (otherwise they answer 404 like any
unknown address) and guarded by a bearer token compared in constant time.

An upload is checked completely before anything touches the corpus folder: a safe
file name (base name, ASCII, no hidden file), a supported extension, the size, the
signature (PDF, zip archive for .docx/.odt), then a full read with the same loader
the indexer uses (zip-bomb check, OCR of scanned pages), in a temporary folder. Only a document that loads is written, atomically, into the first corpus
folder; then the index is rebuilt (incrementally) and the process switches to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import threading
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from starlette.concurrency import run_in_threadpool

from api.dependencies import AdminOnly, ContextDep, IndexDep, RateLimited, SettingsDep
from api.errors import ApiError
from api.models import DocumentList, ErrorBody, UploadResponse
from assistant.context import Context
from assistant.documents import SUPPORTED_SUFFIXES, SourceDocument, load_document, unreadable_reason
from assistant.errors import DocumentError
from assistant.fr.formatting import fmt_megabytes
from assistant.index import ingest

try:
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX systems
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("api.admin")

router = APIRouter(prefix="/api/admin", tags=["Administration"], dependencies=[RateLimited, AdminOnly])

UPLOAD_PATH = "/api/admin/documents"
MAX_UPLOAD_PAGES = 1000  # below the loader's own 2 000 guard: a portal document is never that long
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ingest_lock = threading.Lock()

_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Jeton d'administration absent ou invalide."},
    429: {"model": ErrorBody, "description": "Trop de requêtes."},
    500: {"model": ErrorBody, "description": "Erreur interne (sans détail)."},
}


def safe_filename(raw: str | None) -> str:
    """The base name reduced to ``[A-Za-z0-9._-]``, without leading dots; raises ApiError when nothing is left.

    ``../../evil.md``, ``/etc/passwd.md`` and ``..\\x.md`` become ``evil.md``,
    ``passwd.md`` and ``x.md``: only the last path component is ever used.
    """
    base = (raw or "").replace("\\", "/").split("/")[-1].strip()
    stem, suffix = os.path.splitext(base)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"-{2,}", "-", _UNSAFE.sub("-", stem)).strip(".-")[:MAX_NAME_CHARS].strip(".-")
    suffix = suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix) else ""
    if not stem:
        raise ApiError(
            422,
            "nom_de_fichier_invalide",
            "Nom de fichier invalide : donnez au document un nom explicite en lettres latines "
            "(par exemple guide-clauses.pdf).",
            field="file",
        )
    return stem + suffix


ACCEPTED = "PDF (y compris numérisé), Word (.docx), LibreOffice (.odt), page web (.html, .htm), Markdown (.md, .markdown) et texte (.txt)"
_ARCHIVES = {".docx", ".odt"}


def _check_suffix(name: str) -> None:
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ApiError(
            415,
            "format_non_pris_en_charge",
            f"Format non pris en charge pour « {name} » : {unreadable_reason(Path(name))}. Formats acceptés : "
            f"{ACCEPTED}.",
            field="file",
        )


def _check_content(name: str, content: bytes, max_bytes: int) -> None:
    if len(content) > max_bytes:
        raise ApiError(
            413,
            "fichier_trop_volumineux",
            f"Le fichier « {name} » dépasse la taille maximale autorisée ({fmt_megabytes(max_bytes)}).",
            field="file",
        )
    if not content.strip():
        raise ApiError(422, "document_illisible", f"Le fichier « {name} » est vide.", field="file")
    if name.lower().endswith(".pdf"):
        if not content.startswith(b"%PDF-"):
            raise ApiError(
                422,
                "document_illisible",
                f"Le fichier « {name} » n'est pas un PDF (signature %PDF absente).",
                field="file",
            )
        return
    suffix = Path(name).suffix.lower()
    if suffix in _ARCHIVES:
        if not content.startswith(b"PK\x03\x04"):
            kind = "Word (.docx)" if suffix == ".docx" else "LibreOffice (.odt)"
            raise ApiError(
                422, "document_illisible", f"Le fichier « {name} » n'est pas un document {kind} valide.", field="file"
            )
        return
    if suffix in {".html", ".htm"}:
        if b"\x00" in content:
            raise ApiError(
                422, "document_illisible", f"Le fichier « {name} » contient des données binaires.", field="file"
            )
        return  # the page's own charset declaration is honoured by the HTML reader
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(
            422, "document_illisible", f"Le fichier « {name} » n'est pas un texte UTF-8 lisible.", field="file"
        ) from None
    if b"\x00" in content:
        raise ApiError(422, "document_illisible", f"Le fichier « {name} » contient des données binaires.", field="file")


def _trial_load(name: str, content: bytes, chunk_size: int, chunk_overlap: int) -> SourceDocument:
    """Load the document from a temporary folder with the indexer's own loader."""
    with tempfile.TemporaryDirectory(prefix="clauses-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            return load_document(path, name, chunk_size, chunk_overlap, max_pages=MAX_UPLOAD_PAGES)
        except DocumentError as error:
            raise ApiError(422, "document_illisible", error.message, field="file") from None
        except Exception as error:  # a hostile file must not become a 500
            log.warning("upload unreadable", extra={"file": name, "detail": f"{type(error).__name__}: {error}"})
            raise ApiError(422, "document_illisible", f"Le document « {name} » est illisible.", field="file") from None


def _corpus_folder(context: Context) -> Path:
    folder = Path(context.settings.corpus_dirs[0])
    if folder.exists() and not folder.is_dir():
        raise ApiError(500, "erreur_interne", "Le dossier du corpus est mal configuré ; contactez l'administrateur.")
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


def _write_atomically(folder: Path, name: str, content: bytes) -> tuple[Path, bool]:
    target = folder / name
    # Defence in depth: the name has no separator, but the target must still resolve inside the corpus
    # (a symbolic link planted under that name would otherwise redirect the write).
    if target.resolve().parent != folder or target.is_dir():
        raise ApiError(
            422, "nom_de_fichier_invalide", f"Impossible d'enregistrer « {name} » dans le corpus.", field="file"
        )
    replaced = target.exists()
    temporary = folder / f".{name}.{uuid.uuid4().hex}.upload"  # hidden: the indexer skips it
    try:
        with open(temporary, "xb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target, replaced


@contextlib.contextmanager
def _exclusive_ingestion(data_dir: Path) -> Iterator[None]:
    """One ingestion at a time, across threads and across worker processes."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with _ingest_lock, open(data_dir / ".ingest.lock", "w") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _store_and_reindex(context: Context, name: str, content: bytes, document: SourceDocument) -> dict[str, Any]:
    settings = context.settings
    folder = _corpus_folder(context)
    with _exclusive_ingestion(settings.data_dir):
        target, replaced = _write_atomically(folder, name, content)
        try:
            # `add`: a document of that name removed earlier with `clauses ingest --remove` comes back.
            # `loaded`: the trial read is reused, a scan is not read by OCR twice.
            report = ingest(
                settings,
                context.embedder.embed_documents,
                add=[target],
                loaded={name: (hashlib.sha256(content).hexdigest(), document)},
            )
        except BaseException:
            if not replaced:  # leave the corpus as it was; the previous index is still intact
                target.unlink(missing_ok=True)
            raise
    context.reload()
    log.info("document uploaded", extra={"file": name, "replaced": replaced, "build": report.build_id})
    return {"replaced": replaced, "report": report.to_dict()}


@router.get(
    "/documents",
    response_model=DocumentList,
    responses={**_AUTH_ERRORS, 503: {"model": ErrorBody, "description": "Index introuvable ou endommagé."}},
    summary="Lister les documents indexés",
)
async def list_documents(index: IndexDep) -> DocumentList:
    documents = index.documents()
    return DocumentList(build=index.build_id, count=len(documents), documents=documents)


@router.post(
    "/documents",
    status_code=201,
    form_limits={"max_files": 1, "max_fields": 10},
    response_model=UploadResponse,
    responses={
        **_AUTH_ERRORS,
        400: {"model": ErrorBody, "description": "Envoi multipart illisible."},
        413: {"model": ErrorBody, "description": "Fichier trop volumineux."},
        415: {
            "model": ErrorBody,
            "description": "Extension non prise en charge (PDF, .docx, .odt, .html, Markdown ou texte seulement) ; "
            "le message dit comment convertir le fichier.",
        },
        422: {
            "model": ErrorBody,
            "description": "Document illisible (endommagé, chiffré, vide, trop de pages, faux "
            "PDF, archive piégée, numérisation sans OCR disponible) ou nom de fichier inutilisable ; rien n'est écrit.",
        },
    },
    summary="Ajouter un document au corpus et réindexer",
    description="Envoi multipart d'UN fichier (champ « file ») : PDF (les pages numérisées sont lues par OCR), "
    "Word .docx, LibreOffice .odt, page web .html, Markdown ou texte. Le document est vérifié "
    "puis lu entièrement avant d'être écrit dans le dossier du corpus ; l'index est ensuite reconstruit et "
    "servi aussitôt. Un document de même nom est remplacé.",
)
async def upload_document(
    file: Annotated[
        UploadFile, File(description="Le document (PDF, .docx, .odt, .html, .htm, .md, .markdown ou .txt).")
    ],
    context: ContextDep,
    settings: SettingsDep,
) -> UploadResponse:
    name = safe_filename(file.filename)
    _check_suffix(name)
    content = await file.read(settings.max_upload_bytes + 1)
    await file.close()
    _check_content(name, content, settings.max_upload_bytes)
    document = await run_in_threadpool(_trial_load, name, content, settings.chunk_size, settings.chunk_overlap)
    outcome = await run_in_threadpool(_store_and_reindex, context, name, content, document)
    return UploadResponse(file=name, chunks=len(document.chunks), pages=document.pages, **outcome)
