"""The follow-up workspace: one object the CLI, the API and the conversation call."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from assistant.db import Database
from assistant.followup.alerts import Alert, late_operations
from assistant.followup.codes import Codes, load_codes
from assistant.followup.importing import ImportResult, import_path
from assistant.followup.indicators import Scope, compute, monthly_series
from assistant.followup.period import Period
from assistant.followup.store import FollowupStore, Purged


class Followup:
    def __init__(self, database: Database, codes: Codes) -> None:
        self.store = FollowupStore(database)
        self.codes = codes

    @classmethod
    def from_settings(cls, settings: Any, database: Database | None = None) -> Followup:
        return cls(database or Database(settings.database), load_codes(settings.domain_data_dir / "followup.yaml"))

    def import_path(self, path: Path) -> ImportResult:
        return import_path(path, self.store, self.codes)

    def bilan(self, period: Period, territory: str | None = None) -> dict[str, Any]:
        """The indicator object of the format note for ``period`` and ``territory``."""
        return compute(self.store.load(period, territory), Scope(period, territory), self.codes)

    def monthly(self, period: Period, territory: str | None = None) -> list[dict[str, Any]]:
        return monthly_series(self.store.load(period, territory), Scope(period, territory))

    def alerts(self, day: date, threshold: float = 0.8, territory: str | None = None) -> list[Alert]:
        return late_operations(self.store.load(None, territory), day, threshold)

    def territories(self) -> list[str]:
        return self.store.territories()

    def purge(self, years: int, today: date | None = None) -> Purged:
        return self.store.purge(years, today)
