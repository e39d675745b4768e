"""``hoso report FILE.json --out DIR [--format pdf|docx|both] [--with OTHER.json ...]``.

Writes the campaign result report (báo cáo kết quả đợt thi đua) of the dossier's unit, with
its figures and charts. A district adds the commune dossiers it received with ``--with``: the
figures are summed and the contributions are charted per commune. Exit code 0 with the list
of written files (a dossier that still has errors gets a draft, watermarked on every page);
1 when a dossier has malformed fields (printed as ``hoso validate`` prints
them); 2 on bad input. Files are written atomically (temporary name, then rename).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    finding_line,
    load_dossier,
    summary,
)
from desktop.cli.render import FORMATS, write_rendered
from desktop.errors import UserError
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help=t("cli.help.cmd_report"))
    parser.add_argument("file", help=t("cli.help.file"))
    parser.add_argument("--out", required=True, help=t("cli.help.out"))
    parser.add_argument("--format", choices=tuple(FORMATS), default="pdf",
                        help=t("cli.help.render_format"))
    parser.add_argument("--with", dest="others", action="append", default=[],
                        metavar="OTHER.json", help=t("cli.help.report_with"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.documents import render_result_report

    dossiers = []
    pack = None
    for path in [args.file, *args.others]:
        dossier, dossier_pack, findings = load_dossier(path, args.packs_dir)
        if dossier is None:  # malformed fields: nothing can be counted
            for finding in findings:
                print(finding_line(finding))
            print(summary(findings))
            return EXIT_BAD_INPUT  # the input cannot be read as a dossier (README: exit codes)
        if pack is None:
            pack = dossier_pack
        elif dossier_pack.id != pack.id:
            raise UserError("cli.report_other_pack", file=str(path), pack=dossier_pack.id,
                            expected=pack.id)
        dossiers.append(dossier)
    # A dossier that still has errors gets a draft report: every page carries the preview
    # watermark, as its other documents do ("BẢN XEM TRƯỚC – HỒ SƠ CÒN LỖI").
    from desktop.documents import watermark_text
    from desktop.validation import validate

    draft = any(f.blocking for d in dossiers for f in validate(d, pack))
    mark = watermark_text(pack) if draft else None
    if draft:
        print(t("cli.report_draft"))
    folder = Path(args.out)
    lines = []
    for fmt in FORMATS[args.format]:
        lines.append(write_rendered(folder, render_result_report(dossiers, pack, fmt=fmt,
                                                                 watermark=mark)))
    print(t("cli.render_written", count=len(lines), folder=str(folder)))
    print("\n".join(lines))
    return EXIT_OK
