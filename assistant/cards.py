"""Answer cards: canonical questions with a direct answer, kept as YAML under ``corpus/cards/``.

This module only loads and validates the bank (one YAML file per theme, each a list of
cards; format in ``corpus/cards/README.md``). Matching a message to a card lives elsewhere.
A malformed file raises :class:`CardFileError`, whose French message names the file and
the card so the Department can fix it without reading code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from assistant.documents import normalize_text
from assistant.errors import ClausesError
from assistant.yaml_data import load_yaml

CARD_TYPES = frozenset({"yes_no", "figure", "definition", "procedure", "explanation"})
AUDIENCES = frozenset({"acheteur", "facilitateur", "entreprise", "public"})
REQUIRED_FIELDS = ("id", "question", "paraphrases", "answer", "type", "legal_basis", "see", "audience", "reviewed")
OPTIONAL_FIELDS = ("readings",)
# The verdicts a yes/no reading may open with (what the guides and the scorers of answers call a verdict).
VERDICTS = ("Oui", "Non", "Cela dépend", "Pas forcément", "Pas automatiquement", "Pas toujours")
READING_FIELDS = ("question", "verdict", "qualifier")
# corpus/cards/hors-champ.yaml: cards that say where to ask instead (a service), never a guide's answer
REDIRECT_THEME = "hors-champ"
MIN_PARAPHRASES = 3
MAX_PARAPHRASES = 8

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SEE = re.compile(r"^(?P<file>[^#\s][^#]*\.md)#(?P<heading>.+)$")
# End of a sentence: . ! ? or … followed by a space/newline, or the end of the text.
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
_MARKDOWN_NOISE = re.compile(r"[*_`]")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


class CardFileError(ClausesError):
    """An answer-card file is unreadable or a card in it breaks the format."""

    code = "fiche_reponse_invalide"


@dataclass(frozen=True, slots=True)
class SeeLink:
    """A link to a guide section: ``file.md#Exact heading text``."""

    file: str
    heading: str

    def __str__(self) -> str:
        return f"{self.file}#{self.heading}"


@dataclass(frozen=True, slots=True)
class Reading:
    """A yes/no question in a card's scope and its verdict, for a card written for another question
    (« Qui déclare les heures d'un sous-traitant ? » read as « ses heures comptent-elles ? » → « Oui »)."""

    question: str
    verdict: str  # one of VERDICTS
    qualifier: str = ""  # what goes with the verdict: « si le CCAP l'admet », « du CCAP »

    @property
    def opening(self) -> str:
        """The verdict with its qualifier: « Oui, si le CCAP l'admet », « Cela dépend du CCAP »."""
        if not self.qualifier:
            return self.verdict
        # « dépend » takes its complement directly (« Cela dépend du CCAP »); other verdicts a comma
        joined = " " if re.match(r"(?:de|du|des|d')\b", self.qualifier) else ", "
        return f"{self.verdict}{joined}{self.qualifier}"


@dataclass(frozen=True, slots=True)
class Card:
    """One canonical question with its direct answer."""

    id: str
    question: str
    paraphrases: tuple[str, ...]
    answer: str
    type: str
    legal_basis: tuple[str, ...]
    see: tuple[SeeLink, ...]
    audience: tuple[str, ...]
    reviewed: dt.date
    theme: str
    readings: tuple[Reading, ...] = ()

    @property
    def questions(self) -> tuple[str, ...]:
        """The canonical question followed by its paraphrases."""
        return (self.question, *self.paraphrases)

    @property
    def first_sentence(self) -> str:
        return first_sentence(self.answer)


def first_sentence(answer: str) -> str:
    """The first sentence of a Markdown answer, without emphasis markers.

    A first line that ends with a colon and introduces a list counts as the sentence.
    """
    plain = _MARKDOWN_NOISE.sub("", answer).strip()
    first_line = plain.split("\n", 1)[0].strip()
    if first_line.endswith(":") and not _SENTENCE_END.search(first_line):
        return " ".join(first_line.split())
    text = " ".join(plain.split())
    match = _SENTENCE_END.search(text)
    return text[: match.end()] if match else text


def _fail(source: str, position: int | None, card_id: str | None, problem: str) -> CardFileError:
    where = source
    if position is not None:
        where += f", fiche n° {position}"
    if card_id:
        where += f" (« {card_id} »)"
    return CardFileError(f"Fiche-réponse invalide dans {where} : {problem}.", detail=f"{where}: {problem}")


def _text(raw: dict[str, Any], name: str, err: Any) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise err(f"le champ « {name} » doit être un texte non vide")
    return value.strip()


def _texts(raw: dict[str, Any], name: str, err: Any, *, allow_empty: bool = False) -> tuple[str, ...]:
    value = raw.get(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise err(f"le champ « {name} » doit être une liste de textes")
    if not value and not allow_empty:
        raise err(f"le champ « {name} » ne doit pas être vide")
    return tuple(v.strip() for v in value)


def _see_link(value: str, err: Any) -> SeeLink:
    match = _SEE.match(value)
    if not match:
        raise err(f"le lien « {value} » doit avoir la forme « fichier.md#Titre exact de la section »")
    return SeeLink(match.group("file").strip(), match.group("heading").strip())


def parse_card(raw: Any, source: str, position: int) -> Card:
    """Validate one card read from YAML (``source`` is the file name, for messages)."""
    if not isinstance(raw, dict):
        raise _fail(source, position, None, "chaque fiche doit être un dictionnaire de champs")
    card_id = raw.get("id") if isinstance(raw.get("id"), str) else None

    def err(problem: str) -> CardFileError:
        return _fail(source, position, card_id, problem)

    missing = [name for name in REQUIRED_FIELDS if name not in raw]
    if missing:
        raise err("champ(s) manquant(s) : " + ", ".join(missing))
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise err("champ(s) inconnu(s) : " + ", ".join(unknown))
    card_id = _text(raw, "id", err)
    if not _ID.match(card_id):
        raise err("l'identifiant doit être en minuscules, chiffres et tirets (ex. « seuil-travaux-2026 »)")
    paraphrases = _texts(raw, "paraphrases", err)
    if not MIN_PARAPHRASES <= len(paraphrases) <= MAX_PARAPHRASES:
        raise err(f"il faut de {MIN_PARAPHRASES} à {MAX_PARAPHRASES} paraphrases (il y en a {len(paraphrases)})")
    card_type = _text(raw, "type", err)
    if card_type not in CARD_TYPES:
        raise err(f"type « {card_type} » inconnu ; valeurs possibles : {', '.join(sorted(CARD_TYPES))}")
    audience = _texts(raw, "audience", err)
    strangers = sorted(set(audience) - AUDIENCES)
    if strangers:
        raise err(f"public(s) inconnu(s) : {', '.join(strangers)} ; valeurs possibles : {', '.join(sorted(AUDIENCES))}")
    reviewed = raw.get("reviewed")
    if isinstance(reviewed, dt.datetime) or not isinstance(reviewed, dt.date):
        raise err("« reviewed » doit être une date AAAA-MM-JJ")
    return Card(
        id=card_id,
        question=_text(raw, "question", err),
        paraphrases=paraphrases,
        answer=_text(raw, "answer", err),
        type=card_type,
        legal_basis=_texts(raw, "legal_basis", err, allow_empty=True),
        see=tuple(_see_link(v, err) for v in _texts(raw, "see", err)),
        audience=audience,
        reviewed=reviewed,
        theme=Path(source).stem,
        readings=_readings(raw.get("readings"), err),
    )


def _readings(value: Any, err: Any) -> tuple[Reading, ...]:
    """The optional ``readings``: each a yes/no ``question``, a ``verdict`` of VERDICTS, an optional ``qualifier``."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise err("le champ « readings » doit être une liste de lectures (question, verdict, qualifier)")
    readings = []
    for item in value:
        unknown = sorted(set(item) - set(READING_FIELDS))
        if unknown:
            raise err("champ(s) inconnu(s) dans une lecture : " + ", ".join(unknown))
        question, verdict = _text(item, "question", err), _text(item, "verdict", err)
        if verdict not in VERDICTS:
            raise err(f"verdict « {verdict} » inconnu ; valeurs possibles : {', '.join(VERDICTS)}")
        qualifier = item.get("qualifier", "")
        if not isinstance(qualifier, str):
            raise err("le « qualifier » d'une lecture doit être un texte")
        readings.append(Reading(question, verdict, qualifier.strip()))
    return tuple(readings)


def parse_cards(text: str, source: str) -> list[Card]:
    """Cards of one YAML file's text."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (ligne {mark.line + 1})" if mark is not None else ""
        raise CardFileError(
            f"Fichier de fiches-réponses illisible : {source}{line}. Vérifiez l'indentation et les guillemets.",
            detail=f"{source}: {exc}",
        ) from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise _fail(
            source, None, None, "le fichier doit contenir une liste de fiches (chaque fiche commence par « - id: »)"
        )
    return [parse_card(raw, source, position) for position, raw in enumerate(data, start=1)]


def load_cards(folder: Path) -> list[Card]:
    """Every card of the ``*.yaml`` files of ``folder``, in file then card order.

    Raises :class:`CardFileError` on a malformed file or an identifier used twice.
    """
    cards: list[Card] = []
    seen: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CardFileError(
                f"Fichier de fiches-réponses illisible : {path.name} (encodage UTF-8 attendu).",
                detail=f"{path}: {exc}",
            ) from exc
        for card in parse_cards(text, path.name):
            if card.id in seen:
                raise _fail(path.name, None, card.id, f"identifiant déjà utilisé dans {seen[card.id]}")
            seen[card.id] = path.name
            cards.append(card)
    return cards


# --- cross-checks against the guides and the list of known articles ------------------


def guide_headings(corpus_dir: Path) -> dict[str, set[str]]:
    """Headings (any level, normalised like the loader does) of each ``*.md`` guide of ``corpus_dir``."""
    found: dict[str, set[str]] = {}
    for path in sorted(Path(corpus_dir).glob("*.md")):
        body = frontmatter.loads(normalize_text(path.read_text(encoding="utf-8"))).content
        found[path.name] = {m.group(1).strip() for line in body.splitlines() if (m := _HEADING.match(line))}
    return found


def broken_links(cards: list[Card], headings: dict[str, set[str]]) -> list[str]:
    """``card-id → file.md#Heading`` for every link that does not land on a guide heading."""
    return [
        f"{card.id} → {link}"
        for card in cards
        for link in card.see
        if normalize_text(link.heading) not in headings.get(link.file, set())
    ]


def known_article_ids(known_articles_file: Path) -> set[str]:
    """Every article id of ``known_articles.yaml``, whatever its code section."""
    data = load_yaml(Path(known_articles_file).read_text(encoding="utf-8")) or {}
    return {str(article) for section in data.values() for article in (section or {})}


def unknown_legal_bases(cards: list[Card], known: set[str]) -> dict[str, list[str]]:
    """Card id → the ids of its ``legal_basis`` that are not known articles."""
    unknown = {card.id: [a for a in card.legal_basis if a not in known] for card in cards}
    return {card_id: articles for card_id, articles in unknown.items() if articles}
