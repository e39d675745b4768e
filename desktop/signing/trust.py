"""Trusted roots, offline (chứng thư gốc tin cậy): data in ``resources/trust``, plus any
file given with ``--trust``.

:func:`shipped_roots` reads ``resources/trust/roots.toml``; an entry is used as a trust
anchor only when its certificate file is shipped and its SHA-256 matches the entry's (an
entry without bytes is listed, marked "unknown", and trusts nothing). :func:`load_cert_file`
reads PEM (one or many certificates) or DER. Nothing here touches the network: revocation
is "not checked offline".
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import UserError
from desktop.paths import resources_dir

if TYPE_CHECKING:
    from asn1crypto import x509


@dataclass(frozen=True)
class RootEntry:
    """One entry of ``roots.toml`` and, when shipped and matching, its certificate."""

    id: str
    name: str
    sha256: str  # lowercase hex, or "unknown"
    status: str  # "confirmed" | "unconfirmed"
    source: str
    cert: x509.Certificate | None = None
    problem: str = ""  # why a shipped file is not used


def load_cert_file(path: Path | str) -> list[x509.Certificate]:
    """Every certificate of a PEM or DER file (``UserError`` when none can be read)."""
    from asn1crypto import pem, x509

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError("signing.trust_unreadable", file=str(path),
                        reason=exc.strerror or str(exc)) from exc
    try:
        if pem.detect(data):
            certs = [x509.Certificate.load(der) for kind, _h, der in pem.unarmor(data, True)
                     if kind == "CERTIFICATE"]
        else:
            certs = [x509.Certificate.load(data)]
        for cert in certs:
            _ = cert.subject.human_friendly  # parse now: a broken file fails here
    except (ValueError, TypeError) as exc:
        raise UserError("signing.trust_not_cert", file=str(path)) from exc
    if not certs:
        raise UserError("signing.trust_not_cert", file=str(path))
    return certs


def shipped_roots(folder: Path | None = None) -> list[RootEntry]:
    folder = folder or resources_dir() / "trust"
    with (folder / "roots.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    out = []
    for item in raw.get("root", []):
        sha = str(item.get("sha256", "unknown")).lower()
        cert, problem = None, ""
        name = str(item.get("certificate", ""))
        if name:
            try:
                found = load_cert_file(folder / name)[0]
            except UserError as exc:
                problem = exc.message("en")
            else:
                if hashlib.sha256(found.dump()).hexdigest() == sha:
                    cert = found
                else:
                    problem = "fingerprint differs"
        out.append(RootEntry(str(item["id"]), str(item["name"]), sha,
                             str(item.get("status", "unconfirmed")),
                             str(item.get("source", "")), cert, problem))
    return out


def trust_roots(extra_files: list[str] | tuple[str, ...] = ()) -> list[x509.Certificate]:
    """The anchors to verify with: shipped roots with bytes, plus every ``--trust`` file."""
    roots = [e.cert for e in shipped_roots() if e.cert is not None]
    for name in extra_files:
        roots.extend(load_cert_file(name))
    return roots


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()
