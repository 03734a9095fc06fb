"""Command line: python -m helpcenter <command>. See `--help`."""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner

from helpcenter.errors import InputError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpcenter", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build every locale (or --locale ones) into site/")
    build.add_argument("--locale", action="append", help="only this locale (repeatable)")
    build.add_argument("--jobs", type=int, help="parallel builds (default: CPU count)")

    serve = commands.add_parser("serve", help="preview one locale with live reload")
    serve.add_argument("--locale", default="en")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")

    bench = commands.add_parser("bench", help="compare our build with the stock static-i18n build")
    bench.add_argument("--runs", type=int, default=1)

    status = commands.add_parser("status", help="translation status per locale (outdated first)")
    status.add_argument("locale", nargs="*", help="only these locales")
    status.add_argument("--json", action="store_true", help="machine-readable output")

    add = commands.add_parser("add-locale", help="register a locale and create its home page and strings")
    add.add_argument("locale", help="URL slug, e.g. el")
    add.add_argument("--tag", help="BCP 47 tag when it differs from the slug, e.g. pt-BR")
    add.add_argument("--full", action="store_true", help="every page will be translated")
    add.add_argument("--theme", help="Material UI-strings file name when it differs from the tag")

    for name, text in (("start", "copy an English page into a locale, ready to translate"),
                       ("review", "mark a translated page as reviewed by a native speaker"),
                       ("refresh", "record that a translation matches the current English page")):
        command = commands.add_parser(name, help=text)
        command.add_argument("locale")
        command.add_argument("page", help="path under docs/<locale>/, e.g. your-rights/appeals.md")
        if name == "review":
            command.add_argument("--by", help="reviewer's name (optional)")

    commands.add_parser("lint", help="check docs/ and includes/ (exit 1 on findings)")  # lint

    commands.add_parser("audit", help="Lighthouse and the vnu HTML validator over the built site/")

    browser = commands.add_parser("browser", help="find (or --install) a Chromium for the tests")
    browser.add_argument("--install", action="store_true")

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        return _run(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


def _run(args) -> int:
    if args.command == "build":
        from helpcenter.build import BuildFailed, build

        try:
            seconds = build(args.locale, jobs=args.jobs)
        except BuildFailed as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"built {len(args.locale or []) or 'all'} locale(s) into site/ in {seconds:.1f} s")
        return 0
    if args.command == "serve":
        from helpcenter.locales import by_slug

        locale = by_slug(args.locale)
        os.environ["HELPCENTER_LOCALE"] = locale.slug
        from mkdocs.commands.serve import serve

        from helpcenter.build import CONFIG

        print(f"serving {locale.slug} at http://{args.dev_addr}/ (other locales are not built)")
        serve(config_file=str(CONFIG), livereload=True, dev_addr=args.dev_addr, watch=[
            str(CONFIG.parent / name) for name in ("overrides", "includes", "locales.yml")
        ] + [str(CONFIG.parent / "docs" / "en")])
        return 0
    if args.command == "bench":
        from helpcenter.bench import main as bench

        return bench(runs=args.runs)
    if args.command == "status":
        from helpcenter.translations import print_status, status

        report = status(args.locale or None)
        if args.json:
            import json

            print(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            print_status(report)
        return 0
    if args.command == "add-locale":
        from helpcenter.errors import relative
        from helpcenter.translations import add_locale

        for path in add_locale(args.locale, tag=args.tag, full=args.full, theme=args.theme):
            print(f"created {relative(path)}: translate it")
        print(f"registered '{args.locale}' in locales.yml; preview: make serve LOCALE={args.locale}")
        return 0
    if args.command in ("start", "review", "refresh"):
        from helpcenter import translations

        if args.command == "start":
            path = translations.start_page(args.locale, args.page)
        else:
            path = translations.set_translation(args.locale, args.page, review=args.command == "review",
                                                reviewed_by=getattr(args, "by", None))
        from helpcenter.errors import relative

        print(f"{args.command}: {relative(path)}")
        return 0
    if args.command == "lint":
        from helpcenter.lint import main as lint

        return lint()
    if args.command == "audit":
        from helpcenter.audit import main as audit

        return audit()
    if args.command == "browser":
        from helpcenter.browser import ensure

        print(ensure(install=args.install))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
