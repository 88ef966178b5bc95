"""Episodes: the turns East side by side, the paper's risks to today's pivot, and a year-by-year comparison."""

from __future__ import annotations

import streamlit as st

from pivotdash import indicators, scorecard
from pivotdash.errors import DataError
from pivotdash.export.tables import to_safe_csv
from pivotdash.figures.episodes import compare_figure, scorecard_matrix_figure
from pivotdash.filters import describe, filter_episodes
from pivotdash.risks import risk_cards
from pivotdash.text import plain_markdown
from pivotdash.ui import data, state
from pivotdash.ui.episodes import compare_picker, render_episode_card, render_risk
from pivotdash.ui.navigation import through_app
from pivotdash.ui.problems import show_data_error

through_app()

st.title("The turns East compared")
st.markdown(
    "How long did Russia's past turns East last, what drove them, what ended them, and which of those "
    "forces are at work now? Every claim below cites the paragraph of the paper behind it."
)
st.markdown("[Scorecard](#scorecard) · [Will this one last?](#will-this-one-last) · "
            "[Compare](#compare) · [How each ended](#how-each-ended)")

try:
    dataset = data.core()
    events = data.events()
except DataError as err:
    show_data_error(err, "the episodes")
    st.stop()
paper = data.paper()
filters = state.shared_filters()
words = describe(filters)
shown = filter_episodes(dataset.episodes, filters)

st.header("Scorecard", anchor="scorecard")
st.caption(f"{len(shown)} of {len(dataset.episodes)} turns East · {plain_markdown(words)}")
if shown.empty:
    st.info(f"No turn East matches the sidebar filters ({plain_markdown(words)}). Widen the years or clear a filter.")
else:
    table = scorecard.scorecard_table(shown)
    st.dataframe(
        table.drop(columns=["id", "ongoing"]), hide_index=True, width="stretch",
        column_config={"lasted_years": st.column_config.NumberColumn("lasted (years)", help=(
            "From the first year to the last; an ongoing turn counts to the current year."))},
    )
    st.download_button("Download the scorecard (CSV)", to_safe_csv(table), file_name="pivotdash-scorecard.csv",
                       mime="text/csv", key="scorecard_csv", on_click="ignore")
    fig = scorecard_matrix_figure(scorecard.driver_matrix(shown), scorecard.end_reason_matrix(shown), table,
                                  subtitle=words)
    st.plotly_chart(fig, key="matrix_chart", config=state.chart_config("pivotdash-episodes-matrix"))
    with st.expander("The matrix as a table"):
        matrix = scorecard.matrix_table(shown)
        st.dataframe(matrix, hide_index=True, width="stretch")
        st.download_button("Download the matrix (CSV)", to_safe_csv(matrix), file_name="pivotdash-matrix.csv",
                           mime="text/csv", key="matrix_csv", on_click="ignore")

st.header("Will this one last?", anchor="will-this-one-last")
st.markdown(
    "The paper's risks to today's pivot, each with its argument and passage, the indicator the project's "
    "data gives for it, and the events since the paper (December 2019) that bear on it."
)
try:
    risks = data.risks()
except DataError as err:
    show_data_error(err, "the risks checklist (data/risks.csv)")
    risks = None
if risks is not None:
    try:
        tables = data.trade_tables()
    except DataError:
        tables = None
    published, published_problems = data.published()
    if published_problems:
        st.warning(f"data/trade/published_figures.csv has {len(published_problems)} problem(s); "
                   "those rows are left out. The Trade page lists them.")
    for n, card in enumerate(risk_cards(risks, events), start=1):
        render_risk(n, card, indicators.for_risk(card.indicators, tables, published), paper)

st.header("Compare turns East, year by year", anchor="compare")
compare = compare_picker(dataset.episodes)
if not compare:
    st.info("Choose two or three turns East above to see their events on one axis of years since each began.")
else:
    aligned = scorecard.aligned_events(events, dataset.episodes, compare)
    spans = scorecard.compare_spans(dataset.episodes, compare)
    st.plotly_chart(compare_figure(aligned, spans), key="compare_chart",
                    config=state.chart_config("pivotdash-episodes-compare"))
    st.caption(plain_markdown(scorecard.spans_caption(spans)))
    st.dataframe(aligned.drop(columns=["episode_id"]), hide_index=True, width="stretch")
    st.download_button("Download the compared events (CSV)", to_safe_csv(aligned),
                       file_name="pivotdash-compare.csv", mime="text/csv", key="compare_csv", on_click="ignore")

st.header("How each ended, and the paper's verdict", anchor="how-each-ended")
for card in scorecard.episode_cards(shown, paper):
    render_episode_card(card, paper, expanded=card.id in compare)
