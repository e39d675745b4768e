"""Demo dossiers for the two-tier Cao Bằng 2026 pack (``caobang2026.toml`` next to this file).

A ward (``demo-2026-phuong-thuc-phan``) and a department (``demo-2026-so-y-te``), both
filing directly with the province. Like :mod:`desktop.demo`, the content is data; this code
fills in the installed pack's version and builds the models.
"""

from __future__ import annotations

from typing import Any

from desktop import demo
from desktop.models import Dossier

DEMO_FILE = "caobang2026.toml"


def demo_data() -> dict[str, Any]:
    return demo.demo_data(DEMO_FILE)


def demo_dossiers() -> list[Dossier]:
    return demo.demo_dossiers(DEMO_FILE)
