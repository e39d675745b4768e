"""Problems found in a package (vấn đề của gói): a stable code, the entry it concerns, a sentence.

Every check of :mod:`desktop.package.safety`, :mod:`~desktop.package.verify` and the import
reports :class:`Problem` values; the sentence comes from ``resources/i18n/package.toml`` by
``code`` and always names the entry (``file``) when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from desktop import i18n

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem: ``code`` is a message key (``package.entry.traversal``)."""

    code: str
    file: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    level: Level = "error"

    def message(self, lang: str | None = None) -> str:
        return i18n.t(self.code, lang, file=self.file, **self.params)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "level": self.level, "file": self.file,
                "params": {k: v if isinstance(v, int | float | bool) else str(v)
                           for k, v in self.params.items()},
                "message_vi": self.message("vi"), "message_en": self.message("en")}
