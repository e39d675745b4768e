"""Ký số in the window: the export step signs with the chosen identity after asking the PIN,
shows the signer, and remembers the identity (never the PIN) for the data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.packs import load_pack
from desktop.signing import Identity, remembered
from desktop.signing.demo import DEMO_PIN, write_demo_identity
from desktop.store import Store

LEFT = Qt.MouseButton.LeftButton


def test_export_step_signs_and_shows_the_signer(qtbot, session, runner, tmp_path,
                                                monkeypatch):
    from desktop.package import verify_package
    from desktop.ui import signing as ui_signing
    from desktop.ui.export_page import ExportPage

    demo = write_demo_identity(tmp_path / "id", session.dossier.unit.name)
    page = ExportPage(session, runner, tmp_path / "goi")
    qtbot.addWidget(page)
    assert page.signing.check.text() == "Ký số" and not page.signing.wanted
    page.signing.set_identity(Identity("p12", str(demo.p12), "", str(demo.signature),
                                       str(demo.seal)))
    assert page.signing.wanted
    # a wrong PIN: a plain message, nothing exported
    warnings = []
    monkeypatch.setattr(ui_signing.QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setattr(ui_signing, "ask_pin", lambda _parent, _identity: "0000")
    qtbot.mouseClick(page.button, LEFT)
    assert warnings and "Mã PIN (mật khẩu)" in warnings[0]
    assert page.result is None
    # the right PIN: signed, the signer shown
    monkeypatch.setattr(ui_signing, "ask_pin", lambda _parent, _identity: DEMO_PIN)
    qtbot.mouseClick(page.button, LEFT)
    qtbot.waitUntil(lambda: page.result is not None or page.error.text() != "",
                    timeout=60000)
    assert page.error.text() == ""
    assert page.result.signer is not None
    assert "Đã ký số gói và các văn bản PDF (PAdES B-B)." in page.outcome.text()
    assert "Người ký: Ủy ban nhân dân xã Bạch Đằng (DEMO)" in page.outcome.text()
    report = verify_package(page.result.path, packs_dirs=session.store.packs_dirs)
    assert report.ok and report.signature.status == "valid"
    assert ui_signing.package_signature_text(report).startswith("Người ký:")
    kept = remembered(session.store.path.parent)
    assert kept is not None and kept.path == str(demo.p12)
    runner.wait_all()


def test_identity_dialog_needs_a_file_or_a_token(qtbot, tmp_path):
    from desktop.ui.signing import IdentityDialog

    dialog = IdentityDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.token_button.isChecked()
    dialog._accept()
    assert dialog.identity is None
    assert dialog.error.text() == "Hãy chọn thư viện PKCS#11 và nhãn của USB token."
    dialog.library.setText("/usr/lib/softhsm/libsofthsm2.so")
    dialog.label.setEditText("to-ky-so")
    dialog._accept()
    assert dialog.identity == Identity("pkcs11", "/usr/lib/softhsm/libsofthsm2.so",
                                       "to-ky-so")
    dialog = IdentityDialog(dialog.identity)
    qtbot.addWidget(dialog)
    dialog.p12_button.setChecked(True)
    dialog._accept()
    assert dialog.error.text() == "Hãy chọn tệp chứng thư (.p12/.pfx)."
    dialog.library.setText("/khong/co.so")
    dialog._find_tokens()
    assert "Không thấy trình điều khiển" in dialog.error.text()


@pytest.mark.parametrize("demo", [False, True])
def test_demo_identity_offered_only_with_demo(qtbot, tmp_path, monkeypatch, demo):
    import types

    from PySide6.QtWidgets import QMainWindow

    from desktop.ui import signing as ui_signing

    window = QMainWindow()
    window.controller = types.SimpleNamespace(demo=demo, session=None)
    choice = ui_signing.SigningChoice(tmp_path / "data")
    window.setCentralWidget(choice)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert choice.demo_button.isVisible() is demo
    if demo:
        shown = []
        monkeypatch.setattr(ui_signing.QMessageBox, "information",
                            lambda _parent, _title, text: shown.append(text))
        qtbot.mouseClick(choice.demo_button, LEFT)
        assert shown == ["Đã tạo chứng thư số dùng thử. Mã PIN: 1234"]
        assert choice.wanted and choice.identity.kind == "p12"
        assert remembered(tmp_path / "data") == choice.identity


def test_inbox_names_who_signed_a_received_package(qtbot, launch, hoso_data_dir, tmp_path):
    """On import (the district's inbox), the signer of each received package is shown."""
    from desktop.demo import demo_dossier
    from desktop.package import export_package
    from desktop.signing import SigningOptions, open_identity

    commune = demo_dossier("demo-xa-bach-dang")
    pack = load_pack(commune.pack.id, commune.pack.version)
    demo = write_demo_identity(tmp_path / "id", commune.unit.name)
    with open_identity(Identity("p12", str(demo.p12)), DEMO_PIN) as opened:
        signed = export_package(commune, pack, tmp_path / "signed", formats=("pdf",),
                                signing=SigningOptions(opened)).path
    plain = export_package(commune.model_copy(update={"revision": 2}), pack,
                           tmp_path / "plain", formats=("pdf",)).path
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(demo_dossier("demo-huyen-trung-khanh"))
    window = launch().window
    window.show_inbox()
    dialog = window.inbox_dialog
    dialog.receive([str(signed), str(plain)])
    text = dialog.message.text()
    assert (f"{signed.name}: ký số hợp lệ bởi Ủy ban nhân dân xã Bạch Đằng (DEMO)") in text
    assert f"{plain.name}: gói chưa được ký số." in text
