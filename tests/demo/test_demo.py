"""The demo dossiers: complete, consistent, and clean for the rule engine."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from importlib import resources

import pytest

from desktop.demo import DEMO_FILE, demo_data, demo_dossier, demo_dossiers
from desktop.models import Dossier, nominee_name
from desktop.models.campaign import CampaignPack
from desktop.packs import load_pack

TODAY = dt.date(2023, 7, 3)  # first day of the Cao Bằng upload window
IDS = ["demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt"]
DOSSIERS = {d.id: d for d in demo_dossiers()}


@pytest.fixture(params=IDS)
def dossier(request) -> Dossier:
    return DOSSIERS[request.param]


@pytest.fixture(scope="module")
def pack() -> CampaignPack:
    return load_pack("caobang-2023-75nam")


def _required_votes(pack: CampaignPack, dossier: Dossier) -> int:
    members = dossier.council.members
    base = {
        "total_members": len(members),
        "present": sum(m.present for m in members),
        "present_plus_written": sum(m.present or m.written_opinion for m in members),
    }[pack.council.approval_base]
    return math.ceil(pack.council.approval * base)


# ---------------------------------------------------------------- parsing and identity


def test_three_dossiers_in_a_stable_order():
    dossiers = demo_dossiers()
    assert [d.id for d in dossiers] == IDS
    assert demo_dossiers() == dossiers  # deterministic
    assert demo_dossier("demo-so-tnmt") == dossiers[2]
    with pytest.raises(KeyError):
        demo_dossier("nope")


def test_dossier_parses_again_from_json(dossier):
    assert Dossier.model_validate_json(dossier.model_dump_json()) == dossier
    assert Dossier.model_validate(dossier.model_dump(mode="json")) == dossier


def test_pack_reference_comes_from_the_installed_pack(dossier, pack):
    assert dossier.pack.id == pack.id
    assert dossier.pack.version == pack.version
    assert load_pack(dossier.pack.id, dossier.pack.version) == pack
    assert "version" not in demo_data()  # not written twice


def test_data_file_is_nfc():
    text = resources.files("desktop.demo").joinpath(DEMO_FILE).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)


# ---------------------------------------------------------------- completeness


def test_unit_is_complete(dossier):
    unit = dossier.unit
    for field in ("name", "kind", "managing_level", "parent_body", "symbol", "locality",
                  "province", "address", "head_name", "head_title"):
        assert getattr(unit, field), field
    assert dossier.title


def test_dossier_required_fields_are_filled(dossier, pack):
    for path in pack.dossier_required_fields:
        value = dossier
        for part in path.split("."):
            value = getattr(value, part)
        assert value not in (None, "", ()), path


def test_nominees_are_complete(dossier, pack):
    period = pack.achievement_period
    for nominee in dossier.nominees:
        spec = pack.kind_spec(nominee.kind)
        assert spec is not None
        for field in spec.required_fields:
            assert getattr(nominee, field) not in (None, ""), f"{nominee.id}.{field}"
        assert nominee.report_form in spec.report_forms
        assert nominee.summary
        assert set(nominee.criteria) == {c.id for c in spec.criteria}, nominee.id
        for criterion in spec.criteria:
            answer = nominee.criteria[criterion.id]
            assert answer.met, f"{nominee.id}: {criterion.id}"
            assert len(answer.evidence) > 40, f"{nominee.id}: {criterion.id}"
            assert set(answer.figures) == {f.id for f in criterion.figures}
            for figure in criterion.figures:
                value = answer.figures[figure.id]
                assert figure.min is None or value >= figure.min, figure.id
                assert figure.max is None or value <= figure.max, figure.id
        assert 2 <= len(nominee.achievements) <= 4, nominee.id
        for achievement in nominee.achievements:
            assert achievement.description and achievement.figures and achievement.evidence
            assert period.contains(achievement.date_from), nominee.id
            assert period.contains(achievement.date_to), nominee.id
            assert achievement.date_from <= achievement.date_to
            assert achievement.date_to <= dossier.council.date
        for contribution in nominee.contributions:
            assert period.contains(contribution.date)
        if nominee.kind == "household":
            assert nominee.report_form == "summary"
            assert any(c.workdays for c in nominee.contributions)
            assert any(c.money_vnd for c in nominee.contributions)
            assert any(c.land_m2 for c in nominee.contributions)


def test_council_meeting(dossier, pack):
    council = dossier.council
    members = council.members
    assert 7 <= len(members) <= 11
    absent = [m for m in members if not m.present]
    assert 1 <= len(absent) <= 3
    assert all(m.absence_reason for m in absent)
    present = {m.name for m in members if m.present}
    assert council.chair in present
    assert council.secretary in present
    assert len({m.name for m in members}) == len(members)
    assert len(present) >= math.ceil(pack.council.quorum * len(members))
    assert council.voting_method in pack.council.voting_methods
    assert council.date < dossier.proposal.date
    assert council.start_time < council.end_time
    assert [v.nominee_id for v in council.votes] == [n.id for n in dossier.nominees]
    need = _required_votes(pack, dossier)
    for vote in council.votes:
        assert vote.votes_for >= need, vote.nominee_id
        assert vote.votes_for + vote.votes_against + vote.abstain <= len(present)


def test_proposal(dossier, pack):
    proposal = dossier.proposal
    assert dt.date(2023, 6, 28) <= proposal.date <= dt.date(2023, 7, 1)
    assert proposal.date <= pack.upload_window.end
    assert proposal.number and proposal.place and proposal.signer_name
    assert proposal.symbol.startswith("TTr-")
    assert proposal.symbol.endswith(dossier.unit.symbol)
    assert proposal.authority in ("TM", "KT")
    assert proposal.authority_body and proposal.signer_title
    assert proposal.recipients[0] == "Như trên;"
    assert proposal.recipients[-1].startswith("Lưu: VT")
    assert proposal.nominee_ids == tuple(n.id for n in dossier.nominees)
    if dossier.unit.kind == "commune":
        assert proposal.addressee == f"Chủ tịch Ủy ban nhân dân huyện {dossier.unit.district}"
    else:
        assert proposal.addressee == f"Chủ tịch Ủy ban nhân dân tỉnh {pack.province}"


def test_names_are_distinct_people(dossier):
    names = [nominee_name(n) for n in dossier.nominees]
    assert all(names) and len(set(names)) == len(names)


# ---------------------------------------------------------------- the three scenarios


def test_commune_demo():
    dossier = DOSSIERS["demo-xa-bach-dang"]
    assert dossier.unit.kind == "commune"
    assert dossier.unit.district == "Hòa An"
    assert [n.kind for n in dossier.nominees] == ["collective", "household", "individual"]
    hamlet, household, person = dossier.nominees
    assert hamlet.collective_type == "hamlet" and hamlet.staff_count is None
    assert household.ethnicity in ("02", "07")  # Tày or Nùng
    assert household.report_form == "summary"
    assert person.report_form == "full_report"  # an individual on a full Mẫu 07
    assert person.workplace == dossier.unit.name


def test_every_demo_has_a_filled_result_report():
    """Number, date and the text of every outline section that has no figures of its own."""
    for dossier in DOSSIERS.values():
        report = dossier.result_report
        assert report.number and report.symbol.startswith("BC-") and report.date
        assert {"I.1", "I.2", "I.4", "II.1", "II.2", "II.3", "III", "IV"} <= set(report.sections)


def test_district_demo_is_exactly_at_its_quota(pack):
    dossier = DOSSIERS["demo-huyen-trung-khanh"]
    assert dossier.unit.kind == "district"
    [rule] = [r for r in pack.quota_rules if dossier.unit.kind in r.unit_kinds]
    assert rule.max_total == len(dossier.nominees) == 2
    farmer = dossier.nominees[1]
    assert farmer.role == "farmer" and not farmer.holds_leadership
    assert farmer.report_form == "summary"


def test_department_demo_has_one_nominee_in_an_emulation_block(pack):
    dossier = DOSSIERS["demo-so-tnmt"]
    assert dossier.unit.kind == "provincial_department"
    assert dossier.unit.emulation_group == "Khối thi đua số 1"
    assert len(dossier.nominees) == 1
    [rule] = [r for r in pack.quota_rules
              if dossier.unit.kind in r.unit_kinds and r.emulation_group in (None, True)]
    assert rule.max_total == 1
    assert dossier.nominees[0].report_form == "full_report"
    assert dossier.proposal.authority == "KT"


# ---------------------------------------------------------------- the rule engine


def test_demo_validates_clean(dossier, pack):
    """Zero errors on the first day of the upload window (info is fine), and one warning
    only: the pack does not know its plan's number, which the reviewer is told."""
    validation = pytest.importorskip("desktop.validation")
    findings = validation.validate(dossier, pack, today=TODAY)
    problems = [f"{f.severity} {f.code} {f.path}: {f.message_vi}"
                for f in findings if f.severity in ("error", "warning")
                and f.code != "plan.number_unknown"]
    assert problems == []
    told = [f for f in findings if f.code == "plan.number_unknown"]
    assert len(told) == (0 if pack.plan.number and pack.plan.date else 1)
    assert all(f.severity == "warning" and not f.blocking for f in told)
