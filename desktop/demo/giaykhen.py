"""Demo Giấy khen round (``giaykhen.toml`` next to this file): the demo commune (xã Bạch
Đằng) awards its own Giấy khen to a hamlet, two households and two farmers under its own
criteria and quota. Like :mod:`desktop.demo`, the content is data; this code fills in the
installed pack's version and builds the models.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from desktop.models import Dossier, PackRef
from desktop.textutil import nfc_deep

DEMO_FILE = "giaykhen.toml"
#: The day the demo round validates with no error and no warning (the decision's date).
DEMO_TODAY = "2023-07-12"


def demo_data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath(DEMO_FILE).read_text(encoding="utf-8")
    return nfc_deep(tomllib.loads(text))


def demo_dossiers() -> list[Dossier]:
    from desktop.packs import load_pack

    data = demo_data()
    pack = load_pack(data["pack_id"])
    ref = PackRef(id=pack.id, version=pack.version)
    return [Dossier.model_validate({**raw, "pack": ref}) for raw in data["dossiers"]]
