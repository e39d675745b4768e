"""Signed pack files (.hosopack): build, verify, refuse tampering by name, install offline
into the data folder, report the rule changes and re-check drafts of the older version."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop.errors import PackError
from desktop.packs import list_packs, load_pack
from desktop.packs.publish import build_hosopack, install_hosopack, verify_hosopack

ROOT = Path(__file__).resolve().parents[2]
KEY = ROOT / "tests" / "data" / "pack-publisher" / "demo-publisher.pem"
PACK_2026 = ROOT / "resources" / "campaigns" / "caobang-2026-78nam"


def _new_version(tmp_path: Path, version: str = "1.1.0") -> Path:
    """The 2026 pack as its board would republish it: a new version, a quota changed."""
    folder = tmp_path / "src" / "caobang-2026-78nam"
    shutil.copytree(PACK_2026, folder)
    text = (folder / "pack.toml").read_text("utf-8")
    text = text.replace('version = "1.0.0"', f'version = "{version}"')
    text = text.replace('id = "xa-phuong-sgd-syt"\nunit_kinds = ["commune", '
                        '"education_department", "health_department"]\nmax_total = 2',
                        'id = "xa-phuong-sgd-syt"\nunit_kinds = ["commune", '
                        '"education_department", "health_department"]\nmax_total = 3')
    assert "max_total = 3" in text
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def hosopack(tmp_path) -> Path:
    return build_hosopack(_new_version(tmp_path), tmp_path / "out", key_file=KEY,
                          publisher="hoso-demo")


def _rewrite(src: Path, dst: Path, change) -> Path:
    """A copy of a ZIP with ``change(name, data) -> data | None`` applied (None drops)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item.filename, data)
    return dst


def test_build_and_verify(hosopack):
    assert hosopack.name == "caobang-2026-78nam-1.1.0.hosopack"
    info = verify_hosopack(hosopack, allow_demo=True)
    assert (info.pack_id, info.version, info.pack.province) == (
        "caobang-2026-78nam", "1.1.0", "Cao Bằng")
    assert info.manifest["pack"]["legal_regime"] == "2022/ND152"
    # self-contained: the regime, the place names and the Decree 152 template travel with it
    assert {"pack.toml", "regimes/2022-nd152.toml", "places.toml",
            "templates/nd152-chuyen-de.toml"} <= set(info.files)


def test_demo_publisher_needs_permission(hosopack):
    with pytest.raises(PackError) as err:
        verify_hosopack(hosopack)
    assert "thử nghiệm" in err.value.message()


@pytest.mark.parametrize(("change", "named"), [
    (lambda n, d: d.replace(b"max_total = 3", b"max_total = 9") if n == "pack/pack.toml"
     else d, "pack/pack.toml"),
    (lambda n, d: d.replace(b'"1.1.0"', b'"1.2.0"') if n == "manifest.json" else d,
     "Chữ ký"),
    (lambda n, d: None if n == "pack/places.toml" else d, "pack/places.toml"),
    (lambda n, d: None if n == "signature.json" else d, "signature.json"),
])
def test_tampered_pack_is_refused_naming_what_failed(hosopack, tmp_path, change, named):
    bad = _rewrite(hosopack, tmp_path / "bad.hosopack", change)
    with pytest.raises(PackError) as err:
        install_hosopack(bad, allow_demo=True)
    assert named in err.value.message()
    assert not list((tmp_path / "hoso-data" / "packs").glob("*/pack.toml"))


def test_added_file_and_unknown_publisher_are_refused(hosopack, tmp_path):
    added = tmp_path / "added.hosopack"
    shutil.copyfile(hosopack, added)
    with zipfile.ZipFile(added, "a") as zf:
        zf.writestr("pack/templates/proposal.toml", "kind = \"proposal\"\n")
    with pytest.raises(PackError, match=r"pack/templates/proposal\.toml"):
        verify_hosopack(added, allow_demo=True)

    def other(name, data):
        if name == "signature.json":
            sig = json.loads(data)
            sig["publisher"] = "ban-tdkt-cao-bang"
            return json.dumps(sig).encode()
        return data

    stranger = _rewrite(hosopack, tmp_path / "stranger.hosopack", other)
    with pytest.raises(PackError, match="ban-tdkt-cao-bang"):
        verify_hosopack(stranger, allow_demo=True)
    notzip = tmp_path / "not.hosopack"
    notzip.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(PackError, match="ZIP"):
        verify_hosopack(notzip, allow_demo=True)


def test_install_finds_the_pack_and_reports_changes(hosopack, hoso_data_dir):
    result = install_hosopack(hosopack, allow_demo=True)
    assert result.path == hoso_data_dir / "packs" / "caobang-2026-78nam-1.1.0"
    assert result.previous_version == "1.0.0"
    assert [(c.section, c.key, c.change) for c in result.changes] == [
        ("quota_rules", "xa-phuong-sgd-syt", "changed")]
    assert [i.version for i in list_packs() if i.id == "caobang-2026-78nam"] == [
        "1.0.0", "1.1.0"]
    assert load_pack("caobang-2026-78nam").version == "1.1.0"
    assert install_hosopack(hosopack, allow_demo=True).already_installed


def test_same_version_with_other_content_is_refused(tmp_path):
    first = build_hosopack(_new_version(tmp_path / "a"), tmp_path / "a.hosopack",
                           key_file=KEY, publisher="hoso-demo")
    install_hosopack(first, allow_demo=True)
    folder = _new_version(tmp_path / "b")
    text = (folder / "pack.toml").read_text("utf-8").replace("max_total = 3", "max_total = 4")
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    second = build_hosopack(folder, tmp_path / "b.hosopack", key_file=KEY,
                            publisher="hoso-demo")
    with pytest.raises(PackError, match="phiên bản mới"):
        install_hosopack(second, allow_demo=True)


@pytest.fixture
def _hoso(capsys):
    """``hoso --data-dir DATA ARGS…`` in this process: (returncode, stdout, stderr)."""
    from types import SimpleNamespace

    from desktop.cli import main

    def run(*args: str, data: Path):
        capsys.readouterr()
        code = main(["--data-dir", str(data), *args])
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)
    return run


def test_cli_install_rechecks_and_moves_drafts(hosopack, tmp_path, _hoso):
    from desktop.demo.caobang2026 import demo_dossiers
    from desktop.store import Store

    data = tmp_path / "data"
    with Store(data_dir=data) as store:
        store.create_dossier(demo_dossiers()[0])
    run = _hoso("pack", "install", str(hosopack), "--move-drafts", "--allow-demo-publisher",
                data=data)
    assert run.returncode == 0, run.stderr
    assert "Thay đổi so với phiên bản 1.0.0" in run.stdout
    assert "quy định số lượng “xa-phuong-sgd-syt”" in run.stdout
    assert "demo-2026-phuong-thuc-phan" in run.stdout and "đã chuyển" in run.stdout
    with Store(data_dir=data, packs_dirs=[str(data / "packs")]) as store:
        assert store.get_dossier("demo-2026-phuong-thuc-phan").pack.version == "1.1.0"


def test_cli_refuses_a_tampered_file(hosopack, tmp_path, _hoso):
    bad = _rewrite(hosopack, tmp_path / "bad.hosopack",
                   lambda n, d: d + b"\n# edited\n" if n == "pack/pack.toml" else d)
    run = _hoso("pack", "install", str(bad), "--allow-demo-publisher", data=tmp_path / "d")
    assert run.returncode == 2
    assert "pack/pack.toml" in run.stderr and "sau khi ký" in run.stderr


def test_cli_build_then_packs_lists_it(tmp_path, _hoso):
    out = tmp_path / "x.hosopack"
    run = _hoso("pack", "build", str(_new_version(tmp_path)), "--out", str(out),
                "--sign-with", str(KEY), "--publisher", "hoso-demo", data=tmp_path / "d")
    assert run.returncode == 0, run.stderr
    assert _hoso("pack", "install", str(out), "--allow-demo-publisher",
                 data=tmp_path / "d").returncode == 0
    listed = _hoso("packs", data=tmp_path / "d").stdout
    assert "caobang-2026-78nam  1.1.0  [chế độ 2022/ND152]" in listed


def test_a_board_listed_in_the_data_folder_is_trusted(tmp_path, hoso_data_dir):
    """An administrator lists the provincial board's public key in the data folder; packs it
    signs install without any demo permission, and its fingerprint is what they compare."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.packs.publish import key_fingerprint, trusted_publishers

    key = Ed25519PrivateKey.generate()
    pem = tmp_path / "board.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    hoso_data_dir.mkdir(parents=True)
    (hoso_data_dir / "pack-publishers.toml").write_text(
        '[[publishers]]\nid = "ban-tdkt-cao-bang"\nname = "Ban Thi đua - Khen thưởng tỉnh '
        f'Cao Bằng"\npublic_key = "{base64.b64encode(raw).decode()}"\n', encoding="utf-8")
    board = trusted_publishers()["ban-tdkt-cao-bang"]
    assert not board.demo and len(key_fingerprint(board.public_key).split()) == 8
    built = build_hosopack(_new_version(tmp_path), tmp_path / "out", key_file=pem,
                           publisher="ban-tdkt-cao-bang")
    result = install_hosopack(built)  # no --allow-demo-publisher needed
    assert result.info.publisher.name == "Ban Thi đua - Khen thưởng tỉnh Cao Bằng"
    # the demo key cannot sign in the board's name
    forged = build_hosopack(_new_version(tmp_path / "f", "1.2.0"), tmp_path / "forged",
                            key_file=KEY, publisher="ban-tdkt-cao-bang")
    with pytest.raises(PackError, match="Chữ ký"):
        install_hosopack(forged)


def test_pack_signed_with_the_boards_certificate(tmp_path, hoso_data_dir, monkeypatch):
    """desktop.signing (CMS, a .p12 or a token): the board's certificate is pinned in the
    trusted publishers by its SHA-256; another certificate, or a change after signing, is
    refused by name."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    from desktop.signing.demo import DEMO_PIN, write_demo_identity

    board = write_demo_identity(tmp_path / "board", "Ban Thi đua - Khen thưởng tỉnh")
    _, cert, _ = pkcs12.load_key_and_certificates(board.p12.read_bytes(), DEMO_PIN.encode())
    import hashlib

    sha = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
    hoso_data_dir.mkdir(parents=True)
    (hoso_data_dir / "pack-publishers.toml").write_text(
        f'[[publishers]]\nid = "ban-tdkt"\nname = "Ban TĐKT (thử)"\n'
        f'certificate_sha256 = "{sha}"\n', encoding="utf-8")
    monkeypatch.setenv("HOSO_PIN", DEMO_PIN)
    built = build_hosopack(_new_version(tmp_path), tmp_path / "out",
                           key_file=f"p12:{board.p12}", publisher="ban-tdkt")
    with zipfile.ZipFile(built) as zf:
        assert "manifest.json.p7s" in zf.namelist() and "signature.json" not in zf.namelist()
    info = verify_hosopack(built)
    assert info.publisher.id == "ban-tdkt" and info.version == "1.1.0"

    bad = _rewrite(built, tmp_path / "bad.hosopack",
                   lambda n, d: d.replace(b'"1.1.0"', b'"1.3.0"') if n == "manifest.json"
                   else d)
    with pytest.raises(PackError, match="Chữ ký"):
        verify_hosopack(bad)
    other = write_demo_identity(tmp_path / "other", "Một đơn vị khác")
    stranger = build_hosopack(_new_version(tmp_path / "s"), tmp_path / "s-out",
                              key_file=f"p12:{other.p12}", publisher="ban-tdkt")
    with pytest.raises(PackError, match="không có trong danh sách nhà phát hành"):
        verify_hosopack(stranger)
    assert install_hosopack(built).path.name == "caobang-2026-78nam-1.1.0"
