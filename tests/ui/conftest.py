"""Fixtures for the GUI tests: a real app window on a temporary data folder, offscreen."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import desktop.ui  # noqa: F401  (loads pydantic before PySide6)
from desktop import i18n
from desktop.demo import demo_dossiers
from desktop.store import Store


@pytest.fixture(autouse=True)
def _vietnamese():
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")


def args(data_dir, **extra):
    values = {"demo": False, "data_dir": str(data_dir), "packs_dir": [], "lang": None, **extra}
    return SimpleNamespace(**values)


@pytest.fixture
def launch(qtbot, hoso_data_dir):
    """``launch(**args)`` -> the controller of a started app; everything closed afterwards."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import launch as launch_app

    controllers = []

    def start(staged=False, **extra):
        controller = launch_app(args(hoso_data_dir, **extra), QApplication.instance(),
                                staged=staged)
        assert controller is not None
        controllers.append(controller)
        return controller

    yield start
    import shiboken6

    for c in controllers:
        if c.window is not None and shiboken6.isValid(c.window):
            c.window.close()
            c.window.deleteLater()
        c.close_store()


@pytest.fixture
def demo_store(hoso_data_dir):
    """The data folder holding the first demo dossier (the store is closed again)."""
    dossier = demo_dossiers()[0]
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(dossier)
    return dossier


@pytest.fixture(autouse=True)
def documents(tmp_path, monkeypatch):
    """The user's Documents folder (Tài liệu), where packages go by default: this test's
    own (QStandardPaths reads $HOME). The cache keeps its real place (the demo template and
    fontconfig's cache are built once, not per test)."""
    import os
    from pathlib import Path

    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    monkeypatch.setenv("XDG_CACHE_HOME", cache)
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home / "Documents"


@pytest.fixture
def session(qtbot, hoso_data_dir):
    """A window session on the first demo dossier (no errors, no signed copies yet)."""
    from desktop.packs import load_pack
    from desktop.ui.session import Session

    dossier = demo_dossiers()[0]
    store = Store(data_dir=hoso_data_dir)
    store.create_dossier(dossier)
    s = Session(store, dossier.id, load_pack(dossier.pack.id, dossier.pack.version))
    yield s
    store.close()


@pytest.fixture
def runner(qtbot):
    """A task runner whose busy indicator never shows during a test; all tasks waited for."""
    from desktop.ui.tasks import TaskRunner

    r = TaskRunner(delay_ms=60000)
    yield r
    r.wait_all()
