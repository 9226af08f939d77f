"""PDF files made by the tests themselves (reportlab), so every case is known exactly."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def write_pdf(
    path: Path, pages: list[list[str | tuple[str, float]]], *, header: str | None = None, title: str | None = None
) -> Path:
    """One list of lines per page, a line being a text in 12 pt or a (text, type size) pair; an
    optional running header and a page-number footer on each."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if title:
        pdf.setTitle(title)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        if header:
            pdf.drawString(72, height - 40, header)
        y = height - 90
        for line in lines:
            text, size = (line, 12.0) if isinstance(line, str) else line
            pdf.setFont("Helvetica", size)
            pdf.drawString(72, y, text)
            y -= max(16, size + 4)
        pdf.setFont("Helvetica", 12)
        pdf.drawString(width / 2, 30, str(number))
        pdf.showPage()
    pdf.save()
    return path


def encrypt_pdf(source: Path, target: Path, password: str = "secret") -> Path:
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(password)
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def blank_pdf(path: Path, pages: int = 1) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path
