"""Taking nominees: all or nothing; a taken nominee whose package is not in the inbox."""

from __future__ import annotations

import pytest

from desktop.consolidation import receive_package, release_nominees, take_nominees
from desktop.demo import demo_dossier
from desktop.errors import UserError
from desktop.models.consolidation import NomineeOrigin
from desktop.package import export_package
from tests.consolidation.conftest import TODAY, commune_dossier, export


def test_takes_are_checked_before_any_is_written(world, tmp_path):
    commune = world.store("xa")
    commune.create_dossier(commune_dossier("A"))
    package = export(commune, "xa-thu-a", tmp_path / "out", world.pack)
    commune.close()
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
