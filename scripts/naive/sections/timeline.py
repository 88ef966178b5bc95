import plotly.express as px
import streamlit as st
from common import CATEGORIES, OUTCOMES, csv_button, episode_bands, events, filtered, read

st.title("Timeline of Russia's turns East")
episodes = read("episodes.csv")
c1, c2, c3, c4 = st.columns(4)
cats = c1.multiselect("Category", list(CATEGORIES), format_func=CATEGORIES.get)
outs = c2.multiselect("Outcome of the turn", list(OUTCOMES), format_func=OUTCOMES.get)
names = dict(zip(episodes["id"], episodes["name"], strict=True))
eps = c3.multiselect("Turn East (episode)", list(names), format_func=names.get)
query = c4.text_input("Search titles, summaries, sources")
df = filtered(events(), st.session_state["filters"])
if cats:
    df = df[df["category"].isin(cats)]
if outs:
    df = df[df["episode_id"].map(dict(zip(episodes["id"], episodes["outcome"], strict=True))).isin(outs)]
if eps:
    df = df[df["episode_id"].isin(eps)]
if query:
    df = df[df["title"].str.contains(query, case=False) | df["summary"].str.contains(query, case=False)]
st.caption(f"{len(df)} of {len(events())} events")
fig = px.scatter(df, x="when", y="category", color="category", hover_name="title", hover_data=["date", "summary"],
                 custom_data=["id"], title="Russia's turns East and their events")
episode_bands(fig, episodes)
sel = st.plotly_chart(fig, on_select="rerun", key="timeline")
csv_button(df, "timeline", "timeline_csv")
titles = dict(zip(df["id"], df["date"] + " · " + df["title"], strict=True))
event_id = st.selectbox("Open an event card (or click a marker)", list(titles), format_func=titles.get, index=None)
if event_id:
    ev = df[df["id"] == event_id].iloc[0]
    st.subheader(ev["title"])
    st.markdown(f"{ev['date']} · {ev['category']}\n\n{ev['summary']}\n\nSource: [{ev['source']}]({ev['source_url']})")
st.subheader("Events")
st.dataframe(df.drop(columns=["when"]), hide_index=True)
