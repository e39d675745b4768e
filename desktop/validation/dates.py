"""Dates: the upload window, the proposal's date, the council meeting's date.

Codes: ``deadline.upload_not_open``, ``deadline.upload_closed``,
``proposal.date_after_window``, ``proposal.date_before_period_end``,
``council.meeting_date``, ``proposal.report_after_council``, ``dossier.pack_mismatch``,
``dossier.pack_version``, ``plan.number_unknown``.
All dates come from the pack (``achievement_period``, ``upload_window``).
"""

from __future__ import annotations

import datetime as dt

from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.validation.messages import Reporter, fmt_date


def check_pack(rep: Reporter, dossier: Dossier) -> list[Finding]:
    pack = rep.pack
    if dossier.pack.id != pack.id:
        return [rep.make("dossier.pack_mismatch", path="pack.id",
                         params={"dossier_pack": dossier.pack.id, "pack": pack.id,
                                 "pack_title": pack.short_title})]
    if dossier.pack.version != pack.version:
        return [rep.make("dossier.pack_version", path="pack.version",
                         params={"dossier_version": dossier.pack.version,
                                 "version": pack.version, "pack_title": pack.short_title})]
    return []


def check_plan(rep: Reporter) -> list[Finding]:
    """``plan.number_unknown``: the pack does not know the campaign plan's number or date, so
    every document citing the plan as a legal basis (căn cứ) prints a line to fill by hand."""
    plan = rep.pack.plan
    if plan.number and plan.date is not None:
        return []
    missing = [k for k, v in (("number", plan.number), ("date", plan.date)) if not v]
    return [rep.make("plan.number_unknown", path="pack.plan",
                     params={"title": plan.title, "issuer": plan.issuer, "missing": missing,
                             "pack_title": rep.pack.short_title})]


def check(rep: Reporter, dossier: Dossier, today: dt.date) -> list[Finding]:
    pack = rep.pack
    window, period = pack.upload_window, pack.achievement_period
    base = {"window_start": fmt_date(window.start), "window_end": fmt_date(window.end),
            "period_start": fmt_date(period.start), "period_end": fmt_date(period.end),
            "today": fmt_date(today), "channel": pack.upload_channel}
    out: list[Finding] = []
    if today < window.start:
        out.append(rep.make("deadline.upload_not_open", params=base))
    elif today > window.end:
        out.append(rep.make("deadline.upload_closed", params=base))
    signed = dossier.proposal.date
    if signed is not None:
        if signed > window.end:
            out.append(rep.make("proposal.date_after_window", path="proposal.date",
                                params={**base, "date": fmt_date(signed)}))
        elif signed < period.end:
            out.append(rep.make("proposal.date_before_period_end", path="proposal.date",
                                params={**base, "date": fmt_date(signed)}))
    met = dossier.council.date
    if met is not None:
        if signed is not None and met > signed:
            out.append(rep.make("council.meeting_date", path="council.date",
                                message="council.meeting_date_after_proposal",
                                params={**base, "reason": "after_proposal",
                                        "date": fmt_date(met),
                                        "proposal_date": fmt_date(signed)}))
        elif met > window.end:
            out.append(rep.make("council.meeting_date", path="council.date",
                                message="council.meeting_date_after_window",
                                params={**base, "reason": "after_window",
                                        "date": fmt_date(met)}))
        reported = dossier.proposal.report_date
        if reported is not None and reported > met:
            # a report is written before the council that considers it
            out.append(rep.make("proposal.report_after_council", path="proposal.report_date",
                                params={**base, "date": fmt_date(reported),
                                        "council_date": fmt_date(met)}))
    return out
