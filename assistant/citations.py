"""Numbered citations: passages become sources [1], [2]…, and cited numbers are checked.

Both backends number the passages they were given the same way; an answer may only
cite numbers that exist, and the sources listed are the ones it cites.
"""

from __future__ import annotations

import re

from assistant.responses import Source
from assistant.retrieval import Hit

_CITATION = re.compile(r"\[(\d{1,3})\]")
_CITATION_WITH_SPACE = re.compile(r"[ \t]?\[(\d{1,3})\]")
EXCERPT_CHARS = 400


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def source_from_hit(n: int, hit: Hit) -> Source:
    chunk = hit.chunk
    return Source(
        n=n,
        title=chunk.title,
        source=chunk.source,
        page=chunk.page,
        section=chunk.section,
        excerpt=excerpt(chunk.text),
        url=chunk.url,
        score=round(hit.score, 4),
    )


def number_passages(hits: list[Hit]) -> list[Source]:
    """Sources numbered 1..n in retrieval order (what a model is shown)."""
    return [source_from_hit(n, hit) for n, hit in enumerate(hits, start=1)]


def cited_numbers(text: str) -> list[int]:
    """Citation numbers in order of first appearance."""
    seen: list[int] = []
    for match in _CITATION.finditer(text):
        n = int(match.group(1))
        if n not in seen:
            seen.append(n)
    return seen


def keep_valid_citations(text: str, sources: list[Source]) -> tuple[str, list[Source], list[int]]:
    """Drop citations of passages that do not exist and renumber the rest 1..m in order of use.

    Returns the rewritten text, the cited sources (renumbered) and the invented numbers dropped.
    """
    by_number = {s.n: s for s in sources}
    cited = cited_numbers(text)
    invented = [n for n in cited if n not in by_number]
    renumber = {old: new for new, old in enumerate((n for n in cited if n in by_number), start=1)}

    def replace(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in renumber:
            return ""  # an invented citation goes with the space before it
        return match.group(0).replace(f"[{n}]", f"[{renumber[n]}]")

    rewritten = _CITATION_WITH_SPACE.sub(replace, text)
    kept = [by_number[old].model_copy(update={"n": new}) for old, new in renumber.items()]
    return rewritten, kept, invented
