"""Command line: `python -m pivotdash export …` writes briefing files without a browser session."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pivotdash import briefing, schema
from pivotdash.briefing import Briefing
from pivotdash.errors import ExportUnavailable
from pivotdash.export import formats, template
from pivotdash.filters import YEAR_MAX, YEAR_MIN, Filters
from pivotdash.state import DEFAULT_BASE_URL, Item
from pivotdash.views.loaded import Loaded

DEFAULT_TITLE = briefing.DEFAULT_TITLE


def _vocab(table: dict[str, str], what: str) -> Callable[[str], str]:
    """An argparse type accepting an id or its label, case-insensitively."""
    lookup = {k.casefold(): k for k in table} | {v.casefold(): k for k, v in table.items()}

    def parse(text: str) -> str:
        key = lookup.get(text.strip().casefold())
        if key is None:
            raise argparse.ArgumentTypeError(f"unknown {what} {text!r}; choose from {', '.join(table)}")
        return key

    return parse


def _formats(text: str) -> list[str]:
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in formats.BY_KEY]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown format {bad[0]!r}; choose from {', '.join(formats.BY_KEY)}")
    return items


def _listed(scope: formats.Scope) -> str:
    return ", ".join(f"{f.key} ({f.label})" for f in formats.FORMATS if f.scope == scope)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pivotdash", description="pivotdash from the command line.")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser(
        "export", help="write charts, decks and bundles for a briefing",
        description="Export views as files: any view's link (--url), a saved briefing (--briefing) or a standard "
                    f"view with the shared filters (--view). Per view: {_listed('view')}. "
                    f"For the whole briefing: {_listed('briefing')}.",
    )
    e.add_argument("--url", action="append", default=[], metavar="LINK",
                   help="a view's link, as the app shows it under each chart; repeat for several")
    e.add_argument("--briefing", type=Path, metavar="FILE", help="a briefing saved from the Briefing page (.json)")
    e.add_argument("--view", action="append", choices=briefing.CHOICE_IDS, default=[],
                   help="a standard view with the filters below; repeat for several (order is the briefing's)")
    e.add_argument("--format", action="append", type=_formats, required=True, metavar="FORMAT",
                   help=f"one of {', '.join(formats.BY_KEY)}; repeat or comma-separate for several")
    e.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    e.add_argument("--era", action="append", type=_vocab(schema.ERAS, "era"), default=[],
                   help="for --view: era id or label (imperial, soviet, federation); repeatable")
    e.add_argument("--driver", action="append", type=_vocab(schema.DRIVERS, "driver"), default=[],
                   help=f"for --view: driver id or label ({', '.join(schema.DRIVERS)}); repeatable")
    e.add_argument("--from", dest="year_from", type=int, default=YEAR_MIN, help=f"first year (default {YEAR_MIN})")
    e.add_argument("--to", dest="year_to", type=int, default=YEAR_MAX, help=f"last year (default {YEAR_MAX})")
    e.add_argument("--template", type=Path, metavar="FILE",
                   help="the deck's PowerPoint template (.pptx or .potx, up to "
                        f"{template.MAX_BYTES // 1024 // 1024} MB): its slide master, layouts and theme fonts")
    e.add_argument("--title", help=f"briefing title (default: the briefing file's, else “{DEFAULT_TITLE}”)")
    e.add_argument("--scale", type=float, default=2, help="PNG scale: 2 → 2560×1440, 3 → 3840×2160 (default 2)")
    e.add_argument("--base-url", default=DEFAULT_BASE_URL, help="the app's address, for links back to each view")
    sub.add_parser("serve", add_help=False, help="serve the app on http://127.0.0.1:8501; "
                   "further arguments go to `streamlit run` (e.g. --server.port 8502)")
    return p


def _briefing(args: argparse.Namespace, data: Loaded) -> Briefing:
    """The items to export, in order: the briefing file's, then --url, then --view; BriefingFileError if bad."""
    lo, hi = sorted((args.year_from, args.year_to))
    filters = Filters(eras=tuple(dict.fromkeys(args.era)), drivers=tuple(dict.fromkeys(args.driver)), years=(lo, hi))
    title, items = DEFAULT_TITLE, []
    if args.briefing is not None:
        opened = briefing.from_file(args.briefing.read_bytes(), str(args.briefing))
        title, items = opened.title, list(opened.items)
    items += [Item(url) for url in args.url]
    items += [Item(briefing.standard_link(v, filters, data.names())) for v in dict.fromkeys(args.view)]
    return Briefing(args.title or title, tuple(items))


def _template(path: Path | None) -> template.Template | None:
    """The --template file, checked (TemplateError or OSError naming the file when it cannot be used)."""
    if path is None:
        return None
    with path.open("rb") as fh:
        data = fh.read(template.MAX_BYTES + 1)  # a larger file is refused without reading it all
    return template.read(data, str(path))


def _notes(built: briefing.Built, deck_template: template.Template | None, chosen: set[str]) -> list[str]:
    """What the export leaves out or replaces: views that could not be built, layouts the template lacks."""
    if deck_template is None:
        return built.notes
    if "pptx" not in chosen:
        return [*built.notes, "--template shapes the PowerPoint deck only; add --format pptx"]
    return built.notes + deck_template.notes(len(built.views))


def export(args: argparse.Namespace) -> int:
    from pivotdash.export import browser

    lo, hi = sorted((args.year_from, args.year_to))
    if lo < YEAR_MIN or hi > YEAR_MAX:
        print(f"error: years must lie within {YEAR_MIN}–{YEAR_MAX}", file=sys.stderr)
        return 2
    data = Loaded()
    try:
        brief = _briefing(args, data)
        deck_template = _template(args.template)
    except (OSError, briefing.BriefingFileError, template.TemplateError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not brief.items:
        print("error: name at least one view: --url LINK, --briefing FILE or --view NAME", file=sys.stderr)
        return 2
    chosen = {f for group in args.format for f in group}
    built = briefing.build(brief.items, data)
    for note in _notes(built, deck_template, chosen):
        print(f"note: {note}", file=sys.stderr)
    if not built.views:
        print("error: no view could be built", file=sys.stderr)
        return 1
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    subtitle = f"{len(built.views)} view{'s' if len(built.views) > 1 else ''} · pivotdash"
    req = formats.Request(tuple(built.views), brief.title, subtitle, args.base_url, args.scale,
                          tuple(i.message for i in built.items), deck_template)
    written: list[Path] = []
    try:
        for fmt in (f for f in formats.FORMATS if f.key in chosen):  # per view first, as the table lists them
            for name, content in formats.export(fmt, req):
                path = out / name
                path.write_bytes(content)
                written.append(path)
    except ExportUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    finally:
        browser.shutdown()  # a hung or dying Chromium is ended here, not left running after the command
        for path in written:
            print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:  # everything after `serve` belongs to streamlit, so argparse must not see it
        from pivotdash.serve import serve

        return serve(argv[1:])
    args = parser().parse_args(argv)
    if args.command == "export":
        return export(args)
    return 2  # pragma: no cover - argparse requires a command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
