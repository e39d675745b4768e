"""What the per-nominee rules share: the nominee, where it sits, its kind spec, its label."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models.campaign import CampaignPack, NomineeKindSpec
from desktop.models.finding import Finding
from desktop.models.nominee import nominee_name
from desktop.validation.messages import Reporter, subject


@dataclass(slots=True)
class NomineeContext:
    """One nominee under check; ``path`` is ``nominees[i]``, ``who`` its (vi, en) designation."""

    rep: Reporter
    pack: CampaignPack
    nominee: Any
    index: int
    spec: NomineeKindSpec | None
    path: str
    who: tuple[str, str]

    @classmethod
    def of(cls, rep: Reporter, nominee: Any, index: int) -> NomineeContext:
        pack = rep.pack
        return cls(rep, pack, nominee, index, pack.kind_spec(nominee.kind),
                   f"nominees[{index}]", subject(nominee, index))

    @property
    def report_document(self) -> str:
        """The nominee's achievement document id: the Mẫu 07 report or the summary."""
        return "achievement_summary" if self.nominee.report_form == "summary" \
            else "achievement_report"

    def make(self, code: str, field: str = "", *, texts: dict | None = None,
             **kwargs: Any) -> Finding:
        """A finding about this nominee; ``field`` is appended to its path."""
        path = f"{self.path}.{field}" if field else self.path
        all_texts = {"who": self.who, **(texts or {})}
        params = {"name": nominee_name(self.nominee), "kind": str(self.nominee.kind),
                  **kwargs.pop("params", {})}
        return self.rep.make(code, path=path, nominee_id=self.nominee.id, params=params,
                             texts=all_texts, **kwargs)

