"""Documents in the Department's everyday formats, made by the tests themselves (.docx, .odt, .html, scans)."""

from __future__ import annotations

import zipfile
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# The start of every legacy Office file (OLE2 compound document).
OLE2_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


def write_docx(path: Path, *, title: str | None = None) -> Path:
    """A Word document: a title, two heading levels, paragraphs and a table."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_heading("Guide des clauses d'insertion", level=1)
    document.add_heading("Publics éligibles", level=2)
    document.add_paragraph("Les demandeurs d'emploi de longue durée sont éligibles au dispositif.")
    document.add_heading("Suivi par le facilitateur", level=3)
    document.add_paragraph("Le facilitateur vérifie les heures réalisées chaque trimestre.")
    document.add_heading("Montants", level=2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Pénalité par heure manquante"
    table.cell(0, 1).text = "60 €"
    table.cell(1, 0).text = "Heures minimales"
    table.cell(1, 1).text = "35 h"
    document.save(str(path))
    return path


def write_odt(path: Path) -> Path:
    """A LibreOffice document: headings (outline levels), a paragraph and a table."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Note de la mission insertion"))
    document.text.addElement(H(outlinelevel=2, text="Marchés réservés"))
    document.text.addElement(
        P(text="Un marché peut être réservé aux structures d'insertion par l'activité économique.")
    )
    table = Table(name="Tarifs")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for value in ("Taux horaire", "25 €"):
        cell = TableCell()
        cell.addElement(P(text=value))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    document.save(str(path))
    return path


HTML_PAGE = """<!doctype html>
<html lang="fr"><head><title>Page du portail achats</title>
<style>body { color: red; }</style><script>var tracker = "ne pas indexer";</script></head>
<body>
<nav><a href="/">Accueil</a> <a href="/menu">Menu du portail</a></nav>
<h1>Clauses sociales au Département</h1>
<h2>Critère d'attribution</h2>
<p>Le critère social porte sur la qualité de l'accompagnement des personnes en insertion.</p>
<ul><li>Tutorat <b>renforcé</b></li><li>Formation qualifiante</li></ul>
<h3>Pondération</h3>
<table><tr><th>Critère</th><th>Poids</th></tr><tr><td>Insertion</td><td>10 %</td></tr></table>
<footer>Mentions légales du portail</footer>
</body></html>
"""


def write_html(path: Path) -> Path:
    path.write_text(HTML_PAGE, encoding="utf-8")
    return path


def write_scanned_pdf(path: Path, lines: list[str]) -> Path:
    """An image-only PDF: the lines are drawn as pixels, so only OCR can read them (small page: quick OCR)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 36)
    image = Image.new("L", (1400, 90 + 70 * len(lines)), color=255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 45 + 70 * number), line, font=font, fill=0)
    image.save(str(path), "PDF", resolution=200)
    return path


def write_legacy_doc(path: Path) -> Path:
    """A legacy Word .doc (only its signature matters: it is never opened)."""
    path.write_bytes(OLE2_SIGNATURE + b"\x00" * 504)
    return path


def write_zip_bomb(path: Path, megabytes: int = 60) -> Path:
    """A .docx whose one member inflates from a few kilobytes to tens of megabytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (megabytes * 1_000_000))
    return path
