"""Loading source files into chunks: Markdown (front matter, headings), PDF (pages), plain text.

Chunks follow the document's structure (a Markdown section, a PDF page) and are cut
further only when longer than the size bound, so a citation points at a place a
person can find. Every chunk gets an id derived from its location and content, so an
unchanged file always yields the same ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from langchain_text_splitters import RecursiveCharacterTextSplitter
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from assistant.errors import DocumentError

SUPPORTED_SUFFIXES = {".md", ".markdown", ".pdf", ".txt"}

# Ligatures that PDF text extraction commonly returns as single code points.
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_PAGE_NUMBER_LINE = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*/\s*\d{1,4})?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Chunk:
    """A passage of a source document, the unit of indexing and citation."""

    id: str
    text: str
    title: str
    source: str
    position: int
    page: int | None = None
    section: str | None = None
    url: str | None = None
    doc_type: str | None = None

    @property
    def indexed_text(self) -> str:
        """What the retrievers see: the section path gives a short passage its subject."""
        heading = self.section or self.title
        return f"{heading}\n{self.text}"

    @property
    def lexical_text(self) -> str:
        """What BM25 sees: headings name a section's subject, so they count double (field boost);
        the document title separates guides that treat the same subject. Tuned on eval/retrieval.yaml."""
        heading = self.section or self.title
        return f"{self.title}\n{heading}\n{heading}\n{self.text}"

    def to_record(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Chunk:
        return cls(**record)


@dataclass(frozen=True)
class SourceDocument:
    """A loaded file: its metadata and its chunks."""

    source: str
    title: str
    doc_type: str | None
    urls: list[str]
    chunks: list[Chunk]
    pages: int = 0


def normalize_text(text: str) -> str:
    """NFC, ligatures expanded, spaces made plain, so the same word is always the same string."""
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    text = text.replace("\u00ad", "")  # soft hyphens are invisible line-break hints
    return text


def chunk_id(source: str, location: str, position: int, text: str) -> str:
    digest = hashlib.sha256(f"{source}\x1f{location}\x1f{position}\x1f{text}".encode()).hexdigest()
    return digest[:24]


def _splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )


# --- Markdown ----------------------------------------------------------------


def _markdown_sections(body: str) -> list[tuple[list[str], str]]:
    """Split Markdown into (heading path, body) pairs, headings outside code fences only."""
    sections: list[tuple[list[str], str]] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []
    in_fence = False

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            sections.append(([title for _, title in path], text))
        lines.clear()

    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            flush()
            level = len(match.group(1))
            path = [(lvl, title) for lvl, title in path if lvl < level]
            path.append((level, match.group(2).strip()))
        else:
            lines.append(line)
    flush()
    return sections


def _front_matter_urls(meta: dict[str, Any]) -> list[str]:
    urls: list[str] = []
    for item in meta.get("sources") or []:
        if isinstance(item, dict) and item.get("url"):
            urls.append(str(item["url"]))
        elif isinstance(item, str) and item.startswith("http"):
            urls.append(item)
    return urls


def load_markdown(path: Path, source: str, chunk_size: int, chunk_overlap: int) -> SourceDocument:
    raw = normalize_text(path.read_text(encoding="utf-8"))
    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        raise DocumentError(
            f"L'en-tête YAML du document « {path.name} » est illisible.", detail=f"{path}: {exc}"
        ) from exc
    meta = dict(post.metadata)
    sections = _markdown_sections(post.content)
    h1 = next((p[0] for p, _ in sections if p), None)
    title = str(meta.get("title") or h1 or path.stem)
    urls = _front_matter_urls(meta)
    splitter = _splitter(chunk_size, chunk_overlap)
    chunks: list[Chunk] = []
    for heading_path, text in sections:
        # The document title is already carried by `title`; the section path starts below it.
        inner = heading_path[1:] if heading_path and heading_path[0] == h1 else heading_path
        section = " > ".join(inner) if inner else None
        for piece in splitter.split_text(text) if len(text) > chunk_size else [text]:
            position = len(chunks)
            chunks.append(
                Chunk(
                    id=chunk_id(source, section or "", position, piece),
                    text=piece.strip(),
                    title=title,
                    source=source,
                    position=position,
                    section=section,
                    url=urls[0] if urls else None,
                    doc_type=meta.get("type"),
                )
            )
    if not chunks:
        raise DocumentError(f"Le document « {path.name} » est vide.", detail=f"{path}: no text")
    return SourceDocument(source, title, meta.get("type"), urls, chunks)


# --- PDF ---------------------------------------------------------------------


def _join_pdf_lines(text: str) -> str:
    """Undo line-end hyphenation and hard wraps while keeping paragraph breaks."""
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(re.sub(r"\s*\n\s*", " ", p).strip() for p in paragraphs if p.strip())


def _strip_repeated_lines(pages: list[str]) -> list[str]:
    """Drop running headers and footers: edge lines repeated on most pages, and page numbers."""
    if len(pages) < 3:
        return ["\n".join(line for line in page.splitlines() if not _PAGE_NUMBER_LINE.match(line)) for page in pages]
    edge_counts: Counter[str] = Counter()
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        edge_counts.update(set(lines[:2] + lines[-2:]))
    repeated = {line for line, count in edge_counts.items() if count >= max(3, len(pages) // 2 + 1)}
    cleaned = []
    for page in pages:
        kept = [
            line for line in page.splitlines() if line.strip() not in repeated and not _PAGE_NUMBER_LINE.match(line)
        ]
        cleaned.append("\n".join(kept))
    return cleaned


def load_pdf(path: Path, source: str, chunk_size: int, chunk_overlap: int, max_pages: int = 2000) -> SourceDocument:
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"Le PDF « {path.name} » est chiffré et ne peut pas être lu.", detail=f"{path}: encrypted"
            )
        page_count = len(reader.pages)
        if page_count > max_pages:
            raise DocumentError(
                f"Le PDF « {path.name} » compte {page_count} pages, au-delà de la limite de {max_pages}.",
                detail=f"{path}: {page_count} pages",
            )
        raw_pages = [normalize_text(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata
        meta_title = str(info.title).strip() if info and info.title else ""
    except DocumentError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise DocumentError(
            f"Le PDF « {path.name} » est endommagé ou illisible.", detail=f"{path}: {type(exc).__name__}: {exc}"
        ) from exc
    pages = [_join_pdf_lines(page) for page in _strip_repeated_lines(raw_pages)]
    if not any(page.strip() for page in pages):
        raise DocumentError(
            f"Le PDF « {path.name} » ne contient aucun texte extractible (document vide ou scanné).",
            detail=f"{path}: no extractable text",
        )
    title = meta_title or path.stem.replace("_", " ").replace("-", " ")
    splitter = _splitter(chunk_size, chunk_overlap)
    chunks: list[Chunk] = []
    for number, text in enumerate(pages, start=1):
        if not text.strip():
            continue
        for piece in splitter.split_text(text) if len(text) > chunk_size else [text]:
            position = len(chunks)
            chunks.append(
                Chunk(
                    id=chunk_id(source, f"p{number}", position, piece),
                    text=piece.strip(),
                    title=title,
                    source=source,
                    position=position,
                    page=number,
                    doc_type="pdf",
                )
            )
    return SourceDocument(source, title, "pdf", [], chunks, pages=len(pages))


# --- plain text ----------------------------------------------------------------


def load_text(path: Path, source: str, chunk_size: int, chunk_overlap: int) -> SourceDocument:
    try:
        text = normalize_text(path.read_text(encoding="utf-8")).strip()
    except UnicodeDecodeError as exc:
        raise DocumentError(f"Le fichier « {path.name} » n'est pas un texte UTF-8.", detail=f"{path}: {exc}") from exc
    if not text:
        raise DocumentError(f"Le document « {path.name} » est vide.", detail=f"{path}: empty")
    title = text.splitlines()[0].strip()[:120] or path.stem
    splitter = _splitter(chunk_size, chunk_overlap)
    chunks = [
        Chunk(id=chunk_id(source, "", i, piece), text=piece.strip(), title=title, source=source, position=i)
        for i, piece in enumerate(splitter.split_text(text))
    ]
    return SourceDocument(source, title, "text", [], chunks)


def load_document(path: Path, source: str, chunk_size: int, chunk_overlap: int) -> SourceDocument:
    """Load any supported file; raises DocumentError with a French message when it cannot."""
    suffix = path.suffix.lower()
    if suffix in {".md", ".markdown"}:
        return load_markdown(path, source, chunk_size, chunk_overlap)
    if suffix == ".pdf":
        return load_pdf(path, source, chunk_size, chunk_overlap)
    if suffix == ".txt":
        return load_text(path, source, chunk_size, chunk_overlap)
    raise DocumentError(
        f"Le format de « {path.name} » n'est pas pris en charge (Markdown, PDF ou texte).",
        detail=f"{path}: unsupported suffix {suffix}",
    )


def discover(paths: list[Path]) -> dict[str, Path]:
    """Map a stable source name to each supported file under the given folders or files.

    The source name is the path relative to the folder it was found in, so an index
    built on one machine cites the same names on another.
    """
    found: dict[str, Path] = {}
    for root in paths:
        if root.is_file():
            if root.suffix.lower() in SUPPORTED_SUFFIXES:
                found[root.name] = root
            continue
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if any(part.startswith(".") for part in relative.parts) or relative.parts[:1] in (("data",), ("cards",)):
                continue  # hidden files, the domain data and the answer cards (matched apart) are not documents
            if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
                found[relative.as_posix()] = path
    return found
