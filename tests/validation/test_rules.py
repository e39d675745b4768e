"""Every rule family, run against every pack (Cao Bằng, a variant, the made-up test packs).

Dossiers come from :func:`valid_dossier_data`, which reads the pack; each test breaks one
thing and expects the rule's code, with the numbers and wording of *that* pack.
"""

from __future__ import annotations

import copy
import datetime as dt
import math

import pytest

from desktop.models import Dossier
from desktop.validation import CODES, Validator, priority_counts, validate
from desktop.validation.facts import first_route
from desktop.validation.messages import fmt_date

from .dossiers import add_nominee, nominee_data, unit_kinds_of, valid_dossier_data


def run(pack, data: dict, today: dt.date | None = None):
    dossier = Dossier.model_validate(data)
    return validate(dossier, pack, today=today or pack.upload_window.start)


def blocking(findings) -> set[str]:
    return {f.code for f in findings if f.severity != "info"}


def only(findings, code: str):
    found = [f for f in findings if f.code == code]
    assert found, f"no {code} in {[f.code for f in findings]}"
    return found


def kinds_of(pack) -> list[str]:
    return [k.kind.value for k in pack.nominee_kinds]


# ---------------------------------------------------------------- the valid base


def test_valid_dossier_has_no_error_or_warning(pack):
    for kind in kinds_of(pack):
        findings = run(pack, valid_dossier_data(pack, [kind]))
        assert blocking(findings) == set(), [f.message_en for f in findings]


def test_findings_are_sorted_errors_first(pack):
    data = valid_dossier_data(pack)
    data["nominees"][0]["criteria"] = {}
    data["proposal"]["date"] = iso_after(pack.upload_window.end)
    order = [f.severity for f in run(pack, data)]
    assert order == sorted(order, key=["error", "warning", "info"].index)


def iso_after(day: dt.date, days: int = 1) -> str:
    return (day + dt.timedelta(days=days)).isoformat()


# ---------------------------------------------------------------- fields


def test_every_required_field_of_every_kind(pack):
    for spec in pack.nominee_kinds:
        base = valid_dossier_data(pack, [spec.kind.value])
        for field in spec.required_fields:
            data = copy.deepcopy(base)
            data["nominees"][0].pop(field, None)  # back to the model's empty default
            findings = run(pack, data)
            codes = blocking(findings)
            assert "field.required" in codes, (spec.kind, field, codes)
            [f] = [f for f in findings if f.code == "field.required"]
            assert f.path == f"nominees[0].{field}"
            assert f.nominee_id == data["nominees"][0]["id"]


def test_dossier_required_fields(pack):
    for dotted in pack.dossier_required_fields:
        data = valid_dossier_data(pack)
        *parents, name = dotted.split(".")
        holder = data
        for step in parents:
            holder = holder[step]
        holder.pop(name, None)
        found = only(run(pack, data), "field.required")
        assert [f.path for f in found] == [dotted]


def test_invalid_choices(pack):
    kinds = kinds_of(pack)
    if "individual" in kinds:
        data = valid_dossier_data(pack, ["individual"])
        data["nominees"][0]["role"] = "khong-co"
        assert "field.invalid_choice" in blocking(run(pack, data))
    person = next(k for k in kinds if k != "collective")
    data = valid_dossier_data(pack, [person])
    data["nominees"][0]["ethnicity"] = "88"
    [f] = only(run(pack, data), "field.invalid_choice")
    assert f.params["value"] == "88"
    data = valid_dossier_data(pack, [person])
    data["nominees"][0]["award_form"] = "bang-khen-khac"
    assert "field.invalid_choice" in blocking(run(pack, data))


def test_kind_not_in_campaign(pack):
    spec = pack.nominee_kinds[0]
    data = valid_dossier_data(pack, [spec.kind.value])
    smaller = pack.model_copy(update={"nominee_kinds": pack.nominee_kinds[1:]})
    findings = run(smaller, data)
    assert "nominee.kind_not_in_campaign" in blocking(findings)


def test_award_form_not_for_kind(pack):
    kind = kinds_of(pack)[0]
    other = [k for k in kinds_of(pack) if k != kind]
    form = pack.award_forms[0].model_copy(update={"id": "chi-cho-loai-khac",
                                                  "nominee_kinds": tuple(other)})
    wider = pack.model_copy(update={"award_forms": (*pack.award_forms, form)})
    data = valid_dossier_data(pack, [kind])
    data["nominees"][0]["award_form"] = "chi-cho-loai-khac"
    assert blocking(run(wider, data)) == {"field.award_form_kind"}


# ---------------------------------------------------------------- criteria


def _with_figures(pack):
    for spec in pack.nominee_kinds:
        for crit in spec.criteria:
            for fig in crit.figures:
                yield spec, crit, fig


def test_criterion_missing_not_met_and_evidence(pack):
    spec = pack.nominee_kinds[0]
    crit = next(c for c in spec.criteria if c.requires_evidence)
    base = valid_dossier_data(pack, [spec.kind.value])
    data = copy.deepcopy(base)
    del data["nominees"][0]["criteria"][crit.id]
    [f] = only(run(pack, data), "criterion.missing")
    number = spec.criteria.index(crit) + 1
    assert f"tiêu chuẩn {number} “{crit.text[:30]}" in f.message_vi  # its number and first words
    assert f.params["criterion"] == crit.id
    data = copy.deepcopy(base)
    data["nominees"][0]["criteria"][crit.id]["met"] = False
    assert blocking(run(pack, data)) == {"criterion.not_met"}
    data = copy.deepcopy(base)
    data["nominees"][0]["criteria"][crit.id]["evidence"] = ""
    assert blocking(run(pack, data)) == {"criterion.no_evidence"}
    data = copy.deepcopy(base)
    data["nominees"][0]["criteria"]["tieu-chuan-cu"] = {"met": True}
    [f] = only(run(pack, data), "criterion.unknown")
    assert f.severity == "warning"


def test_figures_below_above_and_missing(pack):
    checked = 0
    for spec, crit, fig in _with_figures(pack):
        base = valid_dossier_data(pack, [spec.kind.value])
        def figures(d, cid=crit.id):
            return d["nominees"][0]["criteria"][cid]["figures"]

        data = copy.deepcopy(base)
        del figures(data)[fig.id]
        assert "criterion.figure_missing" in blocking(run(pack, data))
        if fig.min is not None:
            data = copy.deepcopy(base)
            figures(data)[fig.id] = fig.min - 0.5
            [f] = only(run(pack, data), "criterion.figure_below")
            assert f.params["min"] == fig.min
            assert fig.label in f.message_vi
            checked += 1
        if fig.max is not None:
            data = copy.deepcopy(base)
            figures(data)[fig.id] = fig.max + 1
            [f] = only(run(pack, data), "criterion.figure_above")
            assert f.params["max"] == fig.max
            checked += 1
    if not checked:
        pytest.skip("pack has no figure thresholds")


# ---------------------------------------------------------------- achievements


def test_achievement_dates_follow_the_pack_period(pack):
    period = pack.achievement_period
    kind = next(s.kind.value for s in pack.nominee_kinds if s.achievements_required)
    base = valid_dossier_data(pack, [kind])

    def with_dates(start, end):
        data = copy.deepcopy(base)
        data["nominees"][0]["achievements"][0].update(date_from=start.isoformat(),
                                                      date_to=end.isoformat())
        return blocking(run(pack, data))

    day = dt.timedelta(days=1)
    assert with_dates(period.start, period.end) == set()
    assert with_dates(period.start - 40 * day, period.start - day) == {
        "achievement.date_outside_period"}
    assert with_dates(period.end + day, period.end + 9 * day) == {
        "achievement.date_outside_period"}
    assert with_dates(period.start - day, period.end) == {"achievement.date_partly_outside"}
    assert with_dates(period.end, period.start) == {"achievement.dates_reversed"}
    data = copy.deepcopy(base)
    data["nominees"][0]["achievements"] = []
    [f] = only(run(pack, data), "achievement.missing")
    assert fmt_date(period.start) in f.message_vi


def test_contributions(pack):
    specs = [s for s in pack.nominee_kinds if s.contributions_required]
    kind = specs[0].kind.value if specs else kinds_of(pack)[-1]
    data = valid_dossier_data(pack, [kind])
    data["nominees"][0]["contributions"] = [{"description": "Ủng hộ", "date": iso_after(
        pack.achievement_period.end, 5), "workdays": 3}]
    assert blocking(run(pack, data)) == {"contribution.date_outside_period"}
    if specs:
        data["nominees"][0]["contributions"] = [{"description": "Chưa ghi số liệu"}]
        assert blocking(run(pack, data)) == {"contribution.missing"}


# ---------------------------------------------------------------- report form


def test_report_form(pack):
    for spec in pack.nominee_kinds:
        data = valid_dossier_data(pack, [spec.kind.value])
        nominee = data["nominees"][0]
        other = "summary" if nominee["report_form"] == "full_report" else "full_report"
        nominee["report_form"] = other
        codes = blocking(run(pack, data))
        if other not in spec.report_forms:
            assert codes == {"report_form.not_allowed"}
    if "individual" in kinds_of(pack):
        leader = next((r for r in pack.individual_roles if r.leadership), None)
        spec = pack.kind_spec("individual")
        if "summary" in spec.report_forms:
            data = valid_dossier_data(pack, ["individual"])
            data["nominees"][0].update(report_form="summary", holds_leadership=True)
            if leader:
                data["nominees"][0]["role"] = leader.id
            codes = blocking(run(pack, data))
            assert "report_form.summary_not_eligible" in codes


# ---------------------------------------------------------------- quota


def _quota_case(pack):
    """A rule with max_total and a unit kind, membership and nominee kind it applies to."""
    for rule in pack.quota_rules:
        if rule.max_total is None:
            continue
        for unit_kind in rule.unit_kinds:
            group = "Khối thi đua số 2" if rule.emulation_group else None
            probe = Dossier.model_validate({
                "id": "p", "pack": {"id": pack.id, "version": "0"},
                "unit": {"kind": unit_kind, "emulation_group": group}}).unit
            from desktop.validation.quota import quota_rule
            if quota_rule(pack, probe) is not rule:
                continue
            for kind in kinds_of(pack):
                nominee = nominee_data(pack, kind, 0, unit_kind)
                route = first_route(pack, Dossier.model_validate({
                    "id": "p", "pack": {"id": pack.id, "version": "0"},
                    "nominees": [nominee]}).nominees[0])
                if route and unit_kind in route.submitter_unit_kinds:
                    return rule, unit_kind, group, kind
    pytest.skip("no quota rule with a limit")


def test_quota_allows_the_limit_and_refuses_one_more(pack):
    rule, unit_kind, group, kind = _quota_case(pack)
    data = valid_dossier_data(pack, [kind] * rule.max_total, unit_kind=unit_kind, group=group)
    for i, nominee in enumerate(data["nominees"]):  # distinct people
        nominee["id"] = f"{kind}-{i}"
    data["proposal"]["nominee_ids"] = [n["id"] for n in data["nominees"]]
    for vote, nominee in zip(data["council"]["votes"], data["nominees"], strict=True):
        vote["nominee_id"] = nominee["id"]
    assert "quota.exceeded" not in blocking(run(pack, data))
    extra = nominee_data(pack, kind, rule.max_total + 1, unit_kind)
    extra["id"] = "them-mot"
    findings = run(pack, add_nominee(data, extra))
    [f] = only(findings, "quota.exceeded")
    assert f.params["rule"] == rule.id
    assert rule.text in f.message_vi
    assert f"{rule.max_total + 1:02d} đối tượng" in f.message_vi


def test_quota_no_rule_and_consolidated(pack):
    data = valid_dossier_data(pack)
    kinds_with_rule = {k for r in pack.quota_rules for k in r.unit_kinds}
    free = [k for k in unit_kinds_of(pack) if k not in kinds_with_rule]
    if free:
        data["unit"]["kind"] = free[0].value
        assert "quota.no_rule" in blocking(run(pack, data))
    unlimited = [r for r in pack.quota_rules
                 if r.max_total is None and r.max_collective is None
                 and r.max_individual is None]
    if unlimited:
        data["unit"]["kind"] = unlimited[0].unit_kinds[0]
        data["unit"]["emulation_group"] = "Cụm số 3" if unlimited[0].emulation_group else None
        assert "quota.consolidated" in {f.code for f in run(pack, data)}


# ---------------------------------------------------------------- routing


def test_wrong_level_and_not_managed(pack):
    found = False
    for kind in kinds_of(pack):
        for unit_kind in unit_kinds_of(pack):
            nominee = nominee_data(pack, kind, 0, "district")
            route = first_route(pack, Dossier.model_validate({
                "id": "p", "pack": {"id": pack.id, "version": "0"},
                "nominees": [nominee]}).nominees[0])
            if route is None or unit_kind in route.submitter_unit_kinds \
                    or unit_kind in route.preparer_unit_kinds:
                continue
            data = valid_dossier_data(pack, [kind])
            data["nominees"][0] = nominee
            data["unit"]["kind"] = unit_kind.value
            [f] = only(run(pack, data), "routing.wrong_level")
            assert route.text in f.message_vi
            assert f.params["rule"] == route.id
            found = True
            break
    assert found
    managed = [r for r in pack.routing_rules if r.requires_managed_by_unit]
    if managed:
        kind = next(k for k in managed[0].nominee_kinds if k in ("collective", "individual"))
        data = valid_dossier_data(pack, [kind.value])
        data["nominees"][0]["managed_by_unit"] = False
        codes = blocking(run(pack, data))
        route = first_route(pack, Dossier.model_validate(data).nominees[0])
        assert ("routing.not_managed" in codes) == route.requires_managed_by_unit


def test_via_submitter(pack):
    for rule in pack.routing_rules:
        if not rule.preparer_unit_kinds:
            continue
        kind = rule.nominee_kinds[0].value
        data = valid_dossier_data(pack, [kind])
        if rule.roles:
            data["nominees"][0]["role"] = rule.roles[0]
        if rule.collective_types:
            data["nominees"][0]["collective_type"] = rule.collective_types[0]
        if rule.in_emulation_group is not None:
            data["nominees"][0]["in_emulation_group"] = rule.in_emulation_group
        nominee = Dossier.model_validate(data).nominees[0]
        if first_route(pack, nominee) is not rule:
            continue
        data["unit"]["kind"] = rule.preparer_unit_kinds[0]
        [f] = only(run(pack, data), "routing.via_submitter")
        assert f.params["nominee_ids"] == [nominee.id]
        return
    pytest.skip("no preparer in this pack")


# ---------------------------------------------------------------- priority


def test_priority_counts_and_messages(pack):
    data = valid_dossier_data(pack, kinds_of(pack)[:1])
    for i, kind in enumerate(kinds_of(pack)[1:], start=1):  # routing/quota do not matter
        data = add_nominee(data, nominee_data(pack, kind, i, "district"))
    dossier = Dossier.model_validate(data)
    counts = priority_counts(dossier, pack)
    assert set(counts) == {g.id for g in pack.priority_groups}
    findings = validate(dossier, pack, today=pack.upload_window.start)
    codes = {f.code for f in findings}
    if any(counts.values()):
        [f] = only(findings, "priority.summary")
        assert f.params["counts"] == counts
    elif pack.priority_groups:
        assert "priority.none" in codes


# ---------------------------------------------------------------- council


def _council_data(pack, present: int, votes_for: int, total: int = 10):
    data = valid_dossier_data(pack, [kinds_of(pack)[0]])
    council = data["council"]
    council["members"] = [{"name": f"Thành viên {i + 1}", "present": i < present}
                          for i in range(total)]
    council.update(chair="Thành viên 1", secretary="Thành viên 2")
    for vote in council["votes"]:
        vote.update(votes_for=votes_for, votes_against=0, abstain=0)
    return data


def test_quorum_from_the_pack(pack):
    need = math.ceil(pack.council.quorum * 10)
    codes_ok = blocking(run(pack, _council_data(pack, need, need)))
    assert "council.no_quorum" not in codes_ok
    [f] = only(run(pack, _council_data(pack, need - 1, need - 1)), "council.no_quorum")
    assert f.params["required"] == need
    assert pack.council.rule_text in f.message_vi


def test_vote_threshold_from_the_pack(pack):
    rules = pack.council
    present = 10
    base = {"total_members": 10, "present": present, "present_plus_written": present}
    need = math.ceil(rules.approval * base[rules.approval_base])
    assert "council.vote_below_threshold" not in blocking(
        run(pack, _council_data(pack, present, need)))
    [f] = only(run(pack, _council_data(pack, present, need - 1)),
               "council.vote_below_threshold")
    assert f.params["required"] == need
    assert f.params["votes_for"] == need - 1
    assert rules.rule_text in f.message_vi
    findings = run(pack, _council_data(pack, present, present + 1))
    assert "council.votes_exceed_voters" in blocking(findings)


def test_council_people_and_method(pack):
    data = _council_data(pack, 10, 10)
    data["council"]["chair"] = "Người Ngoài Hội Đồng"
    assert blocking(run(pack, data)) == {"council.chair_not_member"}
    data = _council_data(pack, 10, 10)
    data["council"]["secretary"] = "  THÀNH VIÊN   2 "
    assert blocking(run(pack, data)) == set()  # folded comparison
    data = _council_data(pack, 10, 10)
    data["council"]["members"] = []
    assert "council.no_members" in blocking(run(pack, data))
    from desktop.models import VotingMethod
    disallowed = [m for m in VotingMethod if m not in pack.council.voting_methods]
    if disallowed:
        data = _council_data(pack, 10, 10)
        data["council"]["voting_method"] = disallowed[0].value
        assert blocking(run(pack, data)) == {"council.method_not_allowed"}


def test_votes_cross_checked_with_nominees(pack):
    data = _council_data(pack, 10, 10)
    data["council"]["votes"].append({"nominee_id": "khong-co", "votes_for": 10})
    assert blocking(run(pack, data)) == {"council.vote_unknown_nominee"}
    data = _council_data(pack, 10, 10)
    data["council"]["votes"] = []
    assert blocking(run(pack, data)) == {"council.vote_missing"}


# ---------------------------------------------------------------- proposal, duplicates


def test_proposal_list_matches_nominees(pack):
    data = valid_dossier_data(pack)
    first = data["nominees"][0]["id"]
    data["proposal"]["nominee_ids"] = [first, first, "khong-co"]
    codes = [f.code for f in run(pack, data) if f.severity == "error"]
    assert sorted(codes) == ["proposal.duplicate_entry", "proposal.nominee_missing",
                             "proposal.unknown_nominee"]


def test_duplicate_people(pack):
    person = next(k for k in kinds_of(pack) if k != "collective")
    data = valid_dossier_data(pack, [person])
    twin = copy.deepcopy(data["nominees"][0])
    twin["id"] = "ban-sao"
    name_key = "head_name" if person == "household" else "full_name"
    twin[name_key] = twin[name_key].upper().replace(" ", "  ")
    dup = add_nominee(data, twin)
    assert "nominee.duplicate" in blocking(run(pack, dup))
    year_key = "head_birth_year" if person == "household" else "birth_year"
    twin[year_key] += 1  # same name, another person
    assert "nominee.duplicate" not in blocking(run(pack, add_nominee(data, twin)))
    same_id = add_nominee(data, {**twin, "id": data["nominees"][0]["id"]})
    assert "nominee.duplicate_id" in blocking(run(pack, same_id))


# ---------------------------------------------------------------- dates


def test_deadlines_follow_the_pack_window(pack):
    window = pack.upload_window
    data = valid_dossier_data(pack)
    day = dt.timedelta(days=1)
    assert "deadline.upload_not_open" in {f.code for f in run(pack, data, window.start - day)}
    [f] = only(run(pack, data, window.end + day), "deadline.upload_closed")
    assert f.severity == "warning"
    assert fmt_date(window.end) in f.message_vi
    assert blocking(run(pack, data, window.end)) == set()
    data["proposal"]["date"] = iso_after(window.end)
    assert "proposal.date_after_window" in blocking(run(pack, data))
    data = valid_dossier_data(pack)
    data["council"]["date"] = iso_after(dt.date.fromisoformat(data["proposal"]["date"]))
    assert blocking(run(pack, data)) == {"council.meeting_date"}


def test_pack_mismatch_and_empty(pack):
    data = valid_dossier_data(pack)
    data["pack"]["id"] = "goi-khac"
    assert blocking(run(pack, data)) == {"dossier.pack_mismatch"}
    data = valid_dossier_data(pack)
    data.update(nominees=[])
    data["proposal"]["nominee_ids"] = []
    data["council"]["votes"] = []
    assert blocking(run(pack, data)) == {"dossier.empty"}


def test_unknown_plan_number_is_a_warning_naming_what_to_do(cao_bang):
    """The shipped Cao Bằng pack does not know its plan's number: every dossier is told (a
    warning, never blocking), and a pack that knows number and date stays silent."""
    from .dossiers import with_plan_number

    data = valid_dossier_data(cao_bang)
    [f] = only(run(cao_bang, data), "plan.number_unknown")
    assert f.severity == "warning" and not f.blocking
    assert blocking(run(cao_bang, data)) == {"plan.number_unknown"}
    assert f.document == "proposal" and f.params["missing"] == ["number", "date"]
    assert "Ban Thi đua - Khen thưởng" in f.hint_vi and "điền tay" in f.hint_vi
    assert "……/KH-UBND" in f.message_vi
    assert blocking(run(with_plan_number(cao_bang), data)) == set()
    no_date = cao_bang.model_copy(update={"plan": cao_bang.plan.model_copy(
        update={"number": "12/KH-UBND"})})
    [f] = only(run(no_date, data), "plan.number_unknown")
    assert f.params["missing"] == ["date"]


# ---------------------------------------------------------------- overrides, today


def test_severity_overrides(pack):
    spec = pack.nominee_kinds[0]
    crit = next(c for c in spec.criteria if c.requires_evidence)
    data = valid_dossier_data(pack, [spec.kind.value])
    data["nominees"][0]["criteria"][crit.id]["evidence"] = ""
    stricter = pack.model_copy(update={"severity_overrides": {"criterion.no_evidence": "error"}})
    [f] = only(run(stricter, data), "criterion.no_evidence")
    assert f.severity == "error"
    assert f.blocking
    assert CODES["criterion.no_evidence"].severity == "warning"


def test_today_none_means_the_current_date(pack):
    dossier = Dossier.model_validate(valid_dossier_data(pack))
    codes = {f.code for f in validate(dossier, pack)}
    today = dt.date.today()
    if today > pack.upload_window.end:
        assert "deadline.upload_closed" in codes
    v = Validator(pack)
    assert [f.code for f in v.run(dossier)] == [f.code for f in validate(dossier, pack)]
