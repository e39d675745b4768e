"""Property tests: the engine never raises, and NFD input reads like NFC input."""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import Dossier
from desktop.packs import load_pack
from desktop.validation import parse_dossier, validate

from .dossiers import CAO_BANG, nominee_data, valid_dossier_data, variant_pack

PACK = load_pack(CAO_BANG)
PACKS = [PACK, variant_pack(PACK)]
NAMES = ["Nguyễn Thị Hoà", "nguyễn thị hòa", "Nông Văn Sáng", "", "Lý Thị Thuỷ", "Đàm Văn Ỷ"]
DATES = [None, "2022-12-31", "2023-01-01", "2023-06-30", "2023-07-02", "2023-07-05",
         "2024-10-08"]
KINDS = ["collective", "individual", "household", "resident"]
UNIT_KINDS = [None, "provincial_department", "district", "education_department", "commune",
              "enterprise", "other"]


@st.composite
def nominees(draw, pack):
    kind = draw(st.sampled_from(KINDS))
    data = nominee_data(PACK, kind, draw(st.integers(0, 8)), "district")
    data["id"] = draw(st.sampled_from(["a", "b", "c", "d", f"{kind}-x"]))
    name_key = {"collective": "name", "household": "head_name"}.get(kind, "full_name")
    data[name_key] = draw(st.sampled_from(NAMES))
    if draw(st.booleans()):
        data["criteria"] = {k: {**v, "met": draw(st.booleans()),
                                "figures": {f: draw(st.sampled_from([0.0, 95.5, 100.0, 300.0]))
                                            for f in v["figures"]}}
                            for k, v in data["criteria"].items()}
    if draw(st.booleans()):
        data["criteria"]["la"] = {"met": True}
    if draw(st.booleans()):
        data["achievements"][0].update(date_from=draw(st.sampled_from(DATES)),
                                       date_to=draw(st.sampled_from(DATES)))
    data["report_form"] = draw(st.sampled_from(["full_report", "summary"]))
    if kind in ("individual", "household", "resident"):
        data["ethnicity"] = draw(st.sampled_from([None, "01", "07", "77", "99"]))
    if kind == "individual":
        data["role"] = draw(st.sampled_from([None, "farmer", "leader_manager", "la"]))
        data["holds_leadership"] = draw(st.booleans())
        data["managed_by_unit"] = draw(st.booleans())
    if kind == "collective":
        data["collective_type"] = draw(st.sampled_from([None, "enterprise", "hamlet", "la"]))
        data["in_emulation_group"] = draw(st.booleans())
    return data


@st.composite
def dossiers(draw):
    pack = draw(st.sampled_from(PACKS))
    data = valid_dossier_data(PACK, ["individual"], unit_kind="district")
    data["pack"]["id"] = draw(st.sampled_from([PACK.id, pack.id, "khac"]))
    data["nominees"] = draw(st.lists(nominees(pack), max_size=5))
    ids = [n["id"] for n in data["nominees"]]
    data["proposal"]["nominee_ids"] = draw(st.lists(st.sampled_from([*ids, "z"]), max_size=6))
    data["proposal"]["date"] = draw(st.sampled_from(DATES))
    data["council"]["date"] = draw(st.sampled_from(DATES))
    data["council"]["votes"] = [
        {"nominee_id": draw(st.sampled_from([*ids, "z"])), "votes_for": draw(st.integers(0, 12)),
         "votes_against": draw(st.integers(0, 3)), "abstain": draw(st.integers(0, 2))}
        for _ in range(draw(st.integers(0, 6)))]
    members = data["council"]["members"][: draw(st.integers(0, 9))]
    for m in members:
        m["present"] = draw(st.booleans())
        m["written_opinion"] = draw(st.booleans())
    data["council"]["members"] = members
    data["council"]["chair"] = draw(st.sampled_from(["", "Lê Văn Bình", "LÊ VĂN  BÌNH", "Ai"]))
    data["council"]["voting_method"] = draw(st.sampled_from([None, "secret_ballot"]))
    data["unit"]["kind"] = draw(st.sampled_from(UNIT_KINDS))
    data["unit"]["emulation_group"] = draw(st.sampled_from([None, "", "Khối 1"]))
    return pack, data


def _nfd(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, list):
        return [_nfd(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfd(v) for k, v in value.items()}
    return value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers(), st.sampled_from([dt.date(2023, 7, 1), dt.date(2023, 7, 3),
                                     dt.date(2024, 10, 9), None]))
def test_validate_never_raises_and_nfd_reads_like_nfc(case, today):
    pack, data = case
    dossier, findings = parse_dossier(copy.deepcopy(data))
    if dossier is None:
        assert all(f.code.startswith("input.") for f in findings)
        return
    result = validate(dossier, pack, today=today)
    assert all(f.message_vi and f.message_en for f in result)
    assert [f.severity for f in result] == sorted(
        (f.severity for f in result), key=["error", "warning", "info"].index)
    decomposed = Dossier.model_validate(_nfd(data))
    assert [f.model_dump() for f in validate(decomposed, pack, today=today)] == \
        [f.model_dump() for f in result]


@settings(max_examples=60, deadline=None)
@given(dossiers(), st.integers(0, 4))
def test_adding_a_nominee_never_clears_a_quota_finding(case, index):
    pack, data = case
    dossier, _ = parse_dossier(data)
    if dossier is None or not dossier.nominees:
        return
    before = {f.code for f in validate(dossier, pack, today=dt.date(2023, 7, 3))}
    extra = dossier.nominees[index % len(dossier.nominees)].model_copy(update={"id": "them"})
    grown = dossier.model_copy(update={"nominees": (*dossier.nominees, extra)})
    after = {f.code for f in validate(grown, pack, today=dt.date(2023, 7, 3))}
    if "quota.exceeded" in before:
        assert "quota.exceeded" in after
