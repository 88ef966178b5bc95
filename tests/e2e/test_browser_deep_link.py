"""A pasted link is the first visit a fresh server gets: it must open the page with the app around it."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Server, shot, wait_for_app

pytestmark = pytest.mark.e2e


def test_first_visit_is_a_deep_link(page):
    fresh = Server()  # no visit to "/" has ever switched Streamlit's navigation mode
    try:
        page.goto(f"{fresh.url}/timeline?era=Soviet+Union&event=1950-korean-war")
        wait_for_app(page)
        assert page.get_by_role("heading", name="Timeline of Russia's turns East").is_visible()
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_text("Filters", exact=True).is_visible()  # app.py's shared sidebar ran
        assert sidebar.get_by_role("link", name="Overview").is_visible()  # st.navigation's page titles
        assert page.locator('[class*="st-key-card-1950-korean-war"]').is_visible()
        shot(page, "00-deep-link-first-visit")
    finally:
        fresh.stop()
