"""Document genres: a note, speaking notes, a reply, a plan… whose content comes from the answer cards.

The genres, their cue words and their frames are data (``prompts/clauses/genres.yaml`` and its
templates). This module finds the genre a request asks for, the topic it is about (the request
without its frame), the addressee it names, and lays out a card's answer as the material of the
text (lead, points, legal basis), so that the text says what the corpus says and nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.cards import Card, first_sentence
from assistant.fr.numbers import prepare
from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

GENRE_PREFIX = "genre:"  # how a genre is recorded as the kind drafted (``state.draft_kind``)
MAX_POINTS = 6
SHORT_POINTS = 2  # a short version keeps every subject, with fewer points on the first


class PlanStep(BaseModel):
    step: str
    when: str
    who: str
    indicator: str


class GenreSpec(BaseModel):
    id: str
    name: str = Field(description="Le genre tel qu'on le nomme dans une phrase (« une note »).")
    title: str
    template: str
    cues: list[str] = Field(default_factory=list)
    free_texts: list[str] = Field(
        default_factory=list,
        description="Textes libres (e-mail, courrier, paragraphe…) que ce genre écrit quand aucun modèle ne convient.",
    )
    steps: list[PlanStep] = Field(default_factory=list)

    def asked_in(self, folded: str) -> bool:
        return any(re.search(cue, folded) for cue in self.cues)

    def without_cues(self, folded: str) -> str:
        for cue in self.cues:
            folded = re.sub(cue, " ", folded)
        return folded


class GenreCatalog(BaseModel):
    topic_kinds: list[str]
    frame_words: list[str] = Field(default_factory=list)
    subject_patterns: list[str] = Field(default_factory=list)
    subject_end: str = r"$^"
    subject_questions: dict[str, str] = Field(default_factory=dict)
    addressees: dict[str, str]
    generic_subject_words: str = r"$^"
    overview_cards: list[str] = Field(default_factory=list)
    ask: str
    ask_suggestions: list[str]
    genres: list[GenreSpec]

    def genre(self, genre_id: str) -> GenreSpec | None:
        return next((genre for genre in self.genres if genre.id == genre_id), None)

    def generic_subject(self, topic: str) -> bool:
        """Whether a topic names nothing beyond social clauses themselves (« leurs clauses sociales ? »)."""
        words = _folded(topic).replace("'", "' ").split()
        return bool(words) and all(re.match(self.generic_subject_words, word) for word in words)

    def for_free_text(self, free: str) -> GenreSpec | None:
        """The genre that writes a free text of this kind (« email », « prose »…) when no template fits."""
        return next((genre for genre in self.genres if free in genre.free_texts), None)


def load_genres(path: str | Path) -> GenreCatalog:
    """Read the genres file (I/O: callers cache it); a cue that does not compile is a broken installation."""
    catalog = GenreCatalog.model_validate(load_yaml(Path(path).read_text(encoding="utf-8")))
    for genre in catalog.genres:
        for cue in genre.cues:
            re.compile(cue)
    for pattern in [*catalog.frame_words, *catalog.subject_patterns, catalog.subject_end, *catalog.subject_questions]:
        re.compile(pattern)
    return catalog


@lru_cache(maxsize=2)
def cached_genres(path: str) -> GenreCatalog:
    return load_genres(path)


def default_genres() -> GenreCatalog:
    return cached_genres(str(PROJECT_ROOT / "prompts" / "clauses" / "genres.yaml"))


def _folded(text: str) -> str:
    return prepare(text).folded.text


def find_genre(message: str, catalog: GenreCatalog | None = None) -> GenreSpec | None:
    """The genre a request names (« des éléments de langage pour ma prise de parole » → speaking notes)."""
    catalog = catalog or default_genres()
    folded = _folded(message)
    return next((genre for genre in catalog.genres if genre.asked_in(folded)), None)


def genre_of_kind(kind: str | None, catalog: GenreCatalog | None = None) -> GenreSpec | None:
    """The genre recorded as the kind drafted before (``genre:note``), or None for a catalogue kind."""
    if not kind or not kind.startswith(GENRE_PREFIX):
        return None
    return (catalog or default_genres()).genre(kind[len(GENRE_PREFIX) :])


# The frame of a request, not its topic: who writes, how long, for when, in which tone.
_FRAME = re.compile(
    r"\b(?:pouvez[\s-]+vous|pourriez[\s-]+vous|vous\s+pouvez|tu\s+peux|peux[\s-]+tu|pourrais[\s-]+tu|est-ce\s+que)\b"
    r"|\b(?:me|m'|nous|moi|lui|leur)\b"
    r"|\b(?:redige|rediger|ecris|ecrire|ecrivez|fais|faire|faites|propose|proposer|proposez|prepare|preparer|preparez"
    r"|donne|donner|donnez|formule|formuler|mettre|mets)[sz]?\b"
    r"|\b(?:une?|d'une|deux|trois|quatre|cinq|dix|\d+)\s+(?:demi-?\s?)?(?:pages?|lignes?|minutes?|phrases?|paragraphes?)\b"
    r"|\b(?:max\w*|court\w*|svp|stp|merci|bonjour|ton|style|offensif|positif|ferme|simple|percutant\w*)\b"
    # the tone asked for and the words around it (« poli mais ferme », « ok, un truc sympa »)
    r"|\b(?:ok|okay|bon|mais|tres|assez|plutot|truc|poli|polie|courtois\w*|cordial\w*|aimable|diplomat\w*|sympa"
    r"|clair|claire|sec|seche|neutre|factuel\w*|professionnel\w*|pro)\b"
    r"|\b(?:lundi|mardi|mercredi|jeudi|vendredi|prochaine?|demain|seance|reunion)\b"
    r"|\b(?:je\s+dois|je\s+prepare|j'ai\s+besoin\s+d')\b"
    r"|\b(?:sur\s+le\s+theme|sur\s+le\s+sujet|a\s+propos|concernant|au\s+sujet)\b"
    # the addressee, said apart from the topic (« à destination des élus », « pour le Président »)
    r"|\ba\s+destination\s+(?:des?|du|de\s+la|de\s+l')\s*[\w'-]+"
    r"|\b(?:pour|au|aux)\s+(?:le\s+|la\s+|les\s+|l'\s*|mon\s+|ma\s+|mes\s+|nos\s+|notre\s+)?"
    r"(?:president\w*|elus?|conseil\s+\w+|bureau\s+\w+|dga|dgs|maire|cdiae|commission|direction|directeur|directrice|hierarchie)\b"
)
# A word that may name a topic: four letters or more, not a preposition or a determiner (« pour contester »
# names no topic).
_CONTENT_WORD = re.compile(
    r"\b(?!(?:pour|avec|sans|dans|sous|vers|chez|entre|plus|moins|leur|leurs|cette|ces|tous|tout|toute|toutes"
    r"|aussi|comme|donc|alors|quand|quoi)\b)[a-z][a-z'-]{3,}\b"
)


def genre_topic(message: str, genre: GenreSpec) -> str:
    """The topic of a request for ``genre``: the message without the genre's cues and the request's frame
    (« une note d'une page pour le Président sur le coût des clauses sociales » → « … coût des clauses
    sociales »); empty when only the frame was said (« fais-m'en une note »)."""
    folded = genre.without_cues(_folded(message))
    folded = _FRAME.sub(" ", folded)
    for pattern in default_genres().frame_words:
        folded = re.sub(pattern, " ", folded)
    words = _CONTENT_WORD.findall(folded)
    return " ".join(folded.split()) if len(words) >= 2 else ""


def text_subject(message: str, catalog: GenreCatalog | None = None) -> str:
    """The subject a free text is to explain, as a question the cards are written in (« un paragraphe qui
    explique ce qu'est un GEIQ, pour une note interne » → « qu'est-ce qu'un geiq ? »); empty when the request
    does not say it after a verb or preposition of its own."""
    catalog = catalog or default_genres()
    folded = _folded(message)
    for pattern in catalog.subject_patterns:
        found = re.search(pattern, folded)
        if found is None:
            continue
        subject = re.split(catalog.subject_end, found.group("subject"), maxsplit=1)[0].strip()
        for start, question in catalog.subject_questions.items():
            subject = re.sub(start, question, subject, count=1)
        subject = re.sub(r"\bque\s+(?=[aeiouyh])", "qu'", subject)  # « qu'est-ce que un » → « qu'est-ce qu'un »
        if len(_CONTENT_WORD.findall(subject)) >= 1 and len(subject.split()) >= 2:
            return subject + " ?"
    return ""


# Where a topic lists several subjects (« l'intérêt de la clause, ce que ça implique pour les entreprises
# et le rôle du facilitateur »): commas, semicolons, « et » or « ainsi que » before a new noun phrase.
_PART_BREAK = re.compile(
    r"\s*[,;:]\s*|\s+(?:et|ainsi\s+que|puis)\s+(?=(?:le|la|les|l'|ce\s+qu|ce\s+que|comment|pourquoi|quels?|quelles?)\b)"
)


def topic_parts(topic: str) -> list[str]:
    """The subjects a topic lists, each with at least two content words (« le rôle du facilitateur »)."""
    parts = [" ".join(part.split()) for part in _PART_BREAK.split(topic)]
    return [part for part in parts if len(_CONTENT_WORD.findall(part)) >= 2]


def addressee(message: str, catalog: GenreCatalog | None = None) -> str | None:
    """Who the text is for, when the request says (« pour le Président » → « M. le Président / … »)."""
    catalog = catalog or default_genres()
    folded = _folded(message)
    return next((name for pattern, name in catalog.addressees.items() if re.search(pattern, folded)), None)


# --------------------------------------------------------------------------- a card as material

_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ«(0-9])")


@dataclass(frozen=True)
class Material:
    """What a card says, laid out for a text: its question, first sentence and other sentences."""

    subject: str
    lead: str
    points: tuple[str, ...]
    legal_basis: tuple[str, ...]


def material(card: Card, limit: int = MAX_POINTS) -> Material:
    """The card's answer as a lead and at most ``limit`` points, each a whole sentence or list item."""
    return material_from_text(card.question, card.answer, card.legal_basis, limit=limit)


# Lines of an answer that are not its content: its sources, the offers and suggestions after it.
# Lines of an answer that talk about the answer (sources, suggestions, which card is nearest), not about the topic:
# a text drawn from that answer leaves them out.
_NOT_CONTENT = re.compile(
    r"^\s*(?:\*?sources?\b|\[\d+\]|vouliez-vous dire|voir aussi|je peux (?:aussi|vous)"
    r"|je n'ai pas de fiche|la question la plus proche|les deux questions les plus proches|sur votre question elle-m[êe]me"
    r"|sur une question voisine|ce que disent aussi les guides|[^.:;!]+\?\s*$)",  # a card's question on its own line
    re.I,
)


def material_from_text(
    subject: str, text: str, legal_basis: tuple[str, ...] = (), *, limit: int = MAX_POINTS
) -> Material:
    """A text already written (a card's answer, the assistant's last answer) as a lead and at most ``limit``
    points, each a whole sentence or list item, so that a text drawn from it says what it said."""
    lines = [line for line in text.splitlines() if not _NOT_CONTENT.match(_EMPHASIS.sub("", line))]
    body = "\n".join(lines)
    lead = first_sentence(body)
    points: list[str] = []
    for line in re.split(r"\n+", _EMPHASIS.sub("", body)):
        line = line.strip()
        if not line or line.startswith(("#", "|", "---")):
            continue
        for piece in _SENTENCE.split(line.lstrip("-• ").strip()):
            piece = " ".join(piece.split()).rstrip(" ;,")
            if piece and piece not in lead and lead not in piece:
                points.append(piece)
    if lead.endswith(":") and points:
        # « L'entreprise choisit librement sa voie : » introduces its list: the lead says the list's first items
        lead = f"{lead} {' ; '.join(point.rstrip('.') for point in points[:3])}."
        points = points[3:]
    return Material(subject, lead, tuple(points[:limit]), legal_basis)
