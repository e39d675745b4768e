"""Packs the rule tests run against: Cao Bằng, a variant derived from it, and every made-up
pack under ``tests/packs/*/pack.toml``. A rule that passes only for Cao Bằng hard-codes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.packs import load_pack, load_pack_file

from .dossiers import CAO_BANG, CAO_BANG_2026, variant_pack, with_plan_number

PACKS_DIR = Path(__file__).resolve().parents[1] / "packs"
TEST_PACK_FILES = sorted(PACKS_DIR.glob("*/pack.toml"))
PACK_IDS = ["cao-bang", "variant", "cao-bang-2026", *(p.parent.name for p in TEST_PACK_FILES)]


@pytest.fixture(scope="session")
def cao_bang():
    return load_pack(CAO_BANG)


@pytest.fixture(scope="session")
def all_packs(cao_bang):
    # The shipped Cao Bằng packs do not know their plan's number (plan.number_unknown on
    # every dossier, tested on its own): the rule tests run them with a made-up one.
    packs = {"cao-bang": with_plan_number(cao_bang),
             "variant": with_plan_number(variant_pack(cao_bang)),
             "cao-bang-2026": with_plan_number(load_pack(CAO_BANG_2026))}  # regime 2022/ND152
    for path in TEST_PACK_FILES:
        packs[path.parent.name] = load_pack_file(path)
    return packs


@pytest.fixture(params=PACK_IDS)
def pack(request, all_packs):
    """Each pack in turn."""
    return all_packs[request.param]
