"""Every chart on a page has a Table tab (its own data, for reading) and a text alternative under it; the
Trade page's controls say what they do, or why they do nothing there."""

from __future__ import annotations

from pathlib import Path

import pytest

from pivotdash import state as ps
from pivotdash.filters import Filters, describe
from pivotdash.text import plain_markdown
from pivotdash.ui.charts import column_label
from pivotdash.views import build
from pivotdash.views.loaded import Loaded
from tests.app import test_trade_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The Trade page tests' data: the minimal core dataset plus the committed trade tables."""
    return test_trade_page.data_dir.__wrapped__(tmp_path)


def test_the_composition_chart_has_a_table_tab_with_its_own_data_and_a_text_alternative(open_page, data_dir):
    at = open_page("trade", data_dir=data_dir)
    labels = [t.label for t in at.tabs]
    assert labels.count("Chart") >= 1 and labels.count("Table") == labels.count("Chart")
    view = build("trade-composition", ps.TradeState(), Loaded(data_dir))
    assert view is not None
    tables = [d for d in at.dataframe if list(d.value.columns) == list(view.data.columns)]
    assert tables, "no table of the chart's own data"
    assert len(tables[0].value) == len(view.data)  # every row the chart draws, as the CSV has them
    assert tables[0].value.index.tolist() == list(range(len(view.data)))  # a plain frame; shown without index
    captions = [c.value for c in at.caption]
    assert f"In words: {plain_markdown(view.alt_text)}" in captions  # as text: a name can never become markup
    assert view.alt_text.startswith(view.title) and view.subtitle in view.alt_text


def test_headings_read_as_words_with_units():
    assert column_label("share_pct") == "Share (%)"
    assert column_label("value_usd_bn") == "Value (US$ bn)"
    assert column_label("partner_name") == "Partner name"
    assert column_label("lasted_years") == "Lasted (years)"


def test_an_era_filter_on_trade_says_why_it_does_nothing(open_page, data_dir):
    at = open_page("trade", {"era": "Soviet Union"}, data_dir)
    notes = " ".join(i.value for i in at.info)
    assert "The era filter (Soviet Union (1917–1991)) does not narrow this chart" in notes
    assert "Soviet Union (1917–1991) lies outside the IMF DOTS series entirely" in notes


def test_the_value_switch_is_not_offered_on_the_history_and_the_tab_says_why(open_page, data_dir):
    at = open_page("trade", {"trade_tab": "History", "trade_measure": "Value"}, data_dir)
    at.run()  # the tab's state is known from the second run on
    assert not at.exception
    measure = next(r for r in at.radio if r.key == ps.P.MEASURE)
    assert measure.disabled
    assert any("shares of each year's total only" in i.value for i in at.info)


def test_a_chosen_episode_is_named():
    names = {"amur": "The Amur seizure", "putin": "Putin's turn to the East"}
    assert describe(Filters(episodes=("amur",)), names).endswith("episode: The Amur seizure")
    assert "episodes: The Amur seizure, Putin's turn to the East" in describe(Filters(episodes=("amur", "putin")),
                                                                              names)
    assert "1 episode chosen" in describe(Filters(episodes=("amur",)))  # without names, still counted


def test_episodes_charts_have_tables_too(open_page, data_dir):
    at = open_page("episodes", data_dir=data_dir)
    assert [t.label for t in at.tabs].count("Table") >= 2
    assert sum(c.value.startswith("In words: ") for c in at.caption) >= 2


def test_the_timeline_names_a_chosen_episode_in_its_caption_and_chart(open_page, data_dir):
    at = open_page("timeline", {"episode": "Amur seizure"}, data_dir)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # captions are markdown-escaped
    assert "episode: Amur seizure" in captions and "episode chosen" not in captions
    view = build("timeline", ps.TimelineState(Filters(episodes=("amur",))), Loaded(data_dir))
    assert "episode: Amur seizure" in view.chrome.subtitle, view.chrome.subtitle
