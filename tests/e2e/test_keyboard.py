"""The main tasks by keyboard alone: filter by era, open an event card, add the chart to a briefing, download
its data. Focus moves by Tab only (each control must be reachable so) and every focused control shows it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_for_app

# The theme's focus colour (primaryColor #b02a3b): Streamlit draws focus as a ring in it, an outline, or a
# border in it on the control's frame (one of the focused element's first ancestors).
FOCUS_SHOWN = """() => { let el = document.activeElement; if (!el || el === document.body) return false;
  for (let i = 0; i < 4 && el; i++, el = el.parentElement) { const s = getComputedStyle(el);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) return true;
    if (s.boxShadow && s.boxShadow !== 'none') return true;
    if (s.borderColor.includes('176, 42, 59')) return true; }
  return false; }"""


def tab_to(pg, matches: str, limit: int = 250) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element satisfies `matches` (a JS predicate on document.activeElement)."""
    for _ in range(limit):
        pg.keyboard.press("Tab")
        if pg.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({matches})(el); }}"):
            assert pg.evaluate(FOCUS_SHOWN), "the focused control shows no focus indicator"
            return
    raise AssertionError(f"no element matching {matches} reached by Tab in {limit} presses")


def label_is(text: str) -> str:
    return (f"el => ((el.getAttribute('aria-label') || '') + ' ' + (el.innerText || '') + ' ' + "
            f"((el.closest('[data-testid]') || el).innerText || '')).includes({text!r})")


def test_filter_open_a_card_add_to_briefing_and_download_by_keyboard(server, page):
    pg = page
    pg.goto(f"{server.url}")
    wait_for_app(pg)
    pg.goto(f"{server.url}/timeline")
    wait_for_app(pg)

    # the filter's input, past its help icon (which Tab reaches first)
    tab_to(pg, "el => el.tagName === 'INPUT' && "
               "el.closest('[data-testid=\"stSidebar\"] [data-testid=\"stMultiSelect\"]') && "
               "el.closest('[data-testid=\"stMultiSelect\"]').innerText.includes('Era')")
    pg.keyboard.type("Soviet")
    expect(pg.get_by_role("option", name="Soviet Union", exact=True)).to_be_visible()
    pg.keyboard.press("Enter")
    pg.keyboard.press("Escape")
    wait_for_app(pg)
    assert parse_qs(urlparse(pg.url).query).get("era") == ["Soviet Union"]

    tab_to(pg, "el => { const b = el.closest('[data-testid=\"stSelectbox\"]'); "
               "return !!b && b.innerText.includes('Open an event card'); }")
    pg.keyboard.press("ArrowDown")
    # The menu opens on ArrowDown; Enter picks the highlighted option only once the options are drawn.
    expect(pg.locator('[role="listbox"] [role="option"]').first).to_be_visible()
    pg.keyboard.press("Enter")
    pg.wait_for_url(lambda url: "event=" in url, timeout=30_000)
    wait_for_app(pg)
    event = parse_qs(urlparse(pg.url).query).get("event")
    assert event, pg.url
    expect(pg.locator(f'[class*="st-key-card-{event[0]}"]')).to_be_visible()
    shot(pg, "keyboard-01-card")

    tab_to(pg, "el => el.tagName === 'BUTTON' && el.innerText.trim() === 'Add to briefing'")
    pg.keyboard.press("Enter")
    wait_for_app(pg)
    expect(pg.get_by_text("Briefing: 1 view", exact=False)).to_be_visible()

    tab_to(pg, "el => el.tagName === 'BUTTON' && el.innerText.trim() === 'CSV'")
    with pg.expect_download() as info:
        pg.keyboard.press("Enter")
    text = info.value.path().read_text(encoding="utf-8")
    assert text.startswith("id,date,title") and "Soviet Union" in text
