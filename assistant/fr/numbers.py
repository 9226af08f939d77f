"""Numbers as people write them: in words (« un million deux ») and in digits (« 1 200 000 », « 1,5 »)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from text_to_num import find_numbers

from assistant.fr import safety
from assistant.fr.text import Layer, fold_layer, replace_spans

# A number written in digits the French way, inside a pattern: « 48 000 », « 9.000 », « 1 200,5 », « 30 », « 7,5 »
# (read with :func:`number_float`).
DIGITS = r"\d{1,3}(?:[  \u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

# --------------------------------------------------------------------------- numbers in words

_TOKEN_RE = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
_NUMBER_WORD_RE = re.compile(
    r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
    r"|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?|milliards?|zero)\b"
)
_MULTIPLIER_WORDS = {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
_BIG_WORDS = {"million", "millions", "milliard", "milliards"}
# After « un million deux », these nouns mean the last word counts them (« un million deux
# lots » is odd but literal); anything else reads as the spoken decimal (1,2 million).
_COUNTED_NOUNS = {
    "lot",
    "lots",
    "marche",
    "marches",
    "heure",
    "heures",
    "h",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    "etp",
    "personne",
    "personnes",
    "salarie",
    "salaries",
    "poste",
    "postes",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "%",
    "habitants",
    "participants",
    "contrats",
    "pour",
}
# « neuf » is also "new" (« bâtiment neuf »): only a number when a unit follows.
_UNITS_AFTER_NEUF = {"mois", "ans", "an", "annees", "heures", "h", "%", "pour", "etp", "euros", "€", "lots", "k", "m"}
_DIGITS_BEFORE_RE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*$")


class _Token:
    """The token protocol text2num expects (it panics without every method)."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text

    def nt_separated(self, previous: Any) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def _safe_find_numbers(tokens: list[_Token]) -> list[Any]:
    try:
        return list(find_numbers(tokens, "fr", 0))
    except BaseException as exc:  # text2num's Rust panics derive from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        if safety.RAISE_ERRORS:
            raise
        return []


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _as_millions(value: Decimal) -> str:
    # Written back as « 1,2 millions » so the amount rules treat it like « 1,2 million » typed in digits.
    return _plain(value / Decimal(10**6)) + " millions"


def _spoken_tail(tail: Decimal, big: int, next_word: str) -> Decimal:
    """« un million deux » → 200 000 for the tail « deux »: the spoken decimal, not a literal 2."""
    if tail <= 0 or tail >= 1000 or next_word in _COUNTED_NOUNS:
        return tail
    if tail < 10:
        return tail * big / 10
    return tail * big / 1000  # « un million deux cent cinquante »: thousands left unsaid


def _digitize(layer: Layer) -> Layer:
    text = layer.text
    if not _NUMBER_WORD_RE.search(text):
        return layer
    matches = list(_TOKEN_RE.finditer(text))
    occurrences = _safe_find_numbers([_Token(m.group()) for m in matches])
    replacements: list[tuple[int, int, str]] = []
    for occ in occurrences:
        first, last = int(occ.start), int(occ.end)
        if occ.is_ordinal or not 0 <= first < last <= len(matches):
            continue
        words = [m.group() for m in matches[first:last]]
        next_word = matches[last].group() if last < len(matches) else ""
        if len(words) == 1 and words[0] in ("un", "une"):
            continue  # an article far more often than a number; « un an » is read by the duration rule
        if len(words) == 1 and words[0] == "neuf" and next_word not in _UNITS_AFTER_NEUF:
            continue
        try:
            value = Decimal(repr(float(occ.value)))
        except (InvalidOperation, ValueError, TypeError):
            continue
        start_char, end_char = matches[first].start(), matches[last - 1].end()
        has_big = any(w in _BIG_WORDS for w in words)

        if words[0] in _MULTIPLIER_WORDS:
            before = _DIGITS_BEFORE_RE.search(text, max(0, start_char - 40), start_char)
            if before is not None:
                # « 850 mille », « 1,5 million »: the digits carry the value, the amount rules read it.
                if len(words) == 1:
                    continue
                # « 1 million deux »: digits, multiplier, spoken tail.
                mult = _MULTIPLIER_WORDS[words[0]]
                tail = value - mult
                head = number_value(before.group(1), decimal_hint=True)
                if head is None or tail < 0 or tail >= mult:
                    continue
                total = head * mult + _spoken_tail(tail, mult, next_word)
                new = _as_millions(total) if mult >= 10**6 else _plain(total)
                replacements.append((before.start(1), end_char, new))
                continue

        if "virgule" in words and words[-1] in _MULTIPLIER_WORDS and len(words) > 1:
            # text2num drops the multiplier after a decimal (« un virgule deux millions » → 1,2).
            sub = _safe_find_numbers([_Token(w) for w in words[:-1]])
            if len(sub) != 1:
                continue
            total = Decimal(repr(float(sub[0].value))) * _MULTIPLIER_WORDS[words[-1]]
        elif has_big:
            index = max(i for i, w in enumerate(words) if w in _BIG_WORDS)
            big = _MULTIPLIER_WORDS[words[index]]
            tail_words = words[index + 1 :]
            total = value
            if tail_words and not any(w in _MULTIPLIER_WORDS for w in tail_words):
                tail = value % big
                total = value - tail + _spoken_tail(tail, big, next_word)
        else:
            total = value
        new = _as_millions(total) if has_big and total >= 10**6 else _plain(total)
        replacements.append((start_char, end_char, new))
    replacements.sort()
    return replace_spans(layer, replacements)


_PERCENT_WORDS_RE = re.compile(
    r"(?<=\d)\s*(?:pour[\s-]?(?:cent|100)|pourcents?|p\.\s?100)(?![\w])"
    r"(?!\s*(?:\d|mille|millions?|milliards?|euros?\b|€|eur\b))"
)


def _percent_words(layer: Layer) -> Layer:
    repl = [(m.start(), m.end(), " %") for m in _PERCENT_WORDS_RE.finditer(layer.text)]
    return replace_spans(layer, repl)


@dataclass(frozen=True, slots=True)
class Doc:
    original: str
    folded: Layer  # accents and case folded: clause kinds and trades
    work: Layer  # folded + numbers in digits + « % »: every quantity


# Parameters are read in the first 20 000 characters: a request is never longer, and the cap
# bounds the time spent on pasted documents (spans stay valid: the prefix is unchanged).
MAX_CHARS = 20_000


@functools.lru_cache(maxsize=32)
def prepare(text: str) -> Doc:
    folded = fold_layer(text[:MAX_CHARS])
    work = _percent_words(_digitize(folded))
    return Doc(text, folded, work)


# --------------------------------------------------------------------------- small counts in words

# Small counts written as words (« deux gars », « trois mois », « une semaine d'arrêt »), read by the staffing,
# absence and rhythm readers. « sept » is left out on purpose: in these messages it is as often the month written
# short (« du 6 sept. au 20 oct. »), and read as 7 it would turn a date into a period or a headcount.
SMALL_NUMBERS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
}
# The same words as regex alternatives: from two on (a count of several people), and with « un »/« une ».
COUNT_WORDS_FROM_TWO = "deux|trois|quatre|cinq|six|huit|neuf|dix"
COUNT_WORDS = "une?|" + COUNT_WORDS_FROM_TWO
# A count before its unit (« 3 mois », « 1,5 an », « deux semaines »), as one regex alternation.
COUNT = r"\d{1,2}(?:[.,]\d)?|" + COUNT_WORDS


def count_value(word: str) -> float:
    """The value of a count in digits or in words (« trois » → 3.0, « 1,5 » → 1.5)."""
    return float(SMALL_NUMBERS[word]) if word in SMALL_NUMBERS else float(word.replace(",", "."))


# --------------------------------------------------------------------------- digits

# A number as people write it: « 1 200 000 », « 1.200.000 », « 1,2 », « 7.5 », « 850 ».
# Not glued to letters or dashes, so « L2112-2 », « 2023-2027 » and « R2123-1 » never yield one.
NUM = (
    r"(?<![\w.,/\-])(?P<num>\d{1,3}(?:[ ]\d{3})+(?:[.,]\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d+(?:[.,]\d+)?)(?!\d)"
)


_MAX_DIGITS = 15


def canonical_number(raw: str, *, decimal_hint: bool = False) -> str:
    """A written number with its separators resolved, ready for :class:`~decimal.Decimal`.

    Spaces group thousands; a comma is the decimal mark; a dot followed by exactly three
    digits groups thousands (« 1.200 » is twelve hundred in French writing), unless
    ``decimal_hint`` (« 1.200 M€ ») or the whole part is zero (« 0.050 »); other dots are
    decimal marks (« 7.5 »). With both marks, the last one is the decimal mark.
    """
    s = raw.replace(" ", "")
    if "," in s and "." in s:
        if s.rfind(".") > s.rfind(","):
            s = s.replace(",", "")  # « 1,200.50 »: the English way
        else:
            s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    elif "." in s:
        whole, frac = s.split(".")
        if len(frac) == 3 and frac.isdigit() and not decimal_hint and whole.lstrip("+-") not in {"", "0"}:
            s = whole + frac
    return s


def number_value(raw: str, *, decimal_hint: bool = False) -> Decimal | None:
    """Read « 1 200 000 », « 1.200.000 », « 1,5 », « 1.200 » (1200, or 1.2 with a multiplier)."""
    try:
        value = Decimal(canonical_number(raw, decimal_hint=decimal_hint))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value.adjusted() > _MAX_DIGITS:
        return None  # a run of digits that long is an identifier, not a quantity
    return value


def number_float(raw: str, *, decimal_hint: bool = False) -> float | None:
    """:func:`number_value` as a float, for the arithmetic over the user's own figures."""
    value = number_value(raw, decimal_hint=decimal_hint)
    return float(value) if value is not None else None


def to_float(value: Decimal, places: int = 2) -> float:
    return round(float(value), places)


# A full stop ends the sentence, except the one of an abbreviation of « about » (« la MO c'est env. 65 % »).
_ABOUT = ("env", "approx", "ca")
# That full stop alone, for the patterns that stop at a sentence's end.
ABBREVIATION_STOP = "|".join(rf"(?<=\b{word})\." for word in _ABOUT)
_FULL_STOP = "".join(rf"(?<!\b{word})" for word in _ABOUT) + r"\.(?:\s|$)"
_CUT_ROLE_RE = re.compile(r".*(?:[\d%;!?\n€]|" + _FULL_STOP + ")", re.S)
_CUT_SENTENCE_RE = re.compile(r".*(?:[%;!?\n€]|" + _FULL_STOP + ")", re.S)
_CUT_AFTER_RE = re.compile(r"[;!?\n]|" + _FULL_STOP)


def words_before(text: str, start: int, *, limit: int = 60, cut_digits: bool = True) -> str:
    """The words just before a quantity, back to the previous quantity or sentence."""
    window = text[max(0, start - limit) : start]
    m = (_CUT_ROLE_RE if cut_digits else _CUT_SENTENCE_RE).match(window)
    return window[m.end() :] if m else window


def words_after(text: str, end: int, *, limit: int = 40) -> str:
    window = text[end : end + limit]
    m = _CUT_AFTER_RE.search(window)
    return window[: m.start()] if m else window
