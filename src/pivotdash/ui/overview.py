"""Overview widgets: the seven turns East as cards, today's trade headline, the paper's conclusion, the way on."""

from __future__ import annotations

import streamlit as st

from pivotdash import schema
from pivotdash import state as ps
from pivotdash.errors import DataError
from pivotdash.paper import Paper
from pivotdash.state import P, page_file
from pivotdash.text import plain_markdown
from pivotdash.trade.viewstate import TradeView
from pivotdash.ui import charts, inputs
from pivotdash.ui import trade as trade_ui
from pivotdash.ui.inputs import PAGE_DATA


def turns_east() -> None:
    """The strip of every turn East and a card for each, linking to its events on the Timeline."""
    view = inputs.build("episodes-strip", ps.OverviewState())
    if view is not None:
        charts.show(view, "overview_strip")
    episodes = PAGE_DATA.dataset().episodes.sort_values("start_year")
    st.subheader("The seven turns East", anchor=False)
    cols = st.columns(min(len(episodes), 4) or 1)
    for i, (_, ep) in enumerate(episodes.iterrows()):
        end = "today" if ep["end_year"] is None or str(ep["end_year"]) in ("<NA>", "") else str(ep["end_year"])
        with cols[i % len(cols)].container(border=True):
            st.markdown(f"**{plain_markdown(ep['name'])}**  \n{ep['start_year']}–{end} · "
                        f"{plain_markdown(schema.label('outcomes', ep['outcome']))}")
            st.caption(plain_markdown(ep["verdict"]))
            st.page_link(page_file("timeline"), label="See its events on the timeline",
                         query_params={P.EPISODE: ep["name"]})


def trade_headline() -> None:
    st.subheader("Today's numbers: where Russia's exports go", anchor=False)
    try:
        tables = PAGE_DATA.trade_tables()
    except DataError as err:
        st.warning(f"Trade figures cannot be shown: the trade tables have {len(err.problems)} problem(s). "
                   "The Trade page lists them.")
        return
    trade_ui.headline(tables, TradeView())
    st.caption(
        "Share of Russia's exports, IMF Direction of Trade Statistics. 2020 is the last year Russia published "
        "trade by partner; later published figures are on the Trade page, labelled and never joined to this series."
    )
    st.page_link(page_file("trade"), label="Trade: exports and imports by partner, and the paper's numbers checked")


def conclusion(paper: Paper) -> None:
    st.subheader("What the paper concludes", anchor=False)
    abstract = paper.paragraph("abstract")
    st.markdown("\n".join("> " + plain_markdown(line) for line in abstract.plain_text.splitlines()))
    st.caption("The paper's abstract.")
    last = paper.paragraphs[-1]
    st.markdown("> " + plain_markdown(last.plain_text))
    st.page_link(page_file("sources"), label=f"The paper's closing paragraph, ¶ {last.id}",
                 query_params={P.PARA: last.id})


def next_steps() -> None:
    st.subheader("Where to go next", anchor=False)
    c1, c2, c3 = st.columns(3)
    c1.page_link(page_file("timeline"), label="Timeline: every turn East and its events")
    # Today's turn by its own filter and zoom, not by ?era=: the sidebar's era filter is shared and kept for the
    # session, and a link's era would be added to those already chosen (the URL then says both, the filter one).
    ongoing = PAGE_DATA.dataset().episodes.query("outcome == 'ongoing'")
    for name, start in zip(ongoing["name"], ongoing["start_year"], strict=True):
        c1.page_link(page_file("timeline"), label=f"Today's turn East (since {start}), event by event",
                     query_params={P.EPISODE: name, P.ZOOM: name})
    c2.page_link(page_file("trade"), label="Trade: EU vs China vs Japan/Korea")
    c2.page_link(page_file("map"), label="Map: the Far East flashpoints")
    c3.page_link(page_file("episodes"), label="Episodes: the turns compared")
    c3.page_link(page_file("briefing"), label="Briefing: export charts, decks and data")
