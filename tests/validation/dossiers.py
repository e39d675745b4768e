"""Valid dossiers for any campaign pack, as JSON-like dicts, for rule tests and fixtures.

:func:`valid_dossier_data` reads the pack (kinds, required fields, criteria and their
thresholds, roles, routing, quotas, dates, council rules) and writes a dossier that the
engine accepts without an error or a warning; tests then break one thing at a time. It
hard-codes no campaign fact, so the same tests run against every pack.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from desktop.models import CampaignPack, Dossier
from desktop.models.unit import UnitKind
from desktop.validation.facts import first_route
from desktop.validation.quota import quota_rule

CAO_BANG = "caobang-2023-75nam"
CAO_BANG_2026 = "caobang-2026-78nam"  # two-tier local government (regime "2022/ND152")

#: Places of the made-up nominees: with districts (regimes before 01/07/2025) and without.
PLACES = {
    False: {"office": "Thị trấn Nước Hai, huyện Hòa An",
            "home": "Xóm Nà Cạn, xã Bình Long, huyện Hòa An"},
    True: {"office": "Xã Bình Long, tỉnh Cao Bằng",
           "home": "Xóm Nà Cạn, xã Bình Long, tỉnh Cao Bằng"},
}


def unit_kinds_of(pack: CampaignPack) -> list[UnitKind]:
    """The unit kinds that exist under the pack's regime (every kind without a regime)."""
    if pack.regime is None:
        return list(UnitKind)
    return [k for k in UnitKind if pack.regime.unit_kind(k) is not None]


def two_tier(pack: CampaignPack) -> bool:
    """Whether the pack's regime has no district level any more."""
    return bool(pack.regime and pack.regime.ended_levels())

PEOPLE = [
    ("Nguyễn Thị Hoa", "female"), ("Nông Văn Sáng", "male"), ("Hoàng Thị Lụa", "female"),
    ("Lương Văn Tuấn", "male"), ("Triệu Thị Mai", "female"), ("Bế Văn Hùng", "male"),
    ("Đàm Thị Thủy", "female"), ("Lục Văn Khánh", "male"), ("Vi Thị Hằng", "female"),
]
COLLECTIVES = ["Phòng Nông nghiệp và Phát triển nông thôn", "Trạm Y tế xã Bình Long",
               "Hợp tác xã Nông nghiệp Hồng Việt", "Xóm Nà Cạn"]
COUNCIL = [
    ("Lê Văn Bình", "Chủ tịch Hội đồng"), ("Hà Thị Nguyệt", "Phó Chủ tịch Hội đồng"),
    ("Nông Văn Dũng", "Phó Chủ tịch Hội đồng"), ("Ma Thị Sen", "Ủy viên"),
    ("Hứa Văn Quân", "Ủy viên"), ("Lý Thị Vân", "Ủy viên"), ("Sầm Văn Định", "Ủy viên"),
    ("Dương Thị Nga", "Ủy viên"), ("Phùng Văn Lộc", "Ủy viên - Thư ký"),
]
GROUP = "Cụm thi đua số 1"


def iso(day: dt.date) -> str:
    return day.isoformat()


def _answers(spec) -> dict[str, Any]:
    out = {}
    for crit in spec.criteria:
        figures = {}
        for fig in crit.figures:
            value = fig.min if fig.min is not None else (fig.max if fig.max is not None else 1)
            figures[fig.id] = float(value)
        out[crit.id] = {"met": True, "evidence": "Báo cáo kết quả thực hiện nhiệm vụ.",
                        "figures": figures}
    return out


def _routes_directly(pack: CampaignPack, nominee: dict, unit_kind: str) -> bool:
    probe = Dossier.model_validate({"id": "probe", "pack": {"id": pack.id, "version": "0"},
                                    "nominees": [nominee]}).nominees[0]
    rule = first_route(pack, probe)
    return rule is not None and unit_kind in rule.submitter_unit_kinds


def _eligible_summary(pack: CampaignPack, kind: str, role: str | None) -> bool:
    for rule in pack.summary_eligibility:
        if kind in rule.nominee_kinds and (not rule.roles or role in rule.roles):
            return True
    return False


def nominee_data(pack: CampaignPack, kind: str, number: int, unit_kind: str) -> dict:
    """A valid nominee of ``kind`` that ``unit_kind`` may propose directly."""
    spec = pack.kind_spec(kind)
    assert spec is not None, f"pack {pack.id} has no nominee kind {kind}"
    period = pack.achievement_period
    middle = period.start + (period.end - period.start) / 2
    name, gender = PEOPLE[number % len(PEOPLE)]
    ethnic = pack.ethnic_common[0] if pack.ethnic_common else (
        pack.ethnic_groups[0].id if pack.ethnic_groups else "01")
    report = "full_report" if "full_report" in spec.report_forms else spec.report_forms[0]
    places = PLACES[two_tier(pack)]
    data: dict[str, Any] = {
        "kind": kind, "id": f"{kind}-{number}",
        "report_form": report,
        "criteria": _answers(spec),
        "achievements": [{"description": "Hoàn thành xuất sắc nhiệm vụ được giao.",
                          "date_from": iso(period.start), "date_to": iso(period.end),
                          "figures": "Đạt 100% chỉ tiêu.", "evidence": "Báo cáo số 45/BC"}],
        "summary": "Gương mẫu chấp hành chủ trương, pháp luật; hoàn thành tốt nhiệm vụ.",
    }
    if spec.contributions_required or kind in ("resident", "household"):
        data["contributions"] = [{"description": "Hiến đất làm đường giao thông nông thôn.",
                                  "date": iso(middle), "workdays": 20, "money_vnd": 2000000,
                                  "land_m2": 150}]
    if kind == "collective":
        data.update(name=f"{COLLECTIVES[number % len(COLLECTIVES)]} {number}",
                    address=places["office"], phone="0206 3860 123",
                    head_name=name, staff_count=12, functions="Tham mưu, quản lý nhà nước.")
        options = [(c.id, g) for g in (False, True) for c in pack.collective_types]
        for ctype, group in options:
            data.update(collective_type=ctype, in_emulation_group=group)
            if _routes_directly(pack, data, unit_kind):
                break
    elif kind == "household":
        data.update(head_name=name, head_birth_year=1970 + number % 30, head_gender=gender,
                    ethnicity=ethnic, address=places["home"], members_count=5,
                    occupation="Trồng trọt, chăn nuôi",
                    annual_income_vnd=250000000, jobs_created=6)
    else:
        data.update(full_name=name, birth_year=1975 + number % 30, gender=gender,
                    ethnicity=ethnic, address=places["home"], occupation="Nông dân")
    if kind == "individual":
        data.update(position="Công nhân", workplace="Công ty Cổ phần Xi măng Cao Bằng",
                    hometown="Hòa An, Cao Bằng")
        roles = sorted(pack.individual_roles, key=lambda r: r.leadership)
        for role in roles:
            data["role"] = role.id
            if report == "summary" and not _eligible_summary(pack, kind, role.id):
                continue
            if _routes_directly(pack, data, unit_kind):
                break
    for field in spec.required_fields:
        data.setdefault(field, "x")
    return data


def pick_unit(pack: CampaignPack, kinds: list[str]) -> tuple[str, str | None]:
    """A unit kind (and block membership) that may propose ``kinds`` within its quota."""
    for unit_kind in unit_kinds_of(pack):
        for group in (None, GROUP):
            unit = Dossier.model_validate({
                "id": "probe", "pack": {"id": pack.id, "version": "0"},
                "unit": {"kind": unit_kind.value, "emulation_group": group}}).unit
            rule = quota_rule(pack, unit)
            if rule is None:
                continue
            counts = [pack.kind_spec(k).counts_as for k in kinds]
            total, coll = len(counts), counts.count("collective")
            if rule.max_total is not None and total > rule.max_total:
                continue
            if rule.max_collective is not None and coll > rule.max_collective:
                continue
            if rule.max_individual is not None and total - coll > rule.max_individual:
                continue
            if all(_routes_directly(pack, nominee_data(pack, k, i, unit_kind.value),
                                    unit_kind.value) for i, k in enumerate(kinds)):
                return unit_kind.value, group
    raise AssertionError(f"no unit of pack {pack.id} may propose {kinds}")


def _unit(pack: CampaignPack, unit_kind: str, group: str | None) -> dict:
    if two_tier(pack):
        return {"name": "Ủy ban nhân dân xã Bình Long", "kind": unit_kind,
                "managing_level": "commune", "emulation_group": group,
                "symbol": "UBND", "locality": "Bình Long", "province": "Cao Bằng",
                "address": PLACES[True]["office"], "phone": "0206 3860 111",
                "head_name": "Lê Văn Bình", "head_title": "Chủ tịch"}
    return {"name": "Ủy ban nhân dân huyện Hòa An", "kind": unit_kind,
            "managing_level": "district", "emulation_group": group,
            "parent_body": "UBND TỈNH CAO BẰNG", "symbol": "UBND", "locality": "Hòa An",
            "province": "Cao Bằng", "district": "Hòa An",
            "address": PLACES[False]["office"], "phone": "0206 3860 111",
            "head_name": "Lê Văn Bình", "head_title": "Chủ tịch"}


def valid_dossier_data(pack: CampaignPack, kinds: list[str] | None = None, *,
                       unit_kind: str | None = None, group: str | None = None) -> dict:
    """A dossier with one nominee per entry of ``kinds`` that ``validate`` accepts."""
    if kinds is None:
        kinds = [k.kind.value for k in pack.nominee_kinds][:2]
    if unit_kind is None:
        unit_kind, group = pick_unit(pack, kinds)
    window, period = pack.upload_window, pack.achievement_period
    signed = max(period.end, window.start - dt.timedelta(days=1))
    if signed > window.end:
        signed = window.end
    met = signed - dt.timedelta(days=1)
    nominees = [nominee_data(pack, k, i, unit_kind) for i, k in enumerate(kinds)]
    members = [{"name": n, "council_role": r, "position": "", "present": True}
               for n, r in COUNCIL]
    members[5].update(present=False, absence_reason="Đi công tác", written_opinion=True)
    present = sum(1 for m in members if m["present"])
    voters = present if pack.council.approval_base == "present" else len(members)
    return {
        "schema_version": 1,
        "id": "ho-so-mau",
        "pack": {"id": pack.id, "version": pack.version},
        "title": "Hồ sơ đề nghị khen thưởng",
        "unit": _unit(pack, unit_kind, group),
        "nominees": nominees,
        "council": {
            "number": "05", "date": iso(met), "start_time": "08:00", "end_time": "11:00",
            "place": "Hội trường Ủy ban nhân dân " + ("xã" if two_tier(pack) else "huyện"),
            "members": members, "chair": "Lê Văn Bình", "secretary": "Phùng Văn Lộc",
            "voting_method": pack.council.voting_methods[0].value,
            "votes": [{"nominee_id": n["id"], "votes_for": voters, "votes_against": 0,
                       "abstain": 0} for n in nominees],
            "conclusion": "Hội đồng thống nhất đề nghị khen thưởng.",
        },
        "proposal": {
            "number": "12", "symbol": "TTr-UBND", "date": iso(signed), "place": "Hòa An",
            "addressee": "Chủ tịch Ủy ban nhân dân tỉnh",
            "signer_name": "Lê Văn Bình", "signer_title": "CHỦ TỊCH",
            "authority": "TM", "authority_body": "ỦY BAN NHÂN DÂN",
            "recipients": ["Như trên", "Lưu: VT"],
            "nominee_ids": [n["id"] for n in nominees],
        },
    }


def add_nominee(data: dict, nominee: dict, votes_for: int | None = None) -> dict:
    """A copy of ``data`` with ``nominee`` appended to the list, the proposal and the votes."""
    data = copy.deepcopy(data)
    data["nominees"].append(nominee)
    data["proposal"]["nominee_ids"].append(nominee["id"])
    if votes_for is None:
        votes_for = data["council"]["votes"][0]["votes_for"]
    data["council"]["votes"].append({"nominee_id": nominee["id"], "votes_for": votes_for,
                                     "votes_against": 0, "abstain": 0})
    return data


def replace_nominee(data: dict, index: int, nominee: dict) -> dict:
    """A copy of ``data`` where nominee ``index`` is ``nominee`` (list and votes follow)."""
    data = copy.deepcopy(data)
    old = data["nominees"][index]["id"]
    data["nominees"][index] = nominee
    data["proposal"]["nominee_ids"] = [nominee["id"] if i == old else i
                                       for i in data["proposal"]["nominee_ids"]]
    for vote in data["council"]["votes"]:
        if vote["nominee_id"] == old:
            vote["nominee_id"] = nominee["id"]
    return data


def variant_pack(pack: CampaignPack) -> CampaignPack:
    """Another campaign from ``pack``: other id, dates, quotas (3), criterion ids, thresholds,
    council rule. Rule tests run against it to prove nothing is hard-coded."""
    raw = pack.model_dump(mode="json")
    raw.update(id="variant-2024", version="2.1.0", short_title="Đợt thi đua thử nghiệm 2024",
               achievement_period={"start": "2024-01-01", "end": "2024-09-30"},
               upload_window={"start": "2024-10-07", "end": "2024-10-11"},
               priority_note="Ưu tiên người lao động trực tiếp.")
    for rule in raw["quota_rules"]:
        if rule["max_total"] is not None:
            rule.update(max_total=3, max_collective=None, max_individual=None,
                        text=f"Mỗi đơn vị đề nghị không quá 03 đối tượng ({rule['id']}).")
    for kind in raw["nominee_kinds"]:
        for crit in kind["criteria"]:
            crit["id"] = "v2-" + crit["id"]
            for fig in crit["figures"]:
                fig["id"] = "v2_" + fig["id"]
                fig["min"] = (fig["min"] or 0) - 10 if fig["min"] else fig["min"]
                fig["max"] = 150
    raw["council"].update(quorum="1/2", approval="9/10", approval_base="total_members",
                          rule_text="Đồng ý từ 90% tổng số thành viên Hội đồng trở lên.")
    raw["result_report"]["deadline"] = "2024-10-20"
    return CampaignPack.model_validate(raw)


def fixture_variant_pack(pack: CampaignPack) -> CampaignPack:
    """The Cao Bằng pack trimmed for the few fixtures a complete pack cannot produce
    (``tests/data/invalid/variant-pack/``): no resident kind, no routing rule for
    collectives, a maximum on the individual task figure, the proposal date optional, a
    second award form for collectives and individuals only, show of hands as the only
    voting method, names of at most 60 characters, and the result report due on the first
    day of the upload window (in the real pack it is due after the window closes, so "report
    late" always comes with "upload closed")."""
    raw = pack.model_dump(mode="json")
    raw["nominee_kinds"] = [k for k in raw["nominee_kinds"] if k["kind"] != "resident"]
    raw["routing_rules"] = [
        {**r, "nominee_kinds": [k for k in r["nominee_kinds"] if k != "collective"]}
        for r in raw["routing_rules"]]
    raw["routing_rules"] = [r for r in raw["routing_rules"] if r["nominee_kinds"]]
    for kind in raw["nominee_kinds"]:
        if kind["kind"] == "individual":
            for crit in kind["criteria"]:
                for fig in crit["figures"]:
                    fig["max"] = 200
    raw["award_forms"].append({"id": "giay-khen-chu-tich-ubnd-huyen",
                               "name": "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
                               "nominee_kinds": ["collective", "individual"]})
    raw["council"]["voting_methods"] = ["show_of_hands"]
    raw["result_report"]["deadline"] = raw["upload_window"]["start"]
    raw["name_max_length"] = 60  # forms with a narrow name column
    raw["dossier_required_fields"] = [f for f in raw["dossier_required_fields"]
                                      if f != "proposal.date"]
    for rule in raw["summary_eligibility"]:
        rule["nominee_kinds"] = [k for k in rule["nominee_kinds"] if k != "resident"]
    raw["summary_eligibility"] = [r for r in raw["summary_eligibility"] if r["nominee_kinds"]]
    raw["priority_groups"] = [g for g in raw["priority_groups"]
                              if "resident" not in g["nominee_kinds"]]
    return CampaignPack.model_validate(raw)


#: A made-up plan number for the fixtures (tests/data/invalid): the shipped Cao Bằng packs do
#: not know their plan's number, so every dossier of theirs carries ``plan.number_unknown``.
FIXTURE_PLAN_NUMBER = ("99/KH-UBND", dt.date(2023, 4, 20))


def with_plan_number(pack: CampaignPack) -> CampaignPack:
    """``pack`` with a (made-up) plan number and date: silent on ``plan.number_unknown``."""
    number, date = FIXTURE_PLAN_NUMBER
    plan = pack.plan.model_copy(update={"number": number, "date": date})
    return pack.model_copy(update={"plan": plan})
