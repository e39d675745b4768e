"""From sheet rows to nominees or council members: the preview, and the import itself.

:func:`plan_import` reads every data row through the column mapping into the model it will
become, with what went wrong in each cell (named by row and column), the legacy-text repairs
it made and the findings the rule engine would raise on the nominee alone (required fields,
pick lists, legacy text). Nothing is written: :func:`apply_plan` returns a new dossier (the
CLI), and the window turns the same plan into one undoable edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from desktop import i18n
from desktop.legacytext import detect
from desktop.models import (
    CampaignPack,
    Collective,
    CouncilMember,
    Dossier,
    Finding,
    Household,
    Individual,
    Nominee,
    Resident,
)
from desktop.models.nominee import nominee_name
from desktop.sheets import values as V
from desktop.sheets.columns import IGNORE, Header, find_header, propose_mapping
from desktop.sheets.reader import Sheet
from desktop.textutil import fold
from desktop.validation import fields, legacy, translate_pydantic_error
from desktop.validation.context import NomineeContext
from desktop.validation.messages import Reporter

NOMINEE = TypeAdapter(Nominee)
KINDS = ("individual", "household", "resident", "collective")

#: Where a generic column lands for each nominee kind (None: the kind has no such field).
_KIND_FIELDS: dict[str, dict[str, str | None]] = {
    "individual": {},
    "resident": {"position": None, "workplace": None, "hometown": None, "alias": None},
    "household": {"full_name": "head_name", "birth_year": "head_birth_year",
                  "gender": "head_gender", "position": None, "workplace": None,
                  "hometown": None, "alias": None},
    "collective": {"full_name": "name", "head_name": "head_name", "birth_year": None,
                   "gender": None, "ethnicity": None, "position": None, "workplace": None,
                   "hometown": None, "occupation": None, "alias": None,
                   "members_count": "staff_count"},
}
_MODEL_FIELDS = {cls.model_fields["kind"].default.value: frozenset(cls.model_fields)
                 for cls in (Individual, Household, Resident, Collective)}


@dataclass
class Issue:
    """A problem (error/warning) or a note (info) about one row, in both languages."""

    severity: str  # error | warning | info
    column: int | None
    key: str
    message_vi: str
    message_en: str

    def message(self) -> str:
        return self.message_vi if i18n.get_language() == "vi" else self.message_en


@dataclass
class Repair:
    column: int
    original: str
    text: str
    encoding: str
    ambiguous: bool


@dataclass
class RowPreview:
    number: int  # row number as the spreadsheet shows it (1-based)
    cells: list[Any]
    item: Any = None  # the nominee or council member it becomes (None: cannot)
    issues: list[Issue] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    skip: bool = False

    @property
    def unreadable(self) -> bool:
        """A cell could not be read (or the row makes no item): it needs a fix."""
        return self.item is None or any(i.severity == "error" for i in self.issues)

    @property
    def status(self) -> str:
        if self.item is None or any(i.severity == "error" for i in self.issues) or any(
                f.severity == "error" for f in self.findings):
            return "error"
        if any(i.severity == "warning" for i in self.issues) or self.findings:
            return "warning"
        return "ok"

    def messages(self) -> list[str]:
        vi = i18n.get_language() == "vi"
        out = [i.message() for i in self.issues]
        out += [f.message_vi if vi else f.message_en for f in self.findings]
        return out


@dataclass
class ImportPlan:
    target: str  # nominees | members
    sheet: Sheet
    header: Header
    mapping: dict[int, str]
    kind: str
    rows: list[RowPreview]

    def chosen(self) -> list[RowPreview]:
        """The rows that will be imported: not skipped, and built."""
        return [r for r in self.rows if not r.skip and r.item is not None]

    def items(self) -> list[Any]:
        return [r.item for r in self.chosen()]

    def counts(self) -> dict[str, int]:
        out = {"ok": 0, "warning": 0, "error": 0, "skipped": 0}
        for r in self.rows:
            out["skipped" if r.skip else r.status] += 1
        return out


def _issue(severity: str, col: int | None, key: str, **params: Any) -> Issue:
    return Issue(severity, col, key, i18n.t(key, "vi", **params),
                 i18n.t(key, "en", **params))


def column_name(col: int) -> str:
    """0 -> "A", 27 -> "AB" (as Excel names columns)."""
    name, col = "", col + 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


class _Builder:
    """Turns rows into items for one plan (shared lookups, ids, duplicate keys)."""

    def __init__(self, target: str, pack: CampaignPack, header: Header,
                 mapping: dict[int, str], kind: str, dossier: Dossier | None) -> None:
        self.target, self.pack, self.header, self.kind = target, pack, header, kind
        self.mapping = {c: f for c, f in mapping.items() if f and f != IGNORE}
        self.ethnic = V.ethnic_index(pack)
        self.rep = Reporter(pack)
        self.used_ids = {n.id for n in dossier.nominees} if dossier else set()
        self.seen: dict[tuple, int] = {}
        if dossier is not None:
            if target == "nominees":
                for n in dossier.nominees:
                    self.seen[self._key_of(n)] = 0
            else:
                for m in dossier.council.members:
                    self.seen[(fold(m.name),)] = 0
        self.base_index = len(dossier.nominees) if dossier else 0

    @staticmethod
    def _key_of(n: Any) -> tuple:
        year = getattr(n, "birth_year", None) or getattr(n, "head_birth_year", None)
        return (str(n.kind), fold(nominee_name(n)), year)

    def _label(self, col: int) -> str:
        labels = self.header.labels
        label = labels[col] if col < len(labels) and labels[col] else ""
        return f"{column_name(col)} ({label})" if label else column_name(col)

    def build(self, number: int, cells: list[Any], index: int) -> RowPreview | None:
        row = RowPreview(number, cells)
        raw: dict[str, Any] = {}
        for col, fld in self.mapping.items():
            cell = cells[col] if col < len(cells) else ""
            if not V.is_empty(cell):
                raw[fld] = (col, cell)
        if not raw:
            return None  # an empty row (or one with only ignored columns)
        if self.target == "members":
            data = self._member(row, raw)
            if data is not None:
                self._validate(row, CouncilMember, data)
        else:
            data = self._nominee(row, raw)
            if data is not None:
                self._validate(row, NOMINEE, data)
        self._duplicates(row)
        if row.item is not None and self.target == "nominees":
            # the rules about the imported fields themselves (criteria and achievements are
            # entered after the import: their findings would only repeat on every row)
            ctx = NomineeContext.of(self.rep, row.item, self.base_index + index)
            row.findings = [*fields.check_nominee(ctx), *legacy.check_nominee(ctx)]
        filled = sum(1 for c in cells if not V.is_empty(c))
        if filled == 1 and len(self.mapping) > 2 and len(raw) == 1:
            # a section heading ("I. CÁ NHÂN") or a total line: offered, skipped by default
            row.issues.append(_issue("warning", None, "sheets.note.section_row"))
            row.findings = []
            row.skip = True
        if row.item is None or any(i.severity == "error" for i in row.issues):
            row.skip = True  # a cell that could not be read: fix it, or import without it
        return row

    # --- cells -> field values
    def _text(self, row: RowPreview, col: int, cell: Any) -> str:
        value = V.text(cell)
        repair = detect(value)
        if repair is not None:
            row.repairs.append(Repair(col, value, repair.text, repair.encoding,
                                      repair.ambiguous))
            row.issues.append(_issue(
                "warning" if repair.ambiguous else "info", col, "sheets.note.legacy_repaired",
                column=self._label(col), original=value, text=repair.text,
                encoding=repair.encoding_name))
            value = repair.text
        return value

    def _parse(self, row: RowPreview, col: int, parser, cell: Any, *args: Any) -> Any:
        if isinstance(cell, str):
            cell = self._text(row, col, cell)  # "Nïng" (TCVN3) is Nùng
        try:
            return parser(cell, *args)
        except V.CellError as exc:
            row.issues.append(_issue("error", col, exc.key, column=self._label(col),
                                     **exc.params))
            return None

    def _nominee(self, row: RowPreview, raw: dict[str, tuple[int, Any]]) -> dict | None:
        kind = self.kind
        if "kind" in raw:
            col, cell = raw["kind"]
            parsed = self._parse(row, col, V.to_kind, cell)
            if parsed is None:
                return None
            kind = parsed
        names = _KIND_FIELDS[kind]
        data: dict[str, Any] = {"kind": kind}
        raw = self._join_name(row, raw, "full_name")
        gender_from_column = None
        for fld, (col, cell) in raw.items():
            if fld == "kind":
                continue
            if fld in ("birth_year_male", "birth_year_female"):
                gender_from_column = "male" if fld.endswith("_male") else "female"
                fld = "birth_year"
            target = names.get(fld, fld)
            if target is not None and target not in _MODEL_FIELDS[kind]:
                target = None
            if target is None:
                row.issues.append(_issue("info", col, "sheets.note.field_not_for_kind",
                                         column=self._label(col),
                                         kind=i18n.t(f"enum.nominee_kind.{kind}")))
                continue
            if fld == "birth_year":
                value = self._parse(row, col, V.to_year, cell)
                if gender_from_column:
                    gender_field = names.get("gender", "gender")
                    if gender_field:
                        data[gender_field] = gender_from_column
                    gender_from_column = None
            elif fld == "gender":
                value = self._parse(row, col, V.to_gender, cell)
            elif fld == "ethnicity":
                value = self._parse(row, col, V.to_ethnicity, cell, self.ethnic)
            elif fld == "members_count":
                value = self._parse(row, col, V.to_count, cell)
            else:
                value = self._text(row, col, cell)
            if value is not None:
                data.setdefault(target, value)
        data["id"] = self._new_id(kind)
        return data

    def _join_name(self, row: RowPreview, raw: dict[str, tuple[int, Any]], name_field: str
                   ) -> dict[str, tuple[int, Any]]:
        """"Họ và tên đệm" + "Tên" in two columns -> one name (in the name's column)."""
        if "family_name" not in raw:
            return raw
        raw = dict(raw)
        fcol, family = raw.pop("family_name")
        col, given = raw.get(name_field, (fcol, ""))
        # joined before the legacy check: "Hoµng ThÞ" + "MÕn" tells more than "MÕn" alone
        raw[name_field] = (col, f"{V.text(family)} {V.text(given)}".strip())
        return raw

    def _member(self, row: RowPreview, raw: dict[str, tuple[int, Any]]) -> dict | None:
        data: dict[str, Any] = {}
        raw = self._join_name(row, raw, "name")
        for fld, (col, cell) in raw.items():
            if fld == "present":
                value = self._parse(row, col, V.to_present, cell)
            else:
                value = self._text(row, col, cell)
            if value is not None:
                data[fld] = value
        if "present" not in data and "absence_reason" in data:
            data["present"] = False
        if not data.get("name"):
            row.issues.append(_issue("error", None, "sheets.note.member_unnamed"))
        return data

    def _validate(self, row: RowPreview, model, data: dict) -> None:
        validator = model.validate_python if isinstance(model, TypeAdapter) \
            else model.model_validate
        try:
            row.item = validator(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = err.get("loc", ())
                fld = next((str(x) for x in reversed(loc) if isinstance(x, str)), "")
                col = next((c for c, f in self.mapping.items()
                            if f == fld or _KIND_FIELDS.get(data.get("kind", ""), {}).get(f)
                            == fld), None)
                where = self._label(col) if col is not None else fld
                row.issues.append(Issue(
                    "error", col, "sheets.cell.invalid",
                    i18n.t("sheets.cell.invalid", "vi", column=where,
                           reason=translate_pydantic_error(err, "vi")),
                    i18n.t("sheets.cell.invalid", "en", column=where,
                           reason=translate_pydantic_error(err, "en"))))

    def _duplicates(self, row: RowPreview) -> None:
        item = row.item
        if item is None:
            return
        key = self._key_of(item) if self.target == "nominees" else (fold(item.name),)
        if not key[1 if self.target == "nominees" else 0]:
            return
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = row.number
            return
        if earlier == 0:
            row.issues.append(_issue("warning", None, "sheets.note.already_in_dossier"))
        else:
            row.issues.append(_issue("warning", None, "sheets.note.duplicate_row",
                                     row=earlier))
        row.skip = True

    def _new_id(self, kind: str) -> str:
        n = len(self.used_ids) + 1
        while f"{kind}-{n}" in self.used_ids:
            n += 1
        ident = f"{kind}-{n}"
        self.used_ids.add(ident)
        return ident


def plan_import(sheet: Sheet, target: str, pack: CampaignPack, *,
                header: Header | None = None, mapping: dict[int, str] | None = None,
                kind: str = "individual", dossier: Dossier | None = None) -> ImportPlan:
    """The preview of importing ``sheet`` as ``target`` (nominees or members)."""
    if header is None:
        header = find_header(sheet, target)
    if mapping is None:
        mapping = propose_mapping(header, target)
    builder = _Builder(target, pack, header, mapping, kind, dossier)
    rows: list[RowPreview] = []
    for r in range(header.data_start, len(sheet.rows)):
        built = builder.build(r + 1, sheet.rows[r], len(rows))
        if built is not None:
            rows.append(built)
    return ImportPlan(target, sheet, header, dict(builder.mapping), kind, rows)


def apply_plan(dossier: Dossier, plan: ImportPlan) -> Dossier:
    """The dossier with the plan's chosen rows added (nominees also join the proposal's
    list)."""
    items = plan.items()
    if plan.target == "members":
        council = dossier.council.model_copy(
            update={"members": (*dossier.council.members, *items)})
        return dossier.model_copy(update={"council": council})
    ids = [*dossier.proposal.nominee_ids, *(n.id for n in items)]
    proposal = dossier.proposal.model_copy(update={"nominee_ids": tuple(ids)})
    return dossier.model_copy(update={"nominees": (*dossier.nominees, *items),
                                      "proposal": proposal})
