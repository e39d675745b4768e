"""Legal regimes as data: the shipped regime files, old packs unchanged, and a third pack
with a regime HoSo does not ship, made in a temporary folder, that renders with no code
change."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.documents import render_dossier
from desktop.errors import PackError
from desktop.models.campaign import Regime
from desktop.packs import load_pack, load_pack_file
from desktop.packs.check import check_pack_dir
from desktop.packs.regimes import load_regime, regimes_dir, shipped_regimes
from desktop.packs.sample import sample_dossier

ROOT = Path(__file__).resolve().parents[2]
SONLAM = ROOT / "tests" / "packs" / "sonlam-2024-nong-thon-moi"
SHIPPED_PACKS = sorted((ROOT / "resources" / "campaigns").glob("*/pack.toml"))


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)


def test_shipped_regimes_load_and_are_ordered():
    regimes = shipped_regimes()
    assert [r.id for r in regimes] == ["2003/ND91", "2022/ND98", "2022/ND152"]
    for regime in regimes:
        assert (regimes_dir() / f"{regime.id.lower().replace('/', '-')}.toml").is_file()
        assert regime.chain("commune")[-1] == regime.deciding_level == "province"
    two_tier = regimes[-1]
    assert [lv.id for lv in two_tier.ended_levels()] == ["district"]
    assert two_tier.route_for("commune") == ("commune", "province")
    assert two_tier.unit_kind("district") is None
    assert two_tier.unit_kind("commune").signature.authority == "TM"


def test_old_pack_without_regime_field_loads_as_2003_nd91(tmp_path):
    text = (ROOT / "resources/campaigns/caobang-2023-75nam/pack.toml").read_text("utf-8")
    folder = tmp_path / "caobang-2023-75nam"
    folder.mkdir()
    (folder / "pack.toml").write_text(text.replace('legal_regime = "2003/ND91"\n', ""),
                                      encoding="utf-8")
    pack = load_pack_file(folder / "pack.toml")
    assert pack.legal_regime == "2003/ND91" and pack.regime.id == "2003/ND91"
    assert pack.model_dump(exclude={"regime"}) == load_pack("caobang-2023-75nam").model_dump(
        exclude={"regime"})


def test_unknown_regime_is_named(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    text = (SONLAM / "pack.toml").read_text("utf-8").replace('"2022/ND98"', '"2040/ND1"')
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack_file(folder / "pack.toml")
    assert "2040/ND1" in err.value.message() and "chế độ pháp lý" in err.value.message()


def test_a_pack_cannot_use_a_unit_kind_its_regime_lacks(tmp_path):
    text = (ROOT / "resources/campaigns/caobang-2023-75nam/pack.toml").read_text("utf-8")
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.toml").write_text(text.replace('legal_regime = "2003/ND91"',
                                                   'legal_regime = "2022/ND152"'), "utf-8")
    with pytest.raises(PackError) as err:
        load_pack_file(folder / "pack.toml")
    assert "district" in err.value.message()


THIRD_REGIME = '''
id = "2031/ND77"
title = "Chế độ thử nghiệm 2031: ba cấp, Hội đồng biểu quyết 3/4"
law = "Luật Thi đua, khen thưởng (giả định) năm 2030"
decree = "Nghị định số 77/2031/NĐ-CP (giả định)"
effective_from = 2031-01-01
deciding_level = "province"
source = "unknown: made up for a test"
grounds = ["Nghị định số 77/2031/NĐ-CP (giả định) quy định chi tiết Luật Thi đua, khen thưởng"]
levels = [
  { id = "province", label = "Cấp tỉnh" },
  { id = "region", label = "Cấp vùng", submits_to = "province" },
  { id = "commune", label = "Cấp xã", submits_to = "region", unit_words = ["xã"] },
]
[report_forms]
collective = ["full_report"]
individual = ["full_report", "summary"]
household = ["summary"]
resident = ["summary"]
[council]
quorum = "3/4"
approval = "3/4"
approval_base = "total_members"
voting_methods = ["secret_ballot"]
rule_text = "Hợp lệ khi có 3/4 thành viên; đồng ý từ 3/4 tổng số thành viên."
source = "unknown: test"
'''

UNIT_KINDS = [  # kind, level, superior, authority, body, head
    ("district", "region", "", "TM", "HỘI ĐỒNG VÙNG", "TRƯỞNG VÙNG"),
    ("commune", "commune", "", "TM", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    *((k, "province", "UBND TỈNH {province}", "direct", "", "GIÁM ĐỐC")
      for k in ("provincial_department", "education_department", "health_department")),
    *((k, "province", "", "direct", "", "GIÁM ĐỐC") for k in ("enterprise", "cooperative")),
    ("other", "province", "", "direct", "", "THỦ TRƯỞNG"),
]
TEMPLATES = [("proposal", "confirmed"), ("nomination-list", "confirmed"),
             ("council-minutes", "confirmed"), ("summary", "confirmed"),
             ("nd77-mau-03", "unconfirmed")]


def _third_regime() -> str:
    lines = [THIRD_REGIME]
    for kind, level, superior, authority, body, head in UNIT_KINDS:
        lines += ["[[unit_kinds]]", f'kind = "{kind}"', f'level = "{level}"',
                  f'label = "{kind}"', f'superior = "{superior}"',
                  f'signature = {{ authority = "{authority}", body = "{body}", '
                  f'head = "{head}" }}']
    for tid, status in TEMPLATES:
        lines += ["[[templates]]", f'id = "{tid}"', 'version = "3"', f'status = "{status}"',
                  f'title = "Mẫu {tid} (thử)"', 'source = "unknown: test"']
    return "\n".join(lines) + "\n"


THIRD_TEMPLATE = '''kind = "achievement_report"
extends = "nd98-chuyen-de"
type_name = "BÁO CÁO THÀNH TÍCH THEO MẪU SỐ 03"
'''


def _third_pack(tmp_path: Path) -> Path:
    """The made-up Sơn Lâm pack moved to a regime of its own, carried in its folder with a
    template of its own: nothing of it is in resources/ or in HoSo's code."""
    folder = tmp_path / "sonlam-2031-thu-nghiem"
    shutil.copytree(SONLAM, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = (folder / "pack.toml").read_text("utf-8")
    start, end = text.index("\n[council]"), text.index("\n[[documents]]")
    text = text[:start] + "\n" + text[end:]  # council rules left to the regime
    text = (text.replace('id = "sonlam-2024-nong-thon-moi"', 'id = "sonlam-2031-thu-nghiem"')
            .replace('legal_regime = "2022/ND98"', 'legal_regime = "2031/ND77"')
            .replace('template = "nd98-chuyen-de"', 'template = "nd77-mau-03"'))
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    (folder / "regimes").mkdir()
    (folder / "regimes" / "2031-nd77.toml").write_text(_third_regime(), encoding="utf-8")
    (folder / "templates").mkdir()
    (folder / "templates" / "nd77-mau-03.toml").write_text(THIRD_TEMPLATE, encoding="utf-8")
    return folder


def test_third_pack_with_its_own_regime_renders_without_code_change(tmp_path):
    folder = _third_pack(tmp_path)
    pack = load_pack_file(folder / "pack.toml")
    assert pack.regime.id == "2031/ND77" and pack.route_for("commune") == (
        "commune", "region", "province")
    assert str(pack.council.quorum) == "3/4"  # from the regime
    dossier, findings = sample_dossier(pack)
    assert [f.code for f in findings if f.severity != "info"] == []
    assert "template.unconfirmed" in {f.code for f in findings}
    docs = render_dossier(dossier, pack, today=pack.upload_window.start)
    texts = {d.kind: _text(d.data) for d in docs}
    assert "BÁO CÁO THÀNH TÍCH THEO MẪU SỐ 03" in texts["achievement_report"]
    assert "3/4" in texts["council_minutes"]


def test_pack_check_passes_on_the_shipped_packs_and_the_third(tmp_path):
    for path in [*SHIPPED_PACKS, _third_pack(tmp_path) / "pack.toml"]:
        report = check_pack_dir(path.parent, out=tmp_path / "out" / path.parent.name)
        assert report.ok, [i.text for i in report.of("error")]
        assert report.of("unconfirmed"), "every real pack still has unconfirmed items"
        assert len(report.rendered) >= 4
        assert (tmp_path / "out" / path.parent.name / report.rendered[0].file_name).is_file()


def test_pack_check_names_a_broken_reference(tmp_path):
    folder = _third_pack(tmp_path)
    (folder / "templates" / "nd77-mau-03.toml").unlink()
    report = check_pack_dir(folder, render=False)
    assert not report.ok
    assert any("nd77-mau-03" in i.text for i in report.of("error"))


def test_pack_check_cli_lists_unconfirmed_items(capsys):
    from desktop.cli import main

    code = main(["pack", "check", str(ROOT / "resources/campaigns/caobang-2026-78nam")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Mục chưa xác nhận" in out and "nd152-chuyen-de" in out
    assert "example: no 2026 plan is known" in out
    assert "Kết quả: gói hợp lệ." in out


def test_regime_files_satisfy_the_regime_schema():
    import tomllib

    for path in sorted(regimes_dir().glob("*.toml")):
        with path.open("rb") as fh:
            Regime.model_validate(tomllib.load(fh))
        assert load_regime(Regime.model_validate(tomllib.load(path.open("rb"))).id)


def test_an_old_dossier_keeps_its_pack_and_regime(tmp_path):
    """The store keeps the pack a dossier was made with, regime included: when the pack
    (and its own regime file) is gone, the dossier still validates under its own rules."""
    from desktop.models import PackRef
    from desktop.store import Store
    from desktop.validation import validate

    folder = _third_pack(tmp_path / "packs")
    pack = load_pack_file(folder / "pack.toml")
    dossier, _ = sample_dossier(pack)
    with Store(data_dir=tmp_path / "data", packs_dirs=[str(folder.parent)]) as store:
        store.create_dossier(dossier)
    shutil.rmtree(folder)
    with Store(data_dir=tmp_path / "data") as store:
        kept = store.campaign_pack(PackRef(id=pack.id, version=pack.version))
        assert kept is not None and kept.regime.id == "2031/ND77"
        assert kept.route_for("commune") == ("commune", "region", "province")
        again = store.get_dossier(dossier.id)
        findings = validate(again, kept, today=kept.upload_window.start)
        assert [f.code for f in findings if f.severity != "info"] == []


def test_pack_check_refuses_a_template_named_like_a_shipped_one(tmp_path):
    folder = _third_pack(tmp_path)
    (folder / "templates" / "proposal.toml").write_text('kind = "proposal"\n', "utf-8")
    report = check_pack_dir(folder, render=False)
    assert not report.ok
    assert any("“proposal”" in i.text for i in report.of("error"))


def test_a_confirmed_template_shows_in_the_rule_changes():
    """When a board confirms the Decree 152 report form (new version, status confirmed), the
    installer's list of changes says so."""
    from desktop.store.packdiff import diff_packs

    old = load_pack("caobang-2026-78nam")
    templates = tuple(t.model_copy(update={"version": "1.0", "status": "confirmed"})
                      if t.id == "nd152-chuyen-de" else t for t in old.regime.templates)
    new = old.model_copy(update={"version": "1.1.0", "regime": old.regime.model_copy(
        update={"templates": templates})})
    changes = [(c.section, c.key, c.change, c.new) for c in diff_packs(old, new)]
    assert changes == [("documents", "achievement_report", "changed",
                        {"template": "nd152-chuyen-de", "version": "1.0",
                         "status": "confirmed"})]
