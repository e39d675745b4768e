"""The demo identity from end to end, as a new user tries it: ``hoso demo``, a signed
export with the demo .p12 (PIN 1234 from HOSO_PIN), ``hoso verify`` naming the signer."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from documents.support import cao_bang, demos
from pypdf import PdfReader

from desktop.cli import main
from desktop.signing import remembered
from desktop.signing.appearance import MM, block_appearance
from desktop.signing.demo import DEMO_NOTE, DEMO_PIN
from desktop.signing.trust import shipped_roots


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(folder)]) == 0
    return folder


def test_demo_writes_an_identity_marked_for_trying_only(demo_dir, capsys):
    from asn1crypto import pem, x509
    from cryptography.hazmat.primitives.serialization import pkcs12

    for name in ("demo-ca.pem", "demo-signer.p12", "demo-signature.png", "demo-seal.png"):
        assert (demo_dir / name).is_file(), name
    _kind, _headers, der = pem.unarmor((demo_dir / "demo-ca.pem").read_bytes())
    ca = x509.Certificate.load(der)
    assert DEMO_NOTE in ca.subject.human_friendly
    key, cert, _chain = pkcs12.load_key_and_certificates(
        (demo_dir / "demo-signer.p12").read_bytes(), DEMO_PIN.encode())
    assert key is not None and DEMO_NOTE in cert.subject.rfc4514_string()


def test_signed_demo_export_and_verify(demo_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOSO_PIN", DEMO_PIN)
    data = tmp_path / "data"
    out = tmp_path / "out"
    code = main(["--data-dir", str(data), "export", str(demo_dir / "demo-xa-bach-dang.json"),
                 "--out", str(out), "--final", "--created-at", "2023-07-03T10:15:00",
                 "--sign-with", f"p12:{demo_dir / 'demo-signer.p12'}",
                 "--signature-image", str(demo_dir / "demo-signature.png"),
                 "--seal-image", str(demo_dir / "demo-seal.png")])
    text = capsys.readouterr().out
    assert code == 0, text
    assert "Đã ký số gói và mọi tệp PDF (PAdES B-B)" in text
    # the identity is remembered for the data folder, never the PIN
    kept = remembered(data)
    assert kept is not None and kept.path.endswith("demo-signer.p12")
    assert kept.seal_image.endswith("demo-seal.png")
    assert DEMO_PIN not in (data / "signing-identity.json").read_text(encoding="utf-8")
    package = next(out.glob("*.zip"))
    assert main(["verify", str(package), "--trust", str(demo_dir / "demo-ca.pem")]) == 0
    text = capsys.readouterr().out
    assert "Chữ ký số của gói: HỢP LỆ." in text
    assert "Ủy ban nhân dân xã Bạch Đằng (DEMO)" in text
    assert "Chuỗi chứng thư: dẫn tới một chứng thư gốc tin cậy." in text
    assert "không kiểm tra (ngoại tuyến)" in text
    assert main(["verify", str(package), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["signature"]["status"] == "valid"
    assert report["signature"]["trusted"] is False  # the demo CA is not a national root
    assert re.fullmatch(r"[0-9A-F]+", report["signature"]["signer"]["serial"])


def test_wrong_pin_and_no_pin(demo_dir, tmp_path, monkeypatch, capsys):
    args = ["--data-dir", str(tmp_path / "data"), "export",
            str(demo_dir / "demo-xa-bach-dang.json"), "--out", str(tmp_path / "out"),
            "--sign-with", f"p12:{demo_dir / 'demo-signer.p12'}"]
    monkeypatch.setenv("HOSO_PIN", "9999")
    assert main(args) == 2
    assert "Mã PIN (mật khẩu) của tệp chứng thư" in capsys.readouterr().err
    monkeypatch.delenv("HOSO_PIN")
    monkeypatch.setattr("sys.stdin", None)
    assert main(args) == 2
    assert "HOSO_PIN" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.zip"))
    assert main(["--data-dir", str(tmp_path), "export",
                 str(demo_dir / "demo-xa-bach-dang.json"), "--out", str(tmp_path / "o"),
                 "--sign-with", "usb:token"]) == 2
    assert "pkcs11:THƯ_VIỆN:NHÃN_TOKEN" in capsys.readouterr().err


def test_seal_at_true_size_covers_the_left_third_of_the_signature(demo_dir):
    space = (300.0, 600.0, 550.0, 668.0)  # a signature space of 68 pt (24 mm)
    image, box = block_appearance(space, str(demo_dir / "demo-signature.png"),
                                  str(demo_dir / "demo-seal.png"))
    x0, y0, x1, y1 = box
    # the seal PNG says 300 dpi: drawn at 36 mm whatever the space
    assert y1 - y0 == pytest.approx(36 * MM, rel=0.02)
    # the signature is centred in the space; the seal's right edge a third into it
    sig_w = 0.85 * 68 * 590 / 236
    sig_x0 = (300 + 550) / 2 - sig_w / 2
    assert x1 == pytest.approx(sig_x0 + sig_w, rel=0.01)
    assert x0 == pytest.approx(sig_x0 + sig_w / 3 - 36 * MM, rel=0.01)
    # colours: red seal pixels on the left, blue signature pixels on the right
    rgba = image.convert("RGBA")
    left = rgba.crop((0, 0, rgba.width // 4, rgba.height)).getcolors(1 << 20)
    right = rgba.crop((rgba.width * 3 // 4, 0, rgba.width, rgba.height)).getcolors(1 << 20)
    assert any(a > 200 and r > 150 and b < 80 for _n, (r, _g, b, a) in left)
    assert any(a > 200 and b > 120 and r < 80 for _n, (r, _g, b, a) in right)


def test_trust_data_marks_every_root(tmp_path):
    roots = shipped_roots()
    names = {r.name for r in roots}
    assert {"Vietnam National Root CA", "RootCA chuyên dùng Chính phủ G2"} <= names
    for root in roots:
        assert root.status in ("confirmed", "unconfirmed")
        assert root.sha256 == "unknown" or re.fullmatch(r"[0-9a-f]{64}", root.sha256)
        if root.status == "confirmed":  # never confirmed without the bytes that match
            assert root.cert is not None and not root.problem
        if root.sha256 == "unknown":
            assert root.cert is None and root.status == "unconfirmed"


def test_documents_report_their_signature_space():
    from desktop.documents import render_dossier

    dossier = demos()["demo-xa-bach-dang"]
    rendered = {r.kind: r for r in render_dossier(dossier, cao_bang())}
    proposal = rendered["proposal"]
    boxes = proposal.signature_boxes
    assert [b.role for b in boxes] == ["right"]
    box = boxes[0]
    assert box.page == proposal.page_count - 1
    assert 0 < box.x0 < box.x1 <= 595.3 and 0 < box.y0 < box.y1 < 841.9
    # the proposal's template gives its signature space (18 mm: the tờ trình fits one page)
    from desktop.documents.templates import template

    space = template("proposal", cao_bang().legal_regime).get("sizes", {}).get(
        "signature_space_mm", 24)
    assert box.y1 - box.y0 == pytest.approx(space * MM, rel=0.01)
    # the signer's name (ô 7c) sits just below the space
    from desktop.documents import build_documents
    from desktop.documents.ir import SignatureRow

    document = next(d for d in build_documents(dossier, cao_bang()) if d.kind == "proposal")
    name = next(b.right.name for b in document.blocks if isinstance(b, SignatureRow))
    page = PdfReader(io.BytesIO(proposal.data)).pages[box.page]
    found = []

    def visit(text, cm, tm, *_):
        if name in text:
            found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    assert found and box.y0 - 20 < found[0] <= box.y0
    assert "nomination_list" in rendered and not rendered["nomination_list"].signature_boxes


def _tsa_server(tmp_path):
    """A local RFC 3161 timestamp server (pyHanko's DummyTimeStamper behind http.server)."""
    import datetime as dt
    import http.server
    import threading

    from asn1crypto import keys, tsp, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "HoSo test TSA")])
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    cert = (cx509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(7)
            .not_valid_before(start).not_valid_after(start.replace(year=2045))
            .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                           critical=True)
            .sign(key, hashes.SHA256()))
    stamper = DummyTimeStamper(
        tsa_cert=x509.Certificate.load(cert.public_bytes(Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(key.private_bytes(Encoding.DER, PrivateFormat.PKCS8,
                                                           NoEncryption())))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_timestamp_only_when_the_server_answers(demo_dir, tmp_path, monkeypatch, capsys):
    """B-T with a reachable timestamp server; B-B (never an error) when it is unreachable."""
    monkeypatch.setenv("HOSO_PIN", DEMO_PIN)
    base = ["--data-dir", str(tmp_path / "data"), "export",
            str(demo_dir / "demo-xa-bach-dang.json"), "--created-at", "2023-07-03T10:15:00",
            "--sign-with", f"p12:{demo_dir / 'demo-signer.p12'}"]
    assert main([*base, "--out", str(tmp_path / "bb"),
                 "--timestamp-url", "http://127.0.0.1:9/tsa"]) == 0
    assert "(PAdES B-B)" in capsys.readouterr().out
    server = _tsa_server(tmp_path)
    try:
        url = f"http://127.0.0.1:{server.server_port}/tsa"
        assert main([*base, "--out", str(tmp_path / "bt"), "--timestamp-url", url]) == 0
    finally:
        server.shutdown()
    assert "(PAdES B-T)" in capsys.readouterr().out
    from desktop.package import verify_package

    report = verify_package(next((tmp_path / "bt").glob("*.zip")))
    assert report.ok and {p.level for p in report.signature.pdfs} == {"B-T"}


def test_sign_with_values():
    from desktop.errors import UserError
    from desktop.signing import parse_sign_with

    token = parse_sign_with("pkcs11:C:\\Windows\\System32\\eTPKCS11.dll:UBND Bach Dang")
    assert (token.kind, token.path, token.token_label) == (
        "pkcs11", "C:\\Windows\\System32\\eTPKCS11.dll", "UBND Bach Dang")
    token = parse_sign_with("pkcs11:/usr/lib/softhsm/libsofthsm2.so:hoso")
    assert (token.path, token.token_label) == ("/usr/lib/softhsm/libsofthsm2.so", "hoso")
    p12 = parse_sign_with("p12:chung-thu.p12")
    assert p12.kind == "p12" and Path(p12.path).is_absolute()
    for bad in ("pkcs11:/only/a/library.so", "p12:", "token:x", "pkcs11::label"):
        with pytest.raises(UserError):
            parse_sign_with(bad)


def test_token_driver_data_is_marked():
    import tomllib

    from desktop.paths import resources_dir

    with (resources_dir() / "signing" / "token-drivers.toml").open("rb") as fh:
        drivers = tomllib.load(fh)["driver"]
    assert any("eTPKCS11.dll" in d["files"] for d in drivers)
    assert all(d["status"] in ("confirmed", "unconfirmed") for d in drivers)


def test_scanned_copy_signed_as_attachment_even_when_already_signed(demo_dir, tmp_path):
    """A signed copy built from a scan (desktop.scans) is signed at the top right; one that
    was itself a signed PDF keeps its signature and gets a second field."""
    from PIL import Image, ImageDraw

    from desktop.scans import SignedCopyDraft, document_targets, prepare_copy
    from desktop.signing import Identity, open_identity, sign_pdf
    from desktop.signing.package import pdf_status

    page = Image.new("L", (1000, 1400), 255)
    ImageDraw.Draw(page).rectangle((50, 50, 400, 120), fill=0)
    page.save(tmp_path / "scan.png")
    dossier = demos()["demo-xa-bach-dang"]
    target = next(t for t in document_targets(dossier, cao_bang())
                  if t.document_id == "proposal")
    copy = prepare_copy(SignedCopyDraft.from_files([tmp_path / "scan.png"]), target,
                        cao_bang())
    with open_identity(Identity("p12", str(demo_dir / "demo-signer.p12")), DEMO_PIN) as opened:
        once = sign_pdf(copy.data, opened, attachment=True)
        twice = sign_pdf(once, opened, attachment=True)
    assert twice.startswith(once)  # an incremental update: the first signature stays
    assert pdf_status("scan.pdf", once, []).status == "valid"
    assert pdf_status("scan.pdf", twice, []).status == "valid"
    from pyhanko.pdf_utils.reader import PdfFileReader

    names = [s.field_name for s in PdfFileReader(io.BytesIO(twice)).embedded_signatures]
    assert names == ["HoSo-ChuKySo", "HoSo-ChuKySo-2"]


def test_token_with_an_old_and_a_renewed_certificate_signs_with_the_valid_one():
    import datetime as dt

    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from desktop.signing.demo import make_pki
    from desktop.signing.identity import _current

    def cert(start_year: int, years: int):
        pki = make_pki("CA", f"unit {start_year}", "unit", years=years,
                       not_before=dt.datetime(start_year, 1, 1, tzinfo=dt.UTC))
        return x509.Certificate.load(pki.cert.public_bytes(Encoding.DER))

    expired, renewed = cert(2019, 2), cert(2024, 20)
    assert _current([(b"\x01", expired), (b"\x02", renewed)])[0] == b"\x02"
    assert _current([(b"\x02", renewed), (b"\x01", expired)])[0] == b"\x02"
    assert _current([(b"\x01", expired)])[0] == b"\x01"  # all expired: still the latest


def test_dossier_with_errors_is_refused_before_the_pin_is_asked(demo_dir, tmp_path,
                                                                monkeypatch, capsys):
    data = json.loads((demo_dir / "demo-xa-bach-dang.json").read_text(encoding="utf-8"))
    data["proposal"]["nominee_ids"] = []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.delenv("HOSO_PIN", raising=False)
    monkeypatch.setattr("sys.stdin", None)  # a PIN prompt would fail with exit code 2
    assert main(["--data-dir", str(tmp_path / "data"), "export", str(bad), "--out",
                 str(tmp_path / "out"), "--sign-with",
                 f"p12:{demo_dir / 'demo-signer.p12'}"]) == 1
    assert "Chưa xuất được gói" in capsys.readouterr().out
