"""Three communes → the district's inbox → notes back to one → it fixes and re-exports → the
district consolidates two nominees → its package verifies and names each nominee's origin."""

from __future__ import annotations

import json
import zipfile

import pytest

from consolidation.conftest import (
    TODAY,
    altered_package,
    commune_a_package,
    commune_dossier,
    export,
)
from desktop.consolidation import (
    apply_return_file,
    make_return,
    receive_package,
    take_nominees,
)
from desktop.demo import demo_dossier
from desktop.package import ImportRefused, verify_package
from desktop.validation import validate


def blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_communes_district_return_and_consolidation(world, tmp_path, capsys):
    pack = world.pack
    # ---- three communes export their packages (C's household lacks members_count)
    packages = {}
    communes = {}
    for letter in "ABC":
        store = world.store(f"xa-{letter}")
        dossier = commune_dossier(letter, members_count=None if letter == "C" else 5)
        store.create_dossier(dossier)
        if letter == "A":  # signed copies: the household's summary, the hamlet's report,
            # the commune's tờ trình
            for document, nominee in (("achievement_summary", "ho-nong-van-thuan"),
                                      ("achievement_report", "xom-na-me"),
                                      ("proposal", None)):
                store.attach_signed_copy(dossier.id, document, blank_pdf(), page_count=1,
                                         file_name=f"{document}.pdf", nominee_id=nominee)
        packages[letter] = export(store, dossier.id, tmp_path / "out" / letter, pack)
        communes[letter] = store

    # ---- the district receives them
    district = world.store("huyen")
    got = {k: receive_package(district, p, packs_dirs=[world.packs_dir], today=TODAY)
           for k, p in packages.items()}
    assert [got[k].revision for k in "ABC"] == [1, 1, 1]
    assert got["A"].errors == 0 and got["B"].errors == 0
    # C passed the pack it was made with, not the current one (1.1.0)
    assert not any(f.blocking for f in got["C"].findings_made)
    assert got["C"].current_pack_version == "1.1.0"
    [missing] = [f for f in got["C"].findings_current if f.blocking]
    assert missing.path.endswith(".members_count")
    assert "(do Ủy ban nhân dân xã Thử C đề nghị)" not in missing.message_vi  # not taken yet
    listed = {r.unit_name: r for r in district.list_received()}
    assert set(listed) == {f"Ủy ban nhân dân xã Thử {k}" for k in "ABC"}
    row = listed["Ủy ban nhân dân xã Thử C"]
    assert (row.revision, row.nominee_count, row.errors_made, row.errors_current) == (1, 2, 0, 1)
    assert "Nông Văn C" in row.nominee_names and row.decision is None
    # the same package again is not a second dossier
    with pytest.raises(Exception, match="đã được nhận"):
        receive_package(district, packages["A"], packs_dirs=[world.packs_dir])

    # ---- the district returns C with a note on the field and one on a document
    district_dossier = demo_dossier("demo-huyen-trung-khanh")
    district.create_dossier(district_dossier)
    c_id = got["C"].received_id
    household = next(n for n in commune_dossier("C").nominees if n.kind == "household")
    spec = {"decision": "returned", "number": "07", "signer_name": "Lê Văn Bình",
            "signer_title": "Trưởng phòng Nội vụ",
            "notes": [{"path": f"nominees[id={household.id}].members_count",
                       "text": "Thiếu số nhân khẩu của hộ"},
                      {"document": "council_minutes", "text": "Thiếu bản ký của biên bản"}]}
    made = make_return(district, c_id, spec, tmp_path / "tra-lai",
                       reviewer=district_dossier.unit)
    assert made.pdf_path is not None and made.pdf_path.read_bytes().startswith(b"%PDF")
    assert [n.id for n in made.return_file.notes] == ["n1", "n2"]
    assert "Nông Văn C" in made.return_file.notes[0].label
    assert district.list_received()[0].decision is not None

    # ---- commune C opens the return, fixes the field, marks both notes done, re-exports
    c_store = communes["C"]
    applied = apply_return_file(c_store, made.json_path)
    assert applied.matches_export
    notes = c_store.opened_notes("xa-thu-c", open_only=True)
    assert [n.note.path for n in notes] == [f"nominees[id={household.id}].members_count", ""]
    c_store.update_field("xa-thu-c", f"nominees[id={household.id}].members_count", 4)
    for note in notes:
        c_store.mark_note_done("xa-thu-c", note.return_id, note.note.id,
                               answer="Đã bổ sung")
    assert c_store.opened_notes("xa-thu-c", open_only=True) == []
    second = export(c_store, "xa-thu-c", tmp_path / "out" / "C2", pack, minutes=30)
    with zipfile.ZipFile(second) as zf:
        answers = json.loads(zf.read("return-answers.json"))
    assert answers["return_id"] == made.return_file.id
    assert [n["done"] for n in answers["notes"]] == [True, True]

    # ---- the district receives it as revision 2 of the same dossier, with the changes
    again = receive_package(district, second, packs_dirs=[world.packs_dir], today=TODAY)
    assert (again.received_id, again.revision) == (c_id, 2)
    assert again.errors == 0
    change = next(c for c in again.differences["fields"]
                  if c["path"].endswith("members_count"))
    assert (change["old"], change["new"]) == (None, 4)
    assert len(district.list_received()) == 3
    rev = district.received_revision(c_id)
    assert rev.revision == 2 and rev.answers["notes"][0]["answer"] == "Đã bổ sung"

    # ---- the district takes A's and C's households: one id collides and is renamed
    a_id = got["A"].received_id
    taken = take_nominees(district, district_dossier.id,
                          [(a_id, household.id), (c_id, household.id)])
    assert [t.nominee_id for t in taken] == [household.id, f"r{c_id}-{household.id}"]
    combined = district.get_dossier(district_dossier.id)
    assert len(combined.nominees) == 4
    findings = validate(combined, pack, today=TODAY)
    [quota] = [f for f in findings if f.code == "quota.exceeded"]
    assert "Ủy ban nhân dân xã Thử A: 01" in quota.message_vi
    assert "Ủy ban nhân dân xã Thử C: 01" in quota.message_vi
    assert any("(do Ủy ban nhân dân xã Thử C đề nghị)" in f.message_vi for f in findings)
    # the district puts forward only the two taken households, with its own vote
    for own in ("phong-nn-ptnt-trung-khanh", "lam-van-thang"):
        district.remove_nominee(district_dossier.id, own)
    dossier = district.get_dossier(district_dossier.id)
    ids = tuple(n.id for n in dossier.nominees)
    district.set_proposal(dossier.id, dossier.proposal.model_copy(update={"nominee_ids": ids}))
    votes = tuple(v.model_copy(update={"nominee_id": i})
                  for v, i in zip(dossier.council.votes, ids, strict=True))
    district.set_council(dossier.id, dossier.council.model_copy(update={"votes": votes}))
    final = district.get_dossier(district_dossier.id)
    assert not [f for f in validate(final, pack, today=TODAY) if f.blocking]

    # ---- its package verifies and lists each nominee's origin
    package = export(district, district_dossier.id, tmp_path / "out" / "huyen", pack)
    report = verify_package(package, packs_dirs=[world.packs_dir])
    assert report.ok, [p.message() for p in report.problems]
    sources = {s.unit_name: s for s in report.manifest.sources}
    assert set(sources) == {"Ủy ban nhân dân xã Thử A", "Ủy ban nhân dân xã Thử C"}
    assert sources["Ủy ban nhân dân xã Thử C"].package_sha256 == rev.package_sha256
    assert sources["Ủy ban nhân dân xã Thử C"].nominee_ids == (f"r{c_id}-{household.id}",)
    # A's household: its summary and its signed copy came along, and A's signed tờ trình;
    # the hamlet A kept (not taken) stayed behind
    a_files = sources["Ủy ban nhân dân xã Thử A"].files
    assert len(a_files) == 3, a_files
    assert sum(1 for f in a_files if f.endswith("_BanKy.pdf")) == 2
    assert any("ToTrinh_BanKy" in f for f in a_files)
    assert not any("XomNa" in f for f in a_files)
    for source in sources.values():
        for name in source.files:
            assert report.manifest.file(name) is not None
    origins = {n.id: n.origin.unit_name for n in report.dossier.nominees}
    assert origins == {household.id: "Ủy ban nhân dân xã Thử A",
                       f"r{c_id}-{household.id}": "Ủy ban nhân dân xã Thử C"}
    # `hoso verify` names each source package and the nominees taken from it
    from desktop.cli import main

    capsys.readouterr()
    assert main(["--packs-dir", str(world.packs_dir), "verify", str(package)]) == 0
    out = capsys.readouterr().out
    assert "Nguồn: Ủy ban nhân dân xã Thử A (hồ sơ xa-thu-a, phiên bản 1" in out
    assert "Nguồn: Ủy ban nhân dân xã Thử C (hồ sơ xa-thu-c, phiên bản 2" in out
    assert f"r{c_id}-{household.id}" in out
    for store in [district, *communes.values()]:
        store.close()


def test_altered_package_is_refused(world, tmp_path):
    package = commune_a_package(world, tmp_path / "out")
    altered = altered_package(package, tmp_path / "altered.zip", "Nông Văn A", "Nông Văn Z")
    district = world.store("huyen")
    with pytest.raises(ImportRefused) as exc:
        receive_package(district, altered, packs_dirs=[world.packs_dir])
    assert "dossier.json" in exc.value.message()
    assert district.list_received() == []
    district.close()


def test_proposal_and_list_name_the_origin(world):
    from desktop.documents import build_documents
    from desktop.models.consolidation import NomineeOrigin

    dossier = demo_dossier("demo-huyen-trung-khanh")
    first = dossier.nominees[0].model_copy(update={"origin": NomineeOrigin(
        unit_name="Ủy ban nhân dân xã Thử A", dossier_id="xa-thu-a", revision=1,
        nominee_id="n1", package_sha256="a" * 64)})
    dossier = dossier.model_copy(update={"nominees": (first, *dossier.nominees[1:])})
    [listing] = [d for d in build_documents(dossier, world.pack) if d.kind == "nomination_list"]
    text = "\n".join(listing.texts())
    assert "Do Ủy ban nhân dân xã Thử A đề nghị" in text
    assert text.count("Do Ủy ban nhân dân") == 1
    [proposal] = [d for d in build_documents(dossier, world.pack) if d.kind == "proposal"]
    assert "Trong đó có các đối tượng do Ủy ban nhân dân xã Thử A (01 đối tượng) đề nghị" \
        in "\n".join(proposal.texts())
