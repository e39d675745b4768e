"""A sample dossier for any campaign pack (hồ sơ mẫu để kiểm tra gói), built from its rules.

``hoso pack check`` renders it to prove that the pack's documents, templates and rules fit
together. Nothing campaign-specific is written here: kinds, required fields, criteria and
thresholds, roles, routing, quotas, dates and council rules are all read from the pack.
Addresses name no district when the pack's regime has none (two-tier government).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from desktop.models import CampaignPack, Dossier
from desktop.models.unit import UnitKind

PEOPLE = [("Nguyễn Thị Hoa", "female"), ("Nông Văn Sáng", "male"), ("Hoàng Thị Lụa", "female"),
          ("Lương Văn Tuấn", "male")]
COUNCIL = [("Lê Văn Bình", "Chủ tịch Hội đồng"), ("Hà Thị Nguyệt", "Phó Chủ tịch Hội đồng"),
           ("Ma Thị Sen", "Ủy viên"), ("Hứa Văn Quân", "Ủy viên"),
           ("Phùng Văn Lộc", "Ủy viên - Thư ký")]
GROUP = "Cụm thi đua số 1"
UNIT_NAMES = {"commune": "Ủy ban nhân dân xã Bình Long",
              "district": "Ủy ban nhân dân huyện Hòa Bình",
              "provincial_department": "Sở Công Thương",
              "education_department": "Sở Giáo dục và Đào tạo", "health_department": "Sở Y tế"}


def _two_tier(pack: CampaignPack) -> bool:
    return bool(pack.regime and pack.regime.ended_levels())


def _unit_kinds(pack: CampaignPack) -> list[UnitKind]:
    """The regime's unit kinds, the lowest level first (a commune's dossier goes the longest
    way, so the sample shows the routing)."""
    if pack.regime is None:
        return list(UnitKind)
    return [r.kind for r in sorted(pack.regime.unit_kinds,
                                   key=lambda r: -len(pack.regime.chain(r.level)))]


def _answers(spec) -> dict[str, Any]:
    out = {}
    for crit in spec.criteria:
        figures = {f.id: float(f.min if f.min is not None else (f.max if f.max is not None
                                                                else 1)) for f in crit.figures}
        out[crit.id] = {"met": True, "evidence": "Báo cáo kết quả thực hiện nhiệm vụ.",
                        "figures": figures}
    return out


def _nominee(pack: CampaignPack, kind: str, n: int, form: str) -> dict[str, Any]:
    spec = pack.kind_spec(kind)
    period = pack.achievement_period
    middle = period.start + (period.end - period.start) / 2
    name, gender = PEOPLE[n % len(PEOPLE)]
    province = pack.province
    home = f"Xóm Nà Cạn, xã Bình Long, tỉnh {province}"  # valid before and after 2025
    ethnic = pack.ethnic_common[0] if pack.ethnic_common else (
        pack.ethnic_groups[0].id if pack.ethnic_groups else "01")
    data: dict[str, Any] = {
        "kind": kind, "id": f"{kind}-{n}", "report_form": form, "criteria": _answers(spec),
        "achievements": [{"description": "Hoàn thành xuất sắc nhiệm vụ được giao.",
                          "date_from": period.start.isoformat(),
                          "date_to": period.end.isoformat(),
                          "figures": "Đạt 100% chỉ tiêu.", "evidence": "Báo cáo số 45/BC"}],
        "summary": "Gương mẫu chấp hành chủ trương, pháp luật; hoàn thành tốt nhiệm vụ.",
        "contributions": [{"description": "Hiến đất làm đường giao thông nông thôn.",
                           "date": middle.isoformat(), "workdays": 20,
                           "money_vnd": 2000000, "land_m2": 150}],
    }
    if kind == "collective":
        data.update(name=f"Tổ sản xuất số {n + 1}", address=home, phone="0206 3860 123",
                    head_name=name, staff_count=12, functions="Sản xuất, kinh doanh.")
    elif kind == "household":
        data.update(head_name=name, head_birth_year=1970, head_gender=gender, ethnicity=ethnic,
                    address=home, members_count=5, occupation="Trồng trọt, chăn nuôi",
                    annual_income_vnd=250000000, jobs_created=6)
    else:
        data.update(full_name=name, birth_year=1980 + n, gender=gender, ethnicity=ethnic,
                    address=home, occupation="Nông dân")
    if kind == "individual":
        data.update(position="Công nhân", workplace="Công ty Cổ phần Sản xuất",
                    hometown=province)
    if kind in ("collective", "individual", "household", "resident"):
        for field in spec.required_fields:
            data.setdefault(field, "x")
    if kind != "resident" and not spec.contributions_required:
        data.pop("contributions")
    return data


def _variants(pack: CampaignPack, kind: str, n: int, form: str):
    """The nominee with each choice of role / collective type that the pack offers."""
    base = _nominee(pack, kind, n, form)
    if kind == "collective":
        for ctype, group in itertools.product([c.id for c in pack.collective_types],
                                              (False, True)):
            yield {**base, "collective_type": ctype, "in_emulation_group": group}
    elif kind == "individual":
        for role in sorted(pack.individual_roles, key=lambda r: r.leadership):
            yield {**base, "role": role.id}
    else:
        yield base


def _dossier(pack: CampaignPack, unit_kind: str, group: str | None,
             nominees: list[dict]) -> dict[str, Any]:
    window, period = pack.upload_window, pack.achievement_period
    signed = min(max(period.end, window.start - dt.timedelta(days=1)), window.end)
    met = signed - dt.timedelta(days=1)
    members = [{"name": n, "council_role": r, "present": True} for n, r in COUNCIL]
    voters = len(members)
    rule = pack.unit_rule(unit_kind)
    sig = rule.signature if rule else None
    two_tier = _two_tier(pack)
    unit_name = UNIT_NAMES.get(unit_kind, "Công ty Cổ phần Sản xuất")
    level = rule.level if rule else "province"
    return {
        "schema_version": 1, "id": "ho-so-mau-kiem-tra-goi",
        "pack": {"id": pack.id, "version": pack.version},
        "title": "Hồ sơ mẫu kiểm tra gói đợt thi đua",
        "unit": {"name": unit_name, "kind": unit_kind,
                 "managing_level": level if level in ("province", "district", "commune")
                 else "province",
                 "emulation_group": group,
                 "parent_body": pack.superior_line(unit_kind, district="Hòa Bình") or None,
                 "symbol": "UBND" if "Ủy ban" in unit_name else "SCT",
                 "locality": "Bình Long", "province": pack.province,
                 "district": None if two_tier or unit_kind != "district" else "Hòa Bình",
                 "address": f"Xã Bình Long, tỉnh {pack.province}",
                 "head_name": "Lê Văn Bình", "head_title": sig.head.capitalize() if sig else ""},
        "nominees": nominees,
        "council": {"number": "05", "date": met.isoformat(), "start_time": "08:00",
                    "end_time": "11:00", "place": "Hội trường cơ quan", "members": members,
                    "chair": "Lê Văn Bình", "secretary": "Phùng Văn Lộc",
                    "voting_method": pack.council.voting_methods[0].value,
                    "votes": [{"nominee_id": n["id"], "votes_for": voters,
                               "votes_against": 0, "abstain": 0} for n in nominees],
                    "conclusion": "Hội đồng thống nhất đề nghị khen thưởng."},
        "proposal": {"number": "12", "symbol": "TTr-UBND", "date": signed.isoformat(),
                     "place": "Bình Long",
                     "addressee": f"Chủ tịch Ủy ban nhân dân tỉnh {pack.province}",
                     "signer_name": "Lê Văn Bình",
                     "signer_title": sig.head if sig else "THỦ TRƯỞNG ĐƠN VỊ",
                     "authority": sig.authority.value if sig else "direct",
                     "authority_body": sig.body if sig else "",
                     "recipients": ["Như trên", "Lưu: VT"],
                     "nominee_ids": [n["id"] for n in nominees]},
    }


def sample_dossier(pack: CampaignPack) -> tuple[Dossier, list]:
    """The sample dossier with the fewest errors and warnings (ideally none), and its
    findings. It covers every report form the pack's documents use when the rules allow."""
    from desktop.validation import validate

    forms = [d.report_form for d in pack.documents if d.per_nominee and d.report_form]
    wanted: list[tuple[str, str]] = []  # (nominee kind, report form) covering every form
    for form in dict.fromkeys(forms):
        for spec in pack.nominee_kinds:
            if form in spec.report_forms:
                wanted.append((spec.kind.value, form))
                break
    plans = [wanted] + [[w] for w in wanted] + [[(s.kind.value, s.report_forms[0])]
                                               for s in pack.nominee_kinds]
    best: tuple[int, Dossier, list] | None = None
    for plan in plans:
        for unit_kind in _unit_kinds(pack):
            for group in (None, GROUP):
                choices = [list(_variants(pack, kind, i, form))
                           for i, (kind, form) in enumerate(plan)]
                for combo in itertools.islice(itertools.product(*choices), 64):
                    raw = _dossier(pack, unit_kind.value, group, list(combo))
                    dossier = Dossier.model_validate(raw)
                    findings = validate(dossier, pack, today=pack.upload_window.start)
                    bad = sum(1 for f in findings if f.severity != "info")
                    if best is None or bad < best[0]:
                        best = (bad, dossier, findings)
                    if bad == 0:
                        return dossier, findings
    assert best is not None
    return best[1], best[2]
