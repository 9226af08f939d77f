"""Normalising and folding French text, with a map from the folded text back to the original."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int]

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
class Layer:
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


def fold_layer(text: str) -> Layer:
    if text.isascii():
        # Fast path for the common case: same length, identity map.
        n = len(text)
        return Layer(text.lower().translate(_ASCII_MAP), range(n), range(1, n + 1))
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
    return Layer("".join(pieces), starts, ends)


def fold(text: str) -> str:
    """Accent-free, lowercase variant of :func:`normalize` for matching (œ → oe, æ → ae)."""
    if not isinstance(text, str):
        return ""
    return _folded(text)


# A turn folds the same message some forty times (each cue, rule and parser folds what it reads) and
# the same trade names on every sizing turn: a pure function of the text, kept for the recent texts.
@lru_cache(maxsize=2048)
def _folded(text: str) -> str:
    return fold_layer(text).text


def replace_spans(layer: Layer, replacements: list[tuple[int, int, str]]) -> Layer:
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
    return Layer("".join(parts), starts, ends)


_WORD_SEPARATORS_RE = re.compile(r"[\-'`_/]")
_NOT_WORD_RE = re.compile(r"[^\w\s%.,;:!?()«»\"]")
_SPACES_RE = re.compile(r"\s+")


def fold_words(text: str) -> str:
    """:func:`fold`, with hyphens, apostrophes and symbols made spaces and spaces collapsed.

    The form for comparing names and matching phrases word by word: « main-d'œuvre »
    and « main d oeuvre » compare equal.
    """
    return _folded_words(fold(text))


@lru_cache(maxsize=2048)  # the same texts again and again, as for fold
def _folded_words(folded: str) -> str:
    words = _NOT_WORD_RE.sub(" ", _WORD_SEPARATORS_RE.sub(" ", folded))
    return _SPACES_RE.sub(" ", words).strip()


def strip_accents(text: str) -> str:
    """``text`` without accents (œ → oe, æ → ae), case kept: the last step of the search analyzer."""
    if text.isascii():  # most words: nothing to strip (the loop below costs more than the rest of the analyzer)
        return text
    text = text.replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
