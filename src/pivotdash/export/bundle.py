"""A zip of a briefing: every chart as PNG, SVG and CSV, plus a README with citations and licences."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence

from pivotdash.export import citations
from pivotdash.export.tables import to_safe_csv
from pivotdash.figures.finish import APP_NAME, chrome_of
from pivotdash.state import absolute
from pivotdash.views import View

ImageFn = Callable[[View], bytes]


def _batch(views: Sequence[View], fn: ImageFn | None, fmt: str) -> list[bytes]:
    """One image per view: `fn` when given (tests), else one batch through the shared browser."""
    if fn is not None:
        return [fn(v) for v in views]
    from pivotdash.export.images import render_many

    return render_many([v.figure for v in views], "svg" if fmt == "svg" else "png", scale=2)


def member_stem(n: int, view: View) -> str:
    """`01-timeline`: numbered in briefing order so the files sort as the slides do."""
    return f"{n:02d}-{view.id}"


def readme(views: Sequence[View], title: str, *, base_url: str = "", images: bool = True,
           today: dt.date | None = None) -> str:
    """The bundle's README.md: what each file shows, its source, the link back, full citations."""
    when = (today or dt.date.today()).isoformat()
    out = [f"# {title}", "", f"Made with {APP_NAME} on {when}. {len(views)} chart(s).", ""]
    if not images:
        out += ["PNG and SVG files are missing: this machine had no Chrome/Chromium to draw them "
                "(`apt-get install chromium`). The CSV files hold the data of every chart.", ""]
    out += ["## Charts", ""]
    for n, view in enumerate(views, start=1):
        stem = member_stem(n, view)
        chrome = chrome_of(view.figure)
        files = [f"`{stem}.png`", f"`{stem}.svg`"] if images else []
        files.append(f"`{stem}.csv` (the data shown; cells a spreadsheet would run as formulas start with ')")
        link = absolute(view.link, base_url) if base_url else view.link
        out += [f"### {n}. {view.title}", "", f"- Shown: {view.subtitle}", f"- Source: {view.source}"]
        if chrome:
            out.append(f"- Licence: {chrome.licence}")
        if link:
            out.append(f"- Open this view: <{link}>")
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
    png: ImageFn | None = None,
    svg: ImageFn | None = None,
    images: bool = True,
    today: dt.date | None = None,
) -> bytes:
    """Zip bytes: NN-id.png, NN-id.svg, NN-id.csv for each view and README.md."""
    pngs = _batch(views, png, "png") if images else []
    svgs = _batch(views, svg, "svg") if images else []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.md", readme(views, title, base_url=base_url, images=images, today=today))
        for n, view in enumerate(views, start=1):
            stem = member_stem(n, view)
            if images:
                # PNG is already compressed: store it rather than deflate it again.
                zf.writestr(f"{stem}.png", pngs[n - 1], compress_type=zipfile.ZIP_STORED)
                zf.writestr(f"{stem}.svg", svgs[n - 1])
            zf.writestr(f"{stem}.csv", to_safe_csv(view.data))
    return buf.getvalue()
