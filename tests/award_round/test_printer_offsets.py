"""Certificate printer offsets are remembered per printer in the data folder."""

from __future__ import annotations

import json

import pytest

from desktop.errors import UserError
from desktop.store.printer_offsets import (
    PrinterOffsets,
    load_offsets,
    offsets_file,
    save_offsets,
)


def test_offsets_are_remembered_per_printer(hoso_data_dir):
    assert load_offsets("Canon LBP2900") == PrinterOffsets(0.0, 0.0)
    save_offsets("Canon LBP2900", PrinterOffsets(2.54, -1.0))
    save_offsets("HP LaserJet", PrinterOffsets(-3.0, 0.5))
    assert load_offsets("Canon LBP2900") == PrinterOffsets(2.5, -1.0)  # 0.1 mm is enough
    assert load_offsets("HP LaserJet") == PrinterOffsets(-3.0, 0.5)
    data = json.loads(offsets_file().read_text(encoding="utf-8"))
    assert set(data["printers"]) == {"Canon LBP2900", "HP LaserJet"}


def test_a_wild_offset_is_refused_in_vietnamese_and_nothing_is_lost(hoso_data_dir):
    save_offsets("Canon", PrinterOffsets(1.0, 1.0))
    with pytest.raises(UserError) as info:
        save_offsets("Canon", PrinterOffsets(45.0, 0.0))
    assert "Độ lệch ngang" in info.value.message("vi") and "30" in info.value.message("vi")
    with pytest.raises(UserError):
        save_offsets("Canon", PrinterOffsets(0.0, float("nan")))
    with pytest.raises(UserError) as info:
        save_offsets("  ", PrinterOffsets(0.0, 0.0))
    assert "máy in" in info.value.message("vi")
    assert load_offsets("Canon") == PrinterOffsets(1.0, 1.0)


def test_a_damaged_file_is_kept_aside(hoso_data_dir):
    path = offsets_file()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_offsets("Canon") == PrinterOffsets()
    assert path.with_name("printers.json.bad").read_text(encoding="utf-8") == "{not json"
    save_offsets("Canon", PrinterOffsets(1.0, 0.0))
    assert load_offsets("Canon") == PrinterOffsets(1.0, 0.0)
