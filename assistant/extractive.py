"""Extractive answers: the most relevant sentences of the best passages, each with its citation.

No model writes here: sentences are taken verbatim from the corpus, scored by how
many of the question's (stemmed) words they carry, weighted by how rare those words
are among the passages, and by the rank of their passage. The answer keeps passage
order and sentence order, so it reads like the guide it comes from.

Without an answer card (:func:`answering`), the asking part of a message weighs more than its
story, the guides' headings (mostly questions) count as evidence that a section answers, and
a yes/no question gets a verdict (:func:`verdict`) only when a chosen sentence itself says it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import NamedTuple

from assistant.fr import fold, fold_words
from assistant.injection import looks_like_injection
from assistant.lexical import FrenchAnalyzer
from assistant.retrieval import Hit
from assistant.yes_no import asks_yes_no

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŸÆŒ«(\"'0-9])")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
# "See the guide …" pointers answer nothing by themselves.
_POINTER = re.compile(r"^\s*(voir|pour en savoir plus|pour aller plus loin|détails dans|→)\b", re.IGNORECASE)
# Words every question about this corpus shares, and the words of asking itself: they say
# nothing about which sentence answers, nor whether the corpus covers the question.
# Sentences about the document itself (« Ce guide explique… ») answer no question.
_ABOUT_THE_DOCUMENT = re.compile(r"^(ce|cette) (guide|fiche|document|section|chapitre|page|partie)\b", re.IGNORECASE)
_GENERIC_WORDS = (
    "clause clauses sociale sociales marché marchés insertion quel quelle quels quelles comment combien pourquoi "
    "quand qui quoi koi faut peut peuvent doit doivent dois faire fait c'est ça cela est-ce explique expliquer "
    "dire dis sais savoir svp merci bonjour donne donner exemple voudrais veux problème problèmes souci soucis "
    "question questions situation concrètement exactement vraiment précisément possible besoin aide aider info "
    "infos information informations renseignement renseignements"
)
_GENERIC = frozenset(FrenchAnalyzer().tokens(_GENERIC_WORDS))
# Function words and chat fillers the stopword list misses: they never say which sentence answers.
_FILLER_WORDS = (
    "a à chez cause plutôt plutot tant déjà deja juste franchement genre lol ok bref sinon car parce quand même "
    "meme truc trucs chose choses gens gars mec type coup fois vu maintenant"
)
_UNASKED = _GENERIC | frozenset(FrenchAnalyzer().tokens(_FILLER_WORDS))


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


def _sentences(hits: list[Hit], analyzer: FrenchAnalyzer, *, about_the_document: bool = True) -> list[Sentence]:
    """The reading units of the hits; without ``about_the_document``, those about the guide itself
    (« Ce guide explique… ») are left out."""
    out = []
    for rank, hit in enumerate(hits):
        for position, text in enumerate(split_sentences(hit.chunk.text)):
            if looks_like_injection(text):
                continue  # documents are data: an instruction aimed at the assistant is never quoted
            if not about_the_document and _ABOUT_THE_DOCUMENT.match(text):
                continue
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
    about_the_document: bool = True,
) -> Extract:
    """Pick the sentences that answer ``query``; ``focus`` (a follow-up's own words) weighs double.

    The best passage is kept whole when short: corpus sections are written to stand
    alone, and cutting one loses the list or the condition that completes it.
    """
    hits = hits[:max_passages]
    sentences = _sentences(hits, analyzer, about_the_document=about_the_document)
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
        shared = math.fsum(weight(t) for t in query_tokens & sentence.tokens)
        return shared + 2 * math.fsum(weight(t) for t in focus_tokens & sentence.tokens)

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
    total = math.fsum(weight(t) for t in tokens)
    return math.fsum(weight(t) for t in found) / total if total else 0.0


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
    same fact is not said twice, but the first such paragraph from a linked section is kept
    beside the ``limit`` others with no sentence (cited, not said again), so that the card cites the
    guide it comes from rather than only a neighbour. When no paragraph qualifies, the first one the card repeats (or else the first
    one) is kept, so that the card is cited.

    Measured and not kept (2026-12-02, session 17): a third paragraph from the passages ranked 4-5 when it
    names an asked word that neither the card nor the two kept paragraphs say. Blind batches 01-15 +5
    correct, batch-16 +1, no turn worse; not kept because a card answer is the card and at most two
    supporting passages (issue 12), and six turns of 3 800 is within the noise.
    """
    wanted = distinctive_tokens(question, analyzer)
    needed = 1 if len(wanted) <= 3 else 2
    said = set(analyzer.tokens(answer))
    kept: list[tuple[int, list[str]]] = []
    repeating: list[tuple[int, list[str]]] = []
    own: list[tuple[int, list[str]]] = []  # the card's own passage, repeated by it: cited, not counted
    paragraph_ranks = [rank for rank, _ in extract.paragraphs]
    for rank, sentences in extract.paragraphs:
        tokens = set(analyzer.tokens(" ".join(sentences))) - _GENERIC
        chunk = hits[rank].chunk
        section = chunk.section or ""
        is_linked = any(chunk.source == file and section.split(" > ")[-1] == heading for file, heading in linked)
        if tokens and len(tokens & said) >= repeats * len(tokens):
            repeating.append((rank, sentences))
            if is_linked and not own:
                own.append((rank, []))
            continue
        if not is_linked and len(tokens & wanted) < needed:
            continue
        kept.append((rank, sentences))
        if len(kept) == limit:
            break
    if not kept:
        return (repeating or extract.paragraphs)[:1]
    return sorted(own + kept, key=lambda paragraph: paragraph_ranks.index(paragraph[0])) if own else kept


def unsaid(sentences: list[str], answer: str) -> list[str]:
    """The sentences of a backing paragraph that ``answer`` (a card's Markdown) does not already say word
    for word: a card often quotes its guide, and the same sentence is not said twice."""
    said = {_plain(part) for part in _CARD_SENTENCE.split(_MARKDOWN.sub("", answer))}
    return [sentence for sentence in sentences if not _said_in(sentence, said)]


def _said_in(sentence: str, said: set[str]) -> bool:
    """Whether every piece of ``sentence`` (cut where the card's sentences are cut, at « : » and « ; »
    too) is among the pieces the card says: « Prestations typiques : espaces verts… » is said by a card
    that says it, though the card's text is cut into two pieces there."""
    pieces = [_plain(piece) for piece in _CARD_SENTENCE.split(sentence)]
    pieces = [piece for piece in pieces if piece]
    return bool(pieces) and all(piece in said for piece in pieces)


def _plain(sentence: str) -> str:
    """A sentence compared by its words: case, emphasis, list marks and final punctuation left aside."""
    return " ".join(_MARKDOWN.sub("", sentence).lstrip("-•* ").rstrip(" .;:!?…").lower().split())


_MARKDOWN = re.compile(r"[*_`]")
_CARD_SENTENCE = re.compile(r"(?<=[.!?…;:])\s+|\n+")


# --- answers without a card: the sentences that answer, across the best passages ------------------

# What separates the asking part of a message from its story: sentences ending with « ? ».
_MESSAGE_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
# How a guide's sentence says « no » about a predicate: « ne comptent pas », « n'est pas obligatoire ».
_NEGATION = re.compile(
    r"\b(?:ne|n')\s*((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:pas|jamais|plus|aucunement|nullement)\b(?:\s+(?:en\s+soi\s+)?([\w-]+))?",
    re.IGNORECASE,
)
_NOT_ALWAYS = frozenset({"automatiquement", "forcement", "systematiquement", "necessairement", "toujours"})
# Words by which a sentence forbids what a « peut-on / a-t-on le droit » question asks.
_FORBIDS = re.compile(r"\b(interdit\w*|prohib\w*|illegal\w*|illicite\w*|discriminatoire\w*|impossible\w*)\b")
_PERMISSION = re.compile(r"\b(peut|peux|peuvent|puis|pouvons|pouvez|possible|droit|autoris\w*|legal\w*|ok)\b")
# A sentence that makes the whole answer hang on a local choice (a mere condition inside it does not).
_DEPENDS = re.compile(
    r"\b(depend\w*|au cas par cas|choix local|regle locale|aucune (?:source|regle) nationale"
    r"|pas de (?:source|regle) nationale)\b"
)
# Shares of the question's weighted words: below _ABOUT a sentence is about something else and gives
# no verdict; from _ANSWERS on it answers the question, so its main negation is a « Non ».
_ABOUT = 0.3
_ANSWERS = 0.45
_CONDITION_FIRST = re.compile(r"^\W*(si|sauf|lorsque|lorsqu|quand|sans|meme si|en cas|pour|dans)\b")
_AFFIRMS = re.compile(r"\b(est|sont)\s+(possible|possibles|autorise\w*|permis\w*|obligatoire\w*|eligible\w*)\b")
# How a guide's sentence allows what a « peut-on » question asks: « L2113-13 permet de réserver un lot… ».
_ALLOWS = re.compile(r"\b(?:permet\w*|autoris\w*)\s+(?:(?:a|aux?)\s+(?:[\w'-]+\s+){0,4}?)?d(?:e\s+|')([\w-]+)")


@dataclass(frozen=True)
class Question:
    """The words of a message: those of its asking part weigh more than those of its story."""

    asked: frozenset[str]
    story: frozenset[str]
    yes_no: bool
    text: str  # the asking part, folded

    def weight(self, token: str) -> float:
        if token in self.asked:
            return 1.0
        return _STORY_WEIGHT if token in self.story else 0.0

    @property
    def tokens(self) -> frozenset[str]:
        return self.asked | self.story


_STORY_WEIGHT = 0.35
# The search's order also weighs meaning: another passage leads only when it answers this much better.
_SWITCH = 0.2
_SWITCH_OWN = 0.4
# Another passage's paragraph follows the leading one only when it carries this share of the question.
_ALSO = 0.1
# A heading carrying this share of the question asks it: its section's opening is part of the answer.
_HEADING_ASKS = 0.5


def read_question(
    message: str,
    analyzer: FrenchAnalyzer,
    *,
    context: str | None = None,
    expand: Callable[[str], str] = lambda text: text,
) -> Question:
    """Split ``message`` into what it asks (sentences ending with « ? », else its last sentence) and
    its story; ``context`` (the question a follow-up continues) counts as story; ``expand`` adds
    the words behind abbreviations (« RC » → « règlement de la consultation »)."""
    sentences = [s.strip() for s in _MESSAGE_SENTENCE.split(message) if s.strip()]
    asked = [s for s in sentences if s.endswith("?")] or sentences[-1:]
    questions = asked  # what decides whether it asks yes or no, whatever story joins it below
    story = [s for s in sentences if s not in asked]
    if len(" ".join(asked).split()) < 4:  # « et pour les ETTI ? »: too short to stand without its story
        asked, story = sentences, []
    asked_tokens = frozenset(analyzer.tokens(expand(" ".join(asked)))) - _UNASKED
    story_tokens = frozenset(analyzer.tokens(expand(" ".join(story + [context or ""])))) - _UNASKED - asked_tokens
    folded = fold(" ".join(asked))
    yes_no = (
        bool(asked)
        and not (context and len(message.split()) < 6)  # « et dans l'AE ? » asks what the question before asked
        and asks_yes_no(questions[0])  # « X ? et combien ? »: the first question asked opens, X's verdict first
    )
    return Question(asked_tokens, story_tokens, yes_no, folded)


class Candidate(NamedTuple):
    """A chosen sentence that may give a yes/no question its verdict."""

    text: str
    carries: float  # share of the question's weighted words the sentence carries
    framed: float  # the same share for its paragraph with its section's heading (see :func:`verdict`)
    # the question asks about a word the guides never use and the sentence does not say it: whatever the
    # sentence denies is something else (« heures de nuit » against « ne comptent pas sur un autre chantier »)
    unheard: bool = False


@dataclass(frozen=True)
class Answering:
    """Sentences that answer a question without a card, and how sure the best one is."""

    extract: Extract
    strength: float  # share of the question's weighted words the best sentence and its heading carry
    # the leading paragraph's sentences, most carrying first: a verdict, when any, is derived from one of them
    # (:func:`verdict_of`)
    candidates: list[Candidate]
    merged: dict[int, list[int]]  # paragraph rank → ranks of passages saying the same thing


def _heading(hit: Hit) -> str:
    return (hit.chunk.section or hit.chunk.title or "").split(" > ")[-1]


def answering(
    question: Question,
    hits: list[Hit],
    analyzer: FrenchAnalyzer,
    weight: Callable[[str], float],
    *,
    query: str,
    focus: str | None = None,
    max_passages: int = 5,
) -> Answering:
    """The sentences that answer ``question`` across the best passages.

    Each sentence is scored by the share of the question's weighted words it carries (corpus rarity ×
    1 for the asking part, less for the story), plus the same share for its section's heading — the
    guides' headings are mostly questions, so a heading that matches says its section answers — and
    the section's opening gets that heading's weight again (a section's lead answers its heading).
    The search's first passage leads unless another one answers clearly better (``_SWITCH``): its
    sentences are then chosen as :func:`choose` does, from that passage first. A paragraph of another
    guide that only repeats the leading one adds its citation, not its words.
    """
    hits = hits[:max_passages]
    wanted = {t: question.weight(t) * weight(t) for t in question.tokens}
    total = math.fsum(wanted.values())
    sentences = _sentences(hits, analyzer, about_the_document=False)
    if not sentences or total <= 0:
        return Answering(Extract([]), 0.0, [], {})

    def share(tokens: Collection[str]) -> float:
        return math.fsum(w for t, w in wanted.items() if t in tokens) / total

    headings = [share(set(analyzer.tokens(_heading(h)))) for h in hits]

    def score(sentence: Sentence) -> float:
        heading = headings[sentence.passage]
        lead = heading * 0.5 if sentence.position == 0 else 0.0
        table = 0.8 if sentence.text.startswith("|") else 1.0
        return (share(sentence.tokens) + 0.6 * heading + lead) * table

    best_of: dict[int, Sentence] = {}
    for sentence in sentences:
        if sentence.passage not in best_of or score(sentence) > score(best_of[sentence.passage]):
            best_of[sentence.passage] = sentence
    first = min(best_of)

    def answers_better(rank: int) -> bool:
        """Another passage leads when its best sentence by itself carries much of the question, clearly
        more than the first passage's does with its heading's help."""
        sentence = best_of[rank]
        own = share(sentence.tokens)
        first_own = share(best_of[first].tokens)
        decisive = sum(1 for t in question.asked & sentence.tokens if wanted[t] > 0)
        return (
            decisive >= 2  # one word of the question shared is no evidence; the story's words are none
            and own >= _SWITCH_OWN
            and own > headings[first]  # the first passage's heading may ask the question itself
            and own + 0.3 * headings[rank] >= first_own + 0.3 * headings[first] + _SWITCH
        )

    better = [rank for rank in best_of if rank != first and answers_better(rank)]
    main = max(better, key=lambda rank: share(best_of[rank].tokens)) if better else first
    best = best_of[main]
    order = [main, *(rank for rank in range(len(hits)) if rank != main)]
    extract = choose(
        query, [hits[rank] for rank in order], analyzer, focus=focus, max_passages=3, about_the_document=False
    )
    paragraphs = [(order[rank], units) for rank, units in extract.paragraphs]
    opening = next((s for s in sentences if s.passage == main), None)
    if headings[main] >= _HEADING_ASKS and opening is not None and paragraphs and paragraphs[0][0] == main:
        if opening.text not in paragraphs[0][1]:  # a section's opening answers the question its heading asks
            paragraphs[0] = (main, [opening.text, *paragraphs[0][1]])
    leading = [s for s in sentences if s.passage == main and s.text in paragraphs[0][1]] if paragraphs else []
    kept: list[tuple[int, list[str]]] = paragraphs[:1]
    leading_share = share(set().union(*(s.tokens for s in leading)))
    merged: dict[int, list[int]] = {}
    for rank, units in paragraphs[1:]:
        repeated = {s.text for s in sentences if s.passage == rank and s.text in units and _repeats(s, leading)}
        rest = [unit for unit in units if unit not in repeated]
        carried = share(set().union(*(s.tokens for s in sentences if s.passage == rank and s.text in rest)))
        if rest and carried < min(_ALSO, 0.5 * leading_share):
            continue  # shares a word or two with the question but answers something else
        if rest:
            kept.append((rank, rest))
        else:  # another guide saying the same thing: one more citation, not the same words again
            merged.setdefault(main, []).append(rank)
    strength = share(best.tokens | set(analyzer.tokens(_heading(hits[main]))))
    # A guide's « Oui » or « Non » answers its section's question, which is the user's when the leading
    # paragraph with its heading carries the question, or one part of it, well (see :func:`verdict`).
    framed = 0.0
    if kept:
        rank = kept[0][0]
        said = set(analyzer.tokens(_heading(hits[rank]))).union(*(s.tokens for s in leading))
        parts = _asked_parts(question, analyzer, wanted)
        framed = max(
            [
                share(said),
                *(math.fsum(w for t, w in part.items() if t in said) / math.fsum(part.values()) for part in parts),
            ]
        )
    unknown = {t for t in question.asked if weight(t) <= 0}
    candidates = sorted(
        (Candidate(s.text, share(s.tokens), framed, bool(unknown - s.tokens)) for s in leading),
        key=lambda c: -c.carries,
    )
    return Answering(Extract(kept), strength, candidates, merged)


def _asked_parts(question: Question, analyzer: FrenchAnalyzer, wanted: dict[str, float]) -> list[dict[str, float]]:
    """The weighted words of each question of a message asking several (« ça compte ? il faut un DC4 ? »),
    those of a part carrying fewer than two of them left out (one word is no question); none for one."""
    parts = [p for p in question.text.split("?") if p.strip()]
    if len(parts) < 2:
        return []
    weighted = [{t: wanted[t] for t in set(analyzer.tokens(p)) if wanted.get(t, 0.0) > 0} for p in parts]
    return [part for part in weighted if len(part) >= 2]


def _repeats(sentence: Sentence, chosen: list[Sentence], share: float = 0.6) -> bool:
    """Whether most of a sentence's words are already said by a chosen sentence (another guide's copy)."""
    words = sentence.tokens - _UNASKED
    return bool(words) and any(len(words & s.tokens) >= share * len(words) for s in chosen)


def verdict(
    question: Question,
    sentence: str,
    analyzer: FrenchAnalyzer,
    *,
    carries: float,
    framed: float = 0.0,
    unheard: bool = False,
) -> str | None:
    """« oui », « non », « depend » or « pas_toujours » when ``sentence`` itself says so about what a
    yes/no ``question`` asks; None otherwise (no polarity is ever guessed).

    ``carries`` is the share of the question's weighted words the sentence carries: below
    ``_ABOUT`` it is about something else and says nothing either way. ``framed`` is that share for its
    paragraph with its section's heading: the guides' headings are mostly questions, so a sentence opening
    on « Oui » or « Non » answers its heading's question, which is the user's when the paragraph answers it
    (``_ANSWERS``), even after a definition that carries the question's words. A negation says « non »
    when it bears on a word of the question (« … comptent ? » → « ne comptent pas »), or, for a sentence that answers the question (``_ANSWERS`` of its words), when it is
    the sentence's main clause (its first negation, before any comma, the sentence not opening on a
    condition); so does a prohibition. A sentence that allows the very act a « peut-on » question asks
    about (« permet de réserver » for « peut-on réserver ? ») says « oui ». ``unheard``: the question asks
    about a word the guides never use and the sentence does not say it, so its main clause answers something
    else and only a negation bearing on a word of the question still says « non »."""
    if not question.yes_no:
        return None
    folded = fold(sentence)
    start = _SAYS.match(folded)
    if start and (carries >= _ABOUT or framed >= _ANSWERS):
        # « ça bloque ? » asks the opposite of the guide's « est-elle éligible ? »: its « Oui » would read inverted
        if _OBSTRUCTS.search(fold(question.text)) and not _OBSTRUCTS.search(folded):
            return None
        return start.group(1)
    if carries < _ABOUT:
        return None
    if _DEPENDS.search(folded):  # « au cas par cas » said of a side point is no verdict: the sentence must answer
        return "depend"
    answers = carries >= _ANSWERS and not unheard
    asked = set(analyzer.tokens(question.text))
    for number, negation in enumerate(_NEGATION.finditer(folded)):
        verb, after = negation.group(1), negation.group(2) or ""
        if fold(after) in _NOT_ALWAYS:
            return "pas_toujours"
        if asked & set(analyzer.tokens(f"{verb} {after}")):
            return "non"
        main_clause = number == 0 and not re.search(r"[,;:]", folded[: negation.start()])
        if answers and main_clause and not _CONDITION_FIRST.match(folded):
            return "non"
    if answers and _FORBIDS.search(folded) and _PERMISSION.search(question.text):
        return "non"
    allows = _ALLOWS.search(folded)
    if (
        allows
        and _PERMISSION.search(question.text)
        and _asks_the_act(question.text, allows.group(1), folded[: allows.start()], asked, analyzer)
        and not _NEGATION.search(folded)
        and not _CONDITION_FIRST.match(folded)
    ):
        return "oui"
    affirms = _AFFIRMS.search(folded)
    if affirms and asked & set(analyzer.tokens(affirms.group(2))) and not re.search(r"\b(si|sauf|lorsque)\b", folded):
        return "oui"
    return None


_SAYS = re.compile(r"^\W*(oui|non)\b")
# A question asking whether something stands in the way (« ça bloque ? », « ça m'empêche ? »): its yes is the guides' no.
_OBSTRUCTS = re.compile(
    r"\b(?:bloqu\w*|empech\w*|interdi\w*|obstacles?|frein\w*|penalis\w*|disqualifi\w*|redhibitoire)\b"
)
# The verb a « peut-on » question asks leave for (« un ESAT peut-il être sous-traitant… » → « etre »,
# « je peux réserver… » → « reserver »), pronouns and adverbs skipped.
_GOVERNED_ACT = re.compile(
    r"\b(?:peut|peux|peuvent|puis|pouvons|pouvez|pourrait|pourrais|possible d|possible de|droit d|droit de)\s+"
    r"(?:(?:t|on|je|il|elle|ils|elles|nous|vous|me|te|se|le|la|les|lui|leur|y|en|l|s|m|ne|n|pas|bien|vraiment|"
    r"quand|meme|aussi|encore|deja)\s+)*(\w+)(?:\s+(\w+))?"
)
# Verbs whose object, not the verb, names the act (« je peux faire un marché réservé ? »).
_LIGHT_VERBS = frozenset({"faire", "mettre", "passer", "lancer", "utiliser", "prevoir", "avoir"})


def _asks_the_act(question: str, act: str, subject: str, asked: set[str], analyzer: FrenchAnalyzer) -> bool:
    """Whether the act a guide's sentence allows (« permet de réserver ») is the one the question asks leave for:
    the verb after its « peut » when it names one (« une SIAE peut-elle répondre sur un lot réservé ? » asks about
    answering, not reserving), else any word the question asks. The practice that allows (``subject``: « la
    mutualisation permet de… ») answers a question asking for it (« on peut mutualiser ? »)."""
    acts = set(analyzer.tokens(act)) | set(analyzer.tokens(subject))
    governed = [
        after if verb == "etre" else verb  # « peut-il être réservé ? » asks about reserving
        for verb, after in _GOVERNED_ACT.findall(fold_words(question))
        if verb not in _LIGHT_VERBS
    ]
    if governed:
        return bool(acts & set(analyzer.tokens(" ".join(governed))))
    return bool(asked & acts)


def lead_verdict(
    question: Question, answer: str, analyzer: FrenchAnalyzer, weight: Callable[[str], float]
) -> str | None:
    """The verdict an answer card's first sentence itself says on a yes/no ``question`` (see :func:`verdict`),
    when the card opens without one: « Est-ce qu'on peut réserver un lot aux SIAE ? Sur quel article ? » gets
    the card on the article, whose first sentence « L'article L2113-13 … permet de réserver un lot aux SIAE »
    says yes. Only that sentence speaks for the card: a later one answers a side point."""
    units = split_sentences(_MARKDOWN.sub("", answer))
    if not question.yes_no or not units:
        return None
    lead = units[0]
    wanted = {t: question.weight(t) * weight(t) for t in question.tokens}
    total = math.fsum(wanted.values())
    if total <= 0:
        return None
    tokens = set(analyzer.tokens(lead))
    carries = math.fsum(w for t, w in wanted.items() if t in tokens) / total
    return verdict(question, lead, analyzer, carries=carries)


def verdict_of(question: Question, found: Answering, analyzer: FrenchAnalyzer) -> tuple[str, Candidate] | None:
    """The verdict of a yes/no ``question`` (see :func:`verdict`) and the sentence of the leading paragraph
    that gives it. Another paragraph's « Oui » answers its own heading's question, not necessarily the
    user's: it gives none."""
    for candidate in found.candidates:
        said = verdict(
            question,
            candidate.text,
            analyzer,
            carries=candidate.carries,
            framed=candidate.framed,
            unheard=candidate.unheard,
        )
        if said:
            return said, candidate
    return None
