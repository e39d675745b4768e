"""Tệp → "Cài gói đợt thi đua…": a signed pack is described, installed and the drafts of
the older version moved; a tampered one is refused, naming what failed."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from desktop.demo.caobang2026 import demo_dossiers
from desktop.packs.publish import build_hosopack
from desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]
KEY = ROOT / "tests" / "data" / "pack-publisher" / "demo-publisher.pem"


@pytest.fixture
def hosopack(tmp_path) -> Path:
    folder = tmp_path / "src" / "caobang-2026-78nam"
    shutil.copytree(ROOT / "resources" / "campaigns" / "caobang-2026-78nam", folder)
    text = (folder / "pack.toml").read_text("utf-8").replace('version = "1.0.0"',
                                                             'version = "1.1.0"')
    text = text.replace("max_total = 2", "max_total = 3")
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    return build_hosopack(folder, tmp_path / "out.hosopack", key_file=KEY,
                          publisher="hoso-demo")


@pytest.fixture
def window(launch, hoso_data_dir, monkeypatch):
    monkeypatch.setenv("HOSO_ALLOW_DEMO_PUBLISHER", "1")
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(demo_dossiers()[0])
    return launch().window


def test_menu_entry_installs_and_moves_the_draft(window, hosopack, qtbot, hoso_data_dir):
    from desktop.ui.pack_install import show_pack_install

    action = window.findChild(type(window.menuBar().actions()[0]), "action_install_pack")
    assert action is not None and action.text() == "Cài gói đợt thi đua…"
    dialog = show_pack_install(window, hosopack)
    about = dialog.about.text()
    assert "Tỉnh: Cao Bằng" in about and "phiên bản 1.1.0" in about
    assert "01/01/2026 – 30/06/2026" in about and "hai cấp" in about
    assert "chữ ký hợp lệ" in about
    assert "Thay đổi so với phiên bản 1.0.0 đã cài (1)" in dialog.changes.text()
    assert "quy định số lượng “xa-phuong-sgd-syt”" in dialog.changes.text()
    dialog.install_button.click()
    assert (hoso_data_dir / "packs" / "caobang-2026-78nam-1.1.0" / "pack.toml").is_file()
    assert dialog.drafts.rowCount() == 1
    assert dialog.drafts.item(0, 0).text() == "demo-2026-phuong-thuc-phan"
    assert dialog.move_button.isVisibleTo(dialog)
    dialog.move_button.click()
    assert "Đã chuyển 1 hồ sơ nháp sang phiên bản 1.1.0" in dialog.status.text()
    store = window.session.store
    assert store.get_dossier("demo-2026-phuong-thuc-phan").pack.version == "1.1.0"
    dialog.close()


def test_tampered_pack_is_refused_in_the_window(window, hosopack, tmp_path, hoso_data_dir):
    from desktop.ui.pack_install import show_pack_install

    bad = tmp_path / "bad.hosopack"
    with zipfile.ZipFile(hosopack) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "pack/pack.toml":
                data = data.replace(b"max_total = 3", b"max_total = 30")
            zout.writestr(item.filename, data)
    dialog = show_pack_install(window, bad)
    assert "Không cài gói này." in dialog.about.text()
    assert "pack/pack.toml" in dialog.about.text()
    assert not dialog.install_button.isVisibleTo(dialog)
    assert not (hoso_data_dir / "packs").exists()
    dialog.close()


def test_unit_page_of_a_two_tier_dossier_offers_no_district(window):
    from PySide6.QtWidgets import QComboBox, QWidget

    from desktop.ui.main_window import STEP_KEYS

    window.go(STEP_KEYS.index("unit"))
    kinds = window.findChild(QComboBox, "field_kind")
    labels = [kinds.itemText(i) for i in range(kinds.count())]
    assert "Ủy ban nhân dân xã, phường, đặc khu" in labels
    assert not [label for label in labels if "huyện" in label.lower()]
    levels = window.findChild(QComboBox, "field_managing_level")
    assert [levels.itemText(i) for i in range(levels.count())] == ["—", "Cấp tỉnh", "Cấp xã"]
    assert window.findChild(QWidget, "field_district") is None
    assert window.findChild(QWidget, "field_address") is not None


def test_new_two_tier_dossier_starts_from_the_regime(qtbot, launch):
    controller = launch()
    start = controller.window.centralWidget()
    assert start.objectName() == "start_page"
    start.pack_combo.setCurrentIndex(next(i for i, p in enumerate(start.packs)
                                          if p.id == "caobang-2026-78nam"))
    start.name.setText("Ủy ban nhân dân huyện Hòa An")
    start.kind.setCurrentIndex(next(i for i, (v, _) in enumerate(start.kind_choices)
                                    if v == "district"))
    start.create()
    assert "không còn theo quy định của đợt thi đua" in start.error.text()
    start.name.setText("Ủy ban nhân dân phường Tân Giang")
    start.kind.setCurrentIndex(next(i for i, (v, _) in enumerate(start.kind_choices)
                                    if v == "commune"))
    start.create()
    dossier = controller.session.dossier
    assert dossier.pack.id == "caobang-2026-78nam" and dossier.unit.parent_body is None
    p = dossier.proposal
    assert (p.authority, p.authority_body, p.signer_title) == ("TM", "ỦY BAN NHÂN DÂN",
                                                               "CHỦ TỊCH")
