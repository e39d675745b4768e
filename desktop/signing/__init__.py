"""Digital signatures (chữ ký số): identities, PAdES on the documents, the package signature.

Used by the export (``export_steps(..., signing=SigningOptions(opened))``): each PDF of the
package gets a PAdES signature (the unit's pictures in the signature block a document has,
text only at the top right of page 1 for attachments, signed copies and the validation
report), then ``manifest.json`` gets the CMS signature ``manifest.json.p7s``. Verification
(:func:`desktop.signing.package.verify_signature`) works offline. No Qt here (the window's
dialogs are in desktop/ui/signing.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from collections.abc import Callable, Generator
from dataclasses import dataclass

from desktop.errors import UserError
from desktop.signing.identity import (
    ENV_PIN,
    Identity,
    OpenedIdentity,
    SignerInfo,
    open_identity,
    parse_sign_with,
    pin_from_env,
    remember,
    remembered,
)
from desktop.signing.package import SIGNATURE_NAME, sign_manifest, verify_signature
from desktop.signing.pdfsign import SignatureSpace, sign_pdf, timestamper_for, unit_space

# pyHanko imports cryptography's DSA class, which warns on every start; HoSo never uses DSA.
warnings.filterwarnings("ignore", message="DSA is deprecated")
# pyHanko logs every chain it cannot build (an untrusted root) with a traceback; HoSo
# reports the result itself.
logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)


@dataclass
class SigningOptions:
    """Sign the package with ``opened``; ``timestamp_url``: B-T when it answers (else B-B)."""

    opened: OpenedIdentity
    timestamp_url: str | None = None
    signing_time: dt.datetime | None = None
    level: str = "B-B"  # set by :func:`sign_pdfs`: what was achieved


@dataclass(frozen=True)
class ToSign:
    """A PDF of the package: its signature space (None: signed as an attachment)."""

    path: str
    data: bytes
    space: SignatureSpace | None


def sign_pdfs(items: list[ToSign], options: SigningOptions,
              check: Callable[[], None] = lambda: None
              ) -> Generator[str, None, dict[str, bytes]]:
    """Sign every PDF; yields each path before signing it, returns path → signed bytes.
    A token failing midway raises ``UserError`` naming the file (nothing is written)."""
    stamper = timestamper_for(options.timestamp_url)
    options.level = "B-T" if stamper is not None else "B-B"
    out: dict[str, bytes] = {}
    for item in items:
        check()
        yield item.path
        try:
            out[item.path] = sign_pdf(item.data, options.opened, space=item.space,
                                      attachment=item.space is None, timestamper=stamper,
                                      signing_time=options.signing_time, name=item.path)
        except UserError:
            raise
        except Exception as exc:  # the token's own errors (pulled out…)
            raise UserError("signing.sign_failed", file=item.path,
                            reason=f"{type(exc).__name__}: {exc}") from exc
    return out


def signer_of(options: SigningOptions | None) -> SignerInfo | None:
    return None if options is None else options.opened.info


__all__ = [
    "ENV_PIN",
    "SIGNATURE_NAME",
    "Identity",
    "OpenedIdentity",
    "SignatureSpace",
    "SignerInfo",
    "SigningOptions",
    "ToSign",
    "open_identity",
    "parse_sign_with",
    "pin_from_env",
    "remember",
    "remembered",
    "sign_manifest",
    "sign_pdf",
    "sign_pdfs",
    "signer_of",
    "unit_space",
    "verify_signature",
]
