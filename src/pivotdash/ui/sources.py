"""Sources page widgets: a paragraph with what cites it, the linked paragraph, an erratum card."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pivotdash import paths, provenance, schema
from pivotdash import state as ps
from pivotdash.errors import DataError
from pivotdash.paper import Paper, Paragraph
from pivotdash.passages import SEARCH_MAX, Hit, search, snippet
from pivotdash.references import Citing, cited_by, of_kind, resolve, sections
from pivotdash.text import plain_markdown
from pivotdash.ui import data, passages
from pivotdash.ui.cards import grade_words
from pivotdash.ui.downloads import csv_data
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.state import url_params

TIMELINE_PAGE = ps.page_file("timeline")
EPISODES_PAGE = ps.page_file("episodes")
KIND_WORDS = {"episode": "turn(s) East", "event": "event(s)", "risk": "risk(s) to today's pivot", "erratum": "erratum"}


SOURCES_PAGE = ps.page_file("sources")


def highlighted(hit: Hit) -> str:
    """The text around the match, escaped, the matched words in bold (a data string never becomes markup)."""
    return "".join(f"**{plain_markdown(piece)}**" if match and piece.strip() else plain_markdown(piece)
                   for piece, match in snippet(hit))


def searchable(paper: Paper) -> list[tuple[str, str, str]]:
    """Every paragraph and footnote as (id, section, text), in paper order."""
    return [(p.id, p.section, p.plain_text) for p in paper.paragraphs] + [
        (f.id, "Footnotes", f.text) for f in paper.footnotes]


def search_box(paper: Paper) -> None:
    """Search inside the paper (words, names, years, "a phrase"): matching paragraphs, each linked to its place."""
    query = st.text_input("Search the paper", key=ps.P.PAPER_QUERY, bind="query-params", max_chars=SEARCH_MAX,
                          placeholder="Words, names or years, e.g. Witte, Amur, 1905 or \"Power of Siberia\"",
                          help="Every word must appear, at the start of a word; case is ignored.")
    if not query.strip():
        return
    hits = search(searchable(paper), query)
    if not hits:
        st.info(f"No paragraph of the paper holds every word of “{plain_markdown(query.strip())}”.")
        return
    st.caption(f"{len(hits)} paragraph(s) of the paper match “{plain_markdown(query.strip())}”")
    with st.container(height=420 if len(hits) > 4 else "content", key="paper-search-results"):
        for hit in hits:
            st.page_link(SOURCES_PAGE, label=plain_markdown(f"¶ {hit.id} · {hit.section}"),
                         query_params={ps.P.PARA: hit.id, ps.P.PAPER_QUERY: query.strip()})
            st.markdown(highlighted(hit))


def linked_ref() -> str | None:
    """The paragraph or footnote named in the URL (`?para=p24`), if it has the form of one (else a notice)."""
    linked, _ = ps.from_query("sources", url_params())
    return linked.para if isinstance(linked, ps.SourcesState) else None


def summary(items: list[Citing]) -> str:
    """'Cited by 3 event(s), 1 turn(s) East' (empty when nothing cites it)."""
    parts = [f"{len(of_kind(items, k))} {w}" for k, w in KIND_WORDS.items() if of_kind(items, k)]
    return "Cited by " + ", ".join(parts) if parts else ""


def render_citations(items: list[Citing], episode_names: dict[str, str]) -> None:
    """Links from a paragraph to the rows citing it: event cards, the Episodes page, the checklist, errata."""
    for c in of_kind(items, "episode"):
        st.page_link(EPISODES_PAGE, label=plain_markdown(f"Turn East: {c.label}"),
                     query_params={ps.P.COMPARE: episode_names.get(c.id, c.label)})
    for c in of_kind(items, "event"):
        st.page_link(TIMELINE_PAGE, label=plain_markdown(f"Event: {c.date} · {c.label}"),
                     query_params={ps.P.EVENT: c.id})
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
        kind = schema.ERRATUM_KINDS.get(str(row.get("kind", "")), "Kind not stated")
        st.markdown(f"**{plain_markdown(row['id'])}** · ¶ {plain_markdown(', '.join(refs))} · *{kind}*")
        st.markdown("**The paper says:**\n\n" + passages.blockquote(str(row["paper_says"])))
        st.markdown(f"**The record says:** {plain_markdown(row['record_says'])}")
        if row.get("note"):
            st.caption(plain_markdown(row["note"]))
        st.markdown(f"**Source** ({grade_words(str(row.get('source_grade', '')))}): {plain_markdown(row['source'])}")
        c1, c2 = st.columns([1, 3])
        with c1:
            st.link_button("Open the source", str(row["source_url"]))
        with c2:
            for ref in refs:
                passages.link(ref, f"Read ¶ {ref} in the paper")


@dataclass(frozen=True)
class Records:
    """What the Sources page lists, each None when its file does not validate, and the problems found."""

    episodes: pd.DataFrame | None
    events: pd.DataFrame | None
    risks: pd.DataFrame | None
    errata: pd.DataFrame | None
    problems: list[tuple[DataError, str]]


def load_records() -> Records:
    problems: list[tuple[DataError, str]] = []
    episodes = events = risks = errata = None
    try:
        episodes, events = PAGE_DATA.dataset().episodes, PAGE_DATA.events()
    except DataError as err:
        problems.append((err, "the episodes and events"))
    try:
        risks = data.risks()
    except DataError as err:
        problems.append((err, "the risks (data/risks.csv)"))
    try:
        errata = data.errata()
    except DataError as err:
        problems.append((err, "the errata (data/errata.csv)"))
    return Records(episodes, events, risks, errata, problems)


def paper_tab(paper: Paper, recs: Records) -> None:
    """The linked paragraph first (`?para=`), then the whole paper with what cites each paragraph."""
    cites = cited_by(recs.episodes, recs.events, recs.risks, recs.errata)
    names = dict(zip(recs.episodes["id"], recs.episodes["name"], strict=True)) if recs.episodes is not None else {}
    ref = linked_ref()
    pid = resolve(ref, paper) if ref else None
    if ref:
        render_linked(paper, ref, pid, cites.get(pid or "", []) + (cites.get(ref, []) if ref != pid else []), names)
    tab_paper, tab_errata, tab_files, tab_dictionary = st.tabs(
        ["The paper", "Errata", "Data provenance", "Data dictionary"], key="sources_tab")
    with tab_paper:
        st.caption(plain_markdown(paper.author_note))
        for n, (section, ids) in enumerate(sections(paper), start=1):
            st.subheader(section, anchor=f"section-{n}")
            for para_id in ids:
                render_paragraph(paper.paragraph(para_id), cites.get(para_id, []), names, linked=para_id == pid)
        st.subheader("Footnotes", anchor="footnotes")
        for note in paper.footnotes:
            st.markdown(f"**fn{note.number}** " + plain_markdown(note.text))
    with tab_errata:
        errata_tab(recs.errata)
    with tab_files:
        files_tab()
    with tab_dictionary:
        dictionary_tab()


def errata_tab(errata: pd.DataFrame | None) -> None:
    st.markdown(
        "Where a statement of the paper and the historical record differ, the data says so here rather "
        "than silently picking one. Each entry quotes the paper, states the record and names a public source."
    )
    if errata is None:
        st.info("The errata could not be loaded; see the problems below.")
        return
    kinds = errata["kind"].value_counts() if "kind" in errata.columns else pd.Series(dtype=int)
    st.caption(f"{len(errata)} errata: {int(kinds.get('factual', 0))} factual (the record contradicts the paper), "
               f"{int(kinds.get('interpretive', 0))} interpretive (the record complicates its reading)")
    for _, row in errata.iterrows():
        render_erratum(row)
    st.download_button("Download the errata (CSV)", csv_data(errata), file_name="pivotdash-errata.csv",
                       mime="text/csv", key="errata_csv", on_click="ignore")


def files_tab() -> None:
    st.markdown(
        "Every data file the app reads, with its source, licence, vintage, row count (counted now) and how "
        "it was derived. The paper itself ships as "
        f"`seeds/{paths.PAPER_FILE}` (© Foreign Policy Research Institute, quoted with attribution)."
    )
    files = data.provenance_table()
    st.dataframe(files, hide_index=True, width="stretch")
    grades_summary(files)
    undocumented = files[files["source"] == "undocumented"]["file"].tolist()
    if undocumented:
        # File names are the operator's, not ours: shown as text, never as markdown.
        st.warning("Files without a provenance entry (declare it in pivotdash.catalogue): "
                   + plain_markdown(", ".join(undocumented)))
    st.download_button("Download the provenance table (CSV)", csv_data(files), mime="text/csv",
                       file_name="pivotdash-provenance.csv", key="provenance_csv", on_click="ignore")
    trade_readme = paths.data_dir() / "trade" / "README.md"
    if trade_readme.is_file():
        with st.expander("data/trade/README.md: how the trade tables are built"):
            # As text: a README under data/ is data, and markdown would fetch any image written into it.
            st.text(trade_readme.read_text(encoding="utf-8", errors="replace"))


GRADE_PLURALS = {"primary": "primary sources", "scholarly": "scholarly works", "reference": "reference works",
                 "news": "news reports", "other": "other pages"}  # keys of schema.SOURCE_GRADES


def grades_summary(files: pd.DataFrame) -> None:
    """How many of the sources the data cites are of each grade, in all and per file (the table's grade columns)."""
    totals = provenance.grade_totals(files)
    words = ", ".join(f"{n} {GRADE_PLURALS.get(g, g)}" for g, n in totals.items() if n)
    st.markdown(f"**Sources by grade:** the data cites {sum(totals.values())} sources: {words}.")
    st.caption("Graded per cited page: primary (the actors' own documents, official records and statistics), "
               "scholarly (journals, university presses, books, research institutes), reference work "
               "(encyclopaedias, gazetteers), news (newsrooms and agencies), other. A row of "
               "data/risk_status.csv cites several sources, each counted.")
    graded = files.dropna(subset=list(provenance.GRADE_COLUMNS))
    st.dataframe(graded[["file", *provenance.GRADE_COLUMNS]], hide_index=True, width="content",
                 key="grade-counts")


def dictionary_tab() -> None:
    st.markdown(
        "Generated from the catalogue the app validates with (pivotdash.catalogue), so it cannot drift "
        "from the code. data/README.md is generated from the same."
    )
    dictionary = provenance.data_dictionary()
    st.dataframe(dictionary, hide_index=True, width="stretch")
    st.download_button("Download the data dictionary (CSV)", csv_data(dictionary), mime="text/csv",
                       file_name="pivotdash-data-dictionary.csv", key="dictionary_csv", on_click="ignore")
