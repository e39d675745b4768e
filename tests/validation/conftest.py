"""Packs the rule tests run against: Cao Bằng, a variant derived from it, and every made-up
pack under ``tests/packs/*/pack.toml``. A rule that passes only for Cao Bằng hard-codes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.packs import load_pack, load_pack_file

from .dossiers import CAO_BANG, CAO_BANG_2026, variant_pack

PACKS_DIR = Path(__file__).resolve().parents[1] / "packs"
TEST_PACK_FILES = sorted(PACKS_DIR.glob("*/pack.toml"))
PACK_IDS = ["cao-bang", "variant", "cao-bang-2026", *(p.parent.name for p in TEST_PACK_FILES)]


@pytest.fixture(scope="session")
def cao_bang():
    return load_pack(CAO_BANG)


@pytest.fixture(scope="session")
def all_packs(cao_bang):
    packs = {"cao-bang": cao_bang, "variant": variant_pack(cao_bang),
             "cao-bang-2026": load_pack(CAO_BANG_2026)}  # two tiers, regime 2022/ND152
    for path in TEST_PACK_FILES:
        packs[path.parent.name] = load_pack_file(path)
    return packs


@pytest.fixture(params=PACK_IDS)
def pack(request, all_packs):
    """Each pack in turn."""
    return all_packs[request.param]
