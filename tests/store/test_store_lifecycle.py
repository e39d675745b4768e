"""Dossier lifecycle (draft → validated → exported → new draft) and pack revisions."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from desktop.demo import demo_dossiers
from desktop.models import CampaignPack, DossierState, Individual, PackRef
from desktop.packs import find_pack, load_pack
from desktop.store import DossierHasErrorsError, LifecycleError

TODAY = dt.date(2023, 7, 3)


def test_demo_dossier_stored_edited_validated_exported_and_edited_again(store, tmp_path):
    dossier = demo_dossiers()[1]  # the district dossier: valid as shipped
    store_id = dossier.id
    assert store.get_dossier(store_id) == dossier

    store.update_field(store_id, "proposal.place", "Trùng Khánh")
    record = store.validate(store_id, today=TODAY)
    assert not any(f.blocking for f in record.findings)
    assert record.changes.state
    info = store.revision_info(store_id)
    assert info.state == DossierState.VALIDATED and info.revision == 1
    pack_info = find_pack(dossier.pack.id, dossier.pack.version)
    assert info.pack == dossier.pack and info.pack_sha256 == pack_info.sha256
    assert info.findings == record.findings

    package = tmp_path / "ho-so-trung-khanh.zip"
    package.write_bytes("gói hồ sơ giả".encode() * 100)
    digest = hashlib.sha256(package.read_bytes()).hexdigest()
    before_export = store.backup("before-export")
    assert before_export.reason == "before-export"
    store.mark_exported(store_id, package.name, digest)
    info = store.revision_info(store_id)
    assert (info.state, info.package_name, info.package_sha256) == (
        DossierState.EXPORTED, package.name, digest)
    exported = store.get_dossier(store_id)
    assert exported.state == DossierState.EXPORTED and exported.proposal.place == "Trùng Khánh"

    changes = store.update_field(store_id, "nominees[id=lam-van-thang].position",
                                 "Trưởng phòng")
    assert changes.revision_created and changes.revision == 2
    current = store.get_dossier(store_id)
    assert (current.revision, current.state) == (2, DossierState.DRAFT)
    assert current.nominee("lam-van-thang").position == "Trưởng phòng"
    first = store.get_revision(store_id, 1)
    assert first.state == DossierState.EXPORTED and first.revision == 1
    assert first.nominee("lam-van-thang").position == dossier.nominee("lam-van-thang").position
    assert [r.state for r in store.list_revisions(store_id)] == [
        DossierState.EXPORTED, DossierState.DRAFT]
    paths = [e.path for e in store.audit_log(store_id)]
    assert paths == ["", "proposal.place", "state", "state", "revision",
                     "nominees[id=lam-van-thang].position"]


def test_validation_refused_with_errors(store):
    dossier_id = demo_dossiers()[1].id
    store.update_field(dossier_id, "nominees[id=lam-van-thang].birth_year", None)
    store.update_field(dossier_id, "proposal.date", None)
    before = store.get_dossier(dossier_id)
    with pytest.raises(DossierHasErrorsError) as info:
        store.validate(dossier_id, today=TODAY)
    assert info.value.findings and all(f.blocking for f in info.value.findings)
    assert info.value.message("vi").startswith(f"Hồ sơ “{dossier_id}” còn ")
    assert store.get_dossier(dossier_id) == before
    assert store.revision_info(dossier_id).state == DossierState.DRAFT


def test_export_needs_validation(store):
    dossier_id = demo_dossiers()[0].id
    with pytest.raises(LifecycleError) as info:
        store.mark_exported(dossier_id, "x.zip", "0" * 64)
    assert info.value.message("vi") == (
        f"Hồ sơ “{dossier_id}” chưa được kiểm tra hợp lệ nên chưa thể ghi nhận đã xuất gói.")


def _next_version(pack: CampaignPack) -> CampaignPack:
    data = json.loads(pack.model_dump_json())
    data["version"] = "1.1.0"
    for kind in data["nominee_kinds"]:
        for crit in kind["criteria"]:
            for fig in crit["figures"]:
                if fig["id"] == "tasks_exceeded_pct":
                    fig["min"] = 30.0
    for rule in data["quota_rules"]:
        if rule["id"] == "huyen-sgd-syt":
            rule["max_total"] = 1
    return CampaignPack.model_validate(data)


def test_revalidate_for_newer_pack(store):
    old = load_pack("caobang-2023-75nam", "1.0.0")
    new = _next_version(old)
    district = demo_dossiers()[1].id
    before = store.get_dossier(district)

    report = store.revalidate_for_pack(new, today=TODAY)
    assert report.new_version == "1.1.0" and report.old_pack_missing == ()
    changes = {(c.section, c.key, c.change) for c in report.rule_changes["1.0.0"]}
    assert changes == {("criteria", "collective/tt-thanh-tich", "changed"),
                       ("quota_rules", "huyen-sgd-syt", "changed")}
    by_id = {r.dossier_id: r for r in report.dossiers}
    assert set(by_id) == {d.id for d in demo_dossiers()}  # every draft, nothing skipped
    new_codes = {f.code for f in by_id[district].new_findings}
    assert "quota.exceeded" in new_codes
    assert any(f.nominee_id == "phong-nn-ptnt-trung-khanh" for f in by_id[district].new_findings)
    # nothing deleted or moved unless asked
    assert store.get_dossier(district) == before

    store.move_to_pack(district, new)
    assert store.get_dossier(district).pack.version == "1.1.0"
    assert store.audit_log(district)[-1].path == "pack.version"


def test_old_pack_rules_come_from_the_stored_copy(store, tmp_path):
    """An old version no longer installed is read from the JSON copy kept at creation."""
    installed = load_pack("caobang-2023-75nam", "1.0.0")
    retired = installed.model_copy(update={"version": "0.9.0"})
    dossier = demo_dossiers()[0].model_copy(
        update={"id": "ho-so-cu", "pack": PackRef(id=retired.id, version="0.9.0")})
    store.create_dossier(dossier, pack=retired)
    assert store.campaign_pack(dossier.pack) == retired
    report = store.revalidate_for_pack(_next_version(installed), today=TODAY)
    assert "0.9.0" in report.rule_changes and report.old_pack_missing == ()


def test_editing_creates_one_new_revision_only(store):
    dossier_id = demo_dossiers()[1].id
    store.validate(dossier_id, today=TODAY)
    first = store.save_nominee(dossier_id, Individual(id="moi", full_name="Hoàng Thị Mai"))
    second = store.update_field(dossier_id, "nominees[id=moi].full_name", "Hoàng Thị Mây")
    assert first.revision_created and not second.revision_created
    assert first.revision == second.revision == 2
    assert store.get_revision(dossier_id, 1).nominee("moi") is None
    assert store.get_revision(dossier_id, 1).state == DossierState.VALIDATED
