"""The deck of real views, read back: native charts of exactly the views' data, alt text, notes, hostile text."""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pivotdash import briefing
from pivotdash.export import pptx_charts
from pivotdash.export.deck import build_deck
from pivotdash.export.images import picture_figure
from pivotdash.export.report import build_report
from pivotdash.figures.finish import SOURCE_ANNOTATION
from pivotdash.filters import Filters
from pivotdash.state import Item
from pivotdash.views.loaded import Loaded
from tests.export_fixtures import fake_images

ORDER = ("trade", "history", "claim_check", "compare", "episodes", "timeline", "map")
HOSTILE = ("<b>bold</b> <script>alert(1)</script> =HYPERLINK(\"http://x\") & "
           "\u202eשלום عربي\u202c " + " ".join(["long"] * 1000))


@pytest.fixture(scope="module")
def built() -> briefing.Built:
    items = [Item(briefing.standard_link(c, Filters()), message=f"Why {c} matters to the director.") for c in ORDER]
    out = briefing.build(items, Loaded())
    assert [v.id for v in out.views] == ["trade-composition", "trade-history", "trade-claims", "episodes-compare",
                                         "episodes-matrix", "timeline", "map"]
    return out


def _deck(built: briefing.Built, messages: list[str] | None = None) -> Presentation:
    views = built.views
    data = build_deck(views, "Briefing", base_url="http://host:8501", images=fake_images(views),
                      messages=messages if messages is not None else [i.message for i in built.items])
    return Presentation(io.BytesIO(data))


def _alt(shape) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""


def _values(series) -> list[float | None]:
    return [None if v is None else round(float(v), 6) for v in series.values]


def _col(values) -> list[float | None]:
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else round(float(v), 6) for v in values]


def test_native_charts_table_and_pictures(built: briefing.Built) -> None:
    prs = _deck(built)
    slides = list(prs.slides)[1:-1]
    kinds = []
    for slide in slides:
        charts = [s for s in slide.shapes if s.has_chart]
        tables = [s for s in slide.shapes if s.has_table]
        pics = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        kinds.append((len(charts), len(tables), len(pics)))
    assert kinds == [(1, 0, 0)] * 4 + [(0, 1, 0), (0, 0, 1), (0, 0, 1)]


def _chart(prs: Presentation, n: int):
    return next(s for s in list(prs.slides)[n].shapes if s.has_chart).chart


def test_composition_series_are_the_csv_without_published_points(built: briefing.Built) -> None:
    prs, view = _deck(built), built.views[0]
    chart = _chart(prs, 1)
    dots = view.data[(view.data["series"] == "IMF DOTS") & (view.data["partner"] != "world")]
    years = sorted(dots["year"].unique())
    assert [int(c) for c in chart.plots[0].categories] == years
    assert 2021 not in [int(c) for c in chart.plots[0].categories]  # published figures are points on the page
    got = {s.name: _values(s) for s in chart.plots[0].series}
    for name, sub in dots.groupby("partner_name"):
        assert got[name] == _col(sub.set_index("year")["share_pct"].reindex(years))
    assert got["EU27 (2020 members, every year)"][0] is None  # 1992 is not reported: a gap, not a zero
    xml = chart.element.xml
    assert '<c:dispBlanksAs val="gap"/>' in xml


def test_history_claims_and_compare_series_are_the_csv(built: briefing.Built) -> None:
    prs = _deck(built)
    hist = built.views[1].data
    chart = _chart(prs, 2)
    years = sorted(hist["year"].unique())
    for series in chart.plots[0].series:
        sub = hist[hist["partner_name"] == series.name].set_index("year")["share_pct"].reindex(years)
        assert _values(series) == _col(sub)
    claims = built.views[2].data
    chart = _chart(prs, 3)
    labels = {v: k for k, v in pptx_charts.claim_labels().items()}
    paper = {c.id: c.paper_value for c in pptx_charts.tc.CLAIMS}
    _bands, bars = chart.plots  # the tolerance bands, drawn first (behind), then the data's bars
    rows_shown = [c.rsplit(" – ", 1) for c in bars.categories]  # one row per claim and year
    assert {int(y) for _, y in rows_shown} == set(claims["year"])
    for series in bars.series:
        rows = claims[claims["year"] == int(series.name)].set_index("claim")["data_unrounded"]
        want = [100 * rows[labels[c]] / paper[labels[c]] if int(y) == int(series.name) else None for c, y in rows_shown]
        assert _values(series) == _col(want)
    compare = built.views[3].data
    chart = _chart(prs, 4)
    for series in chart.plots[0].series:
        xs = _xs(series)
        want = sorted(compare.loc[compare["turn_east"] == series.name, "years_since_start"].dropna())
        assert sorted(xs) == pytest.approx(want)


def test_the_claims_chart_draws_the_pages_tolerance_bands_behind_its_bars(built: briefing.Built) -> None:
    chart = _chart(_deck(built), 3)
    bands, bars = chart.plots
    xml = chart.element.xml
    assert xml.index('<c:grouping val="stacked"/>') < xml.index('<c:grouping val="clustered"/>')  # bands first
    edges = [0.0]
    for series in bands.series:
        widths = set(series.values)
        assert len(widths) == 1  # a band is as wide on every row
        edges.append(edges[-1] + widths.pop())
    assert edges == [0, 75, 90, 110, 125]  # ±25% and ±10% of the paper's figure, as the page draws them
    fills = [s._element.xpath("./c:spPr/a:solidFill/a:srgbClr/@val") for s in bands.series]
    assert fills == [[], ["F6F2DD"], ["CFE4D6"], ["F6F2DD"]]  # no fill under 75; roughly, holds, roughly
    legend = chart.element.xpath("./c:chart/c:legend/c:legendEntry[c:delete/@val='1']/c:idx/@val")
    assert sorted(legend) == sorted(s._element.xpath("./c:idx/@val")[0] for s in list(bands.series)[::3])
    assert [s.name for s in bars.series] == sorted(s.name for s in bars.series)  # the data, one series a year
    # The bars sit on a hidden twin of the visible axes, scaled alike.
    assert xml.count("<c:valAx>") == 2 and xml.count('<c:delete val="1"/>') >= 2
    assert len(set(chart.element.xpath(".//c:valAx/c:scaling/c:max/@val"))) == 1


def _xs(series) -> list[float]:
    """An XY series' x values where it has a point (its y is not blank)."""
    ser = series._element
    xs = {int(p.get("idx")): float(p[0].text) for p in ser.xpath("./c:xVal//c:pt")}
    ys = {int(p.get("idx")) for p in ser.xpath("./c:yVal//c:pt")}
    return [xs[i] for i in sorted(ys)]


def test_matrix_is_a_native_table_of_the_csv(built: briefing.Built) -> None:
    prs, view = _deck(built), built.views[4]
    table = next(s for s in list(prs.slides)[5].shapes if s.has_table).table
    assert [table.cell(0, j).text for j in range(len(view.data.columns))] == list(view.data.columns)
    for i, row in enumerate(view.data.fillna("").itertuples(index=False), start=1):
        assert [table.cell(i, j).text for j in range(len(row))] == [str(v) for v in row]


def test_one_title_message_alt_text_footer_and_notes(built: briefing.Built) -> None:
    prs = _deck(built)
    for slide, view, item in zip(list(prs.slides)[1:-1], built.views, built.items, strict=True):
        titles = [s for s in slide.shapes if s.is_placeholder and s.placeholder_format.type in (1, 3)]
        assert len(titles) == 1 and titles[0].text_frame.text == view.title
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert item.message in texts
        assert sum(view.title in t for t in texts) == 1  # the title once, as the title
        shown = [s for s in slide.shapes if s.has_chart or s.has_table or s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        for shape in shown:
            alt = _alt(shape)
            assert view.title in alt and item.message in alt and view.subtitle in alt
            assert not alt.lower().endswith((".png", ".jpg")) and "image.png" not in alt
        footer = "\n".join(texts)
        assert f"Source: {view.source}" in footer and view.licence in footer
        notes = slide.notes_slide.notes_text_frame.text
        assert "http://host:8501" + view.link in notes and f"Key message: {item.message}" in notes
        assert "Citation: " in notes


def test_pictures_carry_no_title_or_source_of_their_own(built: briefing.Built) -> None:
    for view in built.views[5:]:
        fig = picture_figure(view.figure)
        assert fig.layout.title.text == "" and not fig.layout.title.subtitle.text
        assert all(a.name != SOURCE_ANNOTATION for a in fig.layout.annotations)
        assert fig.layout.margin.t < view.figure.layout.margin.t


def test_hostile_titles_and_messages_stay_text(built: briefing.Built) -> None:
    views = [briefing.titled(v, HOSTILE[:200]) for v in built.views]
    messages = [HOSTILE] * len(views)
    prs = Presentation(io.BytesIO(build_deck(views, HOSTILE[:200], images=fake_images(views), messages=messages)))
    for slide in list(prs.slides)[1:-1]:
        assert slide.shapes.title.text_frame.text == HOSTILE[:200].strip()
        assert HOSTILE in [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        shown = [s for s in slide.shapes if s.has_chart or s.has_table or s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert HOSTILE in _alt(shown[0])


def test_pdf_briefing_has_language_alt_text_bookmarks_and_messages(built: briefing.Built) -> None:
    views = built.views
    pdf = build_report(views, "Briefing", images=fake_images(views), messages=[i.message for i in built.items])
    assert b"/Lang (en)" in pdf
    assert pdf.count(b"/Alt ") >= len(views)
    assert b"/Outlines" in pdf and pdf.count(b"/Parent ") >= len(views) + 2  # a bookmark per page
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        for item, view in zip(built.items, views, strict=True):
            assert item.message in text and view.title in text


OFFICE = shutil.which("soffice")
RASTER = shutil.which("pdftoppm")


@pytest.mark.skipif(OFFICE is None or RASTER is None,
                    reason="needs LibreOffice (`apt-get install libreoffice-impress`) and pdftoppm (poppler-utils)")
def test_deck_opens_in_libreoffice_and_no_page_is_blank(built: briefing.Built, tmp_path: Path) -> None:
    views = built.views
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_deck(views, "Briefing", images=fake_images(views),
                                messages=[i.message for i in built.items]))
    subprocess.run([str(OFFICE), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)], check=True, timeout=180,
                   capture_output=True)
    subprocess.run([str(RASTER), "-r", "40", "-png", str(tmp_path / "deck.pdf"), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(views) + 2
    for page in pages:
        img = Image.open(page).convert("RGB")
        counts = img.getcolors(maxcolors=1 << 24) or []
        white = sum(n for n, p in counts if min(p) > 245) / (img.width * img.height)
        colours = len(counts)
        assert white < 0.99 and colours >= 8, f"{page.name} is (nearly) blank: {white:.1%} white, {colours} colours"
    # The chart slides draw their data: many colours beyond the text's greys.
    for n in range(2, 6):
        img = Image.open(tmp_path / f"page-{n}.png").convert("RGB")
        assert len(img.getcolors(maxcolors=1 << 24) or []) > 40, f"page {n}: the native chart did not draw"


def test_gaps_are_not_zeros_in_the_chart_data(built: briefing.Built) -> None:
    spec = pptx_charts.spec_of(built.views[0])
    assert spec is not None
    frame = pd.DataFrame({s.name: list(s.values) for s in spec.data})
    assert frame.isna().any().any() and not (frame == 0).any().any()
