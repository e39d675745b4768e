"""parse_dossier and translate_pydantic_error: pydantic errors read as Vietnamese sentences."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from desktop.models import Dossier
from desktop.validation import parse_dossier, translate_pydantic_error

from .dossiers import valid_dossier_data


@pytest.fixture
def data(cao_bang):
    d = valid_dossier_data(cao_bang, ["individual", "household"], unit_kind="district")
    d["nominees"][0]["full_name"] = "Nguyễn Thị Hoa"
    return d


def parse_one(data):
    dossier, findings = parse_dossier(data)
    assert dossier is None
    assert len(findings) == 1, [f.message_vi for f in findings]
    return findings[0]


def test_valid_data_parses(data):
    dossier, findings = parse_dossier(data)
    assert findings == []
    assert isinstance(dossier, Dossier)


def test_birth_year_not_a_number(data):
    data["nominees"][0]["birth_year"] = "abc"
    f = parse_one(data)
    assert f.code == "input.int_parsing"
    assert f.severity == "error"
    assert f.path == "nominees[0].birth_year"
    assert f.nominee_id == data["nominees"][0]["id"]
    assert f.document == "nomination_list"
    assert f.message_vi == ("Đối tượng “Nguyễn Thị Hoa”: Năm sinh phải là số nguyên; "
                            "giá trị “abc” không hợp lệ.")
    assert f.message_en == "Nominee “Nguyễn Thị Hoa”: Birth year must be a whole number; " \
        "“abc” is not."


def test_birth_year_out_of_range(data):
    data["nominees"][0]["birth_year"] = 198
    f = parse_one(data)
    assert f.code == "input.greater_than_equal"
    assert f.message_vi == ("Đối tượng “Nguyễn Thị Hoa”: Năm sinh phải lớn hơn hoặc bằng 1900; "
                            "giá trị “198” không hợp lệ.")


def test_missing_nominee_id(data):
    del data["nominees"][1]["id"]
    f = parse_one(data)
    assert f.code == "input.missing"
    assert f.message_vi == "Đối tượng “Nông Văn Sáng”: thiếu Mã đối tượng."


def test_missing_dossier_id(data):
    del data["id"]
    f = parse_one(data)
    assert f.message_vi == "Hồ sơ: thiếu Mã hồ sơ."


def test_extra_key(data):
    data["nominees"][0]["so_cmnd"] = "080123456789"
    f = parse_one(data)
    assert f.code == "input.extra_forbidden"
    assert f.message_vi == "Đối tượng “Nguyễn Thị Hoa”: có trường “so_cmnd” không thuộc mẫu hồ sơ."


def test_bad_date(data):
    data["proposal"]["date"] = "30/06/2023"
    f = parse_one(data)
    assert f.path == "proposal.date"
    assert f.document == "proposal"
    assert f.message_vi == (
        "Tờ trình: Ngày ký tờ trình không phải là ngày hợp lệ; giá trị “30/06/2023” không "
        "đúng dạng năm-tháng-ngày (ví dụ 2023-06-30).")


def test_nested_rows_are_named(data):
    data["nominees"][0]["achievements"][0]["date_to"] = "2023-13-45"
    data["council"]["members"][2]["present"] = "có lẽ"
    data["council"]["votes"][1]["votes_for"] = -1
    _, findings = parse_dossier(data)
    texts = {f.path: f.message_vi for f in findings}
    assert texts["nominees[0].achievements[0].date_to"].startswith(
        "Đối tượng “Nguyễn Thị Hoa”, thành tích thứ 1: Đến ngày không phải là ngày hợp lệ")
    assert texts["council.members[2].present"].startswith(
        "Biên bản họp Hội đồng, thành viên thứ 3: Có mặt chỉ nhận giá trị có hoặc không")
    assert texts["council.votes[1].votes_for"] == (
        "Biên bản họp Hội đồng, dòng kết quả biểu quyết thứ 2: Số phiếu đồng ý phải lớn hơn "
        "hoặc bằng 0; giá trị “-1” không hợp lệ.")


def test_criteria_and_figures(data):
    crit = next(iter(data["nominees"][0]["criteria"]))
    data["nominees"][0]["criteria"][crit]["figures"] = {"tasks_completed_pct": "nhiều"}
    f = parse_one(data)
    assert f.message_vi.startswith(
        f"Đối tượng “Nguyễn Thị Hoa”, tiêu chuẩn “{crit}”, số liệu “tasks_completed_pct”:")


def test_unknown_kind(data):
    data["nominees"][0]["kind"] = "to-chuc"
    f = parse_one(data)
    assert f.code == "input.union_tag_invalid"
    assert "Loại đối tượng “to-chuc” không hợp lệ" in f.message_vi
    assert "'collective'" in f.message_vi


def test_not_a_dict():
    _, findings = parse_dossier(["khong", "phai", "ho", "so"])
    assert [f.code for f in findings] == ["input.model_type"]
    assert findings[0].message_vi.startswith("Hồ sơ:")


def test_translate_without_data_names_the_position(data):
    bad = copy.deepcopy(data)
    bad["nominees"][1]["head_birth_year"] = "năm"
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(bad)
    [err] = exc.value.errors()
    assert translate_pydantic_error(err, "vi") == (
        "Đối tượng thứ 2: Năm sinh của chủ hộ phải là số nguyên; giá trị “năm” không hợp lệ.")
    assert translate_pydantic_error(err, "vi", data=bad).startswith("Đối tượng “Nông Văn Sáng”")
    assert translate_pydantic_error(err, "en") == (
        "Nominee no. 2: Birth year of the head of household must be a whole number; "
        "“năm” is not.")


def test_never_uses_the_english_msg(data):
    err = {"type": "int_parsing", "loc": ("nominees", 0, "individual", "birth_year"),
           "msg": "SOMETHING PYDANTIC SAYS", "input": "x"}
    assert "SOMETHING" not in translate_pydantic_error(err, "vi", data=data)
    unknown = {"type": "brand_new_type", "loc": ("title",), "msg": "x", "input": 1}
    assert translate_pydantic_error(unknown, "vi") == (
        "Hồ sơ: Tên hồ sơ không hợp lệ (mã lỗi brand_new_type).")
