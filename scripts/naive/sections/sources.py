import streamlit as st
from common import DATA, REPO, read, trade_csv

st.title("Sources")


@st.cache_data
def paper() -> list[str]:
    text = next((REPO / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


paras = paper()
st.markdown("The paper behind every claim: Chris Miller, *Will Russia's Pivot to Asia Last?*, Foreign Policy "
            "Research Institute, 2019. Each paragraph carries the id the data cites (`paper_ref`).")
q = st.text_input("Search the paper")
events = read("events.csv")
cited = events.groupby("paper_ref")["title"].apply(list).to_dict()
st.header("The paper")
for i, text in enumerate(paras, start=1):
    if q and q.lower() not in text.lower():
        continue
    st.markdown(f"**p{i}** {text}")
    for title in cited.get(f"p{i}", [])[:5]:
        st.page_link("sections/timeline.py", label=f"Cited by: {title}")
st.header("Errata")
st.dataframe(read("errata.csv"), hide_index=True)
st.header("Data files")
files = {"events.csv": read("events.csv"), "episodes.csv": read("episodes.csv"),
         "flashpoints.csv": read("flashpoints.csv"), "routes.csv": read("routes.csv"),
         "dots_russia_partners.csv": trade_csv("dots_russia_partners.csv")}
st.dataframe([{"file": n, "rows": len(df), "columns": ", ".join(df.columns)} for n, df in files.items()],
             hide_index=True)
for name, df in list(files.items())[:3]:
    st.download_button(f"Download {name}", df.to_csv(index=False), name, key=f"dl_{name}")
st.markdown((DATA / "README.md").read_text(encoding="utf-8") if (DATA / "README.md").exists() else "")
