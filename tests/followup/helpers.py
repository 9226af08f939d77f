"""Building import folders and workbooks from the sample for the tests."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from assistant.followup.parsing import TABLES


def copy_sample(sample: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        shutil.copy(sample / f"{name}.csv", target / f"{name}.csv")
    return target


def read_rows(folder: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / f"{name}.csv").read_text(encoding="utf-8-sig"))))


def write_rows(folder: Path, name: str, rows: list[list[str]], *, sep: str = ",", encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))


def edit_cell(folder: Path, name: str, line: int, column: str, value: str) -> None:
    """Set one cell; ``line`` counts like a spreadsheet (1 = header)."""
    rows = read_rows(folder, name)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(folder, name, rows)


def as_french_excel(folder: Path, target: Path, *, bom: bool = False, encoding: str = "cp1252") -> Path:
    """The same tables as French Excel writes them: ``;``, decimal commas, Windows-1252 (or UTF-8 with BOM)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        rows = read_rows(folder, name)
        header = rows[0]
        numeric = {i for i, c in enumerate(header) if c in {"heures", "heures_prevues"}}
        french = [header] + [[v.replace(".", ",") if i in numeric else v for i, v in enumerate(r)] for r in rows[1:]]
        write_rows(target, name, french, sep=";", encoding=encoding)
        if bom:
            path = target / f"{name}.csv"
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return target


def as_workbook(folder: Path, path: Path) -> Path:
    """One .xlsx with a sheet per table; numbers and dates as real cell values."""
    from datetime import date

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in TABLES:
        sheet = workbook.create_sheet(name)
        rows = read_rows(folder, name)
        sheet.append(rows[0])
        for row in rows[1:]:
            values: list[object] = []
            for column, value in zip(rows[0], row, strict=True):
                if column in {"heures", "heures_prevues"}:
                    values.append(float(value))
                elif column.startswith("date_"):
                    values.append(date.fromisoformat(value))
                else:
                    values.append(value)
            sheet.append(values)
    workbook.save(path)
    return path
