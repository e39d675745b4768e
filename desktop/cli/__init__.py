"""The ``hoso`` command: the GUI by default, and headless commands for scripts and tests.

    hoso [--demo]                       start the app (on a copy of the demo data)
    hoso demo --out DIR                 write the built-in demo dossiers as JSON
    hoso validate FILE.json [--json]    check a dossier: exit 0 clean, 1 errors, 2 bad input
    hoso packs [--json]                 list installed campaign packs

Every message comes from the catalogs in ``resources/i18n`` (Vietnamese by default). Bad
input ends with one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__, i18n
from desktop.errors import HosoError, UserError
from desktop.i18n import t

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2
ENV_LANG = "HOSO_LANG"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the current language and exits with 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError("cli.usage_error", detail=message)


def _language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get(ENV_LANG, i18n.DEFAULT_LANGUAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hoso", description=t("cli.help.description"))
    parser.add_argument("--version", action="version", version=f"HoSo {__version__}",
                        help=t("cli.help.version"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None, help=t("cli.help.lang"))
    parser.add_argument("--data-dir", help=t("cli.help.data_dir"))
    parser.add_argument("--packs-dir", action="append", default=[], help=t("cli.help.packs_dir"))
    parser.add_argument("--demo", action="store_true", help=t("cli.help.demo_flag"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo", help=t("cli.help.cmd_demo"))
    demo.add_argument("--out", required=True, help=t("cli.help.out"))

    validate = sub.add_parser("validate", help=t("cli.help.cmd_validate"))
    validate.add_argument("file", help=t("cli.help.file"))
    validate.add_argument("--json", action="store_true", help=t("cli.help.json"))
    validate.add_argument("--today", type=_parse_date, help=t("cli.help.today"))

    packs = sub.add_parser("packs", help=t("cli.help.cmd_packs"))
    packs.add_argument("--json", action="store_true", help=t("cli.help.json"))
    return parser


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UserError("cli.bad_date", value=value) from exc


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Windows consoles default to a code page
    lang = _language(argv)
    i18n.set_language(lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    try:
        args = build_parser().parse_args(argv)
        if args.lang:
            i18n.set_language(args.lang)
        command = {"demo": cmd_demo, "validate": cmd_validate, "packs": cmd_packs}.get(
            args.command, cmd_gui)
        return command(args)
    except HosoError as exc:
        print(exc.message(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130


# ---------------------------------------------------------------- commands


def cmd_gui(args: argparse.Namespace) -> int:
    """Start the desktop app; until it ships, say so and show the demo on the console."""
    try:
        from desktop.ui.app import run_app
    except ModuleNotFoundError as exc:
        if exc.name not in ("desktop.ui", "desktop.ui.app"):
            raise
    else:
        return run_app(args)
    print(t("cli.gui_not_ready"))
    if args.demo:
        from desktop.paths import data_dir

        return _write_demo(data_dir(args.data_dir) / "demo", args.packs_dir)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    return _write_demo(Path(args.out), args.packs_dir)


def _write_demo(folder: Path, packs_dirs: Sequence[str]) -> int:
    from desktop.demo import demo_dossiers
    from desktop.dossierfile import write_dossier_file
    from desktop.packs import load_pack
    from desktop.validation import validate

    dossiers = demo_dossiers()
    lines = []
    for dossier in dossiers:
        try:
            path = write_dossier_file(dossier, folder / f"{dossier.id}.json")
        except OSError as exc:
            raise UserError("file.cannot_write", file=str(folder / f"{dossier.id}.json"),
                            reason=exc.strerror or str(exc)) from exc
        pack = load_pack(dossier.pack.id, dossier.pack.version, packs_dirs)
        findings = validate(dossier, pack)
        lines.append(t("cli.demo_line", file=path.name, title=dossier.unit.name,
                       nominees=len(dossier.nominees), result=_summary(findings)))
    print(t("cli.demo_written", count=len(dossiers), folder=str(folder)))
    print("\n".join(lines))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from desktop.dossierfile import read_dossier_data
    from desktop.packs import load_pack
    from desktop.validation import parse_dossier, validate

    data = read_dossier_data(args.file)
    pack = load_pack(data["pack"]["id"], data["pack"]["version"], args.packs_dir)
    dossier, findings = parse_dossier(data)
    if dossier is not None:
        findings = validate(dossier, pack, today=args.today)
    if args.json:
        print(json.dumps([f.model_dump(mode="json") for f in findings],
                         ensure_ascii=False, indent=2))
    else:
        if dossier is not None:
            print(t("cli.dossier_header", title=dossier.title or dossier.id,
                    unit=dossier.unit.name or "—", pack_id=pack.id, pack_version=pack.version))
        for finding in findings:
            print(_finding_line(finding))
        print(_summary(findings))
    return EXIT_ERRORS if any(f.blocking for f in findings) else EXIT_OK


def cmd_packs(args: argparse.Namespace) -> int:
    from desktop.packs import list_packs

    infos = list_packs(args.packs_dir)
    if args.json:
        print(json.dumps([{"id": i.id, "version": i.version, "title": i.title,
                           "path": str(i.path), "sha256": i.sha256} for i in infos],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    if not infos:
        print(t("cli.packs_none"))
        return EXIT_OK
    print(t("cli.packs_header"))
    for info in infos:
        print(f"  {info.id}  {info.version}  {info.title}")
    return EXIT_OK


# ---------------------------------------------------------------- formatting


def _finding_line(finding) -> str:
    lang = i18n.get_language()
    label = t(f"cli.severity.{finding.severity}")
    message = finding.message_vi if lang == "vi" else finding.message_en
    hint = finding.hint_vi if lang == "vi" else finding.hint_en
    line = f"{label:<10} [{finding.code}] {finding.path or '-'}: {message}"
    if hint:
        line += "\n" + " " * 11 + t("cli.hint", hint=hint)
    return line


def _summary(findings) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    key = "cli.summary_errors" if counts["error"] else "cli.summary_ok"
    return t(key, errors=counts["error"], warnings=counts["warning"], infos=counts["info"])
