"""Start-up of the desktop app: crash hook, language, store, first window.

``run_app(args)`` (``hoso``, ``hoso --demo``): installs the crash hook first, creates the
``QApplication`` (Vietnamese locale by default), opens the store in the data folder (or a
fresh copy of the demo data under ``<data>/demo`` with ``--demo``), and shows the last
dossier at the last step, the list of dossiers, or the start page on a first run.

Re-opening the last dossier (the usual start) is staged: the main window appears at once
with the steps, the menus and the dossier's remembered name, while a background thread
imports the domain code (pydantic models, store, rule engine: most of the start-up time),
opens the store, reads the dossier and its pack and checks it; the window then fills in.
Any trouble on that thread (damaged or locked data file, a dossier or pack gone) falls back
to the ordinary start on the GUI thread, which has the dialogs for it.
"""

from __future__ import annotations

import datetime as dt
import linecache
import os
import shutil
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from desktop import __version__, i18n
from desktop.errors import HosoError
from desktop.paths import data_dir as user_data_dir
from desktop.paths import installed_packs_dir
from desktop.progress import Progress
from desktop.ui.qt_i18n import CatalogTranslator, apply_language, tr

if TYPE_CHECKING:  # imported on the loading thread (or when first needed), not at start
    from desktop.models import CampaignPack, Dossier, Finding
    from desktop.store import Store
    from desktop.validation import Validator

#: The data file's name in the store folder (``desktop.store.FILE_NAME``, which this module
#: does not import at start; a test checks that they agree).
FILE_NAME = "hoso.db"

ENV_TEST = "HOSO_UI_TEST"  # tests only: report readiness, optionally perform one edit
ENV_TEST_EDIT = "HOSO_UI_TEST_EDIT"  # "step:objectName=text": type text into that field
ENV_TEST_QUIT = "HOSO_UI_TEST_QUIT"  # "1": quit once ready (benchmarks, bundle test)


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


class Opened(NamedTuple):
    """What the loading thread hands to the GUI thread: a dossier ready to show."""

    dossier: Dossier
    pack: CampaignPack
    validator: Validator
    findings: list[Finding]


class Controller:
    """Owns the store, settings and the current window; retranslates it on a language switch.

    ``store`` is ``None`` while a staged start is loading it (:meth:`start_staged`).
    """

    def __init__(self, app: QApplication, store: Store | None, data_dir: Path,
                 translator: CatalogTranslator, packs_dirs=(), *,
                 store_dir: Path | None = None, demo: bool = False) -> None:
        self.app, self.store, self.data_dir = app, store, data_dir
        self.translator = translator
        self.packs_dirs = tuple(packs_dirs)
        self.store_dir = store_dir if store_dir is not None else store.path.parent
        self.demo = demo
        self.settings = QSettings(str(self.store_dir / "hoso-ui.ini"),
                                  QSettings.Format.IniFormat)
        self.session = None
        self.window: QMainWindow | None = None
        self.ready = False  # a window the user can work in is shown
        self._on_ready: list = []
        self._loading_store: Store | None = None  # opened by the loading thread, not yet ours

    def when_ready(self, callback) -> None:
        """Call ``callback()`` once the first window is usable (at once if it is)."""
        if self.ready:
            callback()
        else:
            self._on_ready.append(callback)

    def _set_ready(self) -> None:
        # PySide6's import hook reads the source of every module imported after it (to see
        # whether the module uses PySide6's "features"), which fills ``linecache`` with the
        # domain code's sources: ~8 MB that nothing needs (tracebacks read them again).
        # The frozen bundle has no sources, so there it costs nothing.
        linecache.clearcache()
        self.ready = True
        callbacks, self._on_ready = self._on_ready, []
        for callback in callbacks:
            callback()

    def close_store(self) -> None:
        for store in (self.store, self._loading_store):
            if store is not None:
                store.close()

    # ------------------------------------------------------------------ staged start

    def start_staged(self, dossier_id: str, step: int) -> None:
        """Show the main window now and load ``dossier_id`` on a background thread."""
        from desktop.ui.main_window import MainWindow

        window = MainWindow(self, None, step, title=self.settings.value("last_title", "", str))
        window.step_changed.connect(self._remember_step)
        self._show(window)
        window.runner.run(self._open_job(dossier_id), on_done=self._opened,
                          on_error=self._open_failed)

    def _open_job(self, dossier_id: str):
        store_dir, packs_dirs, demo = self.store_dir, self.packs_dirs, self.demo

        def job(token):
            yield Progress(0, 1, tr("ui.loading.untitled"))
            from desktop.store import Store  # the domain code loads here, off the GUI thread
            from desktop.validation import Validator

            def opener(folder, packs, daily_backup=True):
                return Store(data_dir=folder, packs_dirs=packs, daily_backup=daily_backup)

            store = open_data(store_dir, packs_dirs, demo, opener=opener)
            self._loading_store = store
            if not store.has_dossier(dossier_id):
                return None
            dossier = store.get_dossier(dossier_id)
            pack = store.campaign_pack(dossier.pack)
            if pack is None:
                return None
            validator = Validator(pack)
            return Opened(dossier, pack, validator, validator.run(dossier))

        return job

    def _opened(self, opened: Opened | None) -> None:
        self.store, self._loading_store = self._loading_store, None
        if opened is None:  # the remembered dossier or its pack is gone: the usual start
            self.start()
            self._set_ready()
            return
        from desktop.ui.session import Session

        self.session = Session(self.store, opened.dossier.id, opened.pack,
                               dossier=opened.dossier, validator=opened.validator,
                               findings=opened.findings)
        self.window.attach(self.session)
        self._set_ready()

    def _open_failed(self, exc: BaseException) -> None:
        """Trouble on the loading thread: close what it opened and start the ordinary way
        (its dialogs explain a damaged, read-only or locked data file). A bug there is
        printed and the ordinary start tried too: it shows the crash dialog if it fails the
        same way, and lets the secretary work if it was the thread's alone."""
        if self._loading_store is not None:
            self._loading_store.close()
            self._loading_store = None
        if not isinstance(exc, HosoError):
            traceback.print_exception(exc)
        store = open_data(self.store_dir, self.packs_dirs, self.demo)
        if store is None:
            self.window.setProperty("replaced", True)
            self.window.close()
            self.app.exit(1)
            return
        self.store = store
        self.start()
        self._set_ready()

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
        self._remember("last_title", dossier.title or dossier.unit.name)
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
        if self.window is not None and hasattr(self.window, "retranslate"):
            self.window.retranslate()  # in place: no new window (size, state, pages kept)

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


def open_store(folder: Path, packs_dirs=(), daily_backup: bool = True) -> Store | None:
    """Open the store; known problems get a calm dialog (and a restore offer on damage)."""
    from desktop.store import StorageKnownError, Store, StoreDamagedError, recover_data_file
    from desktop.ui.recovery import ask_recovery, show_recovered

    while True:
        try:
            store = Store(data_dir=folder, packs_dirs=packs_dirs, daily_backup=daily_backup)
            if store.newer_schema:  # a newer HoSo's file: open it read-only, say so
                QMessageBox.warning(None, tr("ui.storage_error.title"), tr(
                    "store.newer_schema", file=str(store.path),
                    migrations=", ".join(store.newer_schema)))
            return store
        except StoreDamagedError as exc:
            # never a dead end: restore a backup, start an empty file, or quit (issue 15)
            choice = ask_recovery(str(exc), exc.backup.name if exc.backup else None)
            if choice == "quit":
                return None
            try:
                done = recover_data_file(exc.path, exc.backup, use_backup=choice == "restore")
            except StorageKnownError as failed:
                QMessageBox.warning(None, tr("ui.storage_error.title"),
                                    tr("ui.storage_error.text", message=str(failed)))
                return None
            show_recovered(str(done.kept_as) if done.kept_as else None,
                           done.restored.name if done.restored else None)
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
    from desktop.store import Store

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


def fresh_demo_store(folder: Path, packs_dirs=(), *, opener=open_store) -> Store | None:
    """A store under ``folder`` holding a fresh copy of the built-in demo dossiers.

    The copy comes from :func:`demo_template` (the user's own data folder is never touched:
    ``folder`` is ``<data>/demo``); without a usable cache the demo is written afresh. No
    daily backup of a throw-away copy. ``opener(folder, packs_dirs, daily_backup)`` opens
    the store: :func:`open_store` (dialogs on trouble) or, on the loading thread, one that
    raises.
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
            return opener(folder, packs_dirs, False)
        except OSError:
            (folder / FILE_NAME).unlink(missing_ok=True)
    from desktop.demo import demo_dossiers

    store = opener(folder, packs_dirs, False)
    if store is not None:
        for dossier in demo_dossiers():
            store.create_dossier(dossier)
    return store


def open_data(store_dir: Path, packs_dirs=(), demo: bool = False, *,
              opener=open_store) -> Store | None:
    """The store of a start: a fresh demo copy with ``--demo``, else the user's data file."""
    if demo:
        return fresh_demo_store(store_dir, packs_dirs, opener=opener)
    return opener(store_dir, packs_dirs)


def launch(args, app: QApplication, *, staged: bool = False) -> Controller | None:
    """Open the store and show the first window (no event loop): ``run_app`` and tests.

    ``staged``: when a last dossier is remembered, show the window at once and load the
    dossier on a background thread (:meth:`Controller.start_staged`); ``controller.ready``
    says when it is there (:meth:`Controller.when_ready`).
    """
    folder = user_data_dir(getattr(args, "data_dir", None))
    translator = CatalogTranslator(app)
    packs_dirs = tuple(getattr(args, "packs_dir", None) or ())
    packs_dirs = (*packs_dirs, str(installed_packs_dir(folder)))  # Cài gói đợt thi đua…
    demo = bool(getattr(args, "demo", False))
    store_dir = folder / "demo" if demo else folder
    settings = QSettings(str(store_dir / "hoso-ui.ini"), QSettings.Format.IniFormat)
    lang = getattr(args, "lang", None) or settings.value("language", i18n.DEFAULT_LANGUAGE,
                                                         str)
    apply_language(lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE, translator)
    last = settings.value("last_dossier", "", str)
    if staged and last and (demo or (store_dir / FILE_NAME).is_file()):
        controller = Controller(app, None, folder, translator, packs_dirs,
                                store_dir=store_dir, demo=demo)
        controller.start_staged(last, int(settings.value("last_step", 0, int)))
        return controller
    store = open_data(store_dir, packs_dirs, demo)
    if store is None:
        return None
    controller = Controller(app, store, folder, translator, packs_dirs, demo=demo)
    if demo and not last:
        controller._remember("last_dossier", store.list_dossiers()[-1].id)
    controller.start()
    controller._set_ready()
    return controller


def run_app(args) -> int:
    folder = user_data_dir(getattr(args, "data_dir", None))
    install_excepthook(folder / "logs")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("HoSo")
    app.setApplicationVersion(__version__)
    controller = launch(args, app, staged=True)
    if controller is None:
        return 1
    app._hoso_controller = controller  # keep alive with the app
    if os.environ.get(ENV_TEST) == "1":
        QTimer.singleShot(0, lambda: print("SHOWN", flush=True))  # first turn of the loop
        controller.when_ready(lambda: QTimer.singleShot(0, lambda: _test_hook(controller)))
    try:
        return app.exec()
    finally:
        controller.close_store()


def _test_hook(controller: Controller) -> None:
    """Tests only: say where the app opened, then type one edit through the real field."""
    from PySide6.QtWidgets import QLineEdit

    window = controller.window
    step = window.current_step() if hasattr(window, "current_step") else -1
    dossier = controller.session.dossier_id if controller.session else ""
    print(f"READY step={step} dossier={dossier}", flush=True)
    if os.environ.get(ENV_TEST_QUIT) == "1":
        QTimer.singleShot(0, controller.app.quit)
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
