"""``hoso pack check DIR``: is a pack folder ready to publish (kiểm tra gói đợt thi đua)?

Loads the pack with its regime (schema and cross references of the model), then checks
what the schema cannot: every document's template resolves (shipped, the regime's or the
pack's own) and which templates are unconfirmed; routing follows the regime's levels
(a preparer's dossier reaches a submitter); report forms and documents match; pick lists
and required fields resolve; no ended level ("huyện") in a two-tier pack's wording. Lists
every unconfirmed item (``source = "unknown: …"``/``"example: …"``, unconfirmed templates).
Finally a sample dossier built from the rules (:mod:`desktop.packs.sample`) is validated
and rendered.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from desktop.errors import HosoError
from desktop.i18n import get_language, t
from desktop.models import CampaignPack, Dossier

Level = Literal["error", "warning", "unconfirmed"]
UNSURE_PREFIXES = ("unknown", "example")


@dataclass(frozen=True)
class CheckItem:
    level: Level
    text: str  # in the current language
    where: str = ""  # the pack/regime field path, when there is one


@dataclass
class CheckReport:
    path: Path
    pack: CampaignPack | None = None
    items: list[CheckItem] = field(default_factory=list)
    sample: Dossier | None = None
    sample_findings: list = field(default_factory=list)
    rendered: list = field(default_factory=list)  # RenderedDocument of the sample

    @property
    def ok(self) -> bool:
        return not any(i.level == "error" for i in self.items)

    def of(self, level: Level) -> list[CheckItem]:
        return [i for i in self.items if i.level == level]

    def add(self, level: Level, key: str, where: str = "", **params: Any) -> None:
        self.items.append(CheckItem(level, t(f"packcheck.{key}", **params), where))


def _unsure_sources(value: Any, path: str):
    """(path, text) of every ``source`` saying "unknown: …" or "example: …"."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "source" and isinstance(item, str) and item.split(":")[0].strip(
                    ).lower() in UNSURE_PREFIXES:
                yield path or "(gốc)", item
            elif not isinstance(item, str):
                yield from _unsure_sources(item, f"{path}.{name}" if path else name)
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from _unsure_sources(item, f"{path}[{getattr(item, 'id', i)}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unsure_sources(item, f"{path}[{key}]")


def _unwrap(annotation):
    """The model class behind ``X``, ``X | None``, ``tuple[X, ...]``, or None."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _resolves(model: type[BaseModel], dotted: str) -> bool:
    """Whether ``unit.name``-style ``dotted`` is a field path of ``model``."""
    current: type[BaseModel] | None = model
    for part in dotted.split("."):
        if current is None or part not in current.model_fields:
            return False
        current = _unwrap(current.model_fields[part].annotation)
    return True


def _template_found(template_id: str, pack_dir: Path) -> bool:
    """Whether the template file is where this pack's documents will look for it: shipped
    (resources/templates, resources/regimes/templates) or in the pack's own templates/."""
    from desktop.documents.templates import templates_dir
    from desktop.packs.regimes import regimes_dir

    name = f"{template_id}.toml"
    return any((folder / name).is_file() for folder in (
        templates_dir(), regimes_dir() / "templates", pack_dir / "templates"))


def _check_templates(report: CheckReport, pack: CampaignPack) -> None:
    from desktop.documents.templates import TemplateError, template

    for i, doc in enumerate(pack.documents):
        if not doc.template:
            continue
        where = f"documents[{i}].template"
        if not _template_found(doc.template, report.path.parent):
            report.add("error", "template_missing", where, document=doc.id,
                       template=doc.template)
            continue
        try:
            tpl = template(doc.template, pack.legal_regime)
        except TemplateError as exc:
            report.add("error", "template_broken", where, document=doc.id, reason=exc.message())
            continue
        if doc.per_nominee and tpl.get("kind") not in ("achievement_report",
                                                        "achievement_summary"):
            report.add("warning", "template_kind", where, document=doc.id,
                       template=doc.template, kind=str(tpl.get("kind")))
        ref = pack.document_template(doc)
        if ref is not None and ref.status == "unconfirmed":
            report.add("unconfirmed", "template_unconfirmed", where, document=doc.title,
                       template=ref.id, version=ref.version, title=ref.title,
                       source=ref.source or "—")


def _check_own_templates(report: CheckReport) -> None:
    """A pack's own template must not reuse the id of a shipped one (ids are global)."""
    from desktop.documents.templates import templates_dir
    from desktop.packs.regimes import regimes_dir

    for path in sorted((report.path.parent / "templates").glob("*.toml")):
        for shipped in (templates_dir(), regimes_dir() / "templates"):
            if (shipped / path.name).is_file():
                report.add("error", "template_shadowed", f"templates/{path.name}",
                           template=path.stem, shipped=str(shipped / path.name))


def _check_routing(report: CheckReport, pack: CampaignPack) -> None:
    regime = pack.regime
    if regime is None:
        return
    for i, rule in enumerate(pack.routing_rules):
        submit_levels = {regime.unit_kind(k).level for k in rule.submitter_unit_kinds
                         if regime.unit_kind(k)}
        for kind in rule.preparer_unit_kinds:
            kr = regime.unit_kind(kind)
            if kr and not submit_levels & set(regime.chain(kr.level)[1:]):
                report.add("error", "routing_levels", f"routing_rules[{i}]", rule=rule.id,
                           kind=str(kind), route=" → ".join(regime.chain(kr.level)),
                           levels=", ".join(sorted(submit_levels)))


def _check_forms(report: CheckReport, pack: CampaignPack) -> None:
    docs = {d.report_form for d in pack.documents if d.per_nominee and d.report_form}
    offered = {f for s in pack.nominee_kinds for f in s.report_forms}
    for form in sorted(offered - docs):
        report.add("error", "form_without_document", "documents", form=form)
    for form in sorted(docs - offered):
        report.add("warning", "document_without_form", "documents", form=form)
    kinds = {s.kind for s in pack.nominee_kinds}
    for section in ("award_forms", "priority_groups", "summary_eligibility"):
        for i, item in enumerate(getattr(pack, section)):
            for kind in item.nominee_kinds:
                if kind not in kinds:
                    report.add("warning", "unknown_kind", f"{section}[{i}]", kind=str(kind))
    ethnic = {g.id for g in pack.ethnic_groups}
    for code in pack.ethnic_common:
        if code not in ethnic:
            report.add("error", "unknown_ethnic", "ethnic_common", code=code)
    for dotted in pack.dossier_required_fields:
        if not _resolves(Dossier, dotted):
            report.add("error", "unknown_field", "dossier_required_fields", field=dotted)


def _check_wording(report: CheckReport, pack: CampaignPack) -> None:
    """No ended level ("huyện") in what a two-tier pack prints or says about routing."""
    regime = pack.regime
    words = [w for lv in (regime.ended_levels() if regime else ()) for w in lv.unit_words]
    if not words:
        return
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)",
                         re.IGNORECASE)
    texts = [(f"routing_rules[{r.id}].text", r.text) for r in pack.routing_rules]
    texts += [(f"quota_rules[{r.id}].text", r.text) for r in pack.quota_rules]
    texts += [(f"collective_types[{c.id}].label", c.label) for c in pack.collective_types]
    texts += [(f"documents[{d.id}].title", d.title) for d in pack.documents]
    texts += [("plan.grounds", g) for g in pack.plan.grounds]
    texts += [("summary_eligibility.text", s.text) for s in pack.summary_eligibility]
    for where, text in texts:
        match = pattern.search(text)
        if match:
            report.add("warning", "ended_level", where, word=match.group(1), text=text[:80])


def _render_sample(report: CheckReport, pack: CampaignPack, out: Path | None) -> None:
    from desktop.documents import render_dossier
    from desktop.packs.sample import sample_dossier

    dossier, findings = sample_dossier(pack)
    report.sample, report.sample_findings = dossier, findings
    for f in findings:
        if f.severity != "info":
            report.add("warning", "sample_finding", f.path, code=f.code,
                       message=getattr(f, f"message_{get_language()}", f.message_vi))
    blocking = any(f.blocking for f in findings)
    try:
        rendered = render_dossier(dossier, pack, preview=blocking,
                                  today=pack.upload_window.start)
    except HosoError as exc:
        report.add("error", "sample_render", "", reason=exc.message())
        return
    report.rendered = rendered
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for doc in rendered:
            (out / doc.file_name).write_bytes(doc.data)


def check_pack_dir(folder: Path | str, *, out: Path | None = None,
                   render: bool = True) -> CheckReport:
    """Check the pack in ``folder`` (the folder holding ``pack.toml``, or the file)."""
    from desktop.packs import PACK_FILE, load_pack_file

    path = Path(folder)
    if path.is_dir():
        path = path / PACK_FILE
    report = CheckReport(path)
    try:
        pack = load_pack_file(path)
    except HosoError as exc:
        report.items.append(CheckItem("error", exc.message()))
        return report
    report.pack = pack
    used = {f"regime.templates[{d.template}]" for d in pack.documents if d.template}
    for where, text in _unsure_sources(pack.regime, "regime"):
        if where not in used:  # a template the documents use is listed with them below
            report.add("unconfirmed", "source", where, source=text)
    # What the pack took from its regime is listed once, under the regime.
    own = pack.model_copy(update={"regime": None})
    if pack.regime is not None and pack.council == pack.regime.council:
        own = own.model_copy(update={"council": own.council.model_copy(update={"source": ""})})
    for where, text in _unsure_sources(own, ""):
        report.add("unconfirmed", "source", where, source=text)
    _check_own_templates(report)
    _check_templates(report, pack)
    _check_routing(report, pack)
    _check_forms(report, pack)
    _check_wording(report, pack)
    if render and report.ok:
        _render_sample(report, pack, out)
    return report
