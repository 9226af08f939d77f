"""Offline understanding of French requests: the parameters people type, read without any LLM.

The embedded assistant must read « 1,2 M€ HT », « un million deux », « cinq pour cent »,
« 2 ans et demi », « lot 3 - peinture » or « marché réservé aux SIAE » the way a
facilitator would. Everything here is a pure function over the text (the caller passes
the trade table), and nothing raises on any input: a parser that cannot read something
returns ``None`` or an empty list, because a chat turn must never crash on odd text.

How the text is read, in three layers that all keep a map back to the original text so
that every span returned (``Amount.span``, ``TradeMatch.span``…) slices the caller's string:

1. *fold*: lowercase, compatibility-decomposed, accents stripped, œ → oe, typographic
   apostrophes/quotes/dashes and every kind of space made plain. Matching is accent- and
   case-insensitive because people type « main d'oeuvre » as often as « main-d'œuvre ».
2. *digitize*: numbers written in words become digits through text2num's ``find_numbers``
   (« trois ans » → « 3 ans »), with the spoken conventions text2num does not know:
   « un million deux » is 1 200 000, not 1 000 002.
3. « pour cent » after a number becomes « % ».

The regular expressions then run on that last layer.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar, cast

from text_to_num import find_numbers

__all__ = [
    "Amount",
    "ClauseKind",
    "CLAUSE_KINDS",
    "Extraction",
    "Lot",
    "Percentage",
    "PercentageRole",
    "TradeEntry",
    "TradeMatch",
    "extract",
    "find_clause_kind",
    "find_trade",
    "find_trades",
    "fold",
    "normalize",
    "parse_amount",
    "parse_amounts",
    "parse_duration_months",
    "parse_etp_base",
    "parse_hourly_cost",
    "parse_hours",
    "parse_labour_share",
    "parse_lots",
    "parse_monthly_hours",
    "parse_penalty_per_hour",
    "parse_percentages",
    "parse_rate",
    "parse_weight",
    "trades_from_grid",
]

_LOG = logging.getLogger(__name__)

# Tests of robustness flip this to surface bugs that the public wrappers would otherwise
# swallow (a user must get "nothing understood", a developer must get the traceback).
_RAISE_ERRORS = False

_P = ParamSpec("_P")
_R = TypeVar("_R")

PercentageRole = Literal["rate", "labour_share", "weight", "other"]
ClauseKind = Literal[
    "reserved-both",
    "reserved-ea-esat",
    "reserved-siae",
    "reserved-ess",
    "insertion-market",
    "cleaning-transfer",
    "penalties",
    "hours-report",
    "start-letter",
    "globalisation",
    "framework-agreement",
    "criterion",
    "announcement",
    "execution",
]
# A trade as the caller supplies it: (id, label, synonyms), or a mapping with those keys
# (the shape of an entry of sizing_grid.yaml).
TradeEntry = tuple[str, str, Sequence[str]] | Mapping[str, Any]

Span = tuple[int, int]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money in euros. ``span`` slices the original text.

    ``market`` says the amount is tied to the market by its wording (« marché de »,
    « lot de », « montant »…); ``tax`` is "HT", "TTC" or None when not said.
    """

    value: float
    span: Span
    text: str
    tax: str | None = None
    market: bool = False


@dataclass(frozen=True, slots=True)
class Percentage:
    """A percentage as a fraction (0.05 for « 5 % »).

    ``explicit`` is False when the role was inferred rather than written: a lone
    unqualified « 5 % » in a sizing request is read as the insertion rate.
    """

    value: float
    role: PercentageRole
    span: Span
    text: str
    explicit: bool = True


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


@dataclass(frozen=True, slots=True)
class Extraction:
    """Every parameter read from one message; None (or empty) when the text does not say it."""

    amount: float | None = None
    rate: float | None = None
    labour_share: float | None = None
    weight: float | None = None
    months: int | None = None
    hourly_cost: float | None = None
    hours: int | None = None
    monthly_transferred_hours: int | None = None
    etp_base: int | None = None
    trade: TradeMatch | None = None
    lots: tuple[Lot, ...] = field(default_factory=tuple)
    clause_kind: ClauseKind | None = None
    penalty_per_hour: float | None = None

    @property
    def trade_id(self) -> str | None:
        return self.trade.id if self.trade else None

    def found(self) -> dict[str, Any]:
        """The parameters actually present, for logs and tool calls."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value is None or value == ():
                continue
            if isinstance(value, TradeMatch):
                value = value.id
            elif name == "lots":
                value = [lot.number for lot in value]
            out[name] = value
        return out


# --------------------------------------------------------------------------- safety net


def _never_raise(
    default: Callable[[], Any],
) -> Callable[[Callable[Concatenate[str, _P], _R]], Callable[Concatenate[str, _P], _R]]:
    """Turn any failure into the "nothing found" value: a chat turn must not crash on text."""

    def decorate(func: Callable[Concatenate[str, _P], _R]) -> Callable[Concatenate[str, _P], _R]:
        @functools.wraps(func)
        def wrapper(text: str, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            if not isinstance(text, str):
                return cast(_R, default())
            try:
                return func(text, *args, **kwargs)
            except Exception:
                if _RAISE_ERRORS:
                    raise
                _LOG.warning("French parser %s failed; treated as nothing found", func.__name__, exc_info=True)
                return cast(_R, default())

        return wrapper

    return decorate


# --------------------------------------------------------------------------- normalisation

_APOSTROPHES = "\u2019\u2018\u201b\u02bc\u02bb\u00b4\u0060\u2032\uff07"
_QUOTES = "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033\u2039\u203a"
_SPACES = "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"

_CHAR_MAP: dict[int, str] = {}
_CHAR_MAP.update({ord(c): "'" for c in _APOSTROPHES})
_CHAR_MAP.update({ord(c): '"' for c in _QUOTES})
_CHAR_MAP.update({ord(c): " " for c in _SPACES})
_CHAR_MAP.update({ord(c): "-" for c in _DASHES})
# Control characters are noise from copy-paste; a space keeps neighbouring words apart.
_CONTROL_MAP: dict[int, str] = {c: " " for c in range(32) if chr(c) not in "\n\t"}
_CONTROL_MAP[127] = " "
_ASCII_MAP = {**_CONTROL_MAP, ord("`"): "'"}


def normalize(text: str) -> str:
    """Lowercase NFC text with plain apostrophes, quotes, dashes and spaces.

    Accents are kept (this is the text to show or store); see :func:`fold` for matching.
    """
    if not isinstance(text, str):
        return ""
    lowered = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).lower())
    return lowered.translate(_CHAR_MAP).translate(_CONTROL_MAP)


_FOLD_CACHE: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    cached = _FOLD_CACHE.get(ch)
    if cached is not None:
        return cached
    mapped = _CHAR_MAP.get(ord(ch))
    if mapped is not None:
        out = mapped
    else:
        category = unicodedata.category(ch)
        if category == "Cc":
            out = ch if ch in "\n\t" else " "
        elif category == "Cf":
            out = ""  # zero-width spaces, soft hyphens, BOM: invisible, so they must not split words
        elif category in ("Cs", "Zs"):
            out = " "
        elif category in ("Zl", "Zp"):
            out = "\n"
        else:
            # NFKD also maps fullwidth digits, ligatures and « º » to their plain forms.
            decomposed = unicodedata.normalize("NFKD", ch.lower())
            out = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
            out = out.translate(_CHAR_MAP).replace("œ", "oe").replace("æ", "ae")
    if len(_FOLD_CACHE) < 50_000:
        _FOLD_CACHE[ch] = out
    return out


@dataclass(frozen=True, slots=True)
class _Layer:
    """A rewritten text with, for each of its characters, the original span it comes from."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, start: int, end: int) -> Span:
        if end <= start or start >= len(self.text):
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


_ASCII_RUN_RE = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")


def _fold_layer(text: str) -> _Layer:
    if text.isascii():
        # Fast path for the common case: same length, identity map.
        n = len(text)
        return _Layer(text.lower().translate(_ASCII_MAP), range(n), range(1, n + 1))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for run in _ASCII_RUN_RE.finditer(text):
        i, chunk = run.start(), run.group()
        if len(chunk) > 1 or chunk.isascii():
            pieces.append(chunk.lower().translate(_ASCII_MAP))
            starts.extend(range(i, i + len(chunk)))
            ends.extend(range(i + 1, i + len(chunk) + 1))
            continue
        out = _fold_char(chunk)
        if out:
            pieces.append(out)
            starts.extend([i] * len(out))
            ends.extend([i + 1] * len(out))
        elif ends and unicodedata.combining(chunk):
            ends[-1] = i + 1  # a decomposed accent belongs to the letter before it
    return _Layer("".join(pieces), starts, ends)


def fold(text: str) -> str:
    """Accent-free, lowercase variant of :func:`normalize` for matching (œ → oe, æ → ae)."""
    if not isinstance(text, str):
        return ""
    return _fold_layer(text).text


def _replace(layer: _Layer, replacements: list[tuple[int, int, str]]) -> _Layer:
    """Apply sorted, non-overlapping (start, end, new) replacements, keeping the map."""
    if not replacements:
        return layer
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for start, end, new in replacements:
        if start < pos or end <= start:
            continue
        parts.append(layer.text[pos:start])
        starts.extend(layer.starts[pos:start])
        ends.extend(layer.ends[pos:start])
        origin_start, origin_end = layer.starts[start], layer.ends[end - 1]
        parts.append(new)
        starts.extend([origin_start] * len(new))
        ends.extend([origin_end] * len(new))
        pos = end
    parts.append(layer.text[pos:])
    starts.extend(layer.starts[pos:])
    ends.extend(layer.ends[pos:])
    return _Layer("".join(parts), starts, ends)


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
        if _RAISE_ERRORS:
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


def _digitize(layer: _Layer) -> _Layer:
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
                head = _number_value(before.group(1), decimal_hint=True)
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
    return _replace(layer, replacements)


_PERCENT_WORDS_RE = re.compile(
    r"(?<=\d)\s*(?:pour[\s-]?(?:cent|100)|pourcents?|p\.\s?100)(?![\w])"
    r"(?!\s*(?:\d|mille|millions?|milliards?|euros?\b|€|eur\b))"
)


def _percent_words(layer: _Layer) -> _Layer:
    repl = [(m.start(), m.end(), " %") for m in _PERCENT_WORDS_RE.finditer(layer.text)]
    return _replace(layer, repl)


@dataclass(frozen=True, slots=True)
class _Doc:
    original: str
    folded: _Layer  # accents and case folded: clause kinds and trades
    work: _Layer  # folded + numbers in digits + « % »: every quantity


# Parameters are read in the first 20 000 characters: a request is never longer, and the cap
# bounds the time spent on pasted documents (spans stay valid: the prefix is unchanged).
MAX_CHARS = 20_000


@functools.lru_cache(maxsize=32)
def _prepare(text: str) -> _Doc:
    folded = _fold_layer(text[:MAX_CHARS])
    work = _percent_words(_digitize(folded))
    return _Doc(text, folded, work)


# --------------------------------------------------------------------------- digits

# A number as people write it: « 1 200 000 », « 1.200.000 », « 1,2 », « 7.5 », « 850 ».
# Not glued to letters or dashes, so « L2112-2 », « 2023-2027 » and « R2123-1 » never yield one.
_NUM = (
    r"(?<![\w.,/\-])(?P<num>\d{1,3}(?:[ ]\d{3})+(?:[.,]\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d+(?:[.,]\d+)?)(?!\d)"
)


_MAX_DIGITS = 15


def _number_value(raw: str, *, decimal_hint: bool = False) -> Decimal | None:
    """Read « 1 200 000 », « 1.200.000 », « 1,5 », « 1.200 » (1200, or 1.2 with a multiplier)."""
    s = raw.replace(" ", "")
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    elif "." in s:
        whole, frac = s.split(".")
        if len(frac) == 3 and not decimal_hint:
            s = whole + frac  # « 1.200 € » is twelve hundred in French writing
    try:
        value = Decimal(s)
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value.adjusted() > _MAX_DIGITS:
        return None  # a run of digits that long is an identifier, not a quantity
    return value


def _to_float(value: Decimal, places: int = 2) -> float:
    return round(float(value), places)


_CUT_ROLE_RE = re.compile(r".*(?:[\d%;!?\n€]|\.(?:\s|$))", re.S)
_CUT_SENTENCE_RE = re.compile(r".*(?:[%;!?\n€]|\.(?:\s|$))", re.S)
_CUT_AFTER_RE = re.compile(r"[;!?\n]|\.(?:\s|$)")


def _before(text: str, start: int, *, limit: int = 60, cut_digits: bool = True) -> str:
    """The words just before a quantity, back to the previous quantity or sentence."""
    window = text[max(0, start - limit) : start]
    m = (_CUT_ROLE_RE if cut_digits else _CUT_SENTENCE_RE).match(window)
    return window[m.end() :] if m else window


def _after(text: str, end: int, *, limit: int = 40) -> str:
    window = text[end : end + limit]
    m = _CUT_AFTER_RE.search(window)
    return window[: m.start()] if m else window


# --------------------------------------------------------------------------- amounts

_AMOUNT_RE = re.compile(
    _NUM
    + r"""
    (?P<mult>\s*(?:
        k\s?(?:€|eur(?:os?)?\b)|keur\b|k(?![\w€])
      | m\s?(?:€|eur(?:os?)?\b)|meur\b|mio\b|m(?=\s*(?:ht|ttc|(?:d'\s*)?euros?)\b)
      | millions?\b
      | mds?\s?(?:€|eur(?:os?)?\b)|mrds?\b|milliards?\b
      | mille\b
    ))?
    (?P<half>\s+et\s+demie?\b)?
    (?P<cur>\s*(?:d'\s*)?(?:€|euros?\b|eur\b))?
    (?P<tax>\s*(?:ht\b|h\.t\.?|ttc\b|t\.t\.c\.?|hors\s+tax\w*|toutes\s+taxes\s+comprises))?
    """,
    re.VERBOSE,
)
_PER_HOUR_AFTER_RE = re.compile(
    r"\s*(?:/\s*h(?:eures?)?(?![\w])|par\s+h(?:eures?)?\b|de\s+l'\s*heure|l'\s*heure|horaires?\b)"
)
_HOURLY_CUE_RE = re.compile(r"\b(?:cout|taux|salaire|prix|tarif)\s+horaires?\b[^\d]{0,30}$")
_PENALTY_CUE_RE = re.compile(r"\bpenalit\w*[^\d]{0,40}$")
_PENALTY_AFTER_RE = re.compile(r"^[^\d]{0,25}\b(?:non[\s-]+(?:realise|effectue|execute|faite)\w*|manquant\w*)")
_MARKET_CUE_RE = re.compile(
    r"\b(?:marches?|lots?|montants?|budgets?|enveloppes?|estim\w*|valeur|accord-cadre|operations?|contrats?)\b.{0,45}$",
    re.S,
)
_MARKET_CUE_TIGHT_RE = re.compile(
    r"\b(?:marche|lot|montant|budget|enveloppe|estim\w*|valeur)\b(?:\s+(?:global|total|estime|previsionnel))?"
    r"\s*(?:de|d'|:|=|a|est\s+de|s'eleve\s+a|de\s+l'ordre\s+de)?\s*$"
)
_NOT_MONEY_AFTER_RE = re.compile(
    r"\s*(?:d'\s*|de\s+)?(?:heures?\b|h\b|habitants|personnes|participants|etp\b|salaries|emplois|beneficiaires|marches|m2\b|km\b)"
)
_BARE_UNIT_AFTER_RE = re.compile(
    r"\s*(?:h\b|heures?|%|mois|ans?\b|annees?|etp|m2|m\b|km|jours?|personnes|salaries|lots?\b)"
)
_LOT_BEFORE_RE = re.compile(r"\blots?\s*(?:n\s*°\s*|no\.?\s*|numero\s*)?$")


@dataclass(frozen=True, slots=True)
class _Money:
    value: Decimal
    start: int  # in the work layer
    end: int
    tax: str | None
    market: bool
    per_hour: bool
    penalty: bool
    hourly_cue: bool


def _scan_money(doc: _Doc) -> list[_Money]:
    text = doc.work.text
    found: list[_Money] = []
    for m in _AMOUNT_RE.finditer(text):
        raw = m.group("num")
        start = m.start("num")
        mult_text = (m.group("mult") or "").strip()
        currency = bool(m.group("cur")) or "€" in mult_text or "eur" in mult_text
        tax_text = (m.group("tax") or "").strip()
        before_role = _before(text, start, cut_digits=False)
        if " " in raw and _LOT_BEFORE_RE.search(text, max(0, start - 20), start):
            # « lot 2 180 000 € »: the first group is the lot number, not thousands.
            head, _, raw = raw.partition(" ")
            start += len(head) + 1
        if mult_text.startswith("k"):
            factor = 10**3
        elif mult_text.startswith(("md", "mrd", "milliard")):
            factor = 10**9
        elif mult_text.startswith("mille"):
            factor = 10**3
        elif mult_text.startswith("m"):
            factor = 10**6
        else:
            factor = 1
        number = _number_value(raw, decimal_hint=factor > 1)
        if number is None:
            continue
        if m.group("half") and factor >= 10**6 and number == number.to_integral_value():
            number += Decimal("0.5")  # « deux millions et demi »
        after = text[m.end() : m.end() + 60]
        money_mult = factor > 1 and not mult_text.startswith("mille")
        if factor > 1 and not currency and _NOT_MONEY_AFTER_RE.match(after):
            continue  # « 25,1 millions d'heures »
        tight_cue = bool(_MARKET_CUE_TIGHT_RE.search(before_role))
        if not (currency or money_mult or tax_text):
            # A bare number is money only right after « marché de », « montant »…, and not a year.
            if not tight_cue or number < 1000 or _BARE_UNIT_AFTER_RE.match(after):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", raw):
                continue
        per_hour = bool(_PER_HOUR_AFTER_RE.match(after))
        penalty = bool(_PENALTY_CUE_RE.search(before_role)) or (per_hour and bool(_PENALTY_AFTER_RE.match(after)))
        hourly_cue = bool(_HOURLY_CUE_RE.search(before_role))
        tax = "HT" if tax_text.startswith("h") else ("TTC" if tax_text else None)
        found.append(
            _Money(
                value=number * factor,
                start=start,
                end=m.end(),
                tax=tax,
                market=tight_cue or bool(_MARKET_CUE_RE.search(before_role)),
                per_hour=per_hour,
                penalty=penalty,
                hourly_cue=hourly_cue,
            )
        )
    return found


def _amount_of(doc: _Doc, money: _Money) -> Amount:
    s, e = doc.work.span(money.start, money.end)
    return Amount(
        value=_to_float(money.value),
        span=(s, e),
        text=doc.original[s:e].strip(),
        tax=money.tax,
        market=money.market,
    )


def _market_amounts(doc: _Doc, monies: list[_Money]) -> list[Amount]:
    return [_amount_of(doc, m) for m in monies if not (m.per_hour or m.penalty or m.hourly_cue)]


def _best_amount(amounts: list[Amount]) -> float | None:
    """Tied to the market first; within those, an amount said HT beats one said TTC."""
    if not amounts:
        return None
    pool = [a for a in amounts if a.market] or amounts
    pool = [a for a in pool if a.tax != "TTC"] or pool
    return pool[0].value


def _hourly_cost(monies: list[_Money]) -> float | None:
    for money in monies:
        if (money.per_hour or money.hourly_cue) and not money.penalty:
            return _to_float(money.value)
    return None


def _penalty_per_hour(doc: _Doc, monies: list[_Money]) -> float | None:
    for money in monies:
        if money.penalty and (money.per_hour or "horaire" in _before(doc.work.text, money.start)):
            return _to_float(money.value)
    return None


@_never_raise(list)
def parse_amounts(text: str) -> list[Amount]:
    """Every sum of money that can be a market amount, in order, with spans (multi-lot requests).

    Hourly costs (« 30 €/h »), penalties and numbers without a money marker (years,
    articles, phone numbers, hours) are left out.
    """
    doc = _prepare(text)
    return _market_amounts(doc, _scan_money(doc))


@_never_raise(lambda: None)
def parse_amount(text: str) -> float | None:
    """The market amount in euros: the first one tied to the market by its wording, else the first."""
    return _best_amount(parse_amounts(text))


@_never_raise(lambda: None)
def parse_hourly_cost(text: str) -> float | None:
    """« 30 €/h », « 25 euros de l'heure », « coût horaire de 28 € » (penalties excluded)."""
    return _hourly_cost(_scan_money(_prepare(text)))


@_never_raise(lambda: None)
def parse_penalty_per_hour(text: str) -> float | None:
    """« pénalité de 50 € par heure », « 40 €/h non réalisée »: euros per missing hour."""
    doc = _prepare(text)
    return _penalty_per_hour(doc, _scan_money(doc))


# --------------------------------------------------------------------------- percentages

_PERCENT_RE = re.compile(_NUM + r"\s*%")
_RATE_FRACTION_RE = re.compile(r"\btaux(?:\s+d'insertion)?\s*(?:de|:|=|a|egal\s+a)?\s*" + _NUM + r"(?!\s*(?:%|[\w€]))")
_MO = r"(?:main[\s-]*d'\s*oeuvre|mo)\b"
_LABOUR_BEFORE_RE = re.compile(_MO + r"[^,;\d]{0,20}$")
_LABOUR_AFTER_RE = re.compile(r"^\s*(?:de\s+|d'\s*|en\s+)?(?:la\s+)?" + _MO)
_WEIGHT_BEFORE_RE = re.compile(r"\b(?:ponder\w*|poids|coefficient)\b[^,;\d]{0,25}$")
_WEIGHT_AFTER_RE = re.compile(r"^\s*(?:de\s+la\s+note|des\s+points|de\s+la\s+notation|du\s+total\s+des\s+points)")
_RATE_BEFORE_RE = re.compile(
    r"(?:\btaux(?:\s+d'insertion|\s+de\s+clause|\s+de\s+la\s+clause)?\s*(?:de|:|=|a|egal\s+a)?"
    r"|\bclause(?:\s+(?:d'insertion|sociale))?\s*(?:a|de|:)"
    r"|\binsertion\s*(?:de|a|:|=))\s*$"
)
# « et à 7 % ? » is a rate; « réservé à 50 % de travailleurs handicapés » is not.
_WEAK_RATE_BEFORE_RE = re.compile(r"\ba\s*$")
_RATE_AFTER_RE = re.compile(r"^\s*(?:des\s+heures|d'heures|d'insertion|du\s+(?:volume|nombre|total)\s+d'heures)")
_NOT_RATE_RE = re.compile(r"\b(?:tva|penalit\w*|remise|avance|revision|retenue)\b")
_QUALIFIED_AFTER_RE = re.compile(r"^\s*(?:de|du|des|d')\b")
# A lone percentage after these words measures something else (« taux de chômage 8 % »).
_NOT_INFERRED_RE = re.compile(
    r"\b(?:taux|chomage|hausse|baisse|augment\w*|inflation|marge|evolution|variation|actualisation|reduction)\b"
)
_MAX_INFERRED_RATE = Decimal(20)  # above this a lone percentage is not an insertion rate (disproportion threshold)


def _scan_percentages(doc: _Doc) -> list[Percentage]:
    text = doc.work.text
    found: list[tuple[int, Percentage]] = []
    for m in _PERCENT_RE.finditer(text):
        number = _number_value(m.group("num"), decimal_hint=True)
        if number is None:
            continue
        before = _before(text, m.start("num"), limit=50)
        after = _after(text, m.end())
        role: PercentageRole = "other"
        if _LABOUR_BEFORE_RE.search(before) or _LABOUR_AFTER_RE.match(after):
            role = "labour_share"
        elif _WEIGHT_BEFORE_RE.search(before) or _WEIGHT_AFTER_RE.match(after):
            role = "weight"
        elif not _NOT_RATE_RE.search(before + " " + after[:15]) and (
            _RATE_BEFORE_RE.search(before)
            or _RATE_AFTER_RE.match(after)
            or (_WEAK_RATE_BEFORE_RE.search(before) and not _QUALIFIED_AFTER_RE.match(after))
        ):
            role = "rate"
        s, e = doc.work.span(m.start("num"), m.end())
        explicit = True
        if role == "other" and (
            number <= _MAX_INFERRED_RATE
            and not _QUALIFIED_AFTER_RE.match(after)
            and not _NOT_RATE_RE.search(before)
            and not _NOT_INFERRED_RE.search(before)
        ):
            explicit = False  # unqualified: a candidate insertion rate, settled below
        found.append(
            (m.start(), Percentage(_to_float(number / 100, 6), role, (s, e), doc.original[s:e].strip(), explicit))
        )
    for m in _RATE_FRACTION_RE.finditer(text):
        number = _number_value(m.group("num"), decimal_hint=True)
        if number is None or not 0 < number < 1:
            continue
        s, e = doc.work.span(m.start("num"), m.end("num"))
        found.append((m.start("num"), Percentage(_to_float(number, 6), "rate", (s, e), doc.original[s:e].strip())))
    found.sort(key=lambda item: item[0])
    result = [p for _, p in found]
    # A lone unqualified « 5 % » in « 600 000 € HT sur 3 ans, 5 % » is the insertion rate,
    # but only when nothing else in the message is explicitly the rate.
    has_rate = any(p.role == "rate" for p in result)
    settled: list[Percentage] = []
    for p in result:
        if p.role == "other" and not p.explicit:
            if not has_rate:
                p = Percentage(p.value, "rate", p.span, p.text, explicit=False)
                has_rate = True
            else:
                p = Percentage(p.value, "other", p.span, p.text, explicit=True)
        settled.append(p)
    return settled


@_never_raise(list)
def parse_percentages(text: str) -> list[Percentage]:
    """Every percentage with its role: insertion rate, labour share, criterion weight or other."""
    return _scan_percentages(_prepare(text))


def _first_role(percentages: list[Percentage], role: PercentageRole) -> float | None:
    for p in percentages:
        if p.role == role and 0 <= p.value <= 1:
            return p.value
    return None


@_never_raise(lambda: None)
def parse_rate(text: str) -> float | None:
    """The insertion rate as a fraction (« taux d'insertion 7 % », « clause à 10 % » → 0.07, 0.10)."""
    return _first_role(parse_percentages(text), "rate")


@_never_raise(lambda: None)
def parse_labour_share(text: str) -> float | None:
    """The labour share as a fraction (« 70 % de main-d'œuvre », « part de MO 50 % »)."""
    return _first_role(parse_percentages(text), "labour_share")


@_never_raise(lambda: None)
def parse_weight(text: str) -> float | None:
    """The weight of an award criterion as a fraction (« pondéré à 10 % », « pondération 15 % »)."""
    return _first_role(parse_percentages(text), "weight")


# --------------------------------------------------------------------------- durations

_DURATION_RE = re.compile(
    r"(?:(?<![\w.,/\-])(?P<num>\d{1,3}(?:[.,]\d+)?)|\b(?P<one>une?))"
    r"\s*(?P<unit>mois|ans?|annees?)\b"
    r"(?P<half>\s*et\s+demie?\b)?"
    r"(?:\s*(?:et\s+)?(?P<extra>\d{1,2})\s*mois\b)?"
)
_NOT_DURATION_BEFORE_RE = re.compile(
    r"(?:\b(?:moins|plus|depuis|au\s+moins|d'au\s+moins|age\w*|jeunes?|seniors?|de\s+\d+\s+a)\s*(?:de\s+)?$"
    r"|\bcd[di]\s+(?:de\s+)?$|\bcontrats?\s+(?:de\s+)?$)"
)
_NOT_DURATION_AFTER_RE = re.compile(
    r"^\s*(?:et\s+plus|revolus|d'anciennete|d'experience|de\s+chomage|d'inscription|minimum|d'age)"
)
_DURATION_CUE_RE = re.compile(r"\b(?:sur|pendant|durant|duree[^\d,;]{0,15}|pour|d'une\s+duree\s+de)\s*$")


@_never_raise(lambda: None)
def parse_duration_months(text: str) -> int | None:
    """The market duration in months: « 18 mois », « 3 ans », « 2 ans et demi » (30), « un an ».

    Ages and seniority (« moins de 26 ans », « depuis 12 mois ») and years (« 2026 ») are not durations.
    """
    doc = _prepare(text)
    work = doc.work.text
    first: int | None = None
    for m in _DURATION_RE.finditer(work):
        before = work[max(0, m.start() - 30) : m.start()]
        if _NOT_DURATION_BEFORE_RE.search(before) or _NOT_DURATION_AFTER_RE.match(work[m.end() : m.end() + 30]):
            continue
        if m.group("one"):
            if m.group("unit") == "mois":
                continue  # « un mois » is rare as a market duration and « une mois » is not French
            number: Decimal | None = Decimal(1)
        else:
            number = _number_value(m.group("num"), decimal_hint=True)
        if number is None or number <= 0:
            continue
        months = number if m.group("unit") == "mois" else number * 12
        if m.group("half"):
            months += 6 if m.group("unit") != "mois" else Decimal("0.5")
        if m.group("extra"):
            months += int(m.group("extra"))
        value = int(round(months))
        if not 0 < value <= 1200:
            continue
        if _DURATION_CUE_RE.search(before):
            return value
        if first is None:
            first = value
    return first


# --------------------------------------------------------------------------- hours

_HOURS_RE = re.compile(_NUM + r"\s*(?P<unit>heures?\b|hrs?\b|h(?![\w/])(?!\s?\d))")
_PER_PERIOD_AFTER_RE = re.compile(
    r"\s*(?:(?:de\s+travail\s+)?(?:/\s*|par\s+|chaque\s+|tous\s+les\s+)"
    r"(?:mois|semaines?|sem|jours?|ans?|annees?|etp|personnes?|salaries?)\b"
    r"|(?:mensuel|hebdomadaire|annuel|quotidien)\w*)"
)
_MONTHLY_RE = re.compile(
    _NUM + r"\s*(?:heures?|h)\s*(?:de\s+travail\s+)?(?:/\s*mois|par\s+mois|chaque\s+mois|mensuel(?:le)?s?)\b"
)
_ETP_BASE_RES = (
    re.compile(r"\bbase\s*(?:annuelle\s*)?(?:de\s+|d'\s*|:\s*|=\s*)?" + _NUM + r"(?:\s*(?:h\b|heures?))?"),
    re.compile(_NUM + r"\s*(?:h|heures?)\s*(?:/\s*|par\s+)(?:etp|an|annee)\b"),
    re.compile(_NUM + r"\s*(?:h|heures?)\s*annuel\w*"),
    re.compile(r"\b(?:etp|temps\s+plein)\s*(?:a|de|=|:|sur\s+la\s+base\s+de)\s*" + _NUM + r"\s*(?:h\b|heures?)"),
    re.compile(r"(?<![\w'])a\s+" + _NUM + r"\s*(?:h\b|heures?\b)(?!\s*d'insertion)"),
)
_ETP_BASE_RANGE = (1000, 2500)
_LOOSE_ETP_BASE_RANGE = (1400, 2000)  # « à 1 820 heures » is a base only when it looks like a year of work


_ETP_CONTEXT_RE = re.compile(r"\betp\b|\btemps\s+plein\b")


def _etp_bases(doc: _Doc) -> list[tuple[int, int, int]]:
    text = doc.work.text
    found: list[tuple[int, int, int]] = []
    etp_context = bool(_ETP_CONTEXT_RE.search(text))
    for index, pattern in enumerate(_ETP_BASE_RES):
        loose = index == len(_ETP_BASE_RES) - 1
        if loose and not etp_context:
            continue  # « une clause à 1 500 heures » is a volume of hours, not a base
        low, high = _LOOSE_ETP_BASE_RANGE if loose else _ETP_BASE_RANGE
        for m in pattern.finditer(text):
            number = _number_value(m.group("num"))
            if number is None or not low <= number <= high:
                continue
            found.append((m.start("num"), m.end(), int(round(number))))
    found.sort()
    return found


@_never_raise(lambda: None)
def parse_etp_base(text: str) -> int | None:
    """The annual hours of one full-time equivalent: « base 1 600 h », « à 1 820 heures »."""
    bases = _etp_bases(_prepare(text))
    return bases[0][2] if bases else None


@_never_raise(lambda: None)
def parse_hours(text: str) -> int | None:
    """Insertion hours given by the user (« 1 000 heures », « 1000 h », « 500 heures d'insertion »).

    Per-period hours (« 400 h/mois », « 35 h par semaine »), ETP bases and clock times are not.
    """
    doc = _prepare(text)
    work = doc.work.text
    bases = _etp_bases(doc)
    for m in _HOURS_RE.finditer(work):
        start = m.start("num")
        if any(s <= start < e for s, e, _ in bases):
            continue
        if _PER_PERIOD_AFTER_RE.match(work, m.end()):
            continue
        if re.search(r"(?:€|euros?|eur)\s*/?\s*$", work[max(0, start - 8) : start]):
            continue
        number = _number_value(m.group("num"))
        if number is None or number <= 0:
            continue
        return int(round(number))
    return None


@_never_raise(lambda: None)
def parse_monthly_hours(text: str) -> int | None:
    """Hours per month of transferred staff (cleaning): « 400 h/mois », « 400 heures par mois »."""
    m = _MONTHLY_RE.search(_prepare(text).work.text)
    if not m:
        return None
    number = _number_value(m.group("num"))
    return int(round(number)) if number is not None and number > 0 else None


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
    doc = _prepare(text)
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


@_never_raise(lambda: None)
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


@_never_raise(list)
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


@_never_raise(list)
def parse_lots(text: str) -> list[Lot]:
    """Numbered lots: « lot 2 », « Lot 3 - peinture » (label « peinture »), « lots 1 à 3 » (1, 2, 3)."""
    doc = _prepare(text)
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


# --------------------------------------------------------------------------- clause kinds

_RESERVE = r"\breserv\w*"
_EA = (
    r"\b(?:esat|ea|entreprises?\s+adaptees?|etablissements?\s+(?:et\s+services?\s+)?d'aide\s+par\s+le\s+travail"
    r"|handicap\w*|travailleurs\s+handicapes|l\.?\s?2113-12)\b"
)
_SIAE_STRONG = r"\b(?:siae|structures?\s+d'insertion|entreprises?\s+d'insertion|l\.?\s?2113-13|ei|aci|etti)\b"
_SIAE = r"(?:" + _SIAE_STRONG + r"|\binsertion\b)"


def _near(a: str, b: str, distance: int = 80) -> re.Pattern[str]:
    return re.compile(rf"{a}.{{0,{distance}}}?{b}|{b}.{{0,{distance}}}?{a}", re.S)


def _reserved_both(folded: str) -> bool:
    if not re.search(_RESERVE, folded):
        return False
    if re.search(_EA, folded) and re.search(_SIAE_STRONG, folded):
        return True
    return bool(re.search(_RESERVE + r"\s+(?:[\w']+\s+){0,3}?(?:aux|les|a\s+la\s+fois\s+aux)\s+deux\b", folded))


def _matcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda folded: pattern.search(folded) is not None


# Precedence, most specific first, and why:
# - a reservation changes the whole procedure, so it dominates the document asked for
#   (« avis de marché réservé aux SIAE » → reserved-siae); both beneficiaries beat either one;
# - the insertion market (insertion as the object) and the cleaning transfer are special regimes;
# - then the named documents (penalties article, hours report, start letter, globalisation
#   convention), more specific than the generic clause they belong to;
# - framework agreements change the sizing, so they beat the generic kinds;
# - of the generic kinds, the criterion beats the announcement (a sub-criterion lives in the RC)
#   and the execution clause comes last (« clause d'insertion » appears in everything).
_CLAUSE_RULES: tuple[tuple[ClauseKind, Callable[[str], bool]], ...] = (
    ("reserved-both", _reserved_both),
    ("reserved-ea-esat", _matcher(_near(_RESERVE, _EA))),
    ("reserved-siae", _matcher(_near(_RESERVE, _SIAE))),
    ("reserved-ess", _matcher(re.compile(r"\b(?:ess|economie\s+sociale\s+et\s+solidaire|l\.?\s?2113-15)\b"))),
    (
        "insertion-market",
        _matcher(
            re.compile(
                r"\bmarches?\s+d'insertion\b|\bex-?\s?art(?:icle|\.)?\s*30\b|\bancien\s+article\s+30\b"
                r"|\br\.?\s?2123-1\b|\bmarches?\s+de\s+qualification\b|\bqualification\s+et\s+d'insertion\b"
            )
        ),
    ),
    (
        "cleaning-transfer",
        _matcher(re.compile(r"\b(?:reprise|transfert)\s+(?:du|de|des)\s+(?:personnel|salaries)\b|\bannexe\s+7\b")),
    ),
    # « … avec une pénalité de 50 € » describes the clause asked for, not a penalties article.
    (
        "penalties",
        _matcher(
            re.compile(
                r"(?<!avec )(?<!avec une )(?<!avec des )(?<!avec la )(?<!et une )(?<!et des )\bpenalit\w*|\bsanctions?\b"
            )
        ),
    ),
    (
        "hours-report",
        _matcher(
            re.compile(
                r"\btableaux?\s+de\s+suivi\b|\brapports?\s+mensuels?\b|\breporting\b"
                r"|\b(?:suivi|bilans?|etats?|releves?)\s+(?:mensuels?\s+)?des\s+heures\b|\betats?\s+mensuels?\b"
            )
        ),
    ),
    (
        "start-letter",
        _matcher(
            re.compile(
                r"\bcourriers?\b|\b(?:lettre|mail|e-?mail|reunion|note)s?\s+de\s+(?:lancement|demarrage)\b"
                r"|\b(?:lancement|demarrage)\s+de\s+la\s+clause\b"
            )
        ),
    ),
    ("globalisation", _matcher(re.compile(r"\bglobalis\w*|\bmutualis\w*|\bconventions?\b(?!\s+collectives?)"))),
    ("framework-agreement", _matcher(re.compile(r"\baccords?[\s-]+cadres?\b|\bbons?\s+de\s+commandes?\b"))),
    (
        "criterion",
        _matcher(
            re.compile(
                r"\b(?:sous-?\s?)?criteres?\b(?!\s+d'(?:eligibilite|age)\b)|\bperformances?\s+en\s+matiere\s+d'insertion\b|\bponder\w*|\bnotation\b"
            )
        ),
    ),
    (
        "announcement",
        _matcher(
            re.compile(
                r"\bavis\s+(?:de\s+marche|d'appel\s+public|d'appel\s+a\s+la\s+concurrence|de\s+publicite)"
                r"|\breglements?\s+de\s+(?:la\s+)?consultation\b|\brc\b|\bannonces?\b|\baapc\b|\bpublicite\b"
            )
        ),
    ),
    (
        "execution",
        _matcher(
            re.compile(
                r"\bclauses?\s+(?:d'insertion|sociales?|d'execution)\b|\bconditions?\s+d'execution\b"
                r"|\b(?:article|clause)s?\s+(?:du|de|dans\s+le)\s+ccap\b|\bccap\b|\bcahier\s+des\s+clauses\b"
            )
        ),
    ),
)
CLAUSE_KINDS: tuple[ClauseKind, ...] = tuple(kind for kind, _ in _CLAUSE_RULES)
# Long inputs are checked on their beginning only, where people say what they want.
_CLAUSE_SCAN_LIMIT = 5000


@_never_raise(lambda: None)
def find_clause_kind(text: str) -> ClauseKind | None:
    """The kind of clause or document asked about, by the precedence documented above."""
    folded = _prepare(text).folded.text[:_CLAUSE_SCAN_LIMIT]
    for kind, matches in _CLAUSE_RULES:
        if matches(folded):
            return kind
    return None


# --------------------------------------------------------------------------- all at once


@_never_raise(Extraction)
def extract(text: str, trades: Iterable[TradeEntry] | None = None) -> Extraction:
    """Every parameter of one message; nothing is guessed (None when the text does not say it)."""
    doc = _prepare(text)
    monies = _scan_money(doc)  # scanned once: amounts, hourly cost and penalty share it
    percentages = _scan_percentages(doc)
    return Extraction(
        amount=_best_amount(_market_amounts(doc, monies)),
        rate=_first_role(percentages, "rate"),
        labour_share=_first_role(percentages, "labour_share"),
        weight=_first_role(percentages, "weight"),
        months=parse_duration_months(text),
        hourly_cost=_hourly_cost(monies),
        hours=parse_hours(text),
        monthly_transferred_hours=parse_monthly_hours(text),
        etp_base=parse_etp_base(text),
        trade=find_trade(text, trades),
        lots=tuple(parse_lots(text)),
        clause_kind=find_clause_kind(text),
        penalty_per_hour=_penalty_per_hour(doc, monies),
    )
