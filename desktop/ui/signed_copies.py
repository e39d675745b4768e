"""Signed copies (bản đã ký, đóng dấu, quét) in the window.

* :class:`SignedCopyDialog` — one document: add photos, scans or a scanner PDF, see a
  thumbnail of every page, reorder (drag or Up/Down), rotate 90°, remove, compare the page
  count with the generated document's, then Save: the PDF is built off the GUI thread
  (``desktop.scans.prepare_copy``) and stored (``desktop.scans.attach``). Unreadable files,
  too large copies and other refusals are shown in Vietnamese and nothing is saved.
* :class:`SignedCopiesDialog` — every document of the dossier with its state (attached,
  missing; the ones the pack requires for the final package are marked).
* :class:`PackageKindChoice` and :func:`export_error_text` — the export step's choice
  between a preview package and the final upload package, and the list of missing copies
  when the final one is refused.

Every file and image operation is ``desktop.scans``' (Pillow, pypdf); this module only
shows and orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HosoError
from desktop.progress import Progress
from desktop.scans import (
    DocumentTarget,
    PreparedCopy,
    SignedCopyDraft,
    attach,
    document_page_count,
    document_targets,
    prepare_copy,
    thumbnail,
)
from desktop.ui.qt_i18n import open_file_names, tr
from desktop.ui.session import Session
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import error_label, set_error

THUMB_PX = 160
PAGE_ROLE = Qt.ItemDataRole.UserRole  # the page's position in the draft the list shows


def error_text(exc: BaseException) -> str:
    """A refusal in the current language (HoSo's own errors carry a Vietnamese message)."""
    if isinstance(exc, HosoError):
        return exc.message()
    return str(exc) or type(exc).__name__


def target_label(session: Session, target: DocumentTarget) -> str:
    """The document's title; a per-nominee title that does not name the nominee gets the
    nominee's name."""
    if target.nominee_id:
        from desktop.models import nominee_name

        nominee = session.dossier.nominee(target.nominee_id)
        name = nominee_name(nominee) if nominee is not None else ""
        if name and name not in target.title_vi:
            return f"{target.title_vi} – {name}"
    return target.title_vi


@dataclass(frozen=True)
class MissingCopy:
    """A signed copy the final package needs and the store does not have."""

    document_id: str
    nominee_id: str | None
    spec_title: str
    context: object = None  # desktop.documents.build.Context (per-nominee documents)
    nominee: object = None

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.document_id, self.nominee_id)

    @property
    def title(self) -> str:
        """The document's title as printed ("Tóm tắt thành tích – Hộ ông Nông Văn Thuận")."""
        if self.nominee is None:
            return self.spec_title
        return f"{self.spec_title} – {self.context.display_name(self.nominee)}"


def missing_signed_copies(session: Session) -> list[MissingCopy]:
    """The required signed copies not attached, in file order, from the pack's document
    list and the nominees' report forms alone: building every document to learn their
    names (``document_targets``) takes 20 s for 10,000 nominees, this a fraction of a
    second. It follows ``desktop.documents.build_documents``: one document per spec, or
    one per nominee whose report form is the spec's."""
    from desktop.documents.build import Context

    dossier, pack = session.dossier, session.pack
    have = stored_copies(session)
    out: list[MissingCopy] = []
    context = Context(dossier, pack)
    for spec in pack.documents:
        if not spec.signed_copy_required:
            continue
        if not spec.per_nominee:
            if (spec.id, None) not in have:
                out.append(MissingCopy(spec.id, None, spec.title))
            continue
        for n in context.nominees:
            if spec.report_form is not None and n.report_form != spec.report_form:
                continue
            if (spec.id, n.id) not in have:
                out.append(MissingCopy(spec.id, n.id, spec.title, context, n))
    return out


def stored_copies(session: Session) -> dict[tuple[str, str | None], object]:
    """The store's signed copies of the current revision (without their data), by key."""
    copies = session.store.signed_copies(session.dossier_id, with_data=False)
    return {(c.document_id, c.nominee_id or None): c for c in copies}


# ---------------------------------------------------------------------- one document


class SignedCopyDialog(QDialog):
    """Build and save the signed copy of one document."""

    saved = Signal(object)  # PreparedCopy, after it is stored

    def __init__(self, session: Session, runner: TaskRunner, target: DocumentTarget,
                 parent: QWidget | None = None, *, document_pages: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signed_copy_dialog")
        self.session, self.runner, self.target = session, runner, target
        self.draft: SignedCopyDraft | None = None
        self.document_pages = document_pages
        self.prepared: PreparedCopy | None = None
        self.unsaved = False  # pages added or changed since the last save
        self.discard_box: QMessageBox | None = None
        self.icons: dict[tuple[int, int, int], QIcon] = {}
        self._pending: set[tuple[int, int, int]] = set()
        self._busy = 0
        self.setWindowTitle(tr("ui.scans.dialog_title", title=target_label(session, target)))
        lay = QVBoxLayout(self)
        self.stored = QLabel()
        self.stored.setObjectName("signed_stored")
        self.stored.setWordWrap(True)
        lay.addWidget(self.stored)

        self.pages = QListWidget()
        self.pages.setObjectName("signed_pages")
        self.pages.setViewMode(QListView.ViewMode.ListMode)
        self.pages.setFlow(QListView.Flow.LeftToRight)
        self.pages.setWrapping(True)
        self.pages.setIconSize(QSize(THUMB_PX, THUMB_PX))
        self.pages.setSpacing(6)
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.pages.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.pages.model().rowsMoved.connect(lambda *_: QTimer.singleShot(0, self._dropped))
        self.pages.currentRowChanged.connect(lambda _: self._update_buttons())
        self.pages.setMinimumSize(560, 2 * THUMB_PX + 40)
        lay.addWidget(self.pages, 1)

        row = QHBoxLayout()
        self.add_button = self._button(row, "ui.scans.add_files", "signed_add", self.browse)
        self.up_button = self._button(row, "ui.scans.up", "signed_up", lambda: self.move(-1))
        self.down_button = self._button(row, "ui.scans.down", "signed_down",
                                        lambda: self.move(1))
        self.rotate_button = self._button(row, "ui.scans.rotate", "signed_rotate", self.rotate)
        self.remove_button = self._button(row, "ui.scans.remove_page", "signed_remove",
                                          self.remove)
        row.addStretch(1)
        lay.addLayout(row)

        self.count = QLabel()
        self.count.setObjectName("signed_count")
        self.count.setWordWrap(True)
        lay.addWidget(self.count)
        self.notes = QLabel()
        self.notes.setObjectName("signed_notes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8a5a00;")
        lay.addWidget(self.notes)
        self.error = error_label()
        self.error.setObjectName("signed_error")
        lay.addWidget(self.error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(tr("ui.scans.save"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("signed_save")
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self._show_stored()
        self._refresh()
        if document_pages is None:
            self._count_generated()
        self.resize(760, 560)

    def _button(self, row: QHBoxLayout, key: str, name: str, slot) -> QPushButton:
        button = QPushButton(tr(key))
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        row.addWidget(button)
        return button

    def busy(self) -> bool:
        return self._busy > 0

    def reject(self) -> None:
        """Đóng, Esc or the window's close box: pages added and not saved are not thrown
        away without asking (the question is window-modal; the dialog stays until it is
        answered with "Bỏ các trang")."""
        if not (self.unsaved and self.draft is not None):
            super().reject()
            return
        if self.discard_box is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, tr("ui.scans.discard_title"),
                          tr("ui.scans.discard_question", pages=len(self.draft.pages)),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("discard_question")
        discard = box.addButton(tr("ui.scans.discard"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discard_pages")
        keep = box.addButton(tr("ui.scans.keep_editing"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keep_pages")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.discard_box = box

        def answered(_: int) -> None:
            self.discard_box = None
            box.deleteLater()
            if box.clickedButton() is discard:
                self.unsaved = False
                QDialog.reject(self)

        box.finished.connect(answered)
        box.open()

    # ------------------------------------------------------------------ jobs

    def _run(self, job, title: str, on_done, on_error=None) -> None:
        self._busy += 1
        self._update_buttons()

        def done(value) -> None:
            self._busy -= 1
            on_done(value)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self._busy -= 1
            (on_error or self._show_error)(exc)
            self._update_buttons()

        self.runner.run(job, title=title, dialog_parent=self, on_done=done, on_error=failed)

    def _show_error(self, exc: BaseException) -> None:
        set_error(self.error, error_text(exc))

    def _count_generated(self) -> None:
        dossier, pack, target = self.session.dossier, self.session.pack, self.target

        def job(token):
            yield Progress(0, 1, "")
            return document_page_count(dossier, pack, target)

        def done(pages) -> None:
            self.document_pages = pages
            self._update_count()

        self._run(job, "", done, on_error=lambda exc: None)

    # ------------------------------------------------------------------ files and pages

    def browse(self) -> None:
        paths = open_file_names(self, tr("ui.scans.add_files"), "", tr("ui.scans.file_filter"))
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Sequence[str | Path]) -> None:
        """Read and check the files off the GUI thread, then add their pages at the end."""
        draft, paths = self.draft, [Path(p) for p in paths]
        set_error(self.error, "")

        def job(token):
            yield Progress(0, 1, tr("ui.scans.loading"))
            return (draft.add_files(paths) if draft is not None
                    else SignedCopyDraft.from_files(paths))

        self._run(job, tr("ui.scans.loading"), self._set_draft)

    def _set_draft(self, draft: SignedCopyDraft | None) -> None:
        self.draft = draft if draft is not None and draft.pages else None
        self.prepared = None
        self.unsaved = self.draft is not None
        set_error(self.error, "")
        self.notes.setText("")
        self._refresh()

    def page_keys(self) -> list[tuple[int, int, int]]:
        if self.draft is None:
            return []
        return [(p.source, p.index, p.rotation) for p in self.draft.pages]

    def _refresh(self) -> None:
        current = self.pages.currentRow()
        self.pages.blockSignals(True)
        self.pages.clear()
        for position, key in enumerate(self.page_keys()):
            source = self.draft.sources[key[0]]
            item = QListWidgetItem(tr("ui.scans.page_label", number=position + 1))
            item.setData(PAGE_ROLE, position)
            item.setToolTip(tr("ui.scans.page_tip", file=source.name, page=key[1] + 1))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsDragEnabled)
            icon = self.icons.get(key)
            if icon is not None:
                item.setIcon(icon)
            self.pages.addItem(item)
        if self.pages.count():
            self.pages.setCurrentRow(max(0, min(current, self.pages.count() - 1)))
        self.pages.blockSignals(False)
        self._update_count()
        self._update_buttons()
        self._load_thumbnails()

    def _load_thumbnails(self) -> None:
        draft = self.draft
        wanted = [(i, k) for i, k in enumerate(self.page_keys())
                  if k not in self.icons and k not in self._pending]
        if draft is None or not wanted:
            return
        self._pending.update(k for _, k in wanted)

        def job(token):
            out = {}
            for n, (position, key) in enumerate(wanted):
                token.check()
                out[key] = thumbnail(draft, position, THUMB_PX)
                yield Progress(n + 1, len(wanted), tr("ui.scans.loading"))
            return out

        def done(pngs: dict) -> None:
            for key, png in pngs.items():
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                self.icons[key] = QIcon(pixmap)
                self._pending.discard(key)
            keys = self.page_keys()
            for row in range(self.pages.count()):
                item = self.pages.item(row)
                key = keys[item.data(PAGE_ROLE)]
                if key in self.icons:
                    item.setIcon(self.icons[key])

        def failed(exc: BaseException) -> None:
            self._pending.difference_update(k for _, k in wanted)
            self._show_error(exc)

        self._run(job, tr("ui.scans.loading"), done, failed)

    def thumbnails_ready(self) -> bool:
        return all(k in self.icons for k in self.page_keys())

    def _edit(self, draft: SignedCopyDraft, row: int) -> None:
        self._set_draft(draft)
        if self.pages.count():
            self.pages.setCurrentRow(max(0, min(row, self.pages.count() - 1)))

    def move(self, step: int) -> None:
        row = self.pages.currentRow()
        if self.draft is None or not 0 <= row + step < len(self.draft.pages) or row < 0:
            return
        self._edit(self.draft.move(row, row + step), row + step)

    def rotate(self) -> None:
        row = self.pages.currentRow()
        if self.draft is not None and row >= 0:
            self._edit(self.draft.rotate(row, 90), row)

    def remove(self) -> None:
        row = self.pages.currentRow()
        if self.draft is not None and row >= 0:
            self._edit(self.draft.remove(row), row)

    def _dropped(self) -> None:
        """A drag in the strip moved an item: the draft follows the items' new order."""
        if self.draft is None:
            return
        order = [self.pages.item(r).data(PAGE_ROLE) for r in range(self.pages.count())]
        if sorted(order) != list(range(len(self.draft.pages))) or order == sorted(order):
            return
        moved = self.pages.currentRow()
        self._edit(self.draft.reorder(order), moved)

    # ------------------------------------------------------------------ state

    def _show_stored(self) -> None:
        copy = stored_copies(self.session).get(self.target.key)
        self.stored.setText(tr("ui.scans.stored", file=copy.file_name, pages=copy.page_count)
                            if copy is not None else tr("ui.scans.nothing_stored"))

    def _update_count(self) -> None:
        pages = len(self.draft.pages) if self.draft is not None else 0
        if not pages:
            self.count.setText(tr("ui.scans.no_pages"))
            self.count.setStyleSheet("")
            return
        if self.document_pages is None:
            self.count.setText(tr("ui.scans.pages_unknown", pages=pages))
            self.count.setStyleSheet("")
            return
        text = tr("ui.scans.pages", pages=pages, expected=self.document_pages)
        differ = pages != self.document_pages
        if differ:
            text += " " + tr("ui.scans.pages_differ")
        self.count.setText(text)
        self.count.setStyleSheet("color: #8a5a00;" if differ else "")

    def _update_buttons(self) -> None:
        has = self.draft is not None and bool(self.draft.pages)
        row = self.pages.currentRow()
        idle = not self.busy()
        self.add_button.setEnabled(idle)
        self.up_button.setEnabled(idle and has and row > 0)
        self.down_button.setEnabled(idle and has and 0 <= row < self.pages.count() - 1)
        self.rotate_button.setEnabled(idle and has and row >= 0)
        self.remove_button.setEnabled(idle and has and row >= 0)
        self.save_button.setEnabled(idle and has)

    # ------------------------------------------------------------------ save

    def save(self) -> None:
        """Build the PDF off the GUI thread, then store it; on any error nothing is saved."""
        if self.draft is None:
            set_error(self.error, tr("ui.scans.no_pages"))
            return
        draft, target, pack = self.draft, self.target, self.session.pack
        pages = self.document_pages
        set_error(self.error, "")

        def job(token):
            yield Progress(0, 1, tr("ui.scans.building"))
            return prepare_copy(draft, target, pack, document_pages=pages)

        self._run(job, tr("ui.scans.building"), self._store, self._not_saved)

    def _not_saved(self, exc: BaseException) -> None:
        set_error(self.error, tr("ui.scans.not_saved", reason=error_text(exc)))

    def _store(self, prepared: PreparedCopy) -> None:
        from desktop.package import size_text

        try:
            attach(self.session.store, self.session.dossier_id, prepared)
        except HosoError as exc:
            self._not_saved(exc)
            return
        self.prepared = prepared
        self.unsaved = False
        notes = [n.message() for n in prepared.notes]
        self.notes.setText("\n".join([tr("ui.scans.saved", file=prepared.file_name,
                                         pages=prepared.page_count,
                                         size=size_text(len(prepared.data))), *notes]))
        self._show_stored()
        self.saved.emit(prepared)


# ---------------------------------------------------------------------- all documents


class SignedCopiesDialog(QDialog):
    """Which documents have a signed copy and which still miss one (required marked)."""

    COLUMNS = ("document", "required", "state")

    def __init__(self, session: Session, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signed_copies_dialog")
        self.session, self.runner = session, runner
        self.setWindowTitle(tr("ui.scans.list_title"))
        lay = QVBoxLayout(self)
        intro = QLabel(tr("ui.scans.list_intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("signed_table")
        self.table.setHorizontalHeaderLabels([tr(f"ui.scans.col.{c}") for c in self.COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _: self.attach_selected())
        lay.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setObjectName("signed_summary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.attach_button = buttons.addButton(tr("ui.scans.attach"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.attach_button.setObjectName("signed_attach")
        self.attach_button.clicked.connect(self.attach_selected)
        self.remove_button = buttons.addButton(tr("ui.scans.remove_stored"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.setObjectName("signed_remove_stored")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.targets: list[DocumentTarget] = []
        self.refresh()
        self.resize(720, 400)

    def refresh(self) -> None:
        from desktop.package import size_text

        s = self.session
        self.targets = document_targets(s.dossier, s.pack)
        have = stored_copies(s)
        row_before = max(self.table.currentRow(), 0)
        self.table.setRowCount(len(self.targets))
        missing = 0
        for row, target in enumerate(self.targets):
            copy = have.get(target.key)
            if copy is not None:
                state = tr("ui.scans.have", pages=copy.page_count, size=size_text(copy.size))
            elif target.required:
                state, missing = tr("ui.scans.missing"), missing + 1
            else:
                state = tr("ui.scans.none")
            values = (target_label(s, target),
                      tr("ui.scans.required" if target.required else "ui.scans.optional"),
                      state)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col == 2 and copy is None and target.required:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, col, item)
        if self.targets:
            self.table.selectRow(min(row_before, len(self.targets) - 1))
        self.missing = missing
        self.summary.setText(tr("ui.scans.summary", missing=missing) if missing
                             else tr("ui.scans.summary_ok"))

    def selected(self) -> DocumentTarget | None:
        row = self.table.currentRow()
        return self.targets[row] if 0 <= row < len(self.targets) else None

    def attach_selected(self) -> SignedCopyDialog | None:
        target = self.selected()
        if target is None:
            return None
        dialog = SignedCopyDialog(self.session, self.runner, target, self)
        dialog.saved.connect(lambda _: self.refresh())
        dialog.finished.connect(lambda _: self.refresh())
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        target = self.selected()
        if target is None or target.key not in stored_copies(self.session):
            return
        answer = QMessageBox.question(self, tr("ui.scans.list_title"), tr(
            "ui.scans.remove_confirm", title=target_label(self.session, target)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.store.remove_signed_copy(self.session.dossier_id, target.document_id,
                                                  nominee_id=target.nominee_id)
        except HosoError as exc:
            QMessageBox.warning(self, tr("ui.scans.list_title"), error_text(exc))
        self.refresh()


def target_for(session: Session, document) -> DocumentTarget | None:
    """The signed-copy target of a rendered document (``RenderedDocument`` of the preview)."""
    for target in document_targets(session.dossier, session.pack):
        if target.document_id == document.id and target.file_stem == document.file_stem:
            return target
    return None


def attach_for_document(session: Session, runner: TaskRunner, document,
                        parent: QWidget | None = None) -> SignedCopyDialog | None:
    """Open the attach dialog of a rendered document (its page count is known already)."""
    target = target_for(session, document)
    if target is None:
        return None
    dialog = SignedCopyDialog(session, runner, target, parent,
                              document_pages=document.page_count)
    dialog.open()
    return dialog


# ---------------------------------------------------------------------- export step


class PackageKindChoice(QWidget):
    """Gói xem trước (may lack signed copies) or Gói nộp chính thức (needs them all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(tr("ui.scans.package_kind"))
        lay.addWidget(self.label)
        self.preview_button = QRadioButton(tr("ui.scans.package_preview"))
        self.preview_button.setObjectName("package_preview")
        self.preview_button.setToolTip(tr("ui.scans.package_preview_tip"))
        self.final_button = QRadioButton(tr("ui.scans.package_final"))
        self.final_button.setObjectName("package_final")
        self.final_button.setToolTip(tr("ui.scans.package_final_tip"))
        self.group = QButtonGroup(self)
        for button in (self.preview_button, self.final_button):
            self.group.addButton(button)
            lay.addWidget(button)
        lay.addStretch(1)
        self.preview_button.setChecked(True)

    @property
    def final(self) -> bool:
        return self.final_button.isChecked()

    def retranslate(self) -> None:
        self.label.setText(tr("ui.scans.package_kind"))
        self.preview_button.setText(tr("ui.scans.package_preview"))
        self.preview_button.setToolTip(tr("ui.scans.package_preview_tip"))
        self.final_button.setText(tr("ui.scans.package_final"))
        self.final_button.setToolTip(tr("ui.scans.package_final_tip"))


def export_error_text(exc: BaseException, session: Session | None = None) -> str | None:
    """The missing signed copies of a refused final package, one per line (None for any
    other error); with ``session`` per-nominee documents carry the nominee's name."""
    from desktop.package import SignedCopiesMissing

    if not isinstance(exc, SignedCopiesMissing):
        return None

    def label(m) -> str:
        if session is None:
            return m.title_vi
        return target_label(session, DocumentTarget(m.document_id, m.nominee_id, m.title_vi,
                                                    m.file_stem, True))

    lines = "\n".join(f"• {label(m)}" for m in exc.missing)
    return tr("ui.scans.final_missing", count=len(exc.missing), documents=lines)


def preview_missing_text(result) -> str:
    """A note for a preview package that lacks required signed copies ("" otherwise)."""
    missing = getattr(result, "missing_signed", ())
    return tr("ui.scans.preview_missing", count=len(missing)) if missing else ""


def show_overview(window) -> SignedCopiesDialog:
    """Tệp → Bản đã ký…: the documents and their signed copies."""
    dialog = SignedCopiesDialog(window.session, window.runner, window)
    dialog.open()
    window.signed_copies_dialog = dialog
    return dialog
