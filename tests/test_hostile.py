"""The hostile corpus (tests/data/hostile, issue 15): ``validate``, ``verify`` and ``import``
over every file, in process (one subprocess for what could block: a FIFO, a device), each
with the README's exit code and never a traceback (nor the "unexpected error" line)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "data" / "hostile"
spec = importlib.util.spec_from_file_location("make_hostile", FOLDER / "make_hostile.py")
hostile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hostile)

JSON_FILES = sorted(FOLDER.glob("*.json"))


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    assert "HOSO_DEBUG" not in err, err  # the catch-all for bugs never speaks here
    return code, out, err


def test_corpus_is_what_the_generator_writes():
    assert sorted(p.name for p in JSON_FILES) == sorted(hostile.JSON_CASES)
    for path in JSON_FILES:
        assert path.read_bytes() == hostile.JSON_CASES[path.name](), path.name


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.stem)
def test_dossier_file(path, capsys, tmp_path, hoso_data_dir):
    expected = hostile.EXPECTED[path.name]
    code, out, err = _run(capsys, "validate", str(path), "--today", hostile.TODAY)
    assert code == expected["validate"], out + err
    if code == 2:  # one line naming the file, or findings naming each field
        assert path.name in err or "LỖI" in out, out + err
    if "export" in expected:  # accepted: it renders and exports
        code, out, err = _run(capsys, "export", str(path), "--out", str(tmp_path),
                              "--today", hostile.TODAY)
        assert code == expected["export"], out + err
        [package] = tmp_path.glob("*.zip")
        assert _run(capsys, "verify", str(package))[0] == 0


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    return hostile.build_packages(tmp_path_factory.mktemp("hostile-packages"))


@pytest.mark.parametrize("name", sorted(hostile.PACKAGE_CASES))
def test_package(name, packages, capsys, tmp_path, hoso_data_dir):
    _build, verify_code, import_code, member = hostile.PACKAGE_CASES[name]
    path = packages[name]
    code, out, err = _run(capsys, "verify", str(path))
    assert code == verify_code, out + err
    if member:
        assert member in out, out
    target = tmp_path / "into"
    code, out, err = _run(capsys, "import", str(path), "--into", str(target))
    assert code == import_code, out + err
    assert not target.exists() or not any(target.iterdir())  # nothing written
    code, out, err = _run(capsys, "import", str(path))  # into the store
    assert code == import_code, out + err
    assert _run(capsys, "db", "list")[1].strip() in ("", "Kho dữ liệu chưa có hồ sơ nào.")


def test_good_package_still_imports(packages, capsys, tmp_path, hoso_data_dir):
    good = next((Path(packages["executable-member.zip"]).parent / "good").glob("*.zip"))
    assert _run(capsys, "verify", str(good))[0] == 0
    assert _run(capsys, "import", str(good), "--into", str(tmp_path))[0] == 0
    assert _run(capsys, "import", str(good))[0] == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_and_device_never_block(tmp_path):
    """A FIFO nobody writes to, and /dev/zero, given as a dossier, a package, a pack file
    or a scan: refused at once with exit 2 (run in a subprocess with a timeout: a regression
    would block, not fail)."""
    fifo_json, fifo_zip = tmp_path / "fifo.json", tmp_path / "fifo.zip"
    os.mkfifo(fifo_json)
    os.mkfifo(fifo_zip)
    script = (
        "import sys\nfrom desktop.cli import main\n"
        "runs = [['validate', sys.argv[1]], ['verify', sys.argv[2]], "
        "['import', sys.argv[2], '--into', sys.argv[3]], ['verify', '/dev/zero'], "
        "['validate', '/dev/zero'], ['render', sys.argv[1], '--out', sys.argv[3]], "
        "['pack', 'install', sys.argv[2]], "
        "['attach', sys.argv[4], '--document', 'proposal', sys.argv[2], '--out', sys.argv[3]]]\n"
        "codes = [main(r) for r in runs]\n"
        "print('CODES', *codes)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOSO_DATA_DIR": str(tmp_path / "data")}
    good = next(FOLDER.glob("control-chars-in-texts.json"))  # a valid dossier to attach to
    done = subprocess.run([sys.executable, "-c", script, str(fifo_json), str(fifo_zip),
                           str(tmp_path / "out"), str(good)], capture_output=True, text=True,
                          timeout=90, env=env)
    assert "Traceback" not in done.stderr
    codes = done.stdout.splitlines()[-1].split() if done.stdout else []
    assert codes == ["CODES", *["2"] * 8], done.stdout + done.stderr
    assert "fifo.json" in done.stderr and "fifo.zip" in done.stderr
    assert "/dev/zero" in done.stderr


def test_pack_file_that_is_a_fifo_is_refused(tmp_path):
    from desktop.errors import PackError
    from desktop.packs import load_pack_file

    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    with pytest.raises(PackError) as info:
        load_pack_file(fifo)
    assert "pack.toml" in info.value.message("vi")


def test_import_into_a_newer_data_file_is_refused(packages, capsys, hoso_data_dir):
    """A data file written by a newer HoSo (a migration this one does not know) is never
    written: the import cannot run (exit 2), one line says to update HoSo."""
    import sqlite3

    from desktop.store import Store
    from desktop.store.schema import MIGRATION_SET, MIGRATIONS_TABLE

    db = hoso_data_dir / "hoso.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) "
                 "VALUES (?, '0099_newer', '2031-01-01')", (MIGRATION_SET,))
    conn.commit()
    conn.close()
    good = next((Path(packages["executable-member.zip"]).parent / "good").glob("*.zip"))
    code, out, err = _run(capsys, "import", str(good))
    assert code == 2 and "cập nhật HoSo" in err, out + err


def test_the_store_edit_path_cleans_text_too(hoso_data_dir):
    """What the window types goes through the store's edit path: the same cleaning."""
    from desktop.demo import demo_dossiers
    from desktop.store import Store

    dossier = demo_dossiers()[0]
    with Store(hoso_data_dir / "hoso.db") as store:
        store.create_dossier(dossier)
        store.update_field(dossier.id, "title", "Hồ sơ\x0bnăm 2023\x00\x07")
        store.update_field(dossier.id, "unit.name", "\x0cỦy ban nhân dân xã\x1b")
        saved = store.get_dossier(dossier.id)
    assert saved.title == "Hồ sơ\nnăm 2023"
    assert saved.unit.name == "Ủy ban nhân dân xã"
