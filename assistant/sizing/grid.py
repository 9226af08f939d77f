"""The sizing grid (``corpus/data/sizing_grid.yaml``), the lookup of its trades by name and of its EU thresholds."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator
from rapidfuzz import fuzz, process

from assistant.errors import UnknownTrade
from assistant.fr import MarketType
from assistant.fr import fold_words as fold
from assistant.sizing.texts import TEXTS_FILE, SizingTexts, cached_texts, shipped_texts
from assistant.yaml_data import load_yaml

# The EU threshold categories of a local authority's markets (directive 2014/24, art. 4),
# named by the French toolkit that reads them in a request.
MARKET_TYPES: tuple[MarketType, ...] = ("works", "supplies_services", "social_services")
SocialStatus = Literal["mandatory", "optional"]

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
    trade: str | None = Field(
        default=None, description="Corps d'état de la grille auquel s'applique la méthode de la branche propreté."
    )


class GridAnnualThreshold(BaseModel):
    """A threshold on a buyer's total purchases in a year (the SPASER's, article D2111-3)."""

    value: float
    former: float | None = None  # the value before its last change, still quoted by users
    source: str


class GridThresholds(BaseModel):
    period: str
    source: str
    works: float
    supplies_services_local: float
    supplies_services_state: float | None = None
    supplies_services_utilities: float | None = None
    social_services: float
    social_condition_mandatory_from: date
    social_condition_source: str


class Trade(BaseModel):
    id: str
    label: str
    market_type: MarketType = Field(description="Catégorie de seuil européen des marchés de ce corps d'état.")
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
    spaser_threshold: GridAnnualThreshold | None = Field(
        default=None, description="Montant annuel d'achats au-delà duquel un SPASER est obligatoire (D2111-3)."
    )
    selling_price_cost: SourcedValue | None = Field(
        default=None,
        description="Coût horaire (€/h) à partir duquel la valeur donnée ressemble à un prix de vente plutôt qu'à un "
        "coût salarial chargé : l'outil le signale, sans rien changer au calcul.",
    )
    comparison_trade: str | None = Field(
        default=None,
        description="Corps d'état dont la part publiée sert de point de comparaison (jamais appliquée d'office) "
        "quand un corps d'état de travaux n'a pas de part publiée.",
    )
    comparison_excludes: list[str] = Field(
        default_factory=list, description="Corps d'état pour lesquels même ce point de comparaison n'est pas montré."
    )
    share_simulation: list[float] = Field(
        default_factory=list,
        description="Parts de main-d'œuvre simulées (jamais appliquées) pour un métier sans part publiée ni point "
        "de comparaison : l'outil montre les heures à chacune pour aider à fixer la part avec le facilitateur.",
    )
    texts: SizingTexts = Field(default_factory=shipped_texts, exclude=True, repr=False)

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
            *([self.spaser_threshold.source] if self.spaser_threshold else []),
        ]
        missing = sorted({key for key in keys if key not in self.sources})
        if missing:
            raise ValueError(f"unknown source keys in sizing grid: {missing}")
        ids = [trade.id for trade in self.trades]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate trade ids in sizing grid")
        if self.comparison_trade is not None:
            compared = self.trade_by_id(self.comparison_trade)
            if compared is None or compared.labour_share is None or not compared.sourced:
                raise ValueError(f"comparison_trade {self.comparison_trade!r} must be a sourced trade with a share")
        if any(not 0 < share < 1 for share in self.share_simulation):
            raise ValueError("share_simulation values must be fractions between 0 and 1")
        return self

    def comparison(self) -> Trade | None:
        """The sourced trade whose share is shown as a point of comparison for works trades without one."""
        return self.trade_by_id(self.comparison_trade) if self.comparison_trade else None

    def compared(self, trade: Trade) -> bool:
        """Whether ``trade``, a works trade without a published share, gets the comparison."""
        return (
            trade.labour_share is None
            and trade.market_type == "works"
            and trade.id not in self.comparison_excludes
            and self.comparison() is not None
        )

    def simulated_shares(self, trade: Trade) -> list[float]:
        """The shares ``trade``'s hours are simulated at: none when it has a published share or gets the
        comparison; for a trade excluded from the comparison (roadworks), never the comparison's share
        itself nor above it, since even that average has no source for it."""
        if trade.labour_share is not None or self.compared(trade):
            return []
        compared = self.comparison()
        if trade.id in self.comparison_excludes and compared is not None and compared.labour_share is not None:
            return [share for share in self.share_simulation if share < compared.labour_share]
        return list(self.share_simulation)

    def source(self, key: str | None) -> GridSource | None:
        return self.sources.get(key) if key else None

    def trade_by_id(self, trade_id: str) -> Trade | None:
        return next((trade for trade in self.trades if trade.id == trade_id), None)

    def allowed_etp_bases(self) -> list[int]:
        return [int(self.defaults.etp_base.value), *(int(alt.value) for alt in self.defaults.etp_alternatives)]


def load_grid(path: str | Path) -> Grid:
    """Read and validate the sizing grid and the texts next to it (I/O: callers cache the result).

    The texts are ``sizing_texts.yaml`` in the grid's folder; a grid copied alone
    elsewhere uses the texts shipped with the project.
    """
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        raw = load_yaml(handle)
    texts_path = path.parent / TEXTS_FILE
    if texts_path.is_file():
        raw["texts"] = cached_texts(str(texts_path))
    return Grid.model_validate(raw)


@lru_cache(maxsize=8)
def cached_grid(path: str) -> Grid:
    """:func:`load_grid` memoised on the path, for callers that size repeatedly."""
    return load_grid(path)


# === EU thresholds ===========================================================


def eu_threshold(grid: Grid, market_type: MarketType) -> Decimal:
    """The EU threshold (€ HT) of the grid for a local authority's market of this type.

    The one threshold lookup of the product: the sizing line and the drafting tool
    both use it.
    """
    thresholds = grid.european_thresholds
    value = {
        "works": thresholds.works,
        "supplies_services": thresholds.supplies_services_local,
        "social_services": thresholds.social_services,
    }[market_type]
    return Decimal(repr(value))


def social_status(grid: Grid, value: Decimal | float, market_type: MarketType) -> SocialStatus:
    """Mandatory at or above the threshold of the market's type (article L2112-2-1), optional below.

    ``value`` is that of the whole market: every lot and renewal; for a framework
    agreement its maximum, or failing that its estimated total.
    """
    amount = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return "mandatory" if amount >= eu_threshold(grid, market_type) else "optional"


# === trade lookup ============================================================


def _trade_index(grid: Grid) -> dict[str, Trade]:
    index: dict[str, Trade] = {}
    for trade in grid.trades:
        for name in trade.names():
            index.setdefault(fold(name), trade)
    return index


def trade_named(grid: Grid, name: str) -> Trade | None:
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
    trade = trade_named(grid, name)
    if trade is not None:
        return trade
    suggestions = suggest_trades(grid, name)
    hint = f" Corps d'état proches : {quoted(suggestions)}." if suggestions else ""
    raise UnknownTrade(
        f"Corps d'état inconnu de la grille : « {name} ».{hint} Indiquez un corps d'état de la grille "
        "ou une part de main-d'œuvre explicite.",
        suggestions=suggestions,
        detail=f"unknown trade {name!r}",
    )


def quoted(labels: list[str]) -> str:
    # Labels contain commas themselves (« Plomberie, chauffage, ventilation »).
    return ", ".join(f"« {label} »" for label in labels)


def guess_trade(grid: Grid, label: str) -> Trade | None:
    """The trade named inside a lot label (« Lot 2 - gros œuvre » → gros œuvre), longest name first."""
    folded = fold(label)
    exact = trade_named(grid, label)
    if exact is not None:
        return exact
    best: tuple[int, Trade] | None = None
    for name, trade in _trade_index(grid).items():
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded) and (best is None or len(name) > best[0]):
            best = (len(name), trade)
    return best[1] if best else None
