"""Episodes page widgets: the compare picker, an episode's verdict card, a risk's card with its status."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import pandas as pd
import streamlit as st

from pivotdash import indicators, same_age, schema, scorecard, theme
from pivotdash import state as ps
from pivotdash.errors import DataError
from pivotdash.filters import describe, filter_episodes
from pivotdash.indicators import Indicator, readings_table
from pivotdash.paper import Paper
from pivotdash.risks import RiskCard, Status, counts_sentence, risk_cards, status_counts, statuses
from pivotdash.scorecard import COMPARE_MAX, EpisodeCard, default_compare
from pivotdash.text import plain_markdown
from pivotdash.trade.viewstate import TradeView
from pivotdash.ui import charts, data, inputs, passages
from pivotdash.ui.downloads import csv_data
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.problems import show_data_error
from pivotdash.ui.state import shared_filters, url_params
from pivotdash.views import credits

TIMELINE_PAGE = ps.page_file("timeline")
TRADE_PAGE = ps.page_file("trade")
P = ps.P
# st.badge colours for each status; the badge also carries the status's symbol and words.
BadgeColour = Literal["red", "orange", "blue", "green", "gray"]
BADGE_COLOURS: dict[str, BadgeColour] = {
    "materialised": "red", "partly": "orange", "not_yet": "blue", "reversed": "green"}
# The Trade view that charts each indicator.
INDICATOR_VIEWS = {"china_share": TradeView(), "eu_share": TradeView(), "china_trade_value": TradeView(measure="value")}


def _widget_or(key: str, linked: str) -> str:
    """A bound widget's value once it has run, else what the link said (before the widget first runs)."""
    return str(st.session_state[key] or "") if key in st.session_state else linked


def analyst_readings(linked: ps.EpisodesState) -> tuple[ps.AnalystReading, ...]:
    """The analyst's reading of each risk, from its widgets (or the link before they first run)."""
    try:
        ids = sorted(str(i) for i in data.risks()["id"])
    except DataError:
        return linked.readings
    out = []
    for rid in ids:
        was = linked.reading(rid)
        reading = ps.AnalystReading(
            rid, _widget_or(ps.reading_param(P.MY_STATUS, rid), was.status),
            _widget_or(ps.reading_param(P.MY_CONFIDENCE, rid), was.confidence),
            _widget_or(ps.reading_param(P.MY_REASON, rid), was.reason).strip()[:ps.REASON_MAX])
        if not reading.empty:
            out.append(reading)
    return tuple(out)


def episodes_state(episodes: pd.DataFrame) -> ps.EpisodesState:
    """The sidebar's filters, the turns East compared and the analyst's readings (their widgets come later)."""
    parsed, _ = ps.from_query("episodes", url_params(), PAGE_DATA.names())  # before the widgets first run
    linked = parsed if isinstance(parsed, ps.EpisodesState) else ps.EpisodesState()
    compare = tuple(st.session_state[P.COMPARE]) if P.COMPARE in st.session_state else linked.compare
    return ps.EpisodesState(shared_filters(), compare, analyst_readings(linked))


def compare_picker(episodes: pd.DataFrame) -> list[str]:
    """Two or three turns East to compare; the URL holds their names (`?compare=…&compare=…`)."""
    names = dict(zip(episodes.sort_values("start_year")["id"], episodes.sort_values("start_year")["name"],
                     strict=True))
    picked = st.multiselect(
        f"Turns East to compare (up to {COMPARE_MAX})", list(names), format_func=lambda i: names.get(i, i),
        default=default_compare(episodes), key=P.COMPARE, bind="query-params", max_selections=COMPARE_MAX,
        placeholder="Choose two or three turns East",
    )
    return [p for p in picked if p in names]


def render_episode_card(card: EpisodeCard, paper: Paper, *, expanded: bool) -> None:
    """How one turn East ended and the paper's verdict, with the passage that states it."""
    ongoing = " so far" if card.ongoing else ""
    with st.expander(plain_markdown(f"{card.name} · {card.years} · {card.outcome}"), expanded=expanded):
        st.markdown(
            f"**Lasted:** {card.lasted} years{ongoing} ({plain_markdown(card.years)})  \n"
            f"**Leaders:** {plain_markdown('; '.join(card.leaders))}  \n"
            f"**Drivers:** {plain_markdown('; '.join(card.drivers))}  \n"
            f"**How it ended:** {plain_markdown(card.outcome)}"
            + (f" ({plain_markdown('; '.join(card.end_reasons))})" if card.end_reasons else "")
        )
        st.markdown(f"**What happened:** {plain_markdown(card.ended_how)}")
        st.markdown(f"**The paper's verdict:** {plain_markdown(card.verdict)}")
        if card.verdict_ref:
            passages.quote(paper, card.verdict_ref, heading="The passage")
        passages.links([r for r in card.refs if r != card.verdict_ref],
                       "Other paragraphs of the paper on this turn East:")
        if card.unknown_refs:
            st.warning("Paragraph ids the paper does not have: " + ", ".join(card.unknown_refs))
        if card.years_note:
            st.caption("Why these years: " + plain_markdown(card.years_note))
        st.page_link(TIMELINE_PAGE, label=plain_markdown(f"Its events on the timeline: {card.name}"),
                     query_params={P.EPISODE: card.name})


def render_indicator(ind: Indicator, headline: str) -> None:
    st.markdown(f"**Indicator: {plain_markdown(ind.title)}**")
    if headline:
        st.markdown(plain_markdown(headline))
    st.dataframe(
        readings_table(ind), hide_index=True, width="stretch",
        column_config={"source_url": st.column_config.LinkColumn("source_url")},
    )
    for gap in ind.gaps:
        st.caption(plain_markdown(gap))


def badge(status: str, whose: str) -> None:
    """The status as a coloured badge that also says it in a symbol and words (never colour alone)."""
    label = schema.RISK_STATUSES.get(status, status)
    st.badge(f"{theme.RISK_STATUS_SYMBOLS.get(status, '?')} {whose}: {label}", color=BADGE_COLOURS.get(status, "gray"))


def render_status(status: Status | None, titles: dict[str, str]) -> None:
    """pivotdash's reading of the risk since the paper: status, why with its sources, the evidence linked."""
    if status is None:
        st.caption("pivotdash has not assessed this risk yet (no row in data/risk_status.csv).")
        return
    badge(status.status, "pivotdash's reading")
    st.markdown(f"**Why:** {plain_markdown(status.why)}  \n*Assessed on {plain_markdown(status.assessed_on)}.*")
    st.markdown("**Sources:** " + " · ".join(
        f"[{plain_markdown(s.name)}]({s.url.replace(')', '%29')})" for s in status.sources))
    st.caption("Evidence: the events on the Timeline")
    with st.container(horizontal=True, gap="small"):
        for eid in status.event_ids:
            st.page_link(TIMELINE_PAGE, label=plain_markdown(titles.get(eid, eid)), query_params={P.EVENT: eid})
    if status.indicators:
        st.caption("Evidence: the indicators on the Trade page")
        with st.container(horizontal=True, gap="small"):
            for ind in status.indicators:
                view = ps.TradeState(view=INDICATOR_VIEWS.get(ind, TradeView()))
                st.page_link(TRADE_PAGE, label=plain_markdown(indicators.INDICATORS.get(ind, ind)),
                             query_params=dict(ps.to_query(view, PAGE_DATA.names())))


def render_analyst(risk: str, reading: ps.AnalystReading) -> None:
    """The analyst's own reading, beside pivotdash's: status, confidence and a one-line reason, kept in the link."""
    st.markdown("**Your reading** (the analyst's own; links and the Briefing carry it)")
    left, mid = st.columns(2)
    left.selectbox("Your status", list(schema.RISK_STATUSES), format_func=schema.RISK_STATUSES.__getitem__,
                   index=None, placeholder="Not set", key=ps.reading_param(P.MY_STATUS, risk), bind="query-params")
    mid.selectbox("Your confidence", list(schema.CONFIDENCES), format_func=schema.CONFIDENCES.__getitem__,
                  index=None, placeholder="Not set", key=ps.reading_param(P.MY_CONFIDENCE, risk),
                  bind="query-params")
    st.text_input("Your reason (one line)", key=ps.reading_param(P.MY_REASON, risk), bind="query-params",
                  max_chars=ps.REASON_MAX, placeholder="Why you read it so")
    if reading.status:
        badge(reading.status, "Analyst's reading")
    if reading.confidence or reading.reason:
        conf = schema.CONFIDENCES.get(reading.confidence, "not set")
        reason = f" · “{reading.reason}”" if reading.reason else ""
        st.caption(plain_markdown(f"Analyst's confidence: {conf}{reason}"))


def render_events(card: RiskCard) -> None:
    if card.events:
        st.markdown(f"**Since the paper (December 2019): {len(card.events)} event(s) bear on it**")
        for ev in card.events:
            st.page_link(TIMELINE_PAGE, label=plain_markdown(f"{ev.date_label} · {ev.title}"),
                         query_params={P.EVENT: ev.id})
    else:
        st.caption("No event since the paper in data/events.csv is marked as bearing on this risk.")
    if card.missing_events:
        missing = plain_markdown(", ".join(card.missing_events))
        st.warning(f"risks.csv lists events that events.csv does not hold: {missing}")


@dataclass(frozen=True)
class RiskContext:
    """What every risk card reads besides its own row: the paper, the statuses and the event titles."""

    paper: Paper
    statuses: dict[str, Status]
    titles: dict[str, str]


def render_risk(n: int, card: RiskCard, indicators: list[tuple[Indicator, str]], ctx: RiskContext,
                reading: ps.AnalystReading) -> None:
    """One risk: its status since the paper (pivotdash's and the analyst's), the argument, indicator and events."""
    with st.container(border=True, key=f"risk-{card.id}"):
        st.markdown(f"#### {n}. {plain_markdown(card.risk)}")
        render_status(ctx.statuses.get(card.id), ctx.titles)
        render_analyst(card.id, reading)
        st.markdown(f"**The paper argues:** {plain_markdown(card.paper_argues)}")
        if card.refs:
            passages.quote(ctx.paper, card.refs[0], heading="The passage")
            passages.links(card.refs[1:], "Also in the paper:")
        if indicators:
            for ind, headline in indicators:
                render_indicator(ind, headline)
        else:
            st.caption("The project's data has no indicator for this risk; the events below bear on it.")
        render_events(card)


def scorecard_section(state: ps.EpisodesState) -> None:
    """The turns East the filters pass, side by side, and what drove and ended each."""
    episodes = PAGE_DATA.dataset().episodes
    shown = filter_episodes(episodes, state.filters)
    words = plain_markdown(describe(state.filters, PAGE_DATA.names().episodes))
    st.caption(f"{len(shown)} of {len(episodes)} turns East · {words}")
    if shown.empty:
        st.info(f"No turn East matches the sidebar filters ({words}). Widen the years or clear a filter.")
        return
    table = scorecard.scorecard_table(shown)
    st.dataframe(
        table.drop(columns=["id", "ongoing"]), hide_index=True, width="stretch",
        column_config={"lasted_years": st.column_config.NumberColumn("lasted (years)", help=(
            "From the first year to the last; an ongoing turn counts to the current year."))},
    )
    st.download_button("Download the scorecard (CSV)", csv_data(table), file_name="pivotdash-scorecard.csv",
                       mime="text/csv", key="scorecard_csv", on_click="ignore")
    view = inputs.build("episodes-matrix", state)
    if view is not None:
        charts.show(view, "episodes_matrix")
        with st.expander("The matrix as a table"):
            st.dataframe(view.data, hide_index=True, width="stretch")


def risk_summary(state: ps.EpisodesState, risk_ids: list[str], by_risk: dict[str, Status]) -> None:
    """The answer in one screen: how many risks have come true, and today's turn's age against the earlier ones."""
    counts = status_counts(risk_ids, by_risk)
    st.markdown(f"**{plain_markdown(counts_sentence(counts))}** (pivotdash's reading; each card says why.)")
    cols = st.columns(len(counts))
    for col, (status, n) in zip(cols, counts.items(), strict=True):
        symbol = theme.RISK_STATUS_SYMBOLS.get(status, "?")
        col.metric(f"{symbol} {schema.RISK_STATUSES.get(status, 'Not assessed')}", n)
    view = inputs.build("episodes-durability", state)
    if view is not None:
        charts.show(view, "episodes_durability")
        with st.expander("How long each lasted, as a table"):
            st.dataframe(view.data, hide_index=True, width="stretch")
    same_age_section()


@st.cache_data(max_entries=4, show_spinner=False)
def _same_age(data_version: tuple[str, data.Fingerprint]) -> tuple[pd.DataFrame, str, tuple[int, int] | None]:
    """The same-age table, its sentence and the age compared: worked out once per data version (about 35 ms),
    not on every rerun of the page."""
    episodes, tables = PAGE_DATA.dataset().episodes, PAGE_DATA.trade_tables()
    table = same_age.same_age_table(episodes, tables)
    return table, same_age.same_age_sentence(table, episodes, tables), same_age.comparison_age(episodes, tables)


def same_age_section() -> None:
    """Asia's share of Russia's trade at each turn's start, at the age today's turn has data for, and at its end."""
    try:
        table, sentence, age = _same_age(data.version())
    except DataError as err:
        show_data_error(err, "the trade tables (data/trade/)")
        return
    st.markdown("**At the same age, on trade:** " + plain_markdown(sentence))
    # A gap reads as a dash, not as the grid's "None" (a reader could take it for a value); the CSV keeps it empty.
    shown = table.assign(**{col: table[col].map(lambda v: "—" if pd.isna(v) else f"{v:.2f}")
                            for col in ("china_share_pct", "china_japan_korea_share_pct")})
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "turn_east": st.column_config.TextColumn("Turn East"),
        "at": st.column_config.TextColumn("When"),
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "china_share_pct": st.column_config.TextColumn("China (% of trade)"),
        "china_japan_korea_share_pct": st.column_config.TextColumn("China + Japan + Korea (%)"),
        "gap": st.column_config.TextColumn("Why a share is missing (—)", help="A missing share is a gap, never a zero.",
                                           width="large")})
    st.caption(plain_markdown(
        "Share of Russia's exports plus imports. 1992–2020: IMF DOTS (exports as Russia reports them, imports as "
        "its partners report them; China is the mainland, Korea South Korea). 1827–1937: RICardo (Valetov for "
        "the Russian Empire, the League of Nations for the USSR; Korea is reported only 1901–1915; in 1827–1862 "
        "exports to China exclude re-exports, and in 1926 China includes Mongolia). "
        + (f"DOTS ends in {age[1]}, so today's turn is compared at age {age[0]}. " if age else "")
        + f"Sources: {credits.DOTS}; {credits.RICARDO}."))
    st.download_button("Download the same-age comparison (CSV)", csv_data(table),
                       file_name="pivotdash-same-age-trade.csv", mime="text/csv", key="same_age_csv",
                       on_click="ignore")


def risks_section(state: ps.EpisodesState) -> None:
    """The summary, then the paper's risks to today's pivot: status, evidence, indicator and the events since."""
    try:
        risks = data.risks()
    except DataError as err:
        show_data_error(err, "the risks checklist (data/risks.csv)")
        return
    try:
        by_risk = statuses(data.risk_status())
    except DataError as err:
        show_data_error(err, "pivotdash's reading of the risks (data/risk_status.csv)")
        by_risk = {}
    try:
        tables = PAGE_DATA.trade_tables()
    except DataError:
        tables = None
    published, problems = data.published()
    if problems:
        st.warning(f"data/trade/published_figures.csv has {len(problems)} problem(s); "
                   "those rows are left out. The Trade page lists them.")
    events = PAGE_DATA.events()
    risk_summary(state, [str(i) for i in risks["id"]], by_risk)
    ctx = RiskContext(data.paper(), by_risk, {str(i): f"{d} · {t}" for i, d, t in
                                              zip(events["id"], events["date_label"], events["title"], strict=True)})
    for n, card in enumerate(risk_cards(risks, events), start=1):
        render_risk(n, card, indicators.for_risk(card.indicators, tables, published), ctx, state.reading(card.id))


def compare_section(state: ps.EpisodesState) -> list[str]:
    """The picker and the compared turns East on one axis of years; the ids compared."""
    episodes = PAGE_DATA.dataset().episodes
    compare = compare_picker(episodes)
    view = inputs.build("episodes-compare", replace(state, compare=tuple(compare)))
    if view is None:
        st.info("Choose two or three turns East above to see their events on one axis of years since each began.")
        return compare
    spans = scorecard.compare_spans(episodes, compare)
    charts.show(view, "episodes_compare", caption=plain_markdown(scorecard.spans_caption(spans)))
    st.dataframe(view.data.drop(columns=["episode_id"]), hide_index=True, width="stretch")
    return compare


def endings_section(state: ps.EpisodesState, compare: list[str]) -> None:
    """How each turn East ended, and the paper's verdict (the compared ones open)."""
    paper = data.paper()
    shown = filter_episodes(PAGE_DATA.dataset().episodes, state.filters)
    for card in scorecard.episode_cards(shown, paper):
        render_episode_card(card, paper, expanded=card.id in compare)
