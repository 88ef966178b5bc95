import pandas as pd
import plotly.express as px
import streamlit as st
from common import csv_button, trade_csv

st.title("Trade: is Russia's trade turning East?")
st.caption("Where Russia's exports go and its imports come from, by partner. Source: IMF DOTS, 1992–2020; "
           "the Russian Empire and the USSR 1827–1937 from RICardo.")
dots = trade_csv("dots_russia_partners.csv")
names = dict(zip(dots["partner"], dots["partner_name"], strict=True))
c1, c2, c3, c4 = st.columns(4)
measure = c1.radio("Measure", ["share_pct", "value_usd_mn"], horizontal=True, key="measure")
flow = c2.radio("Flow", ["exports", "imports"], horizontal=True, key="flow")
eu = c3.radio("EU definition", ["eu27", "eu28"], horizontal=True, key="eu")
chart = c4.radio("Chart", ["lines", "stacked", "bar"], horizontal=True, key="chart")
options = ["japan_korea", *sorted(dots[dots["kind"] == "country"]["partner"].unique(), key=names.get)]
partners = st.multiselect("Partners (besides the EU)", options, default=["china", "japan_korea", "belarus",
                                                                         "united_states"], format_func=names.get)
years = st.session_state["filters"]["years"]
tabs = st.tabs(["Composition", "Paper's numbers checked", "History", "Your own data"], key="trade_tab",
               bind="query-params")

if tabs[0].open:
    with tabs[0]:
        df = dots[(dots["flow"] == flow) & dots["partner"].isin([eu, *partners]) & dots["year"].between(*years)]
        last = df["year"].max()
        cols = st.columns(3)
        for col, pid in zip(cols, ("china", eu, "japan_korea"), strict=True):
            now = df[(df["partner"] == pid) & (df["year"] == last)][measure]
            col.metric(f"{names.get(pid, pid)} {last}", f"{now.iloc[0]:.1f}" if len(now) else "–")
        kind = {"lines": px.line, "stacked": px.area, "bar": px.bar}[chart]
        st.plotly_chart(kind(df, x="year", y=measure, color="partner_name", title=f"Russia's {flow} by partner"),
                        key="composition")
        csv_button(df, "composition", "composition_csv")
        st.dataframe(df.pivot_table(index="year", columns="partner_name", values=measure), key="composition_table")

if tabs[1].open:
    with tabs[1]:
        # The paper's numbers (data/risks.csv quotes them: China about 11% of exports and 20% of imports,
        # half the exports to Europe, Japan and South Korea each under 4%), against DOTS for 2018.
        claims = pd.DataFrame([("exports", "china", 11.0), ("imports", "china", 20.0), ("exports", "eu28", 50.0),
                               ("exports", "japan", 4.0), ("exports", "korea_south", 4.0)],
                              columns=["flow", "partner", "paper_says_pct"])
        y2018 = dots[dots["year"] == 2018]
        checked = claims.merge(y2018[["flow", "partner", "share_pct"]], on=["flow", "partner"], how="left")
        checked["difference"] = checked["share_pct"] - checked["paper_says_pct"]
        st.dataframe(checked, hide_index=True)
        st.plotly_chart(px.bar(checked.melt(id_vars=["flow", "partner"], value_vars=["paper_says_pct", "share_pct"]),
                               x="partner", y="value", color="variable", barmode="group", facet_col="flow",
                               title="The paper's numbers against DOTS, 2018"), key="claims")
        csv_button(checked, "claims", "claims_csv")
        published = trade_csv("published_figures.csv")
        st.dataframe(published, hide_index=True)
        csv_button(published, "published", "published_csv")

if tabs[2].open:
    with tabs[2]:
        hist = trade_csv("ricardo_russia_history.csv")
        hnames = dict(zip(hist["partner"], hist["partner_name"], strict=True))
        picks = st.multiselect("Partners in the history", sorted(hist["partner"].unique()),
                               default=["china", "japan", "germany", "united_kingdom", "france"],
                               format_func=hnames.get)
        h = hist[(hist["flow"] == flow) & hist["partner"].isin(picks)]
        st.plotly_chart(px.line(h, x="year", y="share_pct", color="partner_name",
                                title=f"Russia's {flow} by partner, 1827–1937"), key="history")
        csv_button(h, "history", "history_csv")

if tabs[3].open:
    with tabs[3]:
        up = st.file_uploader("Your own trade CSV (year, partner, value)", type="csv")
        if up is not None:
            mine = pd.read_csv(up)
            st.plotly_chart(px.line(mine, x="year", y="value", color="partner"), key="upload")
