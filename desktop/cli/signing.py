"""Signing options of ``hoso export`` and ``hoso verify`` (desktop.signing), kept apart.

    hoso export FILE --out DIR --final --sign-with pkcs11:LIB:LABEL | p12:PATH
        [--signature-image PNG] [--seal-image PNG] [--timestamp-url URL]
    hoso verify PKG.zip [--trust FILE]... [--require-signature]

The PIN comes from ``HOSO_PIN`` or a prompt (never echoed, never stored). The chosen
identity (not the PIN) is remembered in the data folder; its pictures are reused when the
same identity is named again without ``--signature-image``/``--seal-image``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import UserError
from desktop.i18n import t

if TYPE_CHECKING:
    from desktop.signing import SigningOptions


def add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sign-with", metavar="pkcs11:LIB:LABEL|p12:PATH",
                        help=t("signing.help.sign_with"))
    parser.add_argument("--signature-image", metavar="PNG", help=t("signing.help.signature"))
    parser.add_argument("--seal-image", metavar="PNG", help=t("signing.help.seal"))
    parser.add_argument("--timestamp-url", metavar="URL", help=t("signing.help.tsa"))


def add_verify_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trust", metavar="FILE", action="append", default=[],
                        help=t("signing.help.trust"))
    parser.add_argument("--require-signature", action="store_true",
                        help=t("signing.help.require"))


def read_pin(label: str) -> str:
    from desktop.signing import pin_from_env

    pin = pin_from_env()
    if pin:
        return pin
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError("signing.pin_needed")
    pin = getpass.getpass(t("signing.pin_prompt", identity=label))
    if not pin:
        raise UserError("signing.pin_needed")
    return pin


def open_signing(args: argparse.Namespace) -> SigningOptions | None:
    """The unlocked identity of ``--sign-with`` (None without it); remembers the choice."""
    if not getattr(args, "sign_with", None):
        return None
    from desktop.paths import data_dir
    from desktop.signing import SigningOptions, open_identity, parse_sign_with, remember
    from desktop.signing import remembered as last

    identity = parse_sign_with(args.sign_with)
    folder = data_dir(args.data_dir)
    before = last(folder)
    if before is not None and before.kind == identity.kind and before.path == identity.path \
            and before.token_label == identity.token_label:
        identity = identity.with_images(before.signature_image, before.seal_image)
    identity = identity.with_images(
        str(Path(args.signature_image).resolve()) if args.signature_image else None,
        str(Path(args.seal_image).resolve()) if args.seal_image else None)
    opened = open_identity(identity, read_pin(identity.describe()))
    try:
        remember(folder, identity)
    except OSError:
        pass  # a read-only data folder only costs the memory of the choice
    return SigningOptions(opened, timestamp_url=args.timestamp_url)


def print_signed(result) -> None:
    if result.signer is None:
        return
    s = result.signer
    print(t("signing.exported", signer=s.display_name, serial=s.serial,
            level=result.signature_level))


def trust_reason(code: str) -> str:
    """pyHanko's AdES sub-indication (NO_CERTIFICATE_CHAIN_FOUND…) in plain words."""
    from desktop.i18n import catalog

    key = f"signing.trust_reason.{code}"
    return t(key) if key in catalog() else (code or "—")


def print_signature(report) -> None:
    """The signature part of ``hoso verify``'s report."""
    sig = report.signature
    if sig is None:
        return
    print(t(f"signing.verify.status_{sig.status}"))
    if sig.signer is not None:
        s = sig.signer
        print(t("signing.verify.signer", subject=s.subject, issuer=s.issuer, serial=s.serial,
                not_before=s.not_before.date().isoformat(),
                not_after=s.not_after.date().isoformat()))
        print(t("signing.verify.trusted") if sig.trusted
              else t("signing.verify.untrusted", reason=trust_reason(sig.trust_note)))
        print(t("signing.verify.revocation_offline"))
    if sig.status == "absent" and all(p.status == "absent" for p in sig.pdfs):
        return  # an unsigned package: no line per PDF
    for pdf in sig.pdfs:
        print(t("signing.verify.pdf_line", file=pdf.path,
                status=t(f"signing.pdf_status.{pdf.status}"), level=pdf.level or "—",
                signer=pdf.signer or "—"))


def print_import_signer(report) -> None:
    """On import: who signed the package (nothing for an unsigned one)."""
    sig = report.signature
    if sig is None or sig.signer is None or sig.status != "valid":
        return
    print(t("signing.imported_signer", signer=sig.signer.display_name,
            serial=sig.signer.serial,
            trust=t("signing.trust_short.yes" if sig.trusted else "signing.trust_short.no")))
