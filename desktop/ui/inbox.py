"""The inbox window (hộp hồ sơ nhận), consolidation and returned notes.

* :class:`InboxDialog` — a forwarding unit's received packages: receive more, see each
  one's findings (with the pack it was made with and the current one), what changed since
  the unit's previous package and the answered notes beside those changes; write notes and
  export the return (:class:`NotesDialog`); take nominees into the open dossier with
  checkboxes (:class:`ConsolidationView`).
* :class:`ReturnNotesPanel` — on the sending unit's side, the notes of an opened return as
  their own section of the Kiểm tra step, each until marked done; :func:`show_return_notes`
  puts each note under the field it concerns in the step forms.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import HosoError
from desktop.models import nominee_name
from desktop.ui.qt_i18n import tr

NOTE_STYLE = ("background: #fff4d6; color: #6b4500; border: 1px solid #e0b44c; "
              "border-radius: 3px; padding: 3px;")
_MODEL_INDEX = QModelIndex | QPersistentModelIndex


def _message(exc: Exception) -> str:
    return exc.message() if isinstance(exc, HosoError) else str(exc)


# ---------------------------------------------------------------------- the inbox list


class ReceivedModel(QAbstractTableModel):
    """Received dossiers at their latest revision (one row each)."""

    COLUMNS = ("number", "unit", "revision", "nominees", "errors", "signature", "received",
               "decision")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _MODEL_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _MODEL_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(f"ui.inbox.col.{self.COLUMNS[section]}")
        return None

    def data(self, index: _MODEL_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "number":
                return str(r.id)
            if column == "unit":
                return r.unit_name
            if column == "revision":
                return str(r.revision)
            if column == "nominees":
                return f"{r.nominee_count}: {', '.join(r.nominee_names)}"
            if column == "errors":
                return "—" if r.errors_current is None else str(r.errors_current)
            if column == "received":
                return r.received_at[:16].replace("T", " ")
            if column == "signature":
                from desktop.consolidation.inbox import signature_text

                return signature_text(r.signature, short=True)
            return tr(f"consolidation.decision.{r.decision.value if r.decision else 'none'}")
        if role == Qt.ItemDataRole.ForegroundRole and column == "errors" and r.errors_current:
            from PySide6.QtGui import QColor

            return QColor("#b00020")
        if role == Qt.ItemDataRole.UserRole:
            return r
        return None


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return html.escape(str(value))


def detail_html(rev, notes: list) -> str:
    """The detail of a received revision: findings, pack changes, differences, answers."""
    from desktop.consolidation import finding_changes, note_changes
    from desktop.consolidation.diff import describe_path

    en = i18n.get_language() == "en"
    out = [f"<h3>{html.escape(rev.unit_name)}</h3>",
           "<p>" + tr("ui.inbox.detail.package", package=html.escape(rev.package_name),
                      revision=rev.revision, revisions=rev.revisions,
                      dossier_revision=rev.dossier.revision,
                      received=rev.received_at[:16].replace("T", " ")) + "</p>"]
    from desktop.consolidation.inbox import signature_text

    out.append(f"<p>{html.escape(signature_text(rev.signature))}</p>")
    findings = rev.findings_current if rev.findings_current is not None else rev.findings_made
    errors = [f for f in findings or () if f.blocking]
    heading = tr("ui.inbox.detail.findings", count=len(errors),
                 version=rev.current_pack_version or rev.pack_version)
    out.append(f"<p><b>{heading}</b></p>")
    if errors:
        out.append("<ul>" + "".join(
            f"<li style='color:#b00020'>{html.escape(f.message_en if en else f.message_vi)}</li>"
            for f in errors) + "</ul>")
    added, resolved = finding_changes(rev.findings_made, rev.findings_current)
    if added or resolved:
        out.append("<p>" + tr("ui.inbox.detail.pack_changes", made=rev.pack_version,
                              current=rev.current_pack_version, added=len(added),
                              resolved=len(resolved)) + "</p><ul>")
        for sign, found in (("+", added), ("−", resolved)):
            out += [f"<li>{sign} {html.escape(f.message_en if en else f.message_vi)}</li>"
                    for f in found if f.severity != "info"]
        out.append("</ul>")
    diff = rev.differences
    if diff:
        out.append(f"<p><b>{tr('ui.inbox.detail.differences')}</b></p><ul>")
        for key, which in (("nominees_added", "added"), ("nominees_removed", "removed")):
            for n in diff.get(key, ()):
                name = html.escape(n["name"] or n["id"])
                out.append(f"<li>{tr(f'ui.inbox.detail.{which}', name=name)}</li>")
        lang = "en" if en else "vi"
        for c in diff.get("fields", ())[:40]:
            where = html.escape(describe_path(rev.dossier, c["path"], lang))
            out.append(f"<li>{where}: {_value(c['old'])} → {_value(c['new'])}</li>")
        out.append("</ul>")
    if rev.answers:
        out.append(f"<p><b>{tr('ui.inbox.detail.answers')}</b></p><ul>")
        for n in rev.answers.get("notes", ()):
            state = tr("consolidation.cli.note_done" if n.get("done")
                       else "consolidation.cli.note_open")
            changes = note_changes(diff, n.get("path", ""), n.get("nominee_id"))
            beside = "; ".join(f"{_value(c['old'])} → {_value(c['new'])}" for c in changes)
            out.append(f"<li>[{state}] {html.escape(n['text'])}"
                       + (f" — <i>{html.escape(n['answer'])}</i>" if n.get("answer") else "")
                       + (f"<br/>{tr('ui.inbox.detail.changed')}: {beside}" if beside else "")
                       + "</li>")
        out.append("</ul>")
    if notes:
        out.append(f"<p><b>{tr('ui.inbox.detail.notes')}</b></p><ul>")
        for s in notes:
            sent = tr("ui.inbox.note_sent") if s.return_id else tr("ui.inbox.note_draft")
            out.append(f"<li>{html.escape(s.note.label or s.note.path or '—')}: "
                       f"{html.escape(s.note.text)} <i>({sent})</i></li>")
        out.append("</ul>")
    if rev.decision is not None:
        out.append("<p>" + tr("ui.inbox.detail.decision", decision=tr(
            f"consolidation.decision.{rev.decision.value}")) + "</p>")
    return "".join(out)


# ---------------------------------------------------------------------- consolidation


class ConsolidationView(QWidget):
    """Received nominees with checkboxes: checked ones are in the open dossier."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lay = QVBoxLayout(self)
        self.intro = QLabel(tr("ui.inbox.consolidate.intro"))
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.tree = QTreeWidget()
        self.tree.setObjectName("consolidation_tree")
        self.tree.setHeaderLabels([tr("ui.inbox.consolidate.col.name"),
                                   tr("ui.inbox.consolidate.col.kind"),
                                   tr("ui.inbox.consolidate.col.state")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.tree, 1)
        self.status = QLabel()
        self.status.setObjectName("consolidation_status")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.apply_button = QPushButton(tr("ui.inbox.consolidate.apply"))
        self.apply_button.setObjectName("consolidation_apply")
        self.apply_button.clicked.connect(self.apply)
        row.addWidget(self.apply_button)
        lay.addLayout(row)
        self.refresh()

    def _taken(self) -> dict[tuple[int, str], str]:
        """(received id, nominee id there) → id in the open dossier."""
        return {(n.origin.received_id, n.origin.nominee_id): n.id
                for n in self.session.dossier.nominees
                if n.origin is not None and n.origin.received_id is not None}

    def refresh(self) -> None:
        store, taken = self.session.store, self._taken()
        self.tree.clear()
        from desktop.models.consolidation import ReturnDecision

        for summary in store.list_received():
            rev = store.received_revision(summary.id)
            top = QTreeWidgetItem([tr("ui.inbox.consolidate.unit", unit=summary.unit_name,
                                      revision=summary.revision), "", ""])
            top.setFirstColumnSpanned(False)
            self.tree.addTopLevelItem(top)
            rejected = summary.decision == ReturnDecision.REJECTED
            for nominee in rev.dossier.nominees:
                state = ""
                if (summary.id, nominee.id) in taken:
                    state = tr("ui.inbox.consolidate.taken",
                               nominee_id=taken[(summary.id, nominee.id)])
                elif rejected:
                    state = tr("consolidation.decision.rejected")
                child = QTreeWidgetItem([nominee_name(nominee) or nominee.id,
                                         tr(f"enum.nominee_kind.{nominee.kind}"), state])
                child.setData(0, Qt.ItemDataRole.UserRole, (summary.id, nominee.id))
                flags = child.flags() | Qt.ItemFlag.ItemIsUserCheckable
                if rejected:
                    flags &= ~Qt.ItemFlag.ItemIsEnabled
                child.setFlags(flags)
                child.setCheckState(0, Qt.CheckState.Checked if (summary.id, nominee.id)
                                    in taken else Qt.CheckState.Unchecked)
                top.addChild(child)
            top.setExpanded(True)
        self._status()

    def _status(self) -> None:
        own = sum(1 for n in self.session.dossier.nominees if n.origin is None)
        taken = len(self.session.dossier.nominees) - own
        en = i18n.get_language() == "en"
        quota = [f.message_en if en else f.message_vi for f in self.session.findings
                 if f.code.startswith("quota.") and f.severity != "info"]
        self.status.setText(tr("ui.inbox.consolidate.status", taken=taken, own=own)
                            + ("\n" + "\n".join(quota) if quota else ""))

    def checked(self) -> set[tuple[int, str]]:
        out = set()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for k in range(top.childCount()):
                child = top.child(k)
                if child.checkState(0) == Qt.CheckState.Checked:
                    out.add(child.data(0, Qt.ItemDataRole.UserRole))
        return out

    def apply(self) -> None:
        from desktop.consolidation import release_nominees, take_nominees

        taken = self._taken()
        wanted = self.checked()
        take = sorted(k for k in wanted if k not in taken)
        release = [v for k, v in taken.items() if k not in wanted]
        try:
            if take:
                take_nominees(self.session.store, self.session.dossier_id, take)
            if release:
                release_nominees(self.session.store, self.session.dossier_id, release)
        except HosoError as exc:
            QMessageBox.warning(self, tr("ui.inbox.title"), _message(exc))
        self.session.reload()
        self.refresh()


# ---------------------------------------------------------------------- notes and return


class NotesDialog(QDialog):
    """Notes on one received dossier, the decision, and the return file."""

    def __init__(self, session, received_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.received_id = session, received_id
        self.store = session.store
        self.rev = self.store.received_revision(received_id)
        self.setWindowTitle(tr("ui.inbox.notes.title", unit=self.rev.unit_name))
        lay = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("notes_list")
        lay.addWidget(self.list, 1)
        add = QGroupBox(tr("ui.inbox.notes.add"))
        form = QFormLayout(add)
        self.where = QComboBox()
        self.where.setObjectName("note_where")
        self.where.addItem(tr("ui.inbox.notes.whole"), ("dossier", None))
        for n in self.rev.dossier.nominees:
            self.where.addItem(tr("ui.inbox.notes.nominee", name=nominee_name(n) or n.id),
                               ("nominee", n.id))
        pack = self.store.campaign_pack(self.rev.dossier.pack)
        for d in pack.documents if pack is not None else ():
            self.where.addItem(tr("ui.inbox.notes.document", title=d.title), ("document", d.id))
        self.where.currentIndexChanged.connect(self._fields)
        form.addRow(tr("ui.inbox.notes.where"), self.where)
        self.field = QComboBox()
        self.field.setObjectName("note_field")
        form.addRow(tr("ui.inbox.notes.field"), self.field)
        self.text = QLineEdit()
        self.text.setObjectName("note_text")
        form.addRow(tr("ui.inbox.notes.text"), self.text)
        add_button = QPushButton(tr("ui.inbox.notes.add_button"))
        add_button.setObjectName("note_add")
        add_button.clicked.connect(self.add_note)
        form.addRow("", add_button)
        lay.addWidget(add)
        decision_box = QGroupBox(tr("ui.inbox.notes.decision_box"))
        dform = QFormLayout(decision_box)
        self.decision = QComboBox()
        self.decision.setObjectName("note_decision")
        for value in ("returned", "accepted", "rejected"):
            self.decision.addItem(tr(f"consolidation.decision.{value}"), value)
        dform.addRow(tr("ui.inbox.notes.decision"), self.decision)
        self.reason = QLineEdit()
        dform.addRow(tr("ui.inbox.notes.reason"), self.reason)
        self.signer = QLineEdit()
        dform.addRow(tr("ui.inbox.notes.signer"), self.signer)
        self.signer_title = QLineEdit()
        dform.addRow(tr("ui.inbox.notes.signer_title"), self.signer_title)
        lay.addWidget(decision_box)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        export = QPushButton(tr("ui.inbox.notes.export"))
        export.setObjectName("note_export")
        export.clicked.connect(lambda: self.export())
        row.addWidget(export)
        close = QPushButton(tr("ui.inbox.close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self._fields()
        self.load()
        self.resize(720, 600)

    def _fields(self) -> None:
        from desktop.validation.messages import field_label

        kind, ident = self.where.currentData() or ("dossier", None)
        self.field.clear()
        self.field.addItem("—", "")
        if kind != "nominee":
            self.field.setEnabled(False)
            return
        self.field.setEnabled(True)
        nominee = self.rev.dossier.nominee(ident)
        for name in type(nominee).model_fields:
            if name in ("id", "kind", "origin", "criteria"):
                continue
            label = field_label(str(nominee.kind), name)[0 if i18n.get_language() == "vi"
                                                         else 1]
            self.field.addItem(label if not label.startswith("field.") else name,
                               f"nominees[id={ident}].{name}")
        pack = self.store.campaign_pack(self.rev.dossier.pack)
        spec = pack.kind_spec(nominee.kind) if pack is not None else None
        for number, crit in enumerate(spec.criteria if spec else (), 1):
            if crit.id in nominee.criteria:
                self.field.addItem(tr("ui.inbox.notes.criterion", number=number,
                                      text=crit.text[:60]),
                                   f"nominees[id={ident}].criteria[{crit.id}].evidence")

    def load(self) -> None:
        self.list.clear()
        for s in self.store.review_notes(self.received_id, self.rev.revision):
            sent = tr("ui.inbox.note_sent") if s.return_id else tr("ui.inbox.note_draft")
            self.list.addItem(f"{s.note.label or s.note.path or '—'}: {s.note.text} ({sent})")

    def add_note(self) -> None:
        from desktop.consolidation import parse_notes

        kind, ident = self.where.currentData() or ("dossier", None)
        item: dict[str, Any] = {"text": self.text.text()}
        path = self.field.currentData() or ""
        if path:
            item["path"] = path
        elif kind == "nominee":
            item["nominee_id"] = ident
        elif kind == "document":
            item["document"] = ident
        existing = self.store.review_notes(self.received_id, self.rev.revision)
        item["id"] = f"n{len(existing) + 1}"
        pack = self.store.campaign_pack(self.rev.dossier.pack)
        documents = {d.id: d.title for d in pack.documents} if pack is not None else {}
        try:
            [note] = parse_notes([item], self.rev.dossier, documents)
            self.store.save_review_note(self.received_id, note, self.rev.revision)
        except HosoError as exc:
            self.error.setText(_message(exc))
            return
        self.error.setText("")
        self.text.clear()
        self.load()

    def spec(self) -> dict[str, Any]:
        return {"decision": self.decision.currentData(), "reason": self.reason.text(),
                "signer_name": self.signer.text(), "signer_title": self.signer_title.text(),
                "notes": []}

    def export(self, folder: str | None = None) -> None:
        from desktop.consolidation import make_return

        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, tr("ui.inbox.notes.export"))
            if not folder:
                return
        try:
            made = make_return(self.store, self.received_id, self.spec(), folder,
                               reviewer=self.session.dossier.unit, revision=self.rev.revision)
        except HosoError as exc:
            self.error.setText(_message(exc))
            return
        self.error.setText("")
        self.made = made
        self.load()
        QMessageBox.information(self, tr("ui.inbox.title"), tr(
            "ui.inbox.notes.exported", json_path=str(made.json_path),
            pdf_path=str(made.pdf_path or "—")))


# ---------------------------------------------------------------------- the window


class InboxDialog(QDialog):
    """Hộp hồ sơ nhận: received packages and consolidation into the open dossier."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("inbox_dialog")
        self.setWindowTitle(tr("ui.inbox.title"))
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        receive = QPushButton(tr("ui.inbox.receive"))
        receive.setObjectName("inbox_receive")
        receive.clicked.connect(lambda: self.receive())
        top.addWidget(receive)
        self.notes_button = QPushButton(tr("ui.inbox.notes_button"))
        self.notes_button.setObjectName("inbox_notes")
        self.notes_button.clicked.connect(self.open_notes)
        top.addWidget(self.notes_button)
        top.addStretch(1)
        lay.addLayout(top)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        received = QSplitter(Qt.Orientation.Vertical)
        self.model = ReceivedModel(self)
        self.view = QTableView()
        self.view.setObjectName("inbox_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        received.addWidget(self.view)
        self.detail = QTextBrowser()
        self.detail.setObjectName("inbox_detail")
        received.addWidget(self.detail)
        received.setSizes([260, 320])
        self.tabs.addTab(received, tr("ui.inbox.tab.received"))
        self.consolidation = ConsolidationView(session)
        self.tabs.addTab(self.consolidation, tr("ui.inbox.tab.consolidate"))
        self.message = QLabel()
        self.message.setObjectName("inbox_message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.refresh()
        self.resize(980, 680)

    def refresh(self) -> None:
        self.model.set_rows(self.session.store.list_received())
        self.view.resizeColumnsToContents()
        if self.model.rows:
            self.view.selectRow(0)
        self.show_detail()
        self.consolidation.refresh()

    def current(self):
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def show_detail(self) -> None:
        row = self.current()
        self.notes_button.setEnabled(row is not None)
        if row is None:
            self.detail.setHtml(f"<p>{tr('consolidation.cli.inbox_empty')}</p>")
            return
        store = self.session.store
        rev = store.received_revision(row.id)
        self.detail.setHtml(detail_html(rev, store.review_notes(row.id, rev.revision)))

    def receive(self, paths: list[str] | None = None) -> None:
        from desktop.consolidation import receive_packages

        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, tr("ui.inbox.receive"), "",
                                                    tr("ui.inbox.zip_filter"))
            if not paths:
                return
        # signatures are checked against the shipped trusted roots (resources/trust)
        done, failed = receive_packages(self.session.store, paths,
                                        packs_dirs=self.session.store.packs_dirs)
        lines = [tr("ui.inbox.received", count=len(done))]
        from desktop.ui.signing import received_signature_line  # who signed (issue L)

        lines += [received_signature_line(r) for r in done]
        lines += [tr("consolidation.cli.refused", package=Path(p).name, reason=_message(e))
                  for p, e in failed]
        self.message.setText("\n".join(lines))
        self.refresh()

    def open_notes(self) -> None:
        row = self.current()
        if row is None:
            return
        NotesDialog(self.session, row.id, self).exec()
        self.refresh()


def show_inbox(window) -> InboxDialog:
    dialog = InboxDialog(window.session, window)
    dialog.show()
    return dialog


# ---------------------------------------------------------------------- the sender's side


class ReturnNotesPanel(QGroupBox):
    """Kiểm tra: the notes of the returns opened on this dossier, until marked done."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(tr("ui.returns.section"), parent)
        self.setObjectName("return_notes_panel")
        self.setStyleSheet("QGroupBox#return_notes_panel { font-weight: bold; }")
        self.session = session
        self.lay = QVBoxLayout(self)
        self.rows: list[QWidget] = []
        session.store_changed.connect(lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        for widget in self.rows:
            widget.setParent(None)
            widget.deleteLater()
        self.rows = []
        notes = self.session.store.opened_notes(self.session.dossier_id)
        open_notes = [n for n in notes if not n.done]
        self.setVisible(bool(notes))
        if not notes:
            return
        head = QLabel(tr("ui.returns.summary", unit=notes[0].from_unit,
                         decision=tr(f"consolidation.decision.{notes[0].decision.value}"),
                         open=len(open_notes), done=len(notes) - len(open_notes)))
        head.setWordWrap(True)
        self.lay.addWidget(head)
        self.rows.append(head)
        for n in open_notes:
            box = QCheckBox(f"{n.note.label or n.note.path or tr('ui.inbox.notes.whole')}: "
                            f"{n.note.text}")
            box.setObjectName(f"return_note_done_{n.note.id}")
            box.toggled.connect(lambda on, n=n: self.mark(n, on))
            self.lay.addWidget(box)
            self.rows.append(box)

    def mark(self, note, done: bool) -> None:
        """Marking a note done changes no field of the dossier: the views refresh (the
        note leaves its field and this section) and the undo history stays."""
        changes = self.session.store.mark_note_done(note.dossier_id, note.return_id,
                                                    note.note.id, done=done)
        self.session.store_changed.emit(changes, self)


def show_return_notes(form) -> None:
    """Put each open note of a returned dossier under the field it concerns (a yellow
    line under the editor), for one :class:`desktop.ui.widgets.Form`."""
    from desktop.store import StorageKnownError

    session = form.session
    try:
        notes = session.store.opened_notes(session.dossier_id, open_only=True)
    except StorageKnownError:  # the store is closing: no notes to show
        notes = []
    by_path: dict[str, list[str]] = {}
    for n in notes:
        if n.note.path:
            by_path.setdefault(n.note.path, []).append(
                tr("ui.returns.on_field", unit=n.from_unit, text=n.note.text))
    for bound in form.fields.values():
        box = bound.error.parentWidget()
        label = box.findChild(QLabel, f"return_note_{bound.name}")
        texts = by_path.get(bound.path, [])
        if not texts and label is None:
            continue
        if label is None:
            label = QLabel()
            label.setObjectName(f"return_note_{bound.name}")
            label.setWordWrap(True)
            label.setStyleSheet(NOTE_STYLE)
            box.layout().addWidget(label)
        label.setText("\n".join(texts))
        label.setVisible(bool(texts))


def open_return_file(window, path: str | None = None) -> None:
    """File ▸ Mở tệp trả lại hồ sơ…: open a return file on the dossier it names."""
    from desktop.consolidation import apply_return_file

    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, tr("ui.returns.open"), "",
                                              tr("ui.returns.filter"))
        if not path:
            return
    try:
        applied = apply_return_file(window.session.store, path)
    except HosoError as exc:
        QMessageBox.warning(window, tr("ui.returns.open"), _message(exc))
        return
    window.session.reload()
    rf = applied.return_file
    signed = tr("consolidation.cli.return_signer", signer=applied.signed_by, trusted=tr(
        "consolidation.cli.return_trusted") if applied.trusted else "") \
        if applied.signed_by else tr("consolidation.cli.return_unsigned")
    QMessageBox.information(window, tr("ui.returns.open"), tr(
        "consolidation.cli.applied", dossier_id=rf.dossier_id, unit=rf.from_unit,
        decision=tr(f"consolidation.decision.{rf.decision.value}"), notes=len(rf.notes))
        + "\n" + signed)
