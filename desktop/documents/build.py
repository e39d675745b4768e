"""Builders (lập nội dung văn bản): dossier × campaign pack × template data → :class:`Document`.

One builder per template kind: the proposal (tờ trình), its nomination list (danh sách đề
nghị), the council minutes (biên bản họp Hội đồng), the achievement report (báo cáo thành tích,
Mẫu 07) and the achievement summary (tóm tắt thành tích). Campaign wording comes from the pack,
form wording from ``resources/templates``; this module only arranges and formats.

Every document lists the nominees in one order, :func:`ordered_nominees`: grouped by nominee
kind in the pack's order (tập thể, cá nhân, hộ gia đình…), within a group in the order of the
proposal's list. The nomination list, the minutes' vote table and the per-nominee documents
therefore always agree.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from desktop.documents import fmt
from desktop.documents.ir import (
    Block,
    Cell,
    Column,
    Document,
    Footnote,
    Header,
    PageBreak,
    Paragraph,
    Recipients,
    SignatureColumn,
    SignatureRow,
    Spacer,
    Span,
    Table,
    Title,
)
from desktop.documents.naming import nominee_stem
from desktop.documents.templates import Template, common, template
from desktop.models import (
    CampaignPack,
    Collective,
    Dossier,
    Gender,
    Household,
    Individual,
    Resident,
    SigningAuthority,
    nominee_name,
)
from desktop.models.campaign import DocumentSpec
from desktop.textutil import excerpt

AnyNominee = Collective | Individual | Household | Resident


# ---------------------------------------------------------------- shared context


@dataclass(frozen=True)
class Context:
    """What every builder reads: the dossier, its pack and the shared template data."""

    dossier: Dossier
    pack: CampaignPack

    @cached_property
    def common(self) -> Template:
        return common(self.pack.legal_regime)

    def template(self, spec: DocumentSpec) -> Template:
        return template(spec.template, self.pack.legal_regime)

    @cached_property
    def nominees(self) -> tuple[AnyNominee, ...]:
        return ordered_nominees(self.dossier, self.pack)

    @cached_property
    def ethnic_labels(self) -> dict[str, str]:
        return {g.id: g.label for g in self.pack.ethnic_groups}

    def award_form_name(self, nominee: AnyNominee) -> str:
        form = self.pack.award_form(nominee.award_form or self.pack.default_award_form)
        return form.name if form else (nominee.award_form or "")

    def kind_label(self, kind: str) -> str:
        spec = self.pack.kind_spec(kind)
        return spec.label if spec else kind

    def display_name(self, nominee: AnyNominee) -> str:
        """The name printed in lists: households as "Hộ ông Nông Văn Thuận"."""
        if isinstance(nominee, Household):
            key = {Gender.MALE: "household_male", Gender.FEMALE: "household_female"}.get(
                nominee.head_gender, "household")
            return fmt_label(self.common, key, name=nominee.head_name)
        return nominee_name(nominee)

    def gender(self, gender: Gender | None) -> str:
        if gender is None:
            return ""
        return fmt_label(self.common, "male" if gender == Gender.MALE else "female")

    def ethnicity(self, code: str | None) -> str:
        return self.ethnic_labels.get(code or "", code or "")

    @cached_property
    def forwards(self) -> bool:
        """The addressee only forwards (xem xét, trình): the pack's routing rules name the
        unit's kind as a preparer, not a submitter, for a nominee of the dossier."""
        from desktop.validation.facts import first_route

        kind = self.dossier.unit.kind
        for n in self.dossier.nominees:
            rule = first_route(self.pack, n)
            if rule and kind not in rule.submitter_unit_kinds \
                    and kind in rule.preparer_unit_kinds:
                return True
        return False

    @cached_property
    def doc_extras(self) -> dict:
        """What every document of the dossier carries besides its blocks: the phrases kept on
        one line (template data and the places the dossier names) and the time it stands
        for (the dossier's last revision: a reproducible PDF date, never 2000-01-01)."""
        unit = self.dossier.unit
        places = [self.pack.province, unit.province or "", unit.district or "",
                  unit.locality or ""]
        phrases = [*self.common["typography"]["keep_together"], *places]
        phrases += [f"{noun} {place}" for place in places if place
                    for noun in ("tỉnh", "huyện", "xã")]
        return {"keep_together": tuple(_unique(p for p in phrases if p and " " in p)),
                "created": self.dossier.updated_at or self.dossier.created_at}

    @property
    def decider(self) -> str:
        """The authority that decides the award (the plan's issuer in the pack)."""
        return self.pack.plan.issuer

    @property
    def report_date(self):
        """Date of the achievement reports: the dossier's, else the day before the council."""
        p, council = self.dossier.proposal, self.dossier.council
        if p.report_date:
            return p.report_date
        if council.date:
            return council.date - dt.timedelta(days=1)
        return p.date

    @property
    def place(self) -> str:
        return self.dossier.proposal.place or self.dossier.unit.locality or ""

    def letter(self, index: int) -> str:
        letters = self.common["lists"]["letters"]
        return letters[index] if index < len(letters) else str(index + 1)

    def roman(self, index: int) -> str:
        numerals = self.common["labels"]["roman"]
        return numerals[index] if index < len(numerals) else str(index + 1)


def fmt_label(common_tpl: Template, key: str, **params: object) -> str:
    return str(common_tpl["labels"][key]).format(**params)


def ordered_nominees(dossier: Dossier, pack: CampaignPack) -> tuple[AnyNominee, ...]:
    """Nominees by kind (the pack's order), then in the order of the proposal's list."""
    kind_rank = {spec.kind: i for i, spec in enumerate(pack.nominee_kinds)}
    listed = {nid: i for i, nid in enumerate(dossier.proposal.nominee_ids)}
    position = {n.id: i for i, n in enumerate(dossier.nominees)}

    def key(n: AnyNominee) -> tuple[int, int, int]:
        return (kind_rank.get(n.kind, len(kind_rank)), listed.get(n.id, len(listed)),
                position[n.id])

    return tuple(sorted(dossier.nominees, key=key))


def _join_and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return seen


def abbreviate(common_tpl: Template, text: str) -> str:
    """The superior's line may abbreviate ("ỦY BAN NHÂN DÂN HUYỆN …" → "UBND HUYỆN …"):
    the abbreviations are template data (``[header.abbreviations]``)."""
    for long, short in dict(common_tpl["header"].get("abbreviations", {})).items():
        if text.startswith(long + " "):
            return short + text[len(long):]
    return text


def _drop_shared_locality(body: str, superior: str) -> str:
    """"PHÒNG NÔNG NGHIỆP … HUYỆN TRÙNG KHÁNH" under "UBND HUYỆN TRÙNG KHÁNH": the locality
    the superior's line already names is not printed twice (two words or more)."""
    sup, words = superior.split(), body.split()
    best = 0
    for k in range(2, min(len(sup), len(words) - 1) + 1):
        if [w.strip(",") for w in words[-k:]] == sup[-k:]:
            best = k
    if not best:
        return body
    return " ".join(words[:-best]).rstrip(" ,-–")


def header_block(common_tpl: Template, superior: str, body: str, number_line: str,
                 place_date: str) -> Header:
    """Ô 1–4 by one rule (Decree 30/2020): the direct superior in upper case, not bold, above
    (abbreviated as the template allows); the issuing body in bold. A body whose name starts
    with its superior's line is one body written on two lines ("ỦY BAN NHÂN DÂN" / "HUYỆN
    TRÙNG KHÁNH"), both bold. ``superior`` and ``body`` come from the unit's hierarchy data
    (``Unit.parent_body``, ``Unit.name``; for a nominee's own report, the proposing unit and
    the nominee's unit), never from words like "huyện": helpers building other regimes' headers
    call this too.
    """
    parent = abbreviate(common_tpl, fmt.upper(superior or ""))
    name = fmt.upper(body)
    parent_bold = False
    if parent and name.startswith(parent + " "):
        name = name[len(parent):].strip()
        parent_bold = True
    elif parent:
        name = _drop_shared_locality(name, fmt.upper(superior or "")) or name
    head = common_tpl["header"]
    return Header(parent, name, number_line, head["national_title"], head["motto"], place_date,
                  parent_bold=parent_bold)


def _unit_header(ctx: Context, number_line: str, place_date: str) -> Header:
    """Header of a document issued by the proposing unit (ô 1–4): the same on every one."""
    unit = ctx.dossier.unit
    return header_block(ctx.common, unit.parent_body or "", unit.name, number_line, place_date)


def _nominee_header(ctx: Context, n: AnyNominee, place_date: str) -> Header:
    """Mẫu 07 is headed by the nominee's own unit where it has one: a collective under its
    direct superior (the proposing unit), an individual's workplace when it is not the
    proposing unit itself; otherwise the proposing unit's header."""
    unit = ctx.dossier.unit
    own = ""
    if isinstance(n, Collective):
        own = n.name
    elif isinstance(n, Individual) and n.workplace and not _same_body(n.workplace, unit.name):
        own = n.workplace
    if not own:
        return _unit_header(ctx, "", place_date)
    return header_block(ctx.common, unit.name, own, "", place_date)


def _same_body(a: str, b: str) -> bool:
    return fmt.upper(a).strip(" .") == fmt.upper(b).strip(" .")


def own_body_differs(ctx: Context, n: AnyNominee) -> bool:
    """The nominee has a unit of its own between it and the proposing unit (a sub-unit, a
    hamlet, an individual's office): its head confirms separately."""
    if isinstance(n, Individual):
        return bool(n.workplace) and not _same_body(n.workplace, ctx.dossier.unit.name)
    return False


def authority_lines(ctx: Context, authority: SigningAuthority, body: str, title: str
                    ) -> tuple[str, ...]:
    """Ô 7a: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC"."""
    title = fmt.upper(title)
    key = "direct" if authority == SigningAuthority.DIRECT else authority.value
    prefix = str(ctx.common["authority"][key])
    if not prefix:
        return (title,) if title else ()
    if body:
        return (fmt.upper(prefix.format(body=body)), *((title,) if title else ()))
    return (fmt.upper(prefix.format(body=title)),)


def _proposal_signature(ctx: Context, note: str = "") -> SignatureColumn:
    p = ctx.dossier.proposal
    return SignatureColumn(authority_lines(ctx, p.authority, p.authority_body, p.signer_title),
                           note, p.signer_name)


def _proposal_reference(ctx: Context) -> tuple[str, str]:
    """("45/TTr-UBND", "ngày 28 tháng 6 năm 2023") for "Kèm theo Tờ trình số …"."""
    p = ctx.dossier.proposal
    number = fmt.doc_number(p.number, p.symbol, "").removeprefix(": ").strip()
    return number, fmt.date_long(p.date)


# ---------------------------------------------------------------- proposal and list


def build_proposal(ctx: Context, spec: DocumentSpec, *, attach_list: bool = False) -> Document:
    """Tờ trình đề nghị khen thưởng (ô 1–9), optionally with the list attached."""
    tpl = ctx.template(spec)
    d, p, c = ctx.dossier, ctx.dossier.proposal, ctx.common
    forms = _unique(ctx.award_form_name(n) for n in ctx.nominees)
    blocks: list[Block] = [
        _unit_header(ctx, fmt.doc_number(p.number, p.symbol, c["header"]["number_label"]),
                     fmt.place_date(ctx.place, p.date)),
        Title((tpl["type_name"],), (tpl.text("subject", award_forms=" và ".join(forms)),)),
        Paragraph.of(f"{fmt_label(c, 'addressee')} {p.addressee}.", "addressee"),
    ]
    # the ground citing the campaign plan: with its number and date, or a line to fill in
    # when the pack does not know them (never an empty "số")
    grounds = [plan_reference(ctx.common, ctx.pack) if g.startswith(ctx.pack.plan.title) else g
               for g in ctx.pack.plan.grounds]
    council = d.council
    if council.number or council.date:
        number = fmt.doc_number(council.number, _minutes_symbol(ctx), "").removeprefix(": ")
        grounds.append(tpl.text("minutes_ground", number=number.strip(),
                                date=fmt.date_long(council.date), unit=d.unit.name))
    for i, ground in enumerate(grounds):
        key = "ground_last" if i == len(grounds) - 1 else "ground"
        blocks.append(Paragraph.of(fmt_label(c, key, text=ground)))
    blocks.append(Paragraph.of(p.body or tpl.text(
        "results_default", campaign=fmt.lower_first(ctx.pack.title), unit=d.unit.name)))
    requests = [tpl.text("request_item", award_form=form, counts=nominee_counts(ctx, form))
                for form in forms]
    # Who decides, who only forwards: from the pack's routing rules (Context.forwards).
    suffix = "_forward" if ctx.forwards else ""
    blocks.append(Paragraph.of(tpl.text("request" + suffix, unit=d.unit.name,
                                        addressee=p.addressee, decider=ctx.decider,
                                        requests="; ".join(requests))))
    origins = _origin_counts(ctx.nominees)
    if origins and tpl.get("origins"):  # consolidated: the units the nominees came from
        blocks.append(Paragraph.of(tpl.text("origins", units=_join_and(
            [tpl.text("origin_item", unit=u, count=fmt.two_digits(n)) if tpl.get("origin_item")
             else u for u, n in origins.items()]))))
    blocks.append(Paragraph.of(tpl.text("closing" + suffix, addressee=p.addressee,
                                        decider=ctx.decider)))
    blocks.append(SignatureRow(
        left=Recipients(fmt_label(c, "recipients"), tuple(f"- {r}" for r in p.recipients)),
        right=_proposal_signature(ctx),
    ))
    orientation = "portrait"
    if attach_list:
        list_spec = DocumentSpec(id="nomination_list", title=spec.title,
                                 template="nomination-list")
        list_tpl = ctx.template(list_spec)
        blocks.append(PageBreak(list_tpl.get("orientation", "portrait")))
        blocks.extend(_list_blocks(ctx, list_tpl, _list_title(ctx)))
    sizes = {k: float(v) for k, v in dict(tpl.get("sizes", {})).items()}
    return Document(spec.id, "proposal", spec.title, str(tpl["file_stem"]), tuple(blocks),
                    orientation, tuple(n.id for n in ctx.nominees), **ctx.doc_extras,
                    sizes=sizes)


def plan_reference(common_tpl: Template, pack: CampaignPack) -> str:
    """The campaign plan as a legal basis: "<title> số 12/KH-UBND ngày … của <issuer>" when
    the pack knows its number, else its title with a number and date line to fill in."""
    plan = pack.plan
    if plan.number:
        return fmt_label(common_tpl, "plan_known", title=plan.title, number=plan.number,
                         date=fmt.date_long(plan.date), issuer=plan.issuer)
    return fmt_label(common_tpl, "plan_unknown", title=plan.title, issuer=plan.issuer)


def nominee_counts(ctx: Context, form: str | None = None) -> str:
    """"01 tập thể và 01 hộ gia đình": the nominees counted by kind (of one award form)."""
    counts = []
    for spec_kind in ctx.pack.nominee_kinds:
        n = sum(1 for x in ctx.nominees
                if x.kind == spec_kind.kind and (form is None or ctx.award_form_name(x) == form))
        if n:
            counts.append(fmt_label(ctx.common, "count_item", count=fmt.two_digits(n),
                                    label=fmt.lower_first(spec_kind.label)))
    return _join_and(counts)


def _list_title(ctx: Context) -> str:
    spec = next((s for s in ctx.pack.documents
                 if s.template and ctx.template(s).get("kind") == "nomination_list"), None)
    if spec:
        return spec.title
    forms = _unique(ctx.award_form_name(n) for n in ctx.nominees)
    return "Danh sách đề nghị tặng " + " và ".join(forms)


def _list_blocks(ctx: Context, tpl: Template, title: str) -> list[Block]:
    number, date = _proposal_reference(ctx)
    blocks: list[Block] = [
        Title((fmt.upper(title),),
              (tpl.text("attached", number=number, date=date, unit=ctx.dossier.unit.name),),
              subline_style="italic"),
    ]
    columns = tpl["columns"]
    header = tuple(Cell(col["header"], bold=True, align="center") for col in columns)
    rows: list[tuple[Cell, ...]] = []
    index = 0
    for g, (kind, members) in enumerate(_groups(ctx)):
        rows.append((Cell(tpl.text("group", roman=ctx.roman(g),
                                   label=fmt.upper(ctx.kind_label(kind))),
                          bold=True, span=len(columns)),))
        for nominee in members:
            index += 1
            rows.append(tuple(Cell(_list_value(ctx, tpl, col["field"], nominee, index),
                                   align=col.get("align", "left")) for col in columns))
    blocks.append(Table(tuple(Column(float(col["width_mm"]), col.get("align", "left"))
                              for col in columns), (header,), tuple(rows)))
    return blocks


def _groups(ctx: Context) -> list[tuple[str, list[AnyNominee]]]:
    groups: list[tuple[str, list[AnyNominee]]] = []
    for nominee in ctx.nominees:
        if groups and groups[-1][0] == nominee.kind:
            groups[-1][1].append(nominee)
        else:
            groups.append((nominee.kind, [nominee]))
    return groups


def person_value(ctx: Context, field: str, n: AnyNominee, index: int) -> str | None:
    """The list columns every nominee list shares (the Bằng khen list, a Giấy khen round's
    list): number, name, birth year, gender, ethnicity; None for any other column."""
    if field == "index":
        return str(index)
    if field == "name":
        return ctx.display_name(n)
    if field == "birth_year":
        year = n.head_birth_year if isinstance(n, Household) else getattr(n, "birth_year", None)
        return str(year) if year else ""
    if field == "gender":
        gender = n.head_gender if isinstance(n, Household) else getattr(n, "gender", None)
        return ctx.gender(gender)
    if field == "ethnicity":
        return ctx.ethnicity(getattr(n, "ethnicity", None))
    return None


def _list_value(ctx: Context, tpl: Template, field: str, n: AnyNominee, index: int) -> str:
    shared = person_value(ctx, field, n, index)
    if shared is not None:
        return shared
    if field == "position_or_address":
        if isinstance(n, Individual) and (n.position or n.workplace):
            return position_workplace(ctx, n)
        return n.address
    if field == "award_form":
        return ctx.award_form_name(n)
    if field == "note":  # a consolidated dossier's taken nominee: the unit it came from
        if n.origin is not None and tpl.get("origin_note"):
            origin = tpl.text("origin_note", unit=n.origin.unit_name)
            return f"{n.note}; {origin}" if n.note else origin
        return n.note
    if field == "origin":
        return n.origin.unit_name if n.origin is not None else ""
    raise ValueError(f"unknown list column field {field!r}")


def _origin_counts(nominees) -> dict[str, int]:
    """Units the taken nominees of a consolidated dossier came from, with their counts."""
    out: dict[str, int] = {}
    for n in nominees:
        if n.origin is not None:
            out[n.origin.unit_name] = out.get(n.origin.unit_name, 0) + 1
    return out


def build_nomination_list(ctx: Context, spec: DocumentSpec) -> Document:
    """Danh sách đề nghị khen thưởng: the table of nominees attached to the proposal."""
    tpl = ctx.template(spec)
    blocks: list[Block] = [_unit_header(ctx, "", ""), *_list_blocks(ctx, tpl, spec.title)]
    return Document(spec.id, "nomination_list", spec.title, str(tpl["file_stem"]),
                    tuple(blocks), tpl.get("orientation", "portrait"),
                    tuple(n.id for n in ctx.nominees), **ctx.doc_extras)


# ---------------------------------------------------------------- council minutes


def _minutes_symbol(ctx: Context) -> str:
    spec = next((s for s in ctx.pack.documents
                 if ctx.template(s).get("kind") == "council_minutes"), None)
    return str(ctx.template(spec)["symbol"]) if spec else ""


@dataclass(frozen=True)
class VoteLine:
    """One row of the vote table with the arithmetic of the pack's council rule."""

    nominee: AnyNominee
    votes_for: int | None
    votes_against: int | None
    abstain: int | None
    base: int
    required: int

    @property
    def passed(self) -> bool:
        return self.votes_for is not None and self.base > 0 and self.votes_for >= self.required


def vote_lines(ctx: Context) -> tuple[int, int, list[VoteLine]]:
    """(base, required votes, one line per nominee in the shared order)."""
    council = ctx.dossier.council
    rules = ctx.pack.council
    present = sum(1 for m in council.members if m.present)
    written = sum(1 for m in council.members if not m.present and m.written_opinion)
    base = {"total_members": len(council.members), "present": present,
            "present_plus_written": present + written}[rules.approval_base]
    required = math.ceil(Fraction(rules.approval) * base)
    votes = {v.nominee_id: v for v in council.votes}
    lines = []
    for n in ctx.nominees:
        v = votes.get(n.id)
        lines.append(VoteLine(n, v.votes_for if v else None, v.votes_against if v else None,
                              v.abstain if v else None, base, required))
    return base, required, lines


def _member_role(ctx: Context, name: str) -> str:
    member = next((m for m in ctx.dossier.council.members if m.name == name), None)
    return member.council_role if member else ""


def build_council_minutes(ctx: Context, spec: DocumentSpec) -> Document:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng: attendance, quorum, votes, conclusion."""
    tpl = ctx.template(spec)
    d, c = ctx.dossier, ctx.common
    council, rules = d.council, ctx.pack.council
    forms = _unique(ctx.award_form_name(n) for n in ctx.nominees)
    blocks: list[Block] = [
        _unit_header(ctx, fmt.doc_number(council.number, str(tpl["symbol"]),
                                         c["header"]["number_label"]),
                     fmt.place_date(ctx.place, council.date)),
        Title((tpl["type_name"], tpl["type_line"]),
              (tpl.text("subject", award_forms=" và ".join(forms)),)),
        Paragraph.labelled(tpl["time"], tpl.text("time_text", start=fmt.time_text(
            council.start_time), date=fmt.date_long(council.date))),
        Paragraph.labelled(tpl["place"], council.place + "."),
    ]

    def person(name: str) -> str:
        role = _member_role(ctx, name)
        return tpl.text("person_role", name=name, role=role) if role else name

    blocks.append(Paragraph.labelled(tpl["chair"], person(council.chair) + "."))
    blocks.append(Paragraph.labelled(tpl["secretary"], person(council.secretary) + "."))
    total = len(council.members)
    present = sum(1 for m in council.members if m.present)
    blocks.append(Paragraph.labelled(tpl["attendance"], tpl.text(
        "attendance_text", present=present, total=total, absent=total - present,
        percent=fmt.percent(present, total))))
    absent = [m for m in council.members if not m.present]
    for k, m in enumerate(absent):
        reason = m.absence_reason.rstrip(" .;") if m.absence_reason \
            else str(tpl["absent_reason_unknown"])
        if m.written_opinion:
            reason += str(tpl["written_opinion"])
        end = "." if k == len(absent) - 1 else ";"
        blocks.append(Paragraph.of("- " + tpl.text("absent_item", name=m.name,
                                                   role=m.council_role, reason=reason) + end,
                                   "item"))
    blocks.append(Paragraph.of(tpl["members_heading"], "heading"))
    widths = tpl["members_widths_mm"]
    member_rows = tuple(
        (Cell(str(i), align="center"), Cell(m.name), Cell(m.position), Cell(m.council_role),
         Cell(tpl["present"] if m.present else tpl["absent"], align="center"))
        for i, m in enumerate(council.members, 1))
    blocks.append(Table(tuple(Column(float(w)) for w in widths),
                        (tuple(Cell(h, bold=True, align="center")
                               for h in tpl["members_columns"]),), member_rows))
    blocks.append(Paragraph.of(tpl["content"], "center_bold"))
    blocks.append(Paragraph.of(tpl["rule_intro"]))
    blocks.append(Paragraph.of(rules.rule_text, "italic"))
    quorum_key = "quorum_ok" if total and Fraction(present, total) >= rules.quorum \
        else "quorum_short"
    blocks.append(Paragraph.of(tpl.text(quorum_key, percent=fmt.percent(present, total))))
    method_key = f"method_{council.voting_method.value}" if council.voting_method \
        else "method_unknown"
    method = str(tpl[method_key])
    blocks.append(Paragraph.of(tpl.text("proceedings", campaign=fmt.lower_first(ctx.pack.title),
                                        title=ctx.pack.title, counts=nominee_counts(ctx),
                                        method=method)))
    base, required, lines = vote_lines(ctx)
    base_text = tpl.text(f"base_{rules.approval_base}", count=base)
    blocks.append(Paragraph.of(tpl.text("results", method=method, base=base_text)))
    dash = "—"
    rows = []
    for i, line in enumerate(lines, 1):
        known = line.votes_for is not None
        rows.append((
            Cell(str(i), align="center"),
            Cell(ctx.display_name(line.nominee)),
            # a round's minutes print the short form ("Giấy khen"): one award for every row
            Cell(str(tpl.get("award_form_cell", "")) or ctx.award_form_name(line.nominee)),
            Cell(str(line.votes_for) if known else dash, align="center"),
            Cell(str(line.votes_against) if known else dash, align="center"),
            Cell(str(line.abstain) if known else dash, align="center"),
            Cell(fmt.percent(line.votes_for, base) if known else dash, align="center"),
            Cell(tpl["passed"] if line.passed else tpl["failed"], align="center"),
        ))
    blocks.append(Table(tuple(Column(float(w)) for w in tpl["votes_widths_mm"]),
                        (tuple(Cell(h, bold=True, align="center")
                               for h in tpl["votes_columns"]),), tuple(rows)))
    required_key = f"required_{council.voting_method.value}" if council.voting_method \
        else "required"
    blocks.append(Paragraph.of(tpl.text(
        required_key, required=required, base=base,
        approval=fmt.percent_value(Fraction(rules.approval) * 100)), "note"))
    blocks.append(Paragraph.of(tpl["conclusion"], "center_bold"))
    if council.conclusion:
        blocks.append(Paragraph.of(council.conclusion))
    closing = tpl.text("closing", end=fmt.time_text(council.end_time)) if council.end_time \
        else str(tpl["closing_no_end"])
    blocks.append(Paragraph.of(closing))
    blocks.append(SignatureRow(
        left=SignatureColumn((tpl["sign_secretary"],), "", council.secretary),
        right=SignatureColumn((tpl["sign_chair"],), "", council.chair),
    ))
    return Document(spec.id, "council_minutes", spec.title, str(tpl["file_stem"]),
                    tuple(blocks), "portrait", tuple(n.id for n in ctx.nominees),
                    **ctx.doc_extras)


# ---------------------------------------------------------------- per-nominee documents


def in_sentence(ctx: Context, text: str) -> str:
    """A value printed after a comma: a place's common noun in lower case ("Xóm Pò Peo, xã
    …" → "xóm Pò Peo, xã …"); names of bodies and people keep their capitals. The nouns are
    template data (``[typography] place_nouns``)."""
    for noun in ctx.common["typography"]["place_nouns"]:
        if text.startswith(noun + " "):
            return fmt.lower_first(text)
    return text


def position_workplace(ctx: Context, n: AnyNominee) -> str:
    """"Nông dân, xóm Pò Peo, xã Đình Phong…": post, then the workplace inside the phrase."""
    parts = _unique([getattr(n, "position", ""), getattr(n, "workplace", "")])
    return ", ".join([parts[0], *(in_sentence(ctx, p) for p in parts[1:])]) if parts else ""


def _field_value(ctx: Context, n: AnyNominee, field: str) -> str:
    if field in ("birth_year", "head_birth_year"):
        value = getattr(n, field, None)
        return str(value) if value else ""
    if field in ("gender", "head_gender"):
        return ctx.gender(getattr(n, field, None))
    if field == "ethnicity":
        return ctx.ethnicity(getattr(n, "ethnicity", None))
    if field == "annual_income_vnd":
        value = getattr(n, field, None)
        return fmt.money(value) if value is not None else ""
    if field in ("staff_count", "members_count", "jobs_created"):
        value = getattr(n, field, None)
        return fmt.number(value) if value is not None else ""
    if field == "position_workplace":
        return position_workplace(ctx, n)
    value = getattr(n, field, "")
    return "" if value is None else str(value)


def _identity_blocks(ctx: Context, tpl: Template, n: AnyNominee) -> list[Block]:
    """The nominee's particulars, a line each, or (``fields_style = "inline"``) in one
    paragraph: "Họ và tên: …; Năm sinh: …; …"."""
    fields = tpl["fields"]
    ctype = getattr(n, "collective_type", None)
    spec = fields.get(f"{n.kind}_{ctype}") if ctype else None  # e.g. [fields] collective_hamlet
    pairs = [(label, value) for label, field in (spec or fields.get(n.kind, []))
             if (value := _field_value(ctx, n, field))]
    if tpl.get("fields_style") == "inline":
        if not pairs:
            return []
        spans: list[Span] = []
        for k, (label, value) in enumerate(pairs):
            spans += [Span(f"{label}:", bold=True),
                      Span(f" {value}{'.' if k == len(pairs) - 1 else '; '}")]
        return [Paragraph(tuple(spans), "body")]
    return [Paragraph.labelled(f"- {label}:", value, "item") for label, value in pairs]


def _criteria_blocks(ctx: Context, tpl: Template, n: AnyNominee) -> list[Block]:
    spec = ctx.pack.kind_spec(n.kind)
    if spec is None:
        return []
    out: list[Block] = [Paragraph.of(tpl["criteria_heading"], "heading")]
    c = ctx.common
    if tpl.get("criteria_style") == "brief":
        return out + _brief_criteria(ctx, tpl, spec, n)
    for i, criterion in enumerate(spec.criteria):
        answer = n.criteria.get(criterion.id)
        out.append(Paragraph.of(tpl.text("criterion", letter=ctx.letter(i), text=criterion.text),
                                "italic"))
        met = fmt_label(c, "met" if answer and answer.met else "not_met").lower()
        out.append(Paragraph.of(tpl.text("criterion_result", result=met)))
        if answer and answer.evidence:
            out.append(Paragraph.of(tpl.text("criterion_evidence", evidence=answer.evidence)))
        for figure in criterion.figures:
            if answer and figure.id in answer.figures:
                value = _figure_value(figure, answer.figures[figure.id])
                out.append(Paragraph.of("- " + tpl.text("figure", label=figure.label,
                                                        value=value), "item"))
    return out


def _figure_value(figure, value: float) -> str:
    """A criterion's figure as printed: "100%", "17 tiêu chí"."""
    number = fmt.number(value)
    return f"{number}{figure.unit}" if figure.unit == "%" else f"{number} {figure.unit}"


def _brief_criteria(ctx: Context, tpl: Template, spec, n: AnyNominee) -> list[Block]:
    """One paragraph per criterion: the start of its wording, the result, the evidence and
    the figures (a template's ``criteria_style = "brief"``: the one-page summary)."""
    out: list[Block] = []
    for i, criterion in enumerate(spec.criteria):
        answer = n.criteria.get(criterion.id)
        met = fmt_label(ctx.common, "met" if answer and answer.met else "not_met")
        details = [answer.evidence] if answer and answer.evidence else []
        for figure in criterion.figures:
            if answer and figure.id in answer.figures:
                value = _figure_value(figure, answer.figures[figure.id])
                details.append(tpl.text("figure", label=figure.label, value=value))
        out.append(Paragraph.of(tpl.text(
            "criterion_brief", letter=ctx.letter(i), text=clause(criterion.text),
            result=met.lower(), details=" ".join(
                d if d.endswith((".", "!", "?", "…")) else d + "." for d in details)),
            "body"))
    return out


def clause(text: str, limit: int = 90) -> str:
    """The first whole clause of a criterion's wording, never cut inside a phrase: up to the
    first ";" or ".", then back to the last "," within ``limit`` characters."""
    first = re.split(r"[;.](?:\s|$)", text.strip(), maxsplit=1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit].rfind(", ")
    return first[:cut] if cut > 20 else excerpt(first, limit)


def _short_period(start, end) -> str:
    """"10/01/2023 - 15/6/2023" (the one-page summary)."""
    if start and end and start != end:
        return f"{fmt.date_short(start)} - {fmt.date_short(end)}"
    return fmt.date_short(start or end)


def _period(ctx: Context, start, end) -> str:
    if start and end and start != end:
        return fmt_label(ctx.common, "period", start=fmt.date_long(start), end=fmt.date_long(end))
    return fmt.date_long(start or end)


def _contribution_blocks(ctx: Context, tpl: Template, n: AnyNominee) -> list[Block]:
    if not n.contributions:
        return []
    ct = tpl["contribution"]
    out: list[Block] = [Paragraph.of(tpl["contributions_heading"], "heading")]
    totals = {"workdays": 0.0, "money": 0, "land": 0.0}

    def amounts(workdays, money, land) -> str:
        parts = []
        if workdays:
            parts.append(ct["workdays"].format(value=fmt.number(workdays)))
        if money:
            parts.append(ct["money"].format(value=fmt.money(money)))
        if land:
            parts.append(ct["land"].format(value=fmt.number(land)))
        return "; ".join(parts)

    short = tpl.get("dates") == "short"
    lines = []
    for contribution in n.contributions:
        totals["workdays"] += contribution.workdays or 0
        totals["money"] += contribution.money_vnd or 0
        totals["land"] += contribution.land_m2 or 0
        day = fmt.date_short(contribution.date) if short else fmt.date_long(contribution.date)
        date = ct["date"].format(date=day) if contribution.date else ""
        lines.append(ct["line"].format(
            description=contribution.description, date=date,
            amounts=amounts(contribution.workdays, contribution.money_vnd,
                            contribution.land_m2)))
    if ct.get("inline"):  # one paragraph (the one-page summary): "a (…): x; b (…): y."
        joined = "; ".join(fmt.lower_first(line.rstrip(".")) for line in lines) + "."
        if len(n.contributions) > 1:
            joined += " " + ct["total"].format(
                amounts=amounts(totals["workdays"], totals["money"], totals["land"]))
        return [Paragraph((Span(tpl["contributions_heading"] + ": ", bold=True),
                           Span(fmt.lower_first(joined))), "plain")]
    out.extend(Paragraph.of(line, "item") for line in lines)
    if len(n.contributions) > 1:
        out.append(Paragraph.of(ct["total"].format(
            amounts=amounts(totals["workdays"], totals["money"], totals["land"])), "plain"))
    return out


def build_achievement_report(ctx: Context, spec: DocumentSpec, n: AnyNominee,
                             stem: str) -> Document:
    """Báo cáo thành tích (Mẫu số 07): sections I and II, signatures, footnote (1)."""
    tpl = ctx.template(spec)
    d, c = ctx.dossier, ctx.common
    award = ctx.award_form_name(n)
    collective = isinstance(n, Collective)
    header = _nominee_header(ctx, n, fmt.place_date(ctx.place, ctx.report_date))
    marker = str(tpl["footnote_marker"])
    sub = [ctx.display_name(n)]
    if isinstance(n, Individual) and (n.position or n.workplace):
        sub.append(position_workplace(ctx, n))
    subject = tpl.text("subject", award_form=fmt.upper(award)).split("\n")
    blocks: list[Block] = [
        header,
        Title((tpl["type_name"], *subject), tuple(sub), marker=marker),
        Paragraph.of(tpl["section_1_collective" if collective else "section_1_person"],
                     "heading"),
        *_identity_blocks(ctx, tpl, n),
        Paragraph.of(tpl["section_2"], "heading"),
    ]
    if n.summary:
        blocks += [Paragraph.of(tpl["summary_heading"], "heading"), Paragraph.of(n.summary)]
    blocks += _criteria_blocks(ctx, tpl, n)
    if n.achievements:
        blocks.append(Paragraph.of(tpl["achievements_heading"], "heading"))
        for i, a in enumerate(n.achievements):
            blocks.append(Paragraph.of(tpl.text("achievement", letter=ctx.letter(i),
                                                description=a.description), "plain"))
            if a.date_from or a.date_to:
                blocks.append(Paragraph.of("- " + tpl.text(
                    "achievement_period", period=_period(ctx, a.date_from, a.date_to)), "item"))
            if a.figures:
                blocks.append(Paragraph.of("- " + tpl.text("achievement_figures",
                                                           figures=a.figures), "item"))
            if a.evidence:
                blocks.append(Paragraph.of("- " + tpl.text("achievement_evidence",
                                                           evidence=a.evidence), "item"))
    blocks += _contribution_blocks(ctx, tpl, n)
    seal, name_note = fmt_label(c, "sign_seal"), fmt_label(c, "sign_name")
    blocks.append(Spacer(4))
    ctype = getattr(n, "collective_type", None)
    # The unit's head confirms unless the nominee has a unit of its own in between; the
    # submitting level (cấp trình khen thưởng) is the unit itself unless it only forwards.
    # One body never signs twice: when the confirming body is the submitting level, the
    # separate "cấp trình" box is left out.
    confirm_by_unit = not own_body_differs(ctx, n)
    separate_proposer = ctx.forwards or not confirm_by_unit
    unit_head = d.unit.head_name or ""
    if collective:
        right = tpl.get(f"sign_collective_right_{ctype}") or tpl["sign_collective_right"]
        blocks.append(SignatureRow(
            left=SignatureColumn(tuple(tpl["sign_collective_left"]), seal, unit_head),
            right=SignatureColumn(tuple(right), seal, n.head_name)))
    else:
        blocks.append(SignatureRow(
            left=SignatureColumn(tuple(tpl["sign_person_left"]), seal,
                                 unit_head if confirm_by_unit else ""),
            right=SignatureColumn(tuple(tpl["sign_person_right"]), name_note,
                                  nominee_name(n))))
    if separate_proposer:
        blocks.append(SignatureRow(center=SignatureColumn(tuple(tpl["sign_proposer"]), seal,
                                                          "")))
    blocks.append(Footnote(marker, tpl.text("footnote", award_form=award,
                                            campaign=ctx.pack.title)))
    return Document(spec.id, "achievement_report", f"{spec.title} – {ctx.display_name(n)}",
                    stem, tuple(blocks), "portrait", (n.id,), **ctx.doc_extras)


def build_achievement_summary(ctx: Context, spec: DocumentSpec, n: AnyNominee,
                              stem: str) -> Document:
    """Tóm tắt thành tích, signed by the proposing unit (workers, farmers, households…)."""
    tpl = ctx.template(spec)
    award = ctx.award_form_name(n)
    blocks: list[Block] = [
        _unit_header(ctx, "", fmt.place_date(ctx.place, ctx.report_date)),
        Title((tpl["type_name"],), (tpl.text("subject", award_form=award),
                                    ctx.display_name(n))),
        *_identity_blocks(ctx, tpl, n),
    ]
    inline = tpl.get("headings") == "inline"  # "1. Tóm tắt thành tích: …" in one paragraph
    if n.summary:
        if inline:
            blocks.append(Paragraph((Span(tpl["summary_heading"] + ": ", bold=True),
                                     Span(n.summary)), "plain"))
        else:
            blocks += [Paragraph.of(tpl["summary_heading"], "heading"), Paragraph.of(n.summary)]
    blocks += _criteria_blocks(ctx, tpl, n)
    if n.achievements:
        blocks.append(Paragraph.of(tpl["achievements_heading"], "heading"))
        for a in n.achievements:
            blocks.append(Paragraph.of(tpl.text(
                "achievement", description=a.description.rstrip(" ."),
                period=_short_period(a.date_from, a.date_to) if tpl.get("dates") == "short"
                else _period(ctx, a.date_from, a.date_to),
                figures=(a.figures or "…").rstrip(" ."),
                evidence=(a.evidence or "…").rstrip(" .")), "item"))
    blocks += _contribution_blocks(ctx, tpl, n)
    blocks.append(SignatureRow(right=_proposal_signature(ctx)))
    sizes = {k: float(v) for k, v in dict(tpl.get("sizes", {})).items()}
    return Document(spec.id, "achievement_summary", f"{spec.title} – {ctx.display_name(n)}",
                    stem, tuple(blocks), "portrait", (n.id,), **ctx.doc_extras, sizes=sizes)


# ---------------------------------------------------------------- the whole dossier


def build_documents(dossier: Dossier, pack: CampaignPack) -> list[Document]:
    """Every document of the dossier, in file order (01 tờ trình, 02 danh sách, 03 biên bản…).

    A unit's own Giấy khen round is built against the pack with its own rules applied, and
    its decision, list and certificates come from :mod:`desktop.documents.award_round`."""
    from desktop.documents.award_round import ROUND_BUILDERS
    from desktop.validation.award_round import round_pack

    pack = round_pack(pack, dossier)
    ctx = Context(dossier, pack)
    specs = [(s, ctx.template(s)) for s in pack.documents]
    kinds = {str(t["kind"]) for _, t in specs}
    out: list[tuple[int, int, Document]] = []
    stems: set[str] = set()
    for spec, tpl in specs:
        kind, order = str(tpl["kind"]), int(tpl.get("order", 9))
        if kind == "proposal":
            attach = bool(tpl.get("attach_list", False)) and "nomination_list" not in kinds
            out.append((order, 0, build_proposal(ctx, spec, attach_list=attach)))
        elif kind == "nomination_list":
            out.append((order, 0, build_nomination_list(ctx, spec)))
        elif kind == "council_minutes":
            out.append((order, 0, build_council_minutes(ctx, spec)))
        elif kind in ROUND_BUILDERS:
            out.append((order, 0, ROUND_BUILDERS[kind](ctx, spec)))
        else:
            builder = build_achievement_report if kind == "achievement_report" \
                else build_achievement_summary
            number = 0
            for i, n in enumerate(ctx.nominees):
                if spec.report_form is not None and n.report_form != spec.report_form:
                    continue
                number += 1
                out.append((order, i, builder(ctx, spec, n, _unique_stem(
                    nominee_stem(str(tpl["file_stem"]), number, nominee_name(n)), stems))))
    out.sort(key=lambda item: (item[0], item[1]))
    return [doc for _, _, doc in out]


def _unique_stem(stem: str, taken: set[str]) -> str:
    candidate, k = stem, 2
    while candidate in taken:
        candidate, k = f"{stem}_{k}", k + 1
    taken.add(candidate)
    return candidate
