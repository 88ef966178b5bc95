"""Sources page widgets: a paragraph with what cites it, the linked paragraph, an erratum card."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pivotdash.paper import Paper, Paragraph
from pivotdash.references import Citing, of_kind
from pivotdash.text import plain_markdown
from pivotdash.ui import passages, state

TIMELINE_PAGE = "pages/timeline.py"
EPISODES_PAGE = "pages/episodes.py"
KIND_WORDS = {"episode": "turn(s) East", "event": "event(s)", "risk": "risk(s) to today's pivot", "erratum": "erratum"}


def linked_ref() -> str | None:
    """The paragraph or footnote named in the URL (`?para=p24`), if any."""
    return st.query_params.get(passages.PARA_KEY) or None


def summary(items: list[Citing]) -> str:
    """'Cited by 3 event(s), 1 turn(s) East' (empty when nothing cites it)."""
    parts = [f"{len(of_kind(items, k))} {w}" for k, w in KIND_WORDS.items() if of_kind(items, k)]
    return "Cited by " + ", ".join(parts) if parts else ""


def render_citations(items: list[Citing], episode_names: dict[str, str]) -> None:
    """Links from a paragraph to the rows citing it: event cards, the Episodes page, the checklist, errata."""
    for c in of_kind(items, "episode"):
        st.page_link(EPISODES_PAGE, label=plain_markdown(f"Turn East: {c.label}"),
                     query_params={"compare": episode_names.get(c.id, c.label)})
    for c in of_kind(items, "event"):
        st.page_link(TIMELINE_PAGE, label=plain_markdown(f"Event: {c.date} · {c.label}"),
                     query_params={state.EVENT_KEY: c.id})
    for c in of_kind(items, "risk"):
        st.page_link(EPISODES_PAGE, label=plain_markdown(f"Risk to today's pivot: {c.label}"))
    for c in of_kind(items, "erratum"):
        st.markdown(f"Erratum *{plain_markdown(c.id)}*: the paper says “{plain_markdown(c.label)}” "
                    "(see the Errata tab)")


def paragraph_text(para: Paragraph) -> str:
    """The paragraph escaped for markdown, footnote marks kept as superscripts."""
    return plain_markdown(para.text)


def render_paragraph(para: Paragraph, items: list[Citing], episode_names: dict[str, str], *, linked: bool) -> None:
    """One paragraph with its id as an anchor heading, its text, and what cites it."""
    # The heading's text is only the id, so Streamlit gives it the anchor #<id> (sources#p24 scrolls to it).
    st.markdown(f"##### ¶ {para.id}")
    if linked:
        st.caption("The linked paragraph")
        with st.container(border=True):
            st.markdown(paragraph_text(para))
    else:
        st.markdown(paragraph_text(para))
    if para.footnotes:
        st.caption("Footnotes: " + ", ".join(f"fn{n}" for n in para.footnotes))
    words = summary(items)
    if words:
        with st.expander(words, expanded=linked):
            render_citations(items, episode_names)


def render_linked(paper: Paper, ref: str, pid: str | None, items: list[Citing], episode_names: dict[str, str]) -> None:
    """The paragraph the URL names, at the top of the page, with everything that cites it."""
    with st.container(border=True, key="linked-paragraph"):
        if pid is None:
            st.warning(f"The paper has no paragraph or footnote {plain_markdown(repr(ref))}. Ids run abstract, p1…p"
                       f"{len(paper.paragraphs) - 1} and fn1…fn{len(paper.footnotes)}.")
            return
        para = paper.paragraph(pid)
        st.subheader(f"Linked paragraph: ¶ {pid}", anchor="linked-paragraph")
        if ref != pid:
            st.caption(f"Footnote {ref} belongs to ¶ {pid}.")
        st.caption(plain_markdown(para.section))
        st.markdown(passages.blockquote(para.text))
        for n in para.footnotes:
            st.caption(plain_markdown(f"fn{n}: {paper.footnote(n).text}"))
        if items:
            st.markdown(f"**{plain_markdown(summary(items))}**")
            render_citations(items, episode_names)
        else:
            st.caption("No event, turn East, risk or erratum in the data cites this paragraph.")


def render_erratum(row: pd.Series) -> None:
    """Where the paper and the record differ: both in words, and the public source as a link button."""
    with st.container(border=True, key=f"erratum-{row['id']}"):
        refs = list(row["paper_ref"])
        st.markdown(f"**{plain_markdown(row['id'])}** · ¶ {plain_markdown(', '.join(refs))}")
        st.markdown("**The paper says:**\n\n" + passages.blockquote(str(row["paper_says"])))
        st.markdown(f"**The record says:** {plain_markdown(row['record_says'])}")
        if row.get("note"):
            st.caption(plain_markdown(row["note"]))
        st.markdown(f"**Source:** {plain_markdown(row['source'])}")
        c1, c2 = st.columns([1, 3])
        with c1:
            st.link_button("Open the source", str(row["source_url"]))
        with c2:
            for ref in refs:
                passages.link(ref, f"Read ¶ {ref} in the paper")
