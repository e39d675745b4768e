"""Safe import: a generated corpus of hostile ZIPs, each refused with its own message and
nothing written anywhere; a good package imported into a folder and into the store."""

from __future__ import annotations

import json
import stat
import zipfile

import pytest
from documents.support import demos

from desktop.cli import main
from desktop.package import ImportRefused, import_package
from desktop.package.safety import MAX_ENTRIES, MAX_MEMBER_BYTES, MAX_RATIO, MAX_TOTAL_BYTES

from .support import members, patch_central, rewrite, tree, write_zip, zeros_member


def _symlink(path, package):
    content = members(package)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in content.items():
            zf.writestr(name, data)
        link = zipfile.ZipInfo("evil-link")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    return path


def _encrypted(path, package):
    rewrite(package, path)
    path.write_bytes(patch_central(path.read_bytes(), "01_ToTrinh.pdf", flag_bits=0x1))
    return path


def _declared(path, name, size):
    """A member whose directory claims ``size`` bytes (its real bytes are tiny)."""
    write_zip(path, {name: b"x" * 100})
    path.write_bytes(patch_central(path.read_bytes(), name, file_size=size,
                                   compress_size=size))
    return path


def _too_big_total(path):
    each = MAX_MEMBER_BYTES  # at the per-file cap, ratio 1: only the total is too big
    count = MAX_TOTAL_BYTES // each + 1
    write_zip(path, {f"part{i:02d}.pdf": b"x" * 100 for i in range(count)})
    raw = path.read_bytes()
    for i in range(count):
        raw = patch_central(raw, f"part{i:02d}.pdf", file_size=each, compress_size=each)
    path.write_bytes(raw)
    return path


def _manifest(package, path, change):
    manifest = json.loads(members(package)["manifest.json"])
    change(manifest)
    return rewrite(package, path, replace={"manifest.json": json.dumps(manifest).encode()})


#: name → (builder(path, package), expected code, entry named, exact Vietnamese message or None)
HOSTILE = {
    "traversal": (lambda p, pk: rewrite(pk, p, add={"../evil.txt": b"owned"}),
                  "package.entry.traversal", "../evil.txt",
                  "Tệp “../evil.txt” trong gói có đường dẫn đi ra ngoài thư mục gói (“../”): "
                  "gói bị từ chối."),
    "nested traversal": (lambda p, pk: rewrite(pk, p, add={"docs/../../evil.txt": b"x"}),
                         "package.entry.traversal", "docs/../../evil.txt", None),
    "absolute": (lambda p, pk: rewrite(pk, p, add={"/tmp/evil.txt": b"owned"}),
                 "package.entry.absolute", "/tmp/evil.txt",
                 "Tệp “/tmp/evil.txt” trong gói có đường dẫn tuyệt đối (bắt đầu bằng “/”): "
                 "gói bị từ chối."),
    "drive letter": (lambda p, pk: rewrite(pk, p, add={"C:/Windows/evil.txt": b"owned"}),
                     "package.entry.drive", "C:/Windows/evil.txt",
                     "Tệp “C:/Windows/evil.txt” trong gói chỉ định ổ đĩa (như “C:”): gói bị "
                     "từ chối."),
    "backslash": (lambda p, pk: rewrite(pk, p, add={"..\\evil.txt": b"owned"}),
                  "package.entry.backslash", "..\\evil.txt", None),
    "symlink": (_symlink, "package.entry.symlink", "evil-link",
                "Tệp “evil-link” trong gói là liên kết tượng trưng (symlink), có thể trỏ tới "
                "tệp khác trên máy: gói bị từ chối."),
    "encrypted": (_encrypted, "package.entry.encrypted", "01_ToTrinh.pdf",
                  "Tệp “01_ToTrinh.pdf” trong gói được mã hóa bằng mật khẩu; gói hồ sơ không "
                  "dùng mật khẩu: gói bị từ chối."),
    "duplicate": (lambda p, pk: write_zip(p, [*members(pk).items(),
                                              ("03_BienBan.pdf", b"second copy")]),
                  "package.entry.duplicate", "03_BienBan.pdf", None),
    "duplicate by case": (lambda p, pk: rewrite(pk, p, add={"01_TOTRINH.PDF": b"x"}),
                          "package.entry.duplicate", "01_TOTRINH.PDF", None),
    "duplicate by NFC": (lambda p, pk: write_zip(p, {"Ho\u0302\u0300.pdf": b"a",
                                                     "Hồ.pdf": b"b"}),
                         "package.entry.duplicate", "Hồ.pdf", None),
    "too many entries": (lambda p, pk: write_zip(p, {f"f{i:05d}.txt": b""
                                                     for i in range(MAX_ENTRIES + 1)}),
                         "package.too_many_entries", "",
                         f"Gói có {MAX_ENTRIES + 1} tệp, vượt mức tối đa {MAX_ENTRIES} tệp của "
                         "một gói hồ sơ: không mở để tránh tệp nén độc hại."),
    "oversized member": (lambda p, pk: _declared(p, "01_ToTrinh.pdf", MAX_MEMBER_BYTES + 1),
                         "package.entry.too_large", "01_ToTrinh.pdf", None),
    "too big in total": (lambda p, pk: _too_big_total(p), "package.too_large_total", "", None),
    "compression bomb": (lambda p, pk: zeros_member(p, "bomb.pdf", 4 * 1024 * 1024),
                         "package.entry.ratio", "bomb.pdf", None),
    "lying declared size": (lambda p, pk: (rewrite(pk, p), p.write_bytes(patch_central(
        p.read_bytes(), "dossier.json", file_size=10))) and p,
        "package.file.size", "dossier.json", None),  # the manifest's size, before reading
    "unknown format version": (lambda p, pk: _manifest(pk, p, lambda m: m.update(
        format_version=2)), "package.manifest.format_version", "manifest.json",
        "Tệp manifest.json ghi định dạng gói phiên bản 2; phiên bản HoSo này chỉ đọc được "
        "phiên bản 1. Hãy cập nhật HoSo."),
    "tampered manifest": (lambda p, pk: _manifest(pk, p, lambda m: m["files"][2].update(
        sha256="0" * 64)), "package.file.hash", "02_DanhSach.docx", None),
    "tampered member": (lambda p, pk: rewrite(pk, p, replace={"01_ToTrinh.pdf": b"%PDF-forged"}),
                        "package.file.size", "01_ToTrinh.pdf", None),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_package_refused_with_its_own_message(case, package, tmp_path):
    build, code, entry, text = HOSTILE[case]
    hostile = tmp_path / "incoming" / "hostile.zip"
    hostile.parent.mkdir()
    build(hostile, package)
    assert hostile.stat().st_size < 2_000_000  # the corpus stays small on disk
    target = tmp_path / "target"
    before = tree(tmp_path)
    with pytest.raises(ImportRefused) as info:
        import_package(hostile, target_dir=target)
    assert tree(tmp_path) == before  # nothing written anywhere, not even the target folder
    problems = info.value.problems
    assert (problems[0].code, problems[0].file) == (code, entry), [
        (p.code, p.file) for p in problems]
    message = problems[0].message("vi")
    if text is not None:
        assert message == text
    if entry:
        assert entry in message
    assert info.value.message("vi").startswith("Không nhập gói hostile.zip: " + message)


def test_every_hostile_case_has_its_own_message():
    codes = {code for _, code, _, _ in HOSTILE.values()}
    assert len(codes) >= 14
    from desktop import i18n

    texts = {i18n.t(code, "vi") for code in codes}
    assert len(texts) == len(codes)


def test_caps_fit_a_real_district_package():
    assert MAX_ENTRIES >= 10 * 410 and MAX_RATIO >= 50
    assert MAX_MEMBER_BYTES >= 50 * 1024 * 1024


def test_nothing_escapes_even_with_a_store(package, tmp_path, hoso_data_dir):
    from desktop.store import Store

    hostile = rewrite(package, tmp_path / "hostile.zip", add={"../../evil.txt": b"owned"})
    with Store(tmp_path / "data" / "hoso.db", daily_backup=False) as store:
        with pytest.raises(ImportRefused):
            import_package(hostile, store=store)
        assert store.list_dossiers() == []
    assert not (tmp_path.parent / "evil.txt").exists()


# ---------------------------------------------------------------- good packages


def test_import_into_a_folder(package, tmp_path):
    target = tmp_path / "district"
    result = import_package(package, target_dir=target)
    assert result.folder == target / package.stem
    assert sorted(p.name for p in result.folder.iterdir()) == sorted(members(package))
    for name, data in members(package).items():
        assert (result.folder / name).read_bytes() == data
    again = import_package(package, target_dir=target)  # never overwrites: a new folder
    assert again.folder == target / f"{package.stem}-2"
    assert sorted(p.name for p in target.iterdir()) == [package.stem, f"{package.stem}-2"]


def test_import_into_the_store_keeps_the_id_then_suffixes(package, tmp_path):
    from desktop.store import Store

    dossier = demos()["demo-xa-bach-dang"]
    with Store(tmp_path / "data" / "hoso.db", daily_backup=False) as store:
        first = import_package(package, store=store)
        assert (first.dossier_id, first.renamed) == (dossier.id, False)
        assert store.get_dossier(dossier.id) == dossier
        second = import_package(package, store=store)
        assert (second.dossier_id, second.renamed) == (f"{dossier.id}-2", True)
        assert store.get_dossier(f"{dossier.id}-2").nominees == dossier.nominees
        assert store.get_dossier(dossier.id) == dossier  # not overwritten


def test_cli_import(package, tmp_path, hoso_data_dir, capsys):
    assert main(["import", str(package)]) == 0
    out = capsys.readouterr().out
    count = len(demos()["demo-xa-bach-dang"].nominees)
    assert out.startswith(f"Đã nhập hồ sơ demo-xa-bach-dang (lần sửa 1, {count} đối tượng) vào kho")
    assert main(["import", str(package)]) == 0
    out = capsys.readouterr().out
    assert ("Kho dữ liệu đã có hồ sơ mã demo-xa-bach-dang nên hồ sơ được nhập với mã mới "
            "demo-xa-bach-dang-2; hồ sơ cũ không bị ghi đè.") in out
    assert main(["import", str(package), "--into", str(tmp_path / "folder")]) == 0
    assert f"Đã giải nén {_members(package)} tệp của gói vào thư mục" in capsys.readouterr().out

    hostile = rewrite(package, tmp_path / "hostile.zip", add={"../evil.txt": b"x"})
    assert main(["import", str(hostile), "--into", str(tmp_path / "folder2")]) == 1
    out = capsys.readouterr().out
    assert "LỖI       Tệp “../evil.txt” trong gói có đường dẫn đi ra ngoài" in out
    assert not (tmp_path / "folder2").exists()
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert main(["import", str(junk), "--into", str(tmp_path / "folder3")]) == 2


def _members(package) -> int:
    """How many files the package holds (manifest.json included)."""
    with zipfile.ZipFile(package) as archive:
        return len(archive.namelist())
