"""Native PowerPoint charts and tables built from a view's own data, editable in PowerPoint and Impress."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

import pandas as pd
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt
from xlsxwriter import Workbook

from pivotdash import state as ps
from pivotdash import theme
from pivotdash.figures.trade import colour
from pivotdash.trade import claims as tc
from pivotdash.views import View

# Arial has Liberation Sans's metrics (pivotdash's first font), and Impress maps one to the other.
FONT = "Arial"
PUBLISHED = "published figure"  # composition rows outside the DOTS series: points on the page, not in the chart
WORLD = "world"  # the composition's total, drawn on the page as the "not split" band, not stacked again
TABLE_WIDTH = Emu(11_460_000)  # the default deck's chart box: type at full size
CELL_MARGIN = 45720
TURN_COLOURS = (theme.OKABE_ITO["blue"], theme.OKABE_ITO["vermillion"], theme.OKABE_ITO["green"])


class _TextCells:
    """The embedded workbook's writer with every string stored as text.

    python-pptx writes the chart's workbook with xlsxwriter, whose `write()` turns a string beginning with
    "=" into a formula and one beginning with "http://" into a link: a partner or turn named "=HYPERLINK(…)"
    would run when the analyst opens "Edit data in Excel". Numbers stay numbers.
    """

    @contextmanager
    def _open_worksheet(self, xlsx_file: IO[bytes]) -> Iterator[tuple[Any, Any]]:
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _TextCategoryWriter(_TextCells, CategoryWorkbookWriter):
    pass


class _TextXyWriter(_TextCells, XyWorkbookWriter):
    pass


class CategoryData(CategoryChartData):
    """Category chart data whose embedded workbook holds names as text, never formulas."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextCategoryWriter(self)


class XyData(XyChartData):
    """XY chart data whose embedded workbook holds names as text, never formulas."""

    @property
    def _workbook_writer(self) -> XyWorkbookWriter:
        return _TextXyWriter(self)


@dataclass(frozen=True)
class Band:
    """One stacked segment of the bands behind a bar chart: its series name, width, colour (None: no fill)."""

    name: str
    width: float
    colour: str | None
    in_legend: bool = True


@dataclass(frozen=True)
class ChartSpec:
    """One native chart: its type, its data (exactly the view's), one colour per series, its axes' titles."""

    kind: XL_CHART_TYPE
    data: CategoryChartData | XyChartData
    colours: tuple[str, ...]
    value_title: str = ""
    category_title: str = ""
    number_format: str = "0"
    value_range: tuple[float, float] | None = None
    point_colours: tuple[str, ...] = ()  # one per category, for a single-series bar chart
    hide_value_labels: bool = False
    category_range: tuple[float | None, float | None] | None = None  # an XY chart's x axis
    bands: tuple[Band, ...] = ()  # stacked behind the bars (the claims' tolerance bands); their series come last


def _value(v: Any) -> float | None:
    """A cell as the chart holds it: a number, or None for a gap (never a zero)."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or pd.isna(v):
        return None
    return float(v)


def _trade_view(view: View) -> Any:
    parsed = ps.parse_link(view.link)
    return parsed.state.view if isinstance(parsed.state, ps.TradeState) else None


def composition_series(view: View) -> tuple[str, str, list[int], list[tuple[str, str, list[float | None]]]]:
    """(chart, value column, years, [(partner id, name, values per year)]) of a composition view's DOTS rows."""
    tv = _trade_view(view)
    column = "share_pct" if tv.measure == "share" else "value_usd_bn"
    rows = view.data[(view.data["series"] != PUBLISHED) & (view.data["partner"] != WORLD)]
    years = sorted(int(y) for y in rows["year"].unique())
    out = []
    for pid, sub in rows.groupby("partner", sort=False):
        by_year = sub.set_index("year")[column]
        values = [_value(by_year.get(y)) for y in years]
        if tv.chart == "line" and all(v is None for v in values):
            continue  # as on the page: no empty legend entry (the CSV still lists the gaps)
        out.append((str(pid), str(sub["partner_name"].iloc[0]), values))
    return tv.chart, column, years, out


def _axis_title(tv: Any) -> str:
    what = "exports" if tv.flow == "exports" else "imports"
    return f"Share of Russia's {what} (%)" if tv.measure == "share" else f"Russia's {what}, US$ billion"


def _composition(view: View) -> ChartSpec | None:
    tv = _trade_view(view)
    if tv is None:
        return None
    chart, _, years, series = composition_series(view)
    fmt = "0" if tv.measure == "share" else "#,##0"
    if chart == "bar":
        # One bar per partner, smallest at the bottom as on the page (PowerPoint draws the first category lowest).
        ranked = sorted(series, key=lambda s: (s[0] != "rest_of_world", -math.inf if s[2][0] is None else s[2][0]))
        data = CategoryData(number_format="0.0")
        data.categories = [name for _, name, _ in ranked]
        data.add_series(str(years[0]) if years else "", [vals[0] for _, _, vals in ranked])
        return ChartSpec(XL_CHART_TYPE.BAR_CLUSTERED, data, (), _axis_title(tv), number_format=fmt,
                         point_colours=tuple(colour(pid, i) for i, (pid, _, _) in enumerate(ranked)))
    data = CategoryData(number_format="0.0")
    data.categories = years
    for _, name, values in series:
        data.add_series(name, values)
    colours = tuple(colour(pid, i) for i, (pid, _, _) in enumerate(series))
    if chart == "area":
        # Year-wide stacked columns, as the page draws its area: a year a partner does not report stays empty
        # (a stacked area chart would draw it as a zero).
        top = (0.0, 100.0) if tv.measure == "share" else None
        return ChartSpec(XL_CHART_TYPE.COLUMN_STACKED, data, colours, _axis_title(tv), number_format=fmt,
                         value_range=top)
    return ChartSpec(XL_CHART_TYPE.LINE_MARKERS, data, colours, _axis_title(tv), number_format=fmt)


def _history(view: View) -> ChartSpec:
    frame = view.data
    years = sorted(int(y) for y in frame["year"].unique())
    data = CategoryData(number_format="0.0")
    data.categories = years
    colours = []
    for i, (pid, sub) in enumerate(frame.groupby("partner", sort=False)):
        by_year = sub.set_index("year")["share_pct"]
        data.add_series(str(sub["partner_name"].iloc[0]), [_value(by_year.get(y)) for y in years])
        colours.append(colour(str(pid), i))
    flow = str(frame["flow"].iloc[0]) if len(frame) else "exports"
    return ChartSpec(XL_CHART_TYPE.LINE, data, tuple(colours), f"Share of Russia's {flow} (%)")


def claim_labels() -> dict[str, str]:
    return {c.id: f"{c.short} ({c.paragraph})" for c in tc.CLAIMS}


def claim_ratios(view: View) -> tuple[list[str], dict[int, list[float | None]]]:
    """The claims (first at the top) and, per year of data, each one's data as % of the paper's figure."""
    paper = {c.id: c.paper_value for c in tc.CLAIMS}
    order = [c.id for c in reversed(tc.CLAIMS) if c.id in set(view.data["claim"])]
    out: dict[int, list[float | None]] = {}
    for _, sub in view.data.groupby("year", sort=True):
        by_claim = sub.set_index("claim")["data_unrounded"]
        values = [_value(by_claim.get(c)) for c in order]
        out[int(sub["year"].iloc[0])] = [None if v is None else 100 * v / paper[c] for v, c in zip(values, order,
                                                                                                   strict=True)]
    return order, out


# The page's bands (figures/trade.claims_figure): yellow #DDCC77 at 25% and green #117733 at 20% over white,
# as solid colours (a chart's transparency renders differently in PowerPoint and Impress).
ROUGHLY_FILL, HOLDS_FILL = "#F6F2DD", "#CFE4D6"


def claim_bands() -> tuple[Band, ...]:
    """The tolerance bands as stacked segments from 0: nothing to −25%, roughly, holds (±10%), roughly to +25%."""
    rough, holds = 100 * tc.TOLERANCE_ROUGHLY, 100 * tc.TOLERANCE_HOLDS
    return (Band("band: below 75 (no fill)", 100 - rough, None, in_legend=False),
            Band("roughly (75–125)", rough - holds, ROUGHLY_FILL),
            Band("holds (90–110)", 2 * holds, HOLDS_FILL),
            Band("band: roughly, 110–125", rough - holds, ROUGHLY_FILL, in_legend=False))


def _claims(view: View) -> ChartSpec:
    """One row per claim and year ("claim – year"), over the tolerance bands.

    A row a year, not bars clustered by year: Impress spaces every bar of a chart as its first bar group
    (the bands: no gap, full overlap), so clustered years would hide one another there.
    """
    order, ratios = claim_ratios(view)
    labels = claim_labels()
    years = list(ratios)
    data = CategoryData(number_format="0")
    # Impress turns a second level of labels on a bar chart's axis on its side: one level, "claim – year".
    rows = [(k, year) for k in range(len(order)) for year in reversed(years)]  # the earlier year on top
    data.categories = [f"{labels[order[k]]} – {year}" for k, year in rows]
    for year in years:
        data.add_series(str(year), [ratios[year][k] if y == year else None for k, y in rows])
    bands = claim_bands()
    for band in bands:
        data.add_series(band.name, [band.width] * len(rows))
    top = max([v for values in ratios.values() for v in values if v is not None] + [100 * (1 + tc.TOLERANCE_ROUGHLY)])
    return ChartSpec(XL_CHART_TYPE.BAR_CLUSTERED, data, (theme.OKABE_ITO["vermillion"], theme.OKABE_ITO["blue"]),
                     "Data as % of the paper's figure (100 = as the paper says; holds: 90–110, roughly: 75–125)",
                     value_range=(0.0, 20.0 * math.ceil(top * 1.05 / 20)), bands=bands)


def compare_points(view: View) -> list[tuple[str, list[float]]]:
    """Each compared turn East and its events' years since it began (events without a date left out)."""
    out = []
    for _, sub in view.data.groupby("episode_id", sort=False):
        xs = [float(x) for x in sub["years_since_start"] if _value(x) is not None]
        out.append((str(sub["turn_east"].iloc[0]), xs))
    return out


def _compare(view: View) -> ChartSpec:
    turns = compare_points(view)
    # One shared x column, each series blank where another turn's event sits: Impress drops the first series
    # of a scatter chart whose series have x columns of their own.
    rows = sorted((x, k) for k, (_, xs) in enumerate(turns) for x in xs)
    data = XyData(number_format="0.0")
    for k, (name, _) in enumerate(turns):
        series = data.add_series(name)
        for x, owner in rows:
            series.add_data_point(x, len(turns) - k if owner == k else None)  # the first turn on the top row
    low = math.floor(min((x for x, _ in rows), default=0.0))
    return ChartSpec(XL_CHART_TYPE.XY_SCATTER, data, TURN_COLOURS, "",
                     "Years since the turn East began (its first year)", number_format="0",
                     value_range=(0.5, len(turns) + 0.5), hide_value_labels=True,
                     category_range=(min(0, low), None))


CHARTS: dict[str, Callable[[View], ChartSpec | None]] = {
    "trade-composition": _composition,
    "trade-history": _history,
    "trade-claims": _claims,
    "episodes-compare": _compare,
}
TABLES = frozenset({"episodes-matrix"})


def is_native(view: View) -> bool:
    """True when the view becomes a native chart or table (its slide needs no picture)."""
    if view.id in TABLES:
        return not view.data.empty
    return view.id in CHARTS and (view.id != "trade-composition" or _trade_view(view) is not None)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _gaps(chart: Any) -> None:
    """Blank cells show as gaps: python-pptx writes no <c:dispBlanksAs>, and Office's default is a zero."""
    space = chart.element
    node = space.find(f"{qn('c:chart')}/{qn('c:dispBlanksAs')}")
    if node is None:
        node = space.find(qn("c:chart")).makeelement(qn("c:dispBlanksAs"), {})
        # The schema orders it after plotVisOnly.
        after = space.find(f"{qn('c:chart')}/{qn('c:plotVisOnly')}")
        after.addnext(node)
    node.set("val", "gap")


@dataclass(frozen=True)
class _Type:
    """A chart's lettering: pivotdash's font and inks, or (`themed`) a template's font and its theme's text colour."""

    font: str = FONT
    themed: bool = False

    def paint(self, font: Any, ink: str) -> None:
        font.name = self.font
        if self.themed:
            font.color.theme_color = MSO_THEME_COLOR.TEXT_1
        else:
            font.color.rgb = _rgb(ink)


def _title(axis: Any, text: str, lettering: _Type) -> None:
    if not text:
        return
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = text
    font = frame.paragraphs[0].font
    font.size, font.bold = Pt(12), False
    lettering.paint(font, theme.MUTED_INK)


def _colour_series(chart: Any, spec: ChartSpec) -> None:
    line_kinds = (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
    for i, series in enumerate(chart.plots[0].series):
        c = _rgb(spec.colours[i % len(spec.colours)]) if spec.colours else None
        if spec.kind in line_kinds and c is not None:
            series.format.line.color.rgb = c
            series.format.line.width = Pt(2.25)
            series.smooth = False
            if spec.kind == XL_CHART_TYPE.LINE_MARKERS:
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = c
                series.marker.format.line.color.rgb = c
        elif spec.kind == XL_CHART_TYPE.XY_SCATTER and c is not None:
            series.format.line.fill.background()  # points, not a line through them
            series.marker.style = 2  # XL_MARKER_STYLE.DIAMOND
            series.marker.size = 11
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = c
        elif c is not None:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = c
    if spec.point_colours:
        series = chart.plots[0].series[0]
        for i, hex_colour in enumerate(spec.point_colours):
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(hex_colour)


def _axes(chart: Any, spec: ChartSpec, lettering: _Type) -> None:
    value, category = chart.value_axis, chart.category_axis
    for axis in (value, category):
        axis.tick_labels.font.size = Pt(11)
        lettering.paint(axis.tick_labels.font, theme.INK)
        axis.format.line.color.rgb = _rgb(theme.GRID)
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = _rgb(theme.GRID)
    value.tick_labels.number_format = spec.number_format
    value.tick_labels.number_format_is_linked = False
    if spec.value_range:
        value.minimum_scale, value.maximum_scale = spec.value_range
    if spec.hide_value_labels:
        value.tick_label_position = XL_TICK_LABEL_POSITION.NONE
        value.has_major_gridlines = False
    if spec.category_range:
        category.minimum_scale, category.maximum_scale = spec.category_range
    _title(value, spec.value_title, lettering)
    _title(category, spec.category_title, lettering)


def add_chart(slide: Any, spec: ChartSpec, x: int, y: int, cx: int, cy: int, *, font: str = FONT,
              themed: bool = False) -> Any:
    """The chart on `slide` in pivotdash's palette and type, with its axis titles and gaps; its graphic frame.

    `font` names its typeface (a template's body font); `themed` takes the text colour from the theme."""
    frame = slide.shapes.add_chart(spec.kind, Emu(x), Emu(y), Emu(cx), Emu(cy), spec.data)
    chart = frame.chart
    lettering = _Type(font, themed)
    chart.font.size = Pt(11)
    lettering.paint(chart.font, theme.INK)
    multi = len(chart.plots[0].series) > 1
    chart.has_legend = multi
    if multi:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(11)
    plot = chart.plots[0]
    if spec.kind == XL_CHART_TYPE.COLUMN_STACKED:
        plot.gap_width, plot.overlap = 0, 100
    elif spec.kind == XL_CHART_TYPE.BAR_CLUSTERED:
        plot.gap_width = 60
    _colour_series(chart, spec)
    _axes(chart, spec, lettering)
    if spec.bands:
        _behind(chart, spec.bands)
    _gaps(chart)
    return frame


def _behind(chart: Any, bands: tuple[Band, ...]) -> None:
    """Move the band series (the last ones) into a stacked bar group drawn first, behind the data's bars.

    python-pptx makes one chart group; PowerPoint and Impress draw a second group of one type only on its own
    axes. So the bands keep the visible axes and the data's bars get a hidden copy of them, scaled alike.
    """
    area = chart.element.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    data = area.find(qn("c:barChart"))
    group = copy.deepcopy(data)
    for ser in group.findall(qn("c:ser")):
        group.remove(ser)
    group.find(qn("c:grouping")).set("val", "stacked")
    anchor = group.find(qn("c:gapWidth"))
    anchor.set("val", "0")
    overlap = group.find(qn("c:overlap"))
    if overlap is None:
        overlap = anchor.makeelement(qn("c:overlap"), {})
        anchor.addnext(overlap)
    overlap.set("val", "100")
    series = data.findall(qn("c:ser"))[-len(bands):]
    hidden = [ser.find(qn("c:idx")).get("val") for ser, band in zip(series, bands, strict=True) if not band.in_legend]
    for ser, band in zip(series, bands, strict=True):
        data.remove(ser)
        anchor.addprevious(ser)
        for old in ser.findall(qn("c:spPr")) + ser.findall(qn("c:invertIfNegative")):
            ser.remove(old)
        _fill(ser, band.colour)
    data.addprevious(group)
    # One bar a row (the other years' cells are blank): full overlap, a gap between rows (PowerPoint; Impress
    # spaces them as the bands).
    data.find(qn("c:gapWidth")).set("val", "40")
    if data.find(qn("c:overlap")) is None:
        data.find(qn("c:gapWidth")).addnext(data.makeelement(qn("c:overlap"), {}))
    data.find(qn("c:overlap")).set("val", "100")
    # The data's bars on a hidden copy of the axes: same categories, same value scale.
    cat, val = area.find(qn("c:catAx")), area.find(qn("c:valAx"))
    ids = {cat.find(qn("c:axId")).get("val"): "50100", val.find(qn("c:axId")).get("val"): "50200"}
    for ax_id in data.findall(qn("c:axId")):
        ax_id.set("val", ids[ax_id.get("val")])
    last = area.findall(qn("c:valAx"))[-1]
    for axis in (cat, val):
        twin = copy.deepcopy(axis)
        twin.find(qn("c:axId")).set("val", ids[axis.find(qn("c:axId")).get("val")])
        twin.find(qn("c:crossAx")).set("val", ids[axis.find(qn("c:crossAx")).get("val")])
        twin.find(qn("c:delete")).set("val", "1")
        # Where Office puts a secondary pair: the opposite sides, the categories crossing at the far end.
        side = twin.find(qn("c:axPos"))
        side.set("val", {"l": "r", "r": "l", "b": "t", "t": "b"}[side.get("val")])
        if axis is val:
            twin.find(qn("c:crosses")).set("val", "max")
        for node in twin.findall(qn("c:title")) + twin.findall(qn("c:majorGridlines")):
            twin.remove(node)
        last.addnext(twin)
        last = twin
    # Every row labelled (Impress and PowerPoint skip labels on a crowded axis: each row is a claim and year).
    cat.find(qn("c:lblOffset")).addnext(cat.makeelement(qn("c:tickLblSkip"), {"val": "1"}))
    _legend_without(chart, hidden)


def _fill(ser: Any, colour: str | None) -> None:
    """A band segment's fill (none for the spacer), with no outline; the schema puts spPr after c:tx."""
    sp = ser.makeelement(qn("c:spPr"), {})
    if colour is None:
        sp.append(sp.makeelement(qn("a:noFill"), {}))
    else:
        solid = sp.makeelement(qn("a:solidFill"), {})
        solid.append(solid.makeelement(qn("a:srgbClr"), {"val": colour.lstrip("#").upper()}))
        sp.append(solid)
    line = sp.makeelement(qn("a:ln"), {})
    line.append(line.makeelement(qn("a:noFill"), {}))
    sp.append(line)
    ser.find(qn("c:tx")).addnext(sp)
    inverted = ser.makeelement(qn("c:invertIfNegative"), {"val": "0"})
    sp.addnext(inverted)


def _legend_without(chart: Any, indices: list[str]) -> None:
    """Leave the series at `indices` (c:idx) out of the legend (the bands' spacer and second half)."""
    legend = chart.element.find(f"{qn('c:chart')}/{qn('c:legend')}")
    if legend is None:
        return
    anchor = legend.find(qn("c:legendPos"))
    for idx in sorted(indices, key=int, reverse=True):
        entry = legend.makeelement(qn("c:legendEntry"), {})
        entry.append(entry.makeelement(qn("c:idx"), {"val": idx}))
        entry.append(entry.makeelement(qn("c:delete"), {"val": "1"}))
        anchor.addnext(entry)


def add_table(slide: Any, view: View, x: int, y: int, cx: int, cy: int, *, font: str = FONT) -> Any:
    """The view's table (e.g. drivers × endings) as a native table: every cell text, as in its CSV."""
    frame = view.data.fillna("")
    columns = [str(c) for c in frame.columns]
    rows, cols = len(frame) + 1, len(columns)
    shape = slide.shapes.add_table(rows, cols, Emu(x), Emu(y), Emu(cx), Emu(cy))
    table = shape.table
    first = int(cx * 0.18)
    table.columns[0].width = Emu(first)
    other = (cx - first) // max(1, cols - 1)
    for j in range(1, cols):
        table.columns[j].width = Emu(other)
    # Narrower slides (a 4:3 template) get smaller type, and the header row the height its wrapped words
    # take, so the rows that grow around their text stay above the footer.
    scale = min(1.0, cx / TABLE_WIDTH)
    head, body = max(7, round(9 * scale)), max(8, round(11 * scale))
    per_line = max(4, int((other - 2 * CELL_MARGIN) / (head * 0.55 * 12700)))
    lines = max(_wrapped(name, per_line) for name in columns[1:] or [""])
    header = int(lines * head * 1.25 * 12700) + 2 * 45720
    table.rows[0].height = Emu(header)
    for i in range(1, rows):
        table.rows[i].height = Emu(max(Pt(body * 1.6), (cy - header) // max(1, rows - 1)))
    for j, name in enumerate(columns):
        _cell(table.cell(0, j), name, font, bold=True, size=head)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, v in enumerate(row):
            _cell(table.cell(i, j), str(v), font, size=body if j else body - 1)
    return shape


def _wrapped(text: str, per_line: int) -> int:
    """How many lines `text` takes wrapped at word breaks, `per_line` characters a line (a long word breaks)."""
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > per_line:
            lines, used = lines + 1, 0
        lines += (size - 1) // per_line
        used = (used + 1 + size if used else size) if size <= per_line else size % per_line
    return lines


def _cell(cell: Any, text: str, font: str, *, bold: bool = False, size: int = 10) -> None:
    cell.text = text
    para = cell.text_frame.paragraphs[0]
    para.font.size, para.font.bold, para.font.name = Pt(size), bold, font
    cell.margin_left = cell.margin_right = Emu(CELL_MARGIN)


def spec_of(view: View) -> ChartSpec | None:
    """The native chart of `view`, or None when it has none (a table, or a picture)."""
    make = CHARTS.get(view.id)
    return make(view) if make else None

