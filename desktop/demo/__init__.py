"""Demo dossiers (hồ sơ mẫu): three complete, fictional dossiers for the Cao Bằng 2023 pack.

Used by ``hoso demo``, ``hoso --demo``, tests and benchmarks. The content (Vietnamese text,
names, figures) lives in ``demo.toml`` next to this module; this code only reads it, fills in
the pack reference (the version comes from the installed pack, never written twice) and
builds the models. No other I/O: callers decide what to write where.

(a) ``demo-xa-bach-dang``: a commune People's Committee (Hòa An) with a hamlet and a Tày
    household (summary report), going up through the district;
(b) ``demo-huyen-trung-khanh``: a district People's Committee exactly at its quota of 2;
(c) ``demo-so-tnmt``: a provincial department in an emulation block with 1 nominee.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from desktop.models import Dossier, PackRef
from desktop.textutil import nfc_deep

DEMO_FILE = "demo.toml"


def demo_data(file: str = DEMO_FILE) -> dict[str, Any]:
    """The parsed ``demo.toml`` (or another demo file next to this module; a fresh copy on
    every call)."""
    text = resources.files(__package__).joinpath(file).read_text(encoding="utf-8")
    return nfc_deep(tomllib.loads(text))


def demo_dossiers(file: str = DEMO_FILE) -> list[Dossier]:
    """The demo dossiers in file order, with stable ids, written against the installed pack."""
    from desktop.packs import load_pack

    data = demo_data(file)
    pack = load_pack(data["pack_id"])
    ref = PackRef(id=pack.id, version=pack.version)
    return [Dossier.model_validate({**raw, "pack": ref}) for raw in data["dossiers"]]


def demo_dossier(dossier_id: str) -> Dossier:
    """One demo dossier by id; ``KeyError`` if there is none."""
    for dossier in demo_dossiers():
        if dossier.id == dossier_id:
            return dossier
    raise KeyError(dossier_id)
