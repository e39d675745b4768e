"""Write the invalid-dossier fixtures of this folder from one valid base dossier.

Run from the repository root: ``.venv/bin/python tests/data/invalid/make_fixtures.py``.
Each fixture breaks one rule of the Cao Bằng pack; its file name is the expected finding
code, optionally ``--<variant>``; ``--today-YYYY-MM-DD`` sets the day to validate on (else
2023-07-03). Fixtures are checked against the packs with a made-up plan number
(``with_plan_number``: the shipped packs do not know theirs), except those in
``shipped-pack/``, checked against the Cao Bằng pack as shipped. Fixtures in
``variant-pack/`` need a rule the complete Cao Bằng pack cannot
trigger; they are validated against ``fixture_variant_pack`` (tests/validation/dossiers.py).
``input.*`` fixtures fail pydantic parsing. The script checks every fixture before writing:
the set of error and warning codes must be exactly the expected code (info codes: present,
no error or warning).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from validation.dossiers import (  # noqa: E402
    CAO_BANG,
    CAO_BANG_2026,
    add_nominee,
    fixture_variant_pack,
    nominee_data,
    replace_nominee,
    valid_dossier_data,
    with_plan_number,
)

from desktop.models import CampaignPack  # noqa: E402
from desktop.packs import load_pack  # noqa: E402
from desktop.validation import CODES, parse_dossier, validate  # noqa: E402

TODAY = dt.date(2023, 7, 3)
Mutation = Callable[[dict, CampaignPack], dict]


def base(pack: CampaignPack) -> dict:
    """A district (huyện Hòa An) proposing a worker and a household: valid, priority info."""
    data = valid_dossier_data(pack, ["individual", "household"], unit_kind="district")
    worker = data["nominees"][0]
    worker.update(role="direct_worker", position="Công nhân vận hành lò nung")
    return data


def _n(data: dict, i: int = 0) -> dict:
    return data["nominees"][i]


def _edit(fn: Callable[[dict], object]) -> Mutation:
    def mutate(data: dict, pack: CampaignPack) -> dict:
        data = copy.deepcopy(data)
        fn(data)
        return data
    return mutate


def _crit(data: dict, cid: str = "cn-guong-mau") -> dict:
    return _n(data)["criteria"][cid]


def _ach(data: dict) -> dict:
    return _n(data)["achievements"][0]


def _set(obj: dict, **values) -> None:
    obj.update(values)


def _department(group: str | None, kinds: list[str]) -> Mutation:
    def mutate(data: dict, pack: CampaignPack) -> dict:
        data = copy.deepcopy(data)
        data["unit"].update(kind="provincial_department", name="Sở Công Thương",
                            managing_level="province", emulation_group=group)
        nominees = [nominee_data(pack, k, i, "provincial_department")
                    for i, k in enumerate(kinds)]
        data["nominees"] = nominees
        data["proposal"]["nominee_ids"] = [n["id"] for n in nominees]
        row = data["council"]["votes"][0]
        data["council"]["votes"] = [{**row, "nominee_id": n["id"]} for n in nominees]
        return data
    return mutate


def _commune(data: dict) -> None:
    data["unit"].update(kind="commune", name="Ủy ban nhân dân xã Bình Long",
                        managing_level="commune", locality="Bình Long")


def _replace(kind: str, index: int, **changes) -> Mutation:
    def mutate(data: dict, pack: CampaignPack) -> dict:
        nominee = nominee_data(pack, kind, 7, data["unit"]["kind"])
        nominee.update(changes)
        return replace_nominee(data, index, nominee)
    return mutate


def _add(kind: str) -> Mutation:
    def mutate(data: dict, pack: CampaignPack) -> dict:
        return add_nominee(data, nominee_data(pack, kind, 7, data["unit"]["kind"]))
    return mutate


def _duplicate(data: dict, pack: CampaignPack) -> dict:
    twin = copy.deepcopy(_n(data))
    twin["id"] = "individual-9"
    twin["full_name"] = twin["full_name"].upper()
    return replace_nominee(data, 1, twin)


def _duplicate_id(data: dict) -> None:
    first = _n(data)["id"]
    _n(data, 1)["id"] = first
    data["proposal"]["nominee_ids"] = [first]
    data["council"]["votes"] = data["council"]["votes"][:1]


def _no_quorum(data: dict) -> None:
    for m in data["council"]["members"][1:6]:
        m.update(present=False, absence_reason="Đi công tác", written_opinion=False)
    for v in data["council"]["votes"]:
        v["votes_for"] = 4


def _today(day: str) -> str:
    return f"--today-{day}"


FIXTURES: dict[str, Mutation] = {
    "dossier.pack_mismatch": _edit(lambda d: d["pack"].update(id="daklak-2023-thi-dua")),
    "dossier.pack_version": _edit(lambda d: d["pack"].update(version="0.9.0")),
    "dossier.empty": _edit(lambda d: (d.update(nominees=[]),
                                      d["proposal"].update(nominee_ids=[]),
                                      d["council"].update(votes=[]))),
    "field.required": _edit(lambda d: _n(d).update(birth_year=None)),
    "field.required--household": _edit(lambda d: _n(d, 1).update(occupation="")),
    "field.required--dossier": _edit(lambda d: d["proposal"].update(date=None)),
    "field.required--unit-kind": _edit(lambda d: d["unit"].update(kind=None)),
    "field.invalid_choice": _edit(lambda d: _n(d).update(role="giam-doc")),
    "field.invalid_choice--ethnicity": _edit(lambda d: _n(d, 1).update(ethnicity="77")),
    "field.invalid_choice--award-form": _edit(lambda d: _n(d).update(award_form="giay-khen")),
    "nominee.duplicate": _duplicate,
    "nominee.duplicate_id": _edit(_duplicate_id),
    "criterion.missing": _edit(lambda d: _n(d)["criteria"].pop("cn-guong-mau")),
    "criterion.not_met": _edit(lambda d: _crit(d).update(met=False)),
    "criterion.no_evidence": _edit(lambda d: _crit(d).update(evidence="")),
    "criterion.figure_missing": _edit(
        lambda d: _crit(d, "cn-thanh-tich")["figures"].pop("tasks_completed_pct")),
    "criterion.figure_below": _edit(
        lambda d: _crit(d, "cn-thanh-tich")["figures"].update(tasks_completed_pct=95)),
    "criterion.unknown": _edit(
        lambda d: _n(d)["criteria"].update({"cn-cu-2022": {"met": True}})),
    "criterion.figure_unknown": _edit(
        lambda d: _crit(d, "cn-thanh-tich")["figures"].update(revenue_pct=110)),
    "achievement.missing": _edit(lambda d: _n(d).update(achievements=[])),
    "achievement.no_description": _edit(lambda d: _ach(d).update(description="")),
    "achievement.date_missing": _edit(lambda d: _ach(d).update(date_from=None, date_to=None)),
    "achievement.dates_reversed": _edit(
        lambda d: _ach(d).update(date_from="2023-05-01", date_to="2023-02-01")),
    "achievement.date_outside_period": _edit(
        lambda d: _ach(d).update(date_from="2022-03-01", date_to="2022-12-31")),
    "achievement.date_partly_outside": _edit(
        lambda d: _ach(d).update(date_from="2022-10-01", date_to="2023-03-31")),
    "contribution.missing": _replace("resident", 0, contributions=[]),
    "contribution.date_outside_period": _edit(
        lambda d: _n(d, 1)["contributions"][0].update(date="2022-12-01")),
    "report_form.not_allowed": _replace("collective", 0, report_form="summary"),
    "report_form.summary_not_eligible": _edit(
        lambda d: _n(d).update(role="civil_servant", report_form="summary")),
    "report_form.summary_not_eligible--leader": _edit(
        lambda d: _n(d).update(holds_leadership=True, report_form="summary")),
    "summary.missing": _edit(lambda d: _n(d, 1).update(report_form="summary", summary="")),
    "quota.exceeded": _add("resident"),
    "quota.exceeded--either-or": _department("Khối các sở, ngành kinh tế",
                                             ["collective", "individual"]),
    "quota.no_rule": _department(None, ["collective", "individual"]),
    "quota.consolidated": _edit(_commune),
    "routing.via_submitter": _edit(_commune),
    "routing.wrong_level": _department("Khối các sở, ngành kinh tế", ["household"]),
    "routing.not_managed": _edit(lambda d: _n(d).update(managed_by_unit=False)),
    "priority.summary": _edit(lambda d: None),
    "priority.none": lambda d, p: _replace("resident", 1)(
        _edit(lambda x: _n(x).update(role="civil_servant"))(d, p), p),
    "council.no_members": _edit(lambda d: d["council"].update(members=[])),
    "council.member_unnamed": _edit(lambda d: d["council"]["members"][3].update(name="")),
    "council.no_quorum": _edit(_no_quorum),
    "council.chair_not_member": _edit(lambda d: d["council"].update(chair="Trần Văn Nam")),
    "council.secretary_not_member": _edit(lambda d: d["council"].update(
        secretary=d["council"]["members"][5]["name"])),
    "council.vote_missing": _edit(lambda d: d["council"]["votes"].pop(1)),
    "council.vote_duplicate": _edit(
        lambda d: d["council"]["votes"].append(dict(d["council"]["votes"][0]))),
    "council.vote_unknown_nominee": _edit(lambda d: d["council"]["votes"].append(
        {**d["council"]["votes"][0], "nominee_id": "ca-nhan-khac"})),
    "council.votes_exceed_voters": _edit(
        lambda d: d["council"]["votes"][0].update(votes_for=8, votes_against=1)),
    "council.vote_below_threshold": _edit(
        lambda d: d["council"]["votes"][0].update(votes_for=5, votes_against=3)),
    "council.meeting_date--after-proposal": _edit(
        lambda d: d["council"].update(date="2023-07-03")),
    "proposal.nominee_missing": _edit(lambda d: d["proposal"]["nominee_ids"].pop(1)),
    "proposal.unknown_nominee": _edit(
        lambda d: d["proposal"]["nominee_ids"].append("ho-khac")),
    "proposal.duplicate_entry": _edit(
        lambda d: d["proposal"]["nominee_ids"].append(d["nominees"][0]["id"])),
    "proposal.date_after_window": _edit(lambda d: d["proposal"].update(date="2023-07-05")),
    "proposal.date_before_period_end": _edit(lambda d: (
        d["proposal"].update(date="2023-06-28"), d["council"].update(date="2023-06-27"))),
    "deadline.upload_not_open" + _today("2023-07-01"): _edit(lambda d: None),
    "deadline.upload_closed" + _today("2023-07-05"): _edit(lambda d: None),
    "deadline.result_report_due": _edit(lambda d: None),
    "proposal.report_after_council": _edit(
        lambda d: d["proposal"].update(report_date="2023-07-02")),
    "text.legacy_encoding": _edit(  # TCVN3 (.VnTime) text pasted from an old Word file
        lambda d: _n(d, 1).update(address="Xãm Nµ Giµng, x· Tr\u00adêng Hµ, huyÖn Hµ Qu¶ng")),
    "template.unconfirmed": _edit(lambda d: None),  # Mẫu 07 of Decree 91: layout recalled
    # pydantic input errors (parse_dossier)
    "input.int_parsing": _edit(lambda d: _n(d).update(birth_year="abc")),
    "input.missing": _edit(lambda d: _n(d).pop("id")),
    "input.extra_forbidden": _edit(lambda d: _n(d).update(so_cmnd="080123456789")),
    "input.date_from_datetime_parsing": _edit(
        lambda d: d["proposal"].update(date="30/06/2023")),
    "input.union_tag_invalid": _edit(lambda d: _n(d).update(kind="to-chuc")),
    # bounds of the model types (issue 15): finite, plausible numbers, dates, lengths
    "input.finite_number": _edit(
        lambda d: _crit(d, "cn-thanh-tich")["figures"].update(tasks_completed_pct="NaN")),
    "input.less_than_equal": _edit(lambda d: _n(d, 1).update(members_count=10**40)),
    "input.less_than_equal--money": _edit(
        lambda d: _n(d, 1).update(annual_income_vnd=10**30)),
    "input.date_out_of_range": _edit(lambda d: d["council"].update(date="3023-06-27")),
    "input.string_too_long": _edit(lambda d: _n(d).update(full_name="Nguyễn Văn An " * 80)),
    "input.string_too_long--collective-name": _replace(
        "collective", 0, name="Tập thể " + "Phòng Văn hóa và Thông tin huyện " * 6),
    "criterion.figure_above--implausible-percent": _edit(
        lambda d: _crit(d, "cn-thanh-tich")["figures"].update(tasks_completed_pct=5000)),
}

#: A unit's own Giấy khen round (Dossier.own_rules): the base dossier awarded by the unit
#: itself, with its own period and quota; ``extra`` edits the rest.
_ROUND_PERIOD = {"period_start": "2023-01-01", "period_end": "2023-06-30"}


def _round(rules: dict, extra: Callable[[dict], object] = lambda d: None) -> Mutation:
    def mutate(data: dict, pack: CampaignPack) -> dict:
        data = copy.deepcopy(data)
        data["own_rules"] = rules
        extra(data)
        return data
    return mutate


FIXTURES.update({
    "round.bonus_unconfirmed": _round({**_ROUND_PERIOD, "quota": {"total": 2}}),
    "round.rules_missing": _round({**_ROUND_PERIOD}),
    "round.rules_missing--no-period": _round({"quota": {"total": 5}}),
    "round.quota_exceeded": _round({**_ROUND_PERIOD, "quota": {"total": 1}}),
    "round.quota_exceeded--per-kind": _round(
        {**_ROUND_PERIOD, "quota": {"total": 5, "per_kind": {"household": 0}}}),
    "round.criteria_empty": _round(
        {**_ROUND_PERIOD, "quota": {"total": 5},
         "criteria": [{"kind": "household", "criteria": []}]},
        lambda d: _n(d, 1).update(criteria={})),
})

#: Fixtures for rules the complete Cao Bằng pack cannot trigger (see fixture_variant_pack).
VARIANT_FIXTURES: dict[str, Mutation] = {
    "nominee.kind_not_in_campaign": _replace("resident", 0),
    "routing.no_rule": _replace("collective", 0, collective_type="sub_unit"),
    "criterion.figure_above": _edit(
        lambda d: _crit(d, "cn-thanh-tich")["figures"].update(tasks_completed_pct=250)),
    "field.award_form_kind": _edit(
        lambda d: _n(d, 1).update(award_form="giay-khen-chu-tich-ubnd-huyen")),
    "council.method_not_allowed": _edit(
        lambda d: d["council"].update(voting_method="secret_ballot")),
    "council.meeting_date--after-window": _edit(lambda d: (
        d["proposal"].update(date=None), d["council"].update(date="2023-07-05"))),
    "deadline.result_report_late" + _today("2023-07-04"): _edit(lambda d: None),
    "field.too_long": _edit(lambda d: _n(d).update(
        full_name="Nguyễn Thị Hoa, Trưởng ban công tác Mặt trận khu dân cư xóm Nà Cạn")),
}

#: Fixtures for the two-tier Cao Bằng 2026 pack (regime "2022/ND152", no district), built from
#: a valid commune dossier of that pack (two_tier_base) and checked on 2026-07-01.
TWO_TIER_FIXTURES: dict[str, Mutation] = {
    "address.old_district": _edit(
        lambda d: d["unit"].update(address="Thị trấn Nước Hai, huyện Hòa An, tỉnh Cao Bằng")),
    "address.old_district--nominee-town": _edit(
        lambda d: _n(d).update(address="Tổ 3, thị trấn Nước Hai, tỉnh Cao Bằng")),
    "unit.kind_not_in_regime": _edit(lambda d: d["unit"].update(kind="district")),
}
TWO_TIER_TODAY = dt.date(2026, 7, 1)


def two_tier_base(pack: CampaignPack) -> dict:
    """A commune (ward) proposing a farmer and a household straight to the province."""
    data = valid_dossier_data(pack, ["individual", "household"], unit_kind="commune")
    _n(data).update(role="farmer", position="Nông dân")
    return data


#: Fixtures checked against the Cao Bằng 2023 pack as shipped (its plan number is unknown).
SHIPPED_FIXTURES: dict[str, Mutation] = {
    "plan.number_unknown": _edit(lambda d: None),  # the base dossier, valid otherwise
}


def expected(name: str) -> tuple[str, dt.date]:
    """Expected code and day to validate on, from a fixture's file name (without .json)."""
    code, *variants = name.split("--")
    today = TODAY
    for variant in variants:
        if variant.startswith("today-"):
            today = dt.date.fromisoformat(variant.removeprefix("today-"))
    return code, today


def check(name: str, data: dict, pack: CampaignPack) -> list[str]:
    """Problems of one fixture (empty when it produces exactly its code)."""
    code, today = expected(name)
    if pack.id == CAO_BANG_2026 and "--today-" not in name:
        today = TWO_TIER_TODAY
    dossier, findings = parse_dossier(data)
    if code.startswith("input."):
        codes = {f.code for f in findings}
        return [] if codes == {code} else [f"{name}: parse gave {sorted(codes)}"]
    if dossier is None:
        return [f"{name}: does not parse: {[f.message_en for f in findings]}"]
    findings = validate(dossier, pack, today=today)
    blocking = {f.code for f in findings if f.severity != "info"}
    if CODES[code].severity == "info":
        ok = not blocking and code in {f.code for f in findings}
    else:
        ok = blocking == {code}
    return [] if ok else [f"{name}: got {sorted(blocking)} / {[f.code for f in findings]}"]


def build(pack: CampaignPack) -> dict[Path, dict]:
    start = base(pack)
    out = {HERE / f"{name}.json": fn(start, pack) for name, fn in FIXTURES.items()}
    out.update({HERE / "variant-pack" / f"{name}.json": fn(start, pack)
                for name, fn in VARIANT_FIXTURES.items()})
    two_tier = load_pack(CAO_BANG_2026)
    start = two_tier_base(two_tier)
    out.update({HERE / "two-tier-pack" / f"{name}.json": fn(start, two_tier)
                for name, fn in TWO_TIER_FIXTURES.items()})
    start = base(pack)
    out.update({HERE / "shipped-pack" / f"{name}.json": fn(start, pack)
                for name, fn in SHIPPED_FIXTURES.items()})
    return out


def pack_for(folder: str, pack: CampaignPack) -> CampaignPack:
    """The pack a fixture folder is checked against (``pack``: the Cao Bằng 2023 pack)."""
    if folder == "shipped-pack":
        return pack
    if folder == "variant-pack":
        return with_plan_number(fixture_variant_pack(pack))
    if folder == "two-tier-pack":
        return with_plan_number(load_pack(CAO_BANG_2026))
    return with_plan_number(pack)


def main() -> int:
    pack = load_pack(CAO_BANG)
    files = build(pack)
    problems = []
    for path, data in files.items():
        problems += check(path.stem, data, pack_for(path.parent.name, pack))
    if problems:
        print("\n".join(problems))
        return 1
    (HERE / "variant-pack").mkdir(exist_ok=True)
    (HERE / "two-tier-pack").mkdir(exist_ok=True)
    (HERE / "shipped-pack").mkdir(exist_ok=True)
    for old in [*HERE.glob("*.json"), *HERE.glob("variant-pack/*.json"),
                *HERE.glob("two-tier-pack/*.json"), *HERE.glob("shipped-pack/*.json")]:
        if old not in files:
            old.unlink()
    for path, data in files.items():
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(files)} fixtures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
