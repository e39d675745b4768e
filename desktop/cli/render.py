"""``hoso render FILE.json --out DIR [--format pdf|docx|both] [--preview] [--today DATE]``.

Writes the dossier's documents (tờ trình, danh sách, biên bản, báo cáo/tóm tắt thành tích).
Exit code 0 with the list of written files; 1 when final rendering is refused because the
dossier has errors (they are printed as ``hoso validate`` prints them); 2 on bad input.
Each file is written to a temporary name in the target folder, then renamed into place.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_ERRORS,
    EXIT_OK,
    finding_line,
    load_dossier,
    parse_date,
    summary,
)
from desktop.fsutil import write_atomic
from desktop.i18n import t

FORMATS = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("render", help=t("cli.help.cmd_render"))
    parser.add_argument("file", help=t("cli.help.file"))
    parser.add_argument("--out", required=True, help=t("cli.help.out"))
    parser.add_argument("--format", choices=tuple(FORMATS), default="pdf",
                        help=t("cli.help.render_format"))
    parser.add_argument("--preview", action="store_true", help=t("cli.help.render_preview"))
    parser.add_argument("--today", type=parse_date, help=t("cli.help.today"))
    parser.set_defaults(run=run)




def write_rendered(folder: Path, rendered) -> str:
    """Write one rendered document atomically; the console line that says so."""
    write_atomic(folder / rendered.file_name, rendered.data)
    kb = f"{len(rendered.data) / 1024:.0f}"
    if rendered.page_count is None:
        return t("cli.render_line_docx", file=rendered.file_name, title=rendered.title_vi,
                 kb=kb)
    return t("cli.render_line", file=rendered.file_name, title=rendered.title_vi,
             pages=rendered.page_count, kb=kb)


def run(args: argparse.Namespace) -> int:
    from desktop.documents import build_documents, check_renderable, render_document, watermark_text

    dossier, pack, findings = load_dossier(args.file, args.packs_dir)
    if dossier is None:  # malformed fields: nothing can be laid out
        for finding in findings:
            print(finding_line(finding))
        print(summary(findings))
        return EXIT_BAD_INPUT  # the input cannot be read as a dossier (README: exit codes)
    from desktop.documents import DocumentsRefused

    try:
        findings = check_renderable(dossier, pack, preview=args.preview, today=args.today)
    except DocumentsRefused as exc:
        from desktop.validation import validate

        for finding in validate(dossier, pack, today=args.today):
            print(finding_line(finding))
        print(exc.message())
        print(t("cli.render_refused"))
        return EXIT_ERRORS
    mark = watermark_text(pack) if args.preview else None
    folder = Path(args.out)
    lines = []
    documents = build_documents(dossier, pack)
    for fmt in FORMATS[args.format]:
        for document in documents:
            rendered = render_document(document, pack, fmt=fmt, watermark=mark)
            lines.append(write_rendered(folder, rendered))
    print(t("cli.render_written", count=len(lines), folder=str(folder)))
    print("\n".join(lines))
    errors = sum(1 for f in findings if f.blocking)
    if args.preview and errors:
        print(t("cli.render_preview_note", errors=errors))
    return EXIT_OK
