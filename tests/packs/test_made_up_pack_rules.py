"""The rule engine applies the made-up Sơn Lâm pack's own rules (architecture guide §3.4).

Every expectation here differs from Cao Bằng: quota 3 for a district, secret ballot only,
9/10 of all council members, a maximum figure, households submitted by communes. If one of
these fails while the Cao Bằng tests pass, a Cao Bằng fact is hard-coded in the engine.
Runs once ``desktop.validation`` exists.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models import Dossier
from desktop.packs import load_pack_file

validation = pytest.importorskip("desktop.validation")

PACK_FILE = Path(__file__).resolve().parent / "sonlam-2024-nong-thon-moi" / "pack.toml"
TODAY = dt.date(2024, 11, 6)  # inside the made-up upload window


@pytest.fixture(scope="module")
def pack():
    return load_pack_file(PACK_FILE)


def _answers(pack, kind: str, **figures: float) -> dict:
    spec = pack.kind_spec(kind)
    answers = {}
    for criterion in spec.criteria:
        values = {f.id: figures.get(f.id, f.min if f.min is not None else f.max)
                  for f in criterion.figures}
        answers[criterion.id] = {"met": True, "figures": values,
                                 "evidence": "Báo cáo số 12/BC-UBND ngày 25/10/2024."}
    return answers


def _achievement() -> list[dict]:
    return [{"description": "Làm 1,5 km đường bê tông thôn Khe Mít.",
             "date_from": "2024-05-02", "date_to": "2024-09-30",
             "figures": "1,5 km; 420 ngày công", "evidence": "Biên bản nghiệm thu ngày 30/9/2024"}]


def _village(pack, nominee_id: str = "thon-khe-mit", **figures: float) -> dict:
    return {"kind": "collective", "id": nominee_id, "name": f"Thôn {nominee_id}",
            "collective_type": "thon-ban", "address": "Xã Tân Lập, huyện Đồi Thông",
            "head_name": "Quách Văn Sơn", "staff_count": 3,
            "criteria": _answers(pack, "collective", **figures),
            "achievements": _achievement()}


def _farmer(pack) -> dict:
    return {"kind": "individual", "id": "dinh-thi-mo", "full_name": "Đinh Thị Mơ",
            "birth_year": 1979, "gender": "female", "ethnicity": "06", "role": "nong-dan",
            "address": "Thôn Khe Mít, xã Tân Lập", "report_form": "summary",
            "summary": "Trồng 2 ha bưởi, góp 30 ngày công làm đường thôn.",
            "criteria": _answers(pack, "individual", **{"ngay-cong": 30}),
            "achievements": _achievement()}


def _household(pack) -> dict:
    return {"kind": "household", "id": "ho-bui-van-ken", "head_name": "Bùi Văn Kên",
            "head_birth_year": 1965, "head_gender": "male", "ethnicity": "06",
            "address": "Thôn Khe Mít, xã Tân Lập", "members_count": 4,
            "annual_income_vnd": 180_000_000, "report_form": "summary",
            "summary": "Hiến 300 m² đất làm đường thôn.",
            "criteria": _answers(pack, "household", **{"dien-tich-hien": 300}),
            "contributions": [{"description": "Hiến đất làm đường", "date": "2024-06-01",
                               "land_m2": 300}]}


def _dossier(pack, nominees: list[dict], *, kind: str = "district", total: int = 10,
             present: int = 10, votes_for: int | None = None,
             method: str = "secret_ballot") -> Dossier:
    members = [{"name": f"Thành viên {i + 1}", "council_role": "Ủy viên",
                "present": i < present, "absence_reason": "" if i < present else "Đi công tác"}
               for i in range(total)]
    votes = [{"nominee_id": n["id"], "votes_for": present if votes_for is None else votes_for}
             for n in nominees]
    unit_name = "Ủy ban nhân dân huyện Đồi Thông" if kind == "district" else \
        "Ủy ban nhân dân xã Tân Lập"
    return Dossier.model_validate({
        "id": "sonlam-test", "title": "Hồ sơ đề nghị khen thưởng",
        "pack": {"id": pack.id, "version": pack.version},
        "unit": {"name": unit_name, "kind": kind, "managing_level": kind,
                 "head_name": "Cao Văn Thái", "symbol": "UBND", "locality": "Đồi Thông"},
        "nominees": nominees,
        "council": {"number": "02", "date": "2024-11-01", "start_time": "08:00",
                    "place": "Hội trường", "members": members, "chair": "Thành viên 1",
                    "secretary": "Thành viên 2", "voting_method": method, "votes": votes},
        "proposal": {"number": "31", "symbol": "TTr-UBND", "date": "2024-11-04",
                     "place": "Đồi Thông", "addressee": "Ủy ban nhân dân tỉnh Sơn Lâm",
                     "signer_name": "Cao Văn Thái", "signer_title": "CHỦ TỊCH",
                     "authority": "TM", "authority_body": "ỦY BAN NHÂN DÂN",
                     "nominee_ids": [n["id"] for n in nominees]},
    })


def _codes(pack, dossier: Dossier, severities=("error", "warning")) -> list[str]:
    return sorted(f.code for f in validation.validate(dossier, pack, today=TODAY)
                  if f.severity in severities)


def test_clean_district_dossier_at_the_made_up_quota_of_three(pack):
    nominees = [_village(pack), _village(pack, "thon-ban-nua"), _farmer(pack)]
    assert _codes(pack, _dossier(pack, nominees)) == []


def test_a_fourth_nominee_exceeds_the_made_up_quota(pack):
    nominees = [_village(pack), _village(pack, "thon-ban-nua"), _village(pack, "thon-dong-ca"),
                _farmer(pack)]
    assert "quota.exceeded" in _codes(pack, _dossier(pack, nominees))


def test_a_commune_submits_its_household_itself(pack):
    commune = _dossier(pack, [_household(pack)], kind="commune")
    assert _codes(pack, commune) == []
    district = _dossier(pack, [_household(pack)])
    assert "routing.wrong_level" in _codes(pack, district)


def test_commune_quota_is_one(pack):
    commune = _dossier(pack, [_household(pack), _farmer(pack)], kind="commune")
    assert "quota.exceeded" in _codes(pack, commune)


def test_nine_tenths_of_all_members_must_approve(pack):
    # 10 members, 9 present: 9 votes (9/10 of 10) pass, 8 do not.
    assert _codes(pack, _dossier(pack, [_farmer(pack)], present=9, votes_for=9)) == []
    codes = _codes(pack, _dossier(pack, [_farmer(pack)], present=9, votes_for=8))
    assert "council.vote_below_threshold" in codes


def test_quorum_is_one_half(pack):
    assert "council.no_quorum" not in _codes(
        pack, _dossier(pack, [_farmer(pack)], present=5, votes_for=5))
    assert "council.no_quorum" in _codes(
        pack, _dossier(pack, [_farmer(pack)], present=4, votes_for=4))


def test_only_secret_ballot(pack):
    codes = _codes(pack, _dossier(pack, [_farmer(pack)], method="show_of_hands"))
    assert "council.method_not_allowed" in codes


@pytest.mark.parametrize(
    ("figures", "code"),
    [
        ({"chi-tieu-hoan-thanh": 94}, "criterion.figure_below"),
        ({"chi-tieu-vuot": 9.9}, "criterion.figure_below"),
        ({"tieu-chi-ntm-dat": 20}, "criterion.figure_above"),
        ({"ty-le-ho-ngheo": 5.1}, "criterion.figure_above"),
    ],
)
def test_made_up_thresholds(pack, figures, code):
    codes = _codes(pack, _dossier(pack, [_village(pack, **figures)]))
    assert codes == [code]


def test_thresholds_are_inclusive(pack):
    village = _village(pack, **{"chi-tieu-hoan-thanh": 95, "chi-tieu-vuot": 10,
                                "tieu-chi-ntm-dat": 19, "ty-le-ho-ngheo": 5})
    assert _codes(pack, _dossier(pack, [village])) == []


def test_achievements_outside_the_made_up_period(pack):
    farmer = _farmer(pack)
    farmer["achievements"] = [{**_achievement()[0], "date_from": "2023-01-10",
                               "date_to": "2023-06-20"}]  # Cao Bằng's period, not this one
    assert "achievement.date_outside_period" in _codes(pack, _dossier(pack, [farmer]))
