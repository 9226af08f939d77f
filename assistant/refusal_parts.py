"""The parts of a refusal beyond its « Non », reason and lawful way: the legal source and who can help.

A refusal the user can act on says four things: « Non », why (with the rule's source, or « à vérifier » when no
stored text gives it), the lawful way that fits the request, and who can help take it (the facilitator, the
buyer, a legal service…). The conduct rules carry their reasons and lawful ways (``prompts/conduct.yaml``); the
helpers, and every part of the legal guardrails' refusals (:mod:`assistant.guardrails`), live in
``<prompts_dir>/refusals.yaml``, so a refusal route never has to invent what to say or who to ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.yaml_data import load_yaml


class UnknownHelper(ValueError):
    """A refusal names a helper that ``prompts/refusals.yaml`` does not define."""


class UnknownGuardrail(ValueError):
    """A legal guardrail refused a request, and the refusals file gives no reason and lawful way for its kind."""


@dataclass(frozen=True)
class GuardrailParts:
    reason: str  # why the law forbids it, in French
    alternative: str  # the lawful way, in French, written to follow « Alternative légale : »
    basis: str | None = None  # the source of the reason, when the reason itself cites none
    ask: tuple[str, ...] = ()  # helper keys


@dataclass(frozen=True)
class RefusalParts:
    helpers: dict[str, str] = field(default_factory=dict)  # key → who, in French
    guardrails: dict[str, GuardrailParts] = field(default_factory=dict)  # guardrail kind → its parts

    def who(self, keys: Iterable[str]) -> tuple[str, ...]:
        """The French names of the helpers ``keys`` names, in order; an unknown key is a data error. Without a
        refusals file (a prompts folder made of the conduct rules alone) no rule names anyone."""
        if not self.helpers:
            return ()
        names = []
        for key in keys:
            if key not in self.helpers:
                raise UnknownHelper(f"interlocuteur inconnu : {key!r}")
            names.append(self.helpers[key])
        return tuple(names)

    def of_guardrail(self, kind: str) -> GuardrailParts:
        """The parts of one legal guardrail kind's refusal; a kind the file does not list is a data error."""
        if kind not in self.guardrails:
            raise UnknownGuardrail(f"garde-fou sans motif ni alternative dans refusals.yaml : {kind!r}")
        return self.guardrails[kind]


def _clean(text: object) -> str:
    return " ".join(str(text).split())


@lru_cache(maxsize=4)
def load_refusal_parts(path: Path) -> RefusalParts:
    """The helpers and the guardrails' parts of a refusals file (``<prompts_dir>/refusals.yaml``), read once; an
    absent file gives none (a prompts folder of a test, written without it)."""
    if not path.is_file():
        return RefusalParts()
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    helpers = {str(key): _clean(text) for key, text in (data.get("helpers") or {}).items()}
    guardrails = {
        str(kind): GuardrailParts(
            _clean(raw["reason"]),
            _clean(raw["alternative"]),
            _clean(raw["basis"]) if raw.get("basis") else None,
            tuple(str(key) for key in raw.get("ask") or ()),
        )
        for kind, raw in (data.get("guardrails") or {}).items()
    }
    return RefusalParts(helpers, guardrails)
