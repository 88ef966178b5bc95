import plotly.express as px
import streamlit as st
from common import csv_button, events, filtered, read

st.title("The turns East compared")
episodes = read("episodes.csv").copy()
episodes["end"] = episodes["end_year"].replace("", "2026").astype(int)
episodes["years"] = episodes["end"] - episodes["start_year"] + 1
shown = filtered(events(), st.session_state["filters"])
episodes["events"] = episodes["id"].map(shown.groupby("episode_id").size()).fillna(0).astype(int)
st.header("Scorecard")
st.dataframe(episodes[["name", "start_year", "end_year", "leaders", "drivers", "outcome", "end_reasons", "events"]],
             hide_index=True)
csv_button(episodes, "scorecard", "scorecard_csv")
st.header("Will this one last?")
risks = read("risks.csv")
status = read("risk_status.csv")
merged = risks.merge(status, left_on="id", right_on="risk_id", how="left")
counts = merged["status"].value_counts().reset_index()
st.plotly_chart(px.bar(counts, x="status", y="count", title="The paper's risks, their status since 2019"),
                key="risks")
csv_button(merged, "risks", "risks_csv")
for _, r in merged.iterrows():
    st.markdown(f"**{r['risk']}**: {r['status']}. {r['why']}")
    st.selectbox("Your reading", ["not assessed", "came true", "partly", "not yet"], key=f"own_{r['id']}")
st.plotly_chart(px.bar(episodes, x="years", y="name", orientation="h", title="How long each turn East lasted"),
                key="durability")
csv_button(episodes[["name", "years"]], "durability", "durability_csv")
st.header("Compare turns East, year by year")
picked = st.multiselect("Turns East to compare", list(episodes["name"]), default=list(episodes["name"])[-3:])
ev = shown.merge(episodes[["id", "name", "start_year"]], left_on="episode_id", right_on="id")
ev["year of the turn"] = ev["year"] - ev["start_year"]
per = ev[ev["name"].isin(picked)].groupby(["name", "year of the turn"]).size().groupby(level=0).cumsum()
per = per.reset_index(name="events so far")
st.plotly_chart(px.line(per, x="year of the turn", y="events so far", color="name",
                        title="Events since each turn began"), key="compare")
st.dataframe(per, hide_index=True)
csv_button(per, "compare", "compare_csv")
st.header("How each ended, and the paper's verdict")
for _, ep in episodes.iterrows():
    st.markdown(f"### {ep['name']}\n\n**How it ended:** {ep['ended_how']}\n\n**Verdict:** {ep['verdict']}")
    st.dataframe(shown[shown["episode_id"] == ep["id"]][["date", "title", "category"]], hide_index=True)
