"""Taking nominees: all or nothing; a taken nominee whose package is not in the inbox."""

from __future__ import annotations

import pytest

from consolidation.conftest import (
    TODAY,
    altered_package,
    commune_a_package,
    commune_dossier,
    export,
)
from desktop.consolidation import receive_package, release_nominees, take_nominees
from desktop.demo import demo_dossier
from desktop.errors import UserError
from desktop.models.consolidation import NomineeOrigin
from desktop.package import export_package


def test_takes_are_checked_before_any_is_written(world, tmp_path):
    package = commune_a_package(world, tmp_path / "out")
    district = world.store("huyen")
    received = receive_package(district, package, packs_dirs=[world.packs_dir], today=TODAY)
    own = demo_dossier("demo-huyen-trung-khanh")
    district.create_dossier(own)
    with pytest.raises(UserError) as exc:
        take_nominees(district, own.id, [(received.received_id, "ho-nong-van-thuan"),
                                         (received.received_id, "nope")])
    assert "không có đối tượng mã “nope”" in exc.value.message()
    assert district.get_dossier(own.id).nominees == own.nominees
    [taken] = take_nominees(district, own.id, [(received.received_id, "xom-na-me")])
    assert take_nominees(district, own.id, [(received.received_id, "xom-na-me")])[0].already
    with pytest.raises(UserError, match="không phải đối tượng lấy từ hồ sơ nhận"):
        release_nominees(district, own.id, [taken.nominee_id, own.nominees[0].id])
    assert district.get_dossier(own.id).nominee(taken.nominee_id) is not None
    release_nominees(district, own.id, [taken.nominee_id])
    after = district.get_dossier(own.id)
    assert after.nominee(taken.nominee_id) is None
    assert taken.nominee_id not in after.proposal.nominee_ids
    district.close()


def test_export_names_a_source_package_missing_from_the_inbox(world, tmp_path):
    store = world.store("tinh")
    dossier = demo_dossier("demo-huyen-trung-khanh")
    first = dossier.nominees[0].model_copy(update={"origin": NomineeOrigin(
        unit_name="Ủy ban nhân dân xã Thử Z", dossier_id="xa-thu-z", revision=1,
        nominee_id="n1", package_name="HoSo_Z.zip", package_sha256="e" * 64,
        received_id=1, received_revision=1)})
    store.create_dossier(dossier.model_copy(update={"nominees": (first, *dossier.nominees[1:])}))
    with pytest.raises(UserError) as exc:
        export_package(store.get_dossier(dossier.id), world.pack, tmp_path / "out",
                       store=store, today=TODAY, formats=("pdf",))
    assert exc.value.key == "consolidation.source_missing"
    assert "HoSo_Z.zip" in exc.value.message() and "xã Thử Z" in exc.value.message()
    assert not list((tmp_path / "out").glob("*.zip"))
    store.close()


def test_a_corrected_unit_name_stays_the_same_received_dossier(world, tmp_path):
    commune = world.store("xa")
    commune.create_dossier(commune_dossier("A"))
    first = export(commune, "xa-thu-a", tmp_path / "out1", world.pack)
    commune.update_field("xa-thu-a", "unit.name", "Ủy ban nhân dân xã Thử Á")
    second = export(commune, "xa-thu-a", tmp_path / "out2", world.pack, minutes=5)
    commune.close()
    district = world.store("huyen")
    one = receive_package(district, first, packs_dirs=[world.packs_dir], today=TODAY)
    two = receive_package(district, second, packs_dirs=[world.packs_dir], today=TODAY)
    assert (two.received_id, two.revision) == (one.received_id, 2)
    [row] = district.list_received()
    assert row.unit_name == "Ủy ban nhân dân xã Thử Á"
    [change] = [c for c in two.differences["fields"] if c["path"] == "unit.name"]
    assert change["old"] == "Ủy ban nhân dân xã Thử A"
    district.close()


def test_a_signed_package_is_received_with_its_signer(world, tmp_path):
    import datetime as dt

    from desktop.consolidation.inbox import signature_text
    from desktop.package import ImportRefused
    from desktop.signing import Identity, SigningOptions, open_identity
    from desktop.signing.demo import write_demo_identity

    dossier = commune_dossier("A")
    demo = write_demo_identity(tmp_path / "ky-so", dossier.unit.name)
    commune = world.store("xa")
    commune.create_dossier(dossier)
    with open_identity(Identity("p12", str(demo.p12)), demo.pin) as opened:
        signed = export_package(commune.get_dossier(dossier.id), world.pack, tmp_path / "out",
                                store=commune, today=TODAY, formats=("pdf",),
                                created_at=dt.datetime(2023, 7, 10, 9, 0),
                                signing=SigningOptions(opened)).path
    commune.close()
    district = world.store("huyen")
    got = receive_package(district, signed, packs_dirs=[world.packs_dir], today=TODAY,
                          trust_files=[str(demo.ca)])
    assert got.signature_info["status"] == "valid" and got.signature_info["trusted"]
    assert "Ủy ban nhân dân xã Thử A" in got.signature_info["signer"]
    assert got.signature.status == "valid"  # the full report, as verify_package made it
    [row] = district.list_received()
    assert signature_text(row.signature).startswith("Chữ ký số: hợp lệ, chứng thư tin cậy")
    # a signed member changed (and its hash fixed in the manifest): refused, nothing kept
    forged = altered_package(signed, tmp_path / "forged.zip", "Nông Văn A", "Nông Văn B")
    with pytest.raises(ImportRefused):
        receive_package(district, forged, packs_dirs=[world.packs_dir], today=TODAY,
                        trust_files=[str(demo.ca)])
    assert len(district.list_received()) == 1
    # the district signs its own package: the commune's signed files it carries are signed
    # again by the district (the last signature of every PDF is the package's signer)
    from desktop.package import verify_package

    own = demo_dossier("demo-huyen-trung-khanh")
    district.create_dossier(own)
    take_nominees(district, own.id, [(got.received_id, "ho-nong-van-thuan")])
    dossier = district.get_dossier(own.id)
    keep = ("ho-nong-van-thuan",)
    for n in dossier.nominees:
        if n.id not in keep:
            district.remove_nominee(own.id, n.id)
    dossier = district.get_dossier(own.id)
    district.set_proposal(own.id, dossier.proposal.model_copy(update={"nominee_ids": keep}))
    district.set_council(own.id, dossier.council.model_copy(update={"votes": (
        dossier.council.votes[0].model_copy(update={"nominee_id": keep[0]}),)}))
    huyen = write_demo_identity(tmp_path / "ky-huyen", own.unit.name)
    with open_identity(Identity("p12", str(huyen.p12)), huyen.pin) as opened:
        result = export_package(district.get_dossier(own.id), world.pack, tmp_path / "goi",
                                store=district, today=TODAY, formats=("pdf",),
                                signing=SigningOptions(opened))
    report = verify_package(result.path, trust_files=(str(huyen.ca),))
    assert report.ok, [p.message() for p in report.problems]
    assert report.signature.status == "valid"
    [source] = report.manifest.sources
    # listed in the manifest, each hashed by the verification (which holds no PDF)
    assert source.files and all(report.manifest.file(f) is not None for f in source.files)
    district.close()


def test_a_department_over_its_sub_unit_uses_the_same_mechanism(world, tmp_path):
    """Nothing is a district's: a department takes a sub-unit's nominee, and its own quota
    (one per block member) counts it, naming the sub-unit."""
    from desktop.validation import validate

    department = demo_dossier("demo-so-tnmt")
    sub = department.model_copy(update={
        "id": "chi-cuc-bvmt", "unit": department.unit.model_copy(
            update={"name": "Chi cục Bảo vệ môi trường"})})
    sub_store = world.store("chi-cuc")
    sub_store.create_dossier(sub)
    package = export(sub_store, sub.id, tmp_path / "out", world.pack)
    sub_store.close()
    store = world.store("so")
    store.create_dossier(department)
    got = receive_package(store, package, packs_dirs=[world.packs_dir], today=TODAY)
    assert got.unit_name == "Chi cục Bảo vệ môi trường" and got.errors == 0
    [taken] = take_nominees(store, department.id,
                            [(got.received_id, "van-phong-dang-ky-dat-dai")])
    assert taken.nominee_id == f"r{got.received_id}-van-phong-dang-ky-dat-dai"  # renamed
    findings = validate(store.get_dossier(department.id), world.pack, today=TODAY)
    [quota] = [f for f in findings if f.code == "quota.exceeded"]
    assert "Chi cục Bảo vệ môi trường: 01" in quota.message_vi
    assert "của đơn vị: 01" in quota.message_vi
    store.close()
