"""The timeline read in a real browser at 1440 and 1024 px: every eras, then zoomed to "since 2014"; the labels
plotly drew are there, none overlaps another, none leaves the chart, and the legends sit under the plot."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import wait_for_app
from tests.e2e.test_browser_timeline import pick

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Read from the figure plotly drew: its layout (_fullLayout) and the box of every annotation and legend it drew.
_DRAWN = """() => {
  const g = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'))
    .find(e => e._fullLayout);
  if (!g) return null;
  const L = g._fullLayout, at = g.getBoundingClientRect();
  const rel = r => [r.left - at.left, r.top - at.top, r.right - at.left, r.bottom - at.top];
  const notes = Array.from(g.querySelectorAll('.annotation')).map(el => {
    const i = Number(el.getAttribute('data-index'));
    const text = el.querySelector('text');
    return {name: (L.annotations[i] || {}).name || '', text: text ? text.textContent : '',
            box: rel(text.getBoundingClientRect())};
  });
  const legends = Array.from(g.querySelectorAll('.legend')).map(el => rel(el.getBoundingClientRect()));
  return {title: L.title.text, width: L.width, height: L.height, notes, legends,
          x: [L.xaxis._offset, L.xaxis._offset + L.xaxis._length],
          y: [L.yaxis._offset, L.yaxis._offset + L.yaxis._length],
          overviewBottom: L.yaxis2._offset + L.yaxis2._length};
}"""


def drawn(pg, title_part: str):  # type: ignore[no-untyped-def]
    """The drawn figure once its title names `title_part` (the chart is redrawn after a rerun)."""
    handle = pg.wait_for_function(
        "(part) => { const d = (" + _DRAWN + ")(); return d && d.title.includes(part) && d; }",
        arg=title_part, timeout=60_000, polling=200)
    return handle.json_value()


def overlap(a: list[float], b: list[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0.5 and h > 0.5 else 0.0


def check_labels(fig: dict, at_least: int) -> list[dict]:  # type: ignore[type-arg]
    events = [n for n in fig["notes"] if n["name"].startswith("event-label:")]
    assert len(events) >= at_least, [n["text"] for n in events]
    clashes = [(a["text"], b["text"]) for i, a in enumerate(fig["notes"]) for b in fig["notes"][i + 1:]
               if overlap(a["box"], b["box"])]
    assert not clashes, (clashes, [(a["text"], a["box"]) for a in fig["notes"] if any(a["text"] in c for c in clashes)])
    for note in events:  # inside the detail view, which the data coordinates of its marker also are
        x0, y0, x1, y1 = note["box"]
        assert fig["x"][0] - 1 <= x0 and x1 <= fig["x"][1] + 1, note
        assert fig["y"][0] - 1 <= y0 and y1 <= fig["y"][1] + 1, note
    for note in fig["notes"]:  # era lines' and turns' labels too: never cut at either edge
        assert note["box"][0] >= 0 and note["box"][2] <= fig["width"], note
    for legend in fig["legends"]:  # under the overview strip, never over the plot, and not cut at the side
        assert legend[1] >= fig["overviewBottom"] and legend[2] <= fig["width"], (legend, fig)
    return events


def chart_shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """The chart as drawn at this window width (the page scrolls inside its main block, so the element is taken)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.locator('[data-testid="stPlotlyChart"]').first.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.mark.parametrize("width", [1440, 1024])
def test_all_eras_then_since_2014_labels_present_and_apart(server, page, width):
    pg = page
    pg.set_viewport_size({"width": width, "height": 1000})
    pg.goto(server.url + "/timeline")
    wait_for_app(pg)
    fig = drawn(pg, "1740–2026")
    assert fig["width"] < 700 if width == 1024 else fig["width"] > 900
    everything = check_labels(fig, at_least=10)
    texts = {n["text"] for n in fig["notes"]}
    assert {"1917: Bolshevik Revolution", "1991: end of the USSR", "Paper published, Dec 2019"} <= texts
    chart_shot(pg, f"timeline-{width}-all-eras")

    pick(pg, "Zoom the detail view to", "Since 2014")
    assert parse_qs(urlparse(pg.url).query)["zoom"] == ["Since 2014"]
    fig = drawn(pg, "2014–2026")
    since = check_labels(fig, at_least=15)
    assert len(since) > len([n for n in everything if n["name"] > "event-label:2014"])  # zooming shows more
    assert "Putin's turn to the East" in {n["text"] for n in fig["notes"]}
    chart_shot(pg, f"timeline-{width}-since-2014")

    pg.reload()  # the zoom is in the link: it reopens zoomed
    wait_for_app(pg)
    check_labels(drawn(pg, "2014–2026"), at_least=15)

    # A box dragged across the chart zooms to its years and the labels are placed again for them; the chart
    # itself never zooms or pans in place (its labels would then be those of another window).
    drag_across(pg, "2016-03-01", "2020-09-01")
    fig = drawn(pg, "2016–2020")
    params = parse_qs(urlparse(pg.url).query)
    assert params.get("zoom_years") == ["2016", "2020"], (params, pg.url)
    check_labels(fig, at_least=8)  # every label inside the detail view, which now shows 2016–2020
    chart_shot(pg, f"timeline-{width}-dragged-2016-2020")
    drag_across(pg, "1850-06-01", "1870-06-01", strip=True)  # on the overview strip, which shows every year
    fig = drawn(pg, "–1870")  # a pixel on the strip is about half a year at 1024 px
    first = fig["title"].split(", ")[-1].split("–")[0]
    assert first in ("1849", "1850", "1851"), fig["title"]
    pg.wait_for_function("(q) => location.search.includes(q)", arg=f"zoom_years={first}&zoom_years=1870",
                         timeout=30_000, polling=200)


# The page position of two dates on the detail view's axis, and the middle of its plot (from plotly's layout).
_AT = """([a, b, strip]) => {
  const g = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'))
    .find(e => e._fullLayout);
  const L = g._fullLayout, at = g.getBoundingClientRect();
  const x = strip ? L.xaxis2 : L.xaxis, y = strip ? L.yaxis2 : L.yaxis;
  const px = d => at.left + x._offset + x.d2p(d);
  return [px(a), px(b), at.top + y._offset + y._length / 2];
}"""


def drag_across(pg, start: str, end: str, *, strip: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Drag the mouse across the detail view (or the overview `strip`) from the date `start` to `end`."""
    x0, x1, y = pg.evaluate(_AT, [start, end, strip])
    pg.mouse.move(x0, y)
    pg.mouse.down()
    pg.mouse.move((x0 + x1) / 2, y + 2, steps=8)
    pg.mouse.move(x1, y, steps=8)
    pg.mouse.up()


def test_overview_links_carry_the_filters_and_the_card_survives_a_switch_and_back(server, page):
    pg = page
    pg.goto(server.url + "/overview")
    wait_for_app(pg)
    pg.get_by_role("link", name="Today's turn East (since 2014), event by event").click()
    wait_for_app(pg)
    params = parse_qs(urlparse(pg.url).query)
    assert params.get("episode") == params.get("zoom") == ["Putin's turn to the East"], pg.url
    assert "era" not in params  # the shared era filter is left as it was, not added to
    check_labels(drawn(pg, "2014–2026"), at_least=15)

    pg.goto(server.url + "/overview?era=Soviet+Union&driver=Ideology")
    wait_for_app(pg)
    card = pg.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]').filter(
        has=pg.get_by_text("The Bolsheviks' revolutionary turn East", exact=True)).last
    card.get_by_role("link", name="See its events on the timeline").click()
    wait_for_app(pg)
    params = parse_qs(urlparse(pg.url).query)
    assert "/timeline" in pg.url and params["era"] == ["Soviet Union"] and params["driver"] == ["Ideology"]
    assert params["episode"] == ["The Bolsheviks' revolutionary turn East"]
    shown, _of, total = pg.locator('[data-testid="stCaptionContainer"]').first.inner_text().split()[:3]
    assert 0 < int(shown) < int(total)  # that turn's events under those filters, not all of them

    pg.goto(server.url + "/timeline?event=1858-treaty-of-aigun")
    wait_for_app(pg)
    card = pg.locator('[class*="st-key-card-1858-treaty-of-aigun"]')  # the event's card
    assert card.is_visible()
    pg.get_by_role("link", name="Overview", exact=True).first.click()
    wait_for_app(pg)
    pg.get_by_role("link", name="Timeline", exact=True).first.click()  # the sidebar's link carries no event
    wait_for_app(pg)
    card.wait_for(state="visible")
    assert parse_qs(urlparse(pg.url).query)["event"] == ["1858-treaty-of-aigun"]
    pg.get_by_role("link", name="Overview", exact=True).first.click()
    wait_for_app(pg)
    pg.go_back()
    wait_for_app(pg)
    card.wait_for(state="visible")
