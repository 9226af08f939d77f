"""Reading scanned pages: PDF pages rendered to images (pypdfium2) and read by the Tesseract program in French.

Only the pages without a text layer are handed here; pages that already carry text
are never read again. Tesseract is a system program (Debian ``tesseract-ocr`` and
``tesseract-ocr-fra``); when it or its French data is missing, :func:`ocr_status`
says so in French with the command that installs it.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LANGUAGE = "fra"
# 200 dpi reads body text reliably and keeps a page at a few seconds of Tesseract time.
RENDER_DPI = 200
PAGE_TIMEOUT_SECONDS = 300  # a page that takes longer is not a page of text
INSTALL_HINT = "installez Tesseract en français : sudo apt-get install tesseract-ocr tesseract-ocr-fra"


@dataclass(frozen=True)
class OcrStatus:
    available: bool
    reason: str = ""


@cache
def ocr_status(language: str = LANGUAGE) -> OcrStatus:
    """Whether scanned pages can be read here; the reason is French and names the fix."""
    binary = shutil.which("tesseract")
    if binary is None:
        return OcrStatus(False, f"Tesseract n'est pas installé ({INSTALL_HINT})")
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return OcrStatus(False, f"Tesseract ne répond pas ({exc}) ; {INSTALL_HINT}")
    languages = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    if language not in languages:
        return OcrStatus(False, f"la langue « {language} » de Tesseract manque ({INSTALL_HINT})")
    return OcrStatus(True)


def _tesseract(png: bytes, language: str) -> str:
    """Text of one page image. One thread per call: Tesseract's OpenMP threads spin against each
    other on a busy machine (measured 4,5 times slower on 2 loaded cores)."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise OSError(f"Tesseract n'est pas installé ({INSTALL_HINT})")
    done = subprocess.run(
        [binary, "stdin", "stdout", "-l", language],
        input=png,
        capture_output=True,
        timeout=PAGE_TIMEOUT_SECONDS,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"tesseract exited {done.returncode}: {done.stderr.decode(errors='replace')[:300]}")
    return done.stdout.decode("utf-8", errors="replace")


def _page_png(document: Any, number: int) -> bytes:
    page = document[number - 1]
    try:
        image = page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ocr_pdf_pages(
    path: Path, page_numbers: list[int], language: str = LANGUAGE, workers: int | None = None
) -> dict[int, str]:
    """Text of the given 1-based pages of a PDF, read by Tesseract; raises OSError/RuntimeError when it cannot.

    Pages are rendered one after the other (pdfium is not thread-safe) and read by up to
    ``workers`` Tesseract processes at once (default: one per CPU); at most two pages per
    worker wait in memory.
    """
    import pypdfium2 as pdfium

    workers = max(1, workers or os.cpu_count() or 1)
    texts: dict[int, str] = {}
    document = pdfium.PdfDocument(str(path))
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for start in range(0, len(page_numbers), 2 * workers):
                window = page_numbers[start : start + 2 * workers]
                futures = {number: pool.submit(_tesseract, _page_png(document, number), language) for number in window}
                for number, future in futures.items():
                    texts[number] = future.result()
                    log.debug("ocr %s page %d: %d characters", path.name, number, len(texts[number]))
    finally:
        document.close()
    return texts
