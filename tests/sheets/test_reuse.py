"""Reusing what was typed: the previous dossier's unit, council and signer; copies."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from validation.dossiers import CAO_BANG, valid_dossier_data

from desktop.cli import main
from desktop.models import Dossier, Unit
from desktop.packs import load_pack
from desktop.reuse import apply_offer, copy_dossier, offer, offer_changes, previous_dossier
from desktop.store import Store
from desktop.validation import validate


@pytest.fixture(scope="module")
def pack():
    return load_pack(CAO_BANG)


@pytest.fixture
def last_year(pack) -> Dossier:
    data = valid_dossier_data(pack, ["individual", "household"], unit_kind="district")
    data["id"] = "hs-2023"
    return Dossier.model_validate(data)


def test_copy_keeps_unit_council_signer_and_clears_the_old_campaign(last_year, pack):
    copy = copy_dossier(last_year, new_id="hs-2024")
    assert (copy.id, copy.revision, copy.state) == ("hs-2024", 1, "draft")
    assert copy.unit == last_year.unit
    assert copy.council.members == last_year.council.members
    assert (copy.council.chair, copy.council.secretary) == ("Lê Văn Bình", "Phùng Văn Lộc")
    assert (copy.proposal.signer_name, copy.proposal.signer_title,
            copy.proposal.authority_body) == ("Lê Văn Bình", "CHỦ TỊCH", "ỦY BAN NHÂN DÂN")
    assert copy.nominees == () and copy.council.votes == () and copy.council.date is None
    assert copy.proposal.number == "" and copy.proposal.date is None
    assert copy.proposal.nominee_ids == ()
    codes = {f.code for f in validate(copy, pack, today=dt.date(2023, 7, 3))}
    assert "dossier.empty" in codes and "council.no_members" not in codes
    with_nominees = copy_dossier(last_year, new_id="hs-2024b", keep_nominees=True)
    assert with_nominees.nominees == last_year.nominees
    assert with_nominees.proposal.nominee_ids == tuple(n.id for n in last_year.nominees)


def test_previous_dossier_of_the_unit_is_offered_and_applied(tmp_path, last_year, pack):
    with Store(tmp_path / "hoso.db", daily_backup=False) as store:
        other = last_year.model_copy(update={"id": "hs-khac", "unit": Unit(name="Sở Y tế")})
        store.create_dossier(other, pack=pack)
        store.create_dossier(last_year, pack=pack)
        new = Dossier(id="hs-2024", pack=last_year.pack,
                      unit=Unit(name="Ủy ban nhân dân huyện Hòa An"))
        store.create_dossier(new, pack=pack)
        found_dossier = previous_dossier(store, new)
        assert found_dossier is not None and found_dossier.id == "hs-2023"
        found = offer(found_dossier, new)
        assert found.unit == last_year.unit and found.members == last_year.council.members
        assert found.signer["signer_name"] == "Lê Văn Bình"
        filled = apply_offer(new, found, signer=False)
        assert filled.unit == last_year.unit and filled.proposal.signer_name == ""
        assert filled.council.chair == "Lê Văn Bình"
        paths = [p for p, _ in offer_changes(found, unit=False, members=False)]
        assert "proposal.signer_name" in paths and not any(p.startswith("unit") for p in paths)
        # nothing left to offer once it is all there
        assert offer(found_dossier, apply_offer(new, found)).empty


def test_cli_copy_dossier(tmp_path, last_year, capsys):
    src, out = tmp_path / "2023.json", tmp_path / "2024.json"
    src.write_text(last_year.model_dump_json(), encoding="utf-8")
    assert main(["copy-dossier", str(src), "--out", str(out), "--id", "hs-2024"]) == 0
    assert "hs-2024" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["id"] == "hs-2024" and data["nominees"] == []
    assert len(data["council"]["members"]) == len(last_year.council.members)
