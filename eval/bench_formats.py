"""Ingestion figures per document format, and the speed of OCR on scanned pages.

    python -m eval.bench_formats                 # 8 documents per format, a 4-page scan
    python -m eval.bench_formats --docs 20 --scan-pages 10

Documents are generated in a temporary folder from the real corpus text (the same
sections written as Markdown, text PDF, .docx, .odt and .html), so every format carries
the same words. For each format: time to read and chunk (``load_document``), chunks
produced, and a full ``ingest`` with the default embedder (read + embed + write). The
scanned PDF is an image-only A4 page at 200 dpi, rendered from corpus sentences; OCR
speed is in pages per second. Figures are printed and written as JSON
(``eval/reports/bench-formats.json``), never asserted.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from assistant.documents import discover, load_document
from assistant.settings import PROJECT_ROOT, Settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
REPORT = PROJECT_ROOT / "eval" / "reports" / "bench-formats.json"


def corpus_sections(limit: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(heading, text)]) of the first corpus documents."""
    documents = []
    for name, path in sorted(discover([PROJECT_ROOT / "corpus"]).items())[:limit]:
        document = load_document(path, name, 750, 100)
        sections: dict[str, list[str]] = {}
        for chunk in document.chunks:
            sections.setdefault(chunk.section or document.title, []).append(chunk.text)
        documents.append((document.title, [(heading, "\n\n".join(texts)) for heading, texts in sections.items()]))
    return documents


def write_markdown(path: Path, title: str, sections: list[tuple[str, str]]) -> None:
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections)
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")


def write_docx(path: Path, title: str, sections: list[tuple[str, str]]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for heading, text in sections:
        document.add_heading(heading, level=2)
        for paragraph in text.split("\n\n"):
            document.add_paragraph(paragraph)
    document.save(str(path))


def write_odt(path: Path, title: str, sections: list[tuple[str, str]]) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    for heading, text in sections:
        document.text.addElement(H(outlinelevel=2, text=heading))
        for paragraph in text.split("\n\n"):
            document.text.addElement(P(text=paragraph))
    document.save(str(path))


def write_html(path: Path, title: str, sections: list[tuple[str, str]]) -> None:
    from html import escape

    body = "".join(
        f"<h2>{escape(heading)}</h2>" + "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
        for heading, text in sections
    )
    path.write_text(
        f"<!doctype html><html lang='fr'><head><title>{escape(title)}</title></head>"
        f"<body><nav>Menu</nav><h1>{escape(title)}</h1>{body}</body></html>",
        encoding="utf-8",
    )


def write_pdf(path: Path, title: str, sections: list[tuple[str, str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(title)
    y = 800
    for line in _lines(sections, 95):
        if y < 60:
            pdf.showPage()
            y = 800
        pdf.setFont("DejaVu", 10)
        pdf.drawString(50, y, line)
        y -= 14
    pdf.save()


def _lines(sections: list[tuple[str, str]], width: int) -> list[str]:
    lines: list[str] = []
    for heading, text in sections:
        lines += ["", heading.upper(), ""]
        for paragraph in text.split("\n\n"):
            lines += textwrap.wrap(paragraph, width) + [""]
    return lines


def write_scan(path: Path, sections: list[tuple[str, str]], pages: int) -> None:
    """An image-only PDF: A4 pages at 200 dpi, 11-point-like text drawn as pixels."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 30)
    lines = _lines(sections, 80) * 10
    images = []
    per_page = 50
    for number in range(pages):
        image = Image.new("L", (1654, 2339), color=255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines[number * per_page : (number + 1) * per_page]):
            draw.text((120, 140 + row * 42), line, font=font, fill=0)
        images.append(image)
    images[0].save(str(path), "PDF", resolution=200, save_all=True, append_images=images[1:])


WRITERS = {".md": write_markdown, ".pdf": write_pdf, ".docx": write_docx, ".odt": write_odt, ".html": write_html}


def bench(docs: int, scan_pages: int) -> dict[str, Any]:
    from assistant.embeddings import Embedder
    from assistant.index import ingest
    from assistant.ocr import ocr_status

    material = corpus_sections(docs)
    embedder = Embedder.from_settings(Settings(_env_file=None))
    embedder.embed_documents(["échauffement"])
    results: dict[str, Any] = {"documents_per_format": len(material), "formats": {}}
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        root = Path(tmp)
        for suffix, writer in WRITERS.items():
            folder = root / suffix.lstrip(".")
            folder.mkdir()
            for number, (title, sections) in enumerate(material):
                writer(folder / f"doc-{number:02d}{suffix}", title, sections)
            paths = sorted(folder.iterdir())
            started = time.perf_counter()
            chunks = sum(len(load_document(p, p.name, 750, 100).chunks) for p in paths)
            read_seconds = time.perf_counter() - started
            settings = Settings(_env_file=None, data_dir=root / f"data-{suffix.lstrip('.')}", corpus_dirs=[folder])
            started = time.perf_counter()
            report = ingest(settings, embedder.embed_documents, model_identity=embedder.identity)
            ingest_seconds = time.perf_counter() - started
            results["formats"][suffix] = {
                "files": len(paths),
                "bytes": sum(p.stat().st_size for p in paths),
                "chunks": chunks,
                "read_seconds": round(read_seconds, 3),
                "read_ms_per_file": round(1000 * read_seconds / len(paths), 1),
                "ingest_seconds": round(ingest_seconds, 2),
                "ingest_chunks_per_second": round(report.chunks / ingest_seconds, 1),
                "skipped": len(report.skipped),
            }
        status = ocr_status()
        if status.available:
            scan = root / "scan.pdf"
            write_scan(scan, material[0][1] + material[1][1], scan_pages)
            started = time.perf_counter()
            document = load_document(scan, scan.name, 750, 100)
            seconds = time.perf_counter() - started
            words = {w.lower() for _, text in material[0][1] for w in text.split() if len(w) > 6}
            read = {w.lower() for c in document.chunks for w in c.text.split()}
            results["ocr"] = {
                "pages": document.ocr_pages,
                "seconds": round(seconds, 2),
                "pages_per_second": round(document.ocr_pages / seconds, 3),
                "seconds_per_page": round(seconds / max(1, document.ocr_pages), 2),
                "long_words_recognised": round(len(words & read) / max(1, len(words)), 3),
            }
        else:
            results["ocr"] = {"unavailable": status.reason}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=8, help="documents per format (from the corpus)")
    parser.add_argument("--scan-pages", type=int, default=4, help="pages of the scanned PDF")
    args = parser.parse_args()
    results = bench(args.docs, args.scan_pages)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"{'format':<7} {'fichiers':>8} {'passages':>8} {'lecture ms/fichier':>19} {'indexation s':>13} {'passages/s':>11}"
    )
    for suffix, row in results["formats"].items():
        print(
            f"{suffix:<7} {row['files']:>8} {row['chunks']:>8} {row['read_ms_per_file']:>19} "
            f"{row['ingest_seconds']:>13} {row['ingest_chunks_per_second']:>11}"
        )
    print("OCR :", json.dumps(results["ocr"], ensure_ascii=False))


if __name__ == "__main__":
    main()
