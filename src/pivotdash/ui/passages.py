"""The paper's passages on a page: quoted, escaped, each with a link to it on the Sources page."""

from __future__ import annotations

import streamlit as st

from pivotdash import state as ps
from pivotdash.paper import Paper
from pivotdash.text import plain_markdown

SOURCES_PAGE = ps.page_file("sources")


def blockquote(text: str) -> str:
    """`text` escaped and quoted, line by line (the paper has * and _ in it)."""
    return "\n".join("> " + plain_markdown(line) for line in text.splitlines() if line.strip())


def quote(paper: Paper, ref: str, *, heading: str = "The paper") -> bool:
    """Quote paragraph `ref` with its section and a link to it in the paper; False if the paper has no such id."""
    try:
        para = paper.paragraph(ref)
    except KeyError:
        return False
    st.markdown(f"**{plain_markdown(heading)}, ¶ {plain_markdown(ref)}** ({plain_markdown(para.section)})")
    st.markdown(blockquote(para.plain_text))
    link(ref, f"Read ¶ {ref} in the paper")
    return True


def link(ref: str, label: str | None = None) -> None:
    """A link to paragraph `ref` on the Sources page (`sources?para=<ref>`)."""
    st.page_link(SOURCES_PAGE, label=plain_markdown(label or f"¶ {ref}"), query_params={ps.P.PARA: ref})


def links(refs: list[str] | tuple[str, ...], caption: str) -> None:
    """Links to several paragraphs, side by side under a caption."""
    if not refs:
        return
    st.caption(caption)
    with st.container(horizontal=True, gap="small"):
        for ref in refs:
            link(ref)
