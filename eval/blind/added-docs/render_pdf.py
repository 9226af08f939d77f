"""Render a Markdown test document as a paginated PDF (A4, headings, lists, tables), as a user would add it.

    python eval/blind/added-docs/render_pdf.py guide.md guide.pdf

Eval fixture only: a small subset of Markdown (``#`` headings, ``-``/``1.`` lists, ``|`` tables,
``**bold**``, ``*italic*``, ``---`` rules) is enough for the documents of this folder.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def inline(text: str) -> str:
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"<i>\1</i>", text)


def flowables(markdown: str) -> list:
    styles = getSampleStyleSheet()
    body, bullet = styles["BodyText"], styles["BodyText"].clone("bullet", leftIndent=14, bulletIndent=4)
    heading = {1: styles["Title"], 2: styles["Heading2"], 3: styles["Heading3"], 4: styles["Heading4"]}
    out: list = []
    rows: list[list[str]] = []

    def flush_table() -> None:
        if rows:
            table = Table([[Paragraph(inline(c), body) for c in row] for row in rows], repeatRows=1)
            table.setStyle(
                TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")])
            )
            out.extend([table, Spacer(1, 6)])
            rows.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                rows.append(cells)
            continue
        flush_table()
        if not stripped:
            continue
        if stripped == "---":
            out.append(HRFlowable(width="100%", color=colors.lightgrey))
        elif m := re.match(r"^(#{1,4})\s+(.*)$", stripped):
            out.append(Paragraph(inline(m.group(2)), heading[len(m.group(1))]))
        elif m := re.match(r"^(?:[-*]|(\d+)\.)\s+(.*)$", stripped):
            out.append(Paragraph(inline(m.group(2)), bullet, bulletText=f"{m.group(1)}." if m.group(1) else "•"))
        else:
            out.append(Paragraph(inline(stripped), body))
    flush_table()
    return out


def main(source: str, target: str) -> None:
    document = SimpleDocTemplate(
        target, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm, title=Path(source).stem
    )
    document.build(flowables(Path(source).read_text(encoding="utf-8")))


if __name__ == "__main__":
    main(*sys.argv[1:3])
