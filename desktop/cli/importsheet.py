"""``hoso import-sheet SHEET --into FILE.json --as nominees|members --out NEW.json``.

Reads a spreadsheet (.xlsx, .xls, .ods, .csv), finds its header row (or ``--header-row N``),
maps columns to fields from their names (or ``--map COLUMN=field``: a column letter, number
or header name), prints each row that has something to say (legacy text repaired, a cell that
cannot be read, the findings it raises), and writes the dossier with the rows added to
``--out`` (the input file is never changed). Rows whose cells cannot be read, duplicates and
section lines are left out and named. Exit code 0 when every row went in, 1 when some were
left out for errors, 2 on bad input.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_BAD_INPUT, EXIT_ERRORS, EXIT_OK, finding_line
from desktop.errors import UserError
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import-sheet", help=t("cli.help.cmd_import_sheet"))
    parser.add_argument("sheet_file", metavar="SHEET", help=t("cli.help.sheet_file"))
    parser.add_argument("--into", required=True, help=t("cli.help.into"))
    parser.add_argument("--as", dest="target", required=True, help=t("cli.help.import_as"))
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help=t("cli.help.map"))
    parser.add_argument("--sheet", default=None, help=t("cli.help.sheet_name"))
    parser.add_argument("--header-row", type=int, default=None, help=t("cli.help.header_row"))
    parser.add_argument("--kind", default="individual", help=t("cli.help.kind"))
    parser.add_argument("--out", help=t("cli.help.out_file"))
    parser.add_argument("--dry-run", action="store_true", help=t("cli.help.dry_run"))
    parser.set_defaults(run=run)


def _column(spec: str, header, width: int) -> int:
    """A column named by letter ("C"), 1-based number ("3") or header label."""
    from desktop.sheets import column_name, fold_ascii

    raw = spec.strip()
    if raw.isdigit() and 1 <= int(raw) <= width:
        return int(raw) - 1
    letters = {column_name(c): c for c in range(width)}
    if raw.upper() in letters and raw.isalpha() and len(raw) <= 3:
        return letters[raw.upper()]
    folded = fold_ascii(raw)
    for c, label in enumerate(header.labels):
        if label and fold_ascii(label) == folded:
            return c
    names = [f"{column_name(c)} ({label})" if label else column_name(c)
             for c, label in enumerate(header.labels)]
    raise UserError("sheets.bad_column", column=raw, columns=", ".join(names))


def parse_maps(specs: list[str], header, width: int, target: str) -> dict[int, str]:
    from desktop.sheets import fields

    allowed = fields(target)
    out: dict[int, str] = {}
    for spec in specs:
        column, sep, fld = spec.rpartition("=")
        fld = fld.strip()
        if not sep or not column.strip() or fld not in allowed:
            raise UserError("sheets.bad_map", value=spec, fields=", ".join(allowed))
        out[_column(column, header, width)] = fld
    return out


def run(args: argparse.Namespace) -> int:
    from desktop.cli.common import load_dossier
    from desktop.dossierfile import write_dossier_file
    from desktop.sheets import (
        IGNORE,
        KINDS,
        TARGETS,
        apply_plan,
        column_name,
        find_header,
        header_at,
        plan_import,
        propose_mapping,
        read_sheet,
    )

    if args.target not in TARGETS:
        raise UserError("sheets.bad_target", value=args.target)
    if args.kind not in KINDS:
        raise UserError("sheets.cell.bad_kind", column="--kind", value=args.kind)
    if not args.out and not args.dry_run:
        raise UserError("cli.usage_error", detail="--out")
    dossier, pack, findings = load_dossier(args.into, args.packs_dir)
    if dossier is None:
        for finding in findings:
            print(finding_line(finding))
        return EXIT_BAD_INPUT
    sheet = read_sheet(args.sheet_file, args.sheet)
    if args.header_row is not None:
        if not 1 <= args.header_row <= len(sheet.rows):
            raise UserError("sheets.bad_header_row", value=args.header_row,
                            rows=len(sheet.rows))
        header = header_at(sheet, args.header_row - 1)
    else:
        header = find_header(sheet, args.target)
    mapping = propose_mapping(header, args.target)
    for col, fld in parse_maps(args.map, header, sheet.width, args.target).items():
        mapping = {c: f for c, f in mapping.items() if f != fld or fld == IGNORE}
        mapping[col] = fld
    plan = plan_import(sheet, args.target, pack, header=header, mapping=mapping,
                       kind=args.kind, dossier=dossier)
    shown = ", ".join(f"{column_name(c)}→{f}" for c, f in sorted(plan.mapping.items()))
    print(t("cli.import.mapping", sheet=sheet.name, row=header.row + 1, mapping=shown))
    for row in plan.rows:
        for message in row.messages():
            print(t("cli.import.row", row=row.number, message=message))
    counts = plan.counts()
    errors = sum(1 for r in plan.rows if r.skip and r.unreadable)
    imported = len(plan.chosen())
    if args.dry_run:
        print(t("cli.import.summary_dry", imported=imported, skipped=counts["skipped"],
                errors=errors))
    else:
        write_dossier_file(apply_plan(dossier, plan), args.out)
        print(t("cli.import.summary", imported=imported, skipped=counts["skipped"],
                errors=errors, file=args.out))
    return EXIT_ERRORS if errors else EXIT_OK
