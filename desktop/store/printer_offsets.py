"""Printer offsets for certificates (độ lệch máy in khi in Giấy khen lên phôi), per printer.

A small JSON file in the user's data folder, ``printers.json``::

    {"version": 1, "printers": {"Canon LBP2900": {"dx_mm": 2.5, "dy_mm": -1.0}}}

Offsets are millimetres, positive to the right and downwards, measured with the
calibration page. A damaged file is kept aside (``printers.json.bad``) and read as empty:
the offsets are cheap to measure again, the file is never silently overwritten.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError
from desktop.fsutil import write_atomic
from desktop.paths import data_dir

FILE_NAME = "printers.json"
#: Larger shifts mean the wrong paper or tray, not a printer's margin.
MAX_OFFSET_MM = 30.0


@dataclass(frozen=True)
class PrinterOffsets:
    dx_mm: float = 0.0
    dy_mm: float = 0.0


def offsets_file(data: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(data) / FILE_NAME


def _read(path: Path) -> dict[str, dict[str, float]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        printers = raw["printers"]
        if not isinstance(printers, dict):
            raise TypeError("printers")
        return {str(k): v for k, v in printers.items() if isinstance(v, dict)}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError):
        try:
            path.replace(path.with_name(path.name + ".bad"))
        except OSError:
            pass
        return {}


def load_offsets(printer: str, data: str | os.PathLike[str] | None = None) -> PrinterOffsets:
    """The remembered offsets of ``printer`` (zero when none were saved)."""
    entry = _read(offsets_file(data)).get(printer.strip(), {})
    try:
        return PrinterOffsets(float(entry.get("dx_mm", 0.0)), float(entry.get("dy_mm", 0.0)))
    except (TypeError, ValueError):
        return PrinterOffsets()


def check_offset(field: str, value: float) -> float:
    """``value`` if it is a usable offset; else a :class:`UserError` naming the field."""
    if not math.isfinite(value) or abs(value) > MAX_OFFSET_MM:
        raise UserError(f"round.offset_out_of_range.{field}", value=value,
                        max=int(MAX_OFFSET_MM))
    return round(value, 1)


def save_offsets(printer: str, offsets: PrinterOffsets,
                 data: str | os.PathLike[str] | None = None) -> PrinterOffsets:
    """Remember ``offsets`` for ``printer`` (checked; rounded to 0.1 mm)."""
    name = printer.strip()
    if not name:
        raise UserError("round.printer_required")
    clean = PrinterOffsets(check_offset("dx_mm", offsets.dx_mm),
                           check_offset("dy_mm", offsets.dy_mm))
    path = offsets_file(data)
    printers = _read(path)
    printers[name] = {"dx_mm": clean.dx_mm, "dy_mm": clean.dy_mm}
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": 1, "printers": printers}, ensure_ascii=False, indent=2)
    write_atomic(path, (text + "\n").encode("utf-8"))
    return clean
