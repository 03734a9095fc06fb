"""Command line: `python -m helpcenter <command>` (or `helpcenter <command>`
inside the project's virtual environment). Every command works on the
project that holds the current directory."""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner

from helpcenter.errors import InputError  # noqa: E402
from helpcenter.paths import Paths  # noqa: E402


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="helpcenter", description=__doc__)
    root.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    commands = root.add_subparsers(dest="command", required=True, metavar="command")

    build = commands.add_parser("build", help="build every locale (or --locale ones) into site/")
    build.add_argument("--locale", action="append", help="only this locale (repeatable)")
    build.add_argument("--jobs", type=int, help="parallel builds (default: the CPUs this process may use)")
    build.add_argument("--shard", metavar="I/N", help="build every N-th locale from the I-th into .shards/I-of-N "
                       "(then `merge`)")
    build.add_argument("--site-dir", help="build into this folder instead of site/")
    build.add_argument("--no-speedups", action="store_true", help="plain MkDocs: no reuse of work across locales")

    merge = commands.add_parser("merge", help="assemble shard builds into site/")
    merge.add_argument("shards", nargs="+", help="folders written by `build --shard`")
    merge.add_argument("--site-dir", help="write here instead of site/")

    serve = commands.add_parser("serve", help="preview one locale with live reload")
    serve.add_argument("--locale", default="en")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")

    bench = commands.add_parser("bench", help="compare our build with the stock static-i18n build")
    bench.add_argument("--runs", type=int, default=1)
    bench.add_argument("--scale", type=int, default=0, help="also build a tree SCALE times the English pages")

    status = commands.add_parser("status", help="translation status per locale (outdated first)")
    status.add_argument("locale", nargs="*", help="only these locales")
    status.add_argument("--json", action="store_true", help="machine-readable output")

    add = commands.add_parser("add-locale", help="register a locale and create what it needs to build")
    add.add_argument("locale", help="URL slug, a lowercase BCP 47 form, e.g. el or pt-br")
    add.add_argument("--tag", help="BCP 47 tag when it differs from the slug, e.g. pt-BR")
    add.add_argument("--full", action="store_true", help="every page will be translated")
    add.add_argument("--theme", help="Material's UI-strings file when it differs from the tag")
    add.add_argument("--name", help="the language's name for itself, where CLDR has no data")
    add.add_argument("--dir", choices=("ltr", "rtl"), help="its direction, where CLDR has no data")

    for name, text in (("start", "copy an English page into a locale, ready to translate"),
                       ("review", "record that a native speaker reviewed a translated page"),
                       ("refresh", "record that a translation matches the current English page (a reviewed one returns to draft)"),
                       ("diff", "what changed in the English page since it was translated")):
        command = commands.add_parser(name, help=text)
        command.add_argument("locale")
        command.add_argument("page", help="path under docs/<locale>/, e.g. your-rights/appeals.md")
        if name == "review":
            command.add_argument("--by", required=True, help="the reviewer's name")
        if name == "start":
            command.add_argument("--machine", action="store_true", help="the first draft is a machine's")
        if name == "refresh":
            command.add_argument("--keep-review", metavar="REASON",
                                 help="keep `reviewed`: say why the change needs no new review")

    touch = commands.add_parser("touch", help="a writer's minor English edit: keep current translations current")
    touch.add_argument("--minor", action="store_true", required=True,
                       help="required: the edit changes no meaning (a typo, a link)")
    touch.add_argument("page", help="path under docs/en/, e.g. your-rights/appeals.md")

    check = commands.add_parser("check", help="every rule CI runs on content, for one locale or all (make check)")
    check.add_argument("--locale", action="append", help="only this locale (repeatable); default: every locale")
    check.add_argument("--no-build", action="store_true", help="skip the strict build (links, anchors, unsafe HTML)")
    check.add_argument("files", nargs="*", help="or: the locales these files belong to (for pre-commit)")
    affected = commands.add_parser("affected", help="the locales a change touches, for CI (nothing: every locale)")
    affected.add_argument("--base", required=True, help="the commit the change is compared with")
    commands.add_parser("lint", help="check docs/, includes/ and strings/ (exit 1 on findings)")
    commands.add_parser("links", help="check every link of the built site/ (exit 1 on a broken one)")
    commands.add_parser("audit", help="Lighthouse and the vnu HTML validator over the built site/")
    browser = commands.add_parser("browser", help="find (or --install) a Chromium for the tests")
    browser.add_argument("--install", action="store_true")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", force=True)
    try:
        return _run(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `helpcenter status | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # a full disk, a folder we may not write
        print(f"error: {err.filename or 'helpcenter'}: {err.strerror or err}", file=sys.stderr)
        return 1


def _run(args) -> int:
    paths = Paths.find()
    if args.command == "build":
        from helpcenter.build import driver

        site_dir = args.site_dir
        if args.shard and not site_dir:
            site_dir = paths.root / ".shards" / args.shard.replace("/", "-of-")
        try:
            count, seconds = driver.build(paths, args.locale, site_dir=site_dir, jobs=args.jobs,
                                          shard_spec=args.shard, root_files=not args.shard,
                                          speedups=not args.no_speedups, debug=args.debug)
        except driver.BuildFailed as err:
            for failure in err.failures:
                print(f"error: {failure}", file=sys.stderr)
            print(f"build failed: {len(err.failures)} locale(s); site/ was not changed", file=sys.stderr)
            return 1
        print(f"built {count} locale(s) into {paths.relative(site_dir or paths.site)}/ in {seconds:.1f} s")
        return 0
    if args.command == "merge":
        from pathlib import Path

        from helpcenter.build import driver

        count = driver.merge(paths, [Path(s) for s in args.shards], args.site_dir and Path(args.site_dir))
        print(f"merged {count} locale(s) into {args.site_dir or 'site'}/")
        return 0
    if args.command == "serve":
        from helpcenter.project import Project

        slug = Project.load(paths).registry.get(args.locale).slug
        from mkdocs.commands.serve import serve

        print(f"serving {slug} at http://{args.dev_addr}/ (other locales are not built in a preview)")
        serve(config_file=str(paths.config), livereload=True, dev_addr=args.dev_addr,
              plugins=_plugins_with(paths, locale=slug))
        return 0
    if args.command == "bench":
        from helpcenter.maintain.bench import main as bench

        return bench(paths, runs=args.runs, scale=args.scale)
    if args.command == "status":
        from helpcenter.project import Project
        from helpcenter.translate import status

        project = Project.load(paths)
        for slug in args.locale:
            project.registry.get(slug)  # unknown locale: an error, exit 1
        rows = status.report(project, args.locale or None)
        sys.stdout.write(status.to_json(rows) + "\n" if args.json else status.to_text(rows))
        sys.stdout.flush()
        return 0
    if args.command == "add-locale":
        from helpcenter.translate.commands import add_locale

        for path in add_locale(paths, args.locale, tag=args.tag, full=args.full, theme=args.theme,
                               name=args.name, direction=args.dir):
            print(f"wrote {paths.relative(path)}")
        print(f"registered '{args.locale}': every page shows in English with a notice until translated.\n"
              f"Next: translate strings/{args.locale}.yml, then `helpcenter start {args.locale} index.md`; "
              f"preview with `make serve LOCALE={args.locale}`; check with `make check LOCALE={args.locale}`.")
        return 0
    if args.command in ("start", "review", "refresh", "diff", "touch"):
        from helpcenter.project import Project
        from helpcenter.translate import commands

        project = Project.load(paths)
        if args.command == "diff":
            sys.stdout.write(commands.diff(project, args.locale, args.page))
            return 0
        if args.command == "touch":
            changed = commands.touch_minor(project, args.page)
            for path in changed:
                print(f"touch: {paths.relative(path)} stays current")
            if not changed:
                print(f"touch: no translation of docs/en/{args.page} was current before the edit")
            return 0
        if args.command == "start":
            path = commands.start_page(project, args.locale, args.page, machine=args.machine)
        elif args.command == "review":
            path = commands.review(project, args.locale, args.page, args.by)
        else:
            path = commands.refresh(project, args.locale, args.page, keep_review=args.keep_review)
        print(f"{args.command}: {paths.relative(path)}")
        return 0
    if args.command == "check":
        from helpcenter.check.check import main as check

        slugs = list(args.locale or []) + _locales_of(paths, args.files)
        if args.files and not slugs:
            print("check: no content among these files")
            return 0
        return check(paths, list(dict.fromkeys(slugs)) or None, build=not args.no_build)
    if args.command == "affected":
        from helpcenter.check.affected import changed_files, locales_of

        slugs = locales_of(paths, changed_files(paths, args.base))
        print(" ".join(slugs) if slugs else "")
        return 0
    if args.command == "lint":
        from helpcenter.check.lint import main as lint

        return lint(paths)
    if args.command == "links":
        from helpcenter.check import links
        from helpcenter.project import Project

        base = Project.site_url(paths)
        problems = links.check(paths.site, base) + links.sitemap_problems(paths.site, base)
        for problem in problems:
            print(problem)
        print(f"links: {len(problems)} broken link(s)" if problems else "links: every link resolves",
              file=sys.stderr if problems else sys.stdout)
        return 1 if problems else 0
    if args.command == "audit":
        from helpcenter.maintain.audit import main as audit

        return audit(paths)
    if args.command == "browser":
        from helpcenter.maintain.browser import ensure

        print(ensure(install=args.install))
        return 0
    return 2


def _locales_of(paths: Paths, files: list[str]) -> list[str]:
    """The locales that files under docs/, includes/, strings/ or termbase/ belong to."""
    from pathlib import Path

    from helpcenter.locales import Registry

    slugs = []
    registered = Registry.load(paths.registry).slugs
    for name in files:
        parts = Path(name).parts
        if len(parts) >= 2 and parts[0] in ("docs", "includes", "strings", "termbase"):
            slug = parts[1].removesuffix(".yml") if parts[0] in ("strings", "termbase") else parts[1]
            slugs.append(slug if slug in registered else registered[0])
        elif parts and parts[0] in ("mkdocs.yml", "locales.yml"):
            slugs.append(registered[0])
    return slugs


def _plugins_with(paths: Paths, **options) -> list:
    """mkdocs.yml's `plugins:` list with our plugin's options updated: how
    `serve` passes the locale to the plugin, by name."""
    from mkdocs.utils.yaml import yaml_load

    with open(paths.config, encoding="utf-8") as stream:
        plugins = yaml_load(stream)["plugins"]
    result = []
    for entry in plugins:
        if entry == "helpcenter" or (isinstance(entry, dict) and "helpcenter" in entry):
            current = entry["helpcenter"] if isinstance(entry, dict) else {}
            entry = {"helpcenter": {**(current or {}), **options}}
        result.append(entry)
    return result
