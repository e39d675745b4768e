"""Signing identities (danh tính ký số): the unit's certificate on a USB token or in a file.

An :class:`Identity` says where the key is, never the PIN:

* ``pkcs11``: the token's PKCS#11 library (the CA's driver, e.g. ``eTPKCS11.dll``,
  ``/usr/lib/softhsm/libsofthsm2.so``) and the token's label;
* ``p12``: a PKCS#12 file (``.p12``/``.pfx``), whose password is its PIN.

It also names the unit's signature image (blue, chữ ký) and seal image (red, con dấu), PNG
files given once. :func:`open_identity` asks for the PIN only then (from the caller: a
prompt, a dialog or ``HOSO_PIN``) and returns an :class:`OpenedIdentity` usable as a context
manager; the PIN is not kept after. :func:`remember` / :func:`remembered` keep the chosen
identity (without PIN) in ``signing-identity.json`` of the data folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from desktop.errors import UserError

if TYPE_CHECKING:
    from asn1crypto import x509
    from pyhanko.sign.signers import Signer

ENV_PIN = "HOSO_PIN"
REMEMBERED_FILE = "signing-identity.json"
Kind = Literal["p12", "pkcs11"]


@dataclass(frozen=True)
class Identity:
    """Where the unit's key is (no PIN) and its appearance images."""

    kind: Kind
    path: str  # the .p12 file, or the PKCS#11 library
    token_label: str = ""  # pkcs11 only
    signature_image: str = ""  # blue PNG of the head's signature (optional)
    seal_image: str = ""  # red PNG of the unit's seal (optional)

    def describe(self) -> str:
        if self.kind == "p12":
            return f"p12:{self.path}"
        return f"pkcs11:{self.path}:{self.token_label}"

    def with_images(self, signature_image: str | None, seal_image: str | None) -> Identity:
        return Identity(self.kind, self.path, self.token_label,
                        signature_image if signature_image is not None else
                        self.signature_image,
                        seal_image if seal_image is not None else self.seal_image)


def parse_sign_with(value: str) -> Identity:
    """``pkcs11:LIB:LABEL`` or ``p12:PATH`` → :class:`Identity` (``UserError`` otherwise).

    The library path may itself hold colons (``C:\\...``): the label is after the last one.
    """
    kind, _, rest = value.partition(":")
    if kind == "p12" and rest:
        return Identity("p12", str(Path(rest).resolve()))
    if kind == "pkcs11":
        lib, sep, label = rest.rpartition(":")
        if sep and lib and label:
            return Identity("pkcs11", lib, label)
    raise UserError("signing.bad_sign_with", value=value)


@dataclass(frozen=True)
class SignerInfo:
    """Who signed: the certificate's subject, issuer, serial and validity, for people."""

    subject: str
    issuer: str
    serial: str  # hex
    not_before: dt.datetime
    not_after: dt.datetime
    organisation: str = ""
    common_name: str = ""

    @classmethod
    def of(cls, cert: x509.Certificate) -> SignerInfo:
        subject = cert.subject.native
        return cls(subject=cert.subject.human_friendly, issuer=cert.issuer.human_friendly,
                   serial=format(cert.serial_number, "X"),
                   not_before=cert["tbs_certificate"]["validity"]["not_before"].native,
                   not_after=cert["tbs_certificate"]["validity"]["not_after"].native,
                   organisation=str(subject.get("organization_name", "") or ""),
                   common_name=str(subject.get("common_name", "") or ""))

    @property
    def display_name(self) -> str:
        return self.organisation or self.common_name or self.subject

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["not_before"] = self.not_before.isoformat()
        data["not_after"] = self.not_after.isoformat()
        return data


@dataclass
class OpenedIdentity:
    """An identity with its key unlocked: ``signer`` (pyHanko) until :meth:`close`."""

    identity: Identity
    signer: Signer
    cert: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)
    _session: Any = None

    @property
    def info(self) -> SignerInfo:
        return SignerInfo.of(self.cert)

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception:  # a token pulled out already: nothing to close
                pass
            self._session = None

    def __enter__(self) -> OpenedIdentity:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def pin_from_env() -> str | None:
    return os.environ.get(ENV_PIN) or None


def open_identity(identity: Identity, pin: str) -> OpenedIdentity:
    """Unlock ``identity`` with ``pin``; every failure is a :class:`UserError` in plain words
    (file missing, wrong PIN, driver that cannot be loaded, token not found, no key)."""
    if identity.kind == "p12":
        return _open_p12(identity, pin)
    return _open_pkcs11(identity, pin)


def _open_p12(identity: Identity, pin: str) -> OpenedIdentity:
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    path = Path(identity.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError("signing.p12_unreadable", file=str(path),
                        reason=exc.strerror or str(exc)) from exc
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, pin.encode("utf-8"))
    except ValueError as exc:
        # cryptography says "Invalid password or PKCS12 data" for both
        raise UserError("signing.p12_bad_pin", file=str(path)) from exc
    if key is None or cert is None:
        raise UserError("signing.p12_no_key", file=str(path))
    from cryptography.hazmat.primitives.serialization import Encoding

    chain = [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in extra or ()]
    signer = SimpleSigner.load_pkcs12_data(data, other_certs=chain,
                                           passphrase=pin.encode("utf-8"))
    if signer is None:  # pragma: no cover - cryptography read it above
        raise UserError("signing.p12_bad_pin", file=str(path))
    return OpenedIdentity(identity, signer, signer.signing_cert, chain)


def _open_pkcs11(identity: Identity, pin: str) -> OpenedIdentity:
    try:
        import pkcs11
        from pkcs11 import Attribute, ObjectClass
        from pkcs11.exceptions import PKCS11Error
        from pyhanko.sign import pkcs11 as p11
    except ImportError as exc:  # pragma: no cover - installed with HoSo
        raise UserError("signing.pkcs11_missing") from exc
    from asn1crypto import x509

    lib = identity.path
    if not Path(lib).is_file():
        raise UserError("signing.driver_missing", library=lib)
    try:
        library = p11.p11_lib(lib)
    except (OSError, RuntimeError, PKCS11Error) as exc:
        # a 32-bit vendor DLL in a 64-bit HoSo ends here too
        raise UserError("signing.driver_unloadable", library=lib, reason=str(exc)) from exc
    try:
        tokens = [s.get_token() for s in library.get_slots(token_present=True)]
    except PKCS11Error as exc:
        raise UserError("signing.driver_unloadable", library=lib, reason=repr(exc)) from exc
    labels = [tok.label.strip() for tok in tokens if tok.label.strip()]
    token = next((tok for tok in tokens if tok.label.strip() == identity.token_label), None)
    if token is None:
        raise UserError("signing.token_not_found", label=identity.token_label,
                        found=", ".join(labels) or "—")
    try:
        session = token.open(user_pin=pin)
    except pkcs11.exceptions.PinIncorrect as exc:
        raise UserError("signing.token_bad_pin", label=identity.token_label) from exc
    except pkcs11.exceptions.PinLocked as exc:
        raise UserError("signing.token_locked", label=identity.token_label) from exc
    except PKCS11Error as exc:
        raise UserError("signing.token_error", label=identity.token_label,
                        reason=type(exc).__name__) from exc
    try:
        certs = []
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            certs.append((bytes(obj[Attribute.ID] or b""),
                          x509.Certificate.load(bytes(obj[Attribute.VALUE]))))
        key_ids = {bytes(k[Attribute.ID] or b"") for k in
                   session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})}
        # the signing certificate: one whose key is on the token; not a CA certificate
        mine = [(cid, c) for cid, c in certs if cid in key_ids and not c.ca]
        if not mine:
            raise UserError("signing.token_no_key", label=identity.token_label)
        cert_id, cert = _current(mine)
        chain = [c for _cid, c in certs if c.sha256 != cert.sha256]
        signer = p11.PKCS11Signer(session, signing_cert=cert, key_id=cert_id,
                                  ca_chain=chain, bulk_fetch=False)
    except UserError:
        session.close()
        raise
    except PKCS11Error as exc:
        session.close()
        raise UserError("signing.token_error", label=identity.token_label,
                        reason=type(exc).__name__) from exc
    return OpenedIdentity(identity, signer, cert, chain, session)


def _current(pairs: list[tuple[bytes, x509.Certificate]]) -> tuple[bytes, x509.Certificate]:
    """A token may keep last year's certificate beside the renewed one: the one valid now
    with the latest end, else (all expired) the latest."""
    now = dt.datetime.now(dt.UTC)

    def validity(pair):
        v = pair[1]["tbs_certificate"]["validity"]
        return v["not_before"].native, v["not_after"].native

    valid = [p for p in pairs if validity(p)[0] <= now <= validity(p)[1]]
    return max(valid or pairs, key=lambda p: validity(p)[1])


# ---------------------------------------------------------------- remembered identity


def remembered(data_dir: Path) -> Identity | None:
    """The identity last chosen in this data folder, if any (a broken file counts as none)."""
    try:
        raw = json.loads((data_dir / REMEMBERED_FILE).read_text(encoding="utf-8"))
        return Identity(kind=raw["kind"], path=str(raw["path"]),
                        token_label=str(raw.get("token_label", "")),
                        signature_image=str(raw.get("signature_image", "")),
                        seal_image=str(raw.get("seal_image", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(data_dir: Path, identity: Identity) -> Path:
    """Keep ``identity`` (never a PIN) for the next export from this data folder."""
    target = data_dir / REMEMBERED_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(identity), ensure_ascii=False, indent=2) + "\n",
                   encoding="utf-8")
    os.replace(tmp, target)
    return target


def list_tokens(library: str) -> list[str]:
    """The labels of the tokens plugged in through ``library`` (no PIN needed)."""
    if not Path(library).is_file():
        raise UserError("signing.driver_missing", library=library)
    try:
        from pkcs11.exceptions import PKCS11Error
        from pyhanko.sign import pkcs11 as p11

        slots = p11.p11_lib(library).get_slots(token_present=True)
        return [s.get_token().label.strip() for s in slots if s.get_token().label.strip()]
    except (OSError, RuntimeError, PKCS11Error) as exc:
        raise UserError("signing.driver_unloadable", library=library, reason=str(exc)) from exc


def installed_drivers() -> list[str]:
    """PKCS#11 libraries of ``resources/signing/token-drivers.toml`` present on this machine
    (suggestions for the window; the list's names are marked unconfirmed there)."""
    import sys
    import tomllib

    from desktop.paths import resources_dir

    with (resources_dir() / "signing" / "token-drivers.toml").open("rb") as fh:
        data = tomllib.load(fh)
    folders = data["folders_windows"] if sys.platform == "win32" else data["folders_other"]
    found = []
    for driver in data.get("driver", []):
        for name in driver.get("files", []):
            for folder in folders:
                path = Path(folder) / name
                if path.is_file() and str(path) not in found:
                    found.append(str(path))
    return found
