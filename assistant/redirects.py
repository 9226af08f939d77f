"""Short redirects for out-of-scope questions, kept as data in ``prompts/redirects.yaml``.

The first topic whose keywords occur in the folded message names the service to ask
(RSA → CAF and the Department's social services, taxes → impots.gouv.fr, a job search
→ France Travail…); otherwise a default redirect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.fr import fold


@dataclass(frozen=True)
class Topic:
    id: str
    pattern: re.Pattern[str]
    answer: str


@dataclass(frozen=True)
class Redirects:
    intro: str
    default: str
    topics: tuple[Topic, ...]

    def topic(self, message: str) -> Topic | None:
        folded = fold(message)
        return next((topic for topic in self.topics if topic.pattern.search(folded)), None)

    def answer(self, message: str) -> str:
        topic = self.topic(message)
        return f"{self.intro} {(topic.answer if topic else self.default).strip()}"


def load_redirects(path: Path) -> Redirects:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    topics = []
    for raw in data.get("topics") or []:
        words = [fold(str(word)) for word in raw.get("keywords") or [] if str(word).strip()]
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
        topics.append(Topic(str(raw["id"]), pattern, str(raw["answer"])))
    return Redirects(str(data.get("intro", "")).strip(), str(data.get("default", "")).strip(), tuple(topics))
