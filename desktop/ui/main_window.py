"""The main window (cửa sổ chính): a stepper of numbered steps over one dossier.

The window can be shown before its dossier is loaded (:meth:`MainWindow.attach` adds the
session later): the app's start shows the steps, the menus and the dossier's name at once
and loads the store, the pack and the findings on a background thread (see
``desktop.ui.app``). Until then the page area says what is being opened and the menus are
greyed out; a step clicked meanwhile opens when the dossier is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__, i18n
from desktop.errors import HosoError
from desktop.ui.qt_i18n import tr
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the window's shell is shown before the domain modules are loaded
    from desktop.models import Finding
    from desktop.ui.session import Session

STEP_KEYS = ("unit", "nominees", "council", "proposal", "check", "preview", "export")


def finding_step(finding: Finding) -> int:
    """The step (0-based) where a finding's field is edited."""
    path = finding.path or ""
    if path.startswith("unit") or path == "title":
        return 0
    if path.startswith("council"):
        return 2
    if path.startswith("proposal"):
        return 3
    if path.startswith("nominees") or finding.nominee_id:
        return 1
    return 4


class Pages:
    """The step pages, each built (and its module imported) the first time it is needed.

    Start-up builds only the page shown first: the preview and export steps pull in
    QtPdf, reportlab and the package code, and with 10,000 nominees every page costs.
    ``pages[i]`` builds page ``i`` into its slot of the stack if it is not built yet.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.built: dict[int, QWidget] = {}
        self.slots: list[QWidget] = []
        for _ in STEP_KEYS:
            slot = QWidget()
            lay = QVBoxLayout(slot)
            lay.setContentsMargins(0, 0, 0, 0)
            self.slots.append(slot)

    def __len__(self) -> int:
        return len(STEP_KEYS)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __getitem__(self, i: int) -> QWidget:
        i = range(len(self))[i]
        page = self.built.get(i)
        if page is None:
            page = self.built[i] = self._build(i)
            self.slots[i].layout().addWidget(page)
        return page

    def rebuild(self, i: int) -> None:
        """Build page ``i`` again (a new language) if it was built; the nominee shown stays."""
        old = self.built.pop(i, None)
        if old is None:
            return
        current = getattr(old, "current_id", None)
        nominee = current() if callable(current) else None
        self.slots[i].layout().removeWidget(old)
        old.hide()
        old.deleteLater()
        page = self[i]
        if nominee and hasattr(page, "select"):
            page.select(nominee)

    def _build(self, i: int) -> QWidget:
        w, session = self.window, self.window.session
        key = STEP_KEYS[i]
        if key in ("unit", "nominees", "council", "proposal"):
            from desktop.ui import pages

            cls = {"unit": pages.UnitPage, "nominees": pages.NomineesPage,
                   "council": pages.CouncilPage, "proposal": pages.ProposalPage}[key]
            return cls(session)
        if key == "check":
            from desktop.ui.review import CheckPage

            page = CheckPage(session)
            page.jump.connect(w.jump_to)
            return page
        if key == "preview":
            from desktop.ui.review import PreviewPage

            return PreviewPage(session, w.runner)
        from desktop.ui.export_page import ExportPage

        return ExportPage(session, w.runner, w.controller.data_dir / "packages",
                          settings=w.controller.settings)


class StepList(QListWidget):
    """The stepper: clicked or reached with Ctrl+1…Ctrl+7 (Alt+1… too), never by typed
    letters or digits (a year typed after a lost focus used to switch steps), and not in
    the Tab order (Tab stays within the page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def keyboardSearch(self, search: str) -> None:
        pass


class MainWindow(QMainWindow):
    """Steps on the left (Ctrl+1…), the current step's page on the right, and under it
    Quay lại / Tiếp and the step's help (F1)."""

    step_changed = Signal(int)

    def __init__(self, controller, session: Session | None = None, step: int = 0, *,
                 title: str = "") -> None:
        super().__init__()
        self.controller = controller
        self.session: Session | None = None
        self.runner = TaskRunner(self)
        self.setObjectName("main_window")
        central = QWidget()
        lay = QHBoxLayout(central)
        self.steps = StepList()
        self.steps.setObjectName("stepper")
        self.steps.setToolTip(tr("ui.step.tip", last=len(STEP_KEYS)))
        self.steps.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.steps.setSpacing(2)
        self.stack = QStackedWidget()
        self.pages = Pages(self)
        for i, (key, slot) in enumerate(zip(STEP_KEYS, self.pages.slots, strict=True)):
            item = QListWidgetItem(tr("ui.step.label", number=i + 1, name=tr(f"ui.step.{key}")))
            self.steps.addItem(item)
            self.stack.addWidget(slot)
            for mod in ("Ctrl", "Alt"):
                QShortcut(QKeySequence(f"{mod}+{i + 1}"), self,
                          activated=lambda i=i: self.go(i))
        self.loading = align_center(QLabel(tr("ui.loading.text", title=title) if title
                                           else tr("ui.loading.untitled")))
        self.loading.setObjectName("loading")
        self.loading.setWordWrap(True)
        self.stack.addWidget(self.loading)
        width = self.steps.sizeHintForColumn(0) + 24
        self.steps.setFixedWidth(max(width, 160))
        left = QVBoxLayout()
        left.addWidget(self.steps, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("error_count")
        self.status_label.setWordWrap(True)
        self.status_label.setMaximumWidth(self.steps.width())
        left.addWidget(self.status_label)
        lay.addLayout(left)
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        self.help_button = QPushButton(tr("ui.nav.help"))
        self.help_button.setObjectName("nav_help")
        self.help_button.setToolTip(tr("ui.nav.help_tip"))
        self.help_button.clicked.connect(self.show_help)
        self.back_button = QPushButton(tr("ui.nav.back"))
        self.back_button.setObjectName("nav_back")
        self.back_button.setToolTip(tr("ui.nav.back_tip"))
        self.back_button.clicked.connect(lambda: self.go(self.current_step() - 1))
        self.next_button = QPushButton(tr("ui.nav.next"))
        self.next_button.setObjectName("nav_next")
        self.next_button.setToolTip(tr("ui.nav.next_tip"))
        self.next_button.clicked.connect(lambda: self.go(self.current_step() + 1))
        # as wide as its longest text: a step change never changes the window's size hints
        metrics = self.next_button.fontMetrics()
        self.next_button.setMinimumWidth(max(
            metrics.horizontalAdvance(tr("ui.nav.next_named", name=tr(f"ui.step.{key}")))
            for key in STEP_KEYS) + 32)
        nav.addWidget(self.help_button)
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        right.addLayout(nav)
        lay.addLayout(right, 1)
        self.setCentralWidget(central)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self,
                  activated=self.show_help)
        QShortcut(QKeySequence("Ctrl+PgDown"), self,
                  activated=lambda: self.go(self.current_step() + 1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self,
                  activated=lambda: self.go(self.current_step() - 1))
        self._shown_step = -1
        self.steps.currentRowChanged.connect(self._step)
        self.setWindowTitle(tr("ui.window.title", title=title) if title else "HoSo")
        if session is None:
            # the same menu titles as the finished window (no jump when they fill in)
            for key in ("ui.menu.file", "ui.menu.edit", "ui.menu.language", "ui.menu.help"):
                self.menuBar().addMenu(tr(key)).setEnabled(False)
            self.stack.setCurrentWidget(self.loading)
            self.steps.setCurrentRow(max(0, min(step, len(self.pages) - 1)))
        else:
            self.attach(session, step)

    def attach(self, session: Session, step: int | None = None) -> None:
        """Show ``session``'s dossier: menus, status, and the current step's page."""
        self.session = session
        session.findings_changed.connect(self._update_status)
        session.storage_error.connect(self.show_storage_error)
        session.store_changed.connect(self._update_title)
        self._build_menus()
        self._update_status()
        self._update_title()
        row = self.steps.currentRow() if step is None else max(0, min(step, len(self.pages) - 1))
        if row == self.steps.currentRow():
            self._step(row)
        else:
            self.go(row)

    # ------------------------------------------------------------------ steps

    def go(self, step: int) -> None:
        step = max(0, min(step, len(self.pages) - 1))
        self.steps.setCurrentRow(step)

    def current_step(self) -> int:
        return max(self.steps.currentRow(), 0)

    def _step(self, row: int) -> None:
        if row < 0 or self.session is None:  # still loading: attach() opens this step
            self._update_nav(max(row, 0))
            return
        if 0 <= self._shown_step != row:  # the step left: its messages show from now on
            self.session.visit(f"step:{self._shown_step}")
            if self._shown_step == 1 and 1 in self.pages.built:
                form = self.pages[1].current_form
                if form is not None and form.nominee_id:
                    self.session.visit(f"nominee:{form.nominee_id}")
        self._shown_step = row
        page = self.pages[row]  # build it on first use
        self._update_nav(row)
        if hasattr(page, "update_tab_order"):  # Tab: the page, then Tiếp, Quay lại, ?
            page.nav_widgets = (self.next_button, self.back_button, self.help_button)
        if row == 1 and not getattr(page, "_splitter_restored", False):
            self._restore_splitter(page)
        self.stack.setCurrentIndex(row)
        self._update_nav(row)
        self.step_changed.emit(row)
        focus = QApplication.focusWidget()
        if (focus is None or not self.isAncestorOf(focus) or focus is self.steps
                or focus in (self.next_button, self.back_button)):
            # the keyboard goes to the first field still to fill (else the page's first):
            # Tab starts at the page, not in the stepper or on Tiếp
            target = first_empty_required(page, self.session)
            if target is not None:
                target.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                page.setFocus()
                page.focusNextChild()

    def _update_nav(self, row: int) -> None:
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(STEP_KEYS) - 1)
        if row < len(STEP_KEYS) - 1:
            self.next_button.setText(tr("ui.nav.next_named",
                                        name=tr(f"ui.step.{STEP_KEYS[row + 1]}")))
        else:
            self.next_button.setText(tr("ui.nav.next"))

    def _restore_splitter(self, page) -> None:
        """The nominee list/editor split: as the user left it, else room for the editor."""
        page._splitter_restored = True
        splitter = getattr(page, "splitter", None)
        if splitter is None:
            return
        state = self.controller.settings.value("nominee_splitter")
        if state is not None:
            splitter.restoreState(state)
        splitter.splitterMoved.connect(lambda *_: self.controller._remember(
            "nominee_splitter", splitter.saveState()))

    def show_help(self) -> None:
        from desktop.ui.help import show_step_help

        show_step_help(self, STEP_KEYS[self.current_step()])

    def jump_to(self, finding: Finding) -> None:
        if (finding.path or "").startswith("result_report"):  # the report has its own form
            self.show_result_report(finding.path)
            return
        step = finding_step(finding)
        self.session.visit(f"step:{step}")
        if finding.nominee_id:
            self.session.visit(f"nominee:{finding.nominee_id}")
        self.go(step)
        QTimer.singleShot(0, lambda: self.pages[step].focus_path(finding))

    def _update_status(self) -> None:
        errors = len(self.session.errors())
        self.status_label.setText(tr("ui.status.errors", count=errors) if errors
                                  else tr("ui.status.no_errors"))
        self.status_label.setStyleSheet("color: #b00020;" if errors else "color: #1b5e20;")

    def _update_title(self, *_) -> None:
        title = self.session.dossier.title or self.session.dossier.unit.name
        self.setWindowTitle(tr("ui.window.title", title=title))
        self.controller._remember("last_title", title)  # the next start shows it at once

    # ------------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        c = self.controller
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(tr("ui.menu.file"))
        self._action(file_menu, "ui.menu.new", c.new_dossier, QKeySequence.StandardKey.New,
                     "action_new")
        self._action(file_menu, "ui.menu.open", c.open_list, QKeySequence.StandardKey.Open,
                     "action_open")
        self._action(file_menu, "ui.menu.backups", c.show_backups, None, "action_backups")
        file_menu.addSeparator()
        self._action(file_menu, "ui.print.menu", self.print_dossier,
                     QKeySequence.StandardKey.Print, "action_print")
        self._action(file_menu, "ui.scans.menu", self.show_signed_copies, None,
                     "action_signed_copies")
        self._action(file_menu, "ui.report.menu", self.show_result_report, None,
                     "action_result_report")
        self._action(file_menu, "ui.inbox.menu", self.show_inbox, None, "action_inbox")
        self._action(file_menu, "ui.returns.menu", self.open_return_file, None,
                     "action_open_return")
        file_menu.addSeparator()
        from desktop.ui.sheet_import import add_menu_entries  # sheet import, reuse, paste

        add_menu_entries(self, file_menu)
        self._action(file_menu, "ui.packs.menu", self.install_pack, None, "action_install_pack")
        file_menu.addSeparator()
        self._action(file_menu, "ui.menu.quit", self.close, QKeySequence.StandardKey.Quit,
                     "action_quit")
        edit_menu = bar.addMenu(tr("ui.menu.edit"))
        undo = self.session.undo_stack.createUndoAction(self, tr("ui.menu.undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("action_undo")
        redo = self.session.undo_stack.createRedoAction(self, tr("ui.menu.redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        redo.setObjectName("action_redo")
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        lang_menu = bar.addMenu(tr("ui.menu.language"))
        group = QActionGroup(self)
        for lang in i18n.LANGUAGES:
            key = {"vi": "ui.lang.vietnamese", "en": "ui.lang.english"}[lang]
            action = QAction(tr(key), self, checkable=True)
            action.setObjectName(f"action_lang_{lang}")
            action.setChecked(i18n.get_language() == lang)
            action.triggered.connect(lambda _=False, lang=lang: c.switch_language(lang))
            group.addAction(action)
            lang_menu.addAction(action)
        help_menu = bar.addMenu(tr("ui.menu.help"))
        self._action(help_menu, "ui.menu.step_help", self.show_help, None, "action_step_help")
        self._action(help_menu, "ui.menu.about", self.about, None, "action_about")

    def _action(self, menu, key, slot, shortcut, name) -> QAction:
        action = QAction(tr(key), self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def print_dossier(self) -> None:
        from desktop.ui.printing import print_window  # QtPrintSupport only when printing

        print_window(self)

    def show_signed_copies(self) -> None:
        from desktop.ui.signed_copies import show_overview

        show_overview(self)

    def show_result_report(self, path: str | None = None) -> None:
        from desktop.ui.result_report import show_result_report  # QtPdf on first use

        show_result_report(self, path)

    def show_inbox(self) -> None:
        from desktop.ui.inbox import show_inbox

        self.inbox_dialog = show_inbox(self)

    def open_return_file(self) -> None:
        from desktop.ui.inbox import open_return_file

        open_return_file(self)

    def install_pack(self) -> None:
        from desktop.ui.pack_install import choose_and_install

        choose_and_install(self)

    def about(self) -> None:
        pack = self.session.pack
        QMessageBox.about(self, tr("ui.about.title"), tr(
            "ui.about.text", version=__version__, data_dir=str(self.controller.data_dir),
            store=str(self.session.store.path), pack=pack.title, pack_id=pack.id,
            pack_version=pack.version))

    def show_storage_error(self, exc: HosoError) -> None:
        QMessageBox.warning(self, tr("ui.storage_error.title"),
                            tr("ui.storage_error.text", message=str(exc)))

    def retranslate(self) -> None:
        """The language changed: every text anew in this same window (its size, position,
        maximised state, current step and the pages' state stay). Pages with a
        ``retranslate`` (check, preview, export) keep their state; the form pages, whose
        state is the dossier itself, are built again."""
        for i, key in enumerate(STEP_KEYS):
            self.steps.item(i).setText(tr("ui.step.label", number=i + 1,
                                          name=tr(f"ui.step.{key}")))
        self.steps.setToolTip(tr("ui.step.tip", last=len(STEP_KEYS)))
        for button, key in ((self.help_button, "help"), (self.back_button, "back"),
                            (self.next_button, "next")):
            button.setText(tr(f"ui.nav.{key}"))
            button.setToolTip(tr(f"ui.nav.{key}_tip"))
        self._update_nav(self.current_step())
        if self.session is None:
            return
        self._build_menus()
        self._update_status()
        self._update_title()
        for i, page in list(self.pages.built.items()):
            if hasattr(page, "retranslate"):
                page.retranslate()
            else:
                self.pages.rebuild(i)
                if i == 1:  # the nominee list/editor split as the user left it
                    QApplication.sendPostedEvents()  # the new page is laid out at its size
                    self._restore_splitter(self.pages[i])

    def closeEvent(self, event) -> None:
        self.controller.window_closing(self)
        self.runner.wait_all(10000)
        super().closeEvent(event)


class BackupsDialog(QDialog):
    """Backups of the data file, newest first; restore one after a confirmation."""

    def __init__(self, store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.restored = False
        self.setWindowTitle(tr("ui.backups.title"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("ui.backups.intro", folder=str(store.backup_dir))))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([tr("ui.backups.col.time"),
                                              tr("ui.backups.col.reason"),
                                              tr("ui.backups.col.name")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.backups = store.list_backups()
        for b in self.backups:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(b.time.strftime("%d/%m/%Y %H:%M:%S")))
            self.table.setItem(row, 1, QTableWidgetItem(b.reason))
            self.table.setItem(row, 2, QTableWidgetItem(b.name))
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(tr("ui.backups.restore"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(640, 360)

    def restore(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.backups):
            return
        backup = self.backups[row]
        answer = QMessageBox.question(self, tr("ui.backups.title"),
                                      tr("ui.backups.confirm", name=backup.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.store.restore(backup)
        except HosoError as exc:
            QMessageBox.warning(self, tr("ui.storage_error.title"), str(exc))
            return
        self.restored = True
        QMessageBox.information(self, tr("ui.backups.title"), tr("ui.backups.done"))
        self.accept()


class DossierListDialog(QDialog):
    """The dossiers in the store; open one or start a new one."""

    def __init__(self, store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.list.title"))
        self.chosen: str | None = None
        self.new_requested = False
        lay = QVBoxLayout(self)
        self.summaries = store.list_dossiers()
        self.table = QTableWidget(len(self.summaries), 5)
        self.table.setObjectName("dossier_table")
        self.table.setHorizontalHeaderLabels([tr(f"ui.list.col.{k}") for k in (
            "title", "unit", "state", "revision", "updated")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, s in enumerate(self.summaries):
            values = (s.title or s.id, s.unit_name, tr(f"ui.state.{s.state.value}"),
                      str(s.revision), s.updated_at[:16].replace("T", " "))
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.summaries:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        lay.addWidget(self.table)
        buttons = QDialogButtonBox()
        open_button = buttons.addButton(tr("ui.list.open"), QDialogButtonBox.ButtonRole.AcceptRole)
        new_button = buttons.addButton(tr("ui.list.new"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        open_button.clicked.connect(self.open_selected)
        new_button.clicked.connect(self._new)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(860, 360)

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.summaries):
            self.chosen = self.summaries[row].id
            self.accept()

    def _new(self) -> None:
        self.new_requested = True
        self.accept()


def first_empty_required(page: QWidget, session) -> QWidget | None:
    """The editor of the first required field of ``page`` (in the order the forms were
    built, which is the order on screen) that holds nothing yet."""
    from desktop.ui.widgets import Form

    for form in page.findChildren(Form):
        if form.prefix() is None or not form.isVisibleTo(page):
            continue
        for name, bound in form.fields.items():
            editor = bound.editor
            if name in form.required and editor.isEnabled() and editor.isVisibleTo(page) \
                    and session.value(bound.path) in (None, "", [], ()):
                return editor
    return None


def align_center(label: QLabel) -> QLabel:
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
