"""Legal regimes (chế độ pháp lý) and place names: the readers of ``resources/regimes/`` and
``resources/places/``, and how a pack is completed from its regime.

A regime file ``resources/regimes/<slug>.toml`` (slug: the id in lower case, "/" as "-",
e.g. ``2003-nd91.toml`` for ``"2003/ND91"``) describes the law and decree, the levels and
their routing, the unit kinds with header and signature, the templates with version and
status, and defaults a pack may leave out: council rules, the document set, report forms
per nominee kind and the legal grounds. A pack folder may carry its own ``regimes/`` (a
regime HoSo does not ship) and ``templates/``; ``resources/regimes/templates/`` holds the
templates of shipped regimes that are not in ``resources/templates``.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.errors import PackError
from desktop.models.campaign import PlaceNames, Regime
from desktop.paths import resources_dir

#: The regime of a pack that names none (packs written before regimes were data).
DEFAULT_REGIME = "2003/ND91"

#: Folders of the packs loaded in this process: their own regimes/ and templates/ are found
#: by the template loader even when the pack was loaded from a folder outside the search
#: path (``hoso pack check DIR``, a pack being installed).
_LOADED: dict[Path, None] = {}


def remember_pack_dir(folder: Path) -> None:
    if (folder / "regimes").is_dir() or (folder / "templates").is_dir():
        _LOADED.pop(folder.resolve(), None)  # the pack loaded last is searched first
        _LOADED[folder.resolve()] = None


def regimes_dir() -> Path:
    return resources_dir() / "regimes"


def places_dir() -> Path:
    return resources_dir() / "places"


def regime_slug(regime_id: str) -> str:
    return regime_id.strip().lower().replace("/", "-")


def _read_toml(path: Path) -> dict[str, Any]:
    from desktop.packs import _read_raw

    return _read_raw(path)


def _validated(model, raw: dict[str, Any], path: Path):
    from desktop.packs import _field_path, _reason

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise PackError("pack.invalid", file=str(path), field=_field_path(err["loc"]),
                        reason=_reason(err)) from exc


@lru_cache(maxsize=32)
def _regime_at(path: Path, stamp: tuple[int, int]) -> Regime:
    return _validated(Regime, _read_toml(path), path)


def regime_file(regime_id: str, pack_dir: Path | None = None) -> Path | None:
    """The file of a regime: in the pack's own ``regimes/`` first, then the shipped ones."""
    name = f"{regime_slug(regime_id)}.toml"
    folders = ([pack_dir / "regimes"] if pack_dir else []) + [regimes_dir()]
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    return None


def load_regime(regime_id: str, pack_dir: Path | None = None, *,
                pack_file: Path | None = None) -> Regime:
    """The regime ``regime_id``; :class:`PackError` naming the pack when it is missing."""
    path = regime_file(regime_id, pack_dir)
    if path is None:
        raise PackError("pack.regime_missing", file=str(pack_file or pack_dir or regime_id),
                        regime=regime_id)
    st = path.stat()
    regime = _regime_at(path.resolve(), (st.st_mtime_ns, st.st_size))
    if regime.id != regime_id:
        raise PackError("pack.invalid", file=str(path), field="id",
                        reason=f"“{regime.id}” ≠ “{regime_id}”")
    return regime


def shipped_regimes() -> list[Regime]:
    """Every regime shipped in ``resources/regimes``, oldest first."""
    out = []
    for path in sorted(regimes_dir().glob("*.toml")):
        st = path.stat()
        out.append(_regime_at(path.resolve(), (st.st_mtime_ns, st.st_size)))
    return sorted(out, key=lambda r: r.effective_from)


@lru_cache(maxsize=16)
def _places_at(path: Path, stamp: tuple[int, int]) -> PlaceNames:
    return _validated(PlaceNames, _read_toml(path), path)


def load_places(place_id: str, pack_file: Path | None = None) -> PlaceNames:
    path = places_dir() / f"{place_id}.toml"
    if pack_file is not None and (pack_file.parent / "places.toml").is_file():
        path = pack_file.parent / "places.toml"
    if not path.is_file():
        raise PackError("pack.places_missing", file=str(pack_file or place_id), places=place_id)
    st = path.stat()
    return _places_at(path.resolve(), (st.st_mtime_ns, st.st_size))


def complete_from_regime(raw: dict[str, Any], path: Path) -> None:
    """Fill in what a raw pack leaves to its regime and place names (in place).

    ``legal_regime`` defaults to :data:`DEFAULT_REGIME`; ``regime`` (unless written inline)
    comes from the regime file; ``council``, ``documents`` and each nominee kind's
    ``report_forms`` from the regime when the pack has none; with ``plan.regime_grounds``
    the regime's grounds go before the plan's. ``place_names`` loads ``places``.
    """
    remember_pack_dir(path.parent)
    regime_id = raw.setdefault("legal_regime", DEFAULT_REGIME)
    if not isinstance(regime_id, str):
        return  # the schema names the field
    inline = raw.get("regime")
    if isinstance(inline, dict):
        regime = _validated(Regime, inline, path)
    elif inline is None:
        regime = load_regime(regime_id, path.parent, pack_file=path)
    else:
        return
    raw["regime"] = regime
    if "council" not in raw and regime.council is not None:
        raw["council"] = regime.council
    if "documents" not in raw and regime.documents:
        raw["documents"] = list(regime.documents)
    for spec in raw.get("nominee_kinds") or ():
        if isinstance(spec, dict) and "report_forms" not in spec:
            forms = regime.report_forms.get(spec.get("kind"))  # type: ignore[call-overload]
            if forms:
                spec["report_forms"] = list(forms)
    plan = raw.get("plan")
    if isinstance(plan, dict) and plan.get("regime_grounds") is True:
        own = [g for g in plan.get("grounds") or () if g not in regime.grounds]
        plan["grounds"] = [*regime.grounds, *own]
    places = raw.get("place_names")
    if isinstance(places, str) and "places" not in raw:
        raw["places"] = load_places(places, path)


def template_variants(regime_id: str) -> tuple[str, ...]:
    """Keys of the ``[regime."…"]`` tables a template file applies for a regime, in order."""
    path = regime_file(regime_id)
    for folder in reversed(_LOADED):
        path = path or regime_file(regime_id, folder)
    return _variants_of(regime_id, path)


@lru_cache(maxsize=32)
def _variants_of(regime_id: str, path: Path | None) -> tuple[str, ...]:
    if path is None:
        return (regime_id,)
    try:
        with path.open("rb") as fh:
            variants = tomllib.load(fh).get("template_variants") or []
    except (OSError, tomllib.TOMLDecodeError):
        return (regime_id,)
    return tuple(dict.fromkeys([*(str(v) for v in variants), regime_id]))


def template_file(template_id: str) -> Path | None:
    """A template that is not in ``resources/templates``: a shipped regime's
    (``resources/regimes/templates``), else one carried by a pack (``<pack>/templates``)."""
    from desktop.packs import search_dirs

    name = f"{template_id}.toml"
    if (regimes_dir() / "templates" / name).is_file():
        return regimes_dir() / "templates" / name
    for folder in reversed(_LOADED):  # the packs loaded last first
        if (folder / "templates" / name).is_file():
            return folder / "templates" / name
    for folder in search_dirs():
        if folder.is_dir():
            for found in sorted(folder.glob(f"*/templates/{name}")):
                return found
    return None


def unit_kind_options(pack) -> list[tuple[str, str]]:
    """(kind, label) of the unit kinds under the pack's regime, in the regime's order and
    language (every kind, with the catalog's labels, for a pack without regime)."""
    from desktop import i18n
    from desktop.models.unit import UnitKind

    en = i18n.get_language() == "en"
    if pack.regime is None:
        return [(k.value, i18n.t(f"enum.unit_kind.{k.value}")) for k in UnitKind]
    return [(r.kind.value, (r.label_en or r.label) if en else r.label)
            for r in pack.regime.unit_kinds]


def level_options(pack) -> list[tuple[str, str]]:
    """(level, label) of the administrative levels that still exist under the regime."""
    from desktop import i18n

    en = i18n.get_language() == "en"
    if pack.regime is None:
        return [(v, i18n.t(f"enum.managing_level.{v}")) for v in ("province", "district",
                                                                   "commune")]
    return [(lv.id, (lv.label_en or lv.label) if en else lv.label)
            for lv in pack.regime.levels if lv.ended is None]


def level_exists(pack, level_id: str) -> bool:
    """Whether units of a level exist under the pack's regime (no district under two tiers)."""
    if pack.regime is None:
        return True
    level = pack.regime.level(level_id)
    return level is not None and level.ended is None


def signature_defaults(pack, kind) -> dict[str, str]:
    """The proposal's signature block (ô 7a) a new dossier of this unit kind starts with:
    {"authority", "authority_body", "signer_title"} from the regime, or {}."""
    rule = pack.unit_rule(kind) if pack.regime is not None else None
    if rule is None:
        return {}
    sig = rule.signature
    return {"authority": sig.authority.value, "authority_body": sig.body,
            "signer_title": sig.head}
