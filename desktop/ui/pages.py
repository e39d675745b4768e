"""The steps of the main window (các bước): one page per part of the dossier.

Pages only show and collect: values come from the session's dossier, edits go back through
:class:`~desktop.ui.session.Session`, requirements and messages come from the pack and the
rule engine.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.models import (
    Collective,
    Finding,
    Household,
    Individual,
    NomineeKind,
    Resident,
    SigningAuthority,
    nominee_name,
)
from desktop.packs.regimes import level_exists, level_options, unit_kind_options
from desktop.ui.council_math import tally
from desktop.ui.item_models import (
    Column,
    NomineeTableModel,
    ProposalOrderModel,
    RecordTableModel,
    kind_label,
)
from desktop.ui.qt_i18n import tr
from desktop.ui.session import Session, new_nominee_id, nominee_field
from desktop.ui.widgets import (
    DateDelegate,
    Form,
    enum_choices,
    error_label,
    ethnic_choices,
    pack_choices,
    section_match,
    set_error,
)
from desktop.validation.criteria import summary_rule

EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked
                 | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed
                 | QAbstractItemView.EditTrigger.SelectedClicked)
KIND_CLASSES = {NomineeKind.COLLECTIVE: Collective, NomineeKind.INDIVIDUAL: Individual,
                NomineeKind.HOUSEHOLD: Household, NomineeKind.RESIDENT: Resident}


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def sample_rows_for_widths(view: QTableView, rows: int = 100) -> None:
    """Columns that fit their contents look at the visible rows and ``rows`` more, not at
    the first 1,000 of every reset (Qt's default: ~160,000 ``data()`` calls per refresh of
    a 10,000-row table). QTableView takes the column precision from the vertical header."""
    view.verticalHeader().setResizeContentsPrecision(rows)
    view.horizontalHeader().setResizeContentsPrecision(rows)


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def required_in(pack, section: str) -> list[str]:
    return [p.split(".", 1)[1] for p in pack.dossier_required_fields
            if p.startswith(section + ".")]


class Page(QWidget):
    """Base of a step: knows the session; ``refresh`` after store changes."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = False
        session.store_changed.connect(self._changed)
        session.findings_changed.connect(self._findings_changed)

    def _changed(self, changes, initiator) -> None:
        """Refresh now when shown; a hidden step refreshes when it is shown again (with
        10,000 nominees, rebuilding every step after each edit would take seconds)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _findings_changed(self) -> None:
        if self.isVisible():
            self.show_findings()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
            self.show_findings()

    def refresh(self) -> None:
        pass

    def show_findings(self) -> None:
        pass

    def focus_path(self, finding: Finding) -> None:
        pass


# --------------------------------------------------------------------------- Đơn vị


class UnitPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.unit.heading")))
        intro = QLabel(tr("ui.unit.intro", campaign=pack.title))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.title_form = Form(session, "dossier", lambda: "")
        self.title_form.add("title")
        lay.addWidget(self.title_form)
        self.form = Form(session, "unit", lambda: "unit.",
                         required=[*required_in(pack, "unit"), "kind"])
        f = self.form
        f.add("name")
        # the unit kinds and levels of the pack's legal regime (no district under two tiers)
        f.add("kind", "choice", choices=[(None, "—"), *unit_kind_options(pack)])
        f.add("managing_level", "choice", choices=[(None, "—"), *level_options(pack)])
        f.add("emulation_group", hint=tr("ui.unit.emulation_group_hint"))
        f.add("parent_body")
        f.add("symbol")
        f.add("locality")
        f.add("province")
        # no "Huyện" field in a two-tier dossier (unless one was typed: it can be cleared)
        if level_exists(pack, "district") or session.dossier.unit.district:
            f.add("district")
        f.add("address")
        f.add("phone")
        f.add("email")
        f.add("head_name")
        f.add("head_title")
        lay.addWidget(f)
        lay.addStretch(1)
        outer.addWidget(scrolled(body), 1)
        self.refresh()
        self.show_findings()

    def refresh(self) -> None:
        self.form.load()
        self.title_form.load()

    def show_findings(self) -> None:
        self.form.show_findings(self.session.findings_at("unit"), section_match("unit"))

    def focus_path(self, finding: Finding) -> None:
        name = finding.path.split(".", 1)[1] if "." in finding.path else ""
        name = re.split(r"[.\[]", name)[0]
        if name in self.form.fields:
            self.form.field(name).setFocus()


# --------------------------------------------------------------------------- Đối tượng

NOMINEE_FIELDS: dict[str, list[tuple[str, str]]] = {
    "collective": [("name", "text"), ("collective_type", "ctype"), ("address", "text"),
                   ("phone", "text"), ("head_name", "text"), ("staff_count", "int"),
                   ("functions", "long"), ("in_emulation_group", "bool"),
                   ("managed_by_unit", "bool")],
    "individual": [("full_name", "text"), ("alias", "text"), ("birth_year", "int"),
                   ("gender", "gender"), ("ethnicity", "ethnic"), ("role", "role"),
                   ("holds_leadership", "bool"), ("position", "text"), ("workplace", "text"),
                   ("hometown", "text"), ("occupation", "text"), ("address", "text"),
                   ("managed_by_unit", "bool")],
    "household": [("head_name", "text"), ("head_birth_year", "int"), ("head_gender", "gender"),
                  ("ethnicity", "ethnic"), ("address", "text"), ("members_count", "int"),
                  ("occupation", "text"), ("annual_income_vnd", "money"),
                  ("jobs_created", "int")],
    "resident": [("full_name", "text"), ("birth_year", "int"), ("gender", "gender"),
                 ("ethnicity", "ethnic"), ("address", "text"), ("occupation", "text")],
}

ACHIEVEMENT_COLUMNS = (
    Column("date_from", "ui.achievements.col.date_from", "date"),
    Column("date_to", "ui.achievements.col.date_to", "date"),
    Column("description", "ui.achievements.col.description"),
    Column("figures", "ui.achievements.col.figures"),
    Column("evidence", "ui.achievements.col.evidence"),
)
CONTRIBUTION_COLUMNS = (
    Column("date", "ui.contributions.col.date", "date"),
    Column("description", "ui.contributions.col.description"),
    Column("workdays", "ui.contributions.col.workdays", "number"),
    Column("money_vnd", "ui.contributions.col.money_vnd", "money"),
    Column("land_m2", "ui.contributions.col.land_m2", "number"),
)


def _finding_name(name: str) -> str:
    """Form field name -> the rule engine's path style (``criteria[c].met`` ->
    ``criteria.c.met``)."""
    return re.sub(r"\[([^\]]+)\]", r".\1", name)


class RecordTable(QWidget):
    """A small editable table of records at ``prefix + field`` with add/remove buttons."""

    def __init__(self, session: Session, field: str, columns, title: str,
                 prefix, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.field, self.prefix = session, field, prefix
        self.model = RecordTableModel(columns, self)
        self.model.edited.connect(self._edited)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(title))
        self.view = QTableView()
        self.view.setObjectName(f"table_{field}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(DateDelegate(self.view))
        self.view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setEditTriggers(EDIT_TRIGGERS)
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 7)
        lay.addWidget(self.view)
        self.error = error_label()
        lay.addWidget(self.error)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("ui.table.add_row"))
        self.add_button.setObjectName(f"add_{field}")
        self.remove_button = QPushButton(tr("ui.table.remove_row"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        session.input_error.connect(self._input_error)

    def path(self) -> str:
        return (self.prefix() or "") + self.field

    def load(self) -> None:
        if self.prefix() is None:
            return
        self.model.set_rows(self.session.value(self.path()) or [])

    def _edited(self, row: int, field: str, value: Any) -> None:
        header = tr(next(c.title_key for c in self.model.columns if c.field == field))
        self.session.set_field(f"{self.path()}[{row}].{field}", value, label=header)

    def add_row(self) -> None:
        rows = list(self.session.value(self.path()) or [])
        self.session.set_field(self.path(), [*rows, {}], label=tr("ui.table.add_row"))

    def remove_row(self) -> None:
        rows = list(self.session.value(self.path()) or [])
        index = self.view.currentIndex()
        row = index.row() if index.isValid() else len(rows) - 1
        if 0 <= row < len(rows):
            del rows[row]
            self.session.set_field(self.path(), rows, label=tr("ui.table.remove_row"))

    def _input_error(self, path: str, message: str) -> None:
        if self.prefix() is not None and path.startswith(self.path()):
            set_error(self.error, message)

    def show_messages(self, messages: list[str]) -> None:
        if not self.error.text() or messages:
            set_error(self.error, "\n".join(messages))


class NomineeForm(QWidget):
    """The form of one nominee, built from the pack for its kind."""

    def __init__(self, session: Session, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.nominee_id: str | None = None
        pack = session.pack
        spec = pack.kind_spec(kind)
        required = spec.required_fields if spec else ()
        lay = QVBoxLayout(self)
        self.title = heading("")
        lay.addWidget(self.title)
        self.form = Form(session, kind, self.prefix, required=required)
        f = self.form
        for name, how in NOMINEE_FIELDS[kind]:
            if how == "ctype":
                f.add(name, "choice", choices=pack_choices(pack.collective_types))
            elif how == "role":
                f.add(name, "choice", choices=pack_choices(pack.individual_roles))
            elif how == "gender":
                f.add(name, "choice", choices=enum_choices("gender", ["male", "female"]))
            elif how == "ethnic":
                f.add(name, "ethnic", choices=ethnic_choices(pack))
            else:
                f.add(name, how)
        forms = [a for a in pack.award_forms if kind in a.nominee_kinds]
        f.add("award_form", "choice", choices=[(None, tr("ui.nominee.award_default",
                                                          name=pack.award_form(
                                                              pack.default_award_form).name))]
              + [(a.id, a.name) for a in forms])
        report_forms = list(spec.report_forms) if spec else ["full_report"]
        f.add("report_form", "choice", choices=enum_choices("report_form", report_forms,
                                                            none=False))
        self.report_note = QLabel()
        self.report_note.setWordWrap(True)
        self.report_note.setObjectName("report_note")
        f.layout_.addRow("", self.report_note)
        f.add("summary", "long")
        f.add("note", "text")
        lay.addWidget(f)
        # criteria checklist
        self.criteria_box = QGroupBox(tr("ui.nominee.criteria"))
        self.criteria = Form(session, "criterion_answer", self.prefix, self.criteria_box)
        box_lay = QVBoxLayout(self.criteria_box)
        box_lay.addWidget(self.criteria)
        for number, crit in enumerate(spec.criteria if spec else (), 1):
            # numbered as the findings name them ("tiêu chuẩn 2 “…”")
            self.criteria.add(f"criteria[{crit.id}].met", "bool",
                              label=f"{number}. {crit.text}")
            self.criteria.add(f"criteria[{crit.id}].evidence", "text",
                              label=tr("ui.nominee.evidence"))
            for fig in crit.figures:
                limits = []
                if fig.min is not None:
                    limits.append(f"≥ {_num(fig.min)} {fig.unit}")
                if fig.max is not None:
                    limits.append(f"≤ {_num(fig.max)} {fig.unit}")
                self.criteria.add(
                    f"criteria[{crit.id}].figures[{fig.id}]", "number",
                    label=f"{fig.label} ({fig.unit})",
                    hint=tr("ui.nominee.threshold", limits=", ".join(limits)) if limits else "")
        lay.addWidget(self.criteria_box)
        self.achievements = RecordTable(session, "achievements", ACHIEVEMENT_COLUMNS,
                                        tr("ui.nominee.achievements"), self.prefix)
        lay.addWidget(self.achievements)
        self.contributions = RecordTable(session, "contributions", CONTRIBUTION_COLUMNS,
                                         tr("ui.nominee.contributions"), self.prefix)
        lay.addWidget(self.contributions)
        if kind in ("collective", "individual") and not (spec and spec.contributions_required):
            self.contributions.setVisible(False)
        lay.addStretch(1)

    def prefix(self) -> str | None:
        return f"nominees[id={self.nominee_id}]." if self.nominee_id else None

    def set_nominee(self, nominee_id: str | None) -> None:
        self.nominee_id = nominee_id
        self.load()

    def load(self) -> None:
        nominee = self.session.nominee(self.nominee_id)
        if nominee is None:
            return
        index = self.session.index_of(nominee.id)
        self.title.setText(tr("ui.nominee.title", number=index + 1,
                              kind=kind_label(self.session.pack, nominee.kind),
                              name=nominee_name(nominee) or tr("ui.nominees.unnamed")))
        self.form.load()
        self.criteria.load()
        self.achievements.load()
        self.contributions.load()
        self._report_note(nominee)
        self.show_findings()

    def _report_note(self, nominee) -> None:
        pack = self.session.pack
        spec = pack.kind_spec(nominee.kind)
        if spec is None or "summary" not in spec.report_forms:
            text = tr("ui.nominee.summary_not_for_kind")
        elif summary_rule(pack, nominee) is None:
            texts = [r.text for r in pack.summary_eligibility if nominee.kind in r.nominee_kinds]
            text = tr("ui.nominee.summary_not_eligible", rule=" ".join(dict.fromkeys(texts)))
        else:
            text = tr("ui.nominee.summary_allowed")
        self.report_note.setText(text)

    def show_findings(self) -> None:
        if self.nominee_id is None:
            return
        mine = self.session.findings_of(self.nominee_id)

        def match(f: Finding, name: str) -> bool:
            field = nominee_field(f)
            if field is None:
                return False
            norm = _finding_name(name)
            if field == norm:
                return True
            return norm.endswith(".met") and field == norm[:-4]

        self.form.show_findings(mine, match)
        self.criteria.show_findings(mine, match)
        en = i18n.get_language() == "en"
        for table in (self.achievements, self.contributions):
            msgs = [f.message_en if en else f.message_vi for f in mine if f.blocking
                    and (nominee_field(f) or "").startswith(table.field)]
            table.show_messages(msgs)

    def focus_field(self, field: str) -> None:
        for form in (self.form, self.criteria):
            for name, bound in form.fields.items():
                norm = _finding_name(name)
                if norm == field or norm == field + ".met":
                    bound.editor.setFocus()
                    return
        for table in (self.achievements, self.contributions):
            if field.startswith(table.field):
                table.view.setFocus()


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


class NomineesPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.nominees.heading")))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        self.model = NomineeTableModel(pack, self)
        self.view = QTableView()
        self.view.setObjectName("nominee_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        sample_rows_for_widths(self.view)
        left_lay.addWidget(self.view, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(tr("ui.nominees.add")))
        self.add_buttons: dict[str, QPushButton] = {}
        for spec in pack.nominee_kinds:
            button = QPushButton(kind_label(pack, spec.kind))
            button.setObjectName(f"add_{spec.kind.value}")
            button.setToolTip(tr("ui.nominees.add_tip", kind=kind_label(pack, spec.kind)))
            button.clicked.connect(lambda _=False, k=spec.kind.value: self.add(k))
            add_row.addWidget(button)
            self.add_buttons[spec.kind.value] = button
        add_row.addStretch(1)
        left_lay.addLayout(add_row)
        edit_row = QHBoxLayout()
        self.remove_button = QPushButton(tr("ui.nominees.remove"))
        self.remove_button.setObjectName("remove_nominee")
        self.up_button = QPushButton(tr("ui.nominees.up"))
        self.down_button = QPushButton(tr("ui.nominees.down"))
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        for b in (self.remove_button, self.up_button, self.down_button):
            edit_row.addWidget(b)
        edit_row.addStretch(1)
        left_lay.addLayout(edit_row)
        splitter.addWidget(left)
        self.placeholder = QLabel(tr("ui.nominees.none_selected"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.forms: dict[str, NomineeForm] = {}
        self.form_holder = QWidget()
        self.form_lay = QVBoxLayout(self.form_holder)
        self.form_lay.setContentsMargins(0, 0, 0, 0)
        self.form_lay.addWidget(self.placeholder)
        splitter.addWidget(scrolled(self.form_holder))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        outer.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self._add_default)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view,
                  activated=self.remove)
        self.current_form: NomineeForm | None = None
        self.refresh()
        if session.dossier.nominees:
            self.select(session.dossier.nominees[0].id)

    def _error_counts(self) -> dict[str, int]:
        return self.session.error_counts

    def refresh(self) -> None:
        current = self.current_id()
        self.model.set_nominees(self.session.dossier.nominees, self._error_counts())
        if current and self.session.index_of(current) >= 0:
            self.select(current)
        elif self.current_form is not None and self.session.dossier.nominees:
            self.select(self.session.dossier.nominees[0].id)
        elif not self.session.dossier.nominees:
            self._show_form(None)
        if self.current_form is not None:
            self.current_form.load()

    def show_findings(self) -> None:
        self.model.set_nominees(self.session.dossier.nominees, self._error_counts())
        if self.current_form is not None:
            self.current_form.show_findings()

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.nominees):
            return None
        return self.model.nominees[index.row()].id

    def select(self, nominee_id: str) -> None:
        row = self.session.index_of(nominee_id)
        if row < 0:
            return
        if self.current_id() != nominee_id:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        else:
            self._show_form(nominee_id)

    def _selected(self, current: QModelIndex, previous: QModelIndex) -> None:
        nominee_id = self.model.nominees[current.row()].id if current.isValid() else None
        self._show_form(nominee_id)

    def _show_form(self, nominee_id: str | None) -> None:
        nominee = self.session.nominee(nominee_id)
        for form in self.forms.values():
            form.setVisible(False)
        if nominee is None:
            self.placeholder.setVisible(True)
            self.current_form = None
            return
        self.placeholder.setVisible(False)
        kind = nominee.kind.value
        form = self.forms.get(kind)
        if form is None:
            form = self.forms[kind] = NomineeForm(self.session, kind)
            self.form_lay.addWidget(form)
        form.setVisible(True)
        self.current_form = form
        if form.nominee_id != nominee.id:
            form.set_nominee(nominee.id)

    def add(self, kind: str) -> None:
        cls = KIND_CLASSES[NomineeKind(kind)]
        nominee = cls(id=new_nominee_id(self.session.dossier, kind))
        if self.session.add_nominee(nominee, initiator=self):
            self.refresh()
            self.select(nominee.id)
            if self.current_form is not None:
                first = next(iter(self.current_form.form.fields.values()))
                first.editor.setFocus()

    def _add_default(self) -> None:
        self.add(self.session.pack.nominee_kinds[0].kind.value)

    def remove(self) -> None:
        nominee_id = self.current_id()
        if nominee_id:
            row = self.session.index_of(nominee_id)
            self.session.remove_nominee(nominee_id, initiator=self)
            nominees = self.session.dossier.nominees
            if nominees:
                self.select(nominees[min(row, len(nominees) - 1)].id)

    def move(self, step: int) -> None:
        nominee_id = self.current_id()
        if nominee_id:
            self.session.move_nominee(nominee_id, self.session.index_of(nominee_id) + step,
                                      initiator=self)
            self.select(nominee_id)

    def focus_path(self, finding: Finding) -> None:
        if finding.nominee_id and self.session.index_of(finding.nominee_id) >= 0:
            self.select(finding.nominee_id)
            field = nominee_field(finding)
            if field and self.current_form is not None:
                self.current_form.focus_field(field)


# --------------------------------------------------------------------------- Hội đồng

MEMBER_COLUMNS = (
    Column("name", "ui.council.col.name"),
    Column("council_role", "ui.council.col.role"),
    Column("position", "ui.council.col.position"),
    Column("present", "ui.council.col.present", "bool"),
    Column("absence_reason", "ui.council.col.absence_reason"),
    Column("written_opinion", "ui.council.col.written_opinion", "bool"),
)
VOTE_COLUMNS = (
    Column("name", "ui.council.col.nominee", "label"),
    Column("votes_for", "ui.council.col.votes_for", "int"),
    Column("votes_against", "ui.council.col.votes_against", "int"),
    Column("abstain", "ui.council.col.abstain", "int"),
)


class CouncilPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.council.heading")))
        body = QWidget()
        lay = QVBoxLayout(body)
        self.form = Form(session, "council", lambda: "council.",
                         required=required_in(pack, "council"))
        f = self.form
        f.add("number")
        f.add("date", "date")
        f.add("start_time", "time", hint=tr("ui.council.time_hint"))
        f.add("end_time", "time")
        f.add("place")
        lay.addWidget(f)
        self.members = RecordTable(session, "members", MEMBER_COLUMNS,
                                   tr("ui.council.members"), lambda: "council.")
        lay.addWidget(self.members)
        self.quorum = QLabel()
        self.quorum.setObjectName("quorum_label")
        self.quorum.setWordWrap(True)
        lay.addWidget(self.quorum)
        self.roles = Form(session, "council", lambda: "council.",
                          required=required_in(pack, "council"))
        self.roles.add("chair", "choice", choices=[])
        self.roles.add("secretary", "choice", choices=[])
        self.roles.add("voting_method", "choice", choices=enum_choices(
            "voting_method", [m.value for m in pack.council.voting_methods]))
        lay.addWidget(self.roles)
        lay.addWidget(QLabel(tr("ui.council.votes")))
        self.threshold = QLabel()
        self.threshold.setObjectName("threshold_label")
        self.threshold.setWordWrap(True)
        lay.addWidget(self.threshold)
        self.vote_model = RecordTableModel(VOTE_COLUMNS, self)
        self.vote_model.edited.connect(self._vote_edited)
        self.votes = QTableView()
        self.votes.setObjectName("vote_table")
        self.votes.setModel(self.vote_model)
        self.votes.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.votes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        sample_rows_for_widths(self.votes)
        self.votes.setEditTriggers(EDIT_TRIGGERS)
        self.votes.setMinimumHeight(self.votes.fontMetrics().lineSpacing() * 7)
        lay.addWidget(self.votes)
        self.vote_error = error_label()
        self.vote_error.setObjectName("vote_error")
        lay.addWidget(self.vote_error)
        rule = QLabel(tr("ui.council.rule", rule=pack.council.rule_text))
        rule.setWordWrap(True)
        lay.addWidget(rule)
        f2 = Form(session, "council", lambda: "council.")
        f2.add("conclusion", "long")
        self.conclusion = f2
        lay.addWidget(f2)
        lay.addStretch(1)
        outer.addWidget(scrolled(body), 1)
        session.input_error.connect(self._input_error)
        self.refresh()
        self.show_findings()

    def _member_choices(self) -> list[tuple[Any, str]]:
        names = [m.name for m in self.session.dossier.council.members if m.name]
        return [("", "—"), *((n, n) for n in names)]

    def refresh(self) -> None:
        council = self.session.dossier.council
        self.form.load()
        self.members.load()
        for name in ("chair", "secretary"):
            bound = self.roles.fields[name]
            choices = self._member_choices()
            current = getattr(council, name)
            if current and current not in [c[0] for c in choices]:
                choices.append((current, current))
            if choices != bound.choices:
                bound.choices = choices
                combo = bound.editor
                combo.blockSignals(True)
                combo.clear()
                for _, label in choices:
                    combo.addItem(label)
                combo.blockSignals(False)
        self.roles.load()
        self.conclusion.load()
        votes = {v.nominee_id: v for v in council.votes}
        rows = []
        for i, n in enumerate(self.session.dossier.nominees):
            v = votes.get(n.id)
            rows.append({"name": f"{i + 1}. {nominee_name(n) or tr('ui.nominees.unnamed')}",
                         "votes_for": v.votes_for if v else None,
                         "votes_against": v.votes_against if v else None,
                         "abstain": v.abstain if v else None})
        self.vote_model.set_rows(rows)
        t = tally(self.session.pack, council)
        self.quorum.setText(tr("ui.council.quorum_ok" if t.has_quorum else "ui.council.quorum_no",
                               present=t.present, total=t.total, share=t.quorum_share,
                               needed=t.quorum_needed))
        self.quorum.setStyleSheet("" if t.has_quorum else "color: #b00020;")
        self.threshold.setText(tr("ui.council.threshold", needed=t.votes_needed,
                                  share=t.approval_share, base=t.base,
                                  base_label=tr(f"enum.approval_base.{t.approval_base}")))

    def _vote_edited(self, row: int, field: str, value: Any) -> None:
        nominee = self.session.dossier.nominees[row]
        votes = [v.model_dump(mode="json") for v in self.session.dossier.council.votes]
        for v in votes:
            if v["nominee_id"] == nominee.id:
                v[field] = value
                break
        else:
            votes.append({"nominee_id": nominee.id, "votes_for": 0, "votes_against": 0,
                          "abstain": 0, field: value})
        self.session.set_field("council.votes", votes,
                               label=tr(next(c.title_key for c in VOTE_COLUMNS
                                             if c.field == field)))

    def _input_error(self, path: str, message: str) -> None:
        if path == "council.votes":
            set_error(self.vote_error, message)

    def show_findings(self) -> None:
        match = section_match("council")
        findings = self.session.findings_at("council")
        self.form.show_findings(findings, match)
        self.roles.show_findings(findings, match)
        en = i18n.get_language() == "en"
        members = [f.message_en if en else f.message_vi for f in findings
                   if f.blocking and f.path.startswith("council.members")]
        self.members.show_messages(members)
        votes = [f.message_en if en else f.message_vi for f in findings
                 if f.blocking and f.path.startswith("council.votes")]
        set_error(self.vote_error, "\n".join(votes))

    def focus_path(self, finding: Finding) -> None:
        path = finding.path
        if path.startswith("council.votes"):
            self.votes.setFocus()
            row = self.session.index_of(finding.nominee_id or "")
            if row >= 0:
                self.votes.setCurrentIndex(self.vote_model.index(row, 1))
            return
        if path.startswith("council.members"):
            self.members.view.setFocus()
            return
        name = path.split(".", 1)[1] if "." in path else ""
        for form in (self.form, self.roles, self.conclusion):
            if name in form.fields:
                form.field(name).setFocus()


# --------------------------------------------------------------------------- Tờ trình


class ProposalPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.proposal.heading")))
        body = QWidget()
        lay = QVBoxLayout(body)
        self.form = Form(session, "proposal", lambda: "proposal.",
                         required=required_in(pack, "proposal"))
        f = self.form
        f.add("number")
        f.add("symbol", hint=tr("ui.proposal.symbol_hint"))
        f.add("date", "date")
        f.add("place")
        f.add("addressee", "long")
        f.add("authority", "choice", choices=[
            (a.value, tr(f"ui.proposal.authority.{a.name.lower()}")) for a in SigningAuthority])
        f.add("authority_body", hint=tr("ui.proposal.authority_body_hint"))
        f.add("signer_title")
        f.add("signer_name")
        f.add("recipients", "lines", hint=tr("ui.proposal.recipients_hint"))
        f.add("body", "long")
        lay.addWidget(f)
        lay.addWidget(QLabel(tr("ui.proposal.order")))
        self.order_model = ProposalOrderModel(session.nominee, self)
        self.order = QListView()
        self.order.setObjectName("proposal_order")
        self.order.setModel(self.order_model)
        self.order.setUniformItemSizes(True)
        self.order.setMinimumHeight(self.order.fontMetrics().lineSpacing() * 6)
        lay.addWidget(self.order)
        row = QHBoxLayout()
        up = QPushButton(tr("ui.nominees.up"))
        down = QPushButton(tr("ui.nominees.down"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        row.addWidget(up)
        row.addWidget(down)
        row.addStretch(1)
        lay.addLayout(row)
        self.order_error = error_label()
        lay.addWidget(self.order_error)
        lay.addStretch(1)
        outer.addWidget(scrolled(body), 1)
        self.refresh()
        self.show_findings()

    def refresh(self) -> None:
        self.form.load()
        current = self.current_row()
        self.order_model.set_ids(self.session.dossier.proposal.nominee_ids)
        if 0 <= current < self.order_model.rowCount():
            self.set_current_row(current)

    def current_row(self) -> int:
        index = self.order.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        self.order.setCurrentIndex(self.order_model.index(row, 0))

    def _move(self, step: int) -> None:
        row = self.current_row()
        ids = list(self.session.dossier.proposal.nominee_ids)
        new = row + step
        if row < 0 or not 0 <= new < len(ids):
            return
        ids.insert(new, ids.pop(row))
        if self.session.set_field("proposal.nominee_ids", ids, label=tr("ui.proposal.order")):
            self.set_current_row(new)

    def show_findings(self) -> None:
        findings = self.session.findings_at("proposal")
        self.form.show_findings(findings, section_match("proposal"))
        en = i18n.get_language() == "en"
        set_error(self.order_error, "\n".join(
            f.message_en if en else f.message_vi for f in findings
            if f.blocking and f.path.startswith("proposal.nominee_ids")))

    def focus_path(self, finding: Finding) -> None:
        name = finding.path.split(".", 1)[1] if "." in finding.path else ""
        if name.startswith("nominee_ids"):
            self.order.setFocus()
        elif name in self.form.fields:
            self.form.field(name).setFocus()

