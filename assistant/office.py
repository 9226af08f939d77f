"""Word (.docx), LibreOffice (.odt) and web pages (.html): their text as headed sections.

Each reader returns a title and an ordered list of :class:`Block` (a heading with its
level, or a paragraph); :mod:`assistant.documents` turns them into chunks with the
heading path as the section, as for Markdown. Tables become one line per row, cells
separated by « | ». Nothing in a file is ever executed: macros, scripts, styles and
navigation are left out.

.docx and .odt are zip archives: their declared sizes are checked before anything is
decompressed (total size and compression ratio), so a zip bomb is refused unread.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import DocumentError

log = logging.getLogger(__name__)

MAX_ARCHIVE_ENTRIES = 5000
MAX_UNCOMPRESSED_BYTES = 200_000_000
MAX_COMPRESSION_RATIO = 100
_HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_DROPPED_HTML = ("script", "style", "nav", "noscript", "template", "svg", "iframe", "form", "header", "footer", "aside")


@dataclass(frozen=True)
class Block:
    """A heading (``level`` 1–6) or a paragraph (``level`` 0) of a document, in reading order."""

    text: str
    level: int = 0


def _clean(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def _row_line(cells: list[str]) -> str:
    unique: list[str] = []
    for cell in cells:
        cell = _clean(cell.replace("\n", " "))
        if cell and (not unique or unique[-1] != cell):  # merged cells repeat their text
            unique.append(cell)
    return " | ".join(unique)


# --- archives -------------------------------------------------------------------------


def check_archive(path: Path, kind: str) -> None:
    """Refuse a .docx/.odt that is not a zip, or whose declared content is too big or too compressed."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(
            f"Le fichier « {path.name} » n'est pas un document {kind} valide (archive illisible).",
            detail=f"{path}: {type(exc).__name__}: {exc}",
        ) from exc
    total = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries) or 1
    if (
        len(entries) > MAX_ARCHIVE_ENTRIES
        or total > MAX_UNCOMPRESSED_BYTES
        or total / compressed > MAX_COMPRESSION_RATIO
    ):
        raise DocumentError(
            f"Le document « {path.name} » est refusé : son contenu décompressé est anormalement volumineux "
            "(archive piégée possible).",
            detail=f"{path}: {len(entries)} entries, {total} bytes uncompressed, ratio {total / compressed:.0f}",
        )
    if any(
        entry.filename.lower().endswith("vbaproject.bin") or "basic/" in entry.filename.lower() for entry in entries
    ):
        log.info("macros ignored in %s", path.name)


# --- Word -----------------------------------------------------------------------------------


def _docx_heading_level(paragraph: Any) -> int:
    style = paragraph.style
    while style is not None:
        name = style.name or ""
        if name.lower() in {"title", "titre"}:
            return 1
        match = _HEADING_STYLE.match(name)
        if match:
            return max(1, min(6, int(match.group(1))))
        style = style.base_style
    return 0


def read_docx(path: Path) -> tuple[str | None, list[Block]]:
    check_archive(path, "Word (.docx)")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise DocumentError(
            f"Le document Word « {path.name} » est endommagé ou illisible.",
            detail=f"{path}: {type(exc).__name__}: {exc}",
        ) from exc
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(Block(line) for row in item.rows if (line := _row_line([c.text for c in row.cells])))
            continue
        text = _clean(item.text)
        if text:
            blocks.append(Block(text, _docx_heading_level(item)))
    title = _clean(document.core_properties.title or "") or None
    return title, blocks


# --- LibreOffice -------------------------------------------------------------------------------


def read_odt(path: Path) -> tuple[str | None, list[Block]]:
    check_archive(path, "LibreOffice (.odt)")
    from odf import opendocument, teletype
    from odf.namespaces import TABLENS, TEXTNS

    try:
        document = opendocument.load(str(path))
    except Exception as exc:  # odfpy raises XML and zip errors of many kinds
        raise DocumentError(
            f"Le document LibreOffice « {path.name} » est endommagé ou illisible.",
            detail=f"{path}: {type(exc).__name__}: {exc}",
        ) from exc
    blocks: list[Block] = []

    def walk(node: Any) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname == (TEXTNS, "h"):
                level = int(child.getAttrNS(TEXTNS, "outline-level") or 1)
                if text := _clean(teletype.extractText(child)):
                    blocks.append(Block(text, max(1, min(6, level))))
            elif qname == (TEXTNS, "p"):
                if text := _clean(teletype.extractText(child)):
                    blocks.append(Block(text))
            elif qname == (TABLENS, "table-row"):
                cells = [
                    teletype.extractText(c)
                    for c in child.childNodes
                    if getattr(c, "qname", None) == (TABLENS, "table-cell")
                ]
                if line := _row_line(cells):
                    blocks.append(Block(line))
            elif qname is not None:
                walk(child)

    walk(document.text)
    title = None
    for node in document.meta.childNodes:
        if getattr(node, "qname", (None, None))[1] == "title":
            title = _clean(teletype.extractText(node)) or None
    return title, blocks


# --- web pages --------------------------------------------------------------------------------

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The elements that own the text inside them: a piece of text belongs to the nearest one, so
# text written straight into a <div> or <section> beside paragraphs is kept too.
_OWNERS = _HEADINGS | {
    "p",
    "li",
    "pre",
    "blockquote",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "address",
    "td",
    "th",
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
}


def read_html(path: Path) -> tuple[str | None, list[Block]]:
    """A web page's text in reading order: headings h1–h6, one block per paragraph-like element,
    one line per table row; scripts, styles, navigation, header, footer and comments left out."""
    from bs4 import BeautifulSoup
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(path.read_bytes(), "lxml")
    title = _clean(soup.title.get_text()) if soup.title else None
    for tag in soup.find_all(_DROPPED_HTML):
        tag.decompose()
    if soup.title:
        soup.title.decompose()
    blocks: list[Block] = []
    key: tuple[str, int] | None = None
    level = 0
    pieces: list[tuple[int, str]] = []  # (cell or owner id, text)

    def flush() -> None:
        if not pieces:
            return
        if key is not None and key[0] == "row":
            cells: dict[int, list[str]] = {}
            for owner, text in pieces:
                cells.setdefault(owner, []).append(text)
            text = _row_line([" ".join(parts) for parts in cells.values()])
        else:
            text = _clean(" ".join(text for _, text in pieces))
        if text:
            blocks.append(Block(text, level))
        pieces.clear()

    skipped = (Comment, Declaration, Doctype, ProcessingInstruction)
    for string in soup.find_all(string=True):
        if isinstance(string, skipped):
            continue
        text = _clean(str(string))
        if not text:
            continue
        owner = string.find_parent(_OWNERS)
        if owner is None:
            continue
        if owner.name in {"td", "th"} and (row := owner.find_parent("tr")) is not None:
            new_key = ("row", id(row))
        else:
            new_key = ("block", id(owner))
        if new_key != key:
            flush()
            key = new_key
            level = int(owner.name[1]) if owner.name in _HEADINGS else 0
        pieces.append((id(owner), text))
    flush()
    return title or None, blocks
