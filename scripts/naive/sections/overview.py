import plotly.express as px
import streamlit as st
from common import events, filtered, read, trade_csv

st.title("Will Russia's turn to Asia last?")
st.markdown("Russia has turned East again and again since the early 1800s. Chris Miller's paper *Will Russia's "
            "Pivot to Asia Last?* (Foreign Policy Research Institute, 2019) argues that most of those turns "
            "sputtered out or ended in disaster. Here is that history beside today's numbers.")
episodes = read("episodes.csv").copy()
episodes["start"] = episodes["start_year"].astype(str) + "-01-01"
episodes["finish"] = episodes["end_year"].replace("", "2026").astype(str) + "-12-31"
shown = filtered(events(), st.session_state["filters"])
counts = shown.groupby("episode_id").size()
episodes["events"] = episodes["id"].map(counts).fillna(0).astype(int)
st.subheader("Seven turns East")
fig = px.timeline(episodes, x_start="start", x_end="finish", y="name", color="outcome",
                  hover_data=["leaders", "events"], title="Russia's turns East, 1799 to today")
fig.update_yaxes(autorange="reversed")
st.plotly_chart(fig, key="strip")
st.download_button("Download CSV", episodes.to_csv(index=False), "episodes.csv", key="strip_csv")
for _, ep in episodes.iterrows():
    st.markdown(f"**{ep['name']}** ({ep['start_year']}–{ep['end_year'] or 'today'}): {ep['outcome']}. "
                f"{ep['verdict'][:200]}")
st.subheader("Today's trade")
dots = trade_csv("dots_russia_partners.csv")
last = dots[dots["flow"] == "exports"]["year"].max()
now = dots[(dots["year"] == last) & (dots["flow"] == "exports")].set_index("partner")["share_pct"]
then = dots[(dots["year"] == 2000) & (dots["flow"] == "exports")].set_index("partner")["share_pct"]
cols = st.columns(3)
shown_partners = (("china", "China"), ("eu27", "EU27"), ("japan_korea", "Japan + South Korea"))
for col, (pid, name) in zip(cols, shown_partners, strict=True):
    col.metric(f"{name}, share of exports {last}", f"{now.get(pid, float('nan')):.1f}%",
               f"{now.get(pid, 0) - then.get(pid, 0):+.1f} pt since 2000")
st.subheader("The paper's conclusion")
st.markdown("Past pivots were sparked by promises of rich Asian markets that disappointed, by a clash with the "
            "West that later eased, or ended in war and domestic crisis.")
st.subheader("Where next")
for p, what in (("timeline", "every event"), ("episodes", "the turns compared"), ("trade", "the trade"),
                ("map", "the flashpoints"), ("sources", "the paper")):
    st.page_link(f"sections/{p}.py", label=f"{p.title()}: {what}")
