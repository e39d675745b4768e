"""Every campaign pack, entry by entry (architecture guide §3.4), and the pack loader.

Runs over every pack shipped in ``resources/campaigns/`` and every made-up pack in
``tests/packs/``. The made-up Sơn Lâm pack differs from Cao Bằng in every value the schema
lets vary: a rule that only holds for one of them was hard-coded somewhere.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pydantic import BaseModel

from desktop.errors import PackError
from desktop.models import Collective, Dossier, Household, Individual, Resident, UnitKind
from desktop.models.campaign import CampaignPack, OutlineItem
from desktop.packs import PACK_FILE, list_packs, load_pack, load_pack_file
from desktop.packs.check import _resolves as _resolve
from desktop.paths import ENV_PACKS_PATH, campaigns_dir

ROOT = Path(__file__).resolve().parents[2]
TEST_PACKS = Path(__file__).resolve().parent
SHIPPED = sorted(campaigns_dir().glob(f"*/{PACK_FILE}"))
MADE_UP = sorted(TEST_PACKS.glob(f"*/{PACK_FILE}"))
ALL_PACK_FILES = SHIPPED + MADE_UP

NOMINEE_CLASSES: dict[str, type[BaseModel]] = {
    cls.model_fields["kind"].default.value: cls
    for cls in (Collective, Individual, Household, Resident)
}

#: Unit kinds a pack deliberately leaves without a quota rule (the rule engine warns when
#: such a unit proposes). A pack missing from this table must cover every kind.
UNCOVERED_UNIT_KINDS: dict[str, set[str]] = {
    "caobang-2023-75nam": set(),
    # The made-up campaign gives enterprises, cooperatives and other units no quota.
    "sonlam-2024-nong-thon-moi": {"enterprise", "cooperative", "other"},
}


def _pack_id(path: Path) -> str:
    return path.parent.name


@pytest.fixture(params=ALL_PACK_FILES, ids=_pack_id, scope="module")
def pack_file(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def pack(pack_file) -> CampaignPack:
    return load_pack_file(pack_file)


def _ids(items) -> list[str]:
    return [item.id for item in items]


def _assert_unique(values: list, what: str) -> None:
    dupes = sorted({v for v in values if values.count(v) > 1})
    assert not dupes, f"duplicate {what}: {dupes}"


def _walk_outline(items: tuple[OutlineItem, ...]):
    for item in items:
        yield item
        yield from _walk_outline(item.children)


def _texts(value, path: str = "pack"):
    """Every string of a loaded pack with its path and whether the field is required."""
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            item = getattr(value, name)
            if isinstance(item, str):
                yield f"{path}.{name}", item, field.is_required()
            else:
                yield from _texts(item, f"{path}.{name}")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield f"{path}[{index}]", item, True
            else:
                yield from _texts(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                yield f"{path}[{key!r}]", item, True
            else:
                yield from _texts(item, f"{path}[{key!r}]")


def _sources(value, path: str = "pack"):
    for text_path, text, _required in _texts(value, path):
        if text_path.endswith(".source"):
            yield text_path, text


# ---------------------------------------------------------------- discovery


def test_packs_are_found():
    assert SHIPPED, "no pack in resources/campaigns"
    assert MADE_UP, "no made-up pack in tests/packs"
    ids = [load_pack_file(p).id for p in ALL_PACK_FILES]
    _assert_unique(ids, "pack id")


def test_folder_name_is_the_pack_id(pack_file, pack):
    assert pack.id == pack_file.parent.name


def test_packs_differ_in_what_matters():
    """The made-up pack really is different from every shipped one."""
    made_up = [load_pack_file(p) for p in MADE_UP]
    for shipped in (load_pack_file(p) for p in SHIPPED):
        for other in made_up:
            assert other.legal_regime != shipped.legal_regime
            assert other.achievement_period != shipped.achievement_period
            assert other.upload_window != shipped.upload_window
            assert other.council != shipped.council
            assert {q.max_total for q in other.quota_rules} != {
                q.max_total for q in shipped.quota_rules
            }
            assert set(_ids(other.individual_roles)) != set(_ids(shipped.individual_roles))


# ---------------------------------------------------------------- the pack as a whole


def test_pack_file_is_nfc(pack_file):
    text = pack_file.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)


def test_pack_round_trips_through_json(pack):
    again = CampaignPack.model_validate_json(pack.model_dump_json())
    assert again == pack


def test_every_text_is_nfc_and_required_texts_are_not_empty(pack):
    empty = []
    for path, text, required in _texts(pack):
        assert unicodedata.is_normalized("NFC", text), path
        assert text == text.strip(), path
        if required and not text:
            empty.append(path)
    assert not empty, f"empty texts: {empty}"


def test_labels_and_wording_are_not_empty(pack):
    for spec in pack.nominee_kinds:
        assert spec.label
        for criterion in spec.criteria:
            assert criterion.text, criterion.id
            assert criterion.source, criterion.id
    for document in pack.documents:
        assert document.title, document.id
    for rule in (*pack.quota_rules, *pack.routing_rules, *pack.summary_eligibility):
        assert rule.text
        assert rule.source
    assert pack.council.rule_text
    assert pack.plan.title


def test_unknown_sources_are_listed(pack, record_property):
    """Values the plan does not fix say so ("unknown: …"); print them for the pack author."""
    unknown = [(path, text) for path, text in _sources(pack) if text.startswith("unknown")]
    for path, text in unknown:
        print(f"{pack.id}: {path}: {text}")
        reason = text.partition(":")[2].strip()
        assert reason, f"{path}: say what is unknown and whom to ask"
    record_property("unknown_sources", [p for p, _ in unknown])


# ---------------------------------------------------------------- dates


def test_upload_window_starts_after_the_achievement_period(pack):
    assert pack.upload_window.start > pack.achievement_period.end


def test_result_report_deadline_is_not_before_the_upload_window_ends(pack):
    assert pack.result_report.deadline >= pack.upload_window.end


def test_plan_is_dated_before_the_upload_window(pack):
    if pack.plan.date is not None:
        assert pack.plan.date <= pack.upload_window.start


# ---------------------------------------------------------------- award forms


def test_award_forms(pack):
    _assert_unique(_ids(pack.award_forms), "award form id")
    described = {spec.kind for spec in pack.nominee_kinds}
    for form in pack.award_forms:
        assert form.name
        assert form.nominee_kinds, form.id
        assert set(form.nominee_kinds) <= described, form.id
    default = pack.award_form(pack.default_award_form)
    assert default is not None
    assert set(default.nominee_kinds) == described, "the default form must fit every kind"


# ---------------------------------------------------------------- nominee kinds and criteria


def test_nominee_kinds(pack):
    _assert_unique([spec.kind for spec in pack.nominee_kinds], "nominee kind")
    assert pack.nominee_kinds
    for spec in pack.nominee_kinds:
        assert spec.criteria, f"{spec.kind} has no criteria"
        assert spec.report_forms, f"{spec.kind} has no report form"
        _assert_unique(list(spec.report_forms), f"report form of {spec.kind}")
        _assert_unique(_ids(spec.criteria), f"criterion id of {spec.kind}")
        expected_counts_as = "collective" if spec.kind == "collective" else "individual"
        assert spec.counts_as == expected_counts_as, spec.kind


def test_criterion_ids_are_unique_across_the_pack(pack):
    _assert_unique([c.id for spec in pack.nominee_kinds for c in spec.criteria], "criterion id")


def test_required_fields_are_fields_of_the_nominee_model(pack):
    for spec in pack.nominee_kinds:
        model = NOMINEE_CLASSES[spec.kind]
        _assert_unique(list(spec.required_fields), f"required field of {spec.kind}")
        unknown = [f for f in spec.required_fields if f not in model.model_fields]
        assert not unknown, f"{spec.kind}: not fields of {model.__name__}: {unknown}"
        assert "id" not in spec.required_fields and "kind" not in spec.required_fields


def test_figures(pack):
    for spec in pack.nominee_kinds:
        for criterion in spec.criteria:
            _assert_unique(_ids(criterion.figures), f"figure id of {criterion.id}")
            for figure in criterion.figures:
                assert figure.label and figure.unit, figure.id
                assert figure.min is not None or figure.max is not None, (
                    f"{criterion.id}.{figure.id}: a figure without a threshold checks nothing"
                )
                if figure.min is not None and figure.max is not None:
                    assert figure.min <= figure.max, figure.id
                if figure.unit == "%":
                    for bound in (figure.min, figure.max):
                        assert bound is None or 0 <= bound <= 100, figure.id


def test_pick_lists(pack):
    _assert_unique(_ids(pack.individual_roles), "role id")
    _assert_unique(_ids(pack.collective_types), "collective type id")
    for choice in (*pack.individual_roles, *pack.collective_types):
        assert choice.label, choice.id
    assert pack.individual_roles
    assert pack.collective_types


# ---------------------------------------------------------------- quotas


def test_quota_rules(pack):
    _assert_unique(_ids(pack.quota_rules), "quota rule id")
    for rule in pack.quota_rules:
        assert rule.unit_kinds, rule.id
        _assert_unique(list(rule.unit_kinds), f"unit kind of {rule.id}")
        for limit in (rule.max_total, rule.max_collective, rule.max_individual):
            assert limit is None or limit >= 1, f"{rule.id}: a quota must be positive"
        if rule.max_total is not None:
            for part in (rule.max_collective, rule.max_individual):
                assert part is None or part <= rule.max_total, rule.id


def test_quota_rules_do_not_overlap(pack):
    """No unit can match two rules: a unit kind appears twice only for disjoint groups."""
    for i, first in enumerate(pack.quota_rules):
        for second in pack.quota_rules[i + 1:]:
            shared = set(first.unit_kinds) & set(second.unit_kinds)
            if not shared:
                continue
            groups = {first.emulation_group, second.emulation_group}
            assert groups == {True, False}, (
                f"{first.id} and {second.id} both apply to {sorted(shared)}"
            )


def test_unit_kinds_without_a_quota_rule_are_documented(pack):
    covered = {kind for rule in pack.quota_rules for kind in rule.unit_kinds}
    # Only the kinds that exist under the pack's regime (no district under two tiers).
    kinds = {r.kind for r in pack.regime.unit_kinds} if pack.regime else set(UnitKind)
    uncovered = {kind.value for kind in kinds} - covered
    expected = UNCOVERED_UNIT_KINDS.get(pack.id, set())
    assert uncovered == expected, (
        f"{pack.id}: unit kinds without a quota rule are {sorted(uncovered)}; "
        "add a rule or document them in UNCOVERED_UNIT_KINDS"
    )


# ---------------------------------------------------------------- routing, priority, summary


def test_routing_rules(pack):
    _assert_unique(_ids(pack.routing_rules), "routing rule id")
    roles = set(_ids(pack.individual_roles))
    ctypes = set(_ids(pack.collective_types))
    described = {spec.kind for spec in pack.nominee_kinds}
    for rule in pack.routing_rules:
        assert rule.nominee_kinds, rule.id
        assert set(rule.nominee_kinds) <= described, rule.id
        assert rule.submitter_unit_kinds, rule.id
        assert set(rule.roles) <= roles, rule.id
        assert set(rule.collective_types) <= ctypes, rule.id
        assert not set(rule.submitter_unit_kinds) & set(rule.preparer_unit_kinds), rule.id
    routed = {kind for rule in pack.routing_rules for kind in rule.nominee_kinds}
    assert routed == described, f"no routing rule for {sorted(described - routed)}"


def test_priority_groups(pack):
    _assert_unique(_ids(pack.priority_groups), "priority group id")
    roles = set(_ids(pack.individual_roles))
    described = {spec.kind for spec in pack.nominee_kinds}
    for group in pack.priority_groups:
        assert group.label, group.id
        assert group.nominee_kinds, group.id
        assert set(group.nominee_kinds) <= described, group.id
        assert set(group.roles) <= roles, group.id


def test_summary_rules(pack):
    roles = set(_ids(pack.individual_roles))
    for rule in pack.summary_eligibility:
        assert rule.nominee_kinds
        assert set(rule.roles) <= roles
        for kind in rule.nominee_kinds:
            spec = pack.kind_spec(kind)
            assert spec is not None, f"summary rule for undescribed kind {kind}"
            assert "summary" in spec.report_forms, f"{kind} may have a summary but no form"
    # A kind offering a summary must be eligible through some rule.
    eligible = {kind for rule in pack.summary_eligibility for kind in rule.nominee_kinds}
    for spec in pack.nominee_kinds:
        if "summary" in spec.report_forms:
            assert spec.kind in eligible, f"{spec.kind} offers a summary nobody may write"


# ---------------------------------------------------------------- council, documents, report


def test_council_rules(pack):
    council = pack.council
    assert 0 < council.quorum <= 1
    assert 0 < council.approval <= 1
    assert council.voting_methods
    _assert_unique(list(council.voting_methods), "voting method")


def test_documents(pack):
    _assert_unique(_ids(pack.documents), "document id")
    forms_used = {form for spec in pack.nominee_kinds for form in spec.report_forms}
    per_nominee_forms = []
    for document in pack.documents:
        if document.per_nominee:
            assert document.report_form is not None, f"{document.id} needs a report_form"
            per_nominee_forms.append(document.report_form)
        else:
            assert document.report_form is None, document.id
        assert document.template, document.id
    _assert_unique(per_nominee_forms, "per-nominee document for a report form")
    assert forms_used <= set(per_nominee_forms), "a report form has no document"


def test_result_report_outline(pack):
    report = pack.result_report
    assert report.addressee and report.title and report.outline

    def check(items: tuple[OutlineItem, ...]) -> None:
        _assert_unique([item.number for item in items], "outline number")
        for item in items:
            check(item.children)

    check(report.outline)
    for item in _walk_outline(report.outline):
        assert item.number and item.title


def test_dossier_required_fields_resolve(pack):
    assert pack.dossier_required_fields
    _assert_unique(list(pack.dossier_required_fields), "dossier required field")
    unknown = [p for p in pack.dossier_required_fields if not _resolve(Dossier, p)]
    assert not unknown, f"not field paths of Dossier: {unknown}"


def test_portal_limits(pack):
    portal = pack.portal
    for limit in (portal.max_file_mb, portal.max_package_mb):
        assert limit is None or limit > 0
    if portal.max_file_mb and portal.max_package_mb:
        assert portal.max_file_mb <= portal.max_package_mb
    for ext in portal.accepted_extensions:
        assert ext == ext.lower() and not ext.startswith("."), ext


def test_ethnic_groups(pack):
    codes = _ids(pack.ethnic_groups)
    assert codes == [f"{n:02d}" for n in range(1, 55)] + ["99"]
    assert all(group.label for group in pack.ethnic_groups)
    _assert_unique([group.label for group in pack.ethnic_groups], "ethnic group name")
    assert set(pack.ethnic_common) <= set(codes)
    _assert_unique(list(pack.ethnic_common), "common ethnic code")


def test_severity_overrides(pack):
    for code in pack.severity_overrides:
        assert code and code == code.strip()


# ---------------------------------------------------------------- the loader


def test_helper_resolves_paths():
    assert _resolve(Dossier, "proposal.date")
    assert _resolve(Dossier, "council.members.name")
    assert not _resolve(Dossier, "proposal.nope")
    assert not _resolve(Dossier, "proposal.date.year")


CAO_BANG = campaigns_dir() / "caobang-2023-75nam" / PACK_FILE


def _broken_pack(tmp_path: Path, old: str, new: str) -> Path:
    text = CAO_BANG.read_text(encoding="utf-8")
    assert old in text, old
    folder = tmp_path / "broken-pack"
    folder.mkdir()
    path = folder / PACK_FILE
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        pytest.param("[council]\n", '[council]\nmau_sac = "đỏ"\n', "council.mau_sac",
                     id="unknown-key"),
        pytest.param("max_total = 2\n", 'max_total = "hai"\n', "quota_rules[1].max_total",
                     id="wrong-type"),
        pytest.param('\nshort_title = "Thi đua ái quốc 75 năm - Cao Bằng 2023"', "",
                     "short_title", id="missing-field"),
        pytest.param('required_fields = ["head_name", "head_birth_year"',
                     'required_fields = ["head_name", "Head birth year"',
                     "nominee_kinds[2].required_fields[1]", id="bad-identifier"),
        pytest.param("end = 2023-06-30", "end = 2022-06-30", "achievement_period",
                     id="period-reversed"),
    ],
)
def test_invalid_pack_names_file_and_field(tmp_path, old, new, field):
    path = _broken_pack(tmp_path, old, new)
    with pytest.raises(PackError) as info:
        load_pack_file(path)
    error = info.value
    assert error.key == "pack.invalid"
    assert error.params["field"] == field
    message = error.message("vi")
    assert str(path) in message
    assert f"“{field}”" in message
    assert message.startswith("Gói đợt thi đua ")


def test_pack_with_a_syntax_error_names_file_and_line(tmp_path):
    path = _broken_pack(tmp_path, 'version = "1.0.0"', 'version = 1.0.0"')
    with pytest.raises(PackError) as info:
        load_pack_file(path)
    assert info.value.key == "pack.syntax"
    message = info.value.message("vi")
    assert message.startswith("Gói đợt thi đua ")
    assert str(path) in message
    assert "sai cú pháp TOML ở dòng 10, cột" in message


def test_missing_pack_file(tmp_path):
    path = tmp_path / "nowhere" / PACK_FILE
    with pytest.raises(PackError) as info:
        load_pack_file(path)
    assert info.value.key == "pack.unreadable"
    assert str(path) in info.value.message("vi")


def test_unknown_pack_lists_installed_packs():
    with pytest.raises(PackError) as info:
        load_pack("does-not-exist")
    message = info.value.message("vi")
    assert "“does-not-exist”" in message
    for shipped in SHIPPED:
        pack = load_pack_file(shipped)
        assert f"{pack.id} {pack.version}" in message


def test_unknown_version_is_named(monkeypatch):
    monkeypatch.delenv(ENV_PACKS_PATH, raising=False)
    with pytest.raises(PackError) as info:
        load_pack("caobang-2023-75nam", "9.9")
    message = info.value.message("vi")
    assert "phiên bản 9.9" in message
    assert "caobang-2023-75nam 1.0.0" in message


def test_made_up_pack_is_found_through_the_environment(monkeypatch):
    monkeypatch.delenv(ENV_PACKS_PATH, raising=False)
    shipped_ids = {info.id for info in list_packs()}
    made_up_ids = {load_pack_file(p).id for p in MADE_UP}
    assert not shipped_ids & made_up_ids, "made-up packs must not be installed"

    monkeypatch.setenv(ENV_PACKS_PATH, str(TEST_PACKS))
    infos = {info.id: info for info in list_packs()}
    assert made_up_ids | shipped_ids == set(infos)
    for pack_id in made_up_ids:
        assert infos[pack_id].path.parent.parent == TEST_PACKS
        assert len(infos[pack_id].sha256) == 64
        assert load_pack(pack_id).id == pack_id


@pytest.mark.parametrize("path", ALL_PACK_FILES, ids=lambda p: p.parent.name)
def test_severity_overrides_name_known_codes(path):
    """An override of a code the engine does not have would be silently ignored."""
    from desktop.validation import CODES

    pack = load_pack_file(path)
    assert set(pack.severity_overrides) <= set(CODES)


def test_pack_errors_read_in_vietnamese(tmp_path):
    path = _broken_pack(tmp_path, "max_total = 2", 'max_total = "hai"')
    with pytest.raises(PackError) as info:
        load_pack_file(path)
    assert info.value.message("vi").endswith(
        "“quota_rules[1].max_total”: Giá trị phải là số nguyên; giá trị “hai” không hợp lệ.")
