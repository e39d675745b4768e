"""``manifest.json`` (bản kê gói): what a package holds, with a SHA-256 and size per file.

The manifest is the package's table of contents and its seal: the app and pack versions it
was made with (the pack file's SHA-256 too), the unit, the dossier id and revision, the time
it was made, and for every other member its path, Vietnamese title, media type, size and
SHA-256. The manifest does not list itself. A signed copy (bản ký, đóng dấu, quét) of a
document is a member of kind ``signed_copy`` whose ``signed_copy`` names the generated file
it belongs to, its document (and nominee) id and its pages; ``final: true`` marks a package
for upload, in which every document the pack marks ``signed_copy_required`` has one. These
fields are written only when used, so a package without them reads as before; so is
``sources``, the received packages (SHA-256, unit, nominees, files copied) the nominees of a
consolidated dossier came from. Its JSON
Schema is generated from :class:`Manifest` into ``resources/schemas/package-manifest.schema.json``::

    python -m desktop.package            # rewrite the schema file
    python -m desktop.package --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from desktop.models.base import Model

#: Version of the package layout; a reader refuses versions it does not know.
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DOSSIER_NAME = "dossier.json"
REPORT_JSON_NAME = "validation.json"
REPORT_PDF_NAME = "validation.pdf"
JSON_TYPE = "application/json"
SCHEMA_FILE = "package-manifest.schema.json"
SIGNED_COPY_KIND = "signed_copy"
#: Suffix of a signed copy's file: ``01_ToTrinh.pdf`` → ``01_ToTrinh_BanKy.pdf`` (bản ký).
SIGNED_COPY_SUFFIX = "_BanKy"

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
#: A member path as HoSo writes them: short ASCII, no spaces, no folders.
MemberPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
FileKind = Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]


class AppInfo(Model):
    name: Literal["HoSo"] = "HoSo"
    version: str


class PackInfo(Model):
    """The campaign pack the dossier was checked with, and the SHA-256 of its file."""

    id: str
    version: str
    sha256: Sha256


class UnitInfo(Model):
    name: str
    kind: str | None = None


class DossierInfo(Model):
    id: str
    revision: int = Field(ge=0)
    title: str = ""


class SignedCopyInfo(Model):
    """What a ``signed_copy`` member is the signed copy of."""

    of: MemberPath  # the generated file (PDF) of the document
    document_id: str
    nominee_id: str | None = None  # per-nominee documents
    page_count: int = Field(ge=1)


class SourcePackage(Model):
    """A received package some nominees of a consolidated dossier came from (gói nguồn):
    its SHA-256 as received, the sending unit and dossier revision, the nominees taken (ids
    in this dossier) and the members of this package copied from it."""

    package_sha256: Sha256
    package_name: str = ""
    unit_name: str
    dossier_id: str
    revision: int = Field(ge=0)
    nominee_ids: tuple[str, ...] = ()
    files: tuple[MemberPath, ...] = ()


class ManifestFile(Model):
    """One member of the package."""

    path: MemberPath
    title_vi: str
    kind: FileKind  # a document kind (proposal, achievement_report…), dossier, validation
    media_type: str
    size: int = Field(ge=0)
    sha256: Sha256
    signed_copy: SignedCopyInfo | None = None  # only on members of kind "signed_copy"


class Manifest(Model):
    """The content of ``manifest.json``."""

    format_version: Literal[1] = FORMAT_VERSION
    app: AppInfo
    pack: PackInfo
    unit: UnitInfo
    dossier: DossierInfo
    created_at: AwareDatetime
    files: tuple[ManifestFile, ...]
    final: bool = False  # the upload package: every required signed copy is present
    #: consolidated dossiers only: the received packages its taken nominees came from
    sources: tuple[SourcePackage, ...] = ()

    def file(self, path: str) -> ManifestFile | None:
        return next((f for f in self.files if f.path == path), None)

    @property
    def signed_copies(self) -> list[ManifestFile]:
        return [f for f in self.files if f.signed_copy is not None]


def signed_copy_name(file_stem: str) -> str:
    """The file name of a document's signed copy: ``<file stem>_BanKy.pdf``."""
    return f"{file_stem}{SIGNED_COPY_SUFFIX}.pdf"


def manifest_bytes(manifest: Manifest) -> bytes:
    """The canonical text: UTF-8, indented, fields in model order, trailing newline. The
    signed-copy fields are left out while unused (``final`` false, no ``signed_copy``)."""
    data = manifest.model_dump(mode="json")
    if not data["final"]:
        del data["final"]
    if not data["sources"]:
        del data["sources"]
    for entry in data["files"]:
        if entry["signed_copy"] is None:
            del entry["signed_copy"]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def manifest_schema() -> dict[str, Any]:
    from desktop.schemas import model_schema

    schema = model_schema(Manifest)
    schema["title"] = "HoSo package manifest"
    return schema


def schema_text() -> str:
    from desktop.schemas import render

    return render(manifest_schema())


def schema_path() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "schemas" / SCHEMA_FILE


def vietnam_time(value: dt.datetime | None = None) -> dt.datetime:
    """``value`` (naive = Vietnam local time) or now, at +07:00, to the second."""
    tz = dt.timezone(dt.timedelta(hours=7))
    if value is None:
        value = dt.datetime.now(tz)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(tz).replace(microsecond=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.package")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    path, text = schema_path(), schema_text()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path} is out of date: run python -m desktop.package")
            return 1
        return 0
    path.write_text(text, encoding="utf-8", newline="\n")
    print(path)
    return 0

