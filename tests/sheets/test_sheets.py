"""Sheet import: nominees and council members from .xlsx, .xls, .ods and .csv into a dossier."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from validation.dossiers import CAO_BANG, valid_dossier_data

from desktop.cli import main
from desktop.models import Dossier
from desktop.packs import load_pack
from desktop.sheets import (
    LayoutMemory,
    apply_plan,
    find_header,
    plan_import,
    propose_mapping,
    read_sheet,
    sheet_names,
)
from desktop.sheets import values as V
from desktop.validation import validate

XLS = Path(__file__).resolve().parents[1] / "data" / "sheets" / "hoi-dong-va-ca-nhan.xls"
TODAY = dt.date(2023, 7, 3)


@pytest.fixture(scope="module")
def pack():
    return load_pack(CAO_BANG)


@pytest.fixture
def dossier(pack) -> Dossier:
    return Dossier.model_validate(valid_dossier_data(pack, ["individual", "household"],
                                                     unit_kind="district"))


def excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def write_xlsx(path: Path, rows: list[list], merges: list[str] = (), title: str = "DS") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def write_ods(path: Path, rows: list[list], name: str = "Sheet1") -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice saves, without styles)."""
    def cell(value) -> str:
        if isinstance(value, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        if not value:
            return "<table:table-cell/>"
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(value)}'
                "</text:p></table:table-cell>")
    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>"
                   for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{name}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


def household_sheet(path: Path) -> Path:
    """A hamlet's list as a commune keeps it: a title over merged cells, headers without
    diacritics, "Năm sinh" over Nam | Nữ (the year in the column of the head's gender),
    birth dates as Excel serial numbers and years, a TCVN3 address column, an empty row
    and a section line."""
    return write_xlsx(path, [
        ["DANH SACH HO GIA DINH DE NGHI KHEN THUONG"],
        [],
        ["STT", "Ho ten chu ho", "Nam sinh", None, "Dan toc", "Dia chi", "Nganh nghe",
         "So nhan khau"],
        [None, None, "Nam", "Nu"],
        [None, "I. XÃ BÌNH LONG"],
        [1, "Nông Văn Páo", 1968, None, "Tày", "Xãm Nµ C¹n, x· B×nh Long", "Trång trät",
         5],
        [2, "Hoàng Thị Mến", None, excel_serial(dt.date(1972, 3, 8)), "Nung",
         "Xãm Pß Tao, x· B×nh Long", "Ch¨n nu«i", 4],
        [None] * 8,
        [3, "Lý Văn Dền", "12/05/1975", None, "9", "Xãm Khuæi Lßa, x· B×nh Long",
         "Trång rõng", 6],
    ], merges=["A1:H1", "C3:D3"])


# ------------------------------------------------------------------------- values

@pytest.mark.parametrize(("cell", "expected"), [
    (1975, 1975), (1975.0, 1975), ("1975", 1975), ("năm 1975", 1975),
    (excel_serial(dt.date(1980, 3, 2)), dt.date(1980, 3, 2)),
    (float(excel_serial(dt.date(1990, 12, 31))), dt.date(1990, 12, 31)),
    ("12/05/1990", dt.date(1990, 5, 12)), ("1/2/1960", dt.date(1960, 2, 1)),
    ("12.05.1990", dt.date(1990, 5, 12)), ("05/1990", 1990), ("1990-05-12", dt.date(1990, 5, 12)),
    (dt.datetime(1985, 1, 2, 0, 0), dt.date(1985, 1, 2)),
])
def test_dates_as_sheets_write_them(cell, expected):
    assert V.to_date(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/1990", "không rõ", "19a5"])
def test_bad_dates_are_named(cell):
    with pytest.raises(V.CellError) as exc:
        V.to_date(cell)
    assert exc.value.key == "sheets.cell.bad_date"


def test_genders_and_ethnic_groups_in_usual_spellings(pack):
    assert {V.to_gender(x) for x in ("Nam", "nam", "NAM", "M", "x" if False else "Ông")} == \
        {"male"}
    assert {V.to_gender(x) for x in ("Nữ", "nu", "NỮ", "F", "Bà")} == {"female"}
    index = V.ethnic_index(pack)
    cases = {"Tày": "02", "tay": "02", "2": "02", "02": "02", 2.0: "02", "Kinh": "01",
             "Việt": "01", "H'Mông": "08", "Mông": "08", "HMông": "08", "Nùng": "07",
             "Sán Chay": "15", "san chay": "15", "Lô Lô": "43", "Khác": "99"}
    assert {k: V.to_ethnicity(k, index) for k in cases} == cases
    with pytest.raises(V.CellError):
        V.to_ethnicity("Marsian", index)


# ------------------------------------------------------------------------- xlsx

def test_xlsx_households_preview_and_import_into_a_dossier_that_validates(tmp_path, pack,
                                                                          dossier):
    sheet = read_sheet(household_sheet(tmp_path / "ho.xlsx"))
    header = find_header(sheet, "nominees")
    assert (header.row, header.depth) == (2, 2)  # the third row, two rows deep
    mapping = propose_mapping(header, "nominees")
    assert mapping == {1: "head_name", 2: "birth_year_male", 3: "birth_year_female",
                       4: "ethnicity", 5: "address", 6: "occupation", 7: "members_count"}
    plan = plan_import(sheet, "nominees", pack, kind="household", dossier=dossier)
    section, *people = plan.rows
    assert section.number == 5 and section.skip  # "I. XÃ BÌNH LONG"
    assert [r.number for r in people] == [6, 7, 9]  # the empty row is not a nominee
    got = [(n.head_name, n.head_birth_year, n.head_gender, n.ethnicity, n.address,
            n.occupation, n.members_count) for n in plan.items()]
    assert got == [
        ("Nông Văn Páo", 1968, "male", "02", "Xóm Nà Cạn, xã Bình Long", "Trồng trọt", 5),
        ("Hoàng Thị Mến", 1972, "female", "07", "Xóm Pò Tao, xã Bình Long", "Chăn nuôi", 4),
        ("Lý Văn Dền", 1975, "male", "09", "Xóm Khuổi Lòa, xã Bình Long", "Trồng rừng", 6),
    ]
    # the repairs are shown per cell, as notes (the rows raise no finding)
    assert any("Xãm Nµ C¹n" in m and "Xóm Nà Cạn" in m for m in people[0].messages())
    assert [r.status for r in people] == ["ok", "ok", "ok"]
    assert section.findings == [] and not section.unreadable
    # nothing was written: the dossier is unchanged until the plan is applied
    assert len(dossier.nominees) == 2
    new = apply_plan(dossier, plan)
    assert len(new.nominees) == 5 and new.proposal.nominee_ids[-3:] == tuple(
        n.id for n in plan.items())
    data = json.loads(new.model_dump_json())
    assert Dossier.model_validate(data) == new  # a dossier file that loads again
    findings = validate(new, pack, today=TODAY)
    imported = {n.id for n in plan.items()}
    about_fields = [f for f in findings if f.nominee_id in imported
                    and f.code.startswith(("field.", "input.", "text."))]
    assert about_fields == []


def test_mapping_is_remembered_per_layout(tmp_path, pack):
    sheet = read_sheet(household_sheet(tmp_path / "ho.xlsx"))
    header = find_header(sheet, "nominees")
    memory = LayoutMemory(tmp_path / "layouts.json")
    assert memory.recall(header, "nominees") is None
    chosen = {1: "head_name", 5: "address"}
    memory.remember(header, "nominees", chosen)
    again = read_sheet(household_sheet(tmp_path / "ho-2024.xlsx"))  # same layout, next year
    assert LayoutMemory(tmp_path / "layouts.json").recall(
        find_header(again, "nominees"), "nominees") == chosen
    assert memory.recall(header, "members") is None


def test_duplicates_and_unreadable_cells_are_skipped_and_named(tmp_path, pack, dossier):
    existing = dossier.nominees[0]
    path = write_xlsx(tmp_path / "ca-nhan.xlsx", [
        ["Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ"],
        [existing.full_name, existing.birth_year, "Nam", "Tày", "Công nhân"],
        ["Đinh Văn Khải", 1980, "Nam", "Tày", "Công nhân"],
        ["Đinh Văn Khải", 1980, "Nam", "Tày", "Công nhân"],
        ["Bế Thị Lan", "không nhớ", "Nữ", "Tày", "Kế toán"],
    ])
    plan = plan_import(read_sheet(path), "nominees", pack, dossier=dossier)
    assert [(r.number, r.skip) for r in plan.rows] == [(2, True), (3, False), (4, True),
                                                        (5, True)]
    assert "Đã có trong hồ sơ" in plan.rows[0].messages()[0]
    assert "Trùng với dòng 3" in plan.rows[2].messages()[0]
    assert plan.rows[3].messages()[0] == (
        "Cột B (Năm sinh): “không nhớ” không phải ngày hay năm (viết dd/mm/yyyy hoặc năm, "
        "ví dụ 1975).")
    assert [n.full_name for n in plan.items()] == ["Đinh Văn Khải"]


# ------------------------------------------------------------------------- xls, ods, csv

def test_xls_council_members_in_tcvn3_make_minutes_that_validate(pack, dossier):
    assert sheet_names(XLS) == ["Hoi dong", "Danh sach"]
    empty = dossier.model_copy(update={"council": dossier.council.model_copy(
        update={"members": ()})})
    assert "council.no_members" in {f.code for f in validate(empty, pack, today=TODAY)}
    plan = plan_import(read_sheet(XLS, "Hoi dong"), "members", pack, dossier=empty)
    members = plan.items()
    assert [m.name for m in members] == [
        "Lê Văn Bình", "Hà Thị Nguyệt", "Nông Văn Dũng", "Ma Thị Sen", "Hứa Văn Quân",
        "Lý Thị Vân", "Sầm Văn Định", "Dương Thị Nga", "Phùng Văn Lộc"]
    assert members[2].position == "Trưởng phòng Nội vụ"
    assert members[8].council_role == "Uỷ viên - Thư ký"
    assert [m.name for m in members if not m.present] == ["Lý Thị Vân"]
    new = apply_plan(empty, plan)
    assert [f for f in validate(new, pack, today=TODAY) if f.severity == "error"] == []


def test_xls_individuals_with_dates(pack, dossier):
    plan = plan_import(read_sheet(XLS, "Danh sach"), "nominees", pack, dossier=dossier)
    got = [(n.full_name, n.birth_year, n.gender, n.ethnicity, n.position, n.workplace,
            n.hometown, n.address) for n in plan.items()]
    assert got == [
        ("Nông Văn Thắng", 1978, "male", "02", "Tổ trưởng sản xuất",
         "Hợp tác xã Nông nghiệp Bình Long", "Hòa An, Cao Bằng", "Xóm Nà Cạn, xã Bình Long"),
        ("Lục Thị Hoa", 1985, "female", "07", "Công nhân", "Công ty Cổ phần Xi măng Cao Bằng",
         "Trùng Khánh, Cao Bằng", "Tổ 5, phường Sông Hiến"),
    ]


def test_ods_members(tmp_path, pack):
    path = write_ods(tmp_path / "hoi-dong.ods", [
        ["Ho va ten", "Chuc danh trong Hoi dong", "Chuc vu", "Co mat", "Ly do vang"],
        ["Lê Văn Bình", "Chủ tịch Hội đồng", "Chủ tịch UBND xã", "x", ""],
        ["Triệu Thị Mai", "Ủy viên", "Công chức Văn hóa - Xã hội", "", "Ốm"],
    ], name="Hội đồng")
    assert sheet_names(path) == ["Hội đồng"]
    plan = plan_import(read_sheet(path), "members", pack)
    assert [(m.name, m.council_role, m.present, m.absence_reason) for m in plan.items()] == [
        ("Lê Văn Bình", "Chủ tịch Hội đồng", True, ""),
        ("Triệu Thị Mai", "Ủy viên", False, "Ốm"),
    ]


def test_csv_in_utf8_and_in_tcvn3_bytes(tmp_path, pack):
    utf8 = tmp_path / "ds.csv"
    utf8.write_text("Họ và tên;Năm sinh;Dân tộc\nHà Văn Tú;1970;Tày\n", encoding="utf-8-sig")
    plan = plan_import(read_sheet(utf8), "nominees", pack)
    assert [(n.full_name, n.birth_year, n.ethnicity) for n in plan.items()] == [
        ("Hà Văn Tú", 1970, "02")]
    legacy = tmp_path / "cu.csv"  # saved from a .VnTime workbook: font bytes, not Unicode
    legacy.write_bytes("Ho ten,Nam sinh,Dan toc\nN«ng ThÞ Thóy,1982,Nïng\n".encode("cp1252"))
    plan = plan_import(read_sheet(legacy), "nominees", pack)
    assert [(n.full_name, n.birth_year, n.ethnicity) for n in plan.items()] == [
        ("Nông Thị Thúy", 1982, "07")]


# ------------------------------------------------------------------------- CLI

def test_cli_import_sheet_with_map_then_validate(tmp_path, pack, capsys):
    into = tmp_path / "hs.json"
    into.write_text(json.dumps(valid_dossier_data(pack, ["individual", "household"],
                                                  unit_kind="district"), ensure_ascii=False),
                    encoding="utf-8")
    sheet = household_sheet(tmp_path / "ho.xlsx")
    out = tmp_path / "moi.json"
    code = main(["import-sheet", str(sheet), "--into", str(into), "--as", "nominees",
                 "--kind", "household", "--map", "G=note", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "G→note" in printed and "Nhập 3 dòng; 1 dòng bỏ qua" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [n.get("note") for n in data["nominees"][2:]] == ["Trồng trọt", "Chăn nuôi",
                                                             "Trồng rừng"]
    assert main(["validate", str(out), "--today", "2023-07-03"]) in (0, 1)
    assert "input." not in capsys.readouterr().out
    assert main(["import-sheet", str(sheet), "--into", str(into), "--as", "voters",
                 "--out", str(out)]) == 2
    assert "nominees" in capsys.readouterr().err
    assert main(["import-sheet", str(sheet), "--into", str(into), "--as", "nominees",
                 "--map", "Z=note", "--out", str(out)]) == 2
    assert "không có cột “Z”" in capsys.readouterr().err


def test_cli_fix_text_converts_a_dossier_file(tmp_path, pack, capsys):
    data = valid_dossier_data(pack, ["individual", "household"], unit_kind="district")
    data["unit"]["address"] = "ThÞ trÊn N­íc Hai, huyÖn Hoµ An"
    data["nominees"][0]["full_name"] = "Nguyeãn Thò Hoa"  # VNI
    src, out = tmp_path / "cu.json", tmp_path / "moi.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--json", str(src), "--today", "2023-07-03"]) == 0
    warned = [f for f in json.loads(capsys.readouterr().out)
              if f["code"] == "text.legacy_encoding"]
    assert sorted(f["params"]["suggestion"] for f in warned) == [
        "Nguyễn Thị Hoa", "Thị trấn Nước Hai, huyện Hoà An"]
    assert main(["fix-text", str(src), "--out", str(out)]) == 0
    assert "Đã sửa 2 chữ" in capsys.readouterr().out
    fixed = json.loads(out.read_text(encoding="utf-8"))
    assert fixed["unit"]["address"] == "Thị trấn Nước Hai, huyện Hoà An"
    assert fixed["nominees"][0]["full_name"] == "Nguyễn Thị Hoa"
    assert json.loads(src.read_text(encoding="utf-8")) == data  # the input is untouched
    assert main(["validate", "--json", str(out), "--today", "2023-07-03"]) == 0
    assert "text.legacy_encoding" not in capsys.readouterr().out


def test_a_column_the_kind_does_not_have_is_left_out_with_a_note(tmp_path, pack):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        ["Họ và tên", "Năm sinh", "Số nhân khẩu", "Chức vụ"],
        ["Hà Văn Tú", 1970, 5, "Trưởng xóm"],
    ])
    plan = plan_import(read_sheet(path), "nominees", pack, kind="resident")
    [row] = plan.rows
    assert row.item.full_name == "Hà Văn Tú" and not row.skip
    assert [i.key for i in row.issues] == ["sheets.note.field_not_for_kind"] * 2
    assert row.messages()[0] == ("Cột C (Số nhân khẩu) không dùng cho Cá nhân là người dân "
                                 "trong cộng đồng dân cư; bỏ qua.")


def test_names_split_in_family_and_given_columns_are_joined(tmp_path, pack):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        ["STT", "Họ và tên", None, "Năm sinh"],
        [None, "Họ", "Tên", None],
        [1, "Nông Văn", "Páo", 1968],
        [2, "Hoµng ThÞ", "MÕn", 1972],  # TCVN3
    ], merges=["B1:C1", "A1:A2", "D1:D2"])
    sheet = read_sheet(path)
    header = find_header(sheet, "nominees")
    assert header.labels[1:3] == ("Họ và tên Họ", "Họ và tên Tên")
    plan = plan_import(sheet, "nominees", pack, header=header)
    assert [(n.full_name, n.birth_year) for n in plan.items()] == [
        ("Nông Văn Páo", 1968), ("Hoàng Thị Mến", 1972)]
    flat = write_xlsx(tmp_path / "hd.xlsx", [["Họ và tên đệm", "Tên", "Chức vụ"],
                                             ["Lê Văn", "Bình", "Chủ tịch UBND"]])
    plan = plan_import(read_sheet(flat), "members", pack)
    assert [m.name for m in plan.items()] == ["Lê Văn Bình"]


def test_unreadable_sheets_and_rows_are_named(tmp_path, pack, capsys):
    from desktop.errors import UserError

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UserError) as exc:
        read_sheet(broken)
    assert "hong.xlsx" in exc.value.message()
    with pytest.raises(UserError) as exc:
        read_sheet(XLS, "Không có")
    assert "Hoi dong, Danh sach" in exc.value.message()
    into = tmp_path / "hs.json"
    into.write_text(json.dumps(valid_dossier_data(pack, ["individual", "household"],
                                                  unit_kind="district"), ensure_ascii=False),
                    encoding="utf-8")
    sheet = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh", "Dân tộc"],
                                              ["Hà Văn Tú", "197x", "Tày"],
                                              ["Bế Thị Lan", 1980, "Tày"]])
    out = tmp_path / "moi.json"
    assert main(["import-sheet", str(sheet), "--into", str(into), "--as", "nominees",
                 "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "Dòng 2: Cột B (Năm sinh): “197x” không phải ngày hay năm" in printed
    assert "Nhập 1 dòng; 1 dòng bỏ qua (1 dòng có lỗi)" in printed
    names = [n.get("full_name") for n in json.loads(out.read_text(encoding="utf-8"))["nominees"]]
    assert "Bế Thị Lan" in names and "Hà Văn Tú" not in names
