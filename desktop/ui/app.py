"""Start-up of the desktop app: crash hook, language, store, first window.

``run_app(args)`` (``hoso``, ``hoso --demo``): installs the crash hook first, creates the
``QApplication`` (Vietnamese locale by default), opens the store in the data folder (or a
fresh copy of the demo data under ``<data>/demo`` with ``--demo``), and shows the last
dossier at the last step, the list of dossiers, or the start page on a first run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from desktop import __version__, i18n
from desktop.errors import HosoError
from desktop.paths import data_dir as user_data_dir
from desktop.store import FILE_NAME, StorageKnownError, Store, StoreDamagedError, recover
from desktop.ui.qt_i18n import CatalogTranslator, apply_language, tr

ENV_TEST = "HOSO_UI_TEST"  # tests only: report readiness, optionally perform one edit
ENV_TEST_EDIT = "HOSO_UI_TEST_EDIT"  # "step:objectName=text": type text into that field


def install_excepthook(log_dir: Path) -> None:
    """Bugs: a log file in ``log_dir`` and a dialog with copyable details."""
    def hook(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log_file = None
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            log_file = log_dir / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
            log_file.write_text(f"HoSo {__version__}\n{text}", encoding="utf-8")
        except OSError:
            pass
        sys.stderr.write(text)
        if QApplication.instance() is not None and os.environ.get(ENV_TEST) != "1":
            box = QMessageBox(QMessageBox.Icon.Critical, tr("ui.crash.title"),
                              tr("ui.crash.text", log=str(log_file or "—")))
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook


class Controller:
    """Owns the store, settings and the current window; rebuilds it on a language switch."""

    def __init__(self, app: QApplication, store: Store, data_dir: Path,
                 translator: CatalogTranslator, packs_dirs=()) -> None:
        self.app, self.store, self.data_dir = app, store, data_dir
        self.translator = translator
        self.packs_dirs = tuple(packs_dirs)
        self.settings = QSettings(str(store.path.parent / "hoso-ui.ini"),
                                  QSettings.Format.IniFormat)
        self.session = None
        self.window: QMainWindow | None = None

    # ------------------------------------------------------------------ start

    def start(self) -> None:
        last = self.settings.value("last_dossier", "", str)
        if last and self.store.has_dossier(last):
            self.open_dossier(last, int(self.settings.value("last_step", 0, int)))
        elif len(dossiers := self.store.list_dossiers()) == 1:
            self.open_dossier(dossiers[0].id, 0)
        elif dossiers:
            self.open_list(first=True)
        else:
            self.new_dossier()

    def _show(self, window: QMainWindow) -> None:
        old = self.window
        self.window = window
        geometry = self.settings.value("geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            window.resize(1200, 760)
        window.show()
        if old is not None:
            old.setProperty("replaced", True)
            old.close()
            old.deleteLater()

    def new_dossier(self) -> None:
        from desktop.packs import list_packs
        from desktop.ui.start import StartPage

        try:
            packs = list_packs(self.packs_dirs)
        except HosoError as exc:
            QMessageBox.warning(self.window, tr("ui.storage_error.title"), str(exc))
            packs = []
        window = QMainWindow()
        window.setWindowTitle(tr("ui.start.window_title"))
        page = StartPage(self.store, packs)
        page.created.connect(lambda dossier_id: self.open_dossier(dossier_id, 0))
        window.setCentralWidget(page)
        window.closeEvent = lambda event, w=window: (self.window_closing(w), event.accept())
        self._show(window)

    def open_list(self, first: bool = False) -> None:
        from desktop.ui.main_window import DossierListDialog

        dialog = DossierListDialog(self.store, self.window)
        if not dialog.exec():
            if first:
                self.new_dossier() if not self.store.list_dossiers() else self.open_dossier(
                    self.store.list_dossiers()[0].id, 0)
            return
        if dialog.new_requested:
            self.new_dossier()
        elif dialog.chosen:
            self.open_dossier(dialog.chosen, 0)

    def open_dossier(self, dossier_id: str, step: int = 0) -> None:
        from desktop.ui.session import Session

        dossier = self.store.get_dossier(dossier_id)
        pack = self.store.campaign_pack(dossier.pack)
        if pack is None:
            QMessageBox.warning(self.window, tr("ui.storage_error.title"),
                                tr("ui.open.no_pack", pack=dossier.pack.id,
                                   version=dossier.pack.version))
            return
        self.session = Session(self.store, dossier_id, pack, dossier=dossier)
        self._remember("last_dossier", dossier_id)
        self._open_window(step)

    def _open_window(self, step: int) -> None:
        from desktop.ui.main_window import MainWindow

        window = MainWindow(self, self.session, step)
        window.step_changed.connect(self._remember_step)
        self._remember_step(window.current_step())
        self._show(window)

    def _remember_step(self, step: int) -> None:
        self._remember("last_step", step)

    def _remember(self, key: str, value) -> None:
        """Store a setting and write the file at once (a crash must not lose it); no write
        (an fsync) when the value is already there."""
        if self.settings.value(key) == value or self.settings.value(key) == str(value):
            return
        self.settings.setValue(key, value)
        self.settings.sync()

    # ------------------------------------------------------------------ actions

    def switch_language(self, lang: str) -> None:
        if lang == i18n.get_language():
            return
        apply_language(lang, self.translator)
        self.settings.setValue("language", lang)
        self.settings.sync()
        if self.session is not None and self.window is not None and hasattr(
                self.window, "current_step"):
            self._open_window(self.window.current_step())

    def show_backups(self) -> None:
        from desktop.ui.main_window import BackupsDialog

        dialog = BackupsDialog(self.store, self.window)
        dialog.exec()
        if dialog.restored and self.session is not None:
            if self.store.has_dossier(self.session.dossier_id):
                self.session.reload()
            else:
                self.open_list(first=True)

    def window_closing(self, window: QWidget) -> None:
        if window is self.window and not window.property("replaced"):
            self.settings.setValue("geometry", window.saveGeometry())
            self.settings.sync()


def open_store(folder: Path, packs_dirs=(), *, daily_backup: bool = True) -> Store | None:
    """Open the store; known problems get a calm dialog (and a restore offer on damage)."""
    while True:
        try:
            return Store(data_dir=folder, packs_dirs=packs_dirs, daily_backup=daily_backup)
        except StoreDamagedError as exc:
            if exc.backup is None:
                QMessageBox.critical(None, tr("ui.storage_error.title"), str(exc))
                return None
            answer = QMessageBox.question(None, tr("ui.storage_error.title"), tr(
                "ui.storage_error.restore_offer", message=str(exc), backup=exc.backup.name))
            if answer != QMessageBox.StandardButton.Yes:
                return None
            recover(exc.path, exc.backup)
        except StorageKnownError as exc:
            QMessageBox.warning(None, tr("ui.storage_error.title"),
                                tr("ui.storage_error.text", message=str(exc)))
            return None


def _demo_stamp(packs_dirs=()) -> str:
    """What the demo database depends on: the app version and the names, sizes and times
    of the demo data, the store's code (schema, migrations) and the installed packs."""
    import hashlib

    import desktop.demo
    import desktop.store
    from desktop.packs import pack_files

    files = [*sorted(Path(desktop.demo.__file__).parent.iterdir()),
             *sorted(Path(desktop.store.__file__).parent.glob("*.py")),
             *pack_files(packs_dirs)]
    stats = []
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        stats.append((str(path), st.st_size, st.st_mtime_ns))
    return hashlib.sha256(repr((__version__, stats)).encode()).hexdigest()[:16]


def demo_template(packs_dirs=()) -> Path | None:
    """A ready demo database in the cache folder, built once per app version and sources.

    Creating the store and writing the demo dossiers (one durable transaction each) at every
    ``--demo`` start costs more than the rest of the start-up; a copy of a finished file
    costs a millisecond. ``None`` when the cache folder is not usable.
    """
    from desktop.paths import cache_dir

    try:
        cache = cache_dir()
        path = cache / f"demo-{_demo_stamp(packs_dirs)}.db"
        if path.is_file():
            return path
        from desktop.demo import demo_dossiers

        build = cache / f"demo-build-{os.getpid()}"
        shutil.rmtree(build, ignore_errors=True)
        try:
            with Store(data_dir=build, packs_dirs=packs_dirs, daily_backup=False) as store:
                for dossier in demo_dossiers():
                    store.create_dossier(dossier)
                db = store.path  # closing checkpoints the WAL: the file is complete alone
            os.replace(db, path)
        finally:
            shutil.rmtree(build, ignore_errors=True)
        for old in cache.glob("demo-*.db"):
            if old != path:
                old.unlink(missing_ok=True)
        return path
    except (OSError, HosoError):
        return None


def fresh_demo_store(folder: Path, packs_dirs=()) -> Store | None:
    """A store under ``folder`` holding a fresh copy of the built-in demo dossiers.

    The copy comes from :func:`demo_template` (the user's own data folder is never touched:
    ``folder`` is ``<data>/demo``); without a usable cache the demo is written afresh. No
    daily backup of a throw-away copy.
    """
    if folder.exists():
        for name in os.listdir(folder):
            if name.startswith("hoso.db") or name == "backups":
                target = folder / name
                shutil.rmtree(target) if target.is_dir() else target.unlink()
    template = demo_template(packs_dirs)
    if template is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(template, folder / FILE_NAME)
            return open_store(folder, packs_dirs, daily_backup=False)
        except OSError:
            (folder / FILE_NAME).unlink(missing_ok=True)
    from desktop.demo import demo_dossiers

    store = open_store(folder, packs_dirs, daily_backup=False)
    if store is not None:
        for dossier in demo_dossiers():
            store.create_dossier(dossier)
    return store


def launch(args, app: QApplication) -> Controller | None:
    """Open the store and show the first window (no event loop): ``run_app`` and tests."""
    folder = user_data_dir(getattr(args, "data_dir", None))
    translator = CatalogTranslator(app)
    packs_dirs = tuple(getattr(args, "packs_dir", None) or ())
    demo = bool(getattr(args, "demo", False))
    store_dir = folder / "demo" if demo else folder
    settings = QSettings(str(store_dir / "hoso-ui.ini"), QSettings.Format.IniFormat)
    lang = getattr(args, "lang", None) or settings.value("language", i18n.DEFAULT_LANGUAGE,
                                                         str)
    apply_language(lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE, translator)
    store = fresh_demo_store(store_dir, packs_dirs) if demo else open_store(store_dir,
                                                                            packs_dirs)
    if store is None:
        return None
    controller = Controller(app, store, folder, translator, packs_dirs)
    if demo and not settings.value("last_dossier", "", str):
        controller._remember("last_dossier", store.list_dossiers()[-1].id)
    controller.start()
    return controller


def run_app(args) -> int:
    folder = user_data_dir(getattr(args, "data_dir", None))
    install_excepthook(folder / "logs")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("HoSo")
    app.setApplicationVersion(__version__)
    controller = launch(args, app)
    if controller is None:
        return 1
    app._hoso_controller = controller  # keep alive with the app
    if os.environ.get(ENV_TEST) == "1":
        QTimer.singleShot(0, lambda: _test_hook(controller))
    try:
        return app.exec()
    finally:
        controller.store.close()


def _test_hook(controller: Controller) -> None:
    """Tests only: say where the app opened, then type one edit through the real field."""
    from PySide6.QtWidgets import QLineEdit

    window = controller.window
    step = window.current_step() if hasattr(window, "current_step") else -1
    dossier = controller.session.dossier_id if controller.session else ""
    print(f"READY step={step} dossier={dossier}", flush=True)
    edit = os.environ.get(ENV_TEST_EDIT)
    if edit and window is not None:
        where, text = edit.split("=", 1)
        step, name = where.split(":", 1)
        window.go(int(step))
        field = window.stack.currentWidget().findChild(QLineEdit, name)
        if field is None:
            print(f"NOFIELD {name}", flush=True)
            return
        field.setFocus()
        field.selectAll()
        field.insert(text)
        field.editingFinished.emit()
        print("EDITED", flush=True)
