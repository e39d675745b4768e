"""Signed pack files (``.hosopack``): build, verify and install a campaign pack offline.

A ``.hosopack`` is a ZIP holding::

    manifest.json    what the pack is (id, version, province, campaign, period, regime…),
                     the publisher, and the SHA-256 and size of every file under pack/
    manifest.json.p7s  the publisher's CMS signature of manifest.json (desktop.signing, the
                     board's certificate on a token or in a .p12: ``--sign-with p12:…``), or
    signature.json   {"publisher", "algorithm": "ed25519", "signature"}: a detached Ed25519
                     signature of the exact bytes of manifest.json (a key file)
    pack/pack.toml   the pack, and what it needs that HoSo may not ship: the regime file
    pack/regimes/…   (regimes/<slug>.toml), the place names (places.toml) and any template
    pack/templates/… that is not in resources/templates (templates/<id>.toml)

Verification (:func:`verify_hosopack`) refuses, naming what failed: a file that is not a
ZIP, a missing manifest or signature, an unknown or untrusted publisher, a signature that
does not verify, a file changed, missing or added after signing, an unsafe name, a pack
that does not load. Trusted publishers are data: ``resources/publishers/pack-publishers.toml``
and ``<data folder>/pack-publishers.toml``, each pinned by its Ed25519 public key or by the
SHA-256 of its signing certificate; ``demo = true`` publishers only when allowed.

Installing (:func:`install_hosopack`) puts the pack into ``<data folder>/packs/<id>-<version>``
where the loader finds it beside the shipped packs, and reports what changed from the
newest installed version (:func:`desktop.store.packdiff.diff_packs`). Signatures use the
``cryptography`` package (Ed25519); PDF signing (desktop.signing) is another matter.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from desktop.errors import PackError
from desktop.models import CampaignPack
from desktop.paths import data_dir, installed_packs_dir, resources_dir
from desktop.textutil import nfc_deep

FORMAT = "hosopack/1"
EXTENSION = ".hosopack"
MANIFEST, SIGNATURE, PACK_PREFIX = "manifest.json", "signature.json", "pack/"
CMS_SIGNATURE = "manifest.json.p7s"
IDENTITY_PREFIXES = ("p12:", "pkcs11:")  # --sign-with of desktop.signing (certificates)
ENV_ALLOW_DEMO = "HOSO_ALLOW_DEMO_PUBLISHER"
PUBLISHERS_FILE = "pack-publishers.toml"
MAX_FILE_BYTES = 5 * 1024 * 1024  # a pack file is text; anything bigger is not a pack
MAX_FILES = 200


@dataclass(frozen=True)
class Publisher:
    """A trusted pack publisher: an Ed25519 ``public_key`` and/or the SHA-256 (hex) of the
    certificate it signs with (``certificate_sha256``)."""

    id: str
    name: str
    public_key: bytes = b""
    demo: bool = False
    certificate_sha256: str = ""


@dataclass(frozen=True)
class HosopackInfo:
    """What a verified ``.hosopack`` holds (shown before installing)."""

    manifest: dict[str, Any]
    publisher: Publisher
    files: dict[str, bytes]  # path under pack/ -> bytes
    pack: CampaignPack

    @property
    def pack_id(self) -> str:
        return self.pack.id

    @property
    def version(self) -> str:
        return self.pack.version


@dataclass
class InstallResult:
    info: HosopackInfo
    path: Path
    previous_version: str | None = None
    changes: list = field(default_factory=list)  # RuleChange from the previous version
    already_installed: bool = False


# ------------------------------------------------------------------ publishers


def _publisher_files(data: str | os.PathLike[str] | None = None) -> list[Path]:
    return [resources_dir() / "publishers" / PUBLISHERS_FILE, data_dir(data) / PUBLISHERS_FILE]


def trusted_publishers(data: str | os.PathLike[str] | None = None) -> dict[str, Publisher]:
    out: dict[str, Publisher] = {}
    for path in _publisher_files(data):
        if not path.is_file():
            continue
        with path.open("rb") as fh:
            raw = nfc_deep(tomllib.load(fh))
        for entry in raw.get("publishers", []):
            key = entry.get("public_key", "")
            out[entry["id"]] = Publisher(
                entry["id"], entry.get("name", entry["id"]),
                base64.b64decode(key) if key else b"", bool(entry.get("demo", False)),
                str(entry.get("certificate_sha256", "")).replace(":", "").lower())
    return out


def key_fingerprint(public_key: bytes) -> str:
    """SHA-256 of the raw public key, in groups of four hex digits (read over the phone)."""
    digest = hashlib.sha256(public_key).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def publisher_fingerprint(publisher: Publisher) -> str:
    """What the window shows to compare: the key's, else the certificate's fingerprint."""
    if publisher.public_key:
        return key_fingerprint(publisher.public_key)
    digest = publisher.certificate_sha256.upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _load_private_key(path: Path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise PackError("hosopack.key_unreadable", file=str(path), reason=str(exc)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError("hosopack.key_unreadable", file=str(path), reason="not Ed25519")
    return key


# ------------------------------------------------------------------ build


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_files(pack_path: Path) -> dict[str, bytes]:
    """Every file the pack needs, by its path inside ``pack/`` (pack.toml, the regime,
    place names, templates HoSo may not ship)."""
    from desktop.documents.templates import templates_dir
    from desktop.packs import load_pack_file
    from desktop.packs.regimes import places_dir, regime_file, regime_slug, template_file

    pack = load_pack_file(pack_path)
    folder = pack_path.parent
    files = {"pack.toml": pack_path.read_bytes()}
    for sub in ("regimes", "templates"):
        for path in sorted((folder / sub).glob("*.toml")):
            files[f"{sub}/{path.name}"] = path.read_bytes()
    found = regime_file(pack.legal_regime, folder)
    if found is not None:
        files.setdefault(f"regimes/{regime_slug(pack.legal_regime)}.toml", found.read_bytes())
    if pack.place_names and not (folder / "places.toml").is_file():
        files["places.toml"] = (places_dir() / f"{pack.place_names}.toml").read_bytes()
    elif (folder / "places.toml").is_file():
        files["places.toml"] = (folder / "places.toml").read_bytes()
    for ref in pack.regime.templates if pack.regime else ():
        name = f"templates/{ref.id}.toml"
        if name in files or (templates_dir() / f"{ref.id}.toml").is_file():
            continue
        path = template_file(ref.id)
        if path is not None:
            files[name] = path.read_bytes()
    return files


def _sign(manifest_bytes: bytes, sign_with: str, publisher: str,
          pin: str | None) -> tuple[str, bytes]:
    """(member name, signature bytes): CMS with a certificate identity (``p12:PATH``,
    ``pkcs11:LIB:LABEL``; PIN from ``pin`` or ``HOSO_PIN``), else Ed25519 with a key file."""
    if sign_with.startswith(IDENTITY_PREFIXES):
        from desktop.signing import open_identity, parse_sign_with, pin_from_env, sign_manifest

        with open_identity(parse_sign_with(sign_with), pin or pin_from_env() or "") as opened:
            return CMS_SIGNATURE, sign_manifest(manifest_bytes, opened)
    key = _load_private_key(Path(sign_with))
    signature = {"publisher": publisher, "algorithm": "ed25519",
                 "signature": base64.b64encode(key.sign(manifest_bytes)).decode("ascii")}
    return SIGNATURE, json.dumps(signature, indent=2).encode("utf-8")


def build_hosopack(pack_dir: Path | str, out: Path | str, *, key_file: Path | str,
                   publisher: str, now: dt.datetime | None = None,
                   pin: str | None = None) -> Path:
    """Write the signed ``.hosopack`` of the pack in ``pack_dir``; returns its path.

    ``key_file``: an Ed25519 private key (PEM), or a certificate identity of
    :mod:`desktop.signing` written as ``p12:PATH`` or ``pkcs11:LIB:LABEL``.
    """
    from desktop.packs import PACK_FILE, load_pack_file

    folder = Path(pack_dir)
    pack_path = folder / PACK_FILE if folder.is_dir() else folder
    pack = load_pack_file(pack_path)
    files = bundle_files(pack_path)
    manifest = {
        "format": FORMAT,
        "pack": {"id": pack.id, "version": pack.version, "title": pack.title,
                 "short_title": pack.short_title, "province": pack.province,
                 "legal_regime": pack.legal_regime,
                 "regime_title": pack.regime.title if pack.regime else "",
                 "achievement_period": [pack.achievement_period.start.isoformat(),
                                        pack.achievement_period.end.isoformat()],
                 "upload_window": [pack.upload_window.start.isoformat(),
                                   pack.upload_window.end.isoformat()]},
        "publisher": publisher,
        "built_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "files": [{"path": name, "sha256": _sha(data), "size": len(data)}
                  for name, data in sorted(files.items())],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2,
                                sort_keys=True).encode("utf-8")
    sig_name, sig_bytes = _sign(manifest_bytes, str(key_file), publisher, pin)
    out_path = Path(out)
    if out_path.is_dir() or out_path.suffix != EXTENSION:  # a folder: the name is made
        out_path = out_path / f"{pack.id}-{pack.version}{EXTENSION}"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(sig_name, sig_bytes)
        for name, data in sorted(files.items()):
            zf.writestr(PACK_PREFIX + name, data)
    tmp = out_path.with_suffix(out_path.suffix + ".tmp")
    tmp.write_bytes(buf.getvalue())
    os.replace(tmp, out_path)
    return out_path


# ------------------------------------------------------------------ verify


def _fail(file: Path, key: str, **params: Any) -> PackError:
    return PackError(f"hosopack.{key}", file=str(file), **params)


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return (not p.is_absolute() and ".." not in p.parts and "\\" not in name
            and len(p.parts) <= 2 and all(part and not part.startswith(".") for part in p.parts)
            and p.suffix == ".toml")


def verify_hosopack(file: Path | str, *, allow_demo: bool | None = None,
                    data: str | os.PathLike[str] | None = None) -> HosopackInfo:
    """Check a ``.hosopack`` (signature, files, the pack itself); :class:`PackError` names
    the first thing that failed."""
    path = Path(file)
    if allow_demo is None:
        allow_demo = os.environ.get(ENV_ALLOW_DEMO) == "1"
    from desktop.errors import UserError
    from desktop.fsutil import loads_bounded, open_regular

    try:
        open_regular(path).close()  # a regular file: never a FIFO or a device (issue 15)
        zf = zipfile.ZipFile(path)
    except UserError as exc:
        raise _fail(path, "missing" if exc.key == "file.not_found" else "not_zip") from exc
    except FileNotFoundError as exc:
        raise _fail(path, "missing") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fail(path, "not_zip") from exc
    with zf:
        names = zf.namelist()
        if len(names) > MAX_FILES + 2:
            raise _fail(path, "too_many", count=len(names))
        if MANIFEST not in names:
            raise _fail(path, "no_member", member=MANIFEST)
        sig_name = CMS_SIGNATURE if CMS_SIGNATURE in names else SIGNATURE
        if sig_name not in names:
            raise _fail(path, "no_member", member=f"{CMS_SIGNATURE} / {SIGNATURE}")
        for entry in zf.infolist():
            if entry.file_size > MAX_FILE_BYTES:
                raise _fail(path, "too_big", member=entry.filename)
        manifest_bytes = zf.read(MANIFEST)
        try:
            # bounded: deep nesting or a 5000-digit number is refused, never a traceback
            manifest = loads_bounded(manifest_bytes.decode("utf-8"))
        except ValueError as exc:
            raise _fail(path, "bad_json", reason=str(exc)[:80]) from exc
        publishers = trusted_publishers(data)
        if sig_name == CMS_SIGNATURE:
            publisher = _verify_cms(path, zf.read(CMS_SIGNATURE), manifest_bytes, publishers)
        else:
            publisher = _verify_ed25519(path, zf.read(SIGNATURE), manifest_bytes, publishers)
        if publisher.demo and not allow_demo:
            raise _fail(path, "demo_publisher", publisher=publisher.id)
        if manifest.get("format") != FORMAT or manifest.get("publisher") != publisher.id:
            raise _fail(path, "bad_json", reason="format/publisher")
        listed = {f["path"]: f for f in manifest.get("files", [])}
        present = {n[len(PACK_PREFIX):] for n in names if n.startswith(PACK_PREFIX)
                   and not n.endswith("/")}
        for extra in sorted(set(names) - {MANIFEST, sig_name}
                            - {PACK_PREFIX + p for p in present} - {PACK_PREFIX}):
            if not extra.endswith("/"):
                raise _fail(path, "unlisted", member=extra)
        for name in sorted(present - listed.keys()):
            raise _fail(path, "unlisted", member=PACK_PREFIX + name)
        files: dict[str, bytes] = {}
        for name, entry in sorted(listed.items()):
            if not _safe_name(name):
                raise _fail(path, "unsafe_name", member=name)
            if name not in present:
                raise _fail(path, "member_missing", member=PACK_PREFIX + name)
            blob = zf.read(PACK_PREFIX + name)
            if _sha(blob) != entry.get("sha256") or len(blob) != entry.get("size"):
                raise _fail(path, "changed", member=PACK_PREFIX + name)
            files[name] = blob
    if "pack.toml" not in files:
        raise _fail(path, "member_missing", member=PACK_PREFIX + "pack.toml")
    pack = _load_from_files(files)
    meta = manifest.get("pack", {})
    if meta.get("id") != pack.id or meta.get("version") != pack.version:
        raise _fail(path, "bad_json", reason="pack id/version")
    return HosopackInfo(manifest, publisher, files, pack)


def _verify_ed25519(path: Path, raw: bytes, manifest_bytes: bytes,
                    publishers: dict[str, Publisher]) -> Publisher:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        signature = json.loads(raw)
        sig = base64.b64decode(signature["signature"], validate=True)
        publisher_id = str(signature["publisher"])
    except (ValueError, KeyError, TypeError) as exc:
        raise _fail(path, "bad_json", reason=str(exc)[:80]) from exc
    publisher = publishers.get(publisher_id)
    if publisher is None:
        raise _fail(path, "unknown_publisher", publisher=publisher_id)
    if signature.get("algorithm", "ed25519") != "ed25519" or not publisher.public_key:
        raise _fail(path, "bad_signature", publisher=publisher.name)
    try:
        Ed25519PublicKey.from_public_bytes(publisher.public_key).verify(sig, manifest_bytes)
    except (InvalidSignature, ValueError) as exc:
        raise _fail(path, "bad_signature", publisher=publisher.name) from exc
    return publisher


def _verify_cms(path: Path, p7s: bytes, manifest_bytes: bytes,
                publishers: dict[str, Publisher]) -> Publisher:
    """The CMS signature (desktop.signing) must be intact, over these manifest bytes, and
    made with the certificate of a listed publisher (pinned by its SHA-256)."""
    from desktop.signing.package import SignatureReport, _check_cms
    from desktop.signing.trust import trust_roots

    report = SignatureReport()
    signed = _check_cms(p7s, report, trust_roots())
    who = report.signer.subject if report.signer is not None else "?"
    if signed is None or signed != manifest_bytes:
        raise _fail(path, "bad_signature", publisher=who)
    publisher = next((p for p in publishers.values()
                      if p.certificate_sha256 and p.certificate_sha256 == report.cert_sha256),
                     None)
    if publisher is None:
        raise _fail(path, "unknown_publisher", publisher=f"{who} ({report.cert_sha256[:16]}…)")
    return publisher


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, blob in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)


def _load_from_files(files: dict[str, bytes]) -> CampaignPack:
    from desktop.packs import load_pack_file

    with tempfile.TemporaryDirectory(prefix="hosopack-") as tmp:
        folder = Path(tmp) / "pack"
        _write_files(folder, files)
        return load_pack_file(folder / "pack.toml")


# ------------------------------------------------------------------ install


@dataclass(frozen=True)
class InstallPlan:
    """What installing a verified pack would do, before doing it (shown in the window)."""

    info: HosopackInfo
    target: Path
    previous_version: str | None  # the newest older version installed, if any
    changes: tuple = ()  # RuleChange from that version
    already_installed: Path | None = None  # the same id, version and files are there


def plan_install(info: HosopackInfo, *, data: str | os.PathLike[str] | None = None,
                 packs_dirs: tuple[str, ...] = ()) -> InstallPlan:
    """Compare a verified pack with the installed ones; :class:`PackError` when the same
    version is installed with other content (a changed pack needs a new version)."""
    from desktop.packs import list_packs, load_pack_file
    from desktop.store.packdiff import diff_packs

    root = installed_packs_dir(data)
    target = root / f"{info.pack_id}-{info.version}"
    same_id = [i for i in list_packs([root, *packs_dirs]) if i.id == info.pack_id]
    for other in same_id:
        if other.version == info.version:
            if other.sha256 == _sha(info.files["pack.toml"]):
                return InstallPlan(info, other.path.parent, other.version, (),
                                   other.path.parent)
            raise PackError("hosopack.version_taken", file=str(other.path),
                            pack_id=info.pack_id, version=info.version, path=str(other.path))
    older = [i for i in same_id if _version_key(i.version) < _version_key(info.version)]
    previous = older[-1] if older else None
    changes = tuple(diff_packs(load_pack_file(previous.path), info.pack)) if previous else ()
    return InstallPlan(info, target, previous.version if previous else None, changes)


def install_plan(plan: InstallPlan) -> InstallResult:
    """Write the planned pack into its folder (a temporary folder moved into place)."""
    from desktop.packs import PACK_FILE, load_pack_file

    info = plan.info
    if plan.already_installed is not None:
        return InstallResult(info, plan.already_installed, plan.previous_version, [], True)
    target = plan.target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=target.parent))
    try:
        _write_files(tmp, info.files)
        load_pack_file(tmp / PACK_FILE)  # loads where it will live
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return InstallResult(info, target, plan.previous_version, list(plan.changes))


def install_hosopack(file: Path | str, *, allow_demo: bool | None = None,
                     data: str | os.PathLike[str] | None = None,
                     packs_dirs: tuple[str, ...] = ()) -> InstallResult:
    """Verify and install a ``.hosopack`` into ``<data folder>/packs``.

    The same id and version already installed with the same files: nothing to do
    (``already_installed``). With other content: refused (a changed pack needs a new
    version). Otherwise the pack is written to a temporary folder and moved into place.
    """
    info = verify_hosopack(file, allow_demo=allow_demo, data=data)
    return install_plan(plan_install(info, data=data, packs_dirs=packs_dirs))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def describe_changes(changes) -> list[str]:
    """One line per rule change (added/removed/changed, section, key), in the language."""
    from desktop import i18n

    def section(name: str) -> str:
        key = f"hosopack.section.{name}"
        return i18n.t(key) if i18n.has(key) else name

    return [i18n.t("hosopack.change_line", change=i18n.t(f"hosopack.change.{c.change}"),
                   section=section(c.section), key=c.key) for c in changes]
