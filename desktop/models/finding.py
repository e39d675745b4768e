"""A finding (kết quả kiểm tra) of the rule engine: what is wrong, where, and how to fix it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from desktop.models.base import Model, Text

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Finding(Model):
    """One result of a check.

    ``code`` is stable (tests and the GUI key on it); ``path`` points at the field
    (``nominees[2].birth_year``, ``council.votes``), ``nominee_id`` and ``document`` say
    which nominee and which document it concerns, so the GUI can jump there.
    """

    code: str
    severity: Severity
    path: str = ""
    nominee_id: str | None = None
    document: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    message_vi: Text
    message_en: Text
    hint_vi: Text = ""
    hint_en: Text = ""

    @property
    def blocking(self) -> bool:
        """Errors block the final export; warnings and info do not."""
        return self.severity == "error"
