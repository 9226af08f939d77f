"""Markdown views of tool results and the assistant's fixed messages (read from prompts/)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.drafting import DraftResult
from assistant.fr import fmt_fixed, fmt_months, fmt_number
from assistant.sizing import SizingResult
from assistant.yaml_data import load_yaml


@dataclass(frozen=True)
class Messages:
    """The French texts of prompts/messages.yaml."""

    data: dict[str, Any]

    def optional(self, dotted: str) -> str | None:
        try:
            return self.get(dotted)
        except KeyError:
            return None

    def get(self, dotted: str, **values: Any) -> str:
        node: Any = self.data
        for part in dotted.split("."):
            node = node[part]
        return str(node).strip().format(**values)


@lru_cache(maxsize=4)
def load_messages(path: Path) -> Messages:
    return Messages(load_yaml(path.read_text(encoding="utf-8")))


# A small lot's remark in the table: the reason, said once, is among the points of attention below it.
_SMALL_LOT_REMARK = "petite clause (voir les points d'attention)"


def _escape_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _method(result: SizingResult) -> str:
    """The method in a parenthesis after the figure: « (part de main-d'œuvre du marché) »."""
    label = result.method_label
    return label[:1].lower() + label[1:]


def _rounding_line(result: SizingResult) -> str | None:
    """The rounding, only when it changed something (the figure is already stated above)."""
    text = result.rounding.strip()
    if not text or "sans arrondi" in text:
        return None
    return text


def sizing_markdown(result: SizingResult, footer: str) -> str:
    lines: list[str] = []
    if result.lots:
        lines.append(f"**{fmt_number(result.hours, 0)} heures d'insertion au total** ({_method(result)}).")
        lines.append("")
        # Each lot's ETP on the result's base: buyers compare lots in people as much as in hours.
        lines.append(
            f"| Lot | Montant HT | Part de main-d'œuvre | Heures | ETP (base {fmt_number(result.etp_base, 0)} h) | Remarque |"
        )
        lines.append("|---|---|---|---|---|---|")
        for lot in result.lots:
            lines.append(
                f"| {_escape_cell(lot.label)} | {fmt_number(lot.amount, 0)} € | {fmt_number(lot.labour_share * 100, 1)} % "
                f"| {fmt_number(lot.hours, 0)} h | {fmt_fixed(lot.hours / result.etp_base, 2)} "
                f"| {_SMALL_LOT_REMARK if lot.small else ''} |"
            )
    else:
        lines.append(f"**{fmt_number(result.hours, 0)} heures d'insertion** ({_method(result)}).")
    lines.append("")
    lines.append(f"Calcul : {result.formula}")
    lines.append("")
    if rounding := _rounding_line(result):
        lines.append(f"- {rounding}")
    if result.hours_worked is not None:
        lines.append(f"- Heures travaillées estimées sur le marché : {fmt_number(result.hours_worked, 0)} h")
    lines.append(
        f"- Équivalent temps plein : {fmt_number(result.etp_total, 2)} ETP (base {fmt_number(result.etp_base, 0)} h)"
    )
    if result.etp_per_year is not None and result.months:
        lines.append(
            f"- Sur la durée du marché, {fmt_months(result.months)} : {fmt_number(result.etp_per_year, 2)} ETP par an"
        )
    if result.hours_per_year is not None:
        lines.append(f"- Heures par an : {fmt_number(result.hours_per_year, 0)} h")
    if result.months and result.hours:
        # a site planned month by month (« sur 14 mois, ça fait combien par mois ? »): the average, not a schedule
        per_month = result.hours / result.months
        lines.append(f"- Heures par mois en moyenne : {fmt_number(per_month, 0)} h (sur {fmt_months(result.months)})")
    lines.append("")
    lines.append("**Hypothèses retenues**")
    lines.append("")
    lines.append("| Paramètre | Valeur | Origine |")
    lines.append("|---|---|---|")
    for assumption in result.assumptions:
        origin: str = assumption.origin
        if assumption.source_title:
            origin = f"{origin} ({assumption.source_title})"
        lines.append(
            f"| {_escape_cell(assumption.label)} | {_escape_cell(assumption.display)} | {_escape_cell(origin)} |"
        )
    # The social-condition line (article L2112-2-1) comes first, once.
    legal = [result.social_condition.line] if result.social_condition else []
    notes = [*legal, *result.warnings, *result.notes]
    if notes:
        lines.append("")
        lines.append("**Points d'attention**")
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    lines.append("")
    lines.append(footer)
    return "\n".join(lines)


def conversion_markdown(result: SizingResult) -> str:
    lines = [
        f"**{fmt_number(result.hours, 0)} heures représentent {fmt_number(result.etp_total, 2)} ETP** "
        f"sur la base de {fmt_number(result.etp_base, 0)} heures par an.",
        "",
    ]
    lines.append(f"Calcul : {result.formula}")
    notes = [*result.warnings, *result.notes]
    if notes:
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines)


def draft_markdown(result: DraftResult) -> str:
    lines = [f"**Attention** : {caution}" for caution in result.cautions]
    if lines:
        lines.append("")
    lines += [
        f"Voici une proposition de rédaction : **{result.title}**.",
        "",
        "---",
        "",
        result.text.strip(),
        "",
        "---",
        "",
    ]
    if result.references:
        lines.append("**Références juridiques** : " + ", ".join(result.references) + ".")
    if result.to_complete:
        lines.append("")
        lines.append("**À compléter avant de l'utiliser**")  # buyers publish; firms and job seekers send
        lines.append("")
        lines.extend(f"- {item}" for item in result.to_complete)
    if result.to_decide:
        lines.append("")
        lines.append("**À décider avant de l'utiliser**")  # by whoever signs it: a buyer, a firm, a job seeker
        lines.append("")
        lines.extend(f"- {item}" for item in result.to_decide)
    if result.warnings:
        lines.append("")
        lines.append("**Points d'attention**")
        lines.append("")
        lines.extend(f"- {warning}" for warning in result.warnings)
    return "\n".join(lines)
