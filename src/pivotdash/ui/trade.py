"""Trade page widgets and sections: the view switches (in the URL), each chart with its CSV, the upload."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from pivotdash import schema
from pivotdash import state as ps
from pivotdash.errors import DataError, Problem
from pivotdash.filters import Filters
from pivotdash.text import plain_markdown
from pivotdash.trade import claims as tc
from pivotdash.trade import mirror
from pivotdash.trade import viewstate as vs
from pivotdash.trade.tables import TradeTables
from pivotdash.trade.uploads import ENCODINGS, MAX_BYTES, MAX_ROWS, Upload, parse_upload
from pivotdash.ui import charts, data, inputs
from pivotdash.ui.downloads import csv_data
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.state import shared_filters
from pivotdash.views import trade as vt

P = ps.P
UPLOAD_KEY = "trade_upload"
UPLOAD_ENCODING_KEY = "trade_upload_encoding"  # per session, not in the URL (a link carries no file)
_UPLOAD_STATE = "_trade_upload_parsed"
HISTORY_SHARES_ONLY = ("The 1827–1937 history is drawn as shares of each year's total only: its values are in rubles "
                       "of each year (paper, then silver rubles from 1839/40, new rubles in 1936) and do not compare "
                       "across years, so the Measure switch applies to the 1992–2020 charts.")


def picker_options(tables: TradeTables) -> list[str]:
    """Partners the picker offers: Japan + South Korea and every single partner, by name."""
    names = tables.partner_names
    first = tables.dots.drop_duplicates("partner")
    singles = sorted((str(p) for p, k in zip(first["partner"], first["kind"], strict=True)
                      if k in ("country", "unallocated")), key=lambda p: names[p])
    return ["japan_korea", *singles]


def trade_state(tables: TradeTables) -> ps.TradeState:
    """The view switches above the tabs (their keys are the URL parameters), with the history's picks."""
    names = tables.partner_names
    c1, c2, c3, c4 = st.columns(4)
    on_history = st.session_state.get(P.TAB) == vs.TABS["history"]
    measure = c1.radio("Measure", list(vs.MEASURES), format_func=vs.MEASURES.__getitem__, horizontal=True,
                       key=P.MEASURE, bind="query-params", disabled=on_history,
                       help=HISTORY_SHARES_ONLY if on_history else "Share of the world total, or US$ value.")
    flow = c2.radio("Flow", list(vs.FLOWS), format_func=vs.FLOWS.__getitem__, horizontal=True, key=P.FLOW,
                    bind="query-params",
                    help="Exports as Russia reports them; imports as partners report their exports to Russia "
                         "(a mirror: Russia's own import figures by partner are not in the extract).")
    eu = c3.radio("EU definition", list(vs.EU_DEFS), format_func=vs.EU_DEFS.__getitem__, horizontal=True,
                  key=P.EU, bind="query-params",
                  help="EU27: the 27 members of 2020, back-cast to every year. EU28: EU27 plus the United Kingdom "
                       "(the EU of 2013–2020), back-cast to every year. EU as it was: each year's members (EU12 "
                       "to 1994, EU15 from 1995, EU25 from 2004, EU27 from 2007, EU28 from 2013, EU27 in 2020).")
    chart = c4.radio("Chart", list(vs.CHARTS), format_func=vs.CHARTS.__getitem__, horizontal=True,
                     key=P.CHART, bind="query-params")
    options = picker_options(tables)
    partners = st.multiselect(
        "Partners (besides the EU)", options, default=[p for p in vs.DEFAULT_PARTNERS if p in options],
        format_func=lambda p: names.get(p, p), key=P.PARTNERS, bind="query-params", max_selections=12,
        help="In the stacked and bar views a country inside a chosen group is taken out of it "
             "(e.g. 'EU27 excl. Germany'); the rest of the world fills up to the total.",
    )
    view = vs.TradeView(measure=str(measure), flow=str(flow), eu=str(eu), chart=str(chart), partners=tuple(partners))
    history = tuple(st.session_state.get(P.HIST_PARTNERS) or ps.HISTORY_PARTNERS)
    state = ps.TradeState(shared_filters(), view, history_partners=history)
    if chart == "bar":
        years = vt.shown_view(state, PAGE_DATA).years
        choices = list(range(years[0], years[1] + 1))
        year = st.select_slider("Year of the bars", choices, value=choices[-1], key=P.TRADE_YEAR,
                                bind="query-params")
        state = replace(state, view=replace(view, year=int(year)))
    return state


def era_note(filters: Filters, series: str, years: tuple[int, int]) -> str | None:
    """Why the sidebar's era filter does nothing to a trade chart (it follows the year range), and which chosen
    eras the series (`years`) does not reach; None when no era is chosen."""
    if not filters.eras:
        return None
    lo, hi = years
    named = [f"{schema.label('eras', e)} ({schema.ERA_BOUNDS[e][0]}–{schema.ERA_BOUNDS[e][1]})" for e in filters.eras]
    outside = [n for e, n in zip(filters.eras, named, strict=True)
               if schema.ERA_BOUNDS[e][1] < lo or schema.ERA_BOUNDS[e][0] > hi]
    note = (f"The era filter ({', '.join(named)}) does not narrow this chart: trade is shown for the sidebar's "
            f"years ({filters.years[0]}–{filters.years[1]}) within the {series} ({lo}–{hi}).")
    if outside:
        note += f" {' and '.join(outside)} lie{'s' if len(outside) == 1 else ''} outside the {series} entirely."
    return note


def show_era_note(filters: Filters, series: str, years: tuple[int, int]) -> None:
    note = era_note(filters, series, years)
    if note:
        st.info(note, icon=":material/info:")


def headline(tables: TradeTables, view: vs.TradeView) -> None:
    """China's, the EU's and Japan + South Korea's share in the last year shown, and the change since 2000
    (the turn of the century the analysts compare with) or since the first year shown if later."""
    lo, hi = view.years
    lo = 2000 if lo <= 2000 < hi else lo
    eu_name = vs.EU_MEANS[view.eu]
    cols = st.columns(3)
    for col, pid, name in zip(cols, ("china", view.eu, "japan_korea"), ("China", eu_name, "Japan + South Korea"),
                              strict=True):
        first = tc.share(tables.dots, view.flow, pid, lo)
        last = tc.share(tables.dots, view.flow, pid, hi)
        value = "not reported" if last is None else f"{last:.1f}%"
        delta = None if first is None or last is None else f"{last - first:+.1f} points since {lo}"
        col.metric(f"{name}: {view.flow[:-1]} share, {hi}", value, delta, delta_color="off",
                   help=f"Share of Russia's {view.flow} (IMF DOTS), change since {lo} in percentage points.")


def composition_section(tables: TradeTables, state: ps.TradeState) -> None:
    show_era_note(state.filters, "IMF DOTS series", tables.years)
    ctx = vt.context(state, PAGE_DATA)
    shown = inputs.build("trade-composition", state)
    if shown is None or ctx.data_years is None:
        lo, hi = state.filters.years
        st.info(f"The years chosen in the sidebar ({lo}–{hi}) lie outside the "
                f"IMF DOTS series ({tables.years[0]}–{tables.years[1]}). Widen the year range in the sidebar.")
        return
    headline(tables, replace(state.view, years=ctx.data_years))
    notes = [
        "Exports are Russia's own figures; imports are what partners report exporting to Russia (a mirror, f.o.b.).",
        gaps_sentence(shown.data),
        "The Netherlands (in the EU) is inflated by oil shipped through Rotterdam on to other countries.",
    ]
    if ctx.events_error is not None:
        notes.append("Key events and the post-2014 band are not shown: the events and episodes data did not "
                     f"validate ({len(ctx.events_error.problems)} problem(s)).")
    charts.show(shown, "trade_composition", caption=" ".join(notes))
    published, problems = data.published()
    if published is not None and not published.empty:
        with st.expander(f"Published figures after 2020 ({len(published)}), never joined to the DOTS series"):
            st.caption("comparable_with: the DOTS series a figure can be set beside. China customs' exports to "
                       "Russia match DOTS's mirror imports; its imports from Russia do not match Russia's own "
                       "export figures (13% apart in 2020), so the two are never joined.")
            st.dataframe(published[["year", "flow", "partner", "metric", "value", "label", "comparable_with",
                                    "source", "source_url", "note"]], hide_index=True, width="stretch")
    if problems:
        with st.expander(f"{len(problems)} problem(s) in published_figures.csv: those rows are left out"):
            show_problems(problems)


def gaps_sentence(data: pd.DataFrame) -> str:
    """Which partners shown are not reported in which years (a gap, never a zero), from the chart's data."""
    rows = data[(data["series"] != "published figure") & ~data["partner"].isin(["world", "rest_of_world"])]
    missing = rows[rows["value_usd_mn"].isna()]
    if missing.empty:
        return "Every partner shown is reported in every year shown."
    parts = [f"{name} in {', '.join(str(y) for y in sorted(sub['year']))}"
             for name, sub in missing.groupby("partner_name", sort=False)]
    return ("Not reported, so left as gaps (never zeros): " + "; ".join(parts) + ". A group is only summed when "
            "all its members are reported; in the stacked view what cannot be split is hatched.")


def claims_table(data: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: the paper's words and figure, then data and verdict for each year checked."""
    shorts = {c.id: c.short for c in tc.CLAIMS}
    first = data.drop_duplicates("claim")
    out = pd.DataFrame({"paragraph": first["paragraph"], "claim": first["claim"].map(shorts),
                        "paper_figure": first["paper_figure"]}).reset_index(drop=True)
    for year, sub in data.groupby("year", sort=True):
        unit = sub["unit"].map({"ratio": "×", "% points": "%"})
        out[f"{year}"] = [f"{d}{u}" if pd.notna(d) else "not reported" for d, u in zip(sub["data"], unit,
                                                                                        strict=True)]
        out[f"{year} verdict"] = list(sub["verdict"])
    out["paper_says"] = list(first["paper_says"])
    out["compared_with"] = list(first["compared_with"])
    return out


def claims_section(tables: TradeTables, state: ps.TradeState) -> None:
    if state.filters.eras:
        st.info("The checks compare the paper with the IMF DOTS years that fit it best and the latest; the sidebar's "
                "eras and years do not change them.", icon=":material/info:")
    view = vt.claims(state, PAGE_DATA)
    paper_year = tc.best_year(tables.dots)
    latest = int(view.data["year"].max())
    fit = tc.fit_by_year(tables.dots)
    precise = fit.set_index("year")["precise_deviation_pct"]
    st.markdown(
        f"The paper (December 2019) does not say which year its trade figures describe. Its two precise "
        f"figures — China about 11% of Russia's exports and 20% of its imports — match **{paper_year}** best "
        f"(off by {precise.get(paper_year, float('nan')):.1f}% on average); the round ones (half, under 4%, as "
        f"much as) are checked against the same year, against {tc.LAST_BEFORE_PAPER} (the last full year before "
        f"the paper) and against {latest}, the last year of the series. "
        f"'Europe' is compared with the {tc.EUROPE_NAME}. {tc.TOLERANCE_TEXT}"
    )
    st.dataframe(claims_table(view.data), hide_index=True, width="stretch")
    charts.show(view, "trade_claims")
    europe_section(tables, sorted(set(view.data["year"])))
    with st.expander("How well each year fits the paper's figures"):
        st.caption("precise_deviation_pct: mean distance from the two precise figures (11%, 20%); "
                   "mean_deviation_pct: the same over all eight checks. Years with a partner missing are left out.")
        st.dataframe(fit, hide_index=True, width="stretch")
        st.download_button("Download this table (CSV)", csv_data(fit), file_name="pivotdash-trade-claims-fit.csv",
                           mime="text/csv", key="trade_claims_fit_csv", on_click="ignore")


def europe_section(tables: TradeTables, years: list[int]) -> None:
    """The 'half … Europe' claims under each Europe: the paper's EU28 beside the others."""
    check = tc.europe_check(tables.dots, years)
    first = check.drop_duplicates(["flow", "europe"])
    table = pd.DataFrame({"flow": first["flow"],
                          "Europe means": [f"{n} (the paper's)" if p else n
                                           for n, p in zip(first["europe_means"], first["paper_definition"],
                                                           strict=True)]}).reset_index(drop=True)
    for year, sub in check.groupby("year", sort=True):
        table[f"{year} share (%)"] = list(sub["share_pct"])
        table[f"{year} verdict"] = list(sub["verdict"])
    st.markdown(f"**Which Europe?** The check above reads the paper's 'Europe' as the {tc.EUROPE_NAME}: the "
                "EU of December 2019. The same two claims with the EU as it was in each year, the EU27 of 2020 "
                "back-cast, and a wider Europe (EU28, EFTA, the European CIS and the Western Balkans, as "
                "declared in data/trade/europe_groups.csv with a source per member):")
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button("Download this table (CSV)", csv_data(check), file_name="pivotdash-trade-claims-europe.csv",
                       mime="text/csv", key="trade_claims_europe_csv", on_click="ignore")


def history_section(tables: TradeTables, state: ps.TradeState) -> None:
    names = tables.history.drop_duplicates("partner").set_index("partner")["partner_name"].to_dict()
    counts = tables.history[tables.history["share_pct"].notna()].groupby("partner").size()
    options = [p for p in counts.sort_values(ascending=False).index if p != "total" and counts[p] >= 20]
    picks = st.multiselect("Partners", options, default=[p for p in ps.HISTORY_PARTNERS if p in options],
                           format_func=lambda p: names.get(p, p), key=P.HIST_PARTNERS, max_selections=10,
                           bind="query-params", help="The flow (exports or imports) is the switch above.")
    picked = replace(state, tab="history", history_partners=tuple(picks) or ps.HISTORY_PARTNERS)
    show_era_note(state.filters, "historical series", vt.HISTORY_YEARS)
    if state.view.measure != "share":
        st.info(HISTORY_SHARES_ONLY, icon=":material/info:")
    shown = inputs.build("trade-history", picked)
    if shown is None:
        lo, hi = state.filters.years
        st.info(f"The years chosen in the sidebar ({lo}–{hi}) lie outside the "
                f"historical series ({vt.HISTORY_YEARS[0]}–{vt.HISTORY_YEARS[1]}).")
        return
    charts.show(shown, "trade_history", caption=(
        "Two sources, never mixed: the Russian Empire's own statistics compiled by T. Valetov (1827–1917) and the "
        "League of Nations' figures for the USSR (1926–1937), both via RICardo. Shares are of each year's total in "
        "rubles of that year, so the ruble changes (paper to silver in 1839/40, new rubles in 1936) do not matter. "
        "'Germany' before 1886 sums Prussia, the Hanse towns, other German states and the Zollverein as reported. "
        "Shaded bands: the paper's turns East (data/episodes.csv). Data: RICardo, ODbL 1.0; the derived table "
        "stays under ODbL."))


def show_problems(problems: list[Problem], limit: int = 500) -> None:
    rows = [{"file": p.file, "row": p.row, "column": p.column or "", "rule": p.rule, "found": p.found}
            for p in problems[:limit]]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if len(problems) > limit:
        st.caption(f"… and {len(problems) - limit:,} more.")


def _parsed_upload(tables: TradeTables) -> tuple[Upload | None, DataError | None, str]:
    """The uploaded file parsed once per file (kept in this session only)."""
    file = st.file_uploader(
        "Upload an IMF or UN Comtrade CSV export", type=["csv", "txt"], key=UPLOAD_KEY,
        max_upload_size=MAX_BYTES // (1024 * 1024),
        help=f"Up to {MAX_BYTES // (1024 * 1024)} MB and {MAX_ROWS:,} rows. IMF (the data portal's IMTS SDMX-CSV, "
             "or the older DOTS time-series or panel CSV) or UN Comtrade (comtradeplus or legacy CSV), annual, "
             "all commodities (TOTAL), with the partner 'World'. A file of every reporter's trade with Russia "
             "(partner Russia, many reporters) is read as partner-reported mirror data for the years Russia does "
             "not report. Shown for this session only; the app's data is never changed.",
    )
    if file is None:
        st.session_state.pop(_UPLOAD_STATE, None)
        return None, None, ""
    encoding = st.selectbox(
        "Encoding of the file", [None, *ENCODINGS], format_func=lambda e: "Detect" if e is None else ENCODINGS[e],
        key=UPLOAD_ENCODING_KEY,
        help="Detected: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, otherwise "
             "Windows-1251. If names look wrong (e.g. 'CфTE' for 'Côte'), choose the file's encoding here.")
    key = (file.file_id, encoding)
    cached = st.session_state.get(_UPLOAD_STATE)
    if cached and cached[0] == key:
        return cached[1], cached[2], file.name
    try:
        result: tuple[Upload | None, DataError | None] = (
            parse_upload(file.getvalue(), file.name, names=tables.partner_names, encoding=encoding), None)
    except DataError as err:
        result = (None, err)
    st.session_state[_UPLOAD_STATE] = (key, *result)
    return result[0], result[1], file.name


def upload_section(tables: TradeTables, state: ps.TradeState) -> None:
    view = state.view
    st.markdown("Check your own extract — a newer DOTS download, or another source — in the same views. The "
                "switches above apply. Nothing you upload is stored or written to the app's data.")
    upload, error, name = _parsed_upload(tables)
    if error is not None:
        st.error(f"{plain_markdown(name)} cannot be read: {len(error.problems)} problem(s).")
        show_problems(error.problems)
        return
    if upload is None:
        return
    st.success(f"Read {plain_markdown(upload.file)} as {upload.layout}: reporter "
               f"{plain_markdown(upload.reporter or 'not named')}, {upload.years[0]}–{upload.years[1]}. "
               f"Encoding and delimiter: {plain_markdown(upload.how_read)}.")
    for note in upload.notes:
        st.info(plain_markdown(note))
    if upload.problems:
        st.warning(f"{len(upload.problems)} problem(s): those cells or rows were left out, the rest is shown.")
        show_problems(upload.problems)
    years = vs.clip_years(state.filters.years, upload.years)
    if years is None:
        st.info("The years chosen in the sidebar do not overlap the uploaded years.")
        return
    own = TradeTables(dots=upload.table, members=tables.members, history=tables.history)
    shown = replace(view, years=years)
    result = vt.uploaded(shown, own, source=upload.chart_source(), licence=upload.licence,
                         flow_text=upload.flow_words(view.flow), series=upload.series, share_of=upload.share_of)
    charts.show(result, "trade_upload", caption="This chart exists only in your session; it has no link to share.")
    if upload.partner_reported:
        partner_reported_section(upload)
    t = upload.table
    reported = set(t[t["value_usd_mn"].notna() & (t["flow"] == view.flow)]["partner"])
    absent = [own.partner_names.get(p, p) for p in shown.shown if p not in reported]
    if absent:
        have = sorted(set(t[t["partner"].isin(reported) & (t["kind"] == "country")]["partner_name"]))
        st.info(f"Not in the file for {view.flow} (or a group member is missing): "
                f"{plain_markdown(', '.join(absent))}. The file has: {plain_markdown(', '.join(have[:40]))}.")


def partner_reported_section(upload: Upload) -> None:
    """Which partners reported each year: the mirror's coverage, kept apart from the DOTS series."""
    st.markdown("**Partner-reported mirror data: who reported.** Each share is of what the reporting partners "
                "give for that year; a partner missing in a year is a gap, never a zero. These rows are not the "
                "IMF DOTS series and are never joined to it.")
    st.dataframe(mirror.reporters_by_year(upload.table), hide_index=True, width="stretch")
    st.download_button("Download which partners reported each year (CSV)", csv_data(upload.coverage),
                       file_name="pivotdash-trade-mirror-coverage.csv", mime="text/csv",
                       key="trade_mirror_coverage_csv", on_click="ignore")


def tab_labels() -> list[str]:
    return list(vs.TABS.values())


__all__ = ["claims_section", "composition_section", "history_section", "tab_labels", "trade_state",
           "upload_section"]
