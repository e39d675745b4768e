"""Verify: a clean package passes; each kind of tampering fails and names the file."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import pytest
from documents.support import demos

from desktop.cli import main
from desktop.errors import UserError
from desktop.package import verify_package

from .support import flip_byte, members, rewrite, with_errors


def codes(report):
    return [(p.code, p.file) for p in report.problems]


def test_exported_package_verifies(package):
    report = verify_package(package)
    assert report.ok, [p.message() for p in report.problems]
    assert report.warnings == []
    assert report.dossier == demos()["demo-xa-bach-dang"]
    assert not any(f.blocking for f in report.findings)


def test_flipped_byte_in_a_member_is_named(package, tmp_path):
    data = members(package)["03_BienBan.pdf"]
    bad = rewrite(package, tmp_path / "bad.zip", replace={"03_BienBan.pdf": flip_byte(data)})
    report = verify_package(bad)
    assert codes(report) == [("package.file.hash", "03_BienBan.pdf")]
    assert report.problems[0].message("vi") == (
        "Tệp 03_BienBan.pdf có mã kiểm tra SHA-256 khác với bản kê: nội dung tệp đã bị thay "
        "đổi sau khi xuất gói.")


def test_flipped_byte_in_the_zip_itself_is_named(package, tmp_path):
    """No rewrite: a byte changed on the USB stick breaks the member's CRC."""
    raw = bytearray(package.read_bytes())
    with __import__("zipfile").ZipFile(package) as zf:
        info = zf.getinfo("02_DanhSach.pdf")
    raw[info.header_offset + 30 + len(info.filename) + 200] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(raw))
    report = verify_package(bad)
    assert ("package.entry.damaged", "02_DanhSach.pdf") in codes(report)
    assert not report.ok


def test_replaced_member_is_named(package, tmp_path):
    other = members(package)["01_ToTrinh.pdf"]
    bad = rewrite(package, tmp_path / "bad.zip", replace={"03_BienBan.pdf": other})
    report = verify_package(bad)
    assert codes(report) == [("package.file.size", "03_BienBan.pdf")]
    assert "03_BienBan.pdf" in report.problems[0].message("vi")


def test_same_size_replacement_is_named(package, tmp_path):
    data = members(package)["dossier.json"]
    forged = data.replace(b"\"revision\": 1", b"\"revision\": 2")
    assert len(forged) == len(data) and forged != data
    bad = rewrite(package, tmp_path / "bad.zip", replace={"dossier.json": forged})
    assert codes(verify_package(bad)) == [("package.file.hash", "dossier.json")]


def test_added_member_is_named(package, tmp_path):
    bad = rewrite(package, tmp_path / "bad.zip", add={"06_Them.pdf": b"%PDF-1.4 extra"})
    report = verify_package(bad)
    assert codes(report) == [("package.file.extra", "06_Them.pdf")]
    assert report.problems[0].message("vi") == (
        "Tệp 06_Them.pdf có trong gói nhưng không có trong bản kê (manifest.json): tệp lạ được "
        "thêm vào.")


def test_removed_member_is_named(package, tmp_path):
    bad = rewrite(package, tmp_path / "bad.zip", drop=("05-1_TTTT_NongVanThuan.docx",))
    report = verify_package(bad)
    assert codes(report) == [("package.file.missing", "05-1_TTTT_NongVanThuan.docx")]
    assert report.problems[0].message("vi") == (
        "Thiếu tệp 05-1_TTTT_NongVanThuan.docx: bản kê (manifest.json) có ghi nhưng gói không "
        "có.")


def test_removed_manifest(package, tmp_path):
    bad = rewrite(package, tmp_path / "bad.zip", drop=("manifest.json",))
    assert codes(verify_package(bad)) == [("package.manifest.missing", "manifest.json")]


def _with_manifest(package, tmp_path, change) -> object:
    manifest = json.loads(members(package)["manifest.json"])
    change(manifest)
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    return rewrite(package, tmp_path / "bad.zip", replace={"manifest.json": data})


def test_manifest_disagreeing_with_the_dossier(package, tmp_path):
    bad = _with_manifest(package, tmp_path,
                         lambda m: m["unit"].update(name="Ủy ban nhân dân xã Khác"))
    report = verify_package(bad)
    assert codes(report) == [("package.manifest.mismatch", "manifest.json")]
    assert report.problems[0].message("vi") == (
        "manifest.json không khớp với dossier.json ở trường “unit.name”: bản kê ghi “Ủy ban "
        "nhân dân xã Khác”, hồ sơ ghi “Ủy ban nhân dân xã Bạch Đằng”. Gói có thể đã bị sửa.")


def test_manifest_schema_violation(package, tmp_path):
    bad = _with_manifest(package, tmp_path, lambda m: m["files"][0].pop("sha256"))
    report = verify_package(bad)
    assert codes(report) == [("package.manifest.invalid", "manifest.json")]
    assert "files[0].sha256" in report.problems[0].message("vi")


def test_forged_dossier_is_revalidated(package, tmp_path):
    """Rewritten dossier.json *and* manifest hashes: the re-validation still catches it."""
    content = members(package)
    forged = with_errors(demos()["demo-xa-bach-dang"]).model_dump_json(indent=2).encode()
    manifest = json.loads(content["manifest.json"])
    entry = next(f for f in manifest["files"] if f["path"] == "dossier.json")
    entry.update(size=len(forged), sha256=hashlib.sha256(forged).hexdigest())
    bad = rewrite(package, tmp_path / "bad.zip", replace={
        "dossier.json": forged,
        "manifest.json": json.dumps(manifest, ensure_ascii=False).encode()})
    report = verify_package(bad)
    assert codes(report) == [("package.dossier.errors", "dossier.json")]
    assert report.problems[0].message("vi").startswith(
        "Kiểm tra lại hồ sơ trong dossier.json theo gói đợt thi đua thấy ")


def test_pack_changed_under_same_version_is_a_warning(package, tmp_path):
    from desktop.packs import find_pack

    shipped = find_pack("caobang-2023-75nam", "1.0.0").path
    folder = tmp_path / "packs" / "caobang-2023-75nam"
    folder.mkdir(parents=True)
    shutil.copyfile(shipped, folder / "pack.toml")
    with (folder / "pack.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n# corrected wording, same version\n")
    report = verify_package(package, packs_dirs=[tmp_path / "packs"])
    assert report.ok
    [warning] = report.warnings
    assert warning.code == "package.pack.sha_differs"
    assert "khác với tệp gói dùng khi xuất" in warning.message("vi")


def test_pack_not_installed(package, tmp_path):
    content = members(package)
    manifest = json.loads(content["manifest.json"])
    dossier = json.loads(content["dossier.json"])
    manifest["pack"]["version"] = dossier["pack"]["version"] = "9.9.9"
    data = json.dumps(dossier, ensure_ascii=False).encode()
    entry = next(f for f in manifest["files"] if f["path"] == "dossier.json")
    entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    bad = rewrite(package, tmp_path / "bad.zip", replace={
        "dossier.json": data, "manifest.json": json.dumps(manifest).encode()})
    report = verify_package(bad)
    assert codes(report) == [("package.pack.missing", "dossier.json")]
    assert "chưa cài gói đợt thi đua caobang-2023-75nam phiên bản 9.9.9" in (
        report.problems[0].message("vi"))


def test_unreadable_input(tmp_path):
    with pytest.raises(UserError) as info:
        verify_package(tmp_path / "none.zip")
    assert info.value.key == "package.not_found"
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"this is not a zip" * 10)
    with pytest.raises(UserError) as info:
        verify_package(junk)
    assert info.value.key == "package.not_zip"


# ---------------------------------------------------------------- CLI


def test_cli_verify_exit_codes(package, tmp_path, capsys):
    assert main(["verify", str(package)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Gói {package.name} hợp lệ: {_members(package) - 1} tệp đúng mã SHA-256")

    bad = rewrite(package, tmp_path / "bad.zip", drop=("03_BienBan.pdf",))
    assert main(["verify", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "LỖI       Thiếu tệp 03_BienBan.pdf" in out
    assert "Gói bad.zip KHÔNG hợp lệ: 1 vấn đề." in out

    assert main(["verify", str(bad), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [(p["code"], p["file"]) for p in data["problems"]] == [
        ("package.file.missing", "03_BienBan.pdf")]

    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK nonsense")
    assert main(["verify", str(junk)]) == 2
    assert "không phải tệp nén ZIP" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "missing.zip")]) == 2


def _members(package) -> int:
    """How many files the package holds (manifest.json included)."""
    with zipfile.ZipFile(package) as archive:
        return len(archive.namelist())
