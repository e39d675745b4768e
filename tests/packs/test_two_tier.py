"""The two-tier Cao Bằng 2026 pack (regime "2022/ND152") beside the 2023 one.

What a provincial reviewer checks after 01/07/2025: a ward or a department files directly
with the province, no "huyện" in any header or routing, an address with an old district is
flagged (and accepted in a 2023 dossier), an old dossier keeps its pack and regime.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.demo.caobang2026 import demo_dossiers
from desktop.documents import render_dossier
from desktop.package import export_package, verify_package
from desktop.packs import load_pack
from desktop.validation import validate

TODAY = dt.date(2026, 7, 1)
PACK_2026, PACK_2023 = "caobang-2026-78nam", "caobang-2023-75nam"


@pytest.fixture(scope="module")
def pack():
    return load_pack(PACK_2026)


@pytest.fixture(scope="module")
def dossiers():
    return {d.id: d for d in demo_dossiers()}


def _pdf_text(data: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_the_pack_has_no_district(pack):
    assert pack.legal_regime == "2022/ND152"
    assert "district" not in {r.kind for r in pack.regime.unit_kinds}
    assert pack.route_for("commune") == ("commune", "province")
    kinds = {k for r in pack.routing_rules for k in (*r.submitter_unit_kinds,
                                                     *r.preparer_unit_kinds)}
    assert "district" not in kinds
    assert not any(r.preparer_unit_kinds for r in pack.routing_rules)
    for rule in pack.routing_rules:
        assert "huyện" not in rule.text.lower()


def test_both_packs_live_side_by_side():
    old, new = load_pack(PACK_2023), load_pack(PACK_2026)
    assert old.legal_regime == "2003/ND91" and old.route_for("commune") == (
        "commune", "district", "province")
    assert new.legal_regime == "2022/ND152"
    assert {d.template for d in old.documents} >= {"nd91-mau07"}
    assert {d.template for d in new.documents} >= {"nd152-chuyen-de"}


@pytest.mark.parametrize("dossier_id", ["demo-2026-phuong-thuc-phan", "demo-2026-so-y-te"])
def test_demo_validates_without_errors_or_warnings(pack, dossiers, dossier_id):
    findings = validate(dossiers[dossier_id], pack, today=TODAY)
    # the example pack knows no plan number: the reviewer is told (a warning, not blocking)
    assert [f.code for f in findings if f.severity != "info"] == ["plan.number_unknown"]
    unconfirmed = [f for f in findings if f.code == "template.unconfirmed"]
    assert unconfirmed, "the Decree 152 templates are unconfirmed: Kiểm tra must say so"
    assert any("152/2025" in f.message_vi for f in unconfirmed)


def test_ward_nominees_route_to_the_province(pack, dossiers):
    ward = dossiers["demo-2026-phuong-thuc-phan"]
    findings = validate(ward, pack, today=TODAY)
    assert not [f for f in findings if f.code.startswith("routing.")]  # no "via district"
    assert ward.unit.kind == "commune" and pack.route_for(ward.unit.kind)[-1] == "province"
    from desktop.validation.facts import first_route

    for nominee in ward.nominees:
        rule = first_route(pack, nominee)
        assert rule is not None and "commune" in rule.submitter_unit_kinds
        assert not rule.preparer_unit_kinds


@pytest.mark.parametrize("dossier_id", ["demo-2026-phuong-thuc-phan", "demo-2026-so-y-te"])
def test_documents_render_without_huyen(pack, dossiers, dossier_id):
    docs = render_dossier(dossiers[dossier_id], pack, today=TODAY)
    assert {d.kind for d in docs} >= {"proposal", "nomination_list", "council_minutes"}
    for doc in docs:
        text = _pdf_text(doc.data)
        assert "huyện" not in text.lower(), (doc.file_name, text[:300])
    proposal = _pdf_text(docs[0].data)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng" in proposal
    assert "Nghị định số 152/2025/NĐ-CP" in proposal  # the regime's grounds come first
    assert "91/2017" not in proposal


def test_demo_exports_and_verifies(pack, dossiers, tmp_path):
    result = export_package(dossiers["demo-2026-phuong-thuc-phan"], pack, tmp_path,
                            today=TODAY, formats=("pdf",))
    report = verify_package(result.path)
    assert report.ok, [p for p in report.problems]


def test_old_district_flagged_in_two_tier_accepted_in_2023(pack, dossiers):
    ward = dossiers["demo-2026-phuong-thuc-phan"]
    moved = ward.model_copy(update={"unit": ward.unit.model_copy(update={
        "address": "Thị trấn Nước Hai, huyện Hòa An, tỉnh Cao Bằng"})})
    [finding] = [f for f in validate(moved, pack, today=TODAY)
                 if f.code == "address.old_district"]
    assert finding.severity == "warning" and finding.path == "unit.address"
    assert "huyện không còn từ 01/07/2025" in finding.message_vi
    old_pack = load_pack(PACK_2023)
    as_2023 = moved.model_copy(update={"pack": moved.pack.model_copy(update={
        "id": old_pack.id, "version": old_pack.version})})
    assert "address.old_district" not in {f.code for f in validate(as_2023, old_pack,
                                                                   today=TODAY)}


def test_a_district_unit_has_no_place_in_a_two_tier_dossier(pack, dossiers):
    ward = dossiers["demo-2026-phuong-thuc-phan"]
    district = ward.model_copy(update={"unit": ward.unit.model_copy(update={
        "kind": "district", "name": "Ủy ban nhân dân huyện Hòa An"})})
    codes = {f.code for f in validate(district, pack, today=TODAY) if f.severity != "info"}
    assert codes == {"unit.kind_not_in_regime", "address.old_district", "plan.number_unknown"}


def test_hoso_packs_lists_both_regimes(capsys):
    from desktop.cli import main

    assert main(["packs", "--json"]) == 0
    regimes = {p["id"]: p["legal_regime"] for p in json.loads(capsys.readouterr().out)}
    assert regimes[PACK_2023] == "2003/ND91" and regimes[PACK_2026] == "2022/ND152"


def test_a_proposal_addressed_to_a_district_is_flagged(pack, dossiers):
    ward = dossiers["demo-2026-phuong-thuc-phan"]
    old_way = ward.model_copy(update={"proposal": ward.proposal.model_copy(update={
        "addressee": "Chủ tịch Ủy ban nhân dân huyện Hòa An",
        "recipients": ("Như trên;", "Phòng Nội vụ huyện Hòa An;", "Lưu: VT.")})})
    found = {f.path: f for f in validate(old_way, pack, today=TODAY)
             if f.code == "address.old_district"}
    assert set(found) == {"proposal.addressee", "proposal.recipients[1]"}
    assert found["proposal.addressee"].params["found"] == "huyện Hòa An"


@pytest.mark.parametrize("dossier_id", ["demo-2026-phuong-thuc-phan", "demo-2026-so-y-te"])
def test_a_reviewer_sends_the_two_tier_demos_nothing_back(pack, dossiers, dossier_id):
    """The provincial reviewer's checks of issue 14 (tests/documents/reviewer.py), PDF and
    DOCX, with the result report: routing wording, headers, dates, breaks, wording."""
    from documents.demo_bundle import bundle_of
    from documents.reviewer import review

    faults = review(bundle_of(dossiers[dossier_id], pack), dossiers[dossier_id], pack)
    assert not faults, "\n".join(map(str, faults))


def test_hoso_demo_two_tier_writes_both_dossiers(tmp_path, capsys):
    from desktop.cli import main

    assert main(["demo", "--out", str(tmp_path), "--two-tier"]) == 0
    files = sorted(p.name for p in tmp_path.glob("*.json"))
    assert files == ["demo-2026-phuong-thuc-phan.json", "demo-2026-so-y-te.json"]
    assert main(["validate", str(tmp_path / files[0]), "--today", "2026-07-01"]) == 0
    assert "0 lỗi" in capsys.readouterr().out
