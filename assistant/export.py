"""Word export of a drafted clause (python-docx).

The clause text is Markdown as written by the templates: headings, paragraphs,
bullets (including « - [ ] » check boxes), numbered items, block quotes (notes for
the buyer) and pipe tables. Only that subset is mapped; anything else becomes a
plain paragraph, so no text is ever lost. Placeholders « [à compléter : …] » are
highlighted in yellow so that none is left in a published document.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from assistant.drafting import DraftResult

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[( |x|X)\]\s+)?(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)")
# What the buyer must still fill in stands out in yellow, as a reviewer's highlighter would.
_PLACEHOLDER = re.compile(r"(\[à compléter[^\]]*\])")
PLACEHOLDER_HIGHLIGHT = WD_COLOR_INDEX.YELLOW


def _add_runs(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Runs for ``text``, each « [à compléter : …] » placeholder highlighted."""
    for part in _PLACEHOLDER.split(text):
        if not part:
            continue
        run = paragraph.add_run(part)
        run.bold = bold or None
        run.italic = italic or None
        if _PLACEHOLDER.fullmatch(part):
            run.font.highlight_color = PLACEHOLDER_HIGHLIGHT


def _add_inline(paragraph: Paragraph, text: str) -> None:
    """Add ``text`` to ``paragraph``, honouring **bold**, *italic* and highlighting placeholders."""
    for part in _INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            _add_runs(paragraph, part[2:-2], bold=True)
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            _add_runs(paragraph, part[1:-1], italic=True)
        else:
            _add_runs(paragraph, part)


def _split_row(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return [cell.strip() for cell in stripped.split("|")]


def _add_table(document: DocxDocument, lines: list[str]) -> None:
    rows = [_split_row(line) for line in lines if not _TABLE_SEPARATOR.match(line)]
    if not rows:
        return
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c in range(width):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            _add_inline(paragraph, row[c] if c < len(row) else "")
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True


def add_markdown(document: DocxDocument, markdown: str) -> None:
    """Append the Markdown subset used by the clause templates to ``document``."""
    paragraph_lines: list[str] = []
    table_lines: list[str] = []

    def flush_paragraph() -> None:
        if paragraph_lines:
            _add_inline(document.add_paragraph(), " ".join(line.strip() for line in paragraph_lines))
            paragraph_lines.clear()

    def flush_table() -> None:
        if table_lines:
            _add_table(document, table_lines)
            table_lines.clear()

    for line in markdown.splitlines():
        if line.strip().startswith("|"):
            flush_paragraph()
            table_lines.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_paragraph()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            flush_paragraph()
            # The draft title is level 0; the template's « ## » sections become level 1.
            level = max(1, min(len(heading.group(1)) - 1, 4))
            document.add_heading(heading.group(2).strip(), level=level)
        elif bullet:
            flush_paragraph()
            box = bullet.group(1)
            prefix = "" if box is None else ("☒ " if box.lower() == "x" else "☐ ")
            _add_inline(document.add_paragraph(style="List Bullet"), prefix + bullet.group(2))
        elif numbered:
            flush_paragraph()
            _add_inline(document.add_paragraph(style="List Number"), numbered.group(1))
        elif line.lstrip().startswith(">"):
            flush_paragraph()
            _add_inline(document.add_paragraph(style="Quote"), line.lstrip()[1:].strip())
        else:
            paragraph_lines.append(line)
    flush_paragraph()
    flush_table()


def to_docx(draft: DraftResult) -> bytes:
    """The draft as a Word document: title, clause text, references and what remains to complete."""
    document = Document()
    document.core_properties.title = draft.title
    document.core_properties.language = "fr-FR"
    document.core_properties.subject = "Clause sociale d'insertion"
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)

    document.add_heading(draft.title, level=0)
    add_markdown(document, draft.text)

    document.add_heading("Références", level=1)
    for reference in draft.reference_details:
        suffix = "" if reference.verified else " (à confirmer)"
        _add_inline(document.add_paragraph(style="List Bullet"), f"**{reference.id}** — {reference.title}{suffix}")

    if draft.to_complete or draft.to_decide:
        document.add_heading("À compléter", level=1)
        for label in draft.to_complete:
            _add_inline(document.add_paragraph(style="List Bullet"), f"[à compléter : {label}]")
        for item in draft.to_decide:
            document.add_paragraph(item, style="List Bullet")

    if draft.warnings:
        document.add_heading("Points d'attention", level=1)
        for warning in draft.warnings:
            document.add_paragraph(warning, style="List Bullet")

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
