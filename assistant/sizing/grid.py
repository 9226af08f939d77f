"""The sizing grid (``corpus/data/sizing_grid.yaml``) and the lookup of its trades by name."""

from __future__ import annotations

import re
import string
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, model_validator
from rapidfuzz import fuzz, process

from assistant.errors import UnknownTrade
from assistant.fr import fold_words as fold
from assistant.settings import PROJECT_ROOT

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


TEXTS_FILE = "sizing_texts.yaml"
# Every text the code fills, with its placeholders: a rewording must keep them.
TEXT_PLACEHOLDERS: dict[str, frozenset[str]] = {
    key: frozenset(names.split())
    for key, names in {
        "source_suffix": "title",
        "rate_above_usual": "rate usual_min usual_max source",
        "share_of_unknown_trade": "trade share",
        "share_unsourced": "share trade where basis",
        "share_based_on": "trade",
        "threshold_subject": "",
        "threshold_subject_all_lots": "",
        "threshold_subject_maximum": "",
        "threshold_consequence": "mandatory",
        "threshold_works": "subject amount works period consequence",
        "threshold_supplies": "subject amount supplies period consequence",
        "threshold_unknown_market_type": "period amount supplies consequence works",
        "small_clause_reason": "hours min_hours source",
        "small_clause": "reason",
        "small_lot": "label reason",
        "framework_basis": "amount",
        "framework_maximum": "maximum",
        "no_duration": "",
        "percent_of_hours": "percent hours",
        "cleaning_transfer_exceeds_market": "transferred transferred_turnover monthly_turnover",
        "cleaning_without_transfer": "hours amount turnover rate",
        "cleaning_below_minimum": "hours minimum",
        "lots_total": "",
    }.items()
}


class SizingTexts(BaseModel):
    """The warning, note and legal texts of sizing results (``sizing_texts.yaml``, next to the grid)."""

    templates: dict[str, str]

    def __call__(self, key: str, **values: Any) -> str:
        """The text ``key`` with its placeholders filled."""
        return self.templates[key].format(**values)

    @classmethod
    def load(cls, path: Path) -> SizingTexts:
        """Read the texts; a missing text or a changed placeholder is an error at load time."""
        with path.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            raise ValueError(f"{path}: every sizing text must be a string")
        for key, expected in TEXT_PLACEHOLDERS.items():
            if key not in raw:
                raise ValueError(f"{path}: the text {key!r} is missing")
            found = {name for _, name, _, _ in string.Formatter().parse(raw[key]) if name}
            if found != expected:
                raise ValueError(f"{path}: {key!r} must use the placeholders {sorted(expected)}, not {sorted(found)}")
        return cls(templates={str(key): value for key, value in raw.items()})


@lru_cache(maxsize=4)
def _texts_beside(grid_folder: str) -> SizingTexts:
    return SizingTexts.load(Path(grid_folder) / TEXTS_FILE)


class Grid(BaseModel):
    """The sizing grid, as edited by the Department (see the YAML file's comments), with its texts."""

    sources: dict[str, GridSource]
    defaults: GridDefaults
    rates: GridRates
    small_clause: GridSmallClause
    cleaning: GridCleaning
    european_thresholds: GridThresholds
    trades: list[Trade]
    texts: SizingTexts = Field(
        default_factory=lambda: _texts_beside(str(PROJECT_ROOT / "corpus" / "data")), exclude=True, repr=False
    )

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
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    grid = Grid.model_validate(raw)
    if (path.parent / TEXTS_FILE).exists():
        grid.texts = _texts_beside(str(path.parent))
    return grid


@lru_cache(maxsize=8)
def cached_grid(path: str) -> Grid:
    """:func:`load_grid` memoised on the path, for callers that size repeatedly."""
    return load_grid(path)


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
