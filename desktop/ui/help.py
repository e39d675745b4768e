"""Help per step (trợ giúp): F1 or "?" opens the current step's page from
``resources/help/<step>.<lang>.md`` (what the step is for, what the province checks, a
filled-in example), with the campaign's own texts (criteria, quotas, dates, the council's
rule) filled in from the pack: ``{campaign}``, ``{period}``, ``{upload_window}``,
``{criteria}``, ``{quotas}``, ``{council_rule}``, ``{report_deadline}``, ``{province}``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import i18n
from desktop.paths import resources_dir
from desktop.ui.qt_i18n import tr


def help_dir() -> Path:
    return resources_dir() / "help"


def _date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def pack_texts(pack) -> dict[str, str]:
    """The campaign's own texts, as Markdown pieces for the help pages."""
    en = i18n.get_language() == "en"
    criteria = []
    for spec in pack.nominee_kinds:
        label = spec.label_en if en and spec.label_en else spec.label
        criteria.append(f"**{label}**\n")
        criteria += [f"{i}. {c.text}" for i, c in enumerate(spec.criteria, 1)]
        criteria.append("")
    quotas = [f"- {q.text}" for q in pack.quota_rules if q.text]
    return {
        "campaign": pack.title,
        "province": pack.province,
        "period": f"{_date(pack.achievement_period.start)} – {_date(pack.achievement_period.end)}",
        "upload_window": f"{_date(pack.upload_window.start)} – {_date(pack.upload_window.end)}",
        "criteria": "\n".join(criteria),
        "quotas": "\n".join(dict.fromkeys(quotas)),
        "council_rule": pack.council.rule_text,
        "report_deadline": _date(pack.result_report.deadline),
    }


def help_text(step: str, pack=None, lang: str | None = None) -> str:
    """The Markdown of a step's help page in ``lang`` (Vietnamese when missing)."""
    lang = lang or i18n.get_language()
    path = help_dir() / f"{step}.{lang}.md"
    if not path.is_file():
        path = help_dir() / f"{step}.vi.md"
    text = path.read_text(encoding="utf-8")
    if pack is not None:
        for key, value in pack_texts(pack).items():
            text = text.replace("{" + key + "}", value)
    return text


class HelpDialog(QDialog):
    def __init__(self, step: str, pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(tr("ui.help.title", step=tr(f"ui.step.{step}")))
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(help_text(step, pack))
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(720, 560)


def show_step_help(window, step: str) -> HelpDialog:
    session = getattr(window, "session", None)
    dialog = HelpDialog(step, session.pack if session is not None else None, window)
    dialog.setModal(False)
    dialog.show()
    window._help_dialog = dialog  # kept while open
    return dialog
