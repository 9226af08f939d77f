"""The extra columns a request asks a tracking table to have (« ajoutez une colonne site et une colonne date
de fin de contrat », « un suivi mensuel par bon de commande »), from ``prompts/clauses/columns.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.fr.formatting import capitalized
from assistant.fr.safety import never_raise
from assistant.fr.text import fold
from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

COLUMNS_FILE = PROJECT_ROOT / "prompts" / "clauses" / "columns.yaml"
MAX_COLUMNS = 8
MAX_NAME_WORDS = 6

_NAMED_COLUMN = re.compile(
    r"\bcolonnes?\s+(?:pour\s+(?:le|la|les|l')\s*|avec\s+(?:le|la|les|l')\s*)?"
    r"([^,.;:?!()]+?)(?=\s+et\s+(?:une\s+|la\s+|les\s+)?colonnes?\b|\s*[,.;:?!()]|$)"
)


# « colonnes genre nb de personnes, heures, public, sortie à 6 mois » : a list of columns after one word, up to the
# end of the sentence (the list is told from a single name by its commas).
_COLUMN_LIST = re.compile(r"\b(?:colonnes|champs|rubriques)\s*(?::\s*)?([^.;?!()]+)")
# How one item of such a list is split from the next.
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+et\s+")


@dataclass(frozen=True)
class _Lexicon:
    named: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    not_a_name: re.Pattern[str]
    personal: re.Pattern[str]
    list_filler: re.Pattern[str]
    standard: re.Pattern[str]


@dataclass(frozen=True)
class AskedColumns:
    """The columns to add, and those refused because they would carry personal data."""

    added: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    with COLUMNS_FILE.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    named = tuple((entry["label"], tuple(re.compile(p) for p in entry["when"])) for entry in data["named"])
    return _Lexicon(
        named,
        re.compile(data["not_a_name"]),
        re.compile(data["personal"]),
        re.compile(data["list_filler"]),
        re.compile(data["standard"]),
    )


def _listed_names(text: str, folded: str, lexicon: _Lexicon) -> list[str] | None:
    """The column names of a list (« colonnes genre nb de personnes, heures, public »), in the user's words and
    without the table's standard columns; None when the text lists no columns (one name, or none)."""
    match = _COLUMN_LIST.search(folded)
    if match is None or "," not in match.group(1):
        return None
    keep_case = len(folded) == len(text)
    names: list[str] = []
    start = match.start(1)
    for piece in _LIST_SEPARATOR.split(match.group(1)):
        offset = folded.find(piece, start) if piece else -1
        if offset >= 0:
            start = offset + len(piece)
        if lexicon.standard.match(piece.strip()):
            continue
        filler = lexicon.list_filler.match(piece)
        name = piece[filler.end() :] if filler else piece
        if not name.strip() or len(name.split()) > MAX_NAME_WORDS or lexicon.standard.match(name.strip()):
            continue
        if keep_case and offset >= 0:
            begin = offset + (filler.end() if filler else 0)
            name = text[begin : offset + len(piece)]
        names.append(name.strip())
    return names


@never_raise(lambda: AskedColumns())
def asked_columns(text: str, *, context: str = "") -> AskedColumns:
    """Columns ``text`` names or implies, in order; ``context`` (the conversation's recent questions)
    may only imply the usual ones (per order, per subsequent contract, per site), never name new ones.
    A column of personal data (name, eligibility, health…) is refused, never added."""
    folded = fold(text)
    lexicon = _lexicon()
    columns: list[str] = []
    refused: list[str] = []
    listed = _listed_names(text, folded, lexicon)
    if listed is not None:
        for name in listed:
            (refused if lexicon.personal.search(fold(name)) else columns).append(capitalized(name))
    for match in () if listed is not None else _NAMED_COLUMN.finditer(folded):
        name = match.group(1).strip()
        if not name or lexicon.not_a_name.match(name) or len(name.split()) > MAX_NAME_WORDS:
            continue
        original = text[match.start(1) : match.end(1)].strip() if len(folded) == len(text) else name
        (refused if lexicon.personal.search(name) else columns).append(capitalized(original))
    implied = folded + " " + fold(context)
    for label, patterns in lexicon.named:
        if any(pattern.search(implied) for pattern in patterns):
            columns.append(label)
    return AskedColumns(tuple(dict.fromkeys(columns))[:MAX_COLUMNS], tuple(dict.fromkeys(refused)))
