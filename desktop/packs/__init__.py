"""Campaign packs: the only reader of ``resources/campaigns/``, ``resources/regimes/``,
``resources/places/`` and ``resources/reference/``.

A pack is a folder ``<id>/`` holding ``pack.toml`` (and optionally ``regimes/*.toml`` and
``templates/*.toml`` of its own). Packs are searched in the shipped ``resources/campaigns``,
the packs installed in the data folder (``<data>/packs``, see :mod:`desktop.packs.install`),
then in the folders of ``$HOSO_PACKS_PATH`` and any passed in. Errors name the file and the
field path, in Vietnamese.

The loader completes a pack from its legal regime (:mod:`desktop.packs.regimes`): the
``regime`` itself, and the council rules, document set, report forms per nominee kind and
legal grounds the pack leaves to it; and from its place names (``place_names``).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop import i18n
from desktop.errors import PackError, UserError
from desktop.fsutil import read_limited
from desktop.models.campaign import CampaignPack
from desktop.paths import campaigns_dir, extra_pack_dirs, installed_packs_dir, resources_dir
from desktop.textutil import nfc_deep

PACK_FILE = "pack.toml"


@dataclass(frozen=True)
class PackInfo:
    """An installed pack, as listed by ``hoso packs``."""

    id: str
    version: str
    title: str
    path: Path
    sha256: str


def search_dirs(extra: Iterable[Path | str] = ()) -> list[Path]:
    """The folders searched for packs, each once (the same folder may be named twice, e.g.
    the data folder's packs passed explicitly)."""
    seen: dict[Path, Path] = {}
    for folder in (campaigns_dir(), installed_packs_dir(), *extra_pack_dirs(),
                   *(Path(p) for p in extra)):
        seen.setdefault(folder.resolve(), folder)
    return list(seen.values())


def pack_files(extra: Iterable[Path | str] = ()) -> list[Path]:
    files: list[Path] = []
    for folder in search_dirs(extra):
        if folder.is_dir():
            files.extend(sorted(folder.glob(f"*/{PACK_FILE}")))
    return files


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()




def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(gốc)"


def _reason(err: dict[str, Any]) -> str:
    """A pydantic error as a sentence of the catalog, by its ``type`` (never its English msg).

    Validators of the pack schema raise ValueError with an English text meant for pack
    authors; that text is kept after the catalog's sentence.
    """
    etype = err["type"]
    key = f"pydantic.{etype}" if i18n.has(f"pydantic.{etype}") else "pydantic.default"
    ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    sentence = i18n.t(key, field=i18n.t("validation.where.value"),
                      input=str(err.get("input"))[:60], type=etype, **ctx)
    if etype == "value_error" and ctx.get("error"):
        sentence = f"{sentence.rstrip('.')} ({ctx['error'].removeprefix('Value error, ')})."
    return sentence


@lru_cache(maxsize=8)
def _ethnic_groups(system: str) -> tuple[dict[str, str], ...] | None:
    path = resources_dir() / "reference" / "ethnic-groups" / f"{system}.toml"
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        data = nfc_deep(tomllib.load(fh))
    return tuple({"id": g["code"], "label": g["name"]} for g in data["groups"])


#: Parsed packs and file hashes by path, valid while the file's stat is unchanged. Packs are
#: frozen models, so sharing one object is safe; listing packs at start-up stays cheap.
_CACHE: dict[Path, tuple[tuple[int, int, int], CampaignPack, str]] = {}


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size)


def _cached(path: Path) -> tuple[CampaignPack, str]:
    key = _stat_key(path)
    hit = _CACHE.get(path.resolve()) if key else None
    if hit and hit[0] == key:
        return hit[1], hit[2]
    pack = _parse_pack_file(path)
    sha = file_sha256(path)
    if key:
        _CACHE[path.resolve()] = (key, pack, sha)
    return pack, sha


def load_pack_file(path: Path | str) -> CampaignPack:
    """Parse and check one ``pack.toml``; raises :class:`PackError` naming file and field."""
    return _cached(Path(path))[0]


def _read_raw(path: Path) -> dict[str, Any]:
    """A TOML file of the packs' world, NFC; :class:`PackError` naming file and line."""
    try:
        data = read_limited(path)  # a regular file of bounded size (no device, no FIFO)
    except UserError as exc:
        raise PackError("pack.unreadable", file=str(path), reason=exc.message()) from exc
    try:
        return nfc_deep(tomllib.loads(data.decode("utf-8")))
    except (UnicodeDecodeError, RecursionError) as exc:
        raise PackError("pack.syntax", file=str(path), line="?", column="?") from exc
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = where.groups() if where else ("?", "?")
        raise PackError("pack.syntax", file=str(path), line=line, column=column) from exc


def _parse_pack_file(path: Path) -> CampaignPack:
    raw = _read_raw(path)
    if isinstance(raw, dict):
        from desktop.packs.regimes import complete_from_regime

        complete_from_regime(raw, path)
    system = raw.get("ethnic_code_system")
    if isinstance(system, str) and "ethnic_groups" not in raw:
        groups = _ethnic_groups(system)
        if groups is None:
            raise PackError("pack.reference_missing", file=str(path), system=system)
        raw["ethnic_groups"] = list(groups)
    try:
        return CampaignPack.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise PackError(
            "pack.invalid", file=str(path), field=_field_path(err["loc"]), reason=_reason(err)
        ) from exc


def list_packs(extra: Iterable[Path | str] = ()) -> list[PackInfo]:
    """Every pack found, sorted by id then version. Broken packs raise :class:`PackError`."""
    infos = []
    for path in pack_files(extra):
        pack, sha = _cached(path)
        infos.append(PackInfo(pack.id, pack.version, pack.title, path, sha))
    return sorted(infos, key=lambda i: (i.id, _version_key(i.version)))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def find_pack(pack_id: str, version: str | None = None,
              extra: Iterable[Path | str] = ()) -> PackInfo:
    """The installed pack ``pack_id`` (the given version, or the newest)."""
    infos = list_packs(extra)
    matches = [i for i in infos if i.id == pack_id and (version is None or i.version == version)]
    if not matches:
        available = ", ".join(f"{i.id} {i.version}" for i in infos) or "—"
        if version is None:
            raise PackError("pack.not_found", pack_id=pack_id, available=available)
        raise PackError("pack.version_not_found", pack_id=pack_id, version=version,
                        available=available)
    return matches[-1]


def load_pack(pack_id: str, version: str | None = None,
              extra: Iterable[Path | str] = ()) -> CampaignPack:
    """Load the installed pack ``pack_id`` (the given version, or the newest)."""
    return load_pack_file(find_pack(pack_id, version, extra).path)
