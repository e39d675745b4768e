"""A unit's own Giấy khen round: the unit's quota, period and criteria drive the findings."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.demo.giaykhen import DEMO_TODAY, demo_dossiers
from desktop.models import Dossier
from desktop.models.award_round import KindCriteria
from desktop.models.campaign import Criterion
from desktop.packs import load_pack
from desktop.validation import Validator, validate
from desktop.validation.award_round import base_salary, bonus

TODAY = dt.date.fromisoformat(DEMO_TODAY)
#: The shipped Cao Bằng pack does not know its plan's number: every dossier says so.
PACK_NOTE = "plan.number_unknown"


@pytest.fixture(scope="module")
def demo():
    return demo_dossiers()[0]


@pytest.fixture(scope="module")
def pack(demo):
    return load_pack(demo.pack.id)


def _rules(d: Dossier, **update) -> Dossier:
    return d.model_copy(update={"own_rules": d.own_rules.model_copy(update=update)})


def _quota(d: Dossier, **update) -> Dossier:
    return _rules(d, quota=d.own_rules.quota.model_copy(update=update))


def _codes(d: Dossier, pack, severity=("error", "warning")) -> list[str]:
    return [f.code for f in _findings(d, pack) if f.severity in severity]


def _findings(d: Dossier, pack) -> list:
    return [f for f in validate(d, pack, today=TODAY) if f.code != PACK_NOTE]


def test_demo_round_has_no_error_or_warning(demo, pack):
    assert _codes(demo, pack) == []
    infos = {f.code for f in validate(demo, pack, today=TODAY)}
    assert "round.bonus_unconfirmed" in infos  # coefficients are recalled, not confirmed
    note = next(f for f in validate(demo, pack, today=TODAY) if f.code == "round.bonus_unconfirmed")
    assert "hệ số 0,3 và 0,6 × mức lương cơ sở 1.800.000 đồng" in note.message_vi
    assert not any(c.startswith(("quota.", "routing.")) for c in infos)  # no provincial quota


def test_total_quota_counts_every_awardee(demo, pack):
    assert _codes(_quota(demo, total=5), pack) == []  # exactly at the unit's quota
    findings = [f for f in _findings(_quota(demo, total=4), pack)
                if f.code == "round.quota_exceeded"]
    assert len(findings) == 1
    f = findings[0]
    assert f.params["limit"] == "total" and f.params["count"] == "05" and f.params["max"] == "04"
    assert "tối đa 04 Giấy khen" in f.message_vi
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bạch Đằng" in f.message_vi


def test_quota_per_nominee_kind(demo, pack):
    per_kind = {**demo.own_rules.quota.per_kind, "household": 1}
    findings = [f for f in _findings(_quota(demo, per_kind=per_kind), pack)
                if f.severity != "info"]
    assert [(f.code, f.params["limit"], f.path) for f in findings] == [
        ("round.quota_exceeded", "household", "own_rules.quota.per_kind.household")]
    assert "tối đa 01 hộ gia đình" in findings[0].message_vi
    none = {**demo.own_rules.quota.per_kind, "collective": 0}
    f = next(f for f in _findings(_quota(demo, per_kind=none), pack)
             if f.code == "round.quota_exceeded")
    assert "không xét tập thể" in f.message_vi


def test_a_round_without_quota_or_period_is_refused(demo, pack):
    bare = _rules(demo, quota=demo.own_rules.quota.model_copy(
        update={"total": None, "per_kind": {}}), period_start=None)
    findings = [f for f in _findings(bare, pack) if f.code == "round.rules_missing"]
    assert sorted(f.params["what"] for f in findings) == ["period_start", "quota"]
    assert all(f.blocking for f in findings)


def test_the_units_own_criteria_replace_the_campaigns(demo, pack):
    # the demo's households answer the unit's three criteria, not the campaign's four
    assert any(c.id == "hgd-tuong-tro" for c in pack.kind_spec("household").criteria)
    assert _codes(demo, pack) == []
    # a criterion the unit adds must be answered by every household
    rules = demo.own_rules
    own = rules.kind_criteria("household")
    extra = Criterion(id="gk-hgd-moi", text="Không có con em vi phạm pháp luật.",
                      requires_evidence=False)
    criteria = tuple(k if k.kind != "household" else KindCriteria(
        kind="household", criteria=(*own, extra)) for k in rules.criteria)
    findings = [f for f in _findings(_rules(demo, criteria=criteria), pack)
                if f.severity != "info"]
    assert sorted((f.code, f.nominee_id) for f in findings) == [
        ("criterion.missing", "ho-be-van-son"), ("criterion.missing", "ho-luc-thi-hoa")]
    assert "Không có con em vi phạm pháp luật" in findings[0].message_vi
    # "not met" on the unit's own criterion is an error naming it
    n = demo.nominee("ho-be-van-son")
    answers = {**n.criteria, "gk-hgd-san-xuat": n.criteria["gk-hgd-san-xuat"].model_copy(
        update={"met": False})}
    broken = demo.model_copy(update={"nominees": tuple(
        x.model_copy(update={"criteria": answers}) if x.id == n.id else x
        for x in demo.nominees)})
    assert _codes(broken, pack) == ["criterion.not_met"]


def test_a_kind_left_without_criteria(demo, pack):
    criteria = (*demo.own_rules.criteria, KindCriteria(kind="resident", criteria=()))
    findings = [f for f in _findings(_rules(demo, criteria=criteria), pack)
                if f.severity != "info"]
    assert {f.code for f in findings} >= {"round.criteria_empty"}
    f = next(f for f in findings if f.code == "round.criteria_empty")
    assert f.params == {"kind": "resident", "count": "02"}


def test_the_units_period_bounds_the_achievements(demo, pack):
    # the campaign runs to 30/6/2023; the unit counts only the first quarter
    short = _rules(demo, period_end=dt.date(2023, 3, 31))
    findings = [f for f in _findings(short, pack) if f.severity != "info"]
    assert {(f.code, f.nominee_id) for f in findings} == {
        ("achievement.date_partly_outside", "xom-khuoi-lung"),
        ("achievement.date_partly_outside", "ho-be-van-son"),
        ("achievement.date_partly_outside", "ho-luc-thi-hoa"),
        ("contribution.date_outside_period", "dam-van-phuc"),
        ("contribution.date_outside_period", "nong-thi-lan")}
    assert "(01/01/2023 - 31/03/2023)" in findings[0].message_vi


def test_duplicates_and_council_vote_work_as_for_the_bang_khen(demo, pack):
    twin = demo.nominees[1].model_copy(update={"id": "ho-be-van-son-2"})
    doubled = demo.model_copy(update={"nominees": (*demo.nominees, twin), "proposal":
                                      demo.proposal.model_copy(update={"nominee_ids": (
                                          *demo.proposal.nominee_ids, twin.id)})})
    assert "nominee.duplicate" in _codes(doubled, pack)
    votes = tuple(v.model_copy(update={"votes_for": 3}) if v.nominee_id == "nong-thi-lan"
                  else v for v in demo.council.votes)
    low = demo.model_copy(update={"council": demo.council.model_copy(update={"votes": votes})})
    assert _codes(low, pack) == ["council.vote_below_threshold"]


def test_validator_follows_an_edit_of_the_rules(demo, pack):
    v = Validator(pack, today=TODAY)
    assert [f.code for f in v.run(demo) if f.severity == "error"] == []
    assert [f.code for f in v.run(_quota(demo, total=3)) if f.severity == "error"] == [
        "round.quota_exceeded"]
    assert [f.code for f in v.run(demo) if f.severity == "error"] == []


def test_a_bang_khen_dossier_file_is_unchanged(pack):
    from desktop.demo import demo_dossiers as bang_khen

    d = bang_khen()[0]
    assert d.own_rules is None and '"own_rules"' not in d.model_dump_json()


def test_bonus_is_the_coefficient_times_the_base_salary_of_the_date(pack):
    assert base_salary(dt.date(2023, 6, 30))[0] == 1_490_000
    assert base_salary(dt.date(2023, 7, 1))[0] == 1_800_000
    b = bonus(pack, "household", dt.date(2023, 7, 12))
    assert (b.coefficient, b.base_salary, b.amount, b.confirmed) == (0.3, 1_800_000, 540_000,
                                                                     False)
    assert bonus(pack, "collective", dt.date(2023, 7, 12)).amount == 1_080_000
    assert bonus(pack, "individual", dt.date(2023, 6, 1)).amount == 447_000
    assert bonus(pack, "individual", None) is None
