"""Size report (báo cáo dung lượng): the package against the portal limits of the campaign pack.

Limits come from ``pack.portal`` (``max_file_mb``, ``max_package_mb``, ``accepted_extensions``);
``None`` means the limit is not known: nothing is checked and the summary says so. A file or
package over a limit is a warning; one above :data:`NEAR_SHARE` of it a notice, so the
secretary learns before the portal refuses the upload. Megabytes are decimal (1 MB =
1,000,000 bytes), the stricter reading of a portal's "10 MB".
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop import i18n
from desktop.models.campaign import PortalLimits

MB = 1_000_000
#: Share of a limit from which export warns that the limit is near.
NEAR_SHARE = 0.9


def size_text(size: int) -> str:
    """Bytes in Vietnamese notation: "1,2 MB", "0,3 MB", "856 KB" (below 100 KB)."""
    if size < 100_000:
        return f"{max(size, 0) / 1000:.0f} KB" if size >= 1000 else f"{size} B"
    return f"{size / MB:.1f}".replace(".", ",") + " MB"


def mb_text(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") + " MB"


@dataclass(frozen=True)
class SizeNote:
    """One line of the size report: ``code`` is a message key of ``package.size.*``."""

    code: str
    file: str = ""
    size: int = 0
    limit_mb: float | None = None
    extension: str = ""

    @property
    def is_warning(self) -> bool:
        return self.code in ("package.size.file_over", "package.size.package_over",
                             "package.size.extension")

    def message(self, lang: str | None = None) -> str:
        return i18n.t(self.code, lang, file=self.file, size=size_text(self.size),
                      limit=mb_text(self.limit_mb) if self.limit_mb is not None else "",
                      extension=self.extension)


def _against(code: str, file: str, size: int, limit_mb: float | None) -> SizeNote | None:
    if limit_mb is None:
        return None
    limit = limit_mb * MB
    if size > limit:
        return SizeNote(f"{code}_over", file, size, limit_mb)
    if size > NEAR_SHARE * limit:
        return SizeNote(f"{code}_near", file, size, limit_mb)
    return None


def check_files(limits: PortalLimits, files: list[tuple[str, int]]) -> list[SizeNote]:
    """Notes for the members (name, size) that will be uploaded one by one."""
    notes = []
    accepted = {e.lower().lstrip(".") for e in limits.accepted_extensions}
    for name, size in files:
        note = _against("package.size.file", name, size, limits.max_file_mb)
        if note:
            notes.append(note)
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if accepted and ext not in accepted:
            notes.append(SizeNote("package.size.extension", name, size, extension=ext))
    return notes


def check_package(limits: PortalLimits, name: str, size: int) -> list[SizeNote]:
    note = _against("package.size.package", name, size, limits.max_package_mb)
    return [note] if note else []


def unknown_limits(limits: PortalLimits) -> list[SizeNote]:
    """The limits the pack does not give (they were not checked)."""
    notes = []
    if limits.max_file_mb is None:
        notes.append(SizeNote("package.size.file_unknown"))
    if limits.max_package_mb is None:
        notes.append(SizeNote("package.size.package_unknown"))
    return notes
