"""The follow-up benchmark's generated territory year is valid data of the exchange format."""

from __future__ import annotations

from pathlib import Path

from assistant.db import Database
from assistant.followup.codes import Codes
from assistant.followup.period import Period
from assistant.followup.service import Followup
from assistant.followup.texts import Texts
from eval.bench_followup import generate


def test_the_generated_year_imports_without_error_and_gives_figures(
    tmp_path: Path, database: Database, codes: Codes, texts: Texts
) -> None:
    generate(tmp_path / "year", operations=12, participants=40, rows=300)
    followup = Followup(database, codes, texts)
    result = followup.import_path(tmp_path / "year")
    assert result.ok, [str(e) for e in result.report.errors[:3]]
    assert result.stored["heures"] == 300
    assert followup.bilan(Period.year(2026))["heures"]["realisees"] > 0
