"""The steps of the main window (các bước): one page per part of the dossier.

Pages only show and collect: values come from the session's dossier, edits go back through
:class:`~desktop.ui.session.Session`, requirements and messages come from the pack and the
rule engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
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
    ERROR_STYLE,
    WARNING_STYLE,
    DateDelegate,
    Form,
    GridView,
    date_message,
    enum_choices,
    error_label,
    ethnic_choices,
    field_text,
    focus_chain,
    pack_choices,
    section_match,
    set_error,
    set_tab_order,
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
    """A vertical scroll area: the page fits the width (fields shrink, labels wrap)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


#: the managing level a kind of unit has (a default the secretary can change)
LEVEL_OF_KIND = {
    "commune": "commune", "district": "district", "provincial_department": "province",
    "education_department": "province", "health_department": "province",
}


def kind_level(pack, kind) -> str | None:
    """The managing level of a unit kind: the pack's regime says it, else the kind's name
    does (UBND xã -> Cấp xã)."""
    rule = pack.unit_rule(kind) if kind else None
    if rule is not None:
        return rule.level
    return LEVEL_OF_KIND.get(kind or "")


def required_in(pack, section: str) -> list[str]:
    return [p.split(".", 1)[1] for p in pack.dossier_required_fields
            if p.startswith(section + ".")]


class Page(QWidget):
    """Base of a step: knows the session; ``refresh`` after store changes.

    ``step`` is the page's place in the stepper: its messages show once the step was
    visited (left once), or field by field as they are left (Session.revealed)."""

    step = -1

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

    def areas(self) -> list[str]:
        return [f"step:{self.step}"]

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
        self.show_findings()  # the step may have been visited since they were shown
        self.update_tab_order()

    def tab_chain(self) -> list[QWidget]:
        """The page's fields in the order Tab visits them (top to bottom)."""
        return focus_chain(self)

    #: widgets after the page in the Tab order (the window's Tiếp / Quay lại / ?)
    nav_widgets: tuple = ()

    def update_tab_order(self) -> None:
        set_tab_order([*self.tab_chain(),
                       *(w for w in self.nav_widgets if w.isEnabled())])

    def refresh(self) -> None:
        pass

    def show_findings(self) -> None:
        pass

    def focus_path(self, finding: Finding) -> None:
        pass

    def others_label(self) -> QLabel:
        """Room at the top of the page for the errors of this step that no field of it
        shows (a rule on the section as a whole)."""
        self.others = error_label()
        self.others.setObjectName("page_messages")
        return self.others

    def show_others(self, findings, shown: set[int]) -> None:
        en = i18n.get_language() == "en"
        rest = [f.message_en if en else f.message_vi for f in findings
                if f.blocking and id(f) not in shown]
        revealed = self.session.revealed(self.areas(), "")
        set_error(self.others, "\n".join(dict.fromkeys(rest)) if revealed else "")


# --------------------------------------------------------------------------- Đơn vị


class UnitPage(Page):
    step = 0

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.unit.heading")))
        intro = QLabel(tr("ui.unit.intro", campaign=pack.title))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        outer.addWidget(self.others_label())
        body = QWidget()
        lay = QVBoxLayout(body)
        self.title_form = Form(session, "dossier", lambda: "", areas=self.areas)
        self.title_form.add("title")
        lay.addWidget(self.title_form)
        self.form = Form(session, "unit", lambda: "unit.",
                         required=[*required_in(pack, "unit"), "kind"], areas=self.areas)
        f = self.form
        f.add("name")
        # the unit kinds and levels of the pack's legal regime (no district under two tiers)
        f.add("kind", "choice", choices=[(None, "—"), *unit_kind_options(pack)])
        f.committed.connect(self._committed)
        f.add("managing_level", "choice", choices=[(None, "—"), *level_options(pack)])
        f.add("emulation_group", hint=tr("ui.unit.emulation_group_hint"))
        f.add("parent_body", placeholder=tr("ui.start.parent_body_placeholder"))
        f.add("symbol", placeholder=tr("ui.start.symbol_placeholder"))
        f.add("locality", placeholder=tr("ui.start.locality_placeholder"))
        f.add("province")
        # no "Huyện" field in a two-tier dossier (unless one was typed: it can be cleared)
        if level_exists(pack, "district") or session.dossier.unit.district:
            f.add("district")
        f.add("address")
        f.add("phone")
        f.add("email")
        f.add("head_name", placeholder=tr("ui.start.head_name_placeholder"))
        f.add("head_title", placeholder=tr("ui.start.head_title_placeholder"))
        lay.addWidget(f)
        lay.addStretch(1)
        outer.addWidget(scrolled(body), 1)
        self.refresh()
        self.show_findings()

    def _committed(self, name: str) -> None:
        """Choosing the unit's kind sets its managing level (UBND xã -> Cấp xã)."""
        if name != "kind":
            return
        unit = self.session.dossier.unit
        level = kind_level(self.session.pack, unit.kind)
        if level and unit.managing_level != level:
            self.session.set_field("unit.managing_level", level,
                                   label=field_text("unit", "managing_level"))

    def refresh(self) -> None:
        self.form.load()
        self.title_form.load()

    def show_findings(self) -> None:
        findings = [*self.session.findings_at("unit"), *self.session.findings_at("title")]
        shown = self.form.show_findings(findings, section_match("unit"))
        shown |= self.title_form.show_findings(findings, lambda f, name: f.path == name)
        self.show_others(findings, shown)

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


def default_report_form(pack, nominee) -> str:
    """The report form that applies to a nominee: the summary where the pack allows it for
    the kind and role (a farmer household), else the full report (Mẫu 07)."""
    spec = pack.kind_spec(nominee.kind)
    forms = list(spec.report_forms) if spec else ["full_report"]
    if "summary" in forms and summary_rule(pack, nominee) is not None:
        return "summary"
    return "full_report" if "full_report" in forms else forms[0]


def _finding_name(name: str) -> str:
    """Form field name -> the rule engine's path style (``criteria[c].met`` ->
    ``criteria.c.met``)."""
    return re.sub(r"\[([^\]]+)\]", r".\1", name)


def campaign_period(pack) -> tuple:
    period = pack.achievement_period
    return (period.start, period.end)


def date_column_width(view: QTableView) -> int:
    """Room for dd/mm/yyyy and the calendar arrow of the cell editor."""
    return view.fontMetrics().horizontalAdvance("00/00/00000") + 48


class RecordTable(QWidget):
    """A small editable table of records at ``prefix + field`` with add/remove buttons.

    Keys: type on a cell to edit it, Tab moves on (out of the table from its last cell),
    Ctrl+Tab leaves it, Enter on the last row's last cell adds a row."""

    def __init__(self, session: Session, field: str, columns, title: str,
                 prefix, parent: QWidget | None = None,
                 areas=lambda: ()) -> None:
        super().__init__(parent)
        self.session, self.field, self.prefix = session, field, prefix
        self.areas = areas
        self.model = RecordTableModel(columns, self)
        self.model.edited.connect(self._edited)
        self.model.refused.connect(self._refused)
        self.messages: list[str] = []
        self.warnings: list[str] = []
        self.input_message = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel(title)
        self.title_label.setWordWrap(True)
        lay.addWidget(self.title_label)
        self.view = GridView(appendable=True)
        self.view.setObjectName(f"table_{field}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(DateDelegate(self.view, campaign_period(session.pack)))
        self.view.setToolTip(tr("ui.table.keys_tip"))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for i, col in enumerate(self.model.columns):
            if col.kind == "date":
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(i, date_column_width(self.view))
            elif col.kind == "text":  # texts share the width (no sideways scrolling)
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        if any(c.kind == "text" for c in self.model.columns):
            header.setStretchLastSection(False)  # (with both, 125 % left 1 px over)
        self.view.setEditTriggers(EDIT_TRIGGERS)
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 7)
        self.view.append_requested.connect(self.append_row)
        lay.addWidget(self.view)
        self.error = error_label()
        self.error.setObjectName(f"error_{field}")
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing())
        lay.addWidget(self.error)
        self.error.setVisible(True)  # the line keeps its room: nothing jumps under the pointer
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
        self.session.touch(self.path())  # a cell was left: the table's messages show now
        self.session.set_field(f"{self.path()}[{row}].{field}", value, label=header)

    def add_row(self) -> None:
        rows = list(self.session.value(self.path()) or [])
        if self.session.set_field(self.path(), [*rows, {}], label=tr("ui.table.add_row")):
            self.load()
            self.view.setFocus()
            self.view.setCurrentIndex(self.model.index(len(rows), 0))
            self.view.scrollTo(self.view.currentIndex())

    def focus_cell(self, rest: str) -> None:
        """Select the cell a finding points at (``[2].date_from`` after the table's path),
        scrolled into view; the table itself when the path names no cell."""
        self.view.setFocus()
        m = re.match(r"^\[(\d+)\]\.?(\w*)", rest or "")
        if not m:
            return
        row = int(m.group(1))
        fields = [c.field for c in self.model.columns]
        column = fields.index(m.group(2)) if m.group(2) in fields else 0
        if row < self.model.rowCount():
            index = self.model.index(row, column)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def append_row(self) -> None:
        """Enter on the last cell: a new row, its first cell current (type to fill it)."""
        self.add_row()

    def _refused(self, row: int, field: str, exc) -> None:
        header = tr(next(c.title_key for c in self.model.columns if c.field == field))
        self.input_message = date_message(tr("ui.table.cell", column=header, row=row + 1),
                                          "date", exc)
        self._show()

    def remove_row(self) -> None:
        rows = list(self.session.value(self.path()) or [])
        index = self.view.currentIndex()
        row = index.row() if index.isValid() else len(rows) - 1
        if 0 <= row < len(rows):
            del rows[row]
            self.session.set_field(self.path(), rows, label=tr("ui.table.remove_row"))

    def _input_error(self, path: str, message: str) -> None:
        if self.prefix() is not None and path.startswith(self.path()):
            self.input_message = message
            self._show()

    def show_messages(self, messages: list[str], warnings: Sequence[str] = ()) -> None:
        self.messages, self.warnings = messages, list(warnings)
        self._show()

    def _show(self) -> None:
        revealed = self.session.revealed(self.areas(), self.path())
        shown = self.messages or self.warnings  # warnings (amber) when there is no error
        text = self.input_message or ("\n".join(dict.fromkeys(shown)) if revealed else "")
        warning = not self.input_message and not self.messages and bool(text)
        self.error.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.error.setText(text)


class NomineeForm(QWidget):
    """The form of one nominee, built from the pack for its kind."""

    def __init__(self, session: Session, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.nominee_id: str | None = None
        pack = session.pack
        spec = pack.kind_spec(kind)
        self.spec = spec  # a Giấy khen round's criteria may change: the page then rebuilds
        required = spec.required_fields if spec else ()
        lay = QVBoxLayout(self)
        self.title = heading("")
        lay.addWidget(self.title)
        self.others = error_label()
        self.others.setObjectName("nominee_messages")
        lay.addWidget(self.others)
        self.form = Form(session, kind, self.prefix, required=required, areas=self.areas)
        self.form.committed.connect(self._committed)
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
        self.report_forms = list(spec.report_forms) if spec else ["full_report"]
        self.report_bound = f.add("report_form", "choice", choices=enum_choices(
            "report_form", self.report_forms, none=False))
        # one report form for the kind: no choice to show, the note says which one
        f.layout_.setRowVisible(self.report_bound.editor.parentWidget(),
                                len(self.report_forms) > 1)
        self.report_note = QLabel()
        self.report_note.setWordWrap(True)
        self.report_note.setObjectName("report_note")
        f.layout_.addRow("", self.report_note)
        self.summary_bound = f.add("summary", "long")
        f.add("note", "text")
        lay.addWidget(f)
        # criteria checklist
        self.criteria_box = QGroupBox(tr("ui.nominee.criteria"))
        self.criteria = Form(session, "criterion_answer", self.prefix, self.criteria_box,
                             areas=self.areas)
        box_lay = QVBoxLayout(self.criteria_box)
        box_lay.addWidget(self.criteria)
        for number, crit in enumerate(spec.criteria if spec else (), 1):
            # numbered as the findings name them ("tiêu chuẩn 2 “…”")
            met = self.criteria.add(f"criteria[{crit.id}].met", "bool",
                                    label=f"{number}. {crit.text}", wide=True)
            met.editor.setText(tr("ui.nominee.met"))
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
                                        tr("ui.nominee.achievements"), self.prefix,
                                        areas=self.areas)
        lay.addWidget(self.achievements)
        self.contributions = RecordTable(session, "contributions", CONTRIBUTION_COLUMNS,
                                         tr("ui.nominee.contributions"), self.prefix,
                                         areas=self.areas)
        lay.addWidget(self.contributions)
        if kind in ("collective", "individual") and not (spec and spec.contributions_required):
            self.contributions.setVisible(False)
        lay.addStretch(1)

    def prefix(self) -> str | None:
        return f"nominees[id={self.nominee_id}]." if self.nominee_id else None

    def areas(self) -> list[str]:
        """A nominee's messages show once it was left (another picked, the step left) or
        a finding led here; a nominee added later starts quiet, as a blank form does."""
        return [f"nominee:{self.nominee_id}"]

    def _committed(self, name: str) -> None:
        """A role or leadership change can change the report form that applies."""
        if name not in ("role", "holds_leadership"):
            return
        nominee = self.session.nominee(self.nominee_id)
        if nominee is None:
            return
        form = default_report_form(self.session.pack, nominee)
        if form != nominee.report_form:
            self.session.set_field(f"{self.prefix()}report_form", form,
                                   label=field_text(self.kind, "report_form"))

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
        """Say which report applies and show only the box of that one (the summary box only
        under a summary)."""
        pack = self.session.pack
        spec = pack.kind_spec(nominee.kind)
        summary = nominee.report_form == "summary"
        if spec is None or "summary" not in spec.report_forms:
            text = tr("ui.nominee.summary_not_for_kind")
        elif summary_rule(pack, nominee) is None:
            texts = [r.text for r in pack.summary_eligibility if nominee.kind in r.nominee_kinds]
            text = tr("ui.nominee.summary_not_eligible", rule=" ".join(dict.fromkeys(texts)))
        elif summary:
            text = tr("ui.nominee.summary_chosen")
        else:
            text = tr("ui.nominee.summary_allowed")
        self.report_note.setText(text)
        self.form.layout_.setRowVisible(self.summary_bound.editor.parentWidget(), summary)

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

        shown = self.form.show_findings(mine, match)
        shown |= self.criteria.show_findings(mine, match)
        en = i18n.get_language() == "en"
        for table in (self.achievements, self.contributions):
            found = [f for f in mine if f.severity in ("error", "warning")
                     and (nominee_field(f) or "").startswith(table.field)]
            shown.update(id(f) for f in found)
            table.show_messages(
                [f.message_en if en else f.message_vi for f in found if f.blocking],
                [f.message_en if en else f.message_vi for f in found if not f.blocking])
        # the nominee's own errors no field shows (its path is the nominee itself)
        rest = [f.message_en if en else f.message_vi for f in mine if f.blocking
                and id(f) not in shown and nominee_field(f) is not None]
        revealed = self.session.revealed(self.areas(), "")
        set_error(self.others, "\n".join(dict.fromkeys(rest)) if revealed else "")

    def focus_field(self, field: str) -> None:
        for form in (self.form, self.criteria):
            for name, bound in form.fields.items():
                norm = _finding_name(name)
                if norm == field or norm == field + ".met":
                    bound.editor.setFocus()
                    return
        for table in (self.achievements, self.contributions):
            if field.startswith(table.field):
                table.focus_cell(field[len(table.field):])
                scroll = self.parent()
                while scroll is not None and not isinstance(scroll, QScrollArea):
                    scroll = scroll.parent()
                if scroll is not None:
                    scroll.ensureWidgetVisible(table, 0, 0)


def two_lines(text: str) -> str:
    """A long button label broken at the space nearest its middle (the list beside the
    nominee editor stays narrow)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


class NomineesPage(Page):
    step = 1

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.nominees.heading")))
        self.quota = QLabel()  # the campaign's own words on how many may be proposed
        self.quota.setObjectName("quota_note")
        self.quota.setWordWrap(True)
        outer.addWidget(self.quota)
        outer.addWidget(self.others_label())  # the list as a whole: empty, over the quota
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("nominee_splitter")
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        self.model = NomineeTableModel(pack, self)
        self.view = GridView()
        self.view.setTabKeyNavigation(False)  # a list to pick from: Tab moves on
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
        for column in ("birth_year", "where", "report_form"):  # the editor shows them
            self.view.setColumnHidden(NomineeTableModel.COLUMNS.index(column), True)
        left_lay.addWidget(self.view, 1)
        left_lay.addWidget(QLabel(tr("ui.nominees.add")))
        add_grid = QGridLayout()
        self.add_buttons: dict[str, QPushButton] = {}
        column = row = 0
        for spec in pack.nominee_kinds:
            text = kind_label(pack, spec.kind)
            button = QPushButton(two_lines(text) if len(text) > 24 else text)
            button.setObjectName(f"add_{spec.kind.value}")
            button.setToolTip(tr("ui.nominees.add_tip", kind=text))
            button.clicked.connect(lambda _=False, k=spec.kind.value: self.add(k))
            wide = len(text) > 18  # a long label takes the whole row
            if wide and column:
                row, column = row + 1, 0
            add_grid.addWidget(button, row, column, 1, 2 if wide else 1)
            column += 2 if wide else 1
            if column >= 2:
                row, column = row + 1, 0
            self.add_buttons[spec.kind.value] = button
        left_lay.addLayout(add_grid)
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
        self.form_scroll = scrolled(self.form_holder)
        splitter.addWidget(self.form_scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 900])  # the editor gets the room (the window restores a
        outer.addWidget(splitter, 1)   # width the user set, see MainWindow)
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

    def _show_quota(self) -> None:
        unit = self.session.dossier.unit
        texts = [q.text for q in self.session.pack.quota_rules
                 if unit.kind in q.unit_kinds and q.text
                 and (q.emulation_group is None
                      or q.emulation_group == bool(unit.emulation_group))]
        self.quota.setText(tr("ui.nominees.quota", text=" ".join(dict.fromkeys(texts)))
                           if texts else "")
        self.quota.setVisible(bool(texts))

    def refresh(self) -> None:
        self._show_quota()
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
        whole = [f for f in self.session.findings_at("nominees") if not f.nominee_id]
        self.show_others(whole, set())

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
        """Show the form of ``nominee_id``. The form shown stays shown (hiding it, even for
        a moment, would throw the focus out of the page after every saved field)."""
        nominee = self.session.nominee(nominee_id)
        previous = self.current_form
        if previous is not None and previous.nominee_id and previous.nominee_id != nominee_id:
            self.session.visit(f"nominee:{previous.nominee_id}")  # its messages show later
        if nominee is None:
            for form in self.forms.values():
                form.setVisible(False)
            self.placeholder.setVisible(True)
            self.current_form = None
            return
        self.placeholder.setVisible(False)
        kind = nominee.kind.value
        form = self.forms.get(kind)
        if form is not None and form.spec is not self.session.pack.kind_spec(kind):
            form.setParent(None)  # the unit edited its own criteria for this kind
            form.deleteLater()
            form = None
        if form is None:
            form = self.forms[kind] = NomineeForm(self.session, kind)
            self.form_lay.addWidget(form)
        for other in self.forms.values():
            if other is not form and other.isVisibleTo(self.form_holder):
                other.setVisible(False)
        if not form.isVisibleTo(self.form_holder):
            form.setVisible(True)
        self.current_form = form
        if form.nominee_id != nominee.id:
            form.set_nominee(nominee.id)
            self.form_scroll.verticalScrollBar().setValue(0)  # a new nominee: from the top
            self.update_tab_order()

    def add(self, kind: str) -> None:
        cls = KIND_CLASSES[NomineeKind(kind)]
        nominee = cls(id=new_nominee_id(self.session.dossier, kind))
        form = default_report_form(self.session.pack, nominee)
        if form != nominee.report_form:
            nominee = cls(id=nominee.id, report_form=form)
        if self.session.add_nominee(nominee, initiator=self):
            self.refresh()
            self.select(nominee.id)
            if self.current_form is not None:
                first = next(iter(self.current_form.form.fields.values()))
                first.editor.setFocus()
                self.form_scroll.verticalScrollBar().setValue(0)

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
    Column("result", "ui.council.col.result", "label"),  # live: passed / short of the rule
)


class CouncilPage(Page):
    step = 2

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.council.heading")))
        outer.addWidget(self.others_label())
        body = QWidget()
        lay = QVBoxLayout(body)
        self.form = Form(session, "council", lambda: "council.",
                         required=required_in(pack, "council"), areas=self.areas)
        f = self.form
        f.add("number", "docno", placeholder=tr("ui.council.number_placeholder"),
              hint=tr("ui.council.number_hint"))
        f.add("date", "date")
        f.add("start_time", "time", hint=tr("ui.council.time_hint"))
        f.add("end_time", "time")
        f.add("place")
        lay.addWidget(f)
        self.members = RecordTable(session, "members", MEMBER_COLUMNS,
                                   tr("ui.council.members"), lambda: "council.",
                                   areas=self.areas)
        self.members.view.append_from = 0  # names: Enter on the last one adds a row
        lay.addWidget(self.members)
        self.quorum = QLabel()
        self.quorum.setObjectName("quorum_label")
        self.quorum.setWordWrap(True)
        lay.addWidget(self.quorum)
        self.roles = Form(session, "council", lambda: "council.",
                          required=required_in(pack, "council"), areas=self.areas)
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
        self.votes = GridView()
        self.votes.setObjectName("vote_table")
        self.votes.setModel(self.vote_model)
        self.votes.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.votes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        sample_rows_for_widths(self.votes)
        self.votes.setEditTriggers(EDIT_TRIGGERS)
        self.votes.setMinimumHeight(self.votes.fontMetrics().lineSpacing() * 7)
        lay.addWidget(self.votes)
        self.vote_messages: list[str] = []
        self.vote_input_message = ""
        self.vote_error = error_label()
        self.vote_error.setObjectName("vote_error")
        self.vote_error.setMinimumHeight(self.vote_error.fontMetrics().lineSpacing())
        lay.addWidget(self.vote_error)
        self.vote_error.setVisible(True)  # keeps its room
        rule = QLabel(tr("ui.council.rule", rule=pack.council.rule_text))
        rule.setWordWrap(True)
        lay.addWidget(rule)
        f2 = Form(session, "council", lambda: "council.", areas=self.areas)
        f2.add("conclusion", "long")
        self.conclusion = f2
        lay.addWidget(f2)
        lay.addStretch(1)
        self.scroll = scrolled(body)
        outer.addWidget(self.scroll, 1)
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
        t = tally(self.session.pack, council)
        rows = []
        for i, n in enumerate(self.session.dossier.nominees):
            v = votes.get(n.id)
            short = False
            if v is None or not t.base:
                result = ""
            elif v.votes_for >= t.votes_needed:
                result = tr("ui.council.vote_passed")
            else:
                result, short = tr("ui.council.vote_short", needed=t.votes_needed), True
            rows.append({"name": f"{i + 1}. {nominee_name(n) or tr('ui.nominees.unnamed')}",
                         "votes_for": v.votes_for if v else None,
                         "votes_against": v.votes_against if v else None,
                         "abstain": v.abstain if v else None,
                         "result": result, "result__error": short})
        self.vote_model.set_rows(rows)
        if not t.total:  # no figures that mean nothing yet ("0/0 … cần ít nhất 0")
            self.quorum.setText(tr("ui.council.quorum_empty", share=t.quorum_share))
            self.quorum.setStyleSheet("")
        else:
            self.quorum.setText(tr("ui.council.quorum_ok" if t.has_quorum
                                   else "ui.council.quorum_no",
                                   present=t.present, total=t.total, share=t.quorum_share,
                                   needed=t.quorum_needed))
            self.quorum.setStyleSheet("" if t.has_quorum else "color: #b00020;")
        if not t.base:
            self.threshold.setText(tr("ui.council.threshold_empty", share=t.approval_share,
                                      base_label=tr(f"enum.approval_base.{t.approval_base}")))
        else:
            self.threshold.setText(tr("ui.council.threshold", needed=t.votes_needed,
                                      share=t.approval_share, base=t.base,
                                      base_label=tr(f"enum.approval_base.{t.approval_base}")))

    def _vote_edited(self, row: int, field: str, value: Any) -> None:
        self.session.touch("council.votes")  # the vote's result shows at once (live)
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
        if path == "council.votes":  # a refused count; "" after a saved one
            self.vote_input_message = message
            self._show_vote_messages()

    def _show_vote_messages(self) -> None:
        shown = self.session.revealed(self.areas(), "council.votes")
        text = self.vote_input_message or ("\n".join(self.vote_messages) if shown else "")
        self.vote_error.setText(text)

    def _scroll_to(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 0, 0)

    def show_findings(self) -> None:
        match = section_match("council")
        findings = self.session.findings_at("council")
        shown = self.form.show_findings(findings, match)
        shown |= self.roles.show_findings(findings, match)
        shown |= self.conclusion.show_findings(findings, match)
        en = i18n.get_language() == "en"
        members = [f for f in findings if f.blocking and f.path.startswith("council.members")]
        self.members.show_messages([f.message_en if en else f.message_vi for f in members])
        votes = [f for f in findings if f.blocking and f.path.startswith("council.votes")]
        self.vote_messages = [f.message_en if en else f.message_vi for f in votes]
        self._show_vote_messages()
        shown.update(id(f) for f in (*members, *votes))
        self.show_others(findings, shown)

    def focus_path(self, finding: Finding) -> None:
        path = finding.path
        if path.startswith("council.votes"):
            self.votes.setFocus()
            row = self.session.index_of(finding.nominee_id or "")
            if row >= 0:
                index = self.vote_model.index(row, 1)
                self.votes.setCurrentIndex(index)
                self.votes.scrollTo(index)
                self._scroll_to(self.votes)
            return
        if path.startswith("council.members"):
            self.members.focus_cell(path[len("council.members"):])
            self._scroll_to(self.members)
            return
        name = path.split(".", 1)[1] if "." in path else ""
        for form in (self.form, self.roles, self.conclusion):
            if name in form.fields:
                form.field(name).setFocus()


# --------------------------------------------------------------------------- Tờ trình


def signer_title(head_title: str) -> str:
    """The title in a signature block from the head's full title: "Chủ tịch Ủy ban nhân
    dân xã" -> "Chủ tịch" (the block shows the body on its own line)."""
    m = re.match(r"^(.+?)\s+(?:Ủy ban|UBND|Hội đồng|Sở|của)\b", head_title.strip(),
                 re.IGNORECASE)
    return (m.group(1) if m else head_title).strip()


def decision_symbol(session: Session) -> str:
    """The example symbol of a round's decision: the template's type code and the unit's
    own code ("QĐ-UBND"), or the type code alone when the unit has none."""
    from desktop.documents.templates import template

    code = str(template("award-decision", session.pack.legal_regime).get("type_code", ""))
    unit = session.dossier.unit.symbol or ""
    return f"{code}-{unit}" if code and unit else code or unit


class ProposalPage(Page):
    """Step 4: the tờ trình sent up with the dossier, or, in a unit's own Giấy khen round
    (``decision``; by default when the dossier has ``own_rules``), the head's decision
    (Quyết định khen thưởng) printed from the same fields. The decision has no "Kính gửi"
    and no extra body text, so those fields are not shown; its labels and examples say
    Quyết định."""

    step = 3

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 decision: bool | None = None) -> None:
        super().__init__(session, parent)
        pack = session.pack
        self.decision = (session.dossier.own_rules is not None if decision is None
                         else decision)
        outer = QVBoxLayout(self)
        self.heading = heading(tr("ui.round.decision.heading" if self.decision
                                  else "ui.proposal.heading"))
        outer.addWidget(self.heading)
        outer.addWidget(self.others_label())
        body = QWidget()
        lay = QVBoxLayout(body)
        self.form = Form(session, "proposal", lambda: "proposal.",
                         required=required_in(pack, "proposal"), areas=self.areas)
        f = self.form
        if self.decision:
            symbol = decision_symbol(session)
            f.add("number", "docno", label=tr("ui.round.decision.number"),
                  placeholder=tr("ui.proposal.number_placeholder"),
                  hint=tr("ui.round.decision.number_hint", symbol=symbol))
            f.add("symbol", "docsymbol", label=tr("ui.round.decision.symbol"),
                  placeholder=tr("ui.round.decision.symbol_placeholder", symbol=symbol),
                  hint=tr("ui.round.decision.symbol_hint", symbol=symbol))
            f.add("date", "date", label=tr("ui.round.decision.date"))
        else:
            f.add("number", "docno", placeholder=tr("ui.proposal.number_placeholder"),
                  hint=tr("ui.proposal.number_hint"))
            f.add("symbol", "docsymbol", placeholder=tr("ui.proposal.symbol_placeholder"),
                  hint=tr("ui.proposal.symbol_hint"))
            f.add("date", "date")
        f.add("place", hint=tr("ui.proposal.from_step1"))
        if not self.decision:  # "Kính gửi": the tờ trình's addressee only
            f.add("addressee", "oneline",
                  placeholder=tr("ui.proposal.addressee_placeholder"))
        f.add("authority", "choice", choices=[
            (a.value, tr(f"ui.proposal.authority.{a.name.lower()}")) for a in SigningAuthority])
        f.add("authority_body", hint=tr("ui.proposal.authority_body_hint"))
        f.add("signer_title", hint=tr("ui.round.decision.signer_title_hint" if self.decision
                                      else "ui.proposal.from_step1"))
        f.add("signer_name", hint=tr("ui.proposal.from_step1"))
        f.add("recipients", "lines", hint=tr("ui.proposal.recipients_hint"),
              placeholder=tr("ui.proposal.recipients_placeholder"))
        if not self.decision:  # extra text of the tờ trình; the decision prints none
            f.add("body", "long")
        lay.addWidget(f)
        lay.addWidget(QLabel(tr("ui.round.decision.order" if self.decision
                                else "ui.proposal.order")))
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

    def showEvent(self, event) -> None:
        self.offer_from_unit()
        super().showEvent(event)

    def offer_from_unit(self) -> None:
        """Step 1 has the place and the head of the unit: empty fields here take them
        (one undo step), so nothing is typed twice."""
        d = self.session.dossier
        unit, p = d.unit, d.proposal
        changes = []
        if not p.place and unit.locality:
            changes.append(("proposal.place", unit.locality))
        if not p.signer_name and unit.head_name:
            changes.append(("proposal.signer_name", unit.head_name))
        if not p.signer_title and unit.head_title:
            changes.append(("proposal.signer_title", signer_title(unit.head_title)))
        if changes:
            self.session.set_fields(changes, tr("ui.proposal.from_step1_undo"), initiator=None)

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
        label = tr("ui.round.decision.order" if self.decision else "ui.proposal.order")
        if self.session.set_field("proposal.nominee_ids", ids, label=label):
            self.set_current_row(new)

    def show_findings(self) -> None:
        findings = self.session.findings_at("proposal")
        shown = self.form.show_findings(findings, section_match("proposal"))
        en = i18n.get_language() == "en"
        order = [f for f in findings
                 if f.blocking and f.path.startswith("proposal.nominee_ids")]
        revealed = self.session.revealed(self.areas(), "proposal.nominee_ids")
        set_error(self.order_error, "\n".join(
            f.message_en if en else f.message_vi for f in order) if revealed else "")
        shown.update(id(f) for f in order)
        self.show_others(findings, shown)

    def focus_path(self, finding: Finding) -> None:
        name = finding.path.split(".", 1)[1] if "." in finding.path else ""
        if name.startswith("nominee_ids"):
            self.order.setFocus()
        elif name in self.form.fields:
            self.form.field(name).setFocus()

