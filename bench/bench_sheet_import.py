"""Benchmark of the sheet import preview (issue 18): a 2,000-row list to preview ≤ 2 s.

The sheet is what a district gets from its communes: individuals with a two-row
"Năm sinh" (Nam | Nữ) header, Excel serial dates, ethnic groups by name, and one row in
ten typed in TCVN3 (repaired on the way). Timed: reading the .xlsx (python-calamine),
finding the header and mapping, and building the preview (every row parsed into its
nominee and checked by the rule engine on its own), best of 3. Also reported: writing the
chosen rows to a store (one transaction, what the window's one undoable edit does).

    .venv/bin/python bench/bench_sheet_import.py [ROWS]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from desktop.demo import demo_dossiers
from desktop.packs import load_pack
from desktop.sheets import find_header, plan_import, propose_mapping, read_sheet

TARGET_S = 2.0
FAMILY = ["Nông", "Hoàng", "Lương", "Đàm", "Triệu", "Lục", "Bế", "Hà", "Ma", "Lý"]
GIVEN = ["Văn Páo", "Thị Mến", "Văn Dền", "Thị Hoa", "Đức Thắng", "Thị Sen", "Văn Khải"]
ETHNIC = ["Tày", "Nùng", "Mông", "Dao", "Kinh", "Sán Chay", "02", "7"]


def make_sheet(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"])
    ws.append(["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Chức vụ",
               "Đơn vị công tác", "Địa chỉ"])
    ws.append([None, None, "Nam", "Nữ"])
    ws.merge_cells("A1:H1")
    ws.merge_cells("C2:D2")
    epoch = dt.date(1899, 12, 30)
    for i in range(rows):
        serial = (dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28) - epoch).days
        name = f"{FAMILY[i % len(FAMILY)]} {GIVEN[i % len(GIVEN)]} {i}"
        address = "Xãm Nµ C¹n, x· B×nh Long" if i % 10 == 0 else "Xóm Nà Cạn, xã Bình Long"
        male = i % 2 == 0
        ws.append([i + 1, name, serial if male else None, None if male else serial,
                   ETHNIC[i % len(ETHNIC)], "Công nhân", "Hợp tác xã Bình Long", address])
    wb.save(path)
    return path


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    pack = load_pack("caobang-2023-75nam")
    with tempfile.TemporaryDirectory() as tmp:
        path = make_sheet(Path(tmp) / "ds.xlsx", rows)
        times, read_times = [], []
        for _ in range(3):
            start = time.perf_counter()
            sheet = read_sheet(path)
            read_times.append(time.perf_counter() - start)
            header = find_header(sheet, "nominees")
            plan = plan_import(sheet, "nominees", pack,
                               mapping=propose_mapping(header, "nominees"), header=header)
            times.append(time.perf_counter() - start)
        assert len(plan.items()) == rows, (len(plan.items()), plan.counts())
        repaired = sum(1 for r in plan.rows if r.repairs)
        from desktop.store import Store

        with Store(Path(tmp) / "hoso.db", daily_backup=False) as store:
            dossier = demo_dossiers()[0]
            store.create_dossier(dossier)
            start = time.perf_counter()
            store.add_nominees(dossier.id, plan.items())
            write_s = time.perf_counter() - start
    best = min(times)
    print(f"sheet import preview, {rows} rows: best {best:.2f} s of 3 "
          f"(reading the .xlsx {min(read_times):.2f} s); {repaired} rows repaired from TCVN3; "
          f"target ≤ {TARGET_S:.1f} s: {'OK' if best <= TARGET_S else 'MISSED'}; "
          f"writing them to the store {write_s:.2f} s")
    return 0 if best <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
