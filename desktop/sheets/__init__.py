"""Sheet import (nhập danh sách từ bảng tính): nominees or council members from .xlsx,
.xls, .ods (python-calamine) and .csv.

    sheet_names(path) / read_sheet(path, sheet)          the cells, merged ranges
    find_header(sheet, target) / header_at(sheet, row)    where the header is, its labels
    propose_mapping(header, target)                       column -> field from header names
    LayoutMemory().recall/remember(header, target, ...)   mappings confirmed per file layout
    plan_import(sheet, target, pack, ...) -> ImportPlan   the preview: each row as it becomes
    apply_plan(dossier, plan) -> Dossier                  the import (nothing written here)

Header names, genders, kinds and ethnic aliases are data: ``resources/sheets/columns.toml``.
"""

from desktop.sheets.columns import (
    IGNORE,
    TARGETS,
    Header,
    LayoutMemory,
    fields,
    find_header,
    fold_ascii,
    header_at,
    match_header,
    propose_mapping,
)
from desktop.sheets.reader import SUFFIXES, Sheet, read_sheet, sheet_names
from desktop.sheets.rows import (
    KINDS,
    ImportPlan,
    RowPreview,
    apply_plan,
    column_name,
    plan_import,
)

__all__ = ["IGNORE", "KINDS", "SUFFIXES", "TARGETS", "Header", "ImportPlan", "LayoutMemory",
           "RowPreview", "Sheet", "apply_plan", "column_name", "fields", "find_header",
           "fold_ascii", "header_at", "match_header", "plan_import", "propose_mapping",
           "read_sheet", "sheet_names"]
