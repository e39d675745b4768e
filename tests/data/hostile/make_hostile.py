"""The hostile corpus (issue 15): files HoSo must refuse, or accept and then render and export.

Run from the repository root: ``.venv/bin/python tests/data/hostile/make_hostile.py`` rewrites
the dossier files (``*.json``) of this folder. Each file is named for what it tries; its
expected exit codes are in :data:`EXPECTED` (0 accepted, 1 errors printed, 2 input that
cannot be read: the README's table). Packages are built at test time from a fresh export of
the demo commune (:func:`build_packages`), since they hold rendered documents; FIFOs and
devices are made or named at test time too (``tests/test_hostile.py``).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = "2023-07-03"
CREATED_AT = dt.datetime(2023, 7, 3, 9, 0)


def base() -> dict:
    """The demo commune's dossier (valid on :data:`TODAY`) as JSON data."""
    from desktop.demo import demo_dossiers

    dossier = next(d for d in demo_dossiers() if d.unit.kind and d.unit.kind.value == "commune")
    return json.loads(dossier.model_dump_json())


def _nominee(data: dict, kind: str | None = None) -> dict:
    return next(n for n in data["nominees"] if kind is None or n["kind"] == kind)


def _name_key(nominee: dict) -> str:
    return {"collective": "name", "household": "head_name"}.get(nominee["kind"], "full_name")


def _edit(fn: Callable[[dict], object]) -> Callable[[], bytes]:
    def build() -> bytes:
        data = copy.deepcopy(base())
        fn(data)
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    return build


def _raw(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _text_edit(fn: Callable[[str], str]) -> Callable[[], bytes]:
    """Edit the JSON text itself (for what json.dumps cannot write: NaN as a bare word,
    a 5000-digit integer, a lone surrogate escape)."""
    def build() -> bytes:
        text = json.dumps(base(), ensure_ascii=False, indent=1)
        return fn(text).encode("utf-8")
    return build


def _set_first_figure(text: str, value: str) -> str:
    data = json.loads(text)
    for nominee in data["nominees"]:
        for answer in nominee["criteria"].values():
            if answer["figures"]:
                key = next(iter(answer["figures"]))
                answer["figures"][key] = "@@FIGURE@@"
                return json.dumps(data, ensure_ascii=False, indent=1).replace(
                    '"@@FIGURE@@"', value)
    raise AssertionError("the demo has no figure")


def _long_name(data: dict, length: int, kind: str | None = None) -> None:
    n = _nominee(data, kind)
    n[_name_key(n)] = ("Nguyễn Văn An và các cộng sự " * 60)[:length]


def _collective_160(data: dict) -> None:
    _nominee(data, "collective").update(name=(
        "Tập thể Phòng Văn hóa và Thông tin huyện Hòa An tỉnh Cao Bằng " * 3)[:160])


def _controls(data: dict) -> None:
    n = _nominee(data)
    key = _name_key(n)
    n[key] = n[key][:3] + "\x0b\x07" + n[key][3:] + "\x00"
    data["unit"]["name"] = "\x0c" + data["unit"]["name"] + "\x1b[31m"
    data["council"]["conclusion"] = "Biểu quyết\x0bthống nhất\x08."


#: Dossier files: name → builder of the bytes.
JSON_CASES: dict[str, Callable[[], bytes]] = {
    "deep-nesting-2000-levels.json": _raw('{"schema_version": 1, "pack": '
                                          + "[" * 2000 + "]" * 2000 + "}"),
    "deep-nesting-40-levels-in-a-field.json": _edit(
        lambda d: d.update(title=json.loads("[" * 40 + "]" * 40))),
    "integer-5000-digits.json": _text_edit(lambda t: _set_first_figure(t, "9" * 5000)),
    "integer-40-digits-staff-count.json": _edit(
        lambda d: _nominee(d, "collective").update(staff_count=10**40)),
    "votes-10e40.json": _edit(lambda d: d["council"]["votes"][0].update(votes_for=10**40)),
    "nan-in-figure.json": _text_edit(lambda t: _set_first_figure(t, "NaN")),
    "infinity-in-figure.json": _text_edit(lambda t: _set_first_figure(t, "Infinity")),
    "percentage-1e308.json": _text_edit(lambda t: _set_first_figure(t, "1e308")),
    "money-10e30.json": _edit(
        lambda d: _nominee(d, "household")["contributions"][0].update(money_vnd=10**30)),
    "year-3023-meeting.json": _edit(lambda d: d["council"].update(date="3023-06-27")),
    "name-1000-chars.json": _edit(lambda d: _long_name(d, 1000)),
    "lone-surrogate-in-name.json": _text_edit(
        lambda t: t.replace('"title": "', '"title": "\\ud800', 1)),
    "not-utf8.json": lambda: "{\"title\": \"Hồ sơ\"}".encode("cp1258", errors="replace")
    + b"\xff\xfe",
    "top-level-array.json": _raw("[1, 2, 3]"),
    "not-json.json": _raw("schema_version = 1\n"),
    "empty.json": _raw(""),
    # accepted: cleaned or within bounds, then rendered and exported
    "control-chars-in-texts.json": _edit(_controls),
    "collective-name-160-chars.json": _edit(_collective_160),
}

#: Expected exit codes: file → {command: code}. Accepted files also export (exit 0).
EXPECTED: dict[str, dict[str, int]] = {name: {"validate": 2} for name in JSON_CASES}
EXPECTED["control-chars-in-texts.json"] = {"validate": 0, "export": 0}
EXPECTED["collective-name-160-chars.json"] = {"validate": 0, "export": 0}


# ---------------------------------------------------------------- packages (at test time)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2023, 7, 3, 10, 0, 0)), data,
                        compress_type=zipfile.ZIP_DEFLATED)
    return path


def _resealed(good: Path, path: Path, change: Callable[[dict, dict], None]) -> Path:
    """A copy of ``good`` after ``change(members, manifest)``, the manifest's sizes and
    SHA-256 recomputed: only the check the case aims at can fail."""
    members = _members(good)
    manifest = json.loads(members.pop("manifest.json"))
    change(members, manifest)
    for entry in manifest["files"]:
        data = members.get(entry["path"])
        if data is not None:
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    return _write(path, members)


def _rename(old: str, new: str) -> Callable[[dict, dict], None]:
    def change(members: dict, manifest: dict) -> None:
        members[new] = members.pop(old)
        for entry in manifest["files"]:
            if entry["path"] == old:
                entry["path"] = new
    return change


def _signed(data_of: Callable[[dict], bytes], pages: int) -> Callable[[dict, dict], None]:
    def change(members: dict, manifest: dict) -> None:
        data = data_of(members)
        members["01_ToTrinh_BanKy.pdf"] = data
        manifest["files"].append({
            "path": "01_ToTrinh_BanKy.pdf", "title_vi": "Bản ký", "kind": "signed_copy",
            "media_type": "application/pdf", "size": len(data), "sha256": "0" * 64,
            "signed_copy": {"of": "01_ToTrinh.pdf", "document_id": "proposal",
                            "page_count": pages}})
    return change


def _deep_dossier(members: dict, manifest: dict) -> None:
    members["dossier.json"] = b'{"a": ' + b"[" * 3000 + b"]" * 3000 + b"}"


def _digits_manifest(good: Path, path: Path) -> Path:
    members = _members(good)
    text = members["manifest.json"].decode()
    members["manifest.json"] = text.replace('"revision": 1', '"revision": ' + "7" * 5000,
                                            1).encode()
    return _write(path, members)


def _zeros(good: Path, path: Path, name: str, size: int) -> Path:
    members = _members(good)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for k, v in members.items():
            zf.writestr(k, v)
        with zf.open(zipfile.ZipInfo(name, date_time=(2023, 7, 3, 10, 0, 0)), "w",
                     force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return path


#: Packages: name → (builder(good package, path), verify code, import code, member named).
PACKAGE_CASES: dict[str, tuple[Callable[[Path, Path], Path], int, int, str]] = {
    "executable-member.zip": (lambda g, p: _resealed(g, p, _rename(
        "01_ToTrinh.pdf", "01_ToTrinh.exe")), 1, 1, "01_ToTrinh.exe"),
    "reserved-name-CON.zip": (lambda g, p: _resealed(g, p, _rename(
        "01_ToTrinh.pdf", "CON.pdf")), 1, 1, "CON.pdf"),
    "name-of-another-kind.zip": (lambda g, p: _resealed(g, p, _rename(
        "01_ToTrinh.pdf", "03_BienBan_1.pdf")), 1, 1, "03_BienBan_1.pdf"),
    "fake-signed-copy-not-pdf.zip": (lambda g, p: _resealed(g, p, _signed(
        lambda m: b"MZ\x90\x00 this is no PDF", 1)), 1, 1, "01_ToTrinh_BanKy.pdf"),
    "signed-copy-wrong-page-count.zip": (lambda g, p: _resealed(g, p, _signed(
        lambda m: m["01_ToTrinh.pdf"], 40)), 1, 1, "01_ToTrinh_BanKy.pdf"),
    "signed-copy-truncated-pdf.zip": (lambda g, p: _resealed(g, p, _signed(
        lambda m: m["01_ToTrinh.pdf"][:400], 1)), 1, 1, "01_ToTrinh_BanKy.pdf"),
    "deep-json-dossier.zip": (lambda g, p: _resealed(g, p, _deep_dossier), 1, 1,
                              "dossier.json"),
    "integer-5000-digits-in-manifest.zip": (_digits_manifest, 1, 1, "manifest.json"),
    "zip-bomb-member-120MB-zeros.zip": (lambda g, p: _zeros(g, p, "04_BCTT_Bom.pdf", 120 << 20),
                                        1, 1, "04_BCTT_Bom.pdf"),
    "zip-bomb-ratio-20MB-zeros.zip": (lambda g, p: _zeros(g, p, "04_BCTT_Bom.pdf", 20 << 20),
                                      1, 1, "04_BCTT_Bom.pdf"),
    "not-a-zip.zip": (lambda g, p: (p.write_bytes(b"PK\x03\x04" + bytes(200)), p)[1], 2, 2, ""),
    "empty-file.zip": (lambda g, p: (p.write_bytes(b""), p)[1], 2, 2, ""),
}


def good_package(folder: Path) -> Path:
    """A valid package of the demo commune (exported now, deterministic)."""
    from desktop.demo import demo_dossiers
    from desktop.package import export_package
    from desktop.packs import load_pack

    dossier = next(d for d in demo_dossiers() if d.unit.kind and d.unit.kind.value == "commune")
    pack = load_pack(dossier.pack.id)
    folder.mkdir(parents=True, exist_ok=True)
    return export_package(dossier, pack, folder, created_at=CREATED_AT,
                          today=dt.date.fromisoformat(TODAY)).path


def build_packages(folder: Path) -> dict[str, Path]:
    """Every package case in ``folder`` (the good package in ``folder/good``)."""
    good = good_package(folder / "good")
    folder.mkdir(parents=True, exist_ok=True)
    return {name: build(good, folder / name) for name, (build, *_rest) in PACKAGE_CASES.items()}


def main() -> int:
    for old in HERE.glob("*.json"):
        if old.name not in JSON_CASES:
            old.unlink()
    for name, build in JSON_CASES.items():
        (HERE / name).write_bytes(build())
    print(f"wrote {len(JSON_CASES)} dossier files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
