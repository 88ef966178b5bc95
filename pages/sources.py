"""Sources: the paper with paragraph anchors and what cites each paragraph, the errata, provenance, data dictionary."""

from __future__ import annotations

import streamlit as st

from pivotdash import paths, provenance
from pivotdash.errors import DataError
from pivotdash.export.tables import to_safe_csv
from pivotdash.references import cited_by, resolve, sections
from pivotdash.text import plain_markdown
from pivotdash.ui import data
from pivotdash.ui.navigation import through_app
from pivotdash.ui.problems import show_data_error
from pivotdash.ui.sources import linked_ref, render_erratum, render_linked, render_paragraph

through_app()

st.title("Sources")
paper = data.paper()
st.markdown(
    f"The paper behind every claim: {plain_markdown(paper.author)}, *{plain_markdown(paper.title)}*, "
    f"Foreign Policy Research Institute, {plain_markdown(paper.date)}. Each paragraph carries the id the "
    "data cites (`paper_ref`): a link such as `sources?para=p24` opens it here."
)

problems = []
try:
    dataset = data.core()
    episodes, events = dataset.episodes, data.events()
except DataError as err:
    problems.append((err, "the episodes and events"))
    episodes = events = None
try:
    risks = data.risks()
except DataError as err:
    problems.append((err, "the risks (data/risks.csv)"))
    risks = None
try:
    errata = data.errata()
except DataError as err:
    problems.append((err, "the errata (data/errata.csv)"))
    errata = None
cites = cited_by(episodes, events, risks, errata)
episode_names = dict(zip(episodes["id"], episodes["name"], strict=True)) if episodes is not None else {}

ref = linked_ref()
if ref:
    pid = resolve(ref, paper)
    render_linked(paper, ref, pid, cites.get(pid or "", []) + (cites.get(ref, []) if ref != pid else []),
                  episode_names)
else:
    pid = None

tab_paper, tab_errata, tab_files, tab_dictionary = st.tabs(
    ["The paper", "Errata", "Data provenance", "Data dictionary"], key="sources_tab")

with tab_paper:
    st.caption(plain_markdown(paper.author_note))
    for n, (section, ids) in enumerate(sections(paper), start=1):
        st.subheader(section, anchor=f"section-{n}")
        for para_id in ids:
            render_paragraph(paper.paragraph(para_id), cites.get(para_id, []), episode_names,
                             linked=para_id == pid)
    st.subheader("Footnotes", anchor="footnotes")
    for note in paper.footnotes:
        st.markdown(f"**fn{note.number}** " + plain_markdown(note.text))

with tab_errata:
    st.markdown(
        "Where a statement of the paper and the historical record differ, the data says so here rather "
        "than silently picking one. Each entry quotes the paper, states the record and names a public source."
    )
    if errata is None:
        st.info("The errata could not be loaded; see the problems below.")
    else:
        st.caption(f"{len(errata)} errata")
        for _, row in errata.iterrows():
            render_erratum(row)
        st.download_button("Download the errata (CSV)", to_safe_csv(errata), file_name="pivotdash-errata.csv",
                           mime="text/csv", key="errata_csv", on_click="ignore")

with tab_files:
    st.markdown(
        "Every data file the app reads, with its source, licence, vintage, row count (counted now) and how "
        "it was derived. The paper itself ships as "
        f"`seeds/{paths.PAPER_FILE}` (© Foreign Policy Research Institute, quoted with attribution)."
    )
    files = data.provenance_table()
    st.dataframe(files, hide_index=True, width="stretch")
    undocumented = files[files["source"] == "undocumented"]["file"].tolist()
    if undocumented:
        st.warning("Files without a provenance entry (declare it in pivotdash.catalogue): " + ", ".join(undocumented))
    st.download_button("Download the provenance table (CSV)", to_safe_csv(files), mime="text/csv",
                       file_name="pivotdash-provenance.csv", key="provenance_csv", on_click="ignore")
    trade_readme = paths.data_dir() / "trade" / "README.md"
    if trade_readme.exists():
        with st.expander("data/trade/README.md: how the trade tables are built"):
            st.markdown(trade_readme.read_text(encoding="utf-8"))

with tab_dictionary:
    st.markdown(
        "Generated from the catalogue the app validates with (pivotdash.catalogue), so it cannot drift "
        "from the code. data/README.md is generated from the same."
    )
    dictionary = provenance.data_dictionary()
    st.dataframe(dictionary, hide_index=True, width="stretch")
    st.download_button("Download the data dictionary (CSV)", to_safe_csv(dictionary), mime="text/csv",
                       file_name="pivotdash-data-dictionary.csv", key="dictionary_csv", on_click="ignore")

for err, what in problems:
    show_data_error(err, what)
