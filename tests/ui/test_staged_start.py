"""Re-opening the last dossier: the window is there at once, the dossier fills it in."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel


def _remember(controller_factory):
    """A first, ordinary start remembers the dossier, its step and its name."""
    first = controller_factory()
    first.window.go(2)
    title = first.window.windowTitle()
    first.window.close()
    first.close_store()
    return title


def test_window_shows_the_remembered_dossier_then_fills_in(qtbot, launch, demo_store):
    title = _remember(launch)
    controller = launch(staged=True)
    window = controller.window
    assert not controller.ready
    # at once: the steps, the dossier's name, greyed menus, and what is being opened
    assert window.windowTitle() == title
    loading = window.findChild(QLabel, "loading")
    assert window.stack.currentWidget() is loading
    assert loading.text() == f"Đang mở hồ sơ “{demo_store.title}”…"
    assert window.steps.currentRow() == 2
    menus = window.menuBar().actions()
    assert [a.text() for a in menus] == ["&Tệp", "&Chỉnh sửa", "&Ngôn ngữ", "Trợ &giúp"]
    assert not any(a.menu().isEnabled() for a in menus)
    qtbot.waitUntil(lambda: controller.ready, timeout=30000)
    # then the remembered step of the dossier, checked, with working menus
    assert controller.session.dossier.id == demo_store.id
    assert window.current_step() == 2
    assert window.stack.currentWidget() is window.pages.slots[2]
    assert window.windowTitle() == title
    assert window.status_label.text() != ""
    menus = window.menuBar().actions()
    assert [a.text() for a in menus] == ["&Tệp", "&Chỉnh sửa", "&Ngôn ngữ", "Trợ &giúp"]
    assert all(a.menu().isEnabled() for a in menus)
    assert window.findChild(QAction, "action_undo") is not None


def test_a_step_chosen_while_loading_is_the_one_opened(qtbot, launch, demo_store):
    _remember(launch)
    controller = launch(staged=True)
    window = controller.window
    window.go(3)  # Alt+4 before the dossier is there
    assert not controller.ready
    qtbot.waitUntil(lambda: controller.ready, timeout=30000)
    assert window.current_step() == 3
    assert window.stack.currentWidget() is window.pages.slots[3]
    assert 3 in window.pages.built


def test_a_remembered_dossier_that_is_gone_opens_the_usual_start(qtbot, launch, demo_store,
                                                                  hoso_data_dir):
    _remember(launch)
    settings = QSettings(str(hoso_data_dir / "hoso-ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_dossier", "da-xoa")  # removed since (or another data file)
    settings.sync()
    controller = launch(staged=True)
    qtbot.waitUntil(lambda: controller.ready, timeout=30000)
    # the one dossier there is opened, as on an ordinary start
    assert controller.window.objectName() == "main_window"
    assert controller.session.dossier.id == demo_store.id


def test_the_window_comes_before_the_domain_code():
    """What the first window needs does not load pydantic, the store or the rule engine
    (they are most of the start-up time and load on the background thread)."""
    code = ("import sys, desktop.ui.app, desktop.ui.main_window, desktop.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic', 'sqlite_utils', 'reportlab') or m.startswith(("
            "'desktop.models', 'desktop.store', 'desktop.validation', 'desktop.packs'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_file_name_matches_the_store():
    import desktop.store
    import desktop.ui.app

    assert desktop.ui.app.FILE_NAME == desktop.store.FILE_NAME


def test_data_file_in_use_says_so_and_ends_the_start(qtbot, launch, demo_store, hoso_data_dir,
                                                      monkeypatch):
    """A second HoSo on the same data file: the loading thread cannot open it, and the
    ordinary start's message explains why (no crash, no half-open window)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.store import Store

    _remember(launch)
    shown, exits = [], []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append(text))
    # the app ends with code 1 (recorded: exiting would stop the test session's event loops)
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    with Store(data_dir=hoso_data_dir):  # the other window
        controller = launch(staged=True)
        window = controller.window
        qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert "HoSo đang được mở ở một cửa sổ khác trên máy này" in shown[0]
    assert not controller.ready and controller.store is None
    assert not window.isVisible()
    assert exits == [1]


def test_closing_the_window_while_loading_leaves_the_data_file_free(qtbot, launch, demo_store,
                                                                    hoso_data_dir):
    from desktop.store import Store

    _remember(launch)
    controller = launch(staged=True)
    controller.window.close()  # waits for the loading thread
    controller.close_store()
    with Store(data_dir=hoso_data_dir) as store:  # not locked, not damaged
        assert store.has_dossier(demo_store.id)


def test_a_bug_on_the_loading_thread_falls_back_to_the_ordinary_start(qtbot, launch, demo_store,
                                                                       monkeypatch, capsys):
    import desktop.ui.app as app_module

    _remember(launch)

    def broken(self, dossier_id):
        def job(token):
            raise RuntimeError("lỗi thử")
            yield  # a job is a generator

        return job

    monkeypatch.setattr(app_module.Controller, "_open_job", broken)
    controller = launch(staged=True)
    qtbot.waitUntil(lambda: controller.ready, timeout=30000)
    assert controller.window.objectName() == "main_window"
    assert controller.session.dossier.id == demo_store.id
    assert "RuntimeError: lỗi thử" in capsys.readouterr().err
