"""The follow-up workspace: one object the CLI, the API and the conversation call."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Literal

from assistant.db import Database
from assistant.followup import report
from assistant.followup.alerts import Alert, late_operations
from assistant.followup.codes import Codes, load_codes
from assistant.followup.importing import ImportResult, import_path
from assistant.followup.indicators import Scope, compute, monthly_series, territories
from assistant.followup.period import Period, territory_matches
from assistant.followup.store import FollowupStore, Purged
from assistant.followup.texts import Texts, load_texts

Format = Literal["json", "md", "docx", "xlsx"]


class Followup:
    def __init__(self, database: Database, codes: Codes, texts: Texts) -> None:
        self.store = FollowupStore(database)
        self.codes = codes
        self.texts = texts

    @classmethod
    def from_settings(cls, settings: Any, database: Database | None = None) -> Followup:
        return cls(
            database or Database(settings.database),
            load_codes(settings.domain_data_dir / "followup.yaml"),
            load_texts(settings.prompts_dir / "followup.yaml"),
        )

    def import_path(self, path: Path, territory: str | None = None) -> ImportResult:
        return import_path(path, self.store, self.codes, territory)

    def bilan(self, period: Period, territory: str | None = None) -> dict[str, Any]:
        """The indicator object of the format note for ``period`` and ``territory``."""
        return compute(self.store.load(period, territory), Scope(period, territory), self.codes)

    def monthly(self, period: Period, territory: str | None = None) -> list[dict[str, Any]]:
        return monthly_series(self.store.load(period, territory), Scope(period, territory))

    def scope_label(self, territory: str | None) -> str:
        if territory is None or territory.strip() in {"", "*"}:
            return self.texts.get("answers", "scope_all")
        return self.texts.get("answers", "scope_territory", territory=territory)

    def bilans(self, period: Period, territory: str | None = None) -> report.Bilans:
        """The whole scope first, then each of its territories (the report's columns)."""
        data = self.store.load(period, territory)
        whole = compute(data, Scope(period, territory), self.codes)
        names = [t for t in territories(data) if territory_matches(t, territory)]
        label = self.texts.get("report", "total_column")
        if len(names) == 1 and territory not in (None, "", "*"):
            return {names[0]: whole}
        result = {label: whole}
        for name in names:
            result[name] = compute(data, Scope(period, name), self.codes)
        return result

    def export(self, fmt: Format, period: Period, territory: str | None = None) -> bytes:
        """The bilan as JSON (the format note's keys), Markdown, Word or Excel."""
        if fmt == "json":
            return json.dumps(self.bilan(period, territory), ensure_ascii=False, indent=2).encode("utf-8")
        bilans = self.bilans(period, territory)
        scope = self.scope_label(territory)
        if fmt == "md":
            return report.render_markdown(bilans, scope, self.codes, self.texts).encode("utf-8")
        monthly = self.monthly(period, territory)
        if fmt == "docx":
            return report.render_docx(bilans, monthly, scope, self.codes, self.texts)
        return report.render_xlsx(bilans, monthly, self.codes, self.texts)

    def alerts(self, day: date, threshold: float = 0.8, territory: str | None = None) -> list[Alert]:
        return late_operations(self.store.load(None, territory), day, threshold)

    def territories(self) -> list[str]:
        return self.store.territories()

    def purge(self, years: int, today: date | None = None) -> Purged:
        return self.store.purge(years, today)
