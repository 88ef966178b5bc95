"""The source and licence lines charts print under themselves: one spelling of each."""

from __future__ import annotations

from pivotdash.export import citations
from pivotdash.figures.finish import CHART_LICENCE

PAPER = citations.PAPER.line
PAPER_AND_EVENTS = f"{PAPER}; later events as cited per event"
DOTS = "International Monetary Fund, Direction of Trade Statistics (DOTS)"
DOTS_LICENCE = f"Data: IMF DOTS, reuse with attribution · {CHART_LICENCE}"
RICARDO = (
    "RICardo: Dedinger & Girard (2017), “Exploring trade globalization in the long run: the RICardo project”, "
    "Historical Methods 50(1):30–48; dataset 2017.12, doi:10.5281/zenodo.1119592 (Valetov 1827–1917; "
    "League of Nations 1926–1937)"
)
RICARDO_LICENCE = f"Data: RICardo, ODbL 1.0 (derived table ODbL) · {CHART_LICENCE}"
# Both trade sources on one chart (the Episodes page's same-age comparison), short enough for the 564 px column.
TRADE_SHARES = ("trade shares: IMF DOTS (1992–2020); RICardo, Dedinger & Girard (2017), doi:10.5281/zenodo.1119592 "
                "(1827–1937)")
DOTS_AND_RICARDO_LICENCE = (f"Data: IMF DOTS, reuse with attribution; RICardo, ODbL 1.0 (derived table ODbL) · "
                            f"{CHART_LICENCE}")
CLAIMS = f"{DOTS}; {PAPER}, p33 and p35"
MAP = (
    f"Natural Earth 1:50m (public domain); {PAPER}, and sources cited per event; "
    "coordinates as cited per row in data/flashpoints.csv and data/routes.csv"
)
