"""Demo dossiers for the two-tier Cao Bằng 2026 pack (``caobang2026.toml`` next to this file).

A ward (``demo-2026-phuong-thuc-phan``) and a department (``demo-2026-so-y-te``), both
filing directly with the province. Like :mod:`desktop.demo`, the content is data; this code
fills in the installed pack's version and builds the models.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from desktop.models import Dossier, PackRef
from desktop.textutil import nfc_deep

DEMO_FILE = "caobang2026.toml"


def demo_data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath(DEMO_FILE).read_text(encoding="utf-8")
    return nfc_deep(tomllib.loads(text))


def demo_dossiers() -> list[Dossier]:
    from desktop.packs import load_pack

    data = demo_data()
    pack = load_pack(data["pack_id"])
    ref = PackRef(id=pack.id, version=pack.version)
    return [Dossier.model_validate({**raw, "pack": ref}) for raw in data["dossiers"]]
