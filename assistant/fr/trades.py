"""Trades of the sizing grid and numbered lots named in a request."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.fr.numbers import prepare
from assistant.fr.safety import never_raise
from assistant.fr.text import Span, fold

# A trade as the caller supplies it: (id, label, synonyms), or a mapping with those keys
# (the shape of an entry of sizing_grid.yaml).
TradeEntry = tuple[str, str, Sequence[str]] | Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class TradeMatch:
    """A trade of the caller's table found in the text.

    ``synonym`` is the table entry that matched; ``via_lot`` says it was named as a lot
    (« lot peinture », « lot 3 - peinture »), which makes it the trade the user means.
    """

    id: str
    label: str
    synonym: str
    span: Span
    text: str
    via_lot: bool = False


@dataclass(frozen=True, slots=True)
class Lot:
    """A numbered lot (« lot 2 », « Lot 3 - peinture »); ``label`` is the name after it."""

    number: int
    label: str | None
    span: Span


# --------------------------------------------------------------------------- trades and lots


def trades_from_grid(grid: Mapping[str, Any]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The (id, label, synonyms) table from a loaded sizing grid (its ``trades`` list)."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for entry in (grid or {}).get("trades") or []:
        if isinstance(entry, Mapping) and entry.get("id"):
            out.append(
                (str(entry["id"]), str(entry.get("label") or entry["id"]), tuple(map(str, entry.get("synonyms") or ())))
            )
    return out


def _trade_key(trades: Iterable[TradeEntry] | None) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    for entry in trades or ():
        if isinstance(entry, (str, bytes)):
            continue  # not a row: a bare string is no (id, label, synonyms) entry
        if isinstance(entry, Mapping):
            trade_id, label, synonyms = entry.get("id"), entry.get("label"), entry.get("synonyms") or ()
        else:
            trade_id, label, synonyms = (list(entry) + [None, None, None])[:3]
            synonyms = synonyms or ()
        if not trade_id:
            continue
        if isinstance(synonyms, str):
            synonyms = (synonyms,)
        rows.append((str(trade_id), str(label or trade_id), tuple(str(s) for s in synonyms)))
    return tuple(rows)


def _synonym_pattern(folded: str) -> str:
    # Spaces and hyphens are interchangeable (« gros œuvre », « gros-oeuvre »); a final s or x
    # covers plurals the table does not list.
    words = [w for w in re.split(r"[\s\-]+", folded.strip()) if w]
    parts = [re.escape(w).replace("'", r"'\s*") for w in words]
    return r"[\s\-]+".join(parts) + r"[sx]?"


@functools.lru_cache(maxsize=16)
def _trade_matcher(
    key: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str] | None, list[tuple[str, str, str, int]]]:
    entries: list[tuple[str, str, str, str]] = []  # folded synonym, id, label, synonym as written
    seen: set[str] = set()
    for trade_id, label, synonyms in key:
        for synonym in (*synonyms, label):
            folded = fold(synonym).strip()
            folded = re.sub(
                r"\s*\([^)]*\)", "", folded
            ).strip()  # « Voirie … (VRD) »: the parenthesis is a synonym already
            if len(folded) < 2 or folded in seen:
                continue
            seen.add(folded)
            entries.append((folded, trade_id, label, synonym))
    if not entries:
        return None, []
    # Longest first: at one position the regex tries alternatives in order, so the longest synonym wins.
    entries.sort(key=lambda e: -len(e[0]))
    alternatives = [f"(?P<t{i}>{_synonym_pattern(e[0])})" for i, e in enumerate(entries)]
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")
    return pattern, [(e[1], e[2], e[3], len(e[0])) for e in entries]


_LOT_CUE_RE = re.compile(r"\blots?\s*(?:n\s*°\s*|no\.?\s*)?(?:\d{1,3}\s*)?(?:[-:]\s*)?$")


def _trade_matches(text: str, trades: Iterable[TradeEntry] | None) -> list[tuple[TradeMatch, int]]:
    """Matches with the folded length of their synonym (the "longest wins" key)."""
    pattern, info = _trade_matcher(_trade_key(trades))
    if pattern is None:
        return []
    doc = prepare(text)
    folded = doc.folded.text
    out: list[tuple[TradeMatch, int]] = []
    for m in pattern.finditer(folded):
        name = m.lastgroup
        if not name:
            continue
        trade_id, label, synonym, length = info[int(name[1:])]
        s, e = doc.folded.span(m.start(), m.end())
        via_lot = bool(_LOT_CUE_RE.search(folded, max(0, m.start() - 20), m.start()))
        out.append((TradeMatch(trade_id, label, synonym, (s, e), text[s:e], via_lot), length))
    return out


@never_raise(lambda: None)
def find_trade(text: str, trades: Iterable[TradeEntry] | None) -> TradeMatch | None:
    """The trade the request is about.

    Precedence: a trade named as a lot (« lot peinture ») first, then the longest
    synonym matched (« nettoyage des collèges » over « nettoyage »), then the earliest.
    Matching is whole-word and ignores accents, case and hyphens.
    """
    matches = _trade_matches(text, trades)
    if not matches:
        return None
    best = min(enumerate(matches), key=lambda im: (not im[1][0].via_lot, -im[1][1], im[0]))
    return best[1][0]


@never_raise(list)
def find_trades(text: str, trades: Iterable[TradeEntry] | None) -> list[TradeMatch]:
    """Every trade mentioned, once each, in order of first mention."""
    seen: set[str] = set()
    out: list[TradeMatch] = []
    for match, _ in _trade_matches(text, trades):
        if match.id not in seen:
            seen.add(match.id)
            out.append(match)
    return out


_LOT_ITEM = r"(?:n\s*°\s*|no\.?\s*)?\d{1,3}(?!\d|[ ]\d{3}(?!\d))"
_LOTS_RE = re.compile(
    r"\blots?\s*(?:n\s*°\s*|no\.?\s*|numeros?\s*|#\s*)?(?P<first>\d{1,3})(?!\d)"
    r"(?P<rest>(?:\s*(?:,|et|&|a|au|-|/)\s*" + _LOT_ITEM + r")*)"
    r"(?P<label>\s*(?:-|:|\()\s*[^\n,;:()\[\]\d]{1,60})?"
)
_LOT_LABEL_STOP_RE = re.compile(r"(?:^|\s+)(?:de|d'|a|pour|sur|avec|au|en|du|dont|soit|pour\s+un\s+montant\s+de|:)\s*$")
_MAX_LOT_RANGE = 50


@never_raise(list)
def parse_lots(text: str) -> list[Lot]:
    """Numbered lots: « lot 2 », « Lot 3 - peinture » (label « peinture »), « lots 1 à 3 » (1, 2, 3)."""
    doc = prepare(text)
    work = doc.work.text
    lots: list[Lot] = []
    seen: set[int] = set()
    for m in _LOTS_RE.finditer(work):
        numbers = [int(m.group("first"))]
        rest = m.group("rest") or ""
        for sep, num in re.findall(r"\s*(,|et|&|a|au|-|/)\s*(?:n\s*°\s*|no\.?\s*)?(\d{1,3})", rest):
            n = int(num)
            if sep in ("a", "au", "-") and numbers[-1] < n <= numbers[-1] + _MAX_LOT_RANGE:
                numbers.extend(range(numbers[-1] + 1, n + 1))
            else:
                numbers.append(n)
        label: str | None = None
        if m.group("label"):
            # « Lot 3 - peinture de 180 000 € »: the name runs from after the dash to the
            # next number, minus the linking word before that number.
            raw = m.group("label")
            body_start = m.start("label") + (len(raw) - len(raw.lstrip(" -:(")))
            body = work[body_start : m.end("label")].rstrip()
            while True:
                trimmed = _LOT_LABEL_STOP_RE.sub("", body).rstrip(" -")
                if trimmed == body:
                    break
                body = trimmed
            if body.strip():
                s, e = doc.work.span(body_start, body_start + len(body))
                label = text[s:e].strip() or None
        span = doc.work.span(m.start(), m.end("rest") if m.group("rest") else m.end("first"))
        for n in numbers:
            if n in seen:
                continue
            seen.add(n)
            lots.append(Lot(n, label if len(numbers) == 1 else None, span))
    return lots
