"""A demo identity for trying signatures (danh tính ký số dùng thử): never a real one.

:func:`write_demo_identity` writes a demo CA certificate (PEM), a demo signer for the unit
as PKCS#12 (PIN :data:`DEMO_PIN`), and a demo signature (blue scribble) and seal (red round
seal with text) as PNG, all drawn here. Every certificate's subject says it is for trying
HoSo only. The same certificate helpers make the test CAs of the test-suite.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from desktop.paths import resources_dir

DEMO_PIN = "1234"
DEMO_NOTE = "for trying HoSo only - chỉ để dùng thử HoSo"  # in every subject (OU)
CA_FILE = "demo-ca.pem"
P12_FILE = "demo-signer.p12"
SIGNATURE_FILE = "demo-signature.png"
SEAL_FILE = "demo-seal.png"


@dataclass(frozen=True)
class Pki:
    """A CA and a signer issued by it (cryptography objects)."""

    ca_key: object
    ca_cert: object
    key: object
    cert: object

    def ca_pem(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import Encoding

        return self.ca_cert.public_bytes(Encoding.PEM)  # type: ignore[attr-defined]

    def p12(self, pin: str, name: str = "HoSo signer") -> bytes:
        from cryptography.hazmat.primitives.serialization import (
            BestAvailableEncryption,
            pkcs12,
        )

        return pkcs12.serialize_key_and_certificates(
            name.encode("utf-8"), self.key, self.cert, [self.ca_cert],  # type: ignore[list-item]
            BestAvailableEncryption(pin.encode("utf-8")))


def _name(common_name: str, organisation: str, unit: str = ""):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64])]
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit[:64]))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]))
    return x509.Name(attrs)


def make_pki(ca_name: str, signer_name: str, organisation: str, *,
             not_before: dt.datetime | None = None, years: int = 25, note: str = "") -> Pki:
    """A self-signed CA (RSA 2048) and a signing certificate it issues for ``signer_name``
    of ``organisation`` (digital signature + non-repudiation, as token certificates have)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    start = not_before or dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    end = start.replace(year=start.year + years)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_subject = _name(ca_name, organisation, note)
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_subject).issuer_name(ca_subject)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder().subject_name(_name(signer_name, organisation, note))
        .issuer_name(ca_subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(end - dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
                       critical=False)
        .sign(ca_key, hashes.SHA256()))
    return Pki(ca_key, ca_cert, key, cert)


# ---------------------------------------------------------------- pictures

BLUE = (16, 48, 170, 255)
RED = (210, 20, 30, 255)


def draw_signature(path: Path, *, dpi: int = 300) -> Path:
    """A blue handwritten-looking scribble, transparent PNG (about 50 × 20 mm)."""
    from PIL import Image, ImageDraw

    scale = 3
    w, h = 590 * scale, 236 * scale
    img = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    # a tall first letter, then cursive loops (a prolate cycloid) shrinking to the right
    points = []
    for i in range(400):
        a = i / 399 * 2 * math.pi
        points.append((w * (0.16 + 0.07 * math.sin(a) - 0.02 * a / (2 * math.pi)),
                       h * (0.50 - 0.38 * math.cos(a) * (1 - 0.25 * a / (2 * math.pi)))))
    loops = 6
    for i in range(1200):
        t = i / 1199 * loops * 2 * math.pi
        fade = 1 - 0.55 * i / 1199
        points.append((w * (0.14 + 0.60 * t / (loops * 2 * math.pi))
                       - w * 0.035 * math.sin(t),
                       h * (0.58 - 0.20 * fade * math.cos(t) + 0.10 * (i / 1199) ** 2)))
    draw.line(points, fill=BLUE, width=6 * scale, joint="curve")
    # the underline flourish, from right to left
    flourish = [(w * (0.92 - 0.80 * s), h * (0.74 + 0.10 * math.sin(s * math.pi) - 0.08 * s))
                for s in (i / 299 for i in range(300))]
    draw.line(flourish, fill=BLUE, width=4 * scale, joint="curve")
    img = img.resize((w // scale, h // scale), Image.LANCZOS)
    img.save(path, dpi=(dpi, dpi))
    return path


def draw_seal(path: Path, unit_name: str, *, diameter_mm: float = 36, dpi: int = 300) -> Path:
    """A red round seal: two rings, ``unit_name`` round the top, a star and "DEMO" in the
    middle; saved with its DPI so that it is drawn at true size (``diameter_mm``)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 3
    size = round(diameter_mm / 25.4 * dpi) * scale
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    ring = size * 0.018
    draw.ellipse((ring, ring, size - ring, size - ring), outline=RED, width=round(ring * 1.6))
    inner = size * 0.20
    draw.ellipse((inner, inner, size - inner, size - inner), outline=RED,
                 width=round(ring * 0.8))
    font_path = str(resources_dir() / "fonts" / "HoSoSerif-Bold.ttf")
    text = unit_name.upper()
    font_size = size * 0.075
    font = ImageFont.truetype(font_path, round(font_size))
    radius = size / 2 - size * 0.11
    widths = [font.getlength(ch) for ch in text]
    total = sum(widths)
    sweep = min(total / radius, math.radians(300))
    angle = -math.pi / 2 - sweep / 2  # centred on the top
    k = sweep / total if total else 0
    for ch, cw in zip(text, widths, strict=True):
        a = angle + cw * k / 2
        glyph = Image.new("RGBA", (round(font_size * 2), round(font_size * 2)),
                          (255, 255, 255, 0))
        ImageDraw.Draw(glyph).text((font_size, font_size), ch, font=font, fill=RED,
                                   anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x, y = c + radius * math.cos(a), c + radius * math.sin(a)
        img.alpha_composite(glyph, (round(x - glyph.width / 2), round(y - glyph.height / 2)))
        angle += cw * k
    star = [(c + (size * (0.10 if i % 2 == 0 else 0.04)) * math.cos(-math.pi / 2 + i * math.pi / 5),
             c - size * 0.04 + (size * (0.10 if i % 2 == 0 else 0.04))
             * math.sin(-math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=RED)
    small = ImageFont.truetype(font_path, round(size * 0.07))
    draw.text((c, c + size * 0.12), "DEMO", font=small, fill=RED, anchor="mm")
    img = img.resize((size // scale, size // scale), Image.LANCZOS)
    img.save(path, dpi=(dpi, dpi))
    return path


# ---------------------------------------------------------------- the demo identity


@dataclass(frozen=True)
class DemoIdentity:
    ca: Path
    p12: Path
    signature: Path
    seal: Path
    pin: str = DEMO_PIN


def write_demo_identity(folder: Path, unit_name: str) -> DemoIdentity:
    """Write the demo CA, signer (.p12, PIN 1234) for ``unit_name``, and the demo pictures.

    The pictures are the committed ``resources/signing/demo-*.png`` (drawn by
    :func:`draw_signature` and :func:`draw_seal` for the demo commune, then reduced to 32
    colours): the frozen app leaves out Pillow's FreeType module, which the seal's text
    needs, so they are not drawn at demo time.
    """
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    pki = make_pki("HoSo Demo CA (DEMO)", f"{unit_name} (DEMO)"[-64:], f"{unit_name} (DEMO)",
                   note=DEMO_NOTE)
    ca = folder / CA_FILE
    ca.write_bytes(pki.ca_pem())
    p12 = folder / P12_FILE
    p12.write_bytes(pki.p12(DEMO_PIN, "HoSo demo signer"))
    pictures = resources_dir() / "signing"
    signature, seal = folder / SIGNATURE_FILE, folder / SEAL_FILE
    shutil.copyfile(pictures / SIGNATURE_FILE, signature)
    shutil.copyfile(pictures / SEAL_FILE, seal)
    return DemoIdentity(ca, p12, signature, seal)
