"""``hoso pack check|build|install``: the provincial board's tools for campaign packs.

    hoso pack check DIR [--out DIR]          is the pack ready? (exit 0 valid, 1 errors)
    hoso pack build DIR --out FILE.hosopack --sign-with KEY.pem --publisher ID
    hoso pack install FILE.hosopack [--move-drafts] [--allow-demo-publisher]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import EXIT_ERRORS, EXIT_OK
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("pack", help=t("cli.help.cmd_pack"))
    actions = parser.add_subparsers(dest="pack_command", required=True,
                                    parser_class=type(parser))
    check = actions.add_parser("check", help=t("cli.help.pack_check"))
    check.add_argument("folder", help=t("cli.help.pack_folder"))
    check.add_argument("--out", help=t("cli.help.pack_check_out"))
    check.set_defaults(run=run_check)
    build = actions.add_parser("build", help=t("cli.help.pack_build"))
    build.add_argument("folder", help=t("cli.help.pack_folder"))
    build.add_argument("--out", required=True, help=t("cli.help.pack_build_out"))
    build.add_argument("--sign-with", required=True, help=t("cli.help.pack_sign_with"))
    build.add_argument("--publisher", required=True, help=t("cli.help.pack_publisher"))
    build.set_defaults(run=run_build)
    install = actions.add_parser("install", help=t("cli.help.pack_install"))
    install.add_argument("file", help=t("cli.help.pack_file"))
    install.add_argument("--move-drafts", action="store_true", help=t("cli.help.pack_move"))
    install.add_argument("--allow-demo-publisher", action="store_true", default=None,
                         help=t("cli.help.pack_allow_demo"))
    install.set_defaults(run=run_install)


def _print_items(title_key: str, items) -> None:
    if not items:
        return
    print(t(title_key, count=len(items)))
    for item in items:
        where = f" [{item.where}]" if item.where else ""
        print(f"  - {item.text}{where}")


def run_check(args: argparse.Namespace) -> int:
    from desktop.packs.check import check_pack_dir

    report = check_pack_dir(args.folder, out=Path(args.out) if args.out else None)
    pack = report.pack
    if pack is not None:
        print(t("packcheck.header", pack_id=pack.id, version=pack.version, title=pack.title,
                regime=pack.legal_regime, regime_title=pack.regime.title if pack.regime else "",
                province=pack.province, start=pack.achievement_period.start.isoformat(),
                end=pack.achievement_period.end.isoformat(),
                upload_start=pack.upload_window.start.isoformat(),
                upload_end=pack.upload_window.end.isoformat()))
    _print_items("packcheck.errors", report.of("error"))
    _print_items("packcheck.warnings", report.of("warning"))
    _print_items("packcheck.unconfirmed", report.of("unconfirmed"))
    if report.sample is not None and report.rendered:
        print(t("packcheck.sample", unit_kind=str(report.sample.unit.kind),
                nominees=len(report.sample.nominees), documents=len(report.rendered),
                pages=sum(d.page_count or 0 for d in report.rendered)))
    print(t("packcheck.passed" if report.ok else "packcheck.failed"))
    return EXIT_OK if report.ok else EXIT_ERRORS


def run_build(args: argparse.Namespace) -> int:
    from desktop.packs.check import check_pack_dir
    from desktop.packs.publish import build_hosopack

    report = check_pack_dir(args.folder, render=False)
    if not report.ok:
        _print_items("packcheck.errors", report.of("error"))
        print(t("packcheck.failed"))
        return EXIT_ERRORS
    path = build_hosopack(args.folder, args.out, key_file=args.sign_with,
                          publisher=args.publisher)
    print(t("hosopack.built", file=str(path), pack_id=report.pack.id,
            version=report.pack.version, publisher=args.publisher))
    return EXIT_OK


def run_install(args: argparse.Namespace) -> int:
    from desktop.packs.publish import describe_changes, install_hosopack
    from desktop.paths import installed_packs_dir

    result = install_hosopack(args.file, allow_demo=args.allow_demo_publisher,
                              data=args.data_dir, packs_dirs=tuple(args.packs_dir))
    info, pack = result.info, result.info.pack
    print(t("hosopack.about", pack_id=pack.id, version=pack.version, title=pack.title,
            province=pack.province, regime=pack.legal_regime,
            start=pack.achievement_period.start.isoformat(),
            end=pack.achievement_period.end.isoformat(), publisher=info.publisher.name))
    if result.already_installed:
        print(t("hosopack.already", path=str(result.path)))
        return EXIT_OK
    print(t("hosopack.installed", path=str(result.path)))
    if result.previous_version:
        print(t("hosopack.changes", old=result.previous_version, count=len(result.changes)))
        for line in describe_changes(result.changes):
            print(f"  - {line}")
    from desktop.store import Store, default_path

    if not default_path(args.data_dir).is_file():
        return EXIT_OK  # no data file yet: no draft to re-check
    dirs = [*args.packs_dir, str(installed_packs_dir(args.data_dir))]
    with Store(data_dir=args.data_dir, packs_dirs=dirs) as store:
        revalidation = store.revalidate_for_pack(pack, move=args.move_drafts)
    for draft in revalidation.dossiers:
        print(t("hosopack.draft", dossier_id=draft.dossier_id, old=draft.old_version,
                new=len(draft.new_findings), resolved=len(draft.resolved),
                moved=t("hosopack.moved") if draft.moved else t("hosopack.not_moved")))
    return EXIT_OK
