"""The ``hoso`` command: the GUI by default, and headless commands for scripts and tests.

    hoso [--demo]                       start the app (on a copy of the demo data)
    hoso demo --out DIR                 write the built-in demo dossiers as JSON
    hoso validate FILE.json [--json]    check a dossier: exit 0 clean, 1 errors, 2 bad input
    hoso packs [--json]                 list installed campaign packs
    hoso render FILE.json --out DIR     the dossier's documents (PDF/DOCX; --preview)
    hoso report FILE.json --out DIR     the campaign result report (báo cáo kết quả)
    hoso export FILE.json --out DIR     the submission package (--final: signed copies)
    hoso attach FILE.json --document ID FILES...   a signed copy from scans or photos
    hoso verify PKG.zip                 check a package: files, hashes, rules
    hoso import PKG.zip                 read a package into the store (or a folder)
    hoso db …                           the local store: check, backups, restore
    hoso inbox add PKG... / inbox list  received packages (a forwarding unit's inbox)
    hoso consolidate ID --take R:N...   take received nominees into the unit's dossier
    hoso return R --notes F --out DIR   send a received dossier back with notes
    hoso apply-return FILE              open a return file on one's dossier
    hoso import-sheet SHEET --into FILE.json --as nominees|members --out NEW.json
    hoso fix-text FILE.json --out NEW.json   legacy TCVN3/VNI/VIQR text to Unicode
    hoso copy-dossier FILE.json --out NEW.json [--with-nominees]   start from an earlier one
    hoso pack check|build|install …     campaign packs: check, sign, install offline

Each command is a module of this package with ``register(subparsers)``; it sets
``run(args) -> exit code``. Every message comes from the catalogs in ``resources/i18n``
(Vietnamese by default). Bad input ends with one line on stderr and exit code 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from desktop import __version__, i18n
from desktop.cli.common import EXIT_BAD_INPUT, Parser, localize_argparse
from desktop.errors import HosoError
from desktop.i18n import t

#: The subcommands (the word on the command line -> its module), in the order ``hoso --help``
#: lists them. The modules are imported only to build the full parser: ``hoso`` alone (the
#: window) starts without them.
COMMANDS = {"demo": "demo", "validate": "validate", "packs": "packs", "render": "render",
            "report": "report", "export": "export", "attach": "attach", "verify": "verify",
            "import": "importpkg", "db": "db",
            "inbox": "inbox", "consolidate": "consolidate", "return": "sendback",
            "apply-return": "apply_return", "import-sheet": "importsheet",
            "fix-text": "fixtext", "copy-dossier": "copydossier", "pack": "pack"}
ENV_LANG = "HOSO_LANG"


def _language(argv: Sequence[str]) -> str:
    """The language asked for with ``--lang`` (needed before the help texts are built)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get(ENV_LANG, i18n.DEFAULT_LANGUAGE)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The ``hoso`` parser; ``commands=False``: only the options of the window (start-up)."""
    parser = Parser(prog="hoso", description=t("cli.help.description"))
    parser.add_argument("--version", action="version", version=f"HoSo {__version__}",
                        help=t("cli.help.version"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None, help=t("cli.help.lang"))
    parser.add_argument("--data-dir", help=t("cli.help.data_dir"))
    parser.add_argument("--packs-dir", action="append", default=[], help=t("cli.help.packs_dir"))
    parser.add_argument("--demo", action="store_true", help=t("cli.help.demo_flag"))
    parser.set_defaults(run=run_gui)
    if commands:
        sub = parser.add_subparsers(dest="command", parser_class=Parser)
        for module in COMMANDS.values():
            importlib.import_module(f"desktop.cli.{module}").register(sub)
    return parser


def _names_a_command(argv: Sequence[str]) -> bool:
    """Whether the full parser is needed: a word of ``argv`` is a subcommand, or help is
    asked for. Otherwise ``hoso [options]`` opens the window, and the parser of its options
    alone reads them the same (a value that happens to be a command's name only costs the
    full parser)."""
    return any(arg in COMMANDS or arg in ("-h", "--help") for arg in argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Windows consoles default to a code page
    lang = _language(argv)
    i18n.set_language(lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    localize_argparse()
    try:
        args = build_parser(commands=_names_a_command(argv)).parse_args(argv)
        return args.run(args)
    except HosoError as exc:
        print(exc.message(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the person, the traceback on request
        if os.environ.get("HOSO_DEBUG"):
            raise
        print(t("cli.internal_error", error=f"{type(exc).__name__}: {str(exc)[:300]}"),
              file=sys.stderr)
        return EXIT_BAD_INPUT


def run_gui(args: argparse.Namespace) -> int:
    """Start the desktop app (Qt is imported only now, so the commands above stay light)."""
    from desktop.ui.app import run_app

    return run_app(args)
