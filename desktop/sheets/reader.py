"""Reading spreadsheets: .xlsx, .xls, .ods through python-calamine, .csv through the stdlib.

python-calamine (MIT, Rust calamine under a ~1 MB wheel, no other dependency) reads all three
office formats with one API, returns dates of date-formatted cells as ``datetime.date`` and
reports merged cell ranges; openpyxl reads only .xlsx (and is ~10x slower on big sheets),
xlrd only .xls. Cells come back as str, float, int, bool, date/datetime/time or "".

CSV files are decoded as UTF-8 (with or without BOM); other bytes are either Windows-1258
(the code page Excel on Vietnamese Windows saves CSV in) or font codes of TCVN3/VNI text,
which read as the Windows-1252 glyphs that :mod:`desktop.legacytext` recognises.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.textutil import nfc

OFFICE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
SUFFIXES = (*OFFICE_SUFFIXES, ".csv", ".txt")

Cell = Any
Merged = tuple[tuple[int, int], tuple[int, int]]  # (first row, first col), (last row, last col)


@dataclass
class Sheet:
    """One sheet: its rows (lists of cells, all of one width) and merged ranges."""

    name: str
    rows: list[list[Cell]]
    merged: list[Merged] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def sheet_names(path: Path | str) -> list[str]:
    """The names of the sheets of a workbook (a CSV file has one, named after the file)."""
    path = Path(path)
    _check(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return [path.stem]
    wb = _open(path)
    try:
        return list(wb.sheet_names)
    finally:
        wb.close()


def read_sheet(path: Path | str, sheet: str | int | None = None) -> Sheet:
    """One sheet of the file (by name or index; the first when None)."""
    path = Path(path)
    _check(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return _read_csv(path)
    wb = _open(path)
    try:
        names = list(wb.sheet_names)
        if not names:
            raise UserError("sheets.no_sheet", file=str(path))
        if sheet is None:
            sheet = 0
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise UserError("sheets.sheet_not_found", file=str(path), sheet=str(sheet),
                                sheets=", ".join(names))
            name = names[sheet]
        elif sheet in names:
            name = sheet
        else:
            raise UserError("sheets.sheet_not_found", file=str(path), sheet=sheet,
                            sheets=", ".join(names))
        ws = wb.get_sheet_by_name(name)
        rows = ws.to_python(skip_empty_area=False)
        try:
            merged = list(ws.merged_cell_ranges or [])
        except Exception:
            merged = []
        start = ws.start or (0, 0)
    except UserError:
        raise
    except Exception as exc:  # calamine's errors: damaged file, password, wrong format
        raise UserError("sheets.unreadable", file=str(path), reason=str(exc)) from exc
    finally:
        wb.close()
    # to_python() starts at the sheet's first used cell: pad so that rows/columns keep their
    # real numbers (what the secretary sees in Excel) and merged ranges line up
    top, left = start
    width = max((len(r) for r in rows), default=0) + left
    rows = [[""] * left + list(r) + [""] * (width - left - len(r)) for r in rows]
    rows = [[""] * width for _ in range(top)] + rows
    return Sheet(name, [[_clean(c) for c in r] for r in rows], merged)


def _check(path: Path) -> None:
    if not path.exists():
        raise UserError("file.not_found", file=str(path))
    if path.suffix.lower() not in SUFFIXES:
        raise UserError("sheets.unknown_format", file=str(path),
                        formats=", ".join(SUFFIXES))


def _open(path: Path):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise UserError("sheets.unreadable", file=str(path), reason=str(exc)) from exc


def _clean(cell: Cell) -> Cell:
    if isinstance(cell, str):
        return nfc(cell).strip()
    if cell is None:
        return ""
    return cell


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _legacy_bytes(raw)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    width = max((len(r) for r in rows), default=0)
    rows = [[_clean(c) for c in r] + [""] * (width - len(r)) for r in rows]
    return Sheet(path.stem, rows, [])


def _legacy_bytes(raw: bytes) -> str:
    """8-bit CSV: the Windows-1252 reading when it shows TCVN3/VNI text, else Windows-1258."""
    from desktop.legacytext import detect

    latin = raw.decode("cp1252", errors="replace")
    if detect(latin[:20000]) is not None:
        return latin
    return nfc(raw.decode("cp1258", errors="replace"))
