"""Overview: the question, the seven turns East on one strip, and the way into each page."""

from __future__ import annotations

import streamlit as st

from pivotdash import schema
from pivotdash.errors import DataError
from pivotdash.figures.episodes import episode_strip
from pivotdash.text import plain_markdown
from pivotdash.trade.viewstate import TradeView
from pivotdash.ui import data, state
from pivotdash.ui import trade as trade_ui
from pivotdash.ui.navigation import through_app
from pivotdash.ui.problems import show_data_error

through_app()

st.title("Will Russia's turn to Asia last?")
paper = data.paper()
st.markdown(
    "Russia has turned East again and again since the early 1800s. Chris Miller's paper "
    f"*{plain_markdown(paper.title)}* (Foreign Policy Research Institute, {plain_markdown(paper.date)}) "
    "argues that most of those turns sputtered out or ended in disaster: the promised Asian riches "
    "disappointed, the clash with the West that drove the turn eased, or war and domestic crisis intervened. "
    "pivotdash lays that history beside today's numbers so you can judge the current turn for yourself."
)

try:
    dataset = data.core()
except DataError as err:
    show_data_error(err, "the overview")
    st.stop()

episodes = dataset.episodes.sort_values("start_year")
st.plotly_chart(episode_strip(episodes), key="overview_strip", config=state.chart_config("pivotdash-episodes"))

st.subheader("The seven turns East", anchor=False)
cols = st.columns(len(episodes) if len(episodes) <= 4 else 4)
for i, (_, ep) in enumerate(episodes.iterrows()):
    end = "today" if ep["end_year"] is None or str(ep["end_year"]) in ("<NA>", "") else str(ep["end_year"])
    with cols[i % len(cols)].container(border=True):
        st.markdown(f"**{plain_markdown(ep['name'])}**  \n{ep['start_year']}–{end} · "
                    f"{plain_markdown(schema.label('outcomes', ep['outcome']))}")
        st.caption(plain_markdown(ep["verdict"]))
        st.page_link("pages/timeline.py", label="See its events on the timeline",
                     query_params={state.EPISODE_KEY: ep["name"]})

st.subheader("Today's numbers: where Russia's exports go", anchor=False)
try:
    trade_tables = data.trade_tables()
except DataError as err:
    st.warning(f"Trade figures cannot be shown: the trade tables have {len(err.problems)} problem(s). "
               "The Trade page lists them.")
else:
    trade_ui.headline(trade_tables, TradeView())
    st.caption(
        "Share of Russia's exports, IMF Direction of Trade Statistics. 2020 is the last year Russia published "
        "trade by partner; later published figures are on the Trade page, labelled and never joined to this series."
    )
    st.page_link("pages/trade.py", label="Trade: exports and imports by partner, and the paper's numbers checked")

st.subheader("What the paper concludes", anchor=False)
abstract = paper.paragraph("abstract")
st.markdown("\n".join("> " + plain_markdown(line) for line in abstract.plain_text.splitlines()))
st.caption("The paper's abstract.")
last = paper.paragraphs[-1]
st.markdown("> " + plain_markdown(last.plain_text))
st.page_link("pages/sources.py", label=f"The paper's closing paragraph, ¶ {last.id}", query_params={"para": last.id})

st.subheader("Where to go next", anchor=False)
c1, c2, c3 = st.columns(3)
c1.page_link("pages/timeline.py", label="Timeline: every turn East and its events")
c1.page_link("pages/timeline.py", label="Only the Russian Federation's pivot",
             query_params={state.ERA_KEY: schema.ERAS["federation"]})
c2.page_link("pages/trade.py", label="Trade: EU vs China vs Japan/Korea")
c2.page_link("pages/map.py", label="Map: the Far East flashpoints")
c3.page_link("pages/episodes.py", label="Episodes: the turns compared")
c3.page_link("pages/briefing.py", label="Briefing: export charts, decks and data")
