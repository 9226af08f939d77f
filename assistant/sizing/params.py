"""The sizing parameters as users, the CLI, the API and the agent give them, and the bounds on their values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import InvalidInput
from assistant.sizing.grid import MarketType

# --- sanity bounds on user input (not domain figures) -----------------------

MAX_HOURLY_COST = Decimal("1000")  # euros per hour
MIN_HOURLY_COST = Decimal("1")  # below one euro an hour the figure is a typo
MAX_MONTHS = Decimal("600")  # 50 years
MIN_MONTHS = Decimal("0.1")  # about three days: shorter durations are typos
MAX_HOURS = Decimal("100000000")  # for the ETP conversion alone
MAX_TRANSFERRED_HOURS = Decimal("10000000")  # hours per month


class LotInput(BaseModel):
    """A lot to size: its label, amount and optionally its trade or labour share."""

    model_config = ConfigDict(extra="forbid")

    label: str
    amount: float | int | str
    trade: str | None = None
    labour_share: float | int | str | None = None


_NUMBER = "Nombre ou texte à la française (« 1 200 000 », « 1,2 M€ »)."
_FRACTION = "Fraction (0.05), pourcentage (5) ou texte (« 5 % »)."


class SizingParams(BaseModel):
    """The sizing parameters, declared once: the API body, the agent's tool schema and the CLI options.

    Values are raw, as a user, the CLI or the agent gives them (French text allowed);
    :func:`assistant.sizing.size` reads and checks them. The method follows from the
    fields given: ``lots`` → multi-lot; ``transferred_hours_per_month`` → cleaning with
    staff transfer; ``percent_of_hours`` → percentage of hours worked; ``hours`` alone →
    ETP conversion; otherwise the labour-share method. The CLI's options come from
    :func:`cli_option`.
    """

    model_config = ConfigDict(extra="forbid")

    amount: float | int | str | None = Field(
        default=None, description="Montant estimé du marché ou du lot, en euros HT. " + _NUMBER
    )
    trade: str | None = Field(
        default=None,
        description="Corps d'état ou secteur de la grille (ex. « gros œuvre », « peinture », « propreté ») : "
        "fixe la part de main-d'œuvre de la grille.",
    )
    labour_share: float | int | str | None = Field(
        default=None, description="Part de main-d'œuvre dans le montant (remplace celle de la grille). " + _FRACTION
    )
    rate: float | int | str | None = Field(
        default=None, description="Taux d'insertion (par défaut celui de la grille). " + _FRACTION
    )
    hourly_cost: float | int | str | None = Field(
        default=None, description="Coût horaire chargé de la main-d'œuvre en €/h (par défaut celui de la grille)."
    )
    months: float | int | str | None = Field(
        default=None,
        description="Durée du marché en mois (obligatoire pour un accord-cadre et pour la propreté avec reprise).",
    )
    etp_base: float | int | str | None = Field(
        default=None, description="Heures annuelles d'un équivalent temps plein : 1607 (défaut), 1600 ou 1820."
    )
    transferred_hours_per_month: float | int | str | None = Field(
        default=None,
        description="Propreté : heures mensuelles du personnel repris (méthode PACT Propreté) ; 0 sans reprise.",
    )
    percent_of_hours: float | int | str | None = Field(
        default=None,
        description="Pourcentage des heures travaillées réservé à l'insertion, à la place d'un taux sur le montant. "
        + _FRACTION,
    )
    framework: bool = Field(
        default=False,
        description="Accord-cadre ou marché à bons de commande : heures par an, sur le montant estimé réaliste "
        "des commandes.",
    )
    maximum_amount: float | int | str | None = Field(
        default=None,
        description="Accord-cadre : montant maximum en euros HT, s'il existe (non utilisé pour les heures ; sert à "
        "la comparaison aux seuils européens).",
    )
    market_type: MarketType | None = Field(
        default=None,
        description="Nature du marché pour le seuil européen : works (travaux), supplies_services (fournitures et "
        "services) ou social_services (services sociaux et autres services spécifiques) ; sans elle, celle du "
        "corps d'état dans la grille.",
    )
    lots: list[LotInput] | None = Field(
        default=None,
        description="Marché alloti : un objet par lot (label, amount, et trade ou labour_share).",
    )
    hours: float | int | str | None = Field(
        default=None, description="Nombre d'heures d'insertion à convertir en équivalents temps plein (sans montant)."
    )
    hours_worked: float | int | str | None = Field(
        default=None,
        description="Heures travaillées connues sur le marché (« 1 200 h de main-d'œuvre par an »), sans montant : le "
        "taux d'insertion s'y applique directement.",
    )


# What only the command line words differently: one ``--lot`` per lot, French market types.
_CLI_OVERRIDES: dict[str, tuple[str | None, str]] = {
    "lots": ("--lot", "Lot « intitulé:montant[:corps d'état ou part] », à répéter (ex. « Lot 1 - peinture:180000 »)."),
    "market_type": (
        None,
        "Nature du marché pour le seuil européen : travaux, fournitures-services ou services-sociaux ; "
        "sans elle, celle du corps d'état dans la grille.",
    ),
}


def cli_option(name: str) -> tuple[str, str]:
    """The command-line option of parameter ``name`` and its help text (the parameter's description)."""
    option, help_text = _CLI_OVERRIDES.get(name, (None, ""))
    return option or "--" + name.replace("_", "-"), help_text or str(SizingParams.model_fields[name].description)


def lot_from_mapping(raw: Mapping[str, Any]) -> LotInput:
    try:
        return LotInput.model_validate(dict(raw))
    except ValidationError as error:
        raise InvalidInput(
            "Lots : chaque lot doit avoir un intitulé (label) et un montant (amount), et éventuellement un corps "
            "d'état (trade) ou une part de main-d'œuvre (labour_share).",
            field="lots",
            detail=str(error),
        ) from None


def parse_lot_spec(spec: str) -> LotInput:
    """Read « intitulé:montant[:corps d'état ou part] » as typed on the command line."""
    parts = (
        [part.strip() for part in spec.rsplit(":", 2)]
        if spec.count(":") >= 2
        else [part.strip() for part in spec.rsplit(":", 1)]
    )
    if len(parts) < 2 or not parts[0]:
        raise InvalidInput(
            f"Lot « {spec} » : format attendu « intitulé:montant » (par exemple « Lot 1 - peinture:180000 »), "
            "avec en option « :corps d'état » ou « :part de main-d'œuvre ».",
            field="lots",
        )
    label, amount = parts[0], parts[1]
    extra = parts[2] if len(parts) == 3 else None
    if len(parts) == 3 and not _looks_numeric(amount):
        # « Lot 1 : peinture:180000 » — the first colon belonged to the label.
        label, amount, extra = f"{parts[0]} : {parts[1]}", parts[2], None
    if extra and (_looks_numeric(extra) or "%" in extra):
        return LotInput(label=label, amount=amount, labour_share=extra)
    return LotInput(label=label, amount=amount, trade=extra or None)


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s\u00a0\u202f.,]+(?:\s*(?:€|%|eur|euros|ht))*", text.strip(), re.IGNORECASE))
