"""Signing through a real PKCS#11 interface (SoftHSM2), exactly as with the unit's USB token.

A test CA is made here; its signing key goes into a SoftHSM token (``softhsm2-util
--import``) and its certificate is written to the token through PKCS#11. The demo dossier is
exported signed through the token, verified offline, checked by an independent client
(poppler's ``pdfsig``), then forged every way a forger would try: each forgery must be
caught, naming the member. Skipped when SoftHSM2 is not installed (CI installs it from
packaging/debian-packages.txt).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import types
from pathlib import Path

import pytest
from documents.support import cao_bang, demos
from package.support import CREATED, members, write_zip

from desktop.errors import UserError
from desktop.package import export_package, verify_package
from desktop.package.manifest import MANIFEST_NAME
from desktop.signing import SIGNATURE_NAME, Identity, SigningOptions, open_identity
from desktop.signing.demo import draw_seal, draw_signature, make_pki

SOFTHSM_LIBS = ("/usr/lib/softhsm/libsofthsm2.so",
                "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                "/usr/lib64/pkcs11/libsofthsm2.so")
LIB = next((p for p in SOFTHSM_LIBS if Path(p).is_file()), None)
LABEL, PIN = "hoso-test", "1234"
UNIT = "Ủy ban nhân dân xã Bạch Đằng"

pytestmark = pytest.mark.skipif(LIB is None or shutil.which("softhsm2-util") is None,
                                reason="SoftHSM2 (Debian softhsm2) is not installed")


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A SoftHSM token holding the unit's key and certificate; yields (Identity, Pki, CA)."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", encoding="utf-8")
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    pki = make_pki("HoSo Test CA", f"{UNIT} (test)", UNIT)
    key = folder / "key.pem"
    key.write_bytes(pki.key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    run = {"check": True, "capture_output": True, "env": os.environ}
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", LABEL,
                    "--pin", PIN, "--so-pin", "5678"], **run)
    subprocess.run(["softhsm2-util", "--import", str(key), "--token", LABEL, "--label",
                    "unit", "--id", "01", "--pin", PIN], **run)
    key.unlink()
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    der = pki.cert.public_bytes(Encoding.DER)
    with pkcs11.lib(LIB).get_token(token_label=LABEL).open(rw=True, user_pin=PIN) as s:
        s.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                         Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                         Attribute.TOKEN: True, Attribute.LABEL: "unit", Attribute.ID: b"\x01",
                         Attribute.VALUE: der,
                         Attribute.SUBJECT: x509.Certificate.load(der).subject.dump()})
    ca = folder / "test-ca.pem"
    ca.write_bytes(pki.ca_pem())
    identity = Identity("pkcs11", LIB, LABEL,
                        signature_image=str(draw_signature(folder / "signature.png")),
                        seal_image=str(draw_seal(folder / "seal.png", UNIT)))
    yield identity, pki, ca
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


def _copy(document_id: str, nominee_id: str | None, data: bytes):
    return types.SimpleNamespace(document_id=document_id, nominee_id=nominee_id,
                                 page_count=1, data=data)


@pytest.fixture(scope="module")
def signed(token, tmp_path_factory):
    """The commune demo exported as a final package signed through the token, with a scan
    of the proposal as its signed copy (signed as an attachment)."""
    identity, _pki, _ca = token
    dossier = demos()["demo-xa-bach-dang"]
    scan = export_package(dossier, cao_bang(), tmp_path_factory.mktemp("scan"),
                          created_at=CREATED)
    scan_pdf = members(scan.path)["02_DanhSach.pdf"]  # any PDF stands in for a scan
    with open_identity(identity, PIN) as opened:
        result = export_package(dossier, cao_bang(), tmp_path_factory.mktemp("signed"),
                                created_at=CREATED, final=True,
                                signed_copies=[_copy("proposal", None, scan_pdf)],
                                signing=SigningOptions(opened))
    return result


def _verify(path: Path, ca: Path | None = None, **kw):
    return verify_package(path, trust_files=(str(ca),) if ca else (), **kw)


def test_signed_through_the_token_verifies(signed, token):
    _identity, pki, ca = token
    assert signed.signer is not None and signed.signature_level == "B-B"
    content = members(signed.path)
    assert SIGNATURE_NAME in content and "01_ToTrinh_BanKy.pdf" in content
    report = _verify(signed.path, ca)
    assert report.ok, [p.message() for p in report.problems]
    sig = report.signature
    assert sig.status == "valid" and sig.trusted
    assert sig.signer.serial == format(pki.cert.serial_number, "X")
    assert f"{UNIT} (test)" in sig.signer.subject and "HoSo Test CA" in sig.signer.issuer
    assert sig.revocation == "not_checked_offline"
    pdfs = {p.path: p for p in sig.pdfs}
    assert set(pdfs) == {n for n in content if n.endswith(".pdf")}
    assert all(p.status == "valid" and p.trusted for p in pdfs.values())
    # the certificate's chain without its root: valid but not trusted, never an error
    untrusted = _verify(signed.path)
    assert untrusted.ok and untrusted.signature.status == "valid"
    assert not untrusted.signature.trusted


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_pdfsig_finds_every_pdf_signed_and_unmodified(signed, tmp_path):
    content = members(signed.path)
    pdfs = [n for n in content if n.endswith(".pdf")]
    assert len(pdfs) >= 6
    for name in pdfs:
        target = tmp_path / name
        target.write_bytes(content[name])
        out = subprocess.run(["pdfsig", str(target)], capture_output=True, text=True).stdout
        assert "Signature #1" in out and "Signature #2" not in out, (name, out)
        assert "Signature is Valid." in out, (name, out)
        assert "Total document signed" in out, (name, out)


def test_openssl_reads_the_package_signature(signed, token, tmp_path):
    """manifest.json.p7s is plain CMS: openssl verifies it and gives back manifest.json."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    _identity, _pki, ca = token
    content = members(signed.path)
    p7s = tmp_path / SIGNATURE_NAME
    p7s.write_bytes(content[SIGNATURE_NAME])
    out = subprocess.run(["openssl", "cms", "-verify", "-inform", "DER", "-in", str(p7s),
                          "-CAfile", str(ca), "-purpose", "any"], capture_output=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == content[MANIFEST_NAME]


def _fix_manifest(content: dict[str, bytes], changed: dict[str, bytes]) -> dict[str, bytes]:
    """What a forger does: replace members and set their size and SHA-256 in manifest.json."""
    manifest = json.loads(content[MANIFEST_NAME])
    for entry in manifest["files"]:
        if entry["path"] in changed:
            entry["size"] = len(changed[entry["path"]])
            entry["sha256"] = hashlib.sha256(changed[entry["path"]]).hexdigest()
    out = dict(content) | changed
    out[MANIFEST_NAME] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    return out


def _forge(signed, tmp_path, kind: str) -> tuple[Path, set[str]]:
    """A forged copy of the signed package and the members the verifier must name."""
    content = members(signed.path)
    if kind == "member_changed_hash_fixed":
        dossier = json.loads(content["dossier.json"])
        dossier["nominees"][0]["name"] = "Người Khác"
        changed = {"dossier.json": json.dumps(dossier, ensure_ascii=False).encode()}
        return write_zip(tmp_path / "f.zip", _fix_manifest(content, changed)), {"dossier.json"}
    if kind == "members_swapped":
        # two nominees' documents (achievement reports and summaries: 04…, 05…)
        a, b = sorted(n for n in content if n[:2] in ("04", "05") and n.endswith(".pdf")
                      and "_BanKy" not in n)[:2]
        changed = {a: content[b], b: content[a]}
        return write_zip(tmp_path / "f.zip", _fix_manifest(content, changed)), {a, b}
    if kind == "signed_copy_replaced":
        name = "01_ToTrinh_BanKy.pdf"
        changed = {name: b"%PDF-1.4\n% arbitrary bytes, not the unit's scan\n%%EOF\n"}
        return write_zip(tmp_path / "f.zip", _fix_manifest(content, changed)), {name}
    if kind == "manifest_edited":
        manifest = json.loads(content[MANIFEST_NAME])
        manifest["unit"]["name"] = "Ủy ban nhân dân xã Khác"
        content[MANIFEST_NAME] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        return write_zip(tmp_path / "f.zip", content), {MANIFEST_NAME}
    if kind == "signature_removed":
        del content[SIGNATURE_NAME]
        return write_zip(tmp_path / "f.zip", content), {SIGNATURE_NAME}
    if kind == "member_added":
        content["06_ThemVao.pdf"] = content["02_DanhSach.pdf"]
        return write_zip(tmp_path / "f.zip", content), {"06_ThemVao.pdf"}
    if kind == "pdf_appended":  # an incremental update after signing, hash fixed
        name = "01_ToTrinh.pdf"
        changed = {name: content[name] + b"\n% edited after signing\n"}
        return write_zip(tmp_path / "f.zip", _fix_manifest(content, changed)), {name}
    raise AssertionError(kind)


FORGERIES = ("member_changed_hash_fixed", "members_swapped", "signed_copy_replaced",
             "manifest_edited", "signature_removed", "member_added", "pdf_appended")


@pytest.mark.parametrize("kind", FORGERIES)
def test_every_forgery_is_caught_naming_the_member(signed, token, tmp_path, kind):
    _identity, _pki, ca = token
    forged, named = _forge(signed, tmp_path, kind)
    report = _verify(forged, ca)
    assert not report.ok
    assert report.signature.status in ("invalid", "absent")
    files = {p.file for p in report.problems}
    assert named <= files, [p.message() for p in report.problems]
    messages = " ".join(p.message("vi") for p in report.problems)
    for name in named:
        assert name in messages


def test_package_resigned_by_a_forger_names_the_pdfs_and_the_stranger(signed, token,
                                                                      tmp_path):
    """A forger edits the manifest and signs it with a certificate of their own: the
    signature is valid, but the signer is not the unit, the chain reaches no trusted root,
    and every PDF (still signed by the unit) is named as signed by someone else."""
    from desktop.signing.package import sign_manifest

    _identity, _pki, ca = token
    content = members(signed.path)
    manifest = json.loads(content[MANIFEST_NAME])
    manifest["unit"]["name"] = "Ủy ban nhân dân xã Giả Mạo"
    content[MANIFEST_NAME] = json.dumps(manifest, ensure_ascii=False).encode()
    forger = make_pki("Forger CA", "Nguoi gia mao", "Giả Mạo")
    p12 = tmp_path / "forger.p12"
    p12.write_bytes(forger.p12("0000"))
    with open_identity(Identity("p12", str(p12)), "0000") as opened:
        content[SIGNATURE_NAME] = sign_manifest(content[MANIFEST_NAME], opened)
    report = _verify(write_zip(tmp_path / "f.zip", content), ca)
    assert not report.ok
    assert report.signature.signer.common_name == "Nguoi gia mao"
    assert not report.signature.trusted
    other = {p.file for p in report.problems if p.code == "signing.verify.pdf_other_signer"}
    assert other == {p.path for p in report.signature.pdfs}


def test_unsigned_package_is_reported_and_can_be_required(signed, tmp_path):
    content = members(signed.path)
    dossier = demos()["demo-xa-bach-dang"]
    plain = export_package(dossier, cao_bang(), tmp_path, created_at=CREATED)
    report = verify_package(plain.path)
    assert report.ok and report.signature.status == "absent"
    assert not report.signature.problems
    required = verify_package(plain.path, require_signature=True)
    assert not required.ok
    assert [(p.code, p.file) for p in required.problems] == [
        ("signing.verify.required", SIGNATURE_NAME)]
    assert SIGNATURE_NAME in content


def test_wrong_pin_and_wrong_label_are_plain_messages(token):
    identity, _pki, _ca = token
    with pytest.raises(UserError) as wrong_pin:
        open_identity(identity, "0000")
    assert wrong_pin.value.key == "signing.token_bad_pin"
    assert LABEL in wrong_pin.value.message("vi")
    with pytest.raises(UserError) as wrong_label:
        open_identity(Identity("pkcs11", LIB, "khong-co"), PIN)
    assert wrong_label.value.key == "signing.token_not_found"
    assert LABEL in wrong_label.value.message("vi")  # lists the tokens that are there
    with pytest.raises(UserError) as no_driver:
        open_identity(Identity("pkcs11", "/khong/co/thu-vien.so", LABEL), PIN)
    assert no_driver.value.key == "signing.driver_missing"


def test_damaged_signatures_are_verdicts_never_crashes(signed):
    """Truncated or bit-flipped signatures and signed PDFs (a hostile package) are reported
    as invalid or unreadable, naming the member; verification never raises."""
    import random

    from desktop.signing.package import pdf_status, verify_signature

    content = members(signed.path)
    rng = random.Random(16)
    pdf = content["01_ToTrinh.pdf"]
    for i in range(24):
        data = bytearray(pdf)
        if i % 2:
            data = data[:rng.randrange(len(data))]
        else:
            for _ in range(20):
                data[rng.randrange(len(data))] = rng.randrange(256)
        assert pdf_status("01_ToTrinh.pdf", bytes(data), []).status in (
            "valid", "invalid", "modified", "absent", "unreadable")
    p7s = content[SIGNATURE_NAME]
    only = {MANIFEST_NAME: content[MANIFEST_NAME]}  # the PDFs are checked above: keep it fast
    for i in range(40):
        data = bytearray(p7s)
        if i % 2:
            data = data[:rng.randrange(len(data))]
        else:
            for _ in range(5):
                data[rng.randrange(len(data))] = rng.randrange(256)
        report = verify_signature(only | {SIGNATURE_NAME: bytes(data)})
        assert report.status == "invalid"  # the members are missing, if nothing else
        assert report.problems
