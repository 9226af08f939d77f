"""What a sizing returns: the hours, the formula and every assumption with its origin."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.sizing.social_condition import SocialConditionCheck

Origin = Literal["utilisateur", "grille", "défaut"]
Method = Literal["labour_share", "percent_of_hours", "worked_hours", "cleaning_transfer", "multi_lot", "etp_conversion"]


METHOD_LABELS: dict[str, str] = {
    "labour_share": "Part de main-d'œuvre du marché",
    "percent_of_hours": "Pourcentage des heures travaillées",
    "worked_hours": "Taux d'insertion appliqué aux heures travaillées indiquées",
    "cleaning_transfer": "Propreté avec reprise du personnel, méthode PACT Propreté",
    "multi_lot": "Marché alloti : dimensionnement lot par lot",
    "etp_conversion": "Conversion d'heures en équivalents temps plein",
}


# === output models ===========================================================


class Assumption(BaseModel):
    """One value used in the computation and where it came from."""

    name: str = Field(description="Identifiant du paramètre.")
    label: str = Field(description="Libellé en français.")
    value: float | int | str = Field(description="Valeur retenue.")
    display: str = Field(description="Valeur mise en forme à la française.")
    origin: Origin = Field(description="Origine : utilisateur, grille ou défaut.")
    source_title: str | None = Field(default=None, description="Titre de la source (valeurs de la grille).")
    source_url: str | None = Field(default=None, description="Adresse de la source (valeurs de la grille).")
    note: str | None = Field(default=None, description="Précision sur la valeur.")


class LotLine(BaseModel):
    """One lot of a multi-lot market."""

    label: str
    amount: float
    trade: str | None = None
    labour_share: float
    labour_share_origin: Origin
    hours: int
    hours_exact: float
    hours_worked: int
    formula: str
    small: bool = Field(description="Vrai si le lot est sous le seuil de clause utile.")
    reason: str | None = Field(default=None, description="Pourquoi le lot est signalé.")


class SizingResult(BaseModel):
    """Result of a sizing, with everything needed to explain it."""

    method: Method
    method_label: str
    hours: int = Field(description="Heures d'insertion, arrondies à l'heure la plus proche.")
    hours_exact: float = Field(description="Valeur avant arrondi.")
    rounding: str = Field(description="Règle d'arrondi appliquée, en français.")
    hours_worked: int | None = Field(default=None, description="Heures travaillées estimées sur le marché.")
    etp_base: int
    etp_total: float = Field(description="Heures ÷ base ETP.")
    etp_per_year: float | None = Field(default=None, description="Heures ÷ base ETP ÷ durée en années.")
    months: float | None = None
    hours_per_year: int | None = Field(default=None, description="Heures par an (accord-cadre ou durée connue).")
    framework: bool = False
    clause_advised: bool = True
    proration: float | None = Field(default=None, description="Part P du marché hors personnel repris (propreté).")
    formula: str
    assumptions: list[Assumption]
    social_condition: SocialConditionCheck | None = Field(
        default=None, description="Condition sociale obligatoire ou non (article L2112-2-1), en une ligne."
    )
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    lots: list[LotLine] | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
