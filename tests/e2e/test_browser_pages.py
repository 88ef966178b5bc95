"""The Trade, Episodes and Sources pages in a real browser: switches in the URL, downloads, deep links."""

from __future__ import annotations

import csv
import io

import pytest

from tests.e2e.conftest import shot, wait_for_app
from tests.e2e.test_browser_timeline import query

pytestmark = pytest.mark.e2e


def test_trade_switch_to_imports_and_download_the_chart_data(server, page):
    pg = page
    pg.goto(f"{server.url}/trade")
    wait_for_app(pg)
    assert pg.get_by_role("heading", name="Trade: is Russia's trade turning East?").is_visible()
    pg.get_by_text("Imports", exact=True).first.click()
    wait_for_app(pg)
    assert query(pg)["trade_flow"] == ["Imports"]
    title = pg.locator("[data-testid=\"stPlotlyChart\"] .gtitle").first.text_content()
    assert "imports" in title.lower()
    shot(pg, "10-trade-imports")

    with pg.expect_download() as info:
        pg.get_by_role("button", name="CSV", exact=True).first.click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
    assert {r["flow"] for r in rows} == {"imports"}
    china_2020 = [r for r in rows if r["year"] == "2020" and r["partner"] == "china"]
    assert china_2020 and 20 < float(china_2020[0]["share_pct"]) < 26  # 23.1% in the DOTS mirror data

    pg.reload()  # the switch lives in the URL
    wait_for_app(pg)
    assert "imports" in pg.locator("[data-testid=\"stPlotlyChart\"] .gtitle").first.text_content().lower()


def test_episodes_compare_is_a_link(server, page):
    pg = page
    pg.set_viewport_size({"width": 1440, "height": 4200})  # charts mount only once scrolled into view
    pg.goto(f"{server.url}/episodes?compare=The+Amur+seizure&compare=Putin%27s+turn+to+the+East")
    wait_for_app(pg)
    assert pg.get_by_role("heading", name="The turns East compared").is_visible()
    pg.get_by_text("Turns East compared, year by year", exact=True).wait_for()
    titles = pg.locator("[data-testid=\"stPlotlyChart\"] .gtitle").all_text_contents()
    assert any("compared" in t for t in titles), titles
    chips = pg.locator('[data-testid="stMultiSelect"]').filter(has_text="to compare").inner_text()
    assert "The Amur seizure" in chips and "Putin's turn to the East" in chips
    shot(pg, "11-episodes")


def test_sources_paragraph_link_lands_on_the_paragraph(server, page):
    pg = page
    pg.goto(f"{server.url}/sources?para=p24")
    wait_for_app(pg)
    linked = pg.get_by_role("heading", name="Linked paragraph: ¶ p24")
    assert linked.is_visible()
    assert pg.get_by_text("Count Sergei Witte", exact=False).first.is_visible()
    shot(pg, "12-sources-p24")
