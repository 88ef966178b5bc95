"""An analyst in a real browser: filter the timeline, share the URL, switch pages, open a card, download."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import shot, wait_for_app

pytestmark = pytest.mark.e2e


def pick(pg, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Choose `option` in the multiselect or selectbox labelled `label`."""
    widget = pg.locator('[data-testid="stMultiSelect"], [data-testid="stSelectbox"]').filter(
        has=pg.get_by_text(label, exact=True)
    ).first
    widget.locator('input, [role="combobox"]').first.click()
    pg.get_by_role("option", name=option, exact=True).first.click()
    pg.keyboard.press("Escape")
    wait_for_app(pg)


def query(pg) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlparse(pg.url).query)


def caption(pg) -> str:  # type: ignore[no-untyped-def]
    return pg.locator('[data-testid="stCaptionContainer"]').first.inner_text()


def test_filter_share_switch_card_download(server, page):
    pg = page
    pg.goto(server.url)
    wait_for_app(pg)
    assert pg.get_by_role("heading", name="Will Russia's turn to Asia last?").is_visible()
    shot(pg, "01-overview")

    pg.get_by_role("link", name="Timeline", exact=True).first.click()
    wait_for_app(pg)
    assert "/timeline" in pg.url
    all_events = caption(pg)

    pick(pg, "Era", "Soviet Union")
    pick(pg, "Driver (why Russia turned East)", "Ideology")
    params = query(pg)
    assert params["era"] == ["Soviet Union"] and params["driver"] == ["Ideology"]
    filtered = caption(pg)
    assert "Soviet Union · driver: Ideology" in filtered and filtered != all_events
    shot(pg, "02-timeline-filtered")

    shared = pg.url
    pg.goto(shared)  # a pasted link reopens the same view
    wait_for_app(pg)
    assert caption(pg) == filtered

    pg.get_by_role("link", name="Overview", exact=True).first.click()
    wait_for_app(pg)
    pg.get_by_role("link", name="Timeline", exact=True).first.click()
    wait_for_app(pg)
    assert query(pg)["era"] == ["Soviet Union"]
    assert caption(pg) == filtered

    picker = pg.locator('[data-testid="stSelectbox"]').filter(has=pg.get_by_text("Open an event card", exact=False))
    picker.locator('input, [role="combobox"]').first.click()
    if not pg.get_by_role("option").first.is_visible():
        pg.keyboard.press("ArrowDown")  # the click focused the box without opening its list
    first = pg.get_by_role("option").first
    chosen = first.inner_text()
    first.click()
    wait_for_app(pg)
    assert "event" in query(pg), pg.url
    event_id = query(pg)["event"][0]
    card = pg.locator(f'[class*="st-key-card-{event_id}"]')
    assert card.is_visible()
    assert chosen.split(" · ", 1)[1] in card.inner_text()
    shot(pg, "03-timeline-card")

    with pg.expect_download() as info:
        pg.get_by_role("button", name="CSV", exact=True).first.click()
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows and all(r["era"] == "Soviet Union" for r in rows)
    assert all("Ideology" in r["drivers"] for r in rows)
    assert str(len(rows)) in filtered
