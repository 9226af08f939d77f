"""Headings of a PDF from its type sizes, so that a user's PDF is cut and cited by section like Markdown.

A PDF has no heading markup: a line set in a clearly larger type than the body text, short
and not a sentence fragment, is taken as a heading; its level is the rank of its size among
the heading sizes (largest first). Pages read by OCR have no sizes and add no heading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

LARGER = 1.1  # a heading's type is at least this much larger than the body's
MAX_LEVELS = 3
MAX_HEADING_CHARS = 150
MAX_HEADING_SHARE = 0.3  # above this share of the text in heading sizes, sizes say nothing about structure


def page_lines(page: Any) -> tuple[str, list[tuple[str, float]]]:
    """A pypdf page's text layer, and each of its lines with the largest type size on it."""
    pieces: list[tuple[str, float]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], _font: Any, size: float) -> None:
        scale = abs((tm[3] if tm else 1.0) * (cm[3] if cm else 1.0)) or 1.0
        pieces.append((text, float(size or 0.0) * scale))

    text = page.extract_text(visitor_text=visit) or ""
    lines: list[tuple[str, float]] = []
    current, size = "", 0.0
    for fragment, fragment_size in pieces:
        parts = fragment.split("\n")
        for number, part in enumerate(parts):
            if number:
                lines.append((current.strip(), size))
                current, size = "", 0.0
            current += part
            if part.strip():
                size = max(size, round(fragment_size, 1))
    lines.append((current.strip(), size))
    return text, [(line, line_size) for line, line_size in lines if line]


def heading_levels(pages: Sequence[Sequence[tuple[str, float]]]) -> list[dict[str, int]]:
    """For each page, its heading lines and their level (1 = largest type), from all pages' sizes."""
    weights: Counter[float] = Counter()
    for lines in pages:
        for line, size in lines:
            if size > 0:
                weights[size] += len(line)
    if not weights:
        return [{} for _ in pages]
    body = weights.most_common(1)[0][0]

    def is_heading(line: str, size: float) -> bool:
        return (
            size >= body * LARGER
            and len(line) <= MAX_HEADING_CHARS
            and any(ch.isalpha() for ch in line)
            and not line.endswith((",", ";"))
        )

    candidates = [(line, size) for lines in pages for line, size in lines if is_heading(line, size)]
    if not candidates or sum(len(line) for line, _ in candidates) > MAX_HEADING_SHARE * sum(weights.values()):
        return [{} for _ in pages]
    sizes = sorted({size for _, size in candidates}, reverse=True)
    level = {size: min(rank, MAX_LEVELS) for rank, size in enumerate(sizes, start=1)}
    return [{line: level[size] for line, size in lines if is_heading(line, size)} for lines in pages]


def sections(pages: Sequence[str], headings: Sequence[dict[str, int]]) -> list[tuple[int, tuple[str, ...], str]]:
    """The pages' text cut at their headings: (page number, heading path, text), the path
    carried over page breaks; text before any heading has an empty path. A heading wrapped over
    two lines (same level, nothing between) is one heading."""
    out: list[tuple[int, tuple[str, ...], str]] = []
    path: list[tuple[int, str]] = []
    wrapped = False  # the previous line was a heading: a next one at its level continues it
    for number, (text, levels) in enumerate(zip(pages, headings, strict=True), start=1):
        buffer: list[str] = []
        for line in [*text.splitlines(), None]:  # None: the page's end
            stripped = line.strip() if line is not None else ""
            level = levels.get(stripped) if line is not None else None
            if line is not None and level is None:
                buffer.append(line)
                wrapped = wrapped and not stripped
                continue
            if level is not None and wrapped and path and path[-1][0] == level and not "".join(buffer).strip():
                path[-1] = (level, f"{path[-1][1]} {stripped}")
                continue
            body = "\n".join(buffer).strip()
            if body:
                out.append((number, tuple(title for _, title in path), body))
            buffer = []
            if level is not None:
                path[:] = [(lvl, title) for lvl, title in path if lvl < level] + [(level, stripped)]
                wrapped = True
    return out
