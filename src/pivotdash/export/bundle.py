"""A zip of a briefing: every chart as PNG, SVG and CSV, plus a README with citations and licences."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pivotdash.errors import ExportUnavailable
from pivotdash.export import citations
from pivotdash.export.images import BatchFormat, Images
from pivotdash.export.names import member_stem
from pivotdash.figures.finish import APP_NAME, chrome_of
from pivotdash.state import absolute
from pivotdash.text import plain_markdown
from pivotdash.views import View

md = plain_markdown  # every text that comes from a title, a link or the data is written as text, never markup


@dataclass(frozen=True)
class Member:
    """One file per view in the zip (the formats table lists them): its suffix, a note for the README, its maker."""

    suffix: str
    note: str = ""
    drawn: BatchFormat | None = None  # taken from the briefing's one image batch
    make: Callable[[View], bytes] | None = None  # else made from the view

    def __post_init__(self) -> None:
        if (self.drawn is None) == (self.make is None):
            raise ValueError(f"zip member .{self.suffix}: give either drawn or make")


def _fenced(text: str) -> list[str]:
    """`text` as a literal block: the fence is longer than any run of backticks inside it."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
    return [f"{fence}text", text, fence]


def _autolink(link: str) -> str:
    """`<link>` when it is a plain URL; escaped text when anything in it could end the autolink."""
    return f"<{link}>" if re.fullmatch(r"[^\s<>]+", link) else md(link)


def readme(views: Sequence[View], title: str, members: Sequence[Member], *, base_url: str = "",
           missing: str | None = None, today: dt.date | None = None) -> str:
    """The bundle's README.md: what each file shows, its source, the link back, full citations.

    `missing` says why the drawn files (PNG, SVG) are not in the zip (None when they are).
    """
    when = (today or dt.date.today()).isoformat()
    out = [f"# {md(title)}", "", f"Made with {APP_NAME} on {when}. {len(views)} chart(s).", ""]
    if missing is not None:
        drawn = " and ".join(m.suffix.upper() for m in members if m.drawn)
        made = " and ".join(m.suffix.upper() for m in members if m.make)
        out += [f"{drawn} files are missing: the charts could not be drawn here. "
                f"The {made} files hold the data of every chart. Why, and what to do:", "",
                *_fenced(missing), ""]
    out += ["## Charts", ""]
    for n, view in enumerate(views, start=1):
        stem = member_stem(n, view)
        chrome = chrome_of(view.figure)
        files = [f"`{stem}.{m.suffix}`" + (f" ({m.note})" if m.note else "")
                 for m in members if missing is None or not m.drawn]
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
    members: Sequence[Member],
    base_url: str = "",
    images: Images | None = None,
    today: dt.date | None = None,
) -> bytes:
    """Zip bytes: NN-id.<suffix> for each view and member (e.g. PNG, SVG, CSV), and README.md.

    `images` are shared with the deck and the PDF (drawn here when not given). When they cannot be
    drawn (no browser, no temporary space, a browser that died twice) the zip still holds the files
    made from the data (the CSVs) and a README that says why the images are missing.
    """
    batch = images or Images(views)
    missing: str | None = None
    drawn: dict[BatchFormat, list[bytes]] = {}
    kinds = [m.drawn for m in members if m.drawn]
    try:
        batch.draw(*kinds)
        drawn = {k: (batch.png() if k == "png" else batch.svg()) for k in kinds}
    except ExportUnavailable as exc:
        missing = str(exc)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.md", readme(views, title, members, base_url=base_url, missing=missing, today=today))
        for n, view in enumerate(views, start=1):
            stem = member_stem(n, view)
            for m in members:
                if m.drawn and m.drawn in drawn:
                    # PNGs are already compressed: stored as they are.
                    stored = zipfile.ZIP_STORED if m.drawn == "png" else None
                    zf.writestr(f"{stem}.{m.suffix}", drawn[m.drawn][n - 1], compress_type=stored)
                elif m.make is not None:
                    zf.writestr(f"{stem}.{m.suffix}", m.make(view))
    return buf.getvalue()
