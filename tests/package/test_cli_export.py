"""``hoso export``: prints path, size and SHA-256; refuses a dossier with errors (exit 1)."""

from __future__ import annotations

import hashlib
import json
import zipfile

from documents.support import demos

from desktop.cli import main
from desktop.progress import Cancelled, CancelToken, Progress, run_to_end

from .support import with_errors


def _write(path, dossier):
    path.write_text(dossier.model_dump_json(indent=2), encoding="utf-8")
    return path


def test_cli_export_prints_path_size_and_sha(tmp_path, capsys):
    source = _write(tmp_path / "xa.json", demos()["demo-xa-bach-dang"])
    out = tmp_path / "out"
    assert main(["export", str(source), "--out", str(out),
                 "--created-at", "2023-07-03T10:15:00+07:00"]) == 0
    text = capsys.readouterr().out
    [package] = out.iterdir()
    assert package.name == "HoSo_UBNDxaBachDang_caobang-2023-75nam_2023-07-03_r1.zip"
    digest = hashlib.sha256(package.read_bytes()).hexdigest()
    assert f"Đã xuất gói hồ sơ: {package}" in text
    assert f"SHA-256: {digest}" in text
    with zipfile.ZipFile(package) as archive:
        members = len(archive.namelist())
    size = f"{package.stat().st_size / 1_000_000:.1f}".replace(".", ",")
    assert f"Dung lượng: {size} MB ({members} tệp)" in text
    assert ("Giới hạn dung lượng mỗi hồ sơ của cổng dịch vụ công: chưa rõ (gói đợt thi đua "
            "không nêu), chưa kiểm tra.") in text
    # the same input twice: the same bytes
    again = tmp_path / "again"
    assert main(["export", str(source), "--out", str(again),
                 "--created-at", "2023-07-03T10:15:00+07:00"]) == 0
    assert (again / package.name).read_bytes() == package.read_bytes()


def test_cli_export_refuses_errors_as_validate_lists_them(tmp_path, capsys):
    source = _write(tmp_path / "bad.json", with_errors(demos()["demo-xa-bach-dang"]))
    assert main(["validate", str(source), "--today", "2023-07-03"]) == 1
    listed = capsys.readouterr().out.splitlines()[1:]
    out = tmp_path / "out"
    assert main(["export", str(source), "--out", str(out), "--today", "2023-07-03",
                 "--created-at", "2023-07-03T10:15:00"]) == 1
    text = capsys.readouterr().out.splitlines()
    assert text[:len(listed)] == listed
    assert text[-1].startswith("Chưa xuất được gói: hồ sơ còn 1 lỗi")
    assert not out.exists()


def test_cli_export_bad_created_at(tmp_path, capsys):
    source = _write(tmp_path / "xa.json", demos()["demo-xa-bach-dang"])
    assert main(["export", str(source), "--out", str(tmp_path), "--created-at", "hôm qua"]) == 2
    assert "Thời điểm “hôm qua” không hợp lệ" in capsys.readouterr().err


def test_cli_export_malformed_dossier(tmp_path, capsys):
    data = json.loads(demos()["demo-xa-bach-dang"].model_dump_json())
    data["nominees"][0]["kind"] = "robot"
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    assert main(["export", str(source), "--out", str(tmp_path / "out")]) == 2
    assert "LỖI" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_progress_helpers():
    def job(token):
        for i in range(3):
            token.check()
            yield Progress(i, 3, f"step {i}")
        return "done"

    seen = []
    assert run_to_end(job(CancelToken()), seen.append) == "done"
    assert [p.done for p in seen] == [0, 1, 2]
    assert Progress(1, 4).fraction == 0.25 and Progress(0, 0).fraction == 1.0
    token = CancelToken()
    token.cancel()
    assert token.cancelled
    try:
        run_to_end(job(token))
    except Cancelled:
        pass
    else:  # pragma: no cover
        raise AssertionError("not cancelled")
