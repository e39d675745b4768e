"""Export: contents, manifest, determinism, atomic write, refusal, store, progress, sizes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess
import time
import zipfile

import pytest
from documents.support import cao_bang, demos, sonlam, sonlam_dossier

from desktop.documents import render_dossier
from desktop.models import DossierState
from desktop.package import (
    ExportRefused,
    archive,
    export_package,
    export_steps,
    package_name,
    size_text,
    unit_stem,
    verify_package,
)
from desktop.package.manifest import Manifest, manifest_schema, schema_path, schema_text
from desktop.packs import find_pack
from desktop.progress import Cancelled, CancelToken, Progress

from .support import CREATED, TEST_PACKS, members, with_errors

DOCUMENTS = ["01_ToTrinh", "02_DanhSach", "03_BienBan", "04-1_BCTT_XomNaMeXaBachDang",
             "04-2_BCTT_NongThiMai", "05-1_TTTT_NongVanThuan"]


def test_package_holds_documents_data_report_and_manifest(exported):
    assert exported.path.name == "HoSo_UBNDxaBachDang_caobang-2023-75nam_2023-07-03_r1.zip"
    content = members(exported.path)
    expected = sorted([f"{d}.{ext}" for d in DOCUMENTS for ext in ("pdf", "docx")]
                      + ["dossier.json", "manifest.json", "validation.json", "validation.pdf"])
    assert list(content) == expected  # sorted entries, no folders
    with zipfile.ZipFile(exported.path) as zf:
        for info in zf.infolist():
            assert info.date_time == (2023, 7, 3, 10, 15, 0)
            assert info.external_attr >> 16 == 0o100644
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.filename.isascii() and " " not in info.filename
    assert exported.size == exported.path.stat().st_size
    assert exported.sha256 == hashlib.sha256(exported.path.read_bytes()).hexdigest()


def test_manifest_fields(exported):
    manifest = json.loads(members(exported.path)["manifest.json"])
    pack_info = find_pack("caobang-2023-75nam", "1.0.0")
    assert manifest["format_version"] == 1
    assert manifest["app"] == {"name": "HoSo", "version": "0.1.0"}
    assert manifest["pack"] == {"id": "caobang-2023-75nam", "version": "1.0.0",
                                "sha256": pack_info.sha256}
    assert manifest["unit"] == {"name": "Ủy ban nhân dân xã Bạch Đằng", "kind": "commune"}
    assert manifest["dossier"]["id"] == "demo-xa-bach-dang"
    assert manifest["dossier"]["revision"] == 1
    assert manifest["created_at"] == "2023-07-03T10:15:00+07:00"
    content = members(exported.path)
    files = {f["path"]: f for f in manifest["files"]}
    assert sorted(files) == sorted(set(content) - {"manifest.json"})
    for path, entry in files.items():
        assert entry["size"] == len(content[path])
        assert entry["sha256"] == hashlib.sha256(content[path]).hexdigest()
    assert files["01_ToTrinh.pdf"]["title_vi"] == "Tờ trình đề nghị khen thưởng"
    assert files["01_ToTrinh.pdf"]["media_type"] == "application/pdf"
    assert files["01_ToTrinh.docx"]["media_type"].endswith("wordprocessingml.document")
    assert files["validation.pdf"]["title_vi"] == "Phiếu kết quả kiểm tra hồ sơ"
    assert files["dossier.json"]["title_vi"] == "Dữ liệu hồ sơ (định dạng HoSo)"
    assert Manifest.model_validate(manifest) == exported.manifest


def test_manifest_matches_its_json_schema(exported):
    jsonschema = pytest.importorskip("jsonschema")
    manifest = json.loads(members(exported.path)["manifest.json"])
    jsonschema.validate(manifest, manifest_schema())
    assert schema_path().read_text(encoding="utf-8") == schema_text(), (
        "run: python -m desktop.package")


def test_dossier_json_and_validation_record(exported):
    content = members(exported.path)
    dossier = demos()["demo-xa-bach-dang"]
    assert json.loads(content["dossier.json"]) == json.loads(dossier.model_dump_json())
    record = json.loads(content["validation.json"])
    assert record["passed"] is True and record["counts"]["error"] == 0
    assert record["validated_at"] == "2023-07-03T10:15:00+07:00"
    assert record["today"] == "2023-07-03"
    assert record["pack"]["sha256"] == find_pack("caobang-2023-75nam").sha256
    assert record["counts"]["info"] == len([f for f in record["findings"]
                                            if f["severity"] == "info"]) > 0
    assert record["app"]["version"] == "0.1.0"


def test_validation_report_pdf_is_one_page_in_vietnamese(exported, tmp_path):
    from documents.support import pdf_text, squash

    data = members(exported.path)["validation.pdf"]
    text = squash(pdf_text(data, tmp_path))
    assert "PHIẾU KẾT QUẢ KIỂM TRA HỒ SƠ" in text
    # one warning (the pack does not know its plan's number) does not block the export
    assert "Hồ sơ đạt yêu cầu để nộp: 0 lỗi, 1 cảnh báo" in text
    assert "Chưa có số và ngày ban hành của kế hoạch" in text
    assert "demo-xa-bach-dang" in text and "HoSo phiên bản 0.1.0" in text
    assert find_pack("caobang-2023-75nam").sha256 in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    pages = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    assert "Pages:           1" in pages.stdout.decode()
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True)
    assert "HoSoSerif" in fonts.stdout.decode()


def test_unzip_and_qpdf_accept_the_package(exported, tmp_path):
    result = subprocess.run(["unzip", "-t", str(exported.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors detected" in result.stdout
    for name, data in members(exported.path).items():
        if name.endswith(".pdf"):
            path = tmp_path / name
            path.write_bytes(data)
            check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True,
                                   text=True)
            assert check.returncode == 0, (name, check.stdout, check.stderr)


def test_two_exports_are_byte_identical_even_a_while_apart(exported, tmp_path, monkeypatch):
    """DOCX parts carry python-docx's wall clock; the package must not."""
    later = time.time() + 7 * 3600  # another hour and day for zipfile's local time
    monkeypatch.setattr(time, "time", lambda: later)
    again = export_package(demos()["demo-xa-bach-dang"], cao_bang(), tmp_path,
                           created_at=CREATED)
    assert again.path.read_bytes() == exported.path.read_bytes()
    assert again.sha256 == exported.sha256


def test_docx_parts_are_normalised_and_pdfs_byte_stable(monkeypatch):
    dossier, pack = demos()["demo-huyen-trung-khanh"], cao_bang()
    today = dt.date(2023, 7, 3)
    first = render_dossier(dossier, pack, fmt="docx", today=today)[0].data
    pdf_first = render_dossier(dossier, pack, today=today)[0].data
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    second = render_dossier(dossier, pack, fmt="docx", today=today)[0].data
    assert render_dossier(dossier, pack, today=today)[0].data == pdf_first
    assert first != second  # python-docx stamps each part with the time it was saved
    stamp = archive.zip_time(CREATED)
    assert archive.normalise_zip(first, stamp) == archive.normalise_zip(second, stamp)
    with zipfile.ZipFile(io.BytesIO(archive.normalise_zip(first, stamp))) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in zf.infolist()} == {(2023, 7, 3, 10, 15, 0)}


def test_other_created_at_changes_stamps_and_name(exported, tmp_path):
    other = export_package(demos()["demo-xa-bach-dang"], cao_bang(), tmp_path,
                           created_at=dt.datetime(2023, 7, 4, 8, 0))  # naive: Vietnam time
    assert other.path.name.endswith("_2023-07-04_r1.zip")
    assert other.manifest.created_at.isoformat() == "2023-07-04T08:00:00+07:00"
    assert other.sha256 != exported.sha256


def test_names():
    dossiers = demos()
    assert unit_stem("Ủy ban nhân dân xã Bạch Đằng") == "UBNDxaBachDang"
    assert unit_stem("Ủy ban nhân dân huyện Trùng Khánh") == "UBNDhuyenTrungKhanh"
    assert unit_stem("Sở Tài nguyên và Môi trường") == "SoTaiNguyenVaMoiTruong"
    assert unit_stem("") == "DonVi"
    assert package_name(dossiers["demo-huyen-trung-khanh"], cao_bang(), CREATED) == (
        "HoSo_UBNDhuyenTrungKhanh_caobang-2023-75nam_2023-07-03_r1.zip")
    assert size_text(1_234_567) == "1,2 MB"
    assert size_text(416_532) == "0,4 MB"
    assert size_text(85_000) == "85 KB"


# ---------------------------------------------------------------- refusal, atomicity


def test_dossier_with_errors_is_refused_with_its_findings(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ExportRefused) as info:
        export_package(with_errors(demos()["demo-xa-bach-dang"]), cao_bang(), out,
                       created_at=CREATED)
    assert info.value.errors and all(f.blocking for f in info.value.errors)
    assert any(f.path == "proposal.date" for f in info.value.errors)
    assert len(info.value.findings) > len(info.value.errors)  # warnings/info kept too
    assert info.value.message("vi").startswith("Chưa xuất được gói: hồ sơ còn ")
    assert not out.exists()


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_interrupted_export_leaves_previous_package_and_no_temp_file(exported, tmp_path,
                                                                    monkeypatch):
    shutil.copyfile(exported.path, tmp_path / exported.path.name)
    before = _snapshot(tmp_path)
    calls = []
    real = archive.write_member

    def failing(zf, name, data, stamp):
        if isinstance(zf.fp, io.BytesIO):  # a DOCX being normalised, not the package
            return real(zf, name, data, stamp)
        calls.append(name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(zf, name, data, stamp)

    monkeypatch.setattr(archive, "write_member", failing)
    with pytest.raises(Exception) as info:  # UserError: the target folder failed
        export_package(demos()["demo-xa-bach-dang"], cao_bang(), tmp_path,
                       created_at=CREATED.replace(minute=30))  # same name, other bytes
    assert len(calls) == 3
    assert "No space left on device" in str(info.value)
    assert info.value.key == "package.cannot_write"
    assert _snapshot(tmp_path) == before  # previous package byte-identical, no temp file


def test_unexpected_failure_midway_also_leaves_nothing(exported, tmp_path, monkeypatch):
    shutil.copyfile(exported.path, tmp_path / exported.path.name)
    before = _snapshot(tmp_path)

    def boom(*args, **kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(archive.zipfile.ZipFile, "testzip", boom)  # after every member
    with pytest.raises(RuntimeError, match="injected"):
        export_package(demos()["demo-xa-bach-dang"], cao_bang(), tmp_path,
                       created_at=CREATED.replace(minute=30))
    assert _snapshot(tmp_path) == before


def test_progress_and_cancel(tmp_path):
    steps = []
    job = export_steps(demos()["demo-so-tnmt"], cao_bang(), tmp_path / "a", created_at=CREATED)
    while True:
        try:
            steps.append(next(job))
        except StopIteration as stop:
            result = stop.value
            break
    assert all(isinstance(s, Progress) for s in steps)
    assert [s.done for s in steps] == sorted(s.done for s in steps)
    assert steps[-1].done == steps[-1].total and steps[-1].fraction == 1.0
    assert any("PDF" in s.label for s in steps) and any("DOCX" in s.label for s in steps)
    assert result.path.exists()

    token = CancelToken()
    out = tmp_path / "b"
    job = export_steps(demos()["demo-so-tnmt"], cao_bang(), out, created_at=CREATED,
                       cancel=token)
    next(job), next(job), next(job)
    token.cancel()
    with pytest.raises(Cancelled):
        for _ in job:
            pass
    assert list(out.iterdir()) == []


def test_store_backs_up_before_and_records_after(tmp_path):
    from desktop.store import Store

    dossier = demos()["demo-huyen-trung-khanh"]
    with Store(tmp_path / "data" / "hoso.db", daily_backup=False) as store:
        store.create_dossier(dossier)
        result = export_package(dossier, cao_bang(), tmp_path / "out", created_at=CREATED,
                                store=store)
        backups = store.list_backups()
        assert [b.reason for b in backups] == ["before-export"]
        info = store.revision_info(dossier.id)
        assert info.state == DossierState.EXPORTED
        assert (info.package_name, info.package_sha256) == (result.name, result.sha256)


# ---------------------------------------------------------------- sizes and the second pack


def test_size_report_warns_over_and_near_limits(tmp_path):
    pack = cao_bang()
    result = export_package(demos()["demo-so-tnmt"], pack, tmp_path, created_at=CREATED)
    codes = [n.code for n in result.size_notes]
    assert codes == ["package.size.package_unknown"]  # 10 MB per file: all below
    biggest = max(f.size for f in result.manifest.files if f.media_type != "application/json")
    tight = pack.model_copy(update={"portal": pack.portal.model_copy(update={
        "max_file_mb": biggest / 1e6 * 0.95, "max_package_mb": result.size / 1e6 * 1.05})})
    again = export_package(demos()["demo-so-tnmt"], tight, tmp_path / "tight",
                           created_at=CREATED, pack_sha256="0" * 64)
    over = [n for n in again.size_notes if n.code == "package.size.file_over"]
    assert over and all(n.is_warning for n in over)
    assert [n.code for n in again.size_notes if "package_" in n.code] == [
        "package.size.package_near"]
    assert over[0].message("vi").startswith(f"Tệp {over[0].file} (")
    assert "vượt giới hạn" in over[0].message("vi")


def test_made_up_pack_round_trip(sonlam_exported):
    result = sonlam_exported
    assert result.path.name == (
        "HoSo_UBNDhuyenTrungKhanh_sonlam-2024-nong-thon-moi_2024-11-06_r1.zip")
    assert result.manifest.pack.id == sonlam().id
    # The made-up portal takes PDF only: every DOCX twin is flagged, nothing else.
    flagged = {n.file for n in result.size_notes if n.code == "package.size.extension"}
    assert flagged and all(f.endswith(".docx") for f in flagged)
    assert not any(n.code.endswith("_unknown") for n in result.size_notes)
    report = verify_package(result.path, packs_dirs=[TEST_PACKS])
    assert report.ok, [p.message() for p in report.problems]
    assert report.dossier == sonlam_dossier()
