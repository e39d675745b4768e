"""``hoso inbox add/list``, ``hoso return``, ``hoso apply-return``, ``hoso consolidate``."""

from __future__ import annotations

import json

from consolidation.conftest import commune_a_package
from desktop.cli import main
from desktop.demo import demo_dossier


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_inbox_return_apply_and_consolidate(world, tmp_path, capsys, monkeypatch):
    package = commune_a_package(world, tmp_path / "out")
    district_dir = tmp_path / "huyen"
    base = ("--data-dir", str(district_dir), "--packs-dir", str(world.packs_dir))

    code, out, _ = _run(capsys, *base, "inbox", "add", str(package), "--today", "2023-07-10")
    assert code == 0
    assert "Đã nhận" in out and "hồ sơ nhận số 1, lần gửi thứ 1" in out
    assert "Ủy ban nhân dân xã Thử A, 2 đối tượng, 0 lỗi" in out
    code, out, _ = _run(capsys, *base, "inbox", "add", str(package), "--json")
    assert code == 1
    refused = json.loads(out)["refused"]
    assert "đã được nhận vào hộp hồ sơ trước đây" in refused[0]["message"]

    code, out, _ = _run(capsys, *base, "inbox", "list", "--json")
    [row] = json.loads(out)
    assert (row["id"], row["revision"], row["unit_name"], row["nominee_count"]) == \
        (1, 1, "Ủy ban nhân dân xã Thử A", 2)
    assert row["decision"] is None and "Nông Văn A" in row["nominee_names"]
    code, out, _ = _run(capsys, *base, "inbox", "list")
    assert "Ủy ban nhân dân xã Thử A" in out and "Chưa xem xét" in out

    # a note on a field the dossier does not have: exit 2, the note named
    notes = tmp_path / "notes.json"
    notes.write_text(json.dumps({"decision": "returned", "notes": [
        {"path": "nominees[1].no_such_field", "text": "?"}]}), encoding="utf-8")
    code, _, err = _run(capsys, *base, "return", "1", "--notes", str(notes), "--out",
                        str(tmp_path / "tl"))
    assert code == 2 and "notes[0].path" in err and "không có trường đó" in err
    notes.write_text(json.dumps({"decision": "returned", "notes": [
        {"path": "nominees[1].head_birth_year", "text": "Năm sinh không khớp với báo cáo"}]},
        ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(capsys, *base, "return", "1", "--notes", str(notes), "--out",
                        str(tmp_path / "tl"))
    assert code == 0 and "Trả lại để bổ sung, chỉnh sửa, 1 ý kiến" in out
    [return_file] = (tmp_path / "tl").glob("*.json")
    assert len(list((tmp_path / "tl").glob("*.pdf"))) == 1
    # signed with the reviewer's identity (PIN from HOSO_PIN): TraLai_….json.p7s beside it
    from desktop.signing.demo import write_demo_identity

    demo = write_demo_identity(tmp_path / "ky-so", "Ủy ban nhân dân huyện Trùng Khánh")
    monkeypatch.setenv("HOSO_PIN", demo.pin)
    code, out, _ = _run(capsys, *base, "return", "1", "--notes", str(notes), "--out",
                        str(tmp_path / "tl-ky"), "--sign-with", f"p12:{demo.p12}")
    assert code == 0 and "Đã ký số tệp trả lại" in out
    [signed_return] = (tmp_path / "tl-ky").glob("*.json")
    assert signed_return.with_name(signed_return.name + ".p7s").is_file()

    # the commune opens it
    commune_base = ("--data-dir", str(tmp_path / "xa"), "--packs-dir", str(world.packs_dir))
    code, out, _ = _run(capsys, *commune_base, "apply-return", str(return_file))
    assert code == 0
    assert "Nông Văn A: Năm sinh" in out and "Năm sinh không khớp với báo cáo" in out
    assert "không có chữ ký số" in out
    code, out, _ = _run(capsys, *commune_base, "apply-return", str(signed_return), "--trust",
                        str(demo.ca))
    assert code == 0 and "chữ ký số hợp lệ" in out and "(chứng thư tin cậy)" in out
    code, _, err = _run(capsys, *commune_base, "apply-return", str(notes))
    assert code == 2 and "không phải tệp trả lại hồ sơ" in err

    # the district takes a nominee into its own dossier and exports
    from desktop.store import Store

    with Store(district_dir / "hoso.db") as store:
        district = demo_dossier("demo-huyen-trung-khanh")
        store.create_dossier(district)
    code, out, err = _run(capsys, *base, "consolidate", district.id, "--take", "1:nope")
    assert code == 2 and "không có đối tượng mã “nope”" in err
    code, out, _ = _run(capsys, *base, "consolidate", district.id, "--take",
                        "1:ho-nong-van-thuan", "--today", "2023-07-10")
    assert code == 1  # three nominees for a quota of two: the quota finding names commune A
    assert "Đã lấy đối tượng ho-nong-van-thuan" in out
    assert "Ủy ban nhân dân xã Thử A: 01" in out

    # without its own two nominees and with the council's votes, it exports; the package
    # carries the household's received summary and names commune A's package
    with Store(district_dir / "hoso.db") as store:
        for own in ("phong-nn-ptnt-trung-khanh", "lam-van-thang"):
            store.remove_nominee(district.id, own)
        dossier = store.get_dossier(district.id)
        store.set_proposal(district.id, dossier.proposal.model_copy(
            update={"nominee_ids": ("ho-nong-van-thuan",)}))
        store.set_council(district.id, dossier.council.model_copy(update={"votes": (
            dossier.council.votes[0].model_copy(update={"nominee_id": "ho-nong-van-thuan"}),)}))
    code, out, _ = _run(capsys, *base, "consolidate", district.id, "--today", "2023-07-10",
                        "--export", str(tmp_path / "goi"), "--json")
    assert code == 0, out
    result = json.loads(out)
    [source] = result["package"]["sources"]
    assert source["unit_name"] == "Ủy ban nhân dân xã Thử A"
    assert source["nominee_ids"] == ["ho-nong-van-thuan"]
    assert not any(f["severity"] == "error" for f in result["findings"])
    [zipped] = (tmp_path / "goi").glob("*.zip")
    code, out, _ = _run(capsys, *base, "verify", str(zipped))
    assert code == 0 and "Nguồn: Ủy ban nhân dân xã Thử A" in out, out
