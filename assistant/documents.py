"""Loading source files into chunks: Markdown (front matter, headings), PDF (pages, scanned pages
read by OCR), Word .docx, LibreOffice .odt, web pages .html (headings), plain text.

Chunks follow the document's structure (a section under its headings, a PDF page) and are cut
further only when longer than the size bound, so a citation points at a place a
person can find. Every chunk gets an id derived from its location and content, so an
unchanged file always yields the same ids.
"""

from __future__ import annotations

import hashlib
import logging
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
from assistant.fr.formatting import fmt_count, fmt_megabytes
from assistant.office import Block, read_docx, read_html, read_odt
from assistant.pdf_headings import heading_levels, page_lines
from assistant.pdf_headings import sections as pdf_sections

SUPPORTED_SUFFIXES = {".md", ".markdown", ".pdf", ".txt", ".docx", ".odt", ".html", ".htm"}
FORMATS_LABEL = "Markdown, PDF (y compris numérisé), Word .docx, LibreOffice .odt, page web .html ou texte .txt"
OCR_LABEL = "texte reconnu par OCR"
MAX_PAGES = 2000

_SAVE_AS = "enregistrez-le en .docx ou en PDF puis ajoutez ce fichier"
# Files people keep beside their documents that cannot be read, with the reason and the fix.
UNREADABLE_SUFFIXES = {
    ".doc": f"ancien format Word (.doc) non lu : {_SAVE_AS}",
    ".dot": f"modèle Word ancien format (.dot) non lu : {_SAVE_AS}",
    ".rtf": f"format RTF non lu : {_SAVE_AS}",
    ".docm": "document Word avec macros (.docm) non lu : enregistrez-le en .docx (sans macros) ou en PDF",
    ".xls": "tableur Excel ancien format (.xls) non lu : enregistrez-le en PDF",
    ".xlsx": "tableur Excel (.xlsx) non lu : enregistrez-le en PDF",
    ".ods": "tableur LibreOffice (.ods) non lu : enregistrez-le en PDF",
    ".csv": "tableau CSV non lu : enregistrez-le en PDF",
    ".ppt": "présentation PowerPoint ancien format (.ppt) non lue : enregistrez-la en PDF",
    ".pptx": "présentation PowerPoint (.pptx) non lue : enregistrez-la en PDF",
    ".odp": "présentation LibreOffice (.odp) non lue : enregistrez-la en PDF",
    ".png": "image non lue : numérisez le document en PDF pour qu'il soit lu par OCR",
    ".jpg": "image non lue : numérisez le document en PDF pour qu'il soit lu par OCR",
    ".jpeg": "image non lue : numérisez le document en PDF pour qu'il soit lu par OCR",
    ".gif": "image non lue : numérisez le document en PDF pour qu'il soit lu par OCR",
    ".tif": "image non lue : numérisez le document en PDF pour qu'il soit lu par OCR",
    ".tiff": "image non lue : numérisez le document en PDF pour qu'il soit lu par OCR",
    ".bmp": "image non lue : numérisez le document en PDF pour qu'il soit lu par OCR",
    ".zip": "archive non lue : décompressez-la et ajoutez les documents qu'elle contient",
    ".msg": "courriel Outlook non lu : enregistrez-le en PDF",
    ".eml": "courriel non lu : enregistrez-le en PDF",
}
# Never documents: editor lock files and system litter are passed over without a word.
_LITTER = re.compile(r"^(~\$|\.~lock\.)|^(thumbs\.db|desktop\.ini)$", re.IGNORECASE)

# Ligatures that PDF text extraction commonly returns as single code points.
log = logging.getLogger(__name__)

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
    ocr: bool = False  # the text was read by OCR from a scanned page

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
    ocr_pages: int = 0  # pages read by OCR


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


def _sections_document(
    sections: list[tuple[list[str], str]],
    path: Path,
    source: str,
    chunk_size: int,
    chunk_overlap: int,
    *,
    title: str | None,
    doc_type: str | None,
    urls: list[str] | None = None,
    top_heading: str | None = None,
) -> SourceDocument:
    """Chunks of a document made of headed sections (Markdown, Word, LibreOffice, web page).

    ``top_heading`` is the heading that names the whole document (the first level-1 heading
    of a Word or web page); by default the first heading of all, as Markdown documents open.
    """
    urls = urls or []
    h1 = top_heading if top_heading is not None else next((p[0] for p, _ in sections if p), None)
    title = title or h1 or path.stem.replace("_", " ").replace("-", " ")
    splitter = _splitter(chunk_size, chunk_overlap)
    chunks: list[Chunk] = []
    for heading_path, text in sections:
        # The document title is already carried by `title`; the section path starts below it.
        inner = heading_path[1:] if heading_path and heading_path[0] in {h1, title} else heading_path
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
                    doc_type=doc_type,
                )
            )
    if not chunks:
        raise DocumentError(f"Le document « {path.name} » est vide.", detail=f"{path}: no text")
    return SourceDocument(source, title, doc_type, urls, chunks)


def load_markdown(path: Path, source: str, chunk_size: int, chunk_overlap: int) -> SourceDocument:
    raw = normalize_text(path.read_text(encoding="utf-8"))
    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        raise DocumentError(
            f"L'en-tête YAML du document « {path.name} » est illisible.", detail=f"{path}: {exc}"
        ) from exc
    meta = dict(post.metadata)
    return _sections_document(
        _markdown_sections(post.content),
        path,
        source,
        chunk_size,
        chunk_overlap,
        title=str(meta["title"]) if meta.get("title") else None,
        doc_type=str(meta["type"]) if meta.get("type") else None,
        urls=_front_matter_urls(meta),
    )


# --- Word, LibreOffice, web pages ------------------------------------------------


def blocks_to_sections(blocks: list[Block]) -> list[tuple[list[str], str]]:
    """Group paragraphs under the path of the headings above them."""
    sections: list[tuple[list[str], str]] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            sections.append(([title for _, title in path], "\n\n".join(lines)))
        lines.clear()

    for block in blocks:
        text = normalize_text(block.text)
        if block.level:
            flush()
            path = [(lvl, title) for lvl, title in path if lvl < block.level]
            path.append((block.level, text))
        else:
            lines.append(text)
    flush()
    return sections


_OFFICE_READERS = {
    ".docx": (read_docx, "docx"),
    ".odt": (read_odt, "odt"),
    ".html": (read_html, "html"),
    ".htm": (read_html, "html"),
}


def load_office(path: Path, source: str, chunk_size: int, chunk_overlap: int) -> SourceDocument:
    """A Word, LibreOffice or HTML document: headings become the section path, tables lines of text."""
    reader, doc_type = _OFFICE_READERS[path.suffix.lower()]
    title, blocks = reader(path)
    first_h1 = next((normalize_text(block.text) for block in blocks if block.level == 1), "")
    return _sections_document(
        blocks_to_sections(blocks),
        path,
        source,
        chunk_size,
        chunk_overlap,
        title=normalize_text(title) if title else None,
        doc_type=doc_type,
        top_heading=first_h1,
    )


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


# Titles PDF generators write when the author gave none.
NO_TITLE = frozenset({"untitled", "sans titre", "document", "titre"})


def _read_pdf_pages(path: Path, max_pages: int) -> tuple[list[str], list[dict[str, int]], str]:
    """Text layer of every page, each page's heading lines (by type size) and the metadata title;
    pypdf's own warnings go to the log."""
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"Le PDF « {path.name} » est chiffré et ne peut pas être lu.", detail=f"{path}: encrypted"
            )
        page_count = len(reader.pages)
        if page_count > max_pages:
            raise DocumentError(
                f"Le PDF « {path.name} » compte {fmt_count(page_count)} pages, au-delà de la limite de "
                f"{fmt_count(max_pages)}.",
                detail=f"{path}: {page_count} pages",
            )
        read = [page_lines(page) for page in reader.pages]
        raw_pages = [normalize_text(text) for text, _ in read]
        headings = heading_levels([[(normalize_text(line).strip(), size) for line, size in lines] for _, lines in read])
        info = reader.metadata
        meta_title = str(info.title).strip() if info and info.title else ""
    except DocumentError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise DocumentError(
            f"Le PDF « {path.name} » est endommagé ou illisible.", detail=f"{path}: {type(exc).__name__}: {exc}"
        ) from exc
    return raw_pages, headings, meta_title


def _ocr_blank_pages(path: Path, raw_pages: list[str], ocr: bool) -> set[int]:
    """Read by OCR, in place, the pages without a text layer; returns their 1-based numbers.

    Raises DocumentError when the whole PDF is a scan and OCR is not available here.
    """
    blank = [number for number, text in enumerate(raw_pages, start=1) if not text.strip()]
    if not blank:
        return set()
    from assistant.ocr import ocr_pdf_pages, ocr_status

    status = ocr_status() if ocr else None
    if status is None or not status.available:
        if len(blank) < len(raw_pages):
            log.warning("%s: %d scanned pages left unread (no OCR)", path.name, len(blank))
            return set()
        reason = status.reason if status else "la reconnaissance de caractères (OCR) est désactivée"
        raise DocumentError(
            f"Le PDF « {path.name} » est une numérisation sans texte et ne peut pas être lu : {reason}.",
            detail=f"{path}: scanned, no OCR",
        )
    try:
        read = ocr_pdf_pages(path, blank)
    except Exception as exc:  # a page the renderer or Tesseract cannot handle
        raise DocumentError(
            f"La reconnaissance de caractères (OCR) a échoué sur le PDF « {path.name} ».",
            detail=f"{path}: {type(exc).__name__}: {exc}",
        ) from exc
    for number, text in read.items():
        raw_pages[number - 1] = normalize_text(text)
    return {number for number, text in read.items() if text.strip()}


def load_pdf(
    path: Path, source: str, chunk_size: int, chunk_overlap: int, max_pages: int = MAX_PAGES, ocr: bool = True
) -> SourceDocument:
    """A PDF page by page, cut at its headings (found by type size); pages without a text layer are
    read by OCR (``ocr``) and marked as such."""
    raw_pages, headings, meta_title = _read_pdf_pages(path, max_pages)
    ocr_pages = _ocr_blank_pages(path, raw_pages, ocr)
    cleaned = _strip_repeated_lines(raw_pages)
    if not any(page.strip() for page in cleaned):
        raise DocumentError(
            f"Le PDF « {path.name} » ne contient aucun texte extractible (document vide, ou numérisation "
            "où la reconnaissance de caractères n'a rien lu).",
            detail=f"{path}: no extractable text",
        )
    segments = pdf_sections(cleaned, headings)
    first_heading = next((heading_path[0] for _, heading_path, _ in segments if heading_path), None)
    stem = path.stem.replace("_", " ").replace("-", " ")
    # Generators often store the file name as the title: the first heading names the document better.
    named = meta_title and meta_title.replace("_", " ").replace("-", " ") != stem and meta_title.lower() not in NO_TITLE
    title = (meta_title if named else None) or first_heading or meta_title or stem
    splitter = _splitter(chunk_size, chunk_overlap)
    chunks: list[Chunk] = []
    for number, heading_path, raw in segments:
        text = _join_pdf_lines(raw)
        if not text.strip():
            continue
        scanned = number in ocr_pages
        inner = heading_path[1:] if heading_path and heading_path[0] in {title, first_heading} else heading_path
        section = " > ".join(inner) or None
        for piece in splitter.split_text(text) if len(text) > chunk_size else [text]:
            position = len(chunks)
            chunks.append(
                Chunk(
                    id=chunk_id(source, f"p{number}", position, piece),
                    text=piece.strip(),
                    # The label every front end shows says the passage comes from a scan.
                    title=f"{title} ({OCR_LABEL})" if scanned else title,
                    source=source,
                    position=position,
                    page=number,
                    section=section,
                    doc_type="pdf",
                    ocr=scanned,
                )
            )
    return SourceDocument(source, title, "pdf", [], chunks, pages=len(cleaned), ocr_pages=len(ocr_pages))


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


def unreadable_reason(path: Path) -> str:
    """Why a file that is not a supported document is not read, and what to do instead (French)."""
    suffix = path.suffix.lower()
    if suffix in UNREADABLE_SUFFIXES:
        return UNREADABLE_SUFFIXES[suffix]
    shown = f"« {suffix} »" if suffix else "sans extension"
    return f"format {shown} non reconnu : enregistrez-le en .docx ou en PDF ({FORMATS_LABEL} sont lus)"


def load_document(
    path: Path,
    source: str,
    chunk_size: int,
    chunk_overlap: int,
    *,
    max_bytes: int | None = None,
    max_pages: int = MAX_PAGES,
    ocr: bool = True,
) -> SourceDocument:
    """Load any supported file; raises DocumentError with a French message (and the fix) when it cannot.

    ``max_bytes`` refuses larger files before reading them; ``ocr`` lets scanned PDF pages be read.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"Le fichier « {path.name} » n'est pas pris en charge : {unreadable_reason(path)}.",
            detail=f"{path}: unsupported suffix {suffix}",
        )
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise DocumentError(
            f"Le fichier « {path.name} » dépasse la taille maximale autorisée ({fmt_megabytes(max_bytes)}).",
            detail=f"{path}: {size} bytes",
        )
    try:
        if suffix in {".md", ".markdown"}:
            return load_markdown(path, source, chunk_size, chunk_overlap)
        if suffix == ".pdf":
            return load_pdf(path, source, chunk_size, chunk_overlap, max_pages=max_pages, ocr=ocr)
        if suffix == ".txt":
            return load_text(path, source, chunk_size, chunk_overlap)
        return load_office(path, source, chunk_size, chunk_overlap)
    except UnicodeDecodeError as exc:
        raise DocumentError(f"Le fichier « {path.name} » n'est pas un texte UTF-8.", detail=f"{path}: {exc}") from exc


def _is_litter(relative: Path) -> bool:
    """Hidden files, editor lock files, the domain data and the answer cards (matched apart) are not documents."""
    return (
        any(part.startswith(".") for part in relative.parts)
        or relative.parts[:1] in (("data",), ("cards",))
        or bool(_LITTER.search(relative.name))
    )


@dataclass(frozen=True)
class Discovery:
    """The documents found under some folders, and the files there that cannot be read (with why)."""

    found: dict[str, Path]
    refused: dict[str, str]


def scan(paths: list[Path]) -> Discovery:
    """Map a stable source name to each file under the given folders or files.

    The source name is the path relative to the folder it was found in, so an index
    built on one machine cites the same names on another. Files that are not
    supported documents are listed in ``refused`` with the reason and the fix, never
    silently left out.
    """
    found: dict[str, Path] = {}
    refused: dict[str, str] = {}
    for root in paths:
        if root.is_file():
            candidates = [(root, Path(root.name))]
        elif root.is_dir():
            candidates = [(path, path.relative_to(root)) for path in sorted(root.rglob("*")) if path.is_file()]
        else:
            continue
        for path, relative in candidates:
            if _is_litter(relative):
                continue
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found[relative.as_posix()] = path
            else:
                refused[relative.as_posix()] = unreadable_reason(path)
    return Discovery(found, refused)


def discover(paths: list[Path]) -> dict[str, Path]:
    """The supported documents under the given folders or files, by source name (see :func:`scan`)."""
    return scan(paths).found
