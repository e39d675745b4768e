"""Qt item models (mô hình bảng) over frozen pydantic models; ``data()`` only formats.

* :class:`NomineeTableModel` — the nominee list (STT, kind, name, birth year, position or
  address, report form, error count).
* :class:`RecordTableModel` — a small editable table over a tuple of records (council
  members, votes, achievements, contributions); an edit emits ``edited(row, field, value)``
  and the page sends it through the session; the model changes only when the page sets
  the stored rows again.
* :class:`FindingsModel` — findings grouped by nominee, then by document.
* :class:`ProposalOrderModel` — the order of nominees in the proposal (names on demand).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from desktop.models import (
    CampaignPack,
    Collective,
    Finding,
    Household,
    Individual,
    nominee_name,
)
from desktop.ui.dates import DateTextError, parse_date
from desktop.ui.qt_i18n import tr

Index = QModelIndex | QPersistentModelIndex
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR_COLOR = QColor("#b00020")
WARNING_COLOR = QColor("#8a5a00")


def fmt_date(value: Any) -> str:
    if value in (None, ""):
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def fmt_number(value: Any, money: bool = False) -> str:
    if value in (None, ""):
        return ""
    number = float(value)
    if number.is_integer():
        text = f"{int(number):,}".replace(",", ".")
    else:
        text = f"{number:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


def choice_label(pack: CampaignPack, kind: str, value: str | None) -> str:
    """The label of a pick-list id of the pack (role, collective type, ethnic group)."""
    if not value:
        return ""
    choices = {"role": pack.individual_roles, "collective_type": pack.collective_types,
               "ethnicity": pack.ethnic_groups}[kind]
    found = next((c for c in choices if c.id == value), None)
    if found is None:
        return value
    from desktop import i18n

    return found.label_en if i18n.get_language() == "en" and found.label_en else found.label


def kind_label(pack: CampaignPack, kind: str) -> str:
    from desktop import i18n

    spec = pack.kind_spec(kind)
    if spec is None:
        return tr(f"enum.nominee_kind.{kind}")
    return spec.label_en if i18n.get_language() == "en" and spec.label_en else spec.label


class NomineeTableModel(QAbstractTableModel):
    """The nominees of the dossier: a tuple of frozen models plus their error counts."""

    COLUMNS = ("number", "kind", "name", "birth_year", "where", "report_form", "errors")

    def __init__(self, pack: CampaignPack, parent=None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.nominees: tuple = ()
        self.error_counts: dict[str, int] = {}

    def set_nominees(self, nominees: Sequence, error_counts: dict[str, int]) -> None:
        nominees = tuple(nominees)
        same_ids = [n.id for n in nominees] == [n.id for n in self.nominees]
        if same_ids:
            changed = [i for i, n in enumerate(nominees)
                       if n is not self.nominees[i]
                       or error_counts.get(n.id, 0) != self.error_counts.get(n.id, 0)]
            self.nominees, self.error_counts = nominees, dict(error_counts)
            if changed:
                last = len(self.COLUMNS) - 1
                self.dataChanged.emit(self.index(min(changed), 0),
                                      self.index(max(changed), last))
            return
        self.beginResetModel()
        self.nominees, self.error_counts = nominees, dict(error_counts)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.nominees)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return tr(f"ui.nominees.col.{self.COLUMNS[section]}")
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def text(self, row: int, column: int) -> str:
        n = self.nominees[row]
        col = self.COLUMNS[column]
        if col == "number":
            return str(row + 1)
        if col == "kind":
            return kind_label(self.pack, n.kind)
        if col == "name":
            return nominee_name(n) or tr("ui.nominees.unnamed")
        if col == "birth_year":
            year = n.head_birth_year if isinstance(n, Household) else getattr(
                n, "birth_year", None)
            return "" if year is None else str(year)
        if col == "where":
            if isinstance(n, Individual):
                return ", ".join(p for p in (n.position, n.workplace) if p)
            if isinstance(n, Collective):
                return n.address
            return n.address
        if col == "report_form":
            return tr(f"enum.report_form.{n.report_form}")
        count = self.error_counts.get(n.id, 0)
        return str(count) if count else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.nominees):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, col)
        if role == OBJECT_ROLE:
            return self.nominees[row]
        if role == Qt.ItemDataRole.ForegroundRole and self.COLUMNS[col] == "errors":
            return QBrush(ERROR_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[col] in (
                "number", "birth_year", "errors"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


@dataclass(frozen=True)
class Column:
    """A column of a :class:`RecordTableModel`: the record field and how to show it.

    ``kind``: text, int, number, money, date, bool or label (read-only text).
    """

    field: str
    title_key: str
    kind: str = "text"
    editable: bool = True
    extra: dict = field(default_factory=dict)


class RecordTableModel(QAbstractTableModel):
    """Rows are JSON dicts of frozen records; edits go out through ``edited``."""

    edited = Signal(int, str, object)  # row, field, raw value
    refused = Signal(int, str, object)  # row, field, DateTextError (a date not readable)

    def __init__(self, columns: Sequence[Column], parent=None,
                 labeler: Callable[[Column, Any], str] | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: tuple[dict, ...] = ()
        self.labeler = labeler

    def set_rows(self, rows: Sequence[dict]) -> None:
        rows = tuple(rows)
        if len(rows) == len(self.rows):
            if rows != self.rows:
                self.rows = rows
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return tr(self.columns[section].title_key)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        col = self.columns[index.column()]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if col.editable and col.kind == "bool":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif col.editable and col.kind != "label":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def text(self, row: int, column: int) -> str:
        col = self.columns[column]
        value = self.rows[row].get(col.field)
        if self.labeler is not None:
            custom = self.labeler(col, value)
            if custom is not None:
                return custom
        if col.kind == "date":
            return fmt_date(value)
        if col.kind in ("int", "number", "money"):
            return fmt_number(value)
        if col.kind == "bool":
            return ""
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        col = self.columns[index.column()]
        value = self.rows[index.row()].get(col.field)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.EditRole:
            if col.kind == "date":  # the typed text (an empty cell stays empty)
                return fmt_date(value)
            if col.kind in ("int", "number", "money"):
                return "" if value is None else fmt_number(value).replace(".", "") \
                    if col.kind != "number" else str(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and self.rows[index.row()].get(
                f"{col.field}__error"):  # a live result that falls short (votes)
            return QBrush(ERROR_COLOR)
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in ("int", "number",
                                                                      "money"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not (self.flags(index) & (
                Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)):
            return False
        col = self.columns[index.column()]
        if col.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            raw: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif col.kind == "date":
            if isinstance(value, QDate):
                raw = value.toString("yyyy-MM-dd") if value.isValid() else None
            else:
                try:
                    day = parse_date(str(value or ""))
                except DateTextError as exc:
                    self.refused.emit(index.row(), col.field, exc)
                    return False
                raw = None if day is None else day.isoformat()
        elif col.kind in ("int", "number", "money"):
            text = str(value).strip().replace(" ", "")
            if col.kind == "money":
                text = text.replace(".", "")
            raw = text.replace(",", ".") if text else None
        else:
            raw = str(value)
        self.edited.emit(index.row(), col.field, raw)
        return True


@dataclass
class _Node:
    text: str
    parent: int  # node id of the parent, -1 for top-level rows
    row: int
    kind: str  # group | document | finding
    key: str = ""
    finding: int = -1  # index into FindingsModel.findings
    severity: str = ""
    children: list[int] = field(default_factory=list)


class FindingsModel(QAbstractItemModel):
    """Findings grouped by nominee (or the dossier as a whole), then by document.

    A plain tree over a node list (ids in ``internalId``): PySide6 6.12 crashes building
    tens of thousands of ``QStandardItem`` rows (a refcount bug), which 10,000 nominees
    reach easily.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.findings: list[Finding] = []
        self.nodes: list[_Node] = []
        self.top: list[int] = []
        self.icons: dict[str, Any] = {}

    def set_findings(self, findings: Sequence[Finding], dossier, pack: CampaignPack) -> None:
        from desktop import i18n

        en = i18n.get_language() == "en"
        style = QApplication.style()
        self.icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "info": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        # document headings: the pack's (Vietnamese) titles; in English the catalog's name of
        # that kind of document when it has one (ui.check.doc.<id>)
        docs = {d.id: tr(f"ui.check.doc.{d.id}") if en and i18n.has(f"ui.check.doc.{d.id}")
                else d.title for d in pack.documents}
        counts = {"error": 0, "warning": 0, "info": 0}
        groups: dict[str | None, dict[str | None, list[Finding]]] = {}
        positions = {n.id: i for i, n in enumerate(dossier.nominees)}
        for f in findings:
            nominee_id = f.nominee_id if (f.nominee_id or "") in positions else None
            doc = f.document if f.document in docs else None
            groups.setdefault(nominee_id, {}).setdefault(doc, []).append(f)
            counts[f.severity] += 1
        nodes: list[_Node] = []
        top: list[int] = []
        flat: list[Finding] = []
        for key in [None, *(n.id for n in dossier.nominees)]:
            if key not in groups:
                continue
            if key is None:
                title = tr("ui.check.group.dossier")
            else:
                nominee = dossier.nominees[positions[key]]
                title = nominee_name(nominee) or tr("ui.check.group.nominee_number",
                                                    number=positions[key] + 1)
            by_doc = groups[key]
            total = sum(len(v) for v in by_doc.values())
            errors = sum(1 for v in by_doc.values() for f in v if f.blocking)
            gid = len(nodes)
            nodes.append(_Node(tr("ui.check.group.title", title=title, count=total,
                                  errors=errors), -1, len(top), "group", key or ""))
            top.append(gid)
            for doc, items in by_doc.items():
                did = len(nodes)
                nodes.append(_Node(docs.get(doc or "", "") or tr("ui.check.doc.general"), gid,
                                   len(nodes[gid].children), "document", doc or ""))
                nodes[gid].children.append(did)
                for f in items:
                    fid = len(nodes)
                    nodes.append(_Node(f.message_en if en else f.message_vi, did,
                                       len(nodes[did].children), "finding", "", len(flat),
                                       f.severity))
                    nodes[did].children.append(fid)
                    flat.append(f)
        self.beginResetModel()
        self.nodes, self.top, self.findings, self.counts = nodes, top, flat, counts
        self.endResetModel()

    def _children(self, parent: Index) -> list[int]:
        if not parent.isValid():
            return self.top
        return self.nodes[parent.internalId()].children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self.nodes[index.internalId()]
        if node.parent < 0:
            return QModelIndex()
        return self.createIndex(self.nodes[node.parent].row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and section == 0:
            return tr("ui.check.col.finding")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.nodes[index.internalId()]
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == OBJECT_ROLE:
            return node.finding if node.kind == "finding" else f"{node.kind}:{node.key}"
        if role == Qt.ItemDataRole.ToolTipRole and node.kind == "finding":
            from desktop import i18n

            f = self.findings[node.finding]
            hint = f.hint_en if i18n.get_language() == "en" else f.hint_vi
            return hint or node.text
        if role == Qt.ItemDataRole.DecorationRole and node.kind == "finding":
            return self.icons.get(node.severity)
        if role == Qt.ItemDataRole.ForegroundRole and node.kind == "finding":
            if node.severity == "error":
                return QBrush(ERROR_COLOR)
            if node.severity == "warning":
                return QBrush(WARNING_COLOR)
        if role == Qt.ItemDataRole.FontRole and node.kind == "group":
            font = QApplication.font()
            font.setBold(True)
            return font
        return None


def finding_at(model: FindingsModel, index: Index) -> Finding | None:
    value = model.data(index, OBJECT_ROLE)
    return model.findings[value] if isinstance(value, int) else None


class ProposalOrderModel(QAbstractListModel):
    """The nominee ids of the proposal in order; ``data()`` looks the name up when drawn
    (one list item per nominee would cost seconds and tens of MB at 10,000)."""

    def __init__(self, lookup: Callable[[str], Any], parent=None) -> None:
        super().__init__(parent)
        self.lookup = lookup  # nominee id -> nominee or None
        self.ids: tuple[str, ...] = ()

    def set_ids(self, ids: Sequence[str]) -> None:
        ids = tuple(ids)
        if len(ids) == len(self.ids):
            if ids != self.ids:
                self.ids = ids
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, 0))
            return
        self.beginResetModel()
        self.ids = ids
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def text(self, row: int) -> str:
        nominee_id = self.ids[row]
        n = self.lookup(nominee_id)
        return (nominee_name(n) or tr("ui.nominees.unnamed")) if n is not None else nominee_id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row())
        if role in (Qt.ItemDataRole.UserRole, OBJECT_ROLE):
            return self.ids[index.row()]
        return None
