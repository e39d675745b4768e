"""The campaign result report's deadline (hạn gửi báo cáo kết quả đợt thi đua).

Codes: ``deadline.result_report_due`` (info, up to the pack's ``result_report.deadline``) and
``deadline.result_report_late`` (warning, after it), both only while the dossier's report is
not marked sent (``ResultReport.sent_on``).
"""

from __future__ import annotations

import datetime as dt

from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.validation.messages import Reporter, fmt_date


def check(rep: Reporter, dossier: Dossier, today: dt.date) -> list[Finding]:
    if dossier.result_report.sent_on is not None:
        return []
    spec = rep.pack.result_report
    params = {"deadline": fmt_date(spec.deadline), "today": fmt_date(today),
              "addressee": spec.addressee, "title": spec.title}
    code = "deadline.result_report_late" if today > spec.deadline \
        else "deadline.result_report_due"
    return [rep.make(code, path="result_report.sent_on", document="result_report",
                     params=params)]
