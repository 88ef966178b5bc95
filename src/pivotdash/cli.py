"""Command line: `python -m pivotdash export …` writes briefing files without a browser session."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pivotdash import briefing, paths, schema
from pivotdash.errors import DataError, ExportUnavailable
from pivotdash.filters import YEAR_MAX, YEAR_MIN, Filters, describe
from pivotdash.links import DEFAULT_BASE_URL

PER_VIEW = ("png", "svg", "pdf", "html", "csv")
WHOLE = ("pptx", "zip", "report")
FORMATS = PER_VIEW + WHOLE
DEFAULT_TITLE = "Will Russia's turn to Asia last?"


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
    bad = [t for t in items if t not in FORMATS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    return items


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pivotdash", description="pivotdash from the command line.")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser(
        "export", help="write charts, decks and bundles for a briefing",
        description="Export views as files. Per view: png, svg, pdf, html, csv. "
                    "For the whole briefing: pptx (deck), zip (PNG+SVG+CSV+README), report (PDF briefing).",
    )
    e.add_argument("--view", action="append", choices=[c.id for c in briefing.CHOICES], required=True,
                   help="a view to export; repeat for several (their order is the briefing's order)")
    e.add_argument("--format", action="append", type=_formats, required=True, metavar="FORMAT",
                   help=f"one of {', '.join(FORMATS)}; repeat or comma-separate for several")
    e.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    e.add_argument("--era", action="append", type=_vocab(schema.ERAS, "era"), default=[],
                   help="era id or label (imperial, soviet, federation); repeatable")
    e.add_argument("--driver", action="append", type=_vocab(schema.DRIVERS, "driver"), default=[],
                   help=f"driver id or label ({', '.join(schema.DRIVERS)}); repeatable")
    e.add_argument("--from", dest="year_from", type=int, default=YEAR_MIN, help=f"first year (default {YEAR_MIN})")
    e.add_argument("--to", dest="year_to", type=int, default=YEAR_MAX, help=f"last year (default {YEAR_MAX})")
    e.add_argument("--title", default=DEFAULT_TITLE, help="briefing title (pptx, zip, report)")
    e.add_argument("--scale", type=float, default=2, help="PNG scale: 2 → 2560×1440, 3 → 3840×2160 (default 2)")
    e.add_argument("--base-url", default=DEFAULT_BASE_URL, help="the app's address, for links back to each view")
    sub.add_parser("serve", add_help=False, help="serve the app on http://127.0.0.1:8501; "
                   "further arguments go to `streamlit run` (e.g. --server.port 8502)")
    return p


def _load_inputs(filters: Filters) -> tuple[briefing.Inputs, list[str]]:
    from pivotdash.loading import load_dataset
    from pivotdash.paper import load_paper

    try:
        return briefing.Inputs(filters, load_dataset(paths.data_dir(), load_paper().paragraph_ids)), []
    except DataError as err:
        return briefing.Inputs(filters, None), [str(err)]


def export(args: argparse.Namespace) -> int:
    from pivotdash.export import images
    from pivotdash.export.bundle import build_bundle
    from pivotdash.export.deck import build_deck
    from pivotdash.export.report import build_report
    from pivotdash.export.tables import to_safe_csv

    lo, hi = sorted((args.year_from, args.year_to))
    if lo < YEAR_MIN or hi > YEAR_MAX:
        print(f"error: years must lie within {YEAR_MIN}–{YEAR_MAX}", file=sys.stderr)
        return 2
    filters = Filters(eras=tuple(dict.fromkeys(args.era)), drivers=tuple(dict.fromkeys(args.driver)), years=(lo, hi))
    formats = list(dict.fromkeys(f for group in args.format for f in group))
    inputs, problems = _load_inputs(filters)
    built = briefing.build(list(dict.fromkeys(args.view)), inputs)
    for note in problems + built.notes:
        print(f"note: {note}", file=sys.stderr)
    if not built.views:
        print("error: no view could be built", file=sys.stderr)
        return 1
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    stem = "pivotdash-briefing"
    subtitle = describe(filters)
    written: list[Path] = []

    def write(name: str, data: bytes) -> None:
        path = out / name
        path.write_bytes(data)
        written.append(path)

    try:
        for view in built.views:
            name = images.file_stem(view)
            for fmt in formats:
                if fmt == "png":
                    write(f"{name}.png", images.to_png(view.figure, scale=args.scale))
                elif fmt in ("svg", "pdf"):
                    write(f"{name}.{fmt}", images.render(view.figure, fmt))
                elif fmt == "html":
                    write(f"{name}.html", images.to_html(view, args.base_url))
                elif fmt == "csv":
                    write(f"{name}.csv", to_safe_csv(view.data))
        if "pptx" in formats:
            write(f"{stem}.pptx", build_deck(built.views, args.title, subtitle=subtitle, base_url=args.base_url))
        if "report" in formats:
            write(f"{stem}.pdf", build_report(built.views, args.title, subtitle=subtitle, base_url=args.base_url))
        if "zip" in formats:
            write(f"{stem}.zip", build_bundle(built.views, args.title, base_url=args.base_url))
    except ExportUnavailable as exc:
        for path in written:
            print(path)
        print(f"error: {exc}", file=sys.stderr)
        return 3
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
