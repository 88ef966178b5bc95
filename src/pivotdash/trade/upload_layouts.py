"""The CSV layouts an analyst can upload, as data: which columns identify each, what each column means."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# How a layout holds its numbers:
# - "year_columns": one row per series, one column per period ("2019", "2019Q1");
# - "flow_columns": one row per partner and period, one column per indicator;
# - "long": one row per observation, the flow and the value in columns of their own.
Shape = Literal["year_columns", "flow_columns", "long"]

# IMF indicator codes, old portal (TXG_…) and current portal (XG_…), to the flows the app knows.
IMF_FLOWS: dict[str, str] = {
    "TXG_FOB_USD": "exports", "XG_FOB_USD": "exports",
    "TMG_CIF_USD": "imports_cif", "MG_CIF_USD": "imports_cif",
    "TMG_FOB_USD": "imports_fob", "MG_FOB_USD": "imports_fob",
}


@dataclass(frozen=True)
class Filter:
    """Rows whose `column` holds none of `allowed` (upper-cased) are left out and counted as `what`."""

    column: str
    allowed: frozenset[str]
    what: str


@dataclass(frozen=True)
class Layout:
    """One service's CSV export: the header names that identify it and where a record's parts are."""

    name: str
    publisher: str  # for the chart's source and licence line
    licence: str
    required: tuple[str, ...]  # header names that identify it (matched case-insensitively)
    shape: Shape
    reporter: str
    partner: str
    year: tuple[str, ...] = ()  # first present wins; none for "year_columns"
    flow: str = ""  # the column naming the flow ("long", "year_columns")
    flows: dict[str, str] = field(default_factory=dict)  # its codes (upper-cased) → exports / imports_cif / …
    value: str = ""  # "long" only
    partner_iso: str = ""
    partner_code: str = ""
    world_codes: frozenset[str] = frozenset()  # partner codes meaning the world total
    attribute: str = ""  # "year_columns": only rows whose attribute is "Value" hold numbers
    filters: tuple[Filter, ...] = ()
    codes_with_labels: bool = False  # cells may read "RUS: Russian Federation" (SDMX-CSV with labels)
    in_us_dollars: bool | None = None  # True: values in US$; None: decide from the size of the World totals


_IMF_LICENCE = "Data: IMF, reuse with attribution (IMF terms of use)"
_COMTRADE_LICENCE = "Data: UN Comtrade, under its terms of use"

# data.imf.org before November 2025 ("time series" and "panel" CSV downloads of DOTS).
IMF_DOTS_SERIES = Layout(
    "IMF DOTS (time series CSV)", "International Monetary Fund, Direction of Trade Statistics", _IMF_LICENCE,
    ("Country Name", "Indicator Code", "Counterpart Country Name", "Attribute"), "year_columns",
    reporter="Country Name", partner="Counterpart Country Name", flow="Indicator Code", flows=IMF_FLOWS,
    attribute="Attribute",
)
IMF_DOTS_PANEL = Layout(
    "IMF DOTS (panel CSV)", "International Monetary Fund, Direction of Trade Statistics", _IMF_LICENCE,
    ("Country Name", "Counterpart Country Name", "Time Period"), "flow_columns",
    reporter="Country Name", partner="Counterpart Country Name", year=("Time Period",), flows=IMF_FLOWS,
)
# The IMF's current data portal (data.imf.org/en/datasets/IMF.STA:IMTS, "International Trade in Goods
# (by partner country)", DOTS's successor): an SDMX-CSV with one observation per row, the dimensions
# COUNTRY (reporter, ISO3), INDICATOR (XG_FOB_USD goods exports f.o.b., MG_CIF_USD imports c.i.f.,
# MG_FOB_USD imports f.o.b., in US dollars), COUNTERPART_COUNTRY, FREQUENCY (A/Q/M) and the columns
# TIME_PERIOD and OBS_VALUE, after a DATAFLOW column "IMF.STA:IMTS(1.0.0)". Layout checked against the
# dataflow IMF.STA/IMTS/1.0.0 of the IMF's SDMX 3.0 API as the CRAN package readimf documents it
# (its imf_dots(): "from the IMF IMTS data flow (the successor to Direction of Trade Statistics)",
# exports f.o.b. and imports c.i.f. in US dollars). With labels, a cell reads "RUS: Russian Federation".
IMF_IMTS = Layout(
    "IMF IMTS (data portal SDMX-CSV)", "International Monetary Fund, International Trade in Goods by partner "
    "(IMTS)", _IMF_LICENCE,
    ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "TIME_PERIOD", "OBS_VALUE"), "long",
    reporter="COUNTRY", partner="COUNTERPART_COUNTRY", year=("TIME_PERIOD",), flow="INDICATOR", flows=IMF_FLOWS,
    value="OBS_VALUE", partner_iso="COUNTERPART_COUNTRY", world_codes=frozenset({"W00", "G001", "WLD"}),
    filters=(Filter("FREQUENCY", frozenset({"A"}), "quarterly and monthly rows"),),
    codes_with_labels=True,
)
COMTRADE_PLUS = Layout(
    "UN Comtrade (comtradeplus CSV)", "UN Comtrade", _COMTRADE_LICENCE,
    ("refYear", "reporterDesc", "flowCode", "partnerDesc", "primaryValue"), "long",
    reporter="reporterDesc", partner="partnerDesc", year=("refYear", "period"), flow="flowCode",
    flows={"X": "exports", "M": "imports_cif"}, value="primaryValue", partner_iso="partnerISO",
    partner_code="partnerCode", world_codes=frozenset({"0"}),
    filters=(Filter("freqCode", frozenset({"A"}), "monthly rows"),
             Filter("cmdCode", frozenset({"TOTAL"}), "rows for single commodities (not TOTAL)"),
             Filter("partner2Code", frozenset({"0", ""}), "rows by second partner"),
             Filter("customsCode", frozenset({"C00", ""}), "rows by customs procedure"),
             Filter("motCode", frozenset({"0", ""}), "rows by mode of transport")),
    in_us_dollars=True,
)
COMTRADE_LEGACY = Layout(
    "UN Comtrade (legacy CSV)", "UN Comtrade", _COMTRADE_LICENCE,
    ("Year", "Trade Flow", "Reporter", "Partner", "Trade Value (US$)"), "long",
    reporter="Reporter", partner="Partner", year=("Year",), flow="Trade Flow",
    flows={"EXPORT": "exports", "IMPORT": "imports_cif"}, value="Trade Value (US$)", partner_iso="Partner ISO",
    partner_code="Partner Code", world_codes=frozenset({"0"}),
    filters=(Filter("Commodity Code", frozenset({"TOTAL"}), "rows for single commodities (not TOTAL)"),),
    in_us_dollars=True,
)

LAYOUTS: tuple[Layout, ...] = (IMF_DOTS_SERIES, IMF_DOTS_PANEL, IMF_IMTS, COMTRADE_PLUS, COMTRADE_LEGACY)

EXPECTED = ("e.g. 'Country Name, Indicator Code, Counterpart Country Name, Attribute, 2019, …' (IMF, old portal), "
            "'COUNTRY, INDICATOR, COUNTERPART_COUNTRY, FREQUENCY, TIME_PERIOD, OBS_VALUE' (IMF IMTS) or "
            "'refYear, reporterDesc, flowCode, partnerDesc, primaryValue' (UN Comtrade)")


def closest(header: list[str]) -> tuple[Layout | None, Layout | None, list[str]]:
    """(layout, None, []) when one matches; else (None, nearest layout or None, its missing columns)."""
    have = {h.lower() for h in header}
    best: tuple[int, Layout] | None = None
    for layout in LAYOUTS:
        missing = [c for c in layout.required if c.lower() not in have]
        if not missing:
            return layout, None, []
        score = len(layout.required) - len(missing)
        if score and (best is None or score > best[0]):
            best = (score, layout)
    if best is None:
        return None, None, []
    return None, best[1], [c for c in best[1].required if c.lower() not in have]
