"""A zip of a briefing: every chart as PNG, SVG and CSV, plus a README with citations and licences."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence

from pivotdash.errors import ExportUnavailable
from pivotdash.export import citations
from pivotdash.export.images import Images
from pivotdash.export.names import member_stem
from pivotdash.export.tables import to_safe_csv
from pivotdash.figures.finish import APP_NAME, chrome_of
from pivotdash.links import absolute
from pivotdash.text import plain_markdown
from pivotdash.views import View

md = plain_markdown  # every text that comes from a title, a link or the data is written as text, never markup


def _fenced(text: str) -> list[str]:
    """`text` as a literal block: the fence is longer than any run of backticks inside it."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
    return [f"{fence}text", text, fence]


def _autolink(link: str) -> str:
    """`<link>` when it is a plain URL; escaped text when anything in it could end the autolink."""
    return f"<{link}>" if re.fullmatch(r"[^\s<>]+", link) else md(link)


def readme(views: Sequence[View], title: str, *, base_url: str = "", missing: str | None = None,
           today: dt.date | None = None) -> str:
    """The bundle's README.md: what each file shows, its source, the link back, full citations.

    `missing` says why the PNG and SVG files are not in the zip (None when they are).
    """
    when = (today or dt.date.today()).isoformat()
    out = [f"# {md(title)}", "", f"Made with {APP_NAME} on {when}. {len(views)} chart(s).", ""]
    if missing is not None:
        out += ["PNG and SVG files are missing: the charts could not be drawn here. "
                "The CSV files hold the data of every chart. Why, and what to do:", "",
                *_fenced(missing), ""]
    out += ["## Charts", ""]
    for n, view in enumerate(views, start=1):
        stem = member_stem(n, view)
        chrome = chrome_of(view.figure)
        files = [f"`{stem}.png`", f"`{stem}.svg`"] if missing is None else []
        files.append(f"`{stem}.csv` (the data shown; cells a spreadsheet would run as formulas start with ')")
        link = absolute(view.link, base_url) if base_url else view.link
        out += [f"### {n}. {md(view.title)}", "", f"- Shown: {md(view.subtitle)}", f"- Source: {md(view.source)}"]
        if chrome:
            out.append(f"- Licence: {md(chrome.licence)}")
        if link:
            out.append(f"- Open this view: {_autolink(link)}")
        out += [f"- Files: {', '.join(files)}", ""]
    out += ["## Sources and licences", ""]
    for c in citations.ALL:
        out += [f"### {c.name}", "", f"{c.cite}", "", f"Licence: {c.licence}"]
        if c.url:
            out += ["", f"<{c.url}>"]
        out.append("")
    return "\n".join(out)


def build_bundle(
    views: Sequence[View],
    title: str,
    *,
    base_url: str = "",
    images: Images | None = None,
    today: dt.date | None = None,
) -> bytes:
    """Zip bytes: NN-id.png, NN-id.svg, NN-id.csv for each view and README.md.

    `images` are shared with the deck and the PDF (drawn here when not given). When they cannot be
    drawn (no browser, no temporary space, a browser that died twice) the zip still holds every CSV
    and a README that says why the images are missing.
    """
    batch = images or Images(views)
    missing: str | None = None
    pngs: list[bytes] = []
    svgs: list[bytes] = []
    try:
        batch.draw("png", "svg")
        pngs, svgs = batch.png(), batch.svg()
    except ExportUnavailable as exc:
        missing = str(exc)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.md", readme(views, title, base_url=base_url, missing=missing, today=today))
        for n, view in enumerate(views, start=1):
            stem = member_stem(n, view)
            if missing is None:
                # PNGs are already compressed: stored as they are.
                zf.writestr(f"{stem}.png", pngs[n - 1], compress_type=zipfile.ZIP_STORED)
                zf.writestr(f"{stem}.svg", svgs[n - 1])
            zf.writestr(f"{stem}.csv", to_safe_csv(view.data))
    return buf.getvalue()
