"""The submission package (gói hồ sơ): export, verify and safely import one ZIP per dossier.

Public API::

    export_package(dossier, pack, out_dir, *, created_at=None, today=None, store=None,
                   pack_sha256=None, packs_dirs=(), formats=("pdf", "docx"), cancel=None,
                   signed_copies=None, final=False)
        -> ExportResult(path, size, sha256, manifest, findings, size_notes, final,
                        missing_signed)
    export_steps(...)        # the same as a generator of Progress (the GUI's job runner)
    verify_package(path, *, packs_dirs=()) -> VerifyReport(ok, problems, warnings, …)
    import_package(path, *, store=None, target_dir=None, packs_dirs=()) -> ImportResult
    ExportRefused / ImportRefused          # HosoError with the findings / problems
    SignedCopiesMissing                    # a final package without a required signed copy
    Manifest, FORMAT_VERSION, package_name, size_text

Layout of a package (format version 1), entries sorted by name, all at the root::

    01_ToTrinh.pdf, 01_ToTrinh.docx, 02_DanhSach.pdf, …   the documents (PDF + DOCX twin)
    01_ToTrinh_BanKy.pdf, …   signed copies (bản ký, đóng dấu, quét), when attached
    dossier.json        the dossier (desktop.dossierfile format)
    validation.json     the export's validation: every finding, pack id/version/SHA-256
    validation.pdf      the same result on one page, in Vietnamese
    manifest.json       see desktop.package.manifest

The manifest's JSON Schema is ``resources/schemas/package-manifest.schema.json``
(``python -m desktop.package`` regenerates it; a test checks it is current). Only this
package writes or reads packages; it uses ``documents`` to render and
``validation`` to check, and never imports Qt.
"""

from desktop.package.export import (
    ExportRefused,
    ExportResult,
    MissingSignedCopy,
    SignedCopiesMissing,
    export_package,
    export_steps,
    package_name,
    unit_stem,
)
from desktop.package.importer import ImportRefused, ImportResult, import_package
from desktop.package.manifest import FORMAT_VERSION, Manifest, ManifestFile, manifest_schema
from desktop.package.problems import Problem
from desktop.package.safety import LIMITS, Limits
from desktop.package.sizes import SizeNote, size_text
from desktop.package.verify import VerifyReport, verify_package

__all__ = [
    "FORMAT_VERSION",
    "LIMITS",
    "ExportRefused",
    "ExportResult",
    "ImportRefused",
    "ImportResult",
    "Limits",
    "Manifest",
    "ManifestFile",
    "MissingSignedCopy",
    "Problem",
    "SignedCopiesMissing",
    "SizeNote",
    "VerifyReport",
    "export_package",
    "export_steps",
    "import_package",
    "manifest_schema",
    "package_name",
    "size_text",
    "unit_stem",
    "verify_package",
]
