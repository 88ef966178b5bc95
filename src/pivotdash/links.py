"""Links that reopen a view: the page path and the shared filters as URL query parameters."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from pivotdash import schema
from pivotdash.filters import YEAR_MAX, YEAR_MIN, Filters

DEFAULT_BASE_URL = "http://127.0.0.1:8501"


def view_link(page: str, f: Filters, extra: dict[str, str] | Iterable[tuple[str, str]] | None = None) -> str:
    """`/page?era=…&driver=…&years=…` in the form the app's bound widgets read back.

    The sidebar widgets are bound to the URL with their human labels as values and repeat a
    parameter per selected item; defaults are left out, as Streamlit does.
    """
    params: list[tuple[str, str]] = [("era", schema.ERAS.get(e, e)) for e in f.eras]
    params += [("driver", schema.DRIVERS.get(d, d)) for d in f.drivers]
    if f.years != (YEAR_MIN, YEAR_MAX):
        params += [("years", str(f.years[0])), ("years", str(f.years[1]))]
    params += [("category", schema.CATEGORIES.get(c, c)) for c in f.categories]
    params += [("outcome", schema.OUTCOMES.get(o, o)) for o in f.outcomes]
    if f.query.strip():
        params.append(("q", f.query.strip()))
    params += list(extra.items() if isinstance(extra, dict) else extra or ())
    query = urlencode(params)
    return f"/{page.strip('/')}" + (f"?{query}" if query else "")


def absolute(link: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """`link` made absolute against the app's address (a link already absolute is kept)."""
    if not link or link.startswith(("http://", "https://")):
        return link
    return base_url.rstrip("/") + "/" + link.lstrip("/")
