"""The citation table: every source the app shows, how to cite it and its licence; one home for all of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """One source: how to cite it, under what terms it is used, where to find it."""

    key: str
    name: str
    cite: str
    licence: str
    url: str = ""
    short: str = ""  # the one-line form chart source notes use

    @property
    def line(self) -> str:
        """The short form when there is one, else the full citation."""
        return self.short or self.cite.rstrip(".")


# Wording of the DOTS and RICardo entries follows ../shared/reference/trade/PROVENANCE.md.
PAPER = Citation(
    "paper",
    "The paper",
    "Chris Miller, “Will Russia's Pivot to Asia Last?”, Foreign Policy Research Institute (FPRI), December 2019.",
    "© Foreign Policy Research Institute. Quoted and summarised with attribution; "
    "the text ships with the app for reference.",
    short="Chris Miller, “Will Russia's Pivot to Asia Last?”, FPRI, Dec. 2019",
)
IMF_DOTS = Citation(
    "imf_dots",
    "IMF Direction of Trade Statistics",
    "International Monetary Fund, Direction of Trade Statistics (DOTS), annual exports FOB by partner, "
    "US$ millions, data through 2020.",
    "Data © IMF; the IMF's terms allow extracting, redistributing and deriving works with attribution. "
    "Cite as: “Source: International Monetary Fund, Direction of Trade Statistics (DOTS)”.",
)
RICARDO = Citation(
    "ricardo",
    "RICardo historical trade database",
    "Béatrice Dedinger and Paul Girard (2017), “Exploring trade globalization in the long run: "
    "the RICardo project”, Historical Methods 50(1):30–48; RICardo dataset 2017.12, doi:10.5281/zenodo.1119592.",
    "Open Database License (ODbL 1.0); contents under the Database Contents License (DbCL 1.0). "
    "Tables derived from it are published under ODbL 1.0, attributed.",
    "https://doi.org/10.5281/zenodo.1119592",
)
NATURAL_EARTH = Citation(
    "natural_earth",
    "Natural Earth",
    "Natural Earth, free vector map data at 1:50m scale (country outlines for the basemap).",
    "Public domain.",
    "https://www.naturalearthdata.com/",
)
APP = Citation(
    "app",
    "pivotdash",
    "pivotdash: Russia's turns East, built on Chris Miller's FPRI paper and public trade data.",
    "Charts CC BY 4.0: share and adapt them with attribution to pivotdash and the sources above.",
)

ALL: tuple[Citation, ...] = (PAPER, IMF_DOTS, RICARDO, NATURAL_EARTH, APP)


def as_text(c: Citation) -> str:
    """One citation as plain text: name, citation, licence and address."""
    url = f" {c.url}" if c.url else ""
    return f"{c.name}: {c.cite} Licence: {c.licence}{url}"


# The words by which a chart's source line names each citation (the lines come from views/credits.py).
_NAMED_BY = {"paper": "Chris Miller", "imf_dots": "Direction of Trade", "ricardo": "RICardo",
             "natural_earth": "Natural Earth"}


def cited_in(source: str) -> list[Citation]:
    """The citations a chart's source line names, in the table's order (for a slide's notes)."""
    return [c for c in ALL if c.key in _NAMED_BY and _NAMED_BY[c.key] in source]
