"""Exact texts of the messages a secretary meets most (Cao Bằng pack)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models import Dossier
from desktop.textutil import excerpt
from desktop.validation import validate

from .dossiers import add_nominee, nominee_data, valid_dossier_data

TODAY = dt.date(2023, 7, 3)


@pytest.fixture
def district(cao_bang):
    data = valid_dossier_data(cao_bang, ["individual", "household"], unit_kind="district")
    data["nominees"][0].update(full_name="Nguyễn Thị Hoa", role="direct_worker")
    return data


def find(pack, data, code):
    findings = validate(Dossier.model_validate(data), pack, today=TODAY)
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [f.code for f in findings]
    return found[0]


def test_required_birth_year(cao_bang, district):
    district["nominees"][0]["birth_year"] = None
    f = find(cao_bang, district, "field.required")
    assert f.message_vi == "Đối tượng “Nguyễn Thị Hoa”: chưa nhập Năm sinh."
    assert f.message_en == "Nominee “Nguyễn Thị Hoa”: Birth year is missing."
    assert f.hint_vi == "Nhập Năm sinh; đây là thông tin bắt buộc theo quy định của đợt thi đua."


def test_unnamed_nominee(cao_bang, district):
    district["nominees"][0]["full_name"] = ""
    f = find(cao_bang, district, "field.required")
    assert f.message_vi == "Đối tượng thứ 1 (chưa có tên): chưa nhập Họ và tên."


def test_quota_of_a_district(cao_bang, district):
    data = add_nominee(district, nominee_data(cao_bang, "collective", 5, "district"))
    f = find(cao_bang, data, "quota.exceeded")
    assert f.severity == "error"
    assert f.document == "proposal"
    assert f.message_vi == (
        "Đơn vị đề nghị khen thưởng 03 đối tượng (01 tập thể, 02 cá nhân), vượt số lượng quy "
        "định: không quá 02 tập thể, cá nhân. Quy định của đợt thi đua: “Mỗi huyện, thành phố, "
        "Sở Giáo dục và Đào tạo và Sở Y tế đề nghị khen thưởng không quá 02 tập thể, cá nhân có "
        "thành tích tiêu biểu xuất sắc trong đợt thi đua.”")


def test_quota_one_collective_or_one_individual(cao_bang, district):
    district["unit"].update(kind="provincial_department", emulation_group="Khối 3")
    district["nominees"][1] = nominee_data(cao_bang, "collective", 4, "provincial_department")
    district["proposal"]["nominee_ids"][1] = district["nominees"][1]["id"]
    district["council"]["votes"][1]["nominee_id"] = district["nominees"][1]["id"]
    f = find(cao_bang, district, "quota.exceeded")
    assert f.message_vi.startswith(
        "Đơn vị đề nghị khen thưởng 02 đối tượng (01 tập thể, 01 cá nhân), vượt số lượng quy "
        "định: chỉ được đề nghị 01 tập thể hoặc 01 cá nhân. Quy định của đợt thi đua: “Mỗi đơn "
        "vị tham gia khối, cụm thi đua thuộc tỉnh")
    assert f.params["limit"] == "total"


def test_vote_threshold(cao_bang, district):
    district["council"]["votes"][0].update(votes_for=5, votes_against=3)
    f = find(cao_bang, district, "council.vote_below_threshold")
    assert f.message_vi == (
        "Đối tượng “Nguyễn Thị Hoa”: chỉ có 5 phiếu đồng ý, chưa đạt mức tối thiểu 6 phiếu (70% "
        "của 8 thành viên dự họp). Quy định: “Cuộc họp hợp lệ khi có ít nhất 2/3 tổng số thành "
        "viên Hội đồng tham dự; đối tượng được đề nghị khi có từ 70% trở lên số thành viên dự "
        "họp đồng ý.”")
    assert f.params == {"votes_for": 5, "required": 6, "base": 8, "approval_base": "present",
                        "approval": "70%", "rule_text": cao_bang.council.rule_text}
    assert f.path == "council.votes[0].votes_for"
    assert f.document == "council_minutes"


def test_routing_household_from_a_department(cao_bang, district):
    district["unit"].update(kind="provincial_department", emulation_group=None)
    district["nominees"][1]["head_name"] = "Nông Văn Sáng"
    f = find(cao_bang, district, "routing.wrong_level")
    assert f.message_vi == (
        "Đối tượng “Nông Văn Sáng”: đơn vị loại “Sở, ban, ngành, đoàn thể tỉnh” không thuộc "
        "tuyến trình khen thưởng đối tượng này; đơn vị trình: Ủy ban nhân dân huyện, thành phố. "
        "Quy định: “Ủy ban nhân dân các huyện, thành phố xét khen thưởng và trình Chủ tịch Ủy ban "
        "nhân dân tỉnh khen thưởng đối với các doanh nghiệp, hợp tác xã (không tham gia khối, "
        "cụm thi đua thuộc tỉnh), cá nhân, hộ gia đình trên địa bàn.”")
    assert f.nominee_id == district["nominees"][1]["id"]
    assert f.path == "nominees[1]"


def test_via_district_from_a_commune(cao_bang, district):
    district["unit"]["kind"] = "commune"
    district["nominees"][1]["head_name"] = "Nông Văn Sáng"
    f = find(cao_bang, district, "routing.via_submitter")
    assert f.severity == "info"
    assert f.message_vi == (
        "02 đối tượng do đơn vị xét, chuẩn bị hồ sơ và trình qua Ủy ban nhân dân huyện, thành "
        "phố: “Nguyễn Thị Hoa”, “Nông Văn Sáng”.")


def test_figure_below(cao_bang, district):
    district["nominees"][0]["criteria"]["cn-thanh-tich"]["figures"]["tasks_completed_pct"] = 95
    f = find(cao_bang, district, "criterion.figure_below")
    assert f.message_vi.startswith(
        "Đối tượng “Nguyễn Thị Hoa”: Tỷ lệ nhiệm vụ được giao đã hoàn thành đạt 95%, thấp hơn "
        "mức tối thiểu 100% của tiêu chuẩn 3 “Đạt thành tích tiêu biểu xuất sắc")
    district["nominees"][0]["criteria"]["cn-thanh-tich"]["figures"]["tasks_completed_pct"] = 99.5
    f = find(cao_bang, district, "criterion.figure_below")
    assert "đạt 99,5%" in f.message_vi


def test_priority_summary(cao_bang, district):
    f = find(cao_bang, district, "priority.summary")
    assert f.message_vi == ("2/2 đối tượng thuộc nhóm được ưu tiên khen thưởng (Người trực "
                            "tiếp lao động, công nhân: 01; Hộ gia đình: 01).")
    assert f.params["counts"] == {"lao-dong-truc-tiep": 1, "nong-dan": 0, "ho-gia-dinh": 1}


def test_deadline_closed(cao_bang, district):
    findings = validate(Dossier.model_validate(district), cao_bang, today=dt.date(2023, 7, 5))
    [f] = [f for f in findings if f.code == "deadline.upload_closed"]
    assert f.message_vi == ("Đã hết thời hạn nộp hồ sơ (03/07/2023 - 04/07/2023); hôm nay là "
                            "ngày 05/07/2023.")


def test_criterion_named_by_number_and_start_of_wording(cao_bang, district):
    """A long criterion is quoted by its number and its first words, not whole."""
    del district["nominees"][0]["criteria"]["cn-chap-hanh"]
    f = find(cao_bang, district, "criterion.missing")
    assert f.message_vi == ("Đối tượng “Nguyễn Thị Hoa”: chưa đánh giá tiêu chuẩn 1 “Chấp hành tốt "
                            "các chủ trương, đường lối của Đảng, chính sách…”")
    assert f.params["criterion"] == "cn-chap-hanh"
    assert f.params["criterion_no"] == 1


def test_excerpt_keeps_short_texts_and_cuts_at_a_word():
    assert excerpt("Ngắn gọn.") == "Ngắn gọn."
    cut = excerpt("một " * 40)
    assert cut.endswith("một…") and len(cut) <= 71
