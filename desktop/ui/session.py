"""The one edit path (ops): store write + undo command + re-validation + one signal.

Every committed edit of the window goes through :class:`Session`: the new value is checked
with the same pydantic model the store uses (bad input raises nothing here: it is reported
through :attr:`Session.input_error` with a Vietnamese sentence naming the field, and nothing
is saved), written to the store at once (one transaction), pushed on the undo stack (undo
writes the old value back through the store), and the dossier is re-checked with the
incremental :class:`~desktop.validation.Validator`. Views listen to ``store_changed`` and
``findings_changed``; a view skips a refresh it started itself (``initiator``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_jsonable_python
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop import i18n
from desktop.errors import HosoError
from desktop.models import (
    CampaignPack,
    CouncilMeeting,
    Dossier,
    Finding,
    Nominee,
    Proposal,
    Unit,
    nominee_name,
)
from desktop.models.report import ResultReport
from desktop.store import ChangeSet, Store
from desktop.validation import Validator, translate_pydantic_error

NOMINEE = TypeAdapter(Nominee)
SECTIONS: dict[str, type] = {"unit": Unit, "council": CouncilMeeting, "proposal": Proposal,
                             "result_report": ResultReport}
_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]")
_NOMINEE_PATH = re.compile(r"^nominees\[(\d+)\]\.?(.*)$")


def split_path(path: str) -> list[str]:
    """``nominees[id=n1].criteria[c1].met`` -> ``["nominees", "[id=n1]", "criteria",
    "[c1]", "met"]`` (the store's path syntax)."""
    parts, pos = [], 0
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if not m or m.end() == pos:
            raise ValueError(path)
        parts.append(m.group(1) if m.group(1) is not None else f"[{m.group(2)}]")
        pos = m.end()
    return parts


def get_in(data: Any, parts: list[str]) -> Any:
    for head in parts:
        key = head[1:-1] if head.startswith("[") else head
        if isinstance(data, list):
            data = data[int(key)] if key.isdigit() and int(key) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(key)
        else:
            return None
    return data


def set_in(data: Any, parts: list[str], value: Any) -> Any:
    if not parts:
        return value
    head, rest = parts[0], parts[1:]
    key = head[1:-1] if head.startswith("[") else head
    if isinstance(data, list):
        index = int(key)
        return [*data[:index], set_in(data[index], rest, value), *data[index + 1:]]
    data = dict(data or {})
    data[key] = set_in(data.get(key), rest, value)
    return data


def nominee_field(finding: Finding) -> str | None:
    """The field of a nominee finding (``nominees[2].birth_year`` -> ``birth_year``)."""
    m = _NOMINEE_PATH.match(finding.path or "")
    return m.group(2) if m else None


@dataclass(frozen=True)
class Op:
    """A primitive change with its inverse: ``field`` (path, old, new), ``add``/``remove``
    (nominee, index), ``move`` (nominee id, from, to)."""

    kind: str
    path: str = ""
    old: Any = None
    new: Any = None
    nominee: Any = None
    index: int = 0
    to: int = 0

    def inverse(self) -> Op:
        if self.kind == "add_many":  # ``nominee``: a tuple of nominees (sheet import)
            return Op("remove_many", nominee=self.nominee, index=self.index)
        if self.kind == "remove_many":
            return Op("add_many", nominee=self.nominee, index=self.index)
        if self.kind == "field":
            return Op("field", self.path, self.new, self.old)
        if self.kind == "add":
            return Op("remove", nominee=self.nominee, index=self.index)
        if self.kind == "remove":
            return Op("add", nominee=self.nominee, index=self.index)
        return Op("move", nominee=self.nominee, index=self.to, to=self.index)


class EditCommand(QUndoCommand):
    """One user edit on the undo stack; its first ``redo`` (the push) is already done."""

    def __init__(self, session: Session, text: str, ops: list[Op]) -> None:
        super().__init__(text)
        self.session, self.ops, self._first = session, ops, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.session._apply_all(self.ops, initiator=None)

    def undo(self) -> None:
        self.session._apply_all([op.inverse() for op in reversed(self.ops)], initiator=None)


class InputRejected(Exception):
    """The value does not fit the field; ``message`` says why, in the current language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Session(QObject):
    """One open dossier: its store, pack, current model, findings and undo stack."""

    store_changed = Signal(object, object)  # ChangeSet, initiator
    findings_changed = Signal()
    input_error = Signal(str, str)  # path, message ("" clears it)
    storage_error = Signal(object)  # HosoError

    def __init__(self, store: Store, dossier_id: str, pack: CampaignPack,
                 parent: QObject | None = None, *, dossier: Dossier | None = None,
                 validator: Validator | None = None,
                 findings: list[Finding] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.dossier_id = dossier_id
        self.pack = pack
        # ``validator`` and ``findings``: a check of ``dossier`` the caller already ran (the
        # app's start runs it on the loading thread, with the validator's per-nominee cache)
        self.validator = validator if validator is not None else Validator(pack)
        self.undo_stack = QUndoStack(self)
        # ``dossier``: the one the caller just read (reading 10,000 nominees twice costs
        # ~0.4 s and a second copy in memory)
        self.dossier: Dossier = dossier if dossier is not None else store.get_dossier(
            dossier_id)
        self._positions: tuple[tuple, dict[str, int]] = ((), {})
        # what the user has been through: messages about a field show only once the field
        # was left (``touched``: paths) or its step or nominee was left (``visited``:
        # "step:N", "nominee:<id>"), never on a blank form; a dossier with nominees opens
        # with every step visited (its messages are the ones the secretary came back for)
        self.touched: set[str] = set()
        self.visited: set[str] = set()
        if self.dossier.nominees:
            self.visited.update(f"step:{i}" for i in range(8))
            self.visited.update(f"nominee:{n.id}" for n in self.dossier.nominees)
        self._set_findings(findings if findings is not None and dossier is not None
                           else self.validator.run(self.dossier))

    def _set_findings(self, findings: list[Finding]) -> None:
        """Keep the findings with two indexes (one pass): by the first part of their path
        (``unit``, ``council``, ``proposal``…) and by nominee, so that a page never scans
        all of them (10,000 nominees give ~60,000 findings)."""
        self.findings = findings
        by_area: dict[str, list[Finding]] = {}
        by_nominee: dict[str, list[Finding]] = {}
        errors: dict[str, int] = {}
        blocking: list[Finding] = []
        for f in findings:  # 10,000 nominees: ~50,000 findings at every edit, kept lean
            path = f.path or ""
            head = "nominees" if path.startswith("nominees[") else (
                path.split(".", 1)[0].split("[", 1)[0])
            by_area.setdefault(head, []).append(f)
            error = f.severity == "error"
            if error:
                blocking.append(f)
            if f.nominee_id:
                by_nominee.setdefault(f.nominee_id, []).append(f)
                if error:
                    errors[f.nominee_id] = errors.get(f.nominee_id, 0) + 1
        self._by_area, self._by_nominee, self.error_counts = by_area, by_nominee, errors
        self._errors = blocking

    def findings_at(self, area: str) -> list[Finding]:
        """The findings whose path starts with ``area`` (``unit``, ``council``…)."""
        return self._by_area.get(area, [])

    def findings_of(self, nominee_id: str) -> list[Finding]:
        """The findings about one nominee (its own fields and the dossier rules on it)."""
        return self._by_nominee.get(nominee_id, [])

    def touch(self, path: str) -> None:
        self.touched.add(path)

    def visit(self, key: str) -> None:
        self.visited.add(key)

    def revealed(self, areas, path: str) -> bool:
        """Whether messages about ``path`` (in one of ``areas``: ``step:0``, a nominee…)
        may show."""
        if isinstance(areas, str):
            areas = (areas,)
        return path in self.touched or any(a in self.visited for a in areas)

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the dossier again from the store (after a restore)."""
        self.dossier = self.store.get_dossier(self.dossier_id)
        self.undo_stack.clear()
        self._revalidate()
        self.store_changed.emit(ChangeSet(nominees=True, dossier=True, documents=True,
                                          state=True), None)

    def value(self, path: str) -> Any:
        """The stored value at ``path`` as JSON data."""
        parts = split_path(path)
        head = parts[0]
        if head == "title":
            return self.dossier.title
        if head == "nominees":
            nominee = self._nominee_for(parts[1])
            if nominee is None:
                return None
            return get_in(nominee.model_dump(mode="json"), parts[2:])
        return get_in(getattr(self.dossier, head).model_dump(mode="json"), parts[1:])

    def _nominee_for(self, token: str):
        key = token[1:-1]
        if key.startswith("id="):
            return self.nominee(key[3:])
        if key.isdigit() and int(key) < len(self.dossier.nominees):
            return self.dossier.nominees[int(key)]
        return None

    def _index(self) -> dict[str, int]:
        """Nominee id -> position, rebuilt when the nominees tuple changes (lookups by id
        were linear scans: quadratic over 10,000 nominees)."""
        nominees = self.dossier.nominees
        if self._positions[0] is not nominees:
            self._positions = (nominees, {n.id: i for i, n in enumerate(nominees)})
        return self._positions[1]

    def index_of(self, nominee_id: str) -> int:
        return self._index().get(nominee_id, -1)

    def nominee(self, nominee_id: str | None):
        """The nominee with this id, or None."""
        index = self._index().get(nominee_id or "", -1)
        return self.dossier.nominees[index] if index >= 0 else None

    def errors(self) -> list[Finding]:
        """The findings that block the final export (severity error), in order."""
        return list(self._errors)

    # ------------------------------------------------------------------ editing

    def set_field(self, path: str, value: Any, *, initiator: object = None,
                  label: str = "") -> bool:
        """Commit one field edit. False (and ``input_error``) when the value is refused."""
        value = to_jsonable_python(value)
        old = self.value(path)
        if old == value:
            self.input_error.emit(path, "")
            return True
        return self._do([Op("field", path, old, value)],
                        i18n.t("ui.undo.edit", field=label or path), initiator)

    def set_fields(self, changes: list[tuple[str, Any]], text: str,
                   initiator: object = None) -> bool:
        ops = [Op("field", p, self.value(p), to_jsonable_python(v)) for p, v in changes]
        return self._do(ops, text, initiator)

    def add_nominee(self, nominee, initiator: object = None) -> bool:
        ops = [Op("add", nominee=nominee, index=len(self.dossier.nominees))]
        ids = list(self.dossier.proposal.nominee_ids)
        if nominee.id not in ids:
            ops.append(Op("field", "proposal.nominee_ids", ids, [*ids, nominee.id]))
        return self._do(ops, i18n.t("ui.undo.add_nominee"), initiator)

    def add_nominees(self, nominees, text: str, initiator: object = None) -> bool:
        """Several nominees at the end, on the proposal's list: one undoable edit (sheet
        import, desktop.ui.sheet_import)."""
        nominees = tuple(nominees)
        ops = [Op("add_many", nominee=nominees, index=len(self.dossier.nominees))] \
            if nominees else []
        ids = list(self.dossier.proposal.nominee_ids)
        added = [n.id for n in nominees if n.id not in ids]
        if added:
            ops.append(Op("field", "proposal.nominee_ids", ids, [*ids, *added]))
        return bool(ops) and self._do(ops, text, initiator)

    def remove_nominee(self, nominee_id: str, initiator: object = None) -> bool:
        index = self.index_of(nominee_id)
        if index < 0:
            return False
        nominee = self.dossier.nominees[index]
        ops: list[Op] = []
        ids = list(self.dossier.proposal.nominee_ids)
        if nominee_id in ids:
            ops.append(Op("field", "proposal.nominee_ids", ids,
                          [i for i in ids if i != nominee_id]))
        votes = [v.model_dump(mode="json") for v in self.dossier.council.votes]
        kept = [v for v in votes if v["nominee_id"] != nominee_id]
        if kept != votes:
            ops.append(Op("field", "council.votes", votes, kept))
        ops.append(Op("remove", nominee=nominee, index=index))
        return self._do(ops, i18n.t("ui.undo.remove_nominee", name=nominee_name(nominee)),
                        initiator)

    def move_nominee(self, nominee_id: str, new_index: int, initiator: object = None) -> bool:
        index = self.index_of(nominee_id)
        count = len(self.dossier.nominees)
        new_index = max(0, min(new_index, count - 1))
        if index < 0 or index == new_index:
            return False
        return self._do([Op("move", nominee=nominee_id, index=index, to=new_index)],
                        i18n.t("ui.undo.move_nominee"), initiator)

    # ------------------------------------------------------------------ machinery

    def _do(self, ops: list[Op], text: str, initiator: object) -> bool:
        try:
            self._check(ops)
        except InputRejected as exc:
            self.input_error.emit(ops[0].path, exc.message)
            return False
        if not self._apply_all(ops, initiator):
            return False
        for op in ops:
            if op.kind == "field":
                self.input_error.emit(op.path, "")
        self.undo_stack.push(EditCommand(self, text, ops))
        return True

    def _check(self, ops: list[Op]) -> None:
        """Validate field values with their model before anything is written."""
        for op in ops:
            if op.kind != "field":
                continue
            parts = split_path(op.path)
            head = parts[0]
            try:
                if head == "nominees":
                    nominee = self._nominee_for(parts[1])
                    if nominee is not None:
                        NOMINEE.validate_python(set_in(nominee.model_dump(mode="json"),
                                                       parts[2:], op.new))
                elif head in SECTIONS:
                    SECTIONS[head].model_validate(set_in(
                        getattr(self.dossier, head).model_dump(mode="json"), parts[1:],
                        op.new))
            except ValidationError as exc:
                raise InputRejected(self._explain(exc, parts)) from exc

    def _explain(self, exc: ValidationError, parts: list[str]) -> str:
        err = exc.errors(include_url=False)[0]
        head = parts[0]
        if head == "nominees":
            nominee = self._nominee_for(parts[1])
            index = self.index_of(nominee.id) if nominee is not None else 0
            err = {**err, "loc": ("nominees", index, *err.get("loc", ()))}
            data = {"nominees": {index: nominee.model_dump(mode="json") if nominee else {}}}
        else:
            err = {**err, "loc": (head, *err.get("loc", ()))}
            data = None
        return translate_pydantic_error(err, i18n.get_language(), data=data)

    def _apply_all(self, ops: list[Op], initiator: object) -> bool:
        changes = ChangeSet()
        try:
            for op in ops:
                cs = self._apply(op)
                changes = ChangeSet(nominees=changes.nominees or cs.nominees,
                                    dossier=changes.dossier or cs.dossier,
                                    documents=True, state=changes.state or cs.state,
                                    dossier_id=self.dossier_id, revision=cs.revision)
        except HosoError as exc:
            self.storage_error.emit(exc)
            return False
        self._revalidate()
        self.store_changed.emit(changes, initiator)
        return True

    def _apply(self, op: Op) -> ChangeSet:
        store, did, d = self.store, self.dossier_id, self.dossier
        if op.kind == "field":
            parts = split_path(op.path)
            head = parts[0]
            cs = store.update_field(did, op.path, op.new)
            if head == "nominees":
                nominee = self._nominee_for(parts[1])
                new = NOMINEE.validate_python(set_in(nominee.model_dump(mode="json"),
                                                     parts[2:], op.new))
                nominees = tuple(new if n is nominee else n for n in d.nominees)
                self.dossier = d.model_copy(update={"nominees": nominees})
            elif head in SECTIONS:
                model = SECTIONS[head].model_validate(set_in(
                    getattr(d, head).model_dump(mode="json"), parts[1:], op.new))
                self.dossier = d.model_copy(update={head: model})
            else:
                self.dossier = d.model_copy(update={"title": op.new or ""})
            return cs
        if op.kind == "add_many":  # appended at the end, one store transaction
            cs = store.add_nominees(did, op.nominee)
            self.dossier = d.model_copy(update={"nominees": (*d.nominees, *op.nominee)})
            return cs
        if op.kind == "remove_many":
            gone = {n.id for n in op.nominee}
            cs = store.remove_nominees(did, [n.id for n in op.nominee])
            self.dossier = d.model_copy(update={"nominees": tuple(
                n for n in d.nominees if n.id not in gone)})
            return cs
        if op.kind == "add":
            cs = store.save_nominee(did, op.nominee)
            if op.index < len(d.nominees):
                store.move_nominee(did, op.nominee.id, op.index)
            nominees = list(d.nominees)
            nominees.insert(op.index, op.nominee)
            self.dossier = d.model_copy(update={"nominees": tuple(nominees)})
            return cs
        if op.kind == "remove":
            cs = store.remove_nominee(did, op.nominee.id)
            self.dossier = d.model_copy(update={"nominees": tuple(
                n for n in d.nominees if n.id != op.nominee.id)})
            return cs
        # move
        cs = store.move_nominee(did, op.nominee, op.to)
        nominees = list(d.nominees)
        moved = nominees.pop(op.index)
        nominees.insert(op.to, moved)
        self.dossier = d.model_copy(update={"nominees": tuple(nominees)})
        return cs

    def _revalidate(self) -> None:
        self._set_findings(self.validator.run(self.dossier))
        self.findings_changed.emit()


def new_nominee_id(dossier: Dossier, kind: str) -> str:
    """A fresh id like ``individual-3`` not used in the dossier."""
    used = {n.id for n in dossier.nominees}
    n = len(dossier.nominees) + 1
    while f"{kind}-{n}" in used:
        n += 1
    return f"{kind}-{n}"


Callback = Callable[[], None]
