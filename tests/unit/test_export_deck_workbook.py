"""The workbook inside each native chart ("Edit data"): names that look like formulas or links stay text."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from xml.etree import ElementTree

import pytest

from pivotdash import briefing
from pivotdash.export.deck import build_deck
from pivotdash.filters import Filters
from pivotdash.state import Item
from pivotdash.views import View
from pivotdash.views.loaded import Loaded
from tests.export_fixtures import fake_images

# What a spreadsheet runs or links when a cell begins with it: each becomes a partner's or a turn's name.
HOSTILE = ('=HYPERLINK("http://example.invalid","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "http://example.invalid/x", "=1+1")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _renamed(view: View, column: str) -> tuple[View, list[str]]:
    """`view` with each distinct value of `column` given one of the hostile names, and the names used."""
    names = list(dict.fromkeys(view.data[column]))
    mapping = {n: HOSTILE[i % len(HOSTILE)] + ("" if i < len(HOSTILE) else f" {i}") for i, n in enumerate(names)}
    return replace(view, data=view.data.assign(**{column: view.data[column].map(mapping)})), list(mapping.values())


@pytest.fixture(scope="module")
def hostile() -> tuple[list[View], list[str]]:
    links = [briefing.standard_link(c, Filters()) for c in ("trade", "history", "compare")]
    built = briefing.build([Item(x) for x in links], Loaded())
    trade, history, compare = built.views
    out, names = [], []
    for view, column in ((trade, "partner_name"), (history, "partner_name"), (compare, "turn_east")):
        renamed, used = _renamed(view, column)
        out.append(renamed)
        names += used
    return out, names


def _workbooks(deck: bytes) -> list[zipfile.ZipFile]:
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        blobs = [z.read(n) for n in z.namelist() if re.fullmatch(r"ppt/embeddings/.*\.xlsx", n)]
    return [zipfile.ZipFile(io.BytesIO(b)) for b in blobs]


def _cells(book: zipfile.ZipFile) -> tuple[list[ElementTree.Element], list[str]]:
    sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    shared = ElementTree.fromstring(book.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in book.namelist() \
        else None
    strings = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in shared] if shared is not None else []
    return sheet.findall(".//m:c", NS), strings


def test_every_name_in_the_embedded_workbooks_is_text_never_a_formula(hostile: tuple[list[View], list[str]]) -> None:
    views, names = hostile
    deck = build_deck(views, "Briefing", images=fake_images(views))
    books = _workbooks(deck)
    assert len(books) == 3  # one workbook per native chart
    texts: set[str] = set()
    for book in books:
        cells, strings = _cells(book)
        assert all(c.find("m:f", NS) is None for c in cells), "a cell holds a formula"
        assert "xl/worksheets/_rels/sheet1.xml.rels" not in book.namelist()  # no hyperlink relationships
        for cell in cells:
            if cell.get("t") == "s":
                texts.add(strings[int(cell.findtext("m:v", namespaces=NS) or "0")])
            else:  # every other cell is a number: the values stay numeric
                assert cell.get("t") in (None, "n")
                float(cell.findtext("m:v", namespaces=NS) or "nan")
    shown = [n for n in names if n in texts]
    assert set(HOSTILE) <= set(shown), f"missing as text: {set(HOSTILE) - set(shown)}"
