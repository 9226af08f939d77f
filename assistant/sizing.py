"""Insertion-hours calculators: pure functions over the sizing grid.

Every number the methods use (rates, hourly cost, ETP bases, thresholds, the
cleaning branch parameter, labour shares by trade) comes from the sizing grid
(``corpus/data/sizing_grid.yaml``), which the Department may edit; the grid is
loaded once by the caller with :func:`load_grid` and passed in. The only
constants here are sanity bounds on user input (an amount over 10 billion euros
is a typo, not a market).

Arithmetic runs on :class:`~decimal.Decimal` so that published examples come out
exactly (1 200 000 € × 50 % × 7 % ÷ 30 €/h is 1 400 h, not 1 399.999…), and the
hours are rounded half up to the nearest hour, which the result states.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NoReturn

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from rapidfuzz import fuzz, process

from assistant.errors import InvalidInput, UnknownTrade
from assistant.guardrails import fold, proportionality_warning

# --- sanity bounds on user input (not domain figures) -----------------------

MAX_AMOUNT = Decimal("10000000000")  # 10 billion euros: anything above is a typo
MAX_HOURLY_COST = Decimal("1000")  # euros per hour
MIN_HOURLY_COST = Decimal("1")  # below one euro an hour the figure is a typo
MAX_MONTHS = Decimal("600")  # 50 years
MIN_MONTHS = Decimal("0.1")  # about three days: shorter durations are typos
MAX_HOURS = Decimal("100000000")  # for the ETP conversion alone
MAX_TRANSFERRED_HOURS = Decimal("10000000")  # hours per month

Origin = Literal["utilisateur", "grille", "défaut"]
Method = Literal["labour_share", "percent_of_hours", "cleaning_transfer", "multi_lot", "etp_conversion"]
MarketType = Literal["works", "supplies_services"]

METHOD_LABELS: dict[str, str] = {
    "labour_share": "Part de main-d'œuvre du marché",
    "percent_of_hours": "Pourcentage des heures travaillées",
    "cleaning_transfer": "Propreté avec reprise du personnel, méthode PACT Propreté",
    "multi_lot": "Marché alloti : dimensionnement lot par lot",
    "etp_conversion": "Conversion d'heures en équivalents temps plein",
}

_MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


# === the grid ================================================================


class GridSource(BaseModel):
    title: str
    url: str | None = None


class SourcedValue(BaseModel):
    value: float
    source: str
    note: str | None = None


class GridDefaults(BaseModel):
    insertion_rate: SourcedValue
    hourly_cost: SourcedValue
    etp_base: SourcedValue
    etp_alternatives: list[SourcedValue] = Field(default_factory=list)


class GridRates(BaseModel):
    usual_min: float
    usual_max: float
    usual_source: str
    disproportion_above: float
    disproportion_source: str


class GridSmallClause(BaseModel):
    min_hours: float
    source: str
    note: str | None = None


class GridCleaning(BaseModel):
    turnover_per_labour_hour: float
    source: str
    note: str | None = None
    min_hours: float


class GridThresholds(BaseModel):
    period: str
    source: str
    works: float
    supplies_services_local: float
    supplies_services_state: float | None = None
    supplies_services_utilities: float | None = None
    social_services: float | None = None
    social_condition_mandatory_from: date
    social_condition_source: str


class Trade(BaseModel):
    id: str
    label: str
    synonyms: list[str] = Field(default_factory=list)
    labour_share: float | None
    sourced: bool
    source: str | None = None
    based_on: str | None = None
    note: str | None = None

    def names(self) -> list[str]:
        return [self.id.replace("_", " "), self.label, *self.synonyms]


class Grid(BaseModel):
    """The sizing grid, as edited by the Department (see the YAML file's comments)."""

    sources: dict[str, GridSource]
    defaults: GridDefaults
    rates: GridRates
    small_clause: GridSmallClause
    cleaning: GridCleaning
    european_thresholds: GridThresholds
    trades: list[Trade]

    @model_validator(mode="after")
    def _sources_exist(self) -> Grid:
        # A value citing a missing source would surface as an assumption without provenance.
        keys = [
            self.defaults.insertion_rate.source,
            self.defaults.hourly_cost.source,
            self.defaults.etp_base.source,
            *(alt.source for alt in self.defaults.etp_alternatives),
            self.rates.usual_source,
            self.rates.disproportion_source,
            self.small_clause.source,
            self.cleaning.source,
            self.european_thresholds.source,
            self.european_thresholds.social_condition_source,
            *(trade.source for trade in self.trades if trade.source),
        ]
        missing = sorted({key for key in keys if key not in self.sources})
        if missing:
            raise ValueError(f"unknown source keys in sizing grid: {missing}")
        ids = [trade.id for trade in self.trades]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate trade ids in sizing grid")
        return self

    def source(self, key: str | None) -> GridSource | None:
        return self.sources.get(key) if key else None

    def trade_by_id(self, trade_id: str) -> Trade | None:
        return next((trade for trade in self.trades if trade.id == trade_id), None)

    def allowed_etp_bases(self) -> list[int]:
        return [int(self.defaults.etp_base.value), *(int(alt.value) for alt in self.defaults.etp_alternatives)]


def load_grid(path: str | Path) -> Grid:
    """Read and validate the sizing grid (I/O: callers cache the result)."""
    with Path(path).open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return Grid.model_validate(raw)


@lru_cache(maxsize=8)
def cached_grid(path: str) -> Grid:
    """:func:`load_grid` memoised on the path, for callers that size repeatedly."""
    return load_grid(path)


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
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    lots: list[LotLine] | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class LotInput(BaseModel):
    """A lot to size: its label, amount and optionally its trade or labour share."""

    model_config = ConfigDict(extra="forbid")

    label: str
    amount: float | int | str
    trade: str | None = None
    labour_share: float | int | str | None = None


class SizingParams(BaseModel):
    """Raw parameters as a user, the CLI or the agent gives them (strings allowed)."""

    model_config = ConfigDict(extra="forbid")

    amount: float | int | str | None = None
    trade: str | None = None
    labour_share: float | int | str | None = None
    rate: float | int | str | None = None
    hourly_cost: float | int | str | None = None
    months: float | int | str | None = None
    etp_base: float | int | str | None = None
    transferred_hours_per_month: float | int | str | None = None
    percent_of_hours: float | int | str | None = None
    framework: bool = False
    maximum_amount: float | int | str | None = None
    market_type: MarketType | None = None
    lots: list[LotInput] | None = None
    hours: float | int | str | None = None


# === number parsing and French formatting ===================================

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def parse_decimal(value: Any, *, field: str, label: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise InvalidInput(f"{_cap(label)} : valeur manquante ou illisible.", field=field)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidInput(f"{_cap(label)} : valeur non numérique ({value}).", field=field)
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(f"{_cap(label)} : valeur non numérique.", field=field)
        return value
    if isinstance(value, str):
        text = _SPACES.sub("", value).replace(",", ".")
        text = re.sub(r"(?i)(€|eur(os?)?|ht|h/mois|heures?|h|mois|€/h)+$", "", text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(f"{_cap(label)} : « {value} » n'est pas un nombre.", field=field) from None
        if not number.is_finite():
            raise InvalidInput(f"{_cap(label)} : « {value} » n'est pas un nombre.", field=field)
        return number
    raise InvalidInput(f"{_cap(label)} : type de valeur non pris en charge.", field=field)


def parse_fraction(value: Any, *, field: str = "rate", label: str = "taux") -> float:
    """Read a rate or share given as 0.05, 5, « 5 % », « 5% » or « 0,05 ».

    A number above 1 and up to 100 is read as a percentage (5 → 5 %), since
    users type both forms; a string with « % » is always a percentage. Raises
    :class:`InvalidInput` (naming ``field``) outside 0–100 %.
    """
    return float(parse_fraction_decimal(value, field=field, label=label))


def parse_fraction_decimal(value: Any, *, field: str, label: str) -> Decimal:
    is_percent = isinstance(value, str) and "%" in value
    if isinstance(value, str):
        cleaned = value.replace("%", "").strip()
        if not cleaned:
            raise InvalidInput(f"{_cap(label)} : valeur manquante.", field=field)
        number = parse_decimal(cleaned, field=field, label=label)
    else:
        number = parse_decimal(value, field=field, label=label)
    if number < 0:
        raise InvalidInput(
            f"{_cap(label)} : {_plain(number)} est négatif ; indiquez une valeur entre 0 et 100 %.", field=field
        )
    if is_percent or number > 1:
        if number > 100:
            raise InvalidInput(
                f"{_cap(label)} : {_plain(number)} % dépasse 100 % ; indiquez une valeur entre 0 et 100 %.",
                field=field,
            )
        number = number / 100
    return number


def parse_amount(value: Any, *, field: str = "amount", label: str = "montant HT du marché") -> float:
    """Read an amount in euros (« 1 200 000 », « 1200000 € HT », 1.2e6) and check its range."""
    return float(_check_amount(parse_decimal(value, field=field, label=label), field=field, label=label))


def _check_amount(amount: Decimal, *, field: str, label: str) -> Decimal:
    if amount <= 0:
        raise InvalidInput(
            f"{_cap(label)} : le montant doit être strictement positif (reçu : {_plain(amount)} €).", field=field
        )
    if amount > MAX_AMOUNT:
        raise InvalidInput(
            f"{_cap(label)} : {fmt_number(amount)} € dépasse 10 milliards d'euros, ce qui paraît être une "
            "erreur de saisie ; vérifiez le montant HT.",
            field=field,
        )
    return amount


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plain(number: Decimal) -> str:
    return fmt_number(number, decimals=4)


def fmt_number(value: float | int | Decimal, decimals: int = 2) -> str:
    """French number: spaces between thousands, comma decimals, trailing zeros dropped."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not number.is_finite() or number.adjusted() > 24:
        # Only absurd inputs get here (echoed in an error message): scientific notation.
        return f"{number:.3e}".replace(".", ",")
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    with localcontext() as context:
        context.prec = 60  # enough digits for any quantity below 10^25 with 4 decimals
        rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    rounded = abs(rounded)
    integer_part, _, fraction_part = f"{rounded:f}".partition(".")
    fraction_part = fraction_part.rstrip("0")
    groups = []
    while len(integer_part) > 3:
        groups.insert(0, integer_part[-3:])
        integer_part = integer_part[:-3]
    groups.insert(0, integer_part)
    text = " ".join(groups)
    if fraction_part:
        text += "," + fraction_part
    return sign + text


def fmt_fixed(value: float | int | Decimal, decimals: int = 2) -> str:
    """French number with exactly ``decimals`` decimals (0,40)."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not number.is_finite() or number.adjusted() > 24:
        return fmt_number(number)
    with localcontext() as context:
        context.prec = 60
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    integer, _, fraction = fmt_number(rounded, decimals=decimals).partition(",")
    return f"{integer},{(fraction + '0' * decimals)[:decimals]}"


def fmt_euros(value: float | int | Decimal) -> str:
    return f"{fmt_number(value)} €"


def fmt_percent(fraction: float | Decimal) -> str:
    return f"{fmt_number(Decimal(str(fraction)) * 100)} %"


def fmt_hours(value: float | int | Decimal) -> str:
    return f"{fmt_number(value, decimals=0)} h"


def fmt_date_fr(value: date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS_FR[value.month - 1]} {value.year}"


def round_hours(value: Decimal) -> int:
    """Half-up rounding to the nearest hour (833,33 → 833 ; 0,5 → 1)."""
    with localcontext() as context:
        context.prec = 60
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _round2(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _d(value: float) -> Decimal:
    return Decimal(repr(value))


# === trade lookup ============================================================


def _trade_index(grid: Grid) -> dict[str, Trade]:
    index: dict[str, Trade] = {}
    for trade in grid.trades:
        for name in trade.names():
            index.setdefault(fold(name), trade)
    return index


def find_trade(grid: Grid, name: str) -> Trade | None:
    """The trade whose id, label or synonym equals ``name`` (accents and case ignored)."""
    return _trade_index(grid).get(fold(name))


def suggest_trades(grid: Grid, name: str, limit: int = 3) -> list[str]:
    """Labels of the closest trades, for an unknown trade."""
    index = _trade_index(grid)
    matches = process.extract(fold(name), list(index), scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=50)
    labels: list[str] = []
    for candidate, _score, _pos in matches:
        label = index[candidate].label
        if label not in labels:
            labels.append(label)
        if len(labels) == limit:
            break
    return labels


def lookup_trade(grid: Grid, name: str) -> Trade:
    """Find a trade or raise :class:`UnknownTrade` with the closest ones suggested."""
    trade = find_trade(grid, name)
    if trade is not None:
        return trade
    suggestions = suggest_trades(grid, name)
    hint = f" Corps d'état proches : {_quoted(suggestions)}." if suggestions else ""
    raise UnknownTrade(
        f"Corps d'état inconnu de la grille : « {name} ».{hint} Indiquez un corps d'état de la grille "
        "ou une part de main-d'œuvre explicite.",
        suggestions=suggestions,
        detail=f"unknown trade {name!r}",
    )


def _quoted(labels: list[str]) -> str:
    # Labels contain commas themselves (« Plomberie, chauffage, ventilation »).
    return ", ".join(f"« {label} »" for label in labels)


def guess_trade(grid: Grid, label: str) -> Trade | None:
    """The trade named inside a lot label (« Lot 2 - gros œuvre » → gros œuvre), longest name first."""
    folded = fold(label)
    exact = find_trade(grid, label)
    if exact is not None:
        return exact
    best: tuple[int, Trade] | None = None
    for name, trade in _trade_index(grid).items():
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded) and (best is None or len(name) > best[0]):
            best = (len(name), trade)
    return best[1] if best else None


# === shared building blocks ==================================================


class _Context:
    """Accumulates assumptions, warnings and notes while a sizing runs."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.assumptions: list[Assumption] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []

    def assume(
        self,
        name: str,
        label: str,
        value: float | int | str,
        display: str,
        origin: Origin,
        source_key: str | None = None,
        note: str | None = None,
    ) -> None:
        source = self.grid.source(source_key)
        self.assumptions.append(
            Assumption(
                name=name,
                label=label,
                value=value,
                display=display,
                origin=origin,
                source_title=source.title if source else None,
                source_url=source.url if source else None,
                note=note,
            )
        )

    def warn(self, message: str | None) -> None:
        if message and message not in self.warnings:
            self.warnings.append(message)


def _amount(ctx: _Context, value: Any, *, field: str = "amount", label: str = "montant HT du marché") -> Decimal:
    if value is None:
        raise InvalidInput(f"{_cap(label)} : indiquez le montant HT estimé du marché.", field=field)
    amount = _check_amount(parse_decimal(value, field=field, label=label), field=field, label=label)
    return amount


def _rate(ctx: _Context, value: Any, *, field: str = "rate", label: str = "taux d'insertion") -> Decimal:
    grid = ctx.grid
    if value is None:
        rate = _d(grid.defaults.insertion_rate.value)
        ctx.assume(
            "insertion_rate",
            _cap(label),
            float(rate),
            fmt_percent(rate),
            "défaut",
            grid.defaults.insertion_rate.source,
            grid.defaults.insertion_rate.note,
        )
    else:
        rate = parse_fraction_decimal(value, field=field, label=label)
        if rate == 0:
            raise InvalidInput(
                f"{_cap(label)} : un taux nul ne donne aucune heure ; indiquez un taux entre 0 et 100 %.", field=field
            )
        ctx.assume("insertion_rate", _cap(label), float(rate), fmt_percent(rate), "utilisateur")
    _rate_warnings(ctx, rate)
    return rate


def _rate_warnings(ctx: _Context, rate: Decimal) -> None:
    rates = ctx.grid.rates
    if rate > _d(rates.disproportion_above):
        ctx.warn(proportionality_warning(float(rate), rates.disproportion_above))
    elif rate > _d(rates.usual_max):
        source = ctx.grid.source(rates.usual_source)
        ctx.warn(
            f"Le taux d'insertion de {fmt_percent(rate)} dépasse la fourchette habituelle de "
            f"{fmt_percent(_d(rates.usual_min))} à {fmt_percent(_d(rates.usual_max))} des heures travaillées"
            f"{f' (source : {source.title})' if source else ''} ; vérifiez avec le facilitateur que les "
            "entreprises et les structures d'insertion peuvent l'absorber."
        )


def _hourly_cost(ctx: _Context, value: Any) -> Decimal:
    grid = ctx.grid
    if value is None:
        cost = _d(grid.defaults.hourly_cost.value)
        ctx.assume(
            "hourly_cost",
            "Coût horaire chargé",
            float(cost),
            f"{fmt_number(cost)} €/h",
            "défaut",
            grid.defaults.hourly_cost.source,
            grid.defaults.hourly_cost.note,
        )
        return cost
    cost = parse_decimal(value, field="hourly_cost", label="coût horaire")
    if cost <= 0:
        raise InvalidInput(
            f"Coût horaire : il doit être strictement positif (reçu : {_plain(cost)} €/h).", field="hourly_cost"
        )
    if cost < MIN_HOURLY_COST or cost > MAX_HOURLY_COST:
        raise InvalidInput(
            f"Coût horaire : {fmt_number(cost)} €/h paraît absurde (attendu entre {fmt_number(MIN_HOURLY_COST)} et "
            f"{fmt_number(MAX_HOURLY_COST)} €/h) ; "
            f"indiquez un coût horaire chargé (valeur par défaut de la grille : {fmt_number(_d(ctx.grid.defaults.hourly_cost.value))} €/h).",
            field="hourly_cost",
        )
    ctx.assume("hourly_cost", "Coût horaire chargé", float(cost), f"{fmt_number(cost)} €/h", "utilisateur")
    return cost


def _months(ctx: _Context, value: Any, *, required: bool = False, why: str = "") -> Decimal | None:
    if value is None:
        if required:
            raise InvalidInput(f"Durée du marché (mois) : indiquez-la {why}.".replace("  ", " "), field="months")
        return None
    months = parse_decimal(value, field="months", label="durée du marché (mois)")
    if months <= 0:
        raise InvalidInput(
            f"Durée du marché (mois) : elle doit être strictement positive (reçu : {_plain(months)}).", field="months"
        )
    if months < MIN_MONTHS:
        raise InvalidInput(
            f"Durée du marché (mois) : {fmt_number(months, decimals=4)} mois paraît trop court ; vérifiez la durée.",
            field="months",
        )
    if months > MAX_MONTHS:
        raise InvalidInput(
            f"Durée du marché (mois) : {fmt_number(months)} mois dépasse {fmt_number(MAX_MONTHS)} mois (50 ans) ; "
            "vérifiez la durée.",
            field="months",
        )
    ctx.assume("months", "Durée du marché", float(months), f"{fmt_number(months)} mois", "utilisateur")
    return months


def _etp_base(ctx: _Context, value: Any) -> int:
    grid = ctx.grid
    allowed = grid.allowed_etp_bases()
    default = grid.defaults.etp_base
    if value is None:
        base = int(default.value)
        ctx.assume(
            "etp_base",
            "Base d'un équivalent temps plein",
            base,
            f"{fmt_number(base)} h/an",
            "défaut",
            default.source,
            default.note,
        )
        return base
    number = parse_decimal(value, field="etp_base", label="base ETP")
    listed = ", ".join(f"{fmt_number(b)} h{' (par défaut)' if i == 0 else ''}" for i, b in enumerate(allowed))
    if number != number.to_integral_value() or int(number) not in allowed:
        raise InvalidInput(
            f"Base ETP : {fmt_number(number)} h n'est pas une base admise. Valeurs possibles : {listed}.",
            field="etp_base",
        )
    base = int(number)
    entry = next((alt for alt in [default, *grid.defaults.etp_alternatives] if int(alt.value) == base), default)
    ctx.assume(
        "etp_base",
        "Base d'un équivalent temps plein",
        base,
        f"{fmt_number(base)} h/an",
        "utilisateur",
        entry.source,
        entry.note,
    )
    return base


def _labour_share(
    ctx: _Context, value: Any, trade_name: str | None, *, lot_label: str | None = None
) -> tuple[Decimal, Origin, Trade | None]:
    """Labour share from the user or from the trade in the grid, with its warnings."""
    grid = ctx.grid
    where = f" (lot « {lot_label} »)" if lot_label else ""
    trade: Trade | None = None
    if trade_name:
        # A lot label carries the trade among other words; a trade argument is the trade itself.
        trade = guess_trade(grid, trade_name) if lot_label else find_trade(grid, trade_name)
    if value is not None:
        share = parse_fraction_decimal(value, field="labour_share", label="part de main-d'œuvre")
        if share == 0:
            raise InvalidInput(
                f"Part de main-d'œuvre{where} : une part nulle ne donne aucune heure ; indiquez une part entre 0 et 100 %.",
                field="labour_share",
            )
        if trade is not None:
            ctx.assume("trade", f"Corps d'état{where}", trade.label, trade.label, "utilisateur")
        elif trade_name and not lot_label:
            ctx.notes.append(
                f"« {trade_name} » n'est pas dans la grille : la part de main-d'œuvre indiquée "
                f"({fmt_percent(share)}) est utilisée telle quelle."
            )
        ctx.assume("labour_share", f"Part de main-d'œuvre{where}", float(share), fmt_percent(share), "utilisateur")
        return share, "utilisateur", trade
    if trade is None and trade_name:
        if lot_label:
            _unknown_lot_trade(grid, lot_label, trade_name)
        lookup_trade(grid, trade_name)
    if trade is None:
        raise InvalidInput(
            f"Part de main-d'œuvre{where} : indiquez un corps d'état de la grille ou la part de main-d'œuvre "
            "du marché (par exemple 50 %).",
            field="labour_share",
        )
    ctx.assume("trade", f"Corps d'état{where}", trade.label, trade.label, "utilisateur")
    if trade.labour_share is None:
        raise InvalidInput(
            f"Part de main-d'œuvre{where} : la grille n'a pas de ratio publié pour « {trade.label} » ; "
            "indiquez la part de main-d'œuvre retenue avec le facilitateur (par exemple 60 %).",
            field="labour_share",
        )
    share = _d(trade.labour_share)
    based_on = grid.trade_by_id(trade.based_on) if trade.based_on else None
    source_key = trade.source or (based_on.source if based_on else None)
    ctx.assume(
        "labour_share",
        f"Part de main-d'œuvre ({trade.label})",
        float(share),
        fmt_percent(share),
        "grille",
        source_key,
        trade.note,
    )
    if not trade.sourced:
        # The table cites the source of the trade the value is borrowed from: say so, not « no source ».
        basis = f" ; c'est celle de « {based_on.label} », dont la source est citée dans les hypothèses" if based_on else ""
        ctx.warn(
            f"La part de main-d'œuvre de {fmt_percent(share)} retenue pour « {trade.label} »{where} n'a pas de "
            f"source publiée propre à ce corps d'état{basis} : faites-la confirmer par le facilitateur avant "
            "de l'inscrire au marché."
        )
    return share, "grille", trade


def _unknown_lot_trade(grid: Grid, lot_label: str, trade_name: str) -> NoReturn:
    suggestions = suggest_trades(grid, trade_name)
    hint = f" Corps d'état proches : {_quoted(suggestions)}." if suggestions else ""
    raise UnknownTrade(
        f"Lot « {lot_label} » : corps d'état non reconnu.{hint} Précisez le corps d'état ou la part de "
        "main-d'œuvre du lot (format « intitulé:montant:corps d'état » ou « intitulé:montant:60 % »).",
        suggestions=suggestions,
        detail=f"no trade for lot {lot_label!r}",
    )


def _threshold_warnings(
    ctx: _Context, amount: Decimal, market_type: MarketType | None, *, all_lots: bool = False, maximum: bool = False
) -> None:
    thresholds = ctx.grid.european_thresholds
    works = _d(thresholds.works)
    supplies = _d(thresholds.supplies_services_local)
    mandatory = fmt_date_fr(thresholds.social_condition_mandatory_from)
    subject = (
        "Le montant total, tous lots confondus,"
        if all_lots
        else "Le montant maximum de l'accord-cadre"
        if maximum
        else "Le montant"
    )
    consequence = (
        "la condition d'exécution à caractère social devient obligatoire au plus tard le "
        f"{mandatory} (article L2112-2-1 du code de la commande publique, loi Climat et Résilience), "
        "sauf dérogation motivée."
    )
    if amount >= works:
        ctx.warn(
            f"{subject} ({fmt_euros(amount)} HT) atteint le seuil européen des travaux ({fmt_euros(works)} HT, "
            f"{thresholds.period}), et a fortiori celui des fournitures et services : {consequence}"
        )
    elif amount >= supplies and market_type == "supplies_services":
        ctx.warn(
            f"{subject} ({fmt_euros(amount)} HT) atteint le seuil européen des fournitures et services des "
            f"collectivités territoriales ({fmt_euros(supplies)} HT, {thresholds.period}) : {consequence}"
        )
    elif amount >= supplies and market_type is None:
        # The type of market decides which threshold applies; without it, say both rather than guess.
        ctx.notes.append(
            f"Seuils européens ({thresholds.period}) : s'il s'agit de fournitures ou de services, le montant "
            f"({fmt_euros(amount)} HT) atteint le seuil des collectivités territoriales ({fmt_euros(supplies)} HT) "
            f"et {consequence} Pour des travaux, le seuil est de {fmt_euros(works)} HT et n'est pas atteint."
        )


def _small_clause_reason(ctx: _Context, hours: int) -> str | None:
    small = ctx.grid.small_clause
    if hours < small.min_hours:
        source = ctx.grid.source(small.source)
        origin = f" (source : {source.title})" if source else ""
        return (
            f"{fmt_hours(hours)}, sous le repère de {fmt_hours(_d(small.min_hours))} en dessous duquel la branche "
            f"propreté conseille de ne pas prévoir de clause{origin}. Pour un autre secteur, une clause de ce "
            "volume demande un suivi disproportionné : à apprécier avec le facilitateur, ou regroupez ce volume "
            "avec d'autres lots ou opérations (globalisation)."
        )
    return None


def _etp(hours: int, base: int, months: Decimal | None) -> tuple[float, float | None]:
    total = Decimal(hours) / Decimal(base)
    per_year = None if months is None else Decimal(hours) / Decimal(base) / (months / Decimal(12))
    return _round2(total), (None if per_year is None else _round2(per_year))


def _rounding_text(exact: Decimal, hours: int) -> str:
    if fmt_number(exact) == fmt_number(hours):
        return f"Résultat : {fmt_hours(hours)}, sans arrondi nécessaire."
    return f"Arrondi à l'heure la plus proche : {fmt_number(exact)} h → {fmt_hours(hours)}."


def _framework(ctx: _Context, amount: Decimal, maximum: Any) -> Decimal:
    """Record the framework-agreement basis; return the amount that decides the European threshold.

    Hours are sized on the realistic estimate, but the procedure threshold of a
    framework agreement depends on the maximum value of all the orders, so the
    maximum (when given) is what the threshold check must use.
    """
    note = (
        "Accord-cadre à bons de commande : le volume d'heures est calculé sur le montant estimé réaliste "
        f"des commandes ({fmt_euros(amount)} HT), et non sur le montant maximum, pour ne pas imposer au "
        "titulaire des heures que les commandes ne financeront pas ; prévoyez un ajustement au prorata des "
        "montants effectivement commandés."
    )
    ctx.warn(note)
    ctx.assume(
        "framework_basis",
        "Base de calcul de l'accord-cadre",
        "montant estimé réaliste",
        "montant estimé réaliste (et non le maximum)",
        "utilisateur",
    )
    if maximum is None:
        return amount
    maximum_amount = _check_amount(
        parse_decimal(maximum, field="maximum_amount", label="montant maximum de l'accord-cadre"),
        field="maximum_amount",
        label="montant maximum de l'accord-cadre",
    )
    if maximum_amount < amount:
        raise InvalidInput(
            "Montant maximum de l'accord-cadre : il est inférieur au montant estimé "
            f"({fmt_euros(maximum_amount)} < {fmt_euros(amount)}).",
            field="maximum_amount",
        )
    ctx.assume(
        "maximum_amount",
        "Montant maximum de l'accord-cadre",
        float(maximum_amount),
        fmt_euros(maximum_amount),
        "utilisateur",
    )
    ctx.notes.append(
        f"Le montant maximum ({fmt_euros(maximum_amount)} HT) n'est pas utilisé pour le volume d'heures ; c'est "
        "lui, en revanche, qui compte pour comparer l'accord-cadre aux seuils européens."
    )
    return maximum_amount


def _finish(
    ctx: _Context,
    *,
    method: Method,
    exact: Decimal,
    hours_worked: Decimal | None,
    etp_base: int,
    months: Decimal | None,
    formula: str,
    framework: bool = False,
    clause_advised: bool = True,
    proration: Decimal | None = None,
    lots: list[LotLine] | None = None,
    hours: int | None = None,
) -> SizingResult:
    hours = round_hours(exact) if hours is None else hours
    etp_total, etp_per_year = _etp(hours, etp_base, months)
    hours_per_year = None
    if months is not None:
        hours_per_year = round_hours(Decimal(hours) / (months / Decimal(12)))
        if framework:
            formula += f" ; soit {fmt_hours(Decimal(hours) / (months / Decimal(12)))} par an sur {fmt_number(months / 12)} an(s)"
    else:
        ctx.notes.append("Durée du marché non indiquée : l'ETP par an n'est pas calculé (seul l'ETP total l'est).")
    return SizingResult(
        method=method,
        method_label=METHOD_LABELS[method],
        hours=hours,
        hours_exact=float(exact),
        rounding=_rounding_text(exact, hours),
        hours_worked=None if hours_worked is None else round_hours(hours_worked),
        etp_base=etp_base,
        etp_total=etp_total,
        etp_per_year=etp_per_year,
        months=None if months is None else float(months),
        hours_per_year=hours_per_year,
        framework=framework,
        clause_advised=clause_advised,
        proration=None if proration is None else float(proration),
        formula=formula,
        assumptions=ctx.assumptions,
        warnings=ctx.warnings,
        notes=ctx.notes,
        lots=lots,
    )


# === methods =================================================================


@dataclass(frozen=True)
class _LabourBasis:
    """What both labour-based methods read before and after the rate (assumptions in display order)."""

    value: Decimal
    share: Decimal
    cost: Decimal
    duration: Decimal | None
    base: int
    threshold_amount: Decimal

    @property
    def worked(self) -> Decimal:
        """Hours worked on the market, estimated as amount × labour share ÷ hourly cost."""
        return self.value * self.share / self.cost


def _amount_and_share(
    ctx: _Context, amount: Any, labour_share: Any, trade: str | None, framework: bool
) -> tuple[Decimal, Decimal]:
    value = _amount(ctx, amount)
    ctx.assume(
        "amount",
        "Montant HT" + (" estimé réaliste" if framework else ""),
        float(value),
        fmt_euros(value),
        "utilisateur",
    )
    share, _origin, _trade = _labour_share(ctx, labour_share, trade)
    return value, share


def _labour_basis(
    ctx: _Context,
    value: Decimal,
    share: Decimal,
    *,
    hourly_cost: Any,
    months: Any,
    etp_base: Any,
    framework: bool,
    maximum_amount: Any,
) -> _LabourBasis:
    cost = _hourly_cost(ctx, hourly_cost)
    duration = _months(ctx, months, required=framework, why="pour calculer les heures par an de l'accord-cadre")
    base = _etp_base(ctx, etp_base)
    threshold_amount = _framework(ctx, value, maximum_amount) if framework else value
    return _LabourBasis(value, share, cost, duration, base, threshold_amount)


def _labour_result(
    ctx: _Context,
    basis: _LabourBasis,
    *,
    method: Method,
    exact: Decimal,
    hours: int,
    formula: str,
    market_type: MarketType | None,
    framework: bool,
) -> SizingResult:
    _threshold_warnings(ctx, basis.threshold_amount, market_type, maximum=basis.threshold_amount != basis.value)
    ctx.warn(_small_clause_warning(ctx, hours))
    return _finish(
        ctx,
        method=method,
        exact=exact,
        hours_worked=basis.worked,
        etp_base=basis.base,
        months=basis.duration,
        formula=formula,
        framework=framework,
        hours=hours,
    )


def size_labour_share(
    grid: Grid,
    *,
    amount: Any,
    trade: str | None = None,
    labour_share: Any = None,
    rate: Any = None,
    hourly_cost: Any = None,
    months: Any = None,
    etp_base: Any = None,
    market_type: MarketType | None = None,
    framework: bool = False,
    maximum_amount: Any = None,
) -> SizingResult:
    """hours = amount HT × labour share × insertion rate ÷ hourly cost."""
    ctx = _Context(grid)
    value, share = _amount_and_share(ctx, amount, labour_share, trade, framework)
    insertion = _rate(ctx, rate)
    basis = _labour_basis(
        ctx,
        value,
        share,
        hourly_cost=hourly_cost,
        months=months,
        etp_base=etp_base,
        framework=framework,
        maximum_amount=maximum_amount,
    )
    exact = basis.worked * insertion
    hours = round_hours(exact)
    formula = (
        f"{fmt_euros(value)} × {fmt_percent(share)} × {fmt_percent(insertion)} ÷ {fmt_number(basis.cost)} €/h = "
        f"{fmt_hours(hours)}"
    )
    return _labour_result(
        ctx,
        basis,
        method="labour_share",
        exact=exact,
        hours=hours,
        formula=formula,
        market_type=market_type,
        framework=framework,
    )


def size_percent_of_hours(
    grid: Grid,
    *,
    amount: Any,
    percent: Any,
    trade: str | None = None,
    labour_share: Any = None,
    hourly_cost: Any = None,
    months: Any = None,
    etp_base: Any = None,
    market_type: MarketType | None = None,
    framework: bool = False,
    maximum_amount: Any = None,
) -> SizingResult:
    """Insertion hours = X % of the hours worked, the latter estimated as amount × share ÷ cost."""
    ctx = _Context(grid)
    value, share = _amount_and_share(ctx, amount, labour_share, trade, framework)
    if percent is None:
        raise InvalidInput(
            "Pourcentage des heures travaillées : indiquez-le (par exemple 5 %).", field="percent_of_hours"
        )
    insertion = _rate(ctx, percent, field="percent_of_hours", label="pourcentage des heures travaillées")
    basis = _labour_basis(
        ctx,
        value,
        share,
        hourly_cost=hourly_cost,
        months=months,
        etp_base=etp_base,
        framework=framework,
        maximum_amount=maximum_amount,
    )
    worked = basis.worked
    exact = worked * insertion
    hours = round_hours(exact)
    formula = (
        f"heures travaillées estimées = {fmt_euros(value)} × {fmt_percent(share)} ÷ {fmt_number(basis.cost)} €/h = "
        f"{fmt_hours(worked)} ; heures d'insertion = {fmt_percent(insertion)} × {fmt_hours(worked)} = {fmt_hours(hours)}"
    )
    ctx.notes.append(
        f"La clause s'exprime en pourcentage ({fmt_percent(insertion)}) des heures réellement travaillées sur le "
        f"marché : {fmt_hours(hours)} est une estimation, le volume dû ne sera connu qu'en fin d'exécution. Un "
        "volume d'heures fixé au marché est plus simple à contrôler."
    )
    return _labour_result(
        ctx,
        basis,
        method="percent_of_hours",
        exact=exact,
        hours=hours,
        formula=formula,
        market_type=market_type,
        framework=framework,
    )


def size_cleaning_transfer(
    grid: Grid,
    *,
    amount: Any,
    months: Any,
    transferred_hours_per_month: Any,
    rate: Any = None,
    etp_base: Any = None,
    framework: bool = False,
    maximum_amount: Any = None,
) -> SizingResult:
    """Cleaning with staff transfer (PACT Propreté): P = 1 − S×C ÷ (A÷N), I = P × A ÷ C × T."""
    ctx = _Context(grid)
    cleaning = grid.cleaning
    value = _amount(ctx, amount)
    ctx.assume("amount", "Chiffre d'affaires HT du lot sur la durée (A)", float(value), fmt_euros(value), "utilisateur")
    duration = _months(ctx, months, required=True, why="(N) pour la méthode propreté avec reprise du personnel")
    assert duration is not None
    if transferred_hours_per_month is None:
        raise InvalidInput(
            "Heures mensuelles du personnel repris : indiquez-les (0 s'il n'y a pas de reprise).",
            field="transferred_hours_per_month",
        )
    transferred = parse_decimal(
        transferred_hours_per_month, field="transferred_hours_per_month", label="heures mensuelles du personnel repris"
    )
    if transferred < 0:
        raise InvalidInput(
            f"Heures mensuelles du personnel repris : elles ne peuvent pas être négatives (reçu : {_plain(transferred)}).",
            field="transferred_hours_per_month",
        )
    if transferred > MAX_TRANSFERRED_HOURS:
        raise InvalidInput(
            f"Heures mensuelles du personnel repris : {fmt_number(transferred)} h/mois paraît absurde ; vérifiez la saisie.",
            field="transferred_hours_per_month",
        )
    ctx.assume(
        "transferred_hours_per_month",
        "Heures mensuelles du personnel repris (S)",
        float(transferred),
        f"{fmt_number(transferred)} h/mois",
        "utilisateur",
    )
    insertion = _rate(ctx, rate)
    turnover = _d(cleaning.turnover_per_labour_hour)
    ctx.assume(
        "turnover_per_labour_hour",
        "Chiffre d'affaires par heure de main-d'œuvre (C)",
        float(turnover),
        f"{fmt_number(turnover)} €/h",
        "grille",
        cleaning.source,
        cleaning.note,
    )
    base = _etp_base(ctx, etp_base)
    threshold_amount = _framework(ctx, value, maximum_amount) if framework else value
    monthly_turnover = value / duration
    proration = 1 - (transferred * turnover) / monthly_turnover
    worked = value / turnover
    without_transfer = worked * insertion
    p_text = (
        f"P = 1 − ({fmt_number(transferred)} h × {fmt_number(turnover)} €/h) ÷ ({fmt_euros(value)} ÷ "
        f"{fmt_number(duration)} mois) = {fmt_fixed(proration)}"
    )
    _threshold_warnings(ctx, threshold_amount, "supplies_services", maximum=threshold_amount != value)
    if proration <= 0:
        formula = f"{p_text} ; P ≤ 0 : aucune heure d'insertion"
        ctx.warn(
            f"Le personnel repris ({fmt_number(transferred)} h/mois, soit {fmt_euros(transferred * turnover)} de "
            f"chiffre d'affaires par mois) dépasse le potentiel du marché ({fmt_euros(monthly_turnover)} par mois) : "
            "les embauches nouvelles attendues sont nulles, ne prévoyez pas de clause d'insertion sur ce lot."
        )
        return _finish(
            ctx,
            method="cleaning_transfer",
            exact=Decimal(0),
            hours_worked=worked,
            etp_base=base,
            months=duration,
            formula=formula,
            framework=framework,
            clause_advised=False,
            proration=proration,
            hours=0,
        )
    exact = proration * value / turnover * insertion
    hours = round_hours(exact)
    formula = (
        f"{p_text} ; I = {fmt_fixed(proration)} × {fmt_euros(value)} ÷ {fmt_number(turnover)} €/h × "
        f"{fmt_percent(insertion)} = {fmt_hours(hours)}"
    )
    ctx.notes.append(
        f"Sans reprise du personnel, le même marché donnerait {fmt_hours(round_hours(without_transfer))} "
        f"({fmt_euros(value)} ÷ {fmt_number(turnover)} €/h × {fmt_percent(insertion)})."
    )
    advised = exact >= _d(cleaning.min_hours)
    if not advised:
        ctx.warn(
            f"{fmt_hours(hours)} d'insertion, sous le seuil de {fmt_hours(_d(cleaning.min_hours))} : la branche "
            "propreté conseille de ne pas prévoir de clause d'insertion sur ce marché."
        )
    return _finish(
        ctx,
        method="cleaning_transfer",
        exact=exact,
        hours_worked=worked,
        etp_base=base,
        months=duration,
        formula=formula,
        framework=framework,
        clause_advised=advised,
        proration=proration,
        hours=hours,
    )


def size_lots(
    grid: Grid,
    lots: list[LotInput | Mapping[str, Any]],
    *,
    rate: Any = None,
    hourly_cost: Any = None,
    months: Any = None,
    etp_base: Any = None,
    market_type: MarketType | None = None,
    framework: bool = False,
) -> SizingResult:
    """One line per lot (labour-share method) plus the total; small lots are flagged with the reason."""
    if not lots:
        raise InvalidInput("Lots : indiquez au moins un lot (intitulé et montant).", field="lots")
    ctx = _Context(grid)
    parsed = [lot if isinstance(lot, LotInput) else _lot_from_mapping(lot) for lot in lots]
    insertion = _rate(ctx, rate)
    cost = _hourly_cost(ctx, hourly_cost)
    duration = _months(ctx, months, required=framework, why="pour calculer les heures par an de l'accord-cadre")
    base = _etp_base(ctx, etp_base)
    lines: list[LotLine] = []
    total_amount = Decimal(0)
    total_worked = Decimal(0)
    total_exact = Decimal(0)
    for lot in parsed:
        label = lot.label.strip() or "lot sans intitulé"
        value = _check_amount(
            parse_decimal(lot.amount, field="lots", label=f"montant du lot « {label} »"),
            field="lots",
            label=f"montant du lot « {label} »",
        )
        ctx.assume("lot_amount", f"Montant HT du lot « {label} »", float(value), fmt_euros(value), "utilisateur")
        share, origin, trade = _labour_share(ctx, lot.labour_share, lot.trade or label, lot_label=label)
        worked = value * share / cost
        exact = worked * insertion
        hours = round_hours(exact)
        formula = (
            f"{label} : {fmt_euros(value)} × {fmt_percent(share)} × {fmt_percent(insertion)} ÷ "
            f"{fmt_number(cost)} €/h = {fmt_hours(hours)}"
        )
        reason = _small_clause_reason(ctx, hours)
        if reason:
            ctx.warn(f"Lot « {label} » : {reason}")
        lines.append(
            LotLine(
                label=label,
                amount=float(value),
                trade=trade.label if trade else None,
                labour_share=float(share),
                labour_share_origin=origin,
                hours=hours,
                hours_exact=float(exact),
                hours_worked=round_hours(worked),
                formula=formula,
                small=reason is not None,
                reason=reason,
            )
        )
        total_amount += value
        total_worked += worked
        total_exact += exact
    if total_amount > MAX_AMOUNT:
        _check_amount(total_amount, field="lots", label="montant total des lots")
    total_hours = sum(line.hours for line in lines)
    formula = "\n".join(line.formula for line in lines)
    formula += f"\nTotal : {' + '.join(fmt_hours(line.hours) for line in lines)} = {fmt_hours(total_hours)}"
    ctx.notes.append("Le total additionne les heures arrondies de chaque lot, pour que le tableau se recoupe.")
    if framework:
        _framework(ctx, total_amount, None)
    _threshold_warnings(ctx, total_amount, market_type, all_lots=True)
    result = _finish(
        ctx,
        method="multi_lot",
        exact=total_exact,
        hours_worked=total_worked,
        etp_base=base,
        months=duration,
        formula=formula,
        framework=framework,
        lots=lines,
        hours=total_hours,
    )
    result.rounding = (
        "Chaque lot est arrondi à l'heure la plus proche ; le total est la somme des lots arrondis "
        f"({fmt_number(total_exact)} h avant arrondi)."
    )
    return result


def convert_hours(grid: Grid, hours: Any, *, etp_base: Any = None, months: Any = None) -> SizingResult:
    """ETP for a number of insertion hours: total (hours ÷ base) and per year (÷ years of duration)."""
    ctx = _Context(grid)
    value = parse_decimal(hours, field="hours", label="nombre d'heures")
    if value <= 0 or value > MAX_HOURS:
        raise InvalidInput(
            f"Nombre d'heures : indiquez un nombre strictement positif et réaliste (reçu : {_plain(value)}).",
            field="hours",
        )
    ctx.assume("hours", "Heures d'insertion", float(value), fmt_hours(value), "utilisateur")
    duration = _months(ctx, months)
    base = _etp_base(ctx, etp_base)
    rounded = round_hours(value)
    total, per_year = _etp(rounded, base, duration)
    formula = f"{fmt_hours(rounded)} ÷ {fmt_number(base)} h = {fmt_number(total)} ETP"
    if duration is not None and per_year is not None:
        formula += (
            f" ; sur {fmt_number(duration)} mois : {fmt_hours(rounded)} ÷ {fmt_number(base)} h ÷ "
            f"{fmt_number(duration / 12)} an(s) = {fmt_number(per_year)} ETP par an"
        )
    return _finish(
        ctx,
        method="etp_conversion",
        exact=value,
        hours_worked=None,
        etp_base=base,
        months=duration,
        formula=formula,
        hours=rounded,
    )


def _small_clause_warning(ctx: _Context, hours: int) -> str | None:
    reason = _small_clause_reason(ctx, hours)
    return f"Petite clause : {reason}" if reason else None


def _lot_from_mapping(raw: Mapping[str, Any]) -> LotInput:
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


# === single entry point ======================================================


def size(grid: Grid, params: SizingParams | Mapping[str, Any]) -> SizingResult:
    """Dispatch to the right method from raw parameters (CLI, agent, API).

    Multi-lot when ``lots`` is given; cleaning with staff transfer when
    ``transferred_hours_per_month`` is; percentage of hours worked when
    ``percent_of_hours`` is; ETP conversion when only ``hours`` is; otherwise
    the labour-share method.
    """
    if not isinstance(params, SizingParams):
        try:
            params = SizingParams.model_validate(dict(params))
        except ValidationError as error:
            first = error.errors()[0]
            field = str(first["loc"][0]) if first.get("loc") else None
            message = (
                f"Paramètre inconnu : « {field} »."
                if first.get("type") == "extra_forbidden"
                else f"Paramètre « {field} » illisible."
            )
            raise InvalidInput(message, field=field, detail=str(error)) from None
    p = params
    if p.lots:
        return size_lots(
            grid,
            list(p.lots),
            rate=p.rate if p.percent_of_hours is None else p.percent_of_hours,
            hourly_cost=p.hourly_cost,
            months=p.months,
            etp_base=p.etp_base,
            market_type=p.market_type,
            framework=p.framework,
        )
    if p.amount is None and p.hours is not None:
        return convert_hours(grid, p.hours, etp_base=p.etp_base, months=p.months)
    if p.transferred_hours_per_month is not None:
        return size_cleaning_transfer(
            grid,
            amount=p.amount,
            months=p.months,
            transferred_hours_per_month=p.transferred_hours_per_month,
            rate=p.rate if p.percent_of_hours is None else p.percent_of_hours,
            etp_base=p.etp_base,
            framework=p.framework,
            maximum_amount=p.maximum_amount,
        )
    if p.percent_of_hours is not None:
        if p.rate is not None:
            raise InvalidInput(
                "Pourcentage des heures travaillées : indiquez soit un taux d'insertion, soit un pourcentage des "
                "heures travaillées, pas les deux.",
                field="percent_of_hours",
            )
        return size_percent_of_hours(
            grid,
            amount=p.amount,
            percent=p.percent_of_hours,
            trade=p.trade,
            labour_share=p.labour_share,
            hourly_cost=p.hourly_cost,
            months=p.months,
            etp_base=p.etp_base,
            market_type=p.market_type,
            framework=p.framework,
            maximum_amount=p.maximum_amount,
        )
    return size_labour_share(
        grid,
        amount=p.amount,
        trade=p.trade,
        labour_share=p.labour_share,
        rate=p.rate,
        hourly_cost=p.hourly_cost,
        months=p.months,
        etp_base=p.etp_base,
        market_type=p.market_type,
        framework=p.framework,
        maximum_amount=p.maximum_amount,
    )
