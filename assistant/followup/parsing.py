"""Reading the four tables from a folder of CSV files or one .xlsx workbook.

CSV files may be UTF-8 (with or without BOM) or Windows-1252 (French Excel exports),
separated by ``,``, ``;`` or tabs. Every cell is kept as text with its line number;
interpretation (numbers, dates, codes) is the validator's job.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter

from assistant.errors import InvalidInput

TABLES = ("operations", "participants", "heures", "structures")


@dataclass
class RawTable:
    name: str
    source: str  # file name shown to the user (« heures.csv », « suivi.xlsx, feuille heures »)
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # column → spreadsheet letter (xlsx only)

    def where(self, column: str) -> str:
        letter = self.letters.get(column)
        return f"{column} ({letter})" if letter else column


def decode(raw: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252 (what French Excel writes)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def sniff_separator(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv_text(text: str, name: str, source: str) -> RawTable:
    lines = text.splitlines()
    separator = sniff_separator(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    try:
        header = next(reader)
    except StopIteration:
        return RawTable(name, source, [])
    columns = [c.strip() for c in header]
    table = RawTable(name, source, columns)
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        padded = [*cells, *[""] * (len(columns) - len(cells))]
        table.rows.append((reader.line_num, {col: padded[i].strip() for i, col in enumerate(columns) if col}))
    return table


def read_csv(path: Path, name: str) -> RawTable:
    return read_csv_text(decode(path.read_bytes()), name, path.name)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheet_rows(rows: list[tuple[object, ...]], name: str, source: str) -> RawTable:
    if not rows:
        return RawTable(name, source, [])
    columns = [cell_text(c) for c in rows[0]]
    table = RawTable(name, source, columns, letters={c: get_column_letter(i + 1) for i, c in enumerate(columns) if c})
    for number, values in enumerate(rows[1:], start=2):
        cells = [cell_text(v) for v in values]
        if not any(cells):
            continue
        padded = [*cells, *[""] * (len(columns) - len(cells))]
        table.rows.append((number, {col: padded[i] for i, col in enumerate(columns) if col}))
    return table


def workbook_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet of a workbook as rows of values (lower-cased sheet names)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a broken file
        raise InvalidInput(
            f"Le classeur « {path.name} » est illisible : enregistrez-le au format .xlsx.", detail=str(error)
        ) from error
    try:
        return {sheet.title.strip().lower(): list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}
    finally:
        workbook.close()


def read_tables(path: Path) -> dict[str, RawTable]:
    """The tables found at ``path`` (a folder of CSV files, or one .xlsx workbook), by name."""
    if path.is_dir():
        files = {p.stem.strip().lower(): p for p in path.iterdir() if p.suffix.lower() == ".csv"}
        return {name: read_csv(files[name], name) for name in TABLES if name in files}
    if path.suffix.lower() == ".xlsx":
        sheets = workbook_rows(path)
        return {
            name: read_sheet_rows(sheets[name], name, f"{path.name}, feuille {name}")
            for name in TABLES
            if name in sheets
        }
    if path.suffix.lower() == ".csv":
        name = path.stem.strip().lower()
        if name in TABLES:
            return {name: read_csv(path, name)}
    if not path.exists():
        raise InvalidInput(f"« {path} » n'existe pas.", field="path")
    raise InvalidInput(
        f"« {path.name} » n'est ni un dossier de fichiers CSV, ni un classeur .xlsx, ni l'une des tables "
        "operations.csv, participants.csv, heures.csv ou structures.csv.",
        field="path",
    )
