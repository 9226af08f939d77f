"""Building and opening the index: a Chroma collection (dense) and a BM25 index (lexical).

Every ingestion that changes something writes a complete new *build* beside the
current one and then swaps a small pointer file atomically (``os.replace``), so a
crash mid-build never leaves a half index in use: readers keep the previous build
until the pointer names the new one. Unchanged chunks keep their ids and their
vectors are copied from the previous build instead of being embedded again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.blas import single_threaded
from assistant.cards import Card, CardFileError, load_cards
from assistant.documents import Chunk, SourceDocument, load_document, normalize_text, scan
from assistant.embeddings import embedding_identity
from assistant.errors import DocumentError, IndexUnavailable, InvalidInput
from assistant.file_lock import exclusive
from assistant.lexical import ANALYZER_VERSION, BM25_B_WITH_QUESTIONS, LexicalIndex
from assistant.ranking import ranked_rows

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from assistant.settings import Settings

log = logging.getLogger(__name__)

POINTER = "current.json"
POINTER_COLLECTION = "clauses-pointer"
MANIFEST = "manifest.json"
RECORDS = "chunks.jsonl"
QUESTIONS_BM25 = "bm25-questions"
REMOTE_CHECK_SECONDS = 2.0
# Ids named in one request to Chroma: SQLite caps the variables of one statement (32 766 in recent builds).
_FETCH_BATCH = 5_000
REBUILD_HINT = "Reconstruisez-le avec la commande « clauses ingest »."

Progress = Callable[[str, int, int], None]
EmbedFn = Callable[[list[str]], np.ndarray]


@dataclass
class IngestReport:
    files: int = 0
    chunks: int = 0
    pages: int = 0
    added_files: list[str] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)
    unchanged_files: int = 0
    embedded_chunks: int = 0
    ocr_pages: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    build_id: str | None = None

    @property
    def changed(self) -> bool:
        return self.build_id is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "chunks": self.chunks,
            "pages": self.pages,
            "added_files": self.added_files,
            "changed_files": self.changed_files,
            "removed_files": self.removed_files,
            "unchanged_files": self.unchanged_files,
            "embedded_chunks": self.embedded_chunks,
            "ocr_pages": self.ocr_pages,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "seconds": round(self.seconds, 3),
            "build_id": self.build_id,
            "changed": self.changed,
        }


# --- what BM25 sees: the passage and the questions it answers ----------------------

SectionKey = tuple[str, str]


def section_key(chunk: Chunk) -> SectionKey:
    """(source, heading) of the section a passage belongs to, as answer cards link it."""
    return chunk.source, (chunk.section or "").split(" > ")[-1].strip()


def card_questions(cards: list[Card]) -> dict[SectionKey, tuple[str, ...]]:
    """The questions each guide section answers, taken from the answer cards (doc2query-style).

    A card's canonical question and paraphrases go to the section of its *first* ``see``
    link, the one that backs its answer; later links are context (related sections). Giving
    the questions to every linked section ranked the labelled section first less often on
    each blind batch (eval/retrieval.py --blind), though in the first five more often.
    """
    found: dict[SectionKey, list[str]] = {}
    for card in cards:
        if card.see:
            link = card.see[0]
            found.setdefault((link.file, normalize_text(link.heading).strip()), []).extend(card.questions)
    return {key: tuple(questions) for key, questions in found.items()}


def with_questions(chunks: list[Chunk], questions: Mapping[SectionKey, tuple[str, ...]]) -> LexicalIndex | None:
    """BM25 over each passage (headings, text) followed by the questions its section answers; None without any."""
    if not any(section_key(chunk) in questions for chunk in chunks):
        return None
    texts = ["\n".join([chunk.lexical_text, *questions.get(section_key(chunk), ())]) for chunk in chunks]
    return LexicalIndex.build(texts, b=BM25_B_WITH_QUESTIONS)


def indexed_questions(settings: Settings) -> dict[SectionKey, tuple[str, ...]]:
    """The card questions to index with their sections; none when disabled or the cards are unreadable."""
    folder = settings.cards_dir
    if not settings.lexical_card_questions or not folder.is_dir():
        return {}
    try:
        return card_questions(load_cards(folder))
    except CardFileError as exc:  # the card tests and the card matcher report it; search still works
        log.warning("answer cards not indexed: %s", exc.detail)
        return {}


def questions_fingerprint(questions: Mapping[SectionKey, tuple[str, ...]]) -> str:
    """A digest of the indexed questions: another set of questions means rebuilding BM25."""
    payload = json.dumps(sorted((list(key), list(value)) for key, value in questions.items()), ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


# --- the vector store: local folder or Chroma server ------------------------------


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


class VectorStore:
    """Where the Chroma collections of the builds live: on local disk or in a Chroma server."""

    def __init__(self, index_dir: Path, chroma_url: str | None) -> None:
        self.index_dir = index_dir
        self.chroma_url = chroma_url
        self._server_client: ClientAPI | None = None

    def _client(self, build_id: str) -> ClientAPI:
        import chromadb

        if self.chroma_url:
            if self._server_client is None:
                from urllib.parse import urlparse

                url = urlparse(self.chroma_url)
                self._server_client = chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1",
                    port=url.port or 8000,
                    ssl=url.scheme == "https",
                    settings=_chroma_settings(),
                )
            return self._server_client
        return chromadb.PersistentClient(
            path=str(self.index_dir / "builds" / build_id / "chroma"), settings=_chroma_settings()
        )

    @staticmethod
    def _name(build_id: str) -> str:
        return f"clauses-{build_id}"

    def create(self, build_id: str) -> Collection:
        # embedding_function=None: vectors are always passed in, so Chroma never
        # fetches its default ONNX embedder.
        return self._client(build_id).create_collection(
            self._name(build_id), embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def open(self, build_id: str) -> Collection:
        return self._client(build_id).get_collection(self._name(build_id), embedding_function=None)

    def drop(self, build_id: str) -> None:
        if self.chroma_url:
            try:
                self._client(build_id).delete_collection(self._name(build_id))
            except Exception as exc:  # a missing collection is already what we want
                log.debug("drop %s: %s", build_id, exc)

    @property
    def remote(self) -> bool:
        return bool(self.chroma_url)

    # With a Chroma server, the pointer to the current build lives in the server too,
    # so every replica and every `clauses ingest` agree on it.
    def read_pointer(self) -> dict[str, Any] | None:
        if not self.remote:
            pointer = self.index_dir / POINTER
            try:
                return _read_json(pointer) if pointer.exists() else None
            except (ValueError, OSError):
                return None
        try:
            metadata = self._client("").get_collection(POINTER_COLLECTION).metadata or {}
        except Exception as exc:  # no pointer yet, or server unreachable: no usable index
            log.debug("no pointer on the Chroma server: %s", exc)
            return None
        return dict(metadata) if metadata.get("build") else None

    def write_pointer(self, pointer: dict[str, Any]) -> None:
        if not self.remote:
            _write_json_atomic(self.index_dir / POINTER, pointer)
            return
        client = self._client("")
        collection = client.get_or_create_collection(
            POINTER_COLLECTION, embedding_function=None, metadata={"role": "pointer"}
        )
        collection.modify(metadata={"role": "pointer", **pointer})

    def remote_builds(self) -> list[str]:
        names = [c if isinstance(c, str) else c.name for c in self._client("").list_collections()]
        return [n.removeprefix("clauses-") for n in names if n.startswith("clauses-") and n != POINTER_COLLECTION]


# --- reading the current build ---------------------------------------------------------


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def current_build_id(index_dir: Path) -> str | None:
    """The build the local pointer names, if any."""
    pointer = VectorStore(index_dir, None).read_pointer()
    return str(pointer["build"]) if pointer and "build" in pointer else None


class Index:
    """An opened build: chunk records in row order, the BM25 indexes, the Chroma collection.

    ``lexical`` is BM25 over the passages alone: the lexical search, and the word rarities and
    vocabulary other parts of the assistant judge a question by. ``with_questions`` is BM25 over
    the passages and the answer-card questions of their sections (None without cards): the
    lexical side of the hybrid search, which ranks the section that answers higher.
    """

    def __init__(
        self,
        build_id: str,
        build_dir: Path,
        manifest: dict[str, Any],
        chunks: list[Chunk],
        lexical: LexicalIndex,
        collection: Collection,
        store: VectorStore,
        with_questions: LexicalIndex | None = None,
    ) -> None:
        self.build_id = build_id
        self.store = store
        self._checked_at = time.monotonic()
        self._pointer_seen: tuple[int, ...] | None = None  # the local pointer file as last found naming this build
        self.build_dir = build_dir
        self.manifest = manifest
        self.chunks = chunks
        self.lexical = lexical
        self.with_questions = with_questions
        self.collection = collection
        self._row_of = {chunk.id: row for row, chunk in enumerate(chunks)}

    @classmethod
    def open(cls, settings: Settings) -> Index:
        store = VectorStore(settings.index_dir, settings.chroma_url)
        pointer = store.read_pointer()
        if pointer is None:
            where = settings.chroma_url or settings.index_dir
            raise IndexUnavailable(
                f"L'index des documents est introuvable. {REBUILD_HINT}", detail=f"no current build in {where}"
            )
        build_id = str(pointer["build"])
        build_dir = settings.index_dir / "builds" / build_id
        try:
            collection = store.open(build_id)
            if store.remote:
                # Replicas keep nothing on disk: chunks come from the server, BM25 is rebuilt.
                manifest, chunks = _from_collection(collection, pointer)
                lexical = LexicalIndex.build([c.lexical_text for c in chunks])
                expanded = with_questions(chunks, indexed_questions(settings))
            else:
                manifest = _read_json(build_dir / MANIFEST)
                with open(build_dir / RECORDS, encoding="utf-8") as handle:
                    chunks = [Chunk.from_record(json.loads(line)) for line in handle if line.strip()]
                lexical = LexicalIndex.load(build_dir / "bm25", size=len(chunks))
                folder = build_dir / QUESTIONS_BM25
                expanded = LexicalIndex.load(folder, size=len(chunks)) if folder.is_dir() else None
            if collection.count() != len(chunks):
                raise ValueError(f"collection has {collection.count()} vectors for {len(chunks)} chunks")
        except Exception as exc:
            raise IndexUnavailable(
                f"L'index des documents est endommagé ou incomplet. {REBUILD_HINT}",
                detail=f"{build_id}: {type(exc).__name__}: {exc}",
            ) from exc
        return cls(build_id, build_dir, manifest, chunks, lexical, collection, store, expanded)

    def require_model(self, identity: str | None) -> None:
        """Refuse a build embedded by another model or precision than the one that embeds queries.

        Vectors of two embedders (int8 and fp32 ONNX, torch) differ slightly: searching one
        with the other would rank passages by noise without any error.
        """
        if identity and self.model and self.model != identity:
            raise IndexUnavailable(
                f"L'index des documents a été construit avec un autre modèle d'embeddings que celui configuré. {REBUILD_HINT}",
                detail=f"{self.build_id}: index model {self.model!r}, configured {identity!r}",
            )

    @property
    def ranking_lexical(self) -> LexicalIndex:
        """The BM25 the hybrid search fuses: with the card questions when there are some."""
        return self.with_questions or self.lexical

    @property
    def model(self) -> str:
        return str(self.manifest.get("model", ""))

    @property
    def document_count(self) -> int:
        return len(self.manifest.get("files", {}))

    def documents(self) -> list[dict[str, Any]]:
        return [
            {
                "source": name,
                "title": entry.get("title"),
                "chunks": len(entry.get("chunk_ids", [])),
                "pages": entry.get("pages", 0),
            }
            for name, entry in sorted(self.manifest.get("files", {}).items())
        ]

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Rows and cosine similarities of the nearest chunks, by an exact search.

        Chroma's HNSW search is approximate and, on this corpus, not even the same from one process to
        the next: the same query missed the 30th nearest passage in one run of three (2026-12-01), which
        moved the min-max scale of the fusion and so the passages shown. The corpus holds a few hundred
        chunks: every cosine costs a fraction of a millisecond. Equal cosines are ordered by row."""
        if not self.chunks:
            return []
        unit = self._unit_vectors
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        query = query / (np.linalg.norm(query) or 1.0)
        with single_threaded():  # one thread: the same sums in the same order on every run
            cosines = unit @ query
        return ranked_rows(cosines, k)

    @cached_property
    def _unit_vectors(self) -> np.ndarray:
        """All vectors in row order, of unit length (as Chroma's cosine space stores them)."""
        vectors = self.vectors()
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.ascontiguousarray(vectors / np.where(norms > 0, norms, 1.0), dtype=np.float32)

    def vectors(self) -> np.ndarray:
        """All vectors in row order. Fetched by batches: one request naming every id of a large corpus exceeds
        the number of variables SQLite accepts in one statement (« too many SQL variables »)."""
        ids = [c.id for c in self.chunks]
        by_id: dict[str, Any] = {}
        for start in range(0, len(ids), _FETCH_BATCH):
            got = self.collection.get(ids=ids[start : start + _FETCH_BATCH], include=["embeddings"])
            embeddings = got["embeddings"] if got["embeddings"] is not None else []
            by_id.update(zip(got["ids"], embeddings, strict=True))
        return np.asarray([by_id[i] for i in ids], dtype=np.float32)

    def is_current(self, settings: Settings) -> bool:
        """Whether this is still the current build (a server is asked at most every few seconds)."""
        if not self.store.remote:
            return self._local_is_current(settings.index_dir / POINTER)
        if time.monotonic() - self._checked_at < REMOTE_CHECK_SECONDS:
            return True
        self._checked_at = time.monotonic()
        pointer = self.store.read_pointer()
        return pointer is None or pointer.get("build") == self.build_id

    def _local_is_current(self, pointer: Path) -> bool:
        """A turn asks several times: the pointer file is read again only when its inode, size or times
        changed (an ingestion replaces it by a rename), a ``stat`` costing far less than a read."""
        try:
            found = pointer.stat()
        except OSError:
            return False
        seen = (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
        if seen == self._pointer_seen:
            return True
        current = current_build_id(pointer.parent) == self.build_id
        self._pointer_seen = seen if current else None
        return current


def _from_collection(collection: Collection, pointer: dict[str, Any]) -> tuple[dict[str, Any], list[Chunk]]:
    """Chunks and manifest of a build, read back from its Chroma collection (server mode)."""
    got = collection.get(include=["documents", "metadatas"])
    texts = got["documents"] or []
    metadatas: list[Mapping[str, Any]] = list(got["metadatas"] or [])
    chunks: list[Chunk] = []
    files: dict[str, Any] = {}
    for chunk_id, text, meta in zip(got["ids"], texts, metadatas, strict=True):
        chunks.append(
            Chunk(
                id=chunk_id,
                text=text,
                title=meta["title"],
                source=meta["source"],
                position=int(meta["position"]),
                page=meta.get("page"),
                section=meta.get("section"),
                url=meta.get("url"),
                doc_type=meta.get("doc_type"),
                ocr=bool(meta.get("ocr", False)),
            )
        )
        files.setdefault(
            meta["source"],
            {
                "sha256": meta.get("file_sha256"),
                "title": meta.get("file_title", meta["title"]),
                "type": meta.get("doc_type"),
                "urls": json.loads(meta.get("file_urls", "[]")),
                "pages": int(meta.get("file_pages", 0)),
                "path": meta.get("file_path"),
            },
        )
    chunks.sort(key=lambda c: (c.source, c.position))
    for name, entry in files.items():
        entry["chunk_ids"] = [c.id for c in chunks if c.source == name]
    manifest: dict[str, Any] = {
        key: pointer.get(key) for key in ("build", "model", "chunk_size", "chunk_overlap", "analyzer", "expansion")
    }
    manifest["added_roots"] = json.loads(pointer.get("added_roots") or "[]")
    manifest["excluded"] = json.loads(pointer.get("excluded") or "[]")
    manifest["files"] = files
    return manifest, chunks


# --- building -------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _previous(settings: Settings) -> tuple[str | None, dict[str, Any], dict[str, Chunk]]:
    """The current build's id, manifest and chunks by id, or empties when there is none usable."""
    store = VectorStore(settings.index_dir, settings.chroma_url)
    pointer = store.read_pointer()
    if pointer is None:
        return None, {}, {}
    build_id = str(pointer["build"])
    build_dir = settings.index_dir / "builds" / build_id
    try:
        if store.remote:
            manifest, chunk_list = _from_collection(store.open(build_id), pointer)
        else:
            manifest = _read_json(build_dir / MANIFEST)
            with open(build_dir / RECORDS, encoding="utf-8") as handle:
                chunk_list = [Chunk.from_record(json.loads(line)) for line in handle if line.strip()]
    except Exception as exc:  # an unreadable previous build only costs a full rebuild
        log.warning("previous build %s unreadable, rebuilding from scratch: %s", build_id, exc)
        return None, {}, {}
    return build_id, manifest, {c.id: c for c in chunk_list}


def _reusable_vectors(settings: Settings, build_id: str, ids: list[str]) -> dict[str, list[float]]:
    if not ids:
        return {}
    try:
        collection = VectorStore(settings.index_dir, settings.chroma_url).open(build_id)
        got = collection.get(ids=ids, include=["embeddings"])
        embeddings = got["embeddings"] if got["embeddings"] is not None else []
        return {i: list(map(float, v)) for i, v in zip(got["ids"], embeddings, strict=True)}
    except Exception as exc:  # an unreadable old collection only costs a re-embedding
        log.warning("cannot reuse vectors of build %s: %s", build_id, exc)
        return {}


@dataclass(frozen=True)
class Root:
    """A folder or file the index reads; an added folder's documents are named under ``prefix``."""

    path: Path
    prefix: str = ""

    def to_record(self) -> dict[str, str]:
        return {"path": str(self.path), "prefix": self.prefix}


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _plan_roots(
    settings: Settings,
    previous_manifest: dict[str, Any],
    paths: list[Path] | None,
    add: list[Path],
) -> tuple[list[Root], list[Root], set[str]]:
    """The corpus roots, the added ones (kept in the manifest) and the excluded files.

    Without ``paths``: the corpus folders of the settings, plus the folders and files
    added earlier, less the documents removed earlier. ``add`` extends that; ``paths``
    replaces it (only those are indexed).
    """
    corpus = [Root(Path(d).resolve()) for d in settings.corpus_dirs]
    if paths:
        return [], [Root(Path(p).resolve()) for p in paths], set()
    added = [Root(Path(r["path"]), r.get("prefix", "")) for r in previous_manifest.get("added_roots", [])]
    excluded = set(previous_manifest.get("excluded", []))
    for raw in add:
        path = Path(raw).resolve()
        excluded = {e for e in excluded if not _under(Path(e), path)}
        if any(_under(path, root.path) for root in corpus + added):
            continue  # already read: adding it again only takes it out of the removed documents
        added = [r for r in added if not _under(r.path, path)]  # a folder added over files it contains
        added.append(Root(path, f"{path.name}/" if path.is_dir() else ""))
    return corpus, added, excluded


def _remove(
    previous_manifest: dict[str, Any], added: list[Root], excluded: set[str], targets: list[str]
) -> tuple[list[Root], set[str]]:
    """Take documents out of the index: by source name, by file path, or everything under a folder."""
    files = previous_manifest.get("files", {})
    for target in targets:
        path = Path(target).resolve()
        matched = [
            name
            for name, entry in files.items()
            if name == target or (entry.get("path") and _under(Path(entry["path"]), path))
        ]
        if not matched:
            raise InvalidInput(
                f"Aucun document indexé ne correspond à « {target} » : donnez le nom affiché lors de "
                "l'indexation (par exemple guide.md) ou le chemin du fichier.",
                detail=f"remove {target}: no match",
                field="remove",
            )
        added = [root for root in added if not _under(root.path, path)]
        excluded |= {files[name]["path"] for name in matched if files[name].get("path")}
    return added, excluded


def ingest(
    settings: Settings,
    embed: EmbedFn,
    paths: list[Path] | None = None,
    progress: Progress | None = None,
    model_identity: str | None = None,
    *,
    add: list[Path] | None = None,
    remove: list[str] | None = None,
    loaded: dict[str, tuple[str, SourceDocument]] | None = None,
) -> IngestReport:
    """Bring the index in line with the source files; a no-op when nothing changed.

    What is read: by default the corpus folders of the settings plus what was added
    before (``add``: folders or files kept in the index from now on), less what was
    removed (``remove``: source names, files or folders). ``paths`` replaces all of
    that: only those folders or files are indexed. The report lists what goes away.
    ``loaded`` gives documents the caller has already read (source name → file sha256 and
    document), so a scan checked before upload is not read by OCR a second time.

    ``embed`` turns passages into normalised vectors; it is only called for new
    passages, so a caller can load the model lazily. ``model_identity`` names the
    model and backend behind ``embed`` (``Embedder.identity``, or
    ``embedding_identity(settings)`` before loading it); it is recorded in the
    manifest and, when it differs from the previous build's, every passage is
    embedded again. Defaults to ``embedding_identity(settings)``.
    """
    model_identity = model_identity or embedding_identity(settings)
    # Two processes building at once (test workers, replicas started together) would each prune the other's build and
    # leave the pointer on a deleted one: one builds, the others wait and then find nothing changed.
    with exclusive(settings.index_dir / "ingest"):
        return _ingest(settings, embed, model_identity, paths, progress, add=add, remove=remove, loaded=loaded)


def _ingest(
    settings: Settings,
    embed: EmbedFn,
    model_identity: str,
    paths: list[Path] | None,
    progress: Progress | None,
    *,
    add: list[Path] | None,
    remove: list[str] | None,
    loaded: dict[str, tuple[str, SourceDocument]] | None,
) -> IngestReport:
    started = time.perf_counter()
    progress = progress or (lambda stage, done, total: None)
    report = IngestReport()
    index_dir = settings.index_dir
    (index_dir / "builds").mkdir(parents=True, exist_ok=True)

    previous_id, previous_manifest, previous_chunks = _previous(settings)
    corpus_roots, added_roots, excluded = _plan_roots(settings, previous_manifest, paths, add or [])
    if remove:
        added_roots, excluded = _remove(previous_manifest, added_roots, excluded, remove)
    roots = corpus_roots + added_roots
    sources: dict[str, Path] = {}
    for root in roots:
        found = scan([root.path])
        for relative, path in found.found.items():
            name = root.prefix + relative
            if str(path.resolve()) in excluded:
                continue
            if name in sources and sources[name].resolve() != path.resolve():
                report.skipped.append(
                    (name, f"un autre document indexé porte déjà ce nom ({sources[name]}) : renommez l'un des deux")
                )
                continue
            sources[name] = path
        report.skipped.extend((root.prefix + relative, reason) for relative, reason in found.refused.items())

    same_setup = (
        previous_manifest.get("model") == model_identity
        and previous_manifest.get("chunk_size") == settings.chunk_size
        and previous_manifest.get("chunk_overlap") == settings.chunk_overlap
    )
    # Another tokenizer or other card questions only mean rebuilding BM25: chunks and vectors stay valid.
    questions = indexed_questions(settings)
    expansion = questions_fingerprint(questions)
    same_lexical = (
        previous_manifest.get("analyzer") == ANALYZER_VERSION and previous_manifest.get("expansion") == expansion
    )
    old_files: dict[str, Any] = previous_manifest.get("files", {}) if same_setup else {}

    files: dict[str, Any] = {}
    chunks: list[Chunk] = []
    for done, (name, path) in enumerate(sorted(sources.items()), start=1):
        progress("lecture", done, len(sources))
        digest = _sha256(path)
        old = old_files.get(name)
        if old and old.get("sha256") == digest and all(i in previous_chunks for i in old["chunk_ids"]):
            files[name] = {**old, "path": str(path.resolve())}
            chunks.extend(previous_chunks[i] for i in old["chunk_ids"])
            report.unchanged_files += 1
            report.pages += int(old.get("pages", 0))
            continue
        known = (loaded or {}).get(name)
        try:
            document = (
                known[1]
                if known and known[0] == digest
                else load_document(
                    path, name, settings.chunk_size, settings.chunk_overlap, max_bytes=settings.max_upload_bytes
                )
            )
        except DocumentError as exc:
            report.skipped.append((name, exc.message))
            log.warning("skipped %s: %s", name, exc.detail)
            continue
        (report.changed_files if name in previous_manifest.get("files", {}) else report.added_files).append(name)
        files[name] = {
            "sha256": digest,
            "title": document.title,
            "type": document.doc_type,
            "urls": document.urls,
            "pages": document.pages,
            "ocr_pages": document.ocr_pages,
            "path": str(path.resolve()),
            "chunk_ids": [c.id for c in document.chunks],
        }
        report.pages += document.pages
        report.ocr_pages += document.ocr_pages
        chunks.extend(document.chunks)

    report.removed_files = sorted(set(previous_manifest.get("files", {})) - set(files))
    report.files = len(files)
    report.chunks = len(chunks)
    nothing_changed = (
        previous_id is not None
        and same_setup
        and same_lexical
        and not report.added_files
        and not report.changed_files
        and not report.removed_files
        and previous_manifest.get("added_roots", []) == [r.to_record() for r in added_roots]
        and sorted(previous_manifest.get("excluded", [])) == sorted(excluded)
    )
    if nothing_changed:
        report.seconds = time.perf_counter() - started
        return report

    build_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    build_dir = index_dir / "builds" / build_id
    build_dir.mkdir(parents=True)
    store = VectorStore(index_dir, settings.chroma_url)
    try:
        reused = _reusable_vectors(settings, previous_id, [c.id for c in chunks]) if previous_id and same_setup else {}
        to_embed = [c for c in chunks if c.id not in reused]
        vectors: dict[str, list[float]] = dict(reused)
        batch = 64
        for start in range(0, len(to_embed), batch):
            part = to_embed[start : start + batch]
            for chunk, vector in zip(part, embed([c.indexed_text for c in part]), strict=True):
                vectors[chunk.id] = vector.tolist()
            progress("vectorisation", min(start + batch, len(to_embed)), len(to_embed))
        report.embedded_chunks = len(to_embed)

        collection = store.create(build_id)
        for start in range(0, len(chunks), 1000):
            part = chunks[start : start + 1000]
            collection.add(
                ids=[c.id for c in part],
                embeddings=np.asarray([vectors[c.id] for c in part], dtype=np.float32),
                documents=[c.text for c in part],
                metadatas=[_chroma_metadata(c, files[c.source]) for c in part],
            )
            progress("écriture", min(start + 1000, len(chunks)), len(chunks))

        setup = {
            "build": build_id,
            "model": model_identity,
            "chunk_size": settings.chunk_size,
            "chunk_overlap": settings.chunk_overlap,
            "analyzer": ANALYZER_VERSION,
            "expansion": expansion,
        }
        roots_record = {"added_roots": [r.to_record() for r in added_roots], "excluded": sorted(excluded)}
        if not store.remote:  # a server keeps chunks and setup itself; replicas rebuild BM25
            LexicalIndex.build([c.lexical_text for c in chunks]).save(build_dir / "bm25")
            expanded = with_questions(chunks, questions)
            if expanded is not None:
                expanded.save(build_dir / QUESTIONS_BM25)
            with open(build_dir / RECORDS, "w", encoding="utf-8") as handle:
                for chunk in chunks:
                    handle.write(json.dumps(chunk.to_record(), ensure_ascii=False) + "\n")
            _write_json_atomic(
                build_dir / MANIFEST,
                {**setup, **roots_record, "created": datetime.now(UTC).isoformat(), "files": files},
            )
            store.write_pointer(setup)
        else:  # Chroma metadata holds scalars only
            store.write_pointer({**setup, **{key: json.dumps(value) for key, value in roots_record.items()}})
    except BaseException:
        store.drop(build_id)
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    report.build_id = build_id
    _prune(index_dir, store, keep={build_id, previous_id})
    report.seconds = time.perf_counter() - started
    return report


def _chroma_metadata(chunk: Chunk, file: dict[str, Any]) -> dict[str, Any]:
    """What Chroma keeps beside each vector; enough to rebuild chunks and manifest from a server."""
    meta: dict[str, Any] = {
        "title": chunk.title,
        "source": chunk.source,
        "position": chunk.position,
        "file_sha256": file["sha256"],
        "file_title": file["title"],
        "file_pages": int(file.get("pages") or 0),
        "file_urls": json.dumps(file.get("urls") or [], ensure_ascii=False),
    }
    if file.get("path"):
        meta["file_path"] = file["path"]
    if chunk.ocr:
        meta["ocr"] = True
    for key in ("page", "section", "url", "doc_type"):
        value = getattr(chunk, key)
        if value is not None:
            meta[key] = value
    return meta


def _prune(index_dir: Path, store: VectorStore, keep: set[str | None]) -> None:
    """Remove builds other than the new one and the one it replaced (still open in running servers)."""
    for build_dir in (index_dir / "builds").iterdir():
        if build_dir.name not in keep:
            store.drop(build_dir.name)
            shutil.rmtree(build_dir, ignore_errors=True)
    if store.remote:
        for build_id in store.remote_builds():
            if build_id not in keep:
                store.drop(build_id)
