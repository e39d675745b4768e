"""``hoso db``: path, check, list, backup, backups, restore, import, export."""

from __future__ import annotations

from desktop.cli import main
from desktop.demo import demo_dossiers
from desktop.dossierfile import write_dossier_file
from desktop.store import Store
from desktop.store.schema import latest_version


def test_db_commands(hoso_data_dir, tmp_path, capsys):
    db = hoso_data_dir / "hoso.db"
    assert main(["db", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(db)

    dossier = demo_dossiers()[0]
    source = write_dossier_file(dossier, tmp_path / "in.json")
    assert main(["db", "import", str(source)]) == 0
    assert capsys.readouterr().out == f"Đã nhập hồ sơ “{dossier.id}” từ {source}.\n"

    assert main(["db", "check"]) == 0
    assert capsys.readouterr().out == (
        f"Tệp dữ liệu {db} toàn vẹn (phiên bản lược đồ {latest_version()}, 1 hồ sơ).\n")

    assert main(["db", "backup"]) == 0
    assert capsys.readouterr().out.startswith(f"Đã sao lưu vào {hoso_data_dir / 'backups'}/hoso-")
    assert main(["db", "backups"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Số  Thời điểm") and len(out) == 3  # manual + daily
    assert " manual " in out[1]

    with Store(db) as store:
        store.update_field(dossier.id, "title", "Sửa sau sao lưu")
    assert main(["db", "restore", "1"]) == 0
    assert capsys.readouterr().out.startswith("Đã khôi phục dữ liệu từ ")
    assert main(["db", "export", dossier.id, str(tmp_path / "out.json")]) == 0
    assert (tmp_path / "out.json").read_bytes() == source.read_bytes()

    assert main(["db", "restore", "99"]) == 2
    assert capsys.readouterr().err == (
        "Không có bản sao lưu số 99. Xem danh sách bằng lệnh “hoso db backups”.\n")


def test_db_check_second_instance(hoso_data_dir, capsys):
    with Store(hoso_data_dir / "hoso.db"):
        assert main(["db", "check"]) == 2
    assert "HoSo đang được mở ở một cửa sổ khác" in capsys.readouterr().err
