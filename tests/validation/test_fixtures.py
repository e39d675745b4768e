"""The invalid-dossier fixtures (tests/data/invalid) and the completeness of the catalogs."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from desktop import i18n
from desktop.models import (
    Achievement,
    Collective,
    Contribution,
    CouncilMeeting,
    CouncilMember,
    CriterionAnswer,
    Dossier,
    Household,
    Individual,
    PackRef,
    Proposal,
    Resident,
    Unit,
    Vote,
)
from desktop.validation import CODES, INPUT_TYPES

FOLDER = Path(__file__).resolve().parents[1] / "data" / "invalid"
FILES = (sorted(FOLDER.glob("*.json")) + sorted((FOLDER / "variant-pack").glob("*.json"))
         + sorted((FOLDER / "two-tier-pack").glob("*.json"))
         + sorted((FOLDER / "shipped-pack").glob("*.json")))


def _generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", FOLDER / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_fixtures():
    return _generator()


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_gives_exactly_its_code(path, cao_bang, make_fixtures):
    pack = make_fixtures.pack_for(path.parent.name, cao_bang)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert make_fixtures.check(path.stem, data, pack) == []


def test_every_code_has_a_fixture():
    covered = {p.stem.split("--")[0] for p in FILES}
    assert set(CODES) - covered == set()
    assert covered - set(CODES) - {c for c in covered if c.startswith("input.")} == set()


def test_fixtures_are_up_to_date(cao_bang, make_fixtures):
    """The committed JSON is what make_fixtures.py writes (re-run it after changing it)."""
    built = make_fixtures.build(cao_bang)
    assert sorted(built) == sorted(FILES)
    for path, data in built.items():
        assert json.loads(path.read_text(encoding="utf-8")) == data, path.name


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_messages(code):
    entry = i18n.catalog().get(f"finding.{code}")
    assert entry is not None, f"finding.{code} missing in resources/i18n/findings.toml"
    assert entry.get("vi") and entry.get("en")


@pytest.mark.parametrize("etype", INPUT_TYPES)
def test_every_input_type_has_a_sentence(etype):
    entry = i18n.catalog().get(f"pydantic.{etype}")
    assert entry is not None and entry.get("vi") and entry.get("en")


MODELS = {
    "dossier": Dossier, "pack_ref": PackRef, "unit": Unit, "collective": Collective,
    "individual": Individual, "household": Household, "resident": Resident,
    "achievement": Achievement, "contribution": Contribution,
    "criterion_answer": CriterionAnswer, "council": CouncilMeeting,
    "council_member": CouncilMember, "vote": Vote, "proposal": Proposal,
}


@pytest.mark.parametrize("model", sorted(MODELS))
def test_every_field_has_a_label(model):
    catalog = i18n.catalog()
    for field in MODELS[model].model_fields:
        entry = catalog.get(f"field.{model}.{field}")
        assert entry and entry.get("vi") and entry.get("en"), f"field.{model}.{field}"


def test_no_unused_finding_message():
    """Every finding.* message is a code or a documented variant of one."""
    variants = {"council.meeting_date_after_proposal", "council.meeting_date_after_window"}
    keys = {k.removeprefix("finding.") for k in i18n.catalog() if k.startswith("finding.")}
    assert keys - set(CODES) == variants
