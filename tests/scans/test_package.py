"""Signed copies in the package: final needs them all, preview names the missing ones,
verify hashes them, import brings them along."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from desktop.cli import main
from desktop.demo import demo_dossiers
from desktop.dossierfile import write_dossier_file
from desktop.package import import_package, verify_package
from desktop.scans import document_targets
from desktop.store import Store

from .support import phone_jpeg, scan_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")

CREATED = ["--created-at", "2023-07-03T10:15:00+07:00", "--today", "2023-07-03"]
MISSING_TITLES = (
    "Tờ trình đề nghị khen thưởng; Biên bản xét khen thưởng của Hội đồng Thi đua - Khen "
    "thưởng; Báo cáo thành tích")


@pytest.fixture
def commune(tmp_path):
    """The commune demo dossier as a file, its pack, and the documents needing a copy."""
    from desktop.packs import load_pack

    dossier = next(d for d in demo_dossiers() if d.id == "demo-xa-bach-dang")
    pack = load_pack(dossier.pack.id, dossier.pack.version)
    targets = [t for t in document_targets(dossier, pack) if t.required]
    return write_dossier_file(dossier, tmp_path / "xa.json"), dossier, targets


def _attach_all(file, targets, tmp_path, where):
    photo = phone_jpeg(tmp_path / "anh.jpg")
    scan = scan_pdf(tmp_path / "quet.pdf", pages=2)
    for k, target in enumerate(targets):
        args = ["attach", str(file), "--document", target.document_id]
        if target.nominee_id:
            args += ["--nominee", target.nominee_id]
        args += [str(photo), str(scan)] if k % 2 else [str(photo)]
        assert main([*args, *where]) == 0


def test_pack_rules(commune):
    _, _, targets = commune
    ids = {t.document_id for t in targets}
    assert ids == {"proposal", "council_minutes", "achievement_report", "achievement_summary"}
    assert "nomination_list" not in ids


def test_final_export_refuses_without_copies_and_names_them(commune, tmp_path, capsys):
    file, _, targets = commune
    out = tmp_path / "out"
    assert main(["export", str(file), "--out", str(out), "--final", *CREATED]) == 1
    text = capsys.readouterr().out.strip().splitlines()
    assert text[-1].startswith(
        f"Chưa xuất được gói nộp chính thức: còn thiếu bản đã ký, đóng dấu của "
        f"{len(targets)} văn bản: {MISSING_TITLES}")
    for target in targets:
        assert target.title_vi in text[-1]
    assert not out.exists()
    # the preview package is written and says which copies are missing
    assert main(["export", str(file), "--out", str(out), *CREATED]) == 0
    text = capsys.readouterr().out
    for target in targets:
        assert (f"Gói xem trước: chưa có bản đã ký, đóng dấu của “{target.title_vi}” "
                f"({target.copy_name}).") in text
    [package] = out.iterdir()
    manifest = json.loads(zipfile.ZipFile(package).read("manifest.json"))
    assert "final" not in manifest  # a preview manifest reads as before
    assert all("signed_copy" not in f for f in manifest["files"])


def test_final_package_with_copies_from_a_folder_verifies(commune, tmp_path, capsys):
    file, _, targets = commune
    signed = tmp_path / "signed"
    _attach_all(file, targets, tmp_path, ["--out", str(signed)])
    text = capsys.readouterr().out
    assert "Cảnh báo: Bản ký 04-1_BCTT_XomNaMeXaBachDang_BanKy.pdf có 1 trang, còn văn bản" in text
    assert sorted(p.name for p in signed.iterdir()) == sorted(t.copy_name for t in targets)
    out = tmp_path / "out"
    assert main(["export", str(file), "--out", str(out), "--final", "--signed", str(signed),
                 *CREATED]) == 0
    assert ("Gói nộp chính thức: đủ bản đã ký, đóng dấu của mọi văn bản cần có."
            in capsys.readouterr().out)
    [package] = out.iterdir()
    assert main(["verify", str(package)]) == 0
    assert f"{package.name} hợp lệ: {_members(package) - 1} tệp" in capsys.readouterr().out
    report = verify_package(package)
    assert report.ok and report.manifest.final
    entries = {f.path: f for f in report.manifest.files}
    for k, target in enumerate(targets):
        entry = entries[target.copy_name]
        assert entry.kind == "signed_copy" and entry.signed_copy is not None
        assert entry.signed_copy.of == f"{target.file_stem}.pdf" in entries
        assert (entry.signed_copy.document_id, entry.signed_copy.nominee_id) == target.key
        assert entry.signed_copy.page_count == (3 if k % 2 else 1)
        with zipfile.ZipFile(package) as zf:  # verify holds no signed copy in memory
            assert zf.read(target.copy_name) == (signed / target.copy_name).read_bytes()


def test_final_package_from_the_store_verifies_and_imports(commune, tmp_path, capsys,
                                                           hoso_data_dir):
    file, dossier, targets = commune
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(dossier)
    _attach_all(file, targets, tmp_path, ["--store"])
    assert "vào kho dữ liệu (hồ sơ demo-xa-bach-dang, phiên bản 1)" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["export", str(file), "--out", str(out), "--final", "--store", *CREATED]) == 0
    [package] = out.iterdir()
    assert main(["verify", str(package)]) == 0
    # a district imports the package: the copies come along into its store
    with Store(tmp_path / "district" / "hoso.db") as district:
        result = import_package(package, store=district)
        copies = district.signed_copies(result.dossier_id)
        assert sorted(c.key for c in copies) == sorted(t.key for t in targets)


def test_verify_names_a_tampered_signed_copy_and_a_missing_one(commune, tmp_path, capsys):
    from package.support import members, rewrite

    file, _, targets = commune
    signed = tmp_path / "signed"
    _attach_all(file, targets, tmp_path, ["--out", str(signed)])
    out = tmp_path / "out"
    assert main(["export", str(file), "--out", str(out), "--final", "--signed", str(signed),
                 *CREATED]) == 0
    [package] = out.iterdir()
    name = targets[0].copy_name
    content = members(package)
    tampered = rewrite(package, tmp_path / "tampered.zip",
                       replace={name: content[name][:-10] + b"0123456789"})
    problems = verify_package(tampered).problems
    assert [(p.code, p.file) for p in problems] == [("package.file.hash", name)]
    # a "final" manifest without one of the copies: the hash checks hold, the rule does not
    manifest = json.loads(content["manifest.json"])
    manifest["files"] = [f for f in manifest["files"] if f["path"] != name]
    dropped = rewrite(package, tmp_path / "dropped.zip", drop=(name,), replace={
        "manifest.json": json.dumps(manifest, ensure_ascii=False, indent=2).encode()})
    [problem] = verify_package(dropped).problems
    assert problem.code == "scans.verify.missing"
    assert problem.message("vi") == (
        "Gói ghi là gói nộp chính thức nhưng thiếu bản đã ký, đóng dấu của 1 văn bản: "
        f"{targets[0].title_vi}.")


def _members(package) -> int:
    """How many files the package holds (manifest.json included)."""
    with zipfile.ZipFile(package) as archive:
        return len(archive.namelist())
