"""A unit's own Giấy khen round in the window: the award-form choice when a dossier is
created, and the rules page (quy định xét tặng Giấy khen) where the unit sets its period,
quota (in total and per nominee kind), criteria per kind and the decision's wording.

Hooks elsewhere are small: the start page adds :class:`AwardFormPicker` and calls its
``apply``; the "unit" step of a round shows :func:`with_round_rules` (the unit's details and
this page in two tabs); findings on ``own_rules.*`` open that step. Printing the
certificates: :mod:`desktop.ui.certificate_print` (Tệp → In Giấy khen…).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.models import CampaignPack, Dossier
from desktop.models.finding import Finding
from desktop.ui.pages import Page, heading, scrolled
from desktop.ui.qt_i18n import tr
from desktop.ui.widgets import Form, error_label, set_error
from desktop.validation.award_round import award_name, round_data, start_round

#: per-kind quota spin boxes: this value means "no limit for the kind"
NO_LIMIT = -1


# ---------------------------------------------------------------------------- creating


class AwardFormPicker(QComboBox):
    """"Bằng khen … (đề nghị cấp trên)" or "Giấy khen của Chủ tịch UBND xã … (đơn vị tự xét
    tặng)": what the new dossier is for. The Giấy khen's wording follows the unit kind and
    name typed (round data and the regime's titles)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_award_form")
        self.addItem("")
        self.addItem("")

    @property
    def own_round(self) -> bool:
        return self.currentIndex() == 1

    def refresh(self, pack: CampaignPack | None, kind: str | None, name: str) -> None:
        if pack is None:
            return
        form = pack.award_form(pack.default_award_form)
        self.setItemText(0, tr("ui.round.choice_campaign", award=form.name if form else ""))
        probe = Dossier.model_construct(unit=_unit(kind, name), own_rules=None)
        key = "choice_label_en" if i18n.get_language() == "en" else "choice_label"
        self.setItemText(1, str(round_data()[key]).format(
            award=award_name(pack, probe) if name else tr("ui.round.giay_khen_generic")))

    def apply(self, dossier: Dossier, pack: CampaignPack) -> Dossier:
        """The new dossier as chosen: unchanged for the campaign's award, else the unit's
        own round starting from the campaign's criteria and period."""
        return start_round(dossier, pack) if self.own_round else dossier


def _unit(kind: str | None, name: str):
    from desktop.models import Unit

    return Unit.model_construct(**{**Unit().model_dump(), "kind": kind, "name": name})


# ---------------------------------------------------------------------------- the rules page


class QuotaBox(QGroupBox):
    """Số lượng: the total and one limit per nominee kind of the campaign."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(tr("ui.round.quota"), parent)
        self.session = session
        self.setObjectName("round_quota")
        grid = QGridLayout(self)
        grid.addWidget(QLabel(tr("ui.round.quota_total")), 0, 0)
        self.total = QSpinBox()
        self.total.setObjectName("round_quota_total")
        self.total.setRange(0, 99999)
        self.total.setSpecialValueText(tr("ui.round.not_set"))
        grid.addWidget(self.total, 0, 1)
        self.per_kind: dict[str, QSpinBox] = {}
        for row, spec in enumerate(session.pack.nominee_kinds, 1):
            grid.addWidget(QLabel(spec.label), row, 0)
            spin = QSpinBox()
            spin.setObjectName(f"round_quota_{spec.kind}")
            spin.setRange(NO_LIMIT, 99999)
            spin.setSpecialValueText(tr("ui.round.no_limit"))
            grid.addWidget(spin, row, 1)
            self.per_kind[str(spec.kind)] = spin
        self.error = error_label()
        self.error.setObjectName("round_quota_error")
        grid.addWidget(self.error, len(self.per_kind) + 1, 0, 1, 2)
        for spin in (self.total, *self.per_kind.values()):
            spin.editingFinished.connect(self.commit)

    def load(self) -> None:
        quota = self.session.dossier.own_rules.quota
        self.total.setValue(quota.total or 0)
        for kind, spin in self.per_kind.items():
            spin.setValue(quota.per_kind.get(kind, NO_LIMIT))

    def value(self) -> dict[str, Any]:
        return {"total": self.total.value() or None,
                "per_kind": {k: s.value() for k, s in self.per_kind.items()
                             if s.value() != NO_LIMIT}}

    def commit(self) -> None:
        value = self.value()
        if value != self.session.value("own_rules.quota"):
            self.session.set_field("own_rules.quota", value, initiator=self,
                                   label=tr("ui.round.quota"))


class CriteriaBox(QGroupBox):
    """Tiêu chuẩn of one nominee kind in the unit's wording: edit, add, remove, or take the
    campaign's back."""

    COLUMNS = ("text", "requires_evidence")

    def __init__(self, session, kind: str, parent: QWidget | None = None) -> None:
        spec = session.pack.kind_spec(kind)
        super().__init__(tr("ui.round.criteria_of", kind=spec.label if spec else kind), parent)
        self.session, self.kind = session, kind
        self.setObjectName(f"round_criteria_{kind}")
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName(f"round_criteria_table_{kind}")
        self.table.setHorizontalHeaderLabels([tr("ui.round.criterion_text"),
                                              tr("ui.round.criterion_evidence")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._edited)
        lay.addWidget(self.table)
        buttons = QHBoxLayout()
        add = QPushButton(tr("ui.round.criterion_add"))
        add.setObjectName(f"round_criterion_add_{kind}")
        add.clicked.connect(self.add)
        remove = QPushButton(tr("ui.round.criterion_remove"))
        remove.setObjectName(f"round_criterion_remove_{kind}")
        remove.clicked.connect(self.remove)
        reset = QPushButton(tr("ui.round.criteria_reset"))
        reset.setObjectName(f"round_criteria_reset_{kind}")
        reset.clicked.connect(self.reset)
        for b in (add, remove, reset):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.ids: list[str] = []
        self._loading = False

    def criteria(self) -> list[dict[str, Any]]:
        rules = self.session.dossier.own_rules
        own = rules.kind_criteria(self.kind)
        if own is None:
            spec = self.session.pack.kind_spec(self.kind)
            own = spec.criteria if spec else ()
        return [c.model_dump(mode="json") for c in own]

    def load(self) -> None:
        self._loading = True
        items = self.criteria()
        self.ids = [c["id"] for c in items]
        self.table.setRowCount(len(items))
        for row, c in enumerate(items):
            self.table.setItem(row, 0, QTableWidgetItem(c["text"]))
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if c.get("requires_evidence", True)
                                else Qt.CheckState.Unchecked)
            self.table.setItem(row, 1, check)
        self.table.resizeRowsToContents()
        self._loading = False

    def _edited(self, _item) -> None:
        if not self._loading:
            self.commit()

    def _rows(self) -> list[dict[str, Any]]:
        old = {c["id"]: c for c in self.criteria()}
        out = []
        for row in range(self.table.rowCount()):
            text_item, check = self.table.item(row, 0), self.table.item(row, 1)
            text = text_item.text().strip() if text_item else ""
            if not text:
                continue
            cid = self.ids[row] if row < len(self.ids) else self._new_id()
            base = dict(old.get(cid, {"id": cid}))
            base.update(id=cid, text=text, requires_evidence=bool(
                check and check.checkState() == Qt.CheckState.Checked))
            out.append(base)
        return out

    def _new_id(self) -> str:
        n = 1
        while f"gk-{self.kind}-{n}" in self.ids:
            n += 1
        self.ids.append(f"gk-{self.kind}-{n}")
        return self.ids[-1]

    def commit(self, rows: list[dict[str, Any]] | None = None) -> None:
        rows = self._rows() if rows is None else rows
        entries = [e.model_dump(mode="json") for e in self.session.dossier.own_rules.criteria
                   if e.kind != self.kind]
        entries.append({"kind": self.kind, "criteria": rows})
        self.session.set_field("own_rules.criteria", entries, initiator=self,
                               label=tr("ui.round.criteria"))

    def add(self) -> None:
        rows = self._rows()
        cid = self._new_id()
        rows.append({"id": cid, "text": tr("ui.round.criterion_new"),
                     "requires_evidence": True})
        self.commit(rows)
        self.load()
        self.table.setCurrentCell(len(rows) - 1, 0)
        self.table.editItem(self.table.item(len(rows) - 1, 0))

    def remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        rows = self._rows()
        del rows[row]
        self.commit(rows)
        self.load()

    def reset(self) -> None:
        entries = [e.model_dump(mode="json") for e in self.session.dossier.own_rules.criteria
                   if e.kind != self.kind]
        self.session.set_field("own_rules.criteria", entries, initiator=self,
                               label=tr("ui.round.criteria"))
        self.load()


class RoundRulesPage(Page):
    """Quy định xét tặng Giấy khen: the unit's own data, edited like the other sections."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("round_rules_page")
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("ui.round.heading")))
        self.intro = QLabel()
        self.intro.setObjectName("round_intro")
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.form = Form(session, "own_rules", lambda: "own_rules.",
                         required=["period_start", "period_end"])
        f = self.form
        f.add("award_name", hint=tr("ui.round.award_name_hint"))
        f.add("period_start", "date")
        f.add("period_end", "date")
        f.add("regulation", "long", hint=tr("ui.round.regulation_hint"))
        f.add("achievement", "long", hint=tr("ui.round.achievement_hint"))
        f.add("fund")
        f.add("book_prefix", hint=tr("ui.round.book_prefix_hint"))
        lay.addWidget(f)
        self.quota = QuotaBox(session)
        lay.addWidget(self.quota)
        self.criteria = [CriteriaBox(session, str(spec.kind))
                         for spec in session.pack.nominee_kinds]
        for box in self.criteria:
            lay.addWidget(box)
        lay.addStretch(1)
        outer.addWidget(scrolled(body), 1)
        self.refresh()
        self.show_findings()

    def refresh(self) -> None:
        if self.session.dossier.own_rules is None:
            return
        pack, d = self.session.pack, self.session.dossier
        self.intro.setText(tr("ui.round.intro", award=award_name(pack, d),
                              campaign=pack.title))
        self.form.load()
        self.form.field("award_name").setPlaceholderText(award_name(
            pack, d.model_copy(update={"own_rules": d.own_rules.model_copy(
                update={"award_name": ""})})))
        self.quota.load()
        for box in self.criteria:
            box.load()

    def show_findings(self) -> None:
        findings = self.session.findings_at("own_rules")
        en = i18n.get_language() == "en"

        def match(f: Finding, name: str) -> bool:
            return f.path.startswith(f"own_rules.{name}")

        self.form.show_findings(findings, match)
        quota = [f.message_en if en else f.message_vi for f in findings
                 if f.path.startswith("own_rules.quota") and f.severity == "error"]
        set_error(self.quota.error, "\n".join(quota))

    def focus_path(self, finding: Finding) -> None:
        path = finding.path
        if path.startswith("own_rules.quota"):
            self.quota.total.setFocus()
            return
        name = path.removeprefix("own_rules.").split(".", 1)[0]
        if name in self.form.fields:
            self.form.field(name).setFocus()


class RoundUnitStep(QTabWidget):
    """The first step of a round: the unit's details and its Giấy khen rules, in tabs."""

    def __init__(self, unit_page: QWidget, session) -> None:
        super().__init__()
        self.setObjectName("round_unit_step")
        self.unit_page = unit_page
        self.rules = RoundRulesPage(session)
        self.addTab(unit_page, tr("ui.round.tab_unit"))
        self.addTab(self.rules, tr("ui.round.tab_rules"))

    def refresh(self) -> None:
        self.unit_page.refresh()
        self.rules.refresh()

    def show_findings(self) -> None:
        self.unit_page.show_findings()
        self.rules.show_findings()

    def focus_path(self, finding: Finding) -> None:
        if (finding.path or "").startswith("own_rules"):
            self.setCurrentWidget(self.rules)
            self.rules.focus_path(finding)
        else:
            self.setCurrentWidget(self.unit_page)
            self.unit_page.focus_path(finding)


def with_round_rules(unit_page: QWidget, session) -> QWidget:
    """The unit step as built for this dossier: with the rules tab for a Giấy khen round."""
    if session.dossier.own_rules is None:
        return unit_page
    return RoundUnitStep(unit_page, session)


def name_round_steps(steps) -> None:
    """In a round the "Tờ trình" step holds the head's decision (Quyết định khen thưởng):
    the stepper says so (``steps``: the window's QListWidget of steps)."""
    item = steps.item(3)
    if item is not None:
        item.setText(tr("ui.step.label", number=4, name=tr("ui.round.step_decision")))


def add_round_items(items, session) -> int:
    """The result report's list of dossiers to count, for a unit that is not a district:
    the unit's own Giấy khen rounds of the same campaign, ticked (their awardees are counted
    as awards it gave, desktop.report.figures). Returns how many were added."""
    from PySide6.QtWidgets import QListWidgetItem

    own = session.dossier
    added = 0
    for s in session.store.list_dossiers():
        if s.id == own.id or s.pack.id != own.pack.id or s.unit_name != own.unit.name:
            continue
        if session.store.get_dossier(s.id).own_rules is None:
            continue
        item = QListWidgetItem(tr("ui.round.report_item", title=s.title or s.id,
                                  count=s.nominee_count))
        item.setData(Qt.ItemDataRole.UserRole, s.id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        items.addItem(item)
        added += 1
    return added
