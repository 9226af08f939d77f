"""Questions about the follow-up data, answered from the data (facilitators only).

« combien d'heures réalisées en 2026 dans le Voironnais ? », « quels marchés sont en
retard ? », « combien d'allocataires du RSA cette année ? »: the question is read for an
indicator, a period and a territory; the indicator is computed; the answer gives the
figures and the definition used. A question that is not about the data (sizing a market,
the legal framework…) returns None and the conversation engine answers as usual.

The engine consults this answerer only when its caller passes one: the CLI with
``--suivi``, the API for an authenticated facilitator token. The public chat never does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from assistant.backends.base import Answer, Turn
from assistant.followup.codes import fold
from assistant.followup.period import Period
from assistant.followup.service import Followup
from assistant.followup.texts import Texts, day, hours, percent
from assistant.fr.formatting import MONTH_NUMBERS, fmt_number

# (indicator, pattern on the folded question); the first that matches wins.
INDICATORS: list[tuple[str, re.Pattern[str]]] = [
    ("late", re.compile(r"\ben retard\b|\bretards?\b|\ba relancer\b|\bsous[- ]realis")),
    (
        "exits",
        re.compile(
            r"\bsorties?\b.*\b(dynamiques?|emploi)\b|\bsorties? dynamiques?\b|\bsorties? a (6|12|six|douze) mois"
        ),
    ),
    ("rsa", re.compile(r"\b(allocataires?|beneficiaires?)\b.*\brsa\b|\brsa\b")),
    ("youth", re.compile(r"\bjeunes?\b|\bmoins de 26 ans\b")),
    ("women", re.compile(r"\bfemmes?\b")),
    ("siae", re.compile(r"\bsiae\b|\bstructures?\b")),
    ("recruitments", re.compile(r"\brecrutements?\b|\btypes? de contrats?\b|\bcontrats?\b")),
    ("clauses", re.compile(r"\btypes? de clauses?\b|\btypologie des clauses\b")),
    ("participants", re.compile(r"\bparticipants?\b|\bpersonnes\b|\bsalaries\b")),
    (
        "hours",
        re.compile(
            r"\bheures?\b.*\b(realise|prevu|effectue)|\b(realise|prevu)\w*\b.*\bheures?\b|\btaux de realisation\b"
        ),
    ),
]
# Words that tell a question about our own follow-up from a general one (« combien d'heures pour un marché de 1 M€ »).
DATA_MARKERS = re.compile(
    r"\b(20\d\d|cette annee|l'an dernier|l'annee derniere|annee derniere|ce mois|ce trimestre|ce semestre|"
    r"semestre|trimestre|depuis le debut|realisees?|realises|en retard|retards?|combien d'allocataires|"
    r"combien de (participants|personnes|jeunes|femmes|siae|structures|sorties|recrutements|salaries)|"
    r"nos |notre |mes |mon |suivi|bilan|sorties? dynamiques?)"
)
_SIZING = re.compile(r"\b(m€|k€|€|euros?|montant|dimensionn|combien d'heures (d'insertion )?pour)\b")


@dataclass(frozen=True)
class Query:
    indicator: str
    period: Period
    territory: str | None
    months: int = 6  # exits: 6 or 12


def _period(text: str, today: date) -> Period:
    range_match = re.search(r"du (\d{1,2})/(\d{1,2})/(\d{4}) au (\d{1,2})/(\d{1,2})/(\d{4})", text)
    if range_match:
        d1, m1, y1, d2, m2, y2 = (int(g) for g in range_match.groups())
        return Period(date(y1, m1, d1), date(y2, m2, d2))
    iso = re.findall(r"\b(\d{4}-\d{2}-\d{2})\b", text)
    if len(iso) == 2:
        return Period(date.fromisoformat(iso[0]), date.fromisoformat(iso[1]))
    month = re.search(r"\b(" + "|".join(MONTH_NUMBERS) + r")\s+(20\d\d)\b", text)
    if month:
        first = date(int(month.group(2)), MONTH_NUMBERS[month.group(1)], 1)
        return Period(first, first + relativedelta(months=1) - timedelta(days=1))
    year_match = re.search(r"\b(20\d\d)\b", text)
    year = int(year_match.group(1)) if year_match else today.year
    if re.search(r"l'an dernier|l'annee derniere|annee derniere", text):
        year = today.year - 1
    if re.search(r"(premier|1er) semestre", text):
        return Period(date(year, 1, 1), date(year, 6, 30))
    if re.search(r"(second|deuxieme|2e) semestre", text):
        return Period(date(year, 7, 1), date(year, 12, 31))
    if "depuis le debut de l'annee" in text:
        return Period(date(year, 1, 1), today)
    return Period.year(year)


def _territory(text: str, known: list[str], generic: frozenset[str] = frozenset()) -> str | None:
    """The known territory a word of the question names (« voironnais » → « Voironnais-Chartreuse »).

    Words of several territory names, and ``generic`` ones (« isère »), name none.
    """
    words = set(re.findall(r"[a-z0-9]+", text))
    counts: dict[str, int] = {}
    for name in known:
        for token in set(re.findall(r"[a-z0-9]+", fold(name))):
            counts[token] = counts.get(token, 0) + 1
    for name in known:
        tokens = [
            t for t in re.findall(r"[a-z0-9]+", fold(name)) if len(t) >= 5 and t not in generic and counts[t] == 1
        ]
        if any(t in words for t in tokens):
            return name
    return None


def parse_question(
    message: str, today: date, known_territories: list[str], generic_words: frozenset[str] = frozenset()
) -> Query | None:
    """The indicator, period and territory a question about the follow-up data asks for; None otherwise."""
    text = fold(message).replace("’", "'")
    if _SIZING.search(text) and "realis" not in text:
        return None
    territory = _territory(text, known_territories, generic_words)
    if not DATA_MARKERS.search(text) and territory is None:
        return None
    indicator = next((name for name, pattern in INDICATORS if pattern.search(text)), None)
    if indicator is None:
        return None
    months = 12 if re.search(r"\b(12|douze) mois\b", text) else 6
    return Query(indicator, _period(text, today), territory, months)


class FollowupAnswerer:
    """Answers follow-up questions for one caller; ``territory`` is the caller's scope (None: all)."""

    name = "suivi"

    def __init__(
        self,
        followup: Followup,
        territory: str | None = None,
        today: Callable[[], date] = date.today,
        threshold: float = 0.8,
    ) -> None:
        self.followup = followup
        self.scope = None if territory in (None, "", "*") else territory
        self.today = today
        self.threshold = threshold

    @property
    def texts(self) -> Texts:
        return self.followup.texts

    def answer(self, turn: Turn) -> Answer | None:
        known = self.followup.territories()
        query = parse_question(turn.message, self.today(), known, self.followup.codes.territory_generic_words)
        if query is None:
            return None
        if not known:
            return Answer(self.texts.get("answers", "no_data"), intent="suivi", state=turn.state, backend=self.name)
        territory = query.territory or self.scope
        if self.scope is not None and query.territory is not None and fold(self.scope) not in fold(query.territory):
            text = (
                f"Votre accès au suivi est limité au territoire « {self.scope} » : "
                f"je ne peux pas donner les chiffres de « {query.territory} »."
            )
            return Answer(text, intent="suivi", state=turn.state, backend=self.name)
        text = self._late(query, territory) if query.indicator == "late" else self._indicator(query, territory)
        return Answer(text, intent="suivi", state=turn.state, backend=self.name)

    # --- answers -------------------------------------------------------------------------------

    def _definition(self, key: str, **values: Any) -> str:
        definition = self.texts.get("definitions", key, **values) if values else self.texts.get("definitions", key)
        return self.texts.get("answers", "definition", definition=definition)

    def _late(self, query: Query, territory: str | None) -> str:
        when = self.today()
        alerts = self.followup.alerts(when, self.threshold, territory)
        scope = self.followup.scope_label(territory)
        threshold = percent(self.threshold)
        if not alerts:
            lines = [self.texts.get("answers", "late_none", date=day(when.isoformat()), seuil=threshold, scope=scope)]
        else:
            lines = [
                self.texts.get(
                    "answers", "late_intro", count=len(alerts), date=day(when.isoformat()), seuil=threshold, scope=scope
                ),
                "",
            ]
            for a in alerts:
                item = self.texts.get(
                    "answers",
                    "late_item",
                    operation_id=a.operation_id,
                    intitule=a.intitule,
                    maitre_ouvrage=a.maitre_ouvrage,
                    realisees=hours(a.heures_realisees),
                    prevues_a_date=hours(a.heures_prevues_a_date),
                    ecart=hours(a.ecart_heures),
                    mois_restants=a.mois_restants,
                    entreprises=", ".join(a.entreprises) or "aucune déclarée",
                )
                lines.append(f"- {item}")
        lines += ["", self._definition("alertes", seuil=threshold)]
        return "\n".join(lines)

    def _indicator(self, query: Query, territory: str | None) -> str:
        bilan = self.followup.bilan(query.period, territory)
        frame = {
            "scope": self.followup.scope_label(territory),
            "debut": day(bilan["periode"]["debut"]),
            "fin": day(bilan["periode"]["fin"]),
        }
        p = bilan["participants"]
        answers = self.texts.section("answers")
        if query.indicator == "hours":
            h = bilan["heures"]
            text = answers["hours"].format(
                realisees=hours(h["realisees"]),
                prevues=hours(h["prevues"]),
                taux=percent(h["taux_realisation"]),
                **frame,
            )
            definition = " ; ".join(
                self.texts.get("definitions", k) for k in ("heures_realisees", "heures_prevues", "taux_realisation")
            )
            return f"{text}\n\n{self.texts.get('answers', 'definition', definition=definition)}"
        if query.indicator in {"participants", "rsa", "youth", "women"}:
            key = {"participants": "participants", "rsa": "rsa", "youth": "youth", "women": "women"}[query.indicator]
            text = answers[key].format(**p, **frame)
            definition = {"participants": "participants", "rsa": "rsa", "youth": "moins_26", "women": "femmes"}[
                query.indicator
            ]
            return f"{text}\n\n{self._definition(definition)}"
        if query.indicator == "siae":
            s = bilan["structures"]
            detail = ", ".join(f"{n} {t}" for t, n in s["siae"]["par_type"].items()) or "aucune"
            others = ", ".join(f"{n} {t}" for t, n in s["autres"].items())
            detail += f" ; autres structures : {others}" if others else ""
            return f"{answers['siae'].format(total=s['siae']['total'], detail=detail, **frame)}\n\n{self._definition('structures')}"
        if query.indicator == "exits":
            e = bilan["sorties"][f"{query.months}_mois"]
            text = answers["exits"].format(
                mois=query.months,
                dynamiques=e["dynamiques"],
                observables=e["observables"],
                inconnue=e["inconnue"],
                taux=percent(e["taux_dynamiques"]),
                **frame,
            )
            return f"{text}\n\n{self._definition('sorties')}"
        if query.indicator == "recruitments":
            codes = self.followup.codes
            detail = (
                ", ".join(f"{codes.label('type_contrat', k)} : {v}" for k, v in bilan["recrutements"].items())
                or "aucun"
            )
            return f"{answers['recruitments'].format(detail=detail, **frame)}\n\n{self._definition('recrutements')}"
        codes = self.followup.codes
        detail = (
            ", ".join(
                f"{codes.label('type_clause', k)} : {v['operations']} opération(s), {fmt_number(v['heures_prevues'], 2)} h prévues"
                for k, v in bilan["clauses"].items()
            )
            or "aucune"
        )
        return f"{answers['clauses'].format(detail=detail, **frame)}\n\n{self._definition('clauses')}"
