"""Extractive answers: the most relevant sentences of the best passages, each with its citation.

No model writes here: sentences are taken verbatim from the corpus, scored by how
many of the question's (stemmed) words they carry, weighted by how rare those words
are among the passages, and by the rank of their passage. The answer keeps passage
order and sentence order, so it reads like the guide it comes from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from assistant.injection import looks_like_injection
from assistant.lexical import FrenchAnalyzer
from assistant.retrieval import Hit

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŸÆŒ«(\"'0-9])")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
# "See the guide …" pointers answer nothing by themselves.
_POINTER = re.compile(r"^\s*(voir|pour en savoir plus|pour aller plus loin|détails dans|→)\b", re.IGNORECASE)
# Words every question about this corpus shares, and the words of asking itself: they say
# nothing about which sentence answers, nor whether the corpus covers the question.
_GENERIC_WORDS = (
    "clause clauses sociale sociales marché marchés insertion quel quelle quels quelles comment combien pourquoi "
    "quand qui quoi koi faut peut peuvent doit doivent dois faire fait c'est ça cela est-ce explique expliquer "
    "dire dis sais savoir svp merci bonjour donne donner exemple voudrais veux problème problèmes souci soucis "
    "question questions situation concrètement exactement vraiment précisément possible besoin aide aider info "
    "infos information informations renseignement renseignements"
)
_GENERIC = frozenset(FrenchAnalyzer().tokens(_GENERIC_WORDS))


@dataclass(frozen=True)
class Sentence:
    text: str
    passage: int  # rank of the passage among the hits, from 0
    position: int  # order inside the passage
    tokens: frozenset[str]


@dataclass(frozen=True)
class Extract:
    """Chosen sentences grouped by passage, in reading order."""

    paragraphs: list[tuple[int, list[str]]]  # (passage rank, sentences)

    @property
    def passages(self) -> list[int]:
        return [rank for rank, _ in self.paragraphs]


def _is_item(line: str) -> bool:
    return line.startswith(("- ", "* ", "• ")) or bool(re.match(r"^\d+[.)]\s", line))


def split_sentences(text: str) -> list[str]:
    """Reading units of a passage: sentences; a list with the sentence introducing it; a whole table.

    A list item or a table row alone loses its meaning, so they stay with their context.
    """
    units: list[str] = []
    table: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("|"):
            if not _TABLE_RULE.match(line.lstrip("|").strip()):
                table.append(line)
            continue
        if table:
            units.append("\n".join(table))
            table = []
        if not line:
            continue
        if _is_item(line):
            if units and (units[-1].endswith(":") or _is_item(units[-1].splitlines()[-1])):
                units[-1] += "\n" + line
            else:
                units.append(line)
            continue
        units.extend(
            part.strip()
            for part in _SENTENCE_END.split(line)
            if part.strip() and not _POINTER.match(part) and not part.strip().endswith("?")
        )
    if table:
        units.append("\n".join(table))
    return units


def _sentences(hits: list[Hit], analyzer: FrenchAnalyzer) -> list[Sentence]:
    out = []
    for rank, hit in enumerate(hits):
        for position, text in enumerate(split_sentences(hit.chunk.text)):
            if looks_like_injection(text):
                continue  # documents are data: an instruction aimed at the assistant is never quoted
            out.append(Sentence(text, rank, position, frozenset(analyzer.tokens(text))))
    return out


def choose(
    query: str,
    hits: list[Hit],
    analyzer: FrenchAnalyzer,
    *,
    focus: str | None = None,
    max_sentences: int = 4,
    max_per_passage: int = 2,
    max_passages: int = 3,
    whole_first_up_to: int = 900,
) -> Extract:
    """Pick the sentences that answer ``query``; ``focus`` (a follow-up's own words) weighs double.

    The best passage is kept whole when short: corpus sections are written to stand
    alone, and cutting one loses the list or the condition that completes it.
    """
    hits = hits[:max_passages]
    sentences = _sentences(hits, analyzer)
    if focus:
        whole_first_up_to = 0  # a follow-up asks about one aspect: pick sentences, not a whole passage
    if not sentences:
        return Extract([])
    query_tokens = set(analyzer.tokens(query)) - _GENERIC
    focus_tokens = set(analyzer.tokens(focus)) - _GENERIC if focus else set()
    document_frequency = {t: sum(1 for s in sentences if t in s.tokens) for t in query_tokens | focus_tokens}
    n = len(sentences)

    def weight(token: str) -> float:
        return math.log(1 + n / (1 + document_frequency.get(token, 0)))

    def overlap(sentence: Sentence) -> float:
        shared = sum(weight(t) for t in query_tokens & sentence.tokens)
        return shared + 2 * sum(weight(t) for t in focus_tokens & sentence.tokens)

    def score(sentence: Sentence) -> float:
        rank_bonus = 1.0 / (1 + sentence.passage)
        lead_bonus = 0.3 if sentence.position == 0 else 0.0
        # A whole table matches many words by size alone; a list keeps its full weight.
        table_penalty = 0.8 if sentence.text.startswith("|") else 1.0
        return (overlap(sentence) + rank_bonus + lead_bonus) * table_penalty

    scored = sorted(sentences, key=lambda s: (-score(s), s.passage, s.position))
    best = score(scored[0])
    chosen: list[Sentence] = []
    per_passage: dict[int, int] = {}
    if len(hits[0].chunk.text) <= whole_first_up_to:
        chosen = [s for s in sentences if s.passage == 0]
        per_passage[0] = max_per_passage
        max_sentences += len(chosen) - 1
    for sentence in scored:
        if sentence in chosen:
            continue
        if len(chosen) >= max_sentences:
            break
        if per_passage.get(sentence.passage, 0) >= max_per_passage:
            continue
        # A sentence far weaker than the best one, or sharing none of the question's words,
        # adds noise rather than an answer.
        if chosen and (score(sentence) < 0.45 * best or overlap(sentence) == 0):
            continue
        chosen.append(sentence)
        per_passage[sentence.passage] = per_passage.get(sentence.passage, 0) + 1
    chosen.sort(key=lambda s: (s.passage, s.position))
    paragraphs: dict[int, list[str]] = {}
    for sentence in chosen:
        paragraphs.setdefault(sentence.passage, []).append(sentence.text)
    return Extract(list(paragraphs.items()))


def distinctive_tokens(query: str, analyzer: FrenchAnalyzer) -> set[str]:
    return set(analyzer.tokens(query)) - _GENERIC


def coverage(
    query: str, hits: list[Hit], analyzer: FrenchAnalyzer, top: int = 3, weight: Callable[[str], float] | None = None
) -> float:
    """Share of the question's distinctive words found in the best passages (0 when none).

    With ``weight`` (the corpus IDF), rare words count more: a question about the SMIC
    is not answered by passages that merely share « montant ».
    """
    tokens = set(analyzer.tokens(query)) - _GENERIC
    if not tokens:
        return 0.0
    weight = weight or (lambda token: 1.0)
    found: set[str] = set()
    for hit in hits[:top]:
        found |= tokens & set(analyzer.tokens(hit.chunk.lexical_text))
    total = sum(weight(t) for t in tokens)
    return sum(weight(t) for t in found) / total if total else 0.0


def backing(
    extract: Extract,
    hits: list[Hit],
    question: str,
    answer: str,
    analyzer: FrenchAnalyzer,
    *,
    linked: Collection[tuple[str, str]] = (),
    limit: int = 2,
    repeats: float = 0.8,
) -> list[tuple[int, list[str]]]:
    """The paragraphs of ``extract`` that back an answer card, at most ``limit``.

    A paragraph from a section the card links (``(file, heading)``) always backs it; another
    must share at least two of the question's distinctive words (one for a short question).
    A paragraph whose words mostly repeat the card (``repeats`` of them) adds nothing: the
    same fact is not said twice. When no paragraph qualifies, the first one the card repeats (or
    else the first one) is kept, so that the card is cited.
    """
    wanted = distinctive_tokens(question, analyzer)
    needed = 1 if len(wanted) <= 3 else 2
    said = set(analyzer.tokens(answer))
    kept: list[tuple[int, list[str]]] = []
    repeating: list[tuple[int, list[str]]] = []
    for rank, sentences in extract.paragraphs:
        tokens = set(analyzer.tokens(" ".join(sentences))) - _GENERIC
        if tokens and len(tokens & said) >= repeats * len(tokens):
            repeating.append((rank, sentences))
            continue
        chunk = hits[rank].chunk
        section = chunk.section or ""
        is_linked = any(chunk.source == file and section.split(" > ")[-1] == heading for file, heading in linked)
        if not is_linked and len(tokens & wanted) < needed:
            continue
        kept.append((rank, sentences))
        if len(kept) == limit:
            break
    # A card is never left without a source: the passage it repeats is where it comes from.
    return kept or (repeating or extract.paragraphs)[:1]
