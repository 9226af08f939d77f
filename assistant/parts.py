"""The parts of a message that asks several things, and the situation told before them (pure).

Users often tell a situation, then ask two or three things: « Elle me demande si elle peut passer
par une ETTI. C'est OK ? Et dans ce cas je compte comment les heures ? ». The message is read as:

- sentences, split after « . ! ? … » and at line breaks;
- a sentence asks when it ends with « ? » or opens the way one asks (``openers`` of
  ``prompts/parts.yaml`` and the yes/no openers of ``prompts/yes_no.yaml``); when no sentence asks,
  the last one does;
- inside one asking sentence, a connector (« et », « ou bien », « et dans ce cas »…) followed by a
  question opener separates two questions, when the words before it open a question too;
- a piece naming almost nothing (« C'est OK ? », « et ça compte ? ») leans on what comes just before:
  it is joined to the part before it, or to the sentence of the situation it follows (« Elle me
  demande si elle peut passer par une ETTI. C'est OK ? » is one part);
- a piece that neither opens the way one asks nor asks for a fact, a way or a reason details the part
  before it (« Quels justificatifs ? attestation, contrats, relevés ? », « qui porte les heures ? le
  mandataire seul ? »): joined to it;
- the sentences told before or between the parts are the situation: context for every part, not a part.

A part pointing back at the one before (« on peut cumuler les deux ? », ``refers_back``) is read with
that part as context too (:meth:`AskedMessage.context`).

A coarser reading, :func:`question_sentences` (whole sentences ending with « ? », nothing split or
joined), is what the card matcher weighs as asked. It also keeps the second « ? » sentence that
``split_asked`` joins to the first (« c'est quoi un marché réservé ? un BET peut y répondre ? »): when
no part plan answers the message, that sentence may still get its own card (``guides._other_part``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.fr import fold
from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml
from assistant.yes_no import asks_open, load_lexicon

LEXICON = PROJECT_ROOT / "prompts" / "parts.yaml"

# a one-letter abbreviation or « art. » (« art. R. 2152-7 ») ends no sentence
_SENTENCE = re.compile(r"(?<=[.!?…])(?<!\b\w\.)(?<!\bart\.)\s+|\n+")
_MIN_KEY_WORDS = 2  # a piece naming fewer key words than this leans on what comes before it
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*\?*$")  # « attestation, pass IAE... ? »: examples of what was asked
# « on le note comment ? », « qui la signe ? »: an object pronoun before the verb points back (not « il y a »).
_PRONOUN = re.compile(
    r"\b(?:je|j'|tu|il|elle|on|nous|vous|ils|elles|qui|ne|n')\s*(?:le|la|les|l'|lui|leur|y(?! a\b))\b"
)


@dataclass(frozen=True)
class PartsLexicon:
    openers: tuple[str, ...]
    connectors: tuple[str, ...]
    examples: tuple[str, ...] = ()
    refers_back: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()


@dataclass(frozen=True)
class AskedMessage:
    situation: str  # what the message tells around its questions: context for every part
    parts: tuple[str, ...]  # what it asks, in the order asked

    def context(self, index: int, lexicon: PartsLexicon | None = None) -> str:
        """What part ``index`` is read with, as light context: the situation, and the part before it when it
        points back at it (« on peut cumuler les deux ? »)."""
        before = self.parts[index - 1] if index and refers_back(self.parts[index], lexicon) else ""
        return " ".join(text for text in (self.situation, before) if text)


@lru_cache(maxsize=2)
def load_parts_lexicon(path: Path = LEXICON) -> PartsLexicon:
    data = load_yaml(path.read_text(encoding="utf-8"))

    def listed(key: str) -> tuple[str, ...]:
        return tuple(data.get(key) or ())

    openers = listed("openers") + load_lexicon().openers
    return PartsLexicon(
        openers, listed("connectors"), listed("examples"), listed("refers_back"), listed("coordinators")
    )


def split_asked(
    message: str, key_words: Callable[[str], set[str]], lexicon: PartsLexicon | None = None
) -> AskedMessage:
    """The situation and the asked parts of ``message``; ``key_words`` gives the words of a text that say
    what it is about (a piece with fewer than ``_MIN_KEY_WORDS`` of them leans on what comes before)."""
    lexicon = lexicon or load_parts_lexicon()
    sentences = message_sentences(message)
    if not sentences:
        return AskedMessage("", ())
    asking = [n for n, sentence in enumerate(sentences) if _asks(sentence, lexicon)] or [len(sentences) - 1]
    told = {n: sentence for n, sentence in enumerate(sentences) if n not in asking}
    parts: list[str] = []
    last = -2  # the sentence the last part ends with
    pending = ""  # a leaning piece with nothing before it: joined to the next one
    pieces = [(n, piece) for n in asking for piece in _split_on_connectors(sentences[n], lexicon)]
    for n, piece in pieces:
        own = not _leans(piece, key_words, lexicon)
        if own and (not parts or _asks_on_its_own(piece, lexicon) or continues(piece, lexicon)):
            parts.append(f"{pending} {piece}".strip())
        elif parts and (own or last >= n - 1):  # « Q ? et ça compte ? », « Q ? le mandataire seul ? »
            parts[-1] = f"{parts[-1]} {piece}"
        elif n - 1 in told:  # « Elle me demande si elle peut passer par une ETTI. C'est OK ? »
            parts.append(f"{told.pop(n - 1)} {piece}")
        else:
            pending = f"{pending} {piece}".strip()
            continue
        pending, last = "", n
    if pending and parts:  # nothing followed it: part of the last question
        parts[-1] = f"{parts[-1]} {pending}"
    elif pending:  # it is all the message asks
        parts = [pending]
    return AskedMessage(" ".join(told[n] for n in sorted(told)), tuple(parts))


def question_sentences(message: str) -> list[str]:
    """The sentences of a message that end with « ? », read coarsely (no connector split, nothing joined):
    what the card matcher weighs as asked. A sentence of fewer than three words names nothing to match on,
    and a list of examples (« attestation, pass IAE... ? ») details the question before it."""
    return [s for s in _worded_sentences(message) if s.endswith("?") and not _ELLIPSIS.search(s)]


def asked_sentences(message: str) -> list[str]:
    """The sentences of a message that ask (:func:`question_sentences`), or its last one when none does."""
    return question_sentences(message) or _worded_sentences(message)[-1:]


def _worded_sentences(message: str) -> list[str]:
    return [sentence for sentence in message_sentences(message) if len(sentence.split()) >= 3]


def refers_back(part: str, lexicon: PartsLexicon | None = None) -> bool:
    """Whether a part points back at what was asked before it (« les deux », « dans ce cas », « on le… »)."""
    lexicon = lexicon or load_parts_lexicon()
    folded = fold(part)
    if _PRONOUN.search(folded):
        return True
    return any(re.search(rf"(?<![\w']){re.escape(word)}(?!\w)", folded) for word in lexicon.refers_back)


def continues(part: str, lexicon: PartsLexicon | None = None) -> bool:
    """Whether a part asks the question before it again about something else, its verb left out: it opens
    with a coordinator (« et un senior de 55 ans inscrit à France Travail ? », « et pour les petits travaux,
    ils ont les assurances ? »). It names its own subject, so it is a part of its own, read with the part
    before it as context (its frame)."""
    lexicon = lexicon or load_parts_lexicon()
    folded = re.sub(r"^[^\w]+", "", fold(part))
    return any(re.match(rf"{re.escape(word)}\s", folded) for word in lexicon.coordinators)


def _leans(piece: str, key_words: Callable[[str], set[str]], lexicon: PartsLexicon) -> bool:
    """Whether a piece asks nothing on its own: it names almost nothing (« C'est OK ? »), or it gives an
    example of what was just asked (« genre un saisonnier ? », « pass IAE... ? »)."""
    folded = fold(piece).strip()
    if len(key_words(piece)) < _MIN_KEY_WORDS or _ELLIPSIS.search(folded):
        return True
    return any(re.match(rf"{re.escape(marker)}(?!\w)", folded) for marker in lexicon.examples)


def message_sentences(message: str) -> list[str]:
    """The sentences of a message; punctuation left alone (« pass IAE... ? ») joins the sentence before."""
    sentences: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE.split(message)):
        if not sentence:
            continue
        if sentences and not re.search(r"\w", sentence):
            sentences[-1] = f"{sentences[-1]} {sentence}"
        else:
            sentences.append(sentence)
    return sentences


def _asks(sentence: str, lexicon: PartsLexicon) -> bool:
    return sentence.rstrip().endswith("?") or _opens_question(sentence, lexicon)


def _asks_on_its_own(piece: str, lexicon: PartsLexicon) -> bool:
    """Whether a piece asks a question of its own: it opens the way one asks, or asks for a fact, a way or a
    reason anywhere (« et dans ce cas je compte comment les heures ? »), not only names things
    (« le mandataire ou chaque cotraitant ? »)."""
    return _opens_question(piece, lexicon) or asks_open(fold(piece))


def _opens_question(text: str, lexicon: PartsLexicon) -> bool:
    opening = re.sub(r"^[^\w]+", "", fold(text))
    opening = re.sub(r"^(?:et|ou|mais|alors|donc|bonjour|bjr|ok|d'accord)\b\W*", "", opening)
    return any(re.match(rf"{re.escape(opener)}(?!\w)", opening) for opener in lexicon.openers)


def _split_on_connectors(sentence: str, lexicon: PartsLexicon) -> list[str]:
    """The questions of one sentence: split before a connector that a question opener follows, when the
    words before it open a question too (« il peut embaucher en CDD, et est-ce que ça compte ? »)."""
    connectors = "|".join(re.escape(c) for c in sorted(lexicon.connectors, key=len, reverse=True))
    pieces = [sentence]
    for found in reversed(list(re.finditer(rf"[\s,;]+(?=(?:{connectors})\s)", sentence, re.IGNORECASE))):
        head, rest = pieces[0][: found.end()], pieces[0][found.end() :]
        after = re.sub(rf"^(?:{connectors})\s+", "", rest, flags=re.IGNORECASE)
        if _opens_question(head, lexicon) and _opens_question(after, lexicon):
            pieces[0:1] = [head.strip(), rest.strip()]
    return pieces
