"""Write ``hoi-dong-va-ca-nhan.xls`` (Excel 97-2003), the .xls fixture of tests/sheets.

python-calamine reads .xls but cannot write it, so the file is committed; this script made
it with xlwt (not a project dependency: ``pip install --target /tmp/xlwt xlwt`` and run with
``PYTHONPATH=/tmp/xlwt``). Sheet "Hoi dong": the council's members with the names typed in
TCVN3 (.VnTime), as old district files have them. Sheet "Danh sach": individuals, headers
without diacritics, birth dates as date cells and as dd/mm/yyyy text.
"""

import datetime as dt
from pathlib import Path

import xlwt

HERE = Path(__file__).resolve().parent

book = xlwt.Workbook(encoding="utf-8")
council = book.add_sheet("Hoi dong")
council.write_merge(0, 0, 0, 4, "DANH SÁCH THÀNH VIÊN HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
for c, label in enumerate(["STT", "Họ và tên", "Chức danh Hội đồng", "Chức vụ", "Có mặt"]):
    council.write(2, c, label)
members = [  # names and posts in TCVN3, as the .VnTime fonts stored them
    ("Lª V¨n B×nh", "Chñ tÞch Héi ®ång", "Chñ tÞch UBND huyÖn", "x"),
    ("Hµ ThÞ NguyÖt", "Phã Chñ tÞch Héi ®ång", "Phã Chñ tÞch UBND huyÖn", "x"),
    ("N«ng V¨n Dòng", "Phã Chñ tÞch Héi ®ång", "Tr­ëng phßng Néi vô", "x"),
    ("Ma ThÞ Sen", "Uû viªn", "Chñ tÞch Héi Liªn hiÖp Phô n÷", "x"),
    ("Høa V¨n Qu©n", "Uû viªn", "Chñ tÞch Héi N«ng d©n", "x"),
    ("Lý ThÞ V©n", "Uû viªn", "BÝ th­ HuyÖn ®oµn", "v¾ng"),
    ("SÇm V¨n §Þnh", "Uû viªn", "Tr­ëng phßng Tµi chÝnh", "x"),
    ("D­¬ng ThÞ Nga", "Uû viªn", "Chñ tÞch Liªn ®oµn Lao ®éng", "x"),
    ("Phïng V¨n Léc", "Uû viªn - Th­ ký", "Phã Tr­ëng phßng Néi vô", "x"),
]
for r, row in enumerate(members, start=3):
    council.write(r, 0, r - 2)
    for c, value in enumerate(row, start=1):
        council.write(r, c, value)

people = book.add_sheet("Danh sach")
for c, label in enumerate(["TT", "Ho va ten", "Ngay sinh", "Gioi tinh", "Dan toc",
                           "Chuc vu", "Don vi cong tac", "Que quan", "Noi o"]):
    people.write(0, c, label)
date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
rows = [
    ("Nông Văn Thắng", dt.date(1978, 4, 12), "Nam", "Tày", "Tổ trưởng sản xuất",
     "Hợp tác xã Nông nghiệp Bình Long", "Hòa An, Cao Bằng", "Xóm Nà Cạn, xã Bình Long"),
    ("Lục Thị Hoa", "05/09/1985", "Nữ", "Nùng", "Công nhân",
     "Công ty Cổ phần Xi măng Cao Bằng", "Trùng Khánh, Cao Bằng", "Tổ 5, phường Sông Hiến"),
]
for r, row in enumerate(rows, start=1):
    people.write(r, 0, r)
    for c, value in enumerate(row, start=1):
        if isinstance(value, dt.date):
            people.write(r, c, value, date_style)
        else:
            people.write(r, c, value)
book.save(str(HERE / "hoi-dong-va-ca-nhan.xls"))
