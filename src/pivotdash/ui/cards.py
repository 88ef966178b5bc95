"""The event card: what happened, why, and the paper's passage or the public source behind it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pivotdash import schema
from pivotdash import state as ps
from pivotdash.paper import Paper
from pivotdash.passages import Terms, event_terms, supporting
from pivotdash.text import plain_markdown
from pivotdash.ui.passages import blockquote


def render_passage(paper: Paper, ref: str, terms: Terms) -> None:
    """The sentence(s) of paragraph `ref` that support the event, with the whole paragraph one click away."""
    try:
        para = paper.paragraph(ref)
    except KeyError:
        return
    excerpt = supporting(para.plain_text, terms)
    note = "" if excerpt.matched else " (no sentence names the event; its first sentence)"
    st.markdown(f"**The paper, ¶ {plain_markdown(ref)}** ({plain_markdown(para.section)}){note}")
    st.markdown(blockquote(excerpt.text()))
    if not excerpt.whole:
        with st.expander(f"The whole paragraph ¶ {ref}"):
            st.markdown(blockquote(para.plain_text))
    st.page_link(ps.page_file("sources"), label=f"Read ¶ {ref} in the paper", query_params={ps.P.PARA: ref})


def render_event_card(event: pd.Series, paper: Paper) -> None:
    """A bordered card; every data string is escaped, links only through link buttons."""
    with st.container(border=True, key=f"card-{event['id']}"):
        category = schema.label("categories", event["category"])
        st.caption(" · ".join(plain_markdown(x) for x in (event["date_label"], category, schema.ERAS[event["era"]])))
        st.subheader(plain_markdown(event["title"]), anchor=False)
        st.text(event["summary"])
        facts = []
        if event["episode_name"]:
            facts.append(f"**Turn East:** {plain_markdown(event['episode_name'])}")
        if event["driver_list"]:
            facts.append("**Drivers:** " + ", ".join(plain_markdown(schema.label("drivers", d))
                                                    for d in event["driver_list"]))
        if event["date_note"]:
            facts.append(f"**Date note:** {plain_markdown(event['date_note'])}")
        if facts:
            st.markdown("  \n".join(facts))
        terms = event_terms([event["title"], event["summary"]], [event["date"], event["end_date"]])
        for ref in event["paper_ref"]:
            render_passage(paper, str(ref), terms)
        if event["source"] or event["source_url"]:
            render_source(str(event["source"]), str(event["source_url"]), str(event.get("source_grade", "")))


def grade_words(grade: str) -> str:
    """'News', 'Primary source', … for a grade id; 'not graded' for a blank or unknown one."""
    return schema.SOURCE_GRADES.get(grade, "not graded")


def render_source(source: str, url: str, grade: str) -> None:
    """The citation with its grade (primary, scholarly, reference work, news, other) and a button to the page."""
    if url:
        st.markdown(f"**Source** ({grade_words(grade)}): {plain_markdown(source) if source else 'the page linked'}")
        st.link_button("Open the source", url)
    elif source:
        st.markdown(f"**Source:** {plain_markdown(source)}")
