"""The return: notes checked against the received dossier, the decision's rules, the slip."""

from __future__ import annotations

import json

import pytest

from consolidation.conftest import TODAY, commune_a_package
from desktop.consolidation import make_return, read_return_file, receive_package
from desktop.demo import demo_dossier
from desktop.documents.return_slip import build_return_slip
from desktop.errors import UserError


@pytest.fixture
def received(world, tmp_path):
    package = commune_a_package(world, tmp_path / "out")
    district = world.store("huyen")
    got = receive_package(district, package, packs_dirs=[world.packs_dir], today=TODAY)
    yield district, got.received_id
    district.close()


REVIEWER = demo_dossier("demo-huyen-trung-khanh").unit


@pytest.mark.parametrize(("spec", "key", "field"), [
    ({"decision": "rejected"}, "returns.reason_required", "reason"),
    ({"decision": "returned", "notes": []}, "returns.notes_required", "notes"),
    ({"decision": "maybe"}, "returns.bad_decision", "decision"),
    ({"notes": [{"text": " "}]}, "returns.note_no_text", "notes[0].text"),
    ({"notes": [{"nominee_id": "nobody", "text": "x"}]}, "returns.note_bad_nominee",
     "notes[0].nominee_id"),
    ({"notes": [{"document": "to-trinh-khac", "text": "x"}]}, "returns.note_bad_document",
     "notes[0].document"),
    ({"notes": [{"path": "nominees[5].head_name", "text": "x"}]}, "returns.note_bad_path",
     "notes[0].path"),
])
def test_bad_notes_name_the_field_and_write_nothing(received, tmp_path, spec, key, field):
    store, received_id = received
    with pytest.raises(UserError) as exc:
        make_return(store, received_id, spec, tmp_path / "tl", reviewer=REVIEWER)
    assert exc.value.key == key
    assert field in exc.value.message()
    assert store.returns_for(received_id) == []
    assert not (tmp_path / "tl").exists()


def test_rejected_with_reason_and_the_slip(received, tmp_path):
    store, received_id = received
    made = make_return(store, received_id, {
        "decision": "rejected", "reason": "Đối tượng không thuộc phạm vi đợt thi đua",
        "notes": [{"path": "nominees[1].head_birth_year", "text": "Năm sinh không khớp"}]},
        tmp_path / "tl", reviewer=REVIEWER)
    return_file, sha = read_return_file(made.json_path)
    assert return_file == made.return_file and sha == made.sha256
    # an index path is kept by id: it survives the commune re-ordering its list
    assert return_file.notes[0].path == "nominees[id=ho-nong-van-thuan].head_birth_year"
    assert store.list_received()[0].decision == "rejected"
    pack = store.campaign_pack(store.received_revision(received_id).dossier.pack)
    slip = build_return_slip(return_file, pack, REVIEWER, package_name="p.zip",
                             received_revision=1)
    text = "\n".join(slip.texts())
    assert "PHIẾU YÊU CẦU BỔ SUNG, CHỈNH SỬA HỒ SƠ" in text
    assert "Kính gửi: Ủy ban nhân dân xã Thử A" in text
    assert "Không tiếp nhận hồ sơ." in text
    assert "Đối tượng không thuộc phạm vi đợt thi đua" in text
    assert "Nông Văn A: Năm sinh của chủ hộ" in text
    assert "ỦY BAN NHÂN DÂN" in text and "HUYỆN TRÙNG KHÁNH" in text
    raw = json.loads(made.json_path.read_text("utf-8"))
    assert raw["format"] == "hoso-return" and raw["decision"] == "rejected"


def test_a_signed_return_is_checked_before_it_opens(received, world, tmp_path):
    from desktop.consolidation import apply_return_file
    from desktop.signing import Identity, open_identity
    from desktop.signing.demo import write_demo_identity

    store, received_id = received
    demo = write_demo_identity(tmp_path / "ky-so", REVIEWER.name)
    with open_identity(Identity("p12", str(demo.p12)), demo.pin) as opened:
        made = make_return(store, received_id, {"notes": [
            {"path": "nominees[1].head_birth_year", "text": "Năm sinh không khớp"}]},
            tmp_path / "tl", reviewer=REVIEWER, pdf=False, signing=opened)
    assert made.signature_path.name == made.json_path.name + ".p7s"
    commune = world.store("xa")
    applied = apply_return_file(commune, made.json_path, trust_files=(str(demo.ca),))
    assert "Trùng Khánh" in applied.signed_by and applied.trusted
    # the same file changed after signing: refused, not opened
    forged = tmp_path / "gia" / made.json_path.name
    forged.parent.mkdir()
    forged.write_bytes(made.json_path.read_bytes().replace(
        "Năm sinh không khớp".encode(), "Không có ý kiến".encode()))
    (forged.parent / made.signature_path.name).write_bytes(made.signature_path.read_bytes())
    with pytest.raises(UserError) as exc:
        apply_return_file(commune, forged, trust_files=(str(demo.ca),))
    assert exc.value.key == "returns.bad_signature"
    assert [n.note.text for n in commune.opened_notes("xa-thu-a")] == ["Năm sinh không khớp"]
    commune.close()
