"""The French texts of the sizing tool (``corpus/data/sizing_texts.yaml``): warnings, notes, the legal line.

The texts hold ``{placeholders}`` filled with figures of the sizing grid (thresholds,
the date of the mandatory social condition) and of the computation; they never write
a figure themselves. Loading checks that every text the code uses is present and uses
exactly the placeholders of its entry in :data:`TEXT_KEYS` (none unknown, none dropped),
so an edit of the file fails at start-up, not in the middle of an answer.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, model_validator

from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

TEXTS_FILE = "sizing_texts.yaml"

_CATEGORIES = ("works", "supplies_services", "social_services")
_LINE = {"subject", "threshold_name", "threshold", "period"}

# Every text the code renders, with the placeholders it must use: a rewording keeps them all.
TEXT_KEYS: dict[str, set[str]] = {
    **{f"social_condition.categories.{c}.label": set() for c in _CATEGORIES},
    **{f"social_condition.categories.{c}.threshold_name": set() for c in _CATEGORIES},
    **{f"social_condition.unknown_category_names.{c}": set() for c in _CATEGORIES},
    "social_condition.type_origin.user": {"category"},
    "social_condition.type_origin.trade": {"category", "trade"},
    "social_condition.type_origin.lots": {"category"},
    "social_condition.type_origin.cleaning": {"category"},
    "social_condition.value.market": {"amount"},
    "social_condition.value.lots": {"amount"},
    "social_condition.value.framework_maximum": {"amount"},
    "social_condition.value.framework_total": {"amount"},
    "social_condition.value.annual": {"amount", "annual", "duration"},
    "social_condition.mandatory": {"mandatory_from"},
    "social_condition.optional": set(),
    "social_condition.reached": _LINE | {"value", "mandatory"},
    "social_condition.not_reached": _LINE | {"value", "optional"},
    "social_condition.single_lot_reached": _LINE | {"lot", "amount", "mandatory"},
    "social_condition.single_lot": _LINE | {"lot", "amount", "mandatory"},
    "social_condition.single_lot_unknown": {"lot", "amount", "period", "mandatory"},
    "social_condition.unknown_none": {"value", "lowest", "period", "optional"},
    "social_condition.unknown_all": {"value", "highest", "period", "mandatory"},
    "social_condition.unknown_some": {"value", "reached", "not_reached", "period", "mandatory"},
    "social_condition.unknown_reached_item": {"category", "threshold"},
    "social_condition.unknown_not_reached_item": {"category", "threshold"},
    "warnings.rate_above_usual": {"rate", "usual_min", "usual_max", "source"},
    "warnings.rate_at_usual_max": {"rate", "usual_min", "usual_max", "source"},
    "warnings.unsourced_share": {"share", "trade", "where", "basis"},
    "warnings.unsourced_share_basis": {"based_on"},
    "warnings.small_clause": {"reason"},
    "warnings.selling_price_cost": {"cost", "usual", "factor", "source"},
    "warnings.small_lot": {"lot", "reason"},
    "warnings.small_lots": {"lots", "min_hours", "source"},
    "warnings.small_clause_reason": {"hours", "min_hours", "source"},
    "warnings.framework": {"amount"},
    "warnings.cleaning_no_hours": {"transferred", "transferred_turnover", "monthly_turnover"},
    "warnings.cleaning_below_branch": {"hours", "min_hours"},
    "notes.source": {"title"},
    "notes.trade_not_in_grid": {"trade", "share"},
    "notes.percent_of_hours": {"percent", "hours"},
    "notes.cleaning_without_transfer": {"hours", "amount", "turnover", "rate"},
    "notes.cleaning_transfer_hint": set(),
    "notes.labour_amount": {"amount", "share", "labour"},
    "notes.insertion_amount": {"labour", "rate", "insertion", "cost"},
    "notes.lots_total": set(),
    "notes.no_duration": set(),
    "notes.rounding_exact": {"hours"},
    "notes.rounding": {"exact", "hours"},
    "notes.rounding_lots": {"exact"},
}


def _flatten(node: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(node, Mapping):
        flat: dict[str, str] = {}
        for key, value in node.items():
            flat.update(_flatten(value, f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): str(node)}


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a text uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class SizingTexts(BaseModel):
    """The texts by dotted key (« warnings.framework »), checked against :data:`TEXT_KEYS`."""

    entries: dict[str, str]

    @model_validator(mode="after")
    def _complete(self) -> SizingTexts:
        missing = sorted(key for key in TEXT_KEYS if key not in self.entries)
        if missing:
            raise ValueError(f"sizing texts missing: {missing}")
        unknown = {
            key: sorted(placeholders(self.entries[key]) - expected)
            for key, expected in TEXT_KEYS.items()
            if placeholders(self.entries[key]) - expected
        }
        if unknown:
            raise ValueError(f"sizing texts use unknown placeholders: {unknown}")
        dropped = {
            key: sorted(expected - placeholders(self.entries[key]))
            for key, expected in TEXT_KEYS.items()
            if expected - placeholders(self.entries[key])
        }
        if dropped:
            raise ValueError(f"sizing texts lack placeholders they must keep: {dropped}")
        return self

    def get(self, key: str, **values: Any) -> str:
        """The text ``key`` with its placeholders filled (values are already formatted the French way)."""
        return self.entries[key].format(**values)


def load_texts(path: str | Path) -> SizingTexts:
    """Read and check the sizing texts (I/O: callers cache the result)."""
    with Path(path).open(encoding="utf-8") as handle:
        raw = load_yaml(handle) or {}
    return SizingTexts(entries=_flatten(raw))


@lru_cache(maxsize=8)
def cached_texts(path: str) -> SizingTexts:
    return load_texts(path)


def shipped_texts() -> SizingTexts:
    """The texts shipped with the project, for a grid built without its folder (tests, edited copies)."""
    return cached_texts(str(PROJECT_ROOT / "corpus" / "data" / TEXTS_FILE))
