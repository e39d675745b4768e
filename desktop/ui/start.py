"""The start page (bắt đầu): pick the campaign and describe the unit, then create the dossier."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HosoError
from desktop.models import Dossier, ManagingLevel, PackRef, Proposal, Unit, UnitKind
from desktop.packs import PackInfo, load_pack_file
from desktop.packs.regimes import signature_defaults
from desktop.ui.pages import LEVEL_OF_KIND, heading, kind_level
from desktop.ui.qt_i18n import tr
from desktop.ui.widgets import enum_choices, error_label, field_text, set_error


class StartPage(QWidget):
    """First run: campaign (installed packs) and unit; ``created(dossier_id)`` when done."""

    created = Signal(str)

    def __init__(self, store, packs: list[PackInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.packs = packs
        self.setObjectName("start_page")
        outer = QHBoxLayout(self)
        body = QWidget()
        body.setMaximumWidth(900)  # a form to read, not a banner across a wide screen
        outer.addWidget(body, 1)
        outer.addStretch(0)
        lay = QVBoxLayout(body)
        lay.addWidget(heading(tr("ui.start.heading")))
        intro = QLabel(tr("ui.start.intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.pack_combo = QComboBox()
        self.pack_combo.setObjectName("start_pack")
        for info in packs:
            self.pack_combo.addItem(f"{info.title} ({info.version})")
        self.pack_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pack_combo.setMinimumContentsLength(20)
        # a campaign's title is a sentence: the choice shows its beginning, the line under it
        # the whole title
        self.pack_title = QLabel()
        self.pack_title.setObjectName("start_pack_title")
        self.pack_title.setWordWrap(True)
        self.pack_combo.currentIndexChanged.connect(self._pack_chosen)
        form.addRow(tr("ui.start.campaign") + " *", self.pack_combo)
        form.addRow("", self.pack_title)
        self._pack_chosen(self.pack_combo.currentIndex())
        self.name = QLineEdit()
        self.name.setObjectName("start_name")
        self.name.setPlaceholderText(tr("ui.start.name_placeholder"))
        form.addRow(field_text("unit", "name") + " *", self.name)
        self.kind = QComboBox()
        self.kind.setObjectName("start_kind")
        self.kind_choices = enum_choices("unit_kind", [k.value for k in UnitKind])
        for _, label in self.kind_choices:
            self.kind.addItem(label)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        form.addRow(field_text("unit", "kind") + " *", self.kind)
        self.level = QComboBox()
        self.level.setObjectName("start_level")
        self.level_choices = enum_choices("managing_level", [m.value for m in ManagingLevel])
        for _, label in self.level_choices:
            self.level.addItem(label)
        form.addRow(field_text("unit", "managing_level"), self.level)
        self.group = QLineEdit()
        self.group.setObjectName("start_group")
        form.addRow(field_text("unit", "emulation_group"), self.group)
        self.parent_body = QLineEdit()
        self.parent_body.setObjectName("start_parent_body")
        self.parent_body.setPlaceholderText(tr("ui.start.parent_body_placeholder"))
        form.addRow(field_text("unit", "parent_body"), self.parent_body)
        self.symbol = QLineEdit()
        self.symbol.setObjectName("start_symbol")
        self.symbol.setPlaceholderText(tr("ui.start.symbol_placeholder"))
        form.addRow(field_text("unit", "symbol"), self.symbol)
        self.locality = QLineEdit()
        self.locality.setObjectName("start_locality")
        self.locality.setPlaceholderText(tr("ui.start.locality_placeholder"))
        form.addRow(field_text("unit", "locality"), self.locality)
        # the head signs the documents: asked once here, offered again on the proposal
        self.head_name = QLineEdit()
        self.head_name.setObjectName("start_head_name")
        self.head_name.setPlaceholderText(tr("ui.start.head_name_placeholder"))
        form.addRow(field_text("unit", "head_name"), self.head_name)
        self.head_title = QLineEdit()
        self.head_title.setObjectName("start_head_title")
        self.head_title.setPlaceholderText(tr("ui.start.head_title_placeholder"))
        form.addRow(field_text("unit", "head_title"), self.head_title)
        lay.addLayout(form)
        self.error = error_label()
        self.error.setObjectName("start_error")
        lay.addWidget(self.error)
        self.create_button = QPushButton(tr("ui.start.create"))
        self.create_button.setObjectName("start_create")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        lay.addWidget(self.create_button)
        lay.addStretch(1)
        self.name.setFocus()

    def showEvent(self, event) -> None:
        """The keyboard starts in Tên đơn vị (the campaign is usually the only one): set
        when shown, since a window that appears gives its first widget the focus."""
        super().showEvent(event)
        QTimer.singleShot(0, self.name.setFocus)

    def _pack_chosen(self, index: int) -> None:
        if 0 <= index < len(self.packs):
            info = self.packs[index]
            self.pack_title.setText(f"{info.title} ({info.version})")
        self._elide_packs()

    def _elide_packs(self) -> None:
        metrics = self.pack_combo.fontMetrics()
        room = max(self.pack_combo.width() - 48, 80)
        for i, info in enumerate(self.packs):
            text = metrics.elidedText(f"{info.title} ({info.version})",
                                      Qt.TextElideMode.ElideRight, room)
            if self.pack_combo.itemText(i) != text:
                self.pack_combo.setItemText(i, text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide_packs()

    def keyPressEvent(self, event) -> None:
        """Enter anywhere on the page (a field ignores it) creates the dossier: the
        default button, as in a dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.create()
            return
        super().keyPressEvent(event)

    def _kind_chosen(self, index: int) -> None:
        """The unit's kind sets its managing level (UBND xã -> Cấp xã); still editable."""
        level = LEVEL_OF_KIND.get(self.kind_choices[index][0] or "")
        if level is not None:
            self.level.setCurrentIndex(
                next(i for i, (v, _) in enumerate(self.level_choices) if v == level))

    def create(self) -> None:
        name = self.name.text().strip()
        kind = self.kind_choices[self.kind.currentIndex()][0]
        missing = [field_text("unit", f) for f, v in (("name", name), ("kind", kind)) if not v]
        if not self.packs:
            set_error(self.error, tr("ui.start.no_packs"))
            return
        if missing:
            set_error(self.error, tr("ui.start.missing", fields=", ".join(missing)))
            return
        info = self.packs[self.pack_combo.currentIndex()]
        try:
            pack = load_pack_file(info.path)
            if pack.regime is not None and pack.unit_rule(kind) is None:
                # e.g. a district under the two-tier government (since 01/07/2025)
                set_error(self.error, tr("ui.start.kind_not_in_regime",
                                         regime=pack.regime.title))
                return
            level = self.level_choices[self.level.currentIndex()][0]
            if level in (None, LEVEL_OF_KIND.get(kind)):  # not chosen apart from the kind
                level = kind_level(pack, kind) or level
            unit = Unit(name=name, kind=kind, province=pack.province or None,
                        managing_level=level,
                        emulation_group=self.group.text().strip() or None,
                        parent_body=(self.parent_body.text().strip()
                                     or pack.superior_line(kind) or None),
                        symbol=self.symbol.text().strip() or None,
                        locality=self.locality.text().strip() or None,
                        head_name=self.head_name.text().strip() or None,
                        head_title=self.head_title.text().strip() or None)
            default_form = pack.award_form(pack.default_award_form)
            title = tr("ui.start.default_title", award=default_form.name if default_form else "",
                       unit=name)
            dossier = Dossier(id=f"hs-{dt.date.today():%Y%m%d}-{uuid.uuid4().hex[:6]}",
                              pack=PackRef(id=pack.id, version=pack.version),
                              title=title, unit=unit,
                              proposal=Proposal(**signature_defaults(pack, kind)))
            self.store.create_dossier(dossier, pack=pack)
        except HosoError as exc:
            set_error(self.error, str(exc))
            return
        self.created.emit(dossier.id)
