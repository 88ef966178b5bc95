"""Partner-reported mirror shares from an upload of every reporter's trade with Russia (the fixture is
built from the DOTS reference extract's partner-reported rows by scripts/build_mirror_fixture.py)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation

from pivotdash.export.deck import build_deck
from pivotdash.trade import mirror
from pivotdash.trade import viewstate as vs
from pivotdash.trade.tables import TradeTables, load_tables
from pivotdash.trade.uploads import parse_upload
from pivotdash.views import trade as vt

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "trade" / "imts_partner_reported_russia_2016_2020.csv"


@pytest.fixture(scope="module")
def tables():
    return load_tables(ROOT / "data")


@pytest.fixture(scope="module")
def upload(tables):
    return parse_upload(FIXTURE.read_bytes(), FIXTURE.name, names=tables.partner_names)


def _imports(table: pd.DataFrame, partner: str) -> pd.Series:
    rows = table[(table["partner"] == partner) & (table["flow"] == "imports")]
    return rows.set_index("year")["share_pct"]


def test_a_file_of_every_reporters_trade_with_russia_is_read_as_russias_mirror(upload, tables):
    assert upload.partner_reported and upload.reporter == mirror.REPORTER
    assert upload.years == (2016, 2020) and set(upload.table["flow"]) == {"imports"}  # partners' exports only
    assert not upload.problems
    china = _imports(upload.table, "china")
    dots = _imports(tables.dots, "china")
    # Same reports, another total: the sum of the reporting countries, not DOTS's World aggregate.
    assert china[2020] == pytest.approx(23.23, abs=0.01)
    for year in range(2016, 2021):
        assert china[year] == pytest.approx(dots[year], abs=0.3)


def test_the_total_is_the_sum_of_the_partners_that_reported(upload):
    t = upload.table
    countries = t[(t["kind"] == "country") & (t["flow"] == "imports") & (t["year"] == 2018)]
    world = t[(t["partner"] == "world") & (t["flow"] == "imports") & (t["year"] == 2018)]["value_usd_mn"].iloc[0]
    assert world == pytest.approx(countries["value_usd_mn"].sum(), rel=1e-9)


def test_a_partner_missing_in_a_year_is_a_gap_never_a_zero(upload):
    by_year = mirror.reporters_by_year(upload.table).set_index(["flow", "year"])
    assert "Libya" in by_year.loc[("imports", 2016), "not_reported"]
    assert by_year.loc[("imports", 2018), "partners_reporting"] > 170
    t = upload.table
    libya = t[(t["partner"] == "libya") & (t["flow"] == "imports")].set_index("year")["value_usd_mn"]
    assert 2016 not in libya.index or pd.isna(libya.get(2016))
    # Zeros only where a partner reported zero: none is made up for a partner that did not report.
    reported_zero = sum(1 for line in FIXTURE.read_text().splitlines()[1:] if line.endswith(",0"))
    assert int((t[(t["kind"] == "country")]["value_usd_mn"] == 0).sum()) == reported_zero
    cov = upload.coverage.set_index(["flow", "partner"])
    assert cov.loc[("imports", "libya"), "2016"] == "gap"
    assert cov.loc[("imports", "china"), "2016"] == "reported"


def test_the_chart_its_csv_and_the_deck_say_partner_reported_mirror(upload, tables):
    own = TradeTables(dots=upload.table, members=tables.members, history=tables.history)
    view = vs.TradeView(flow="imports", chart="line", partners=("china", "germany"), years=upload.years)
    shown = vt.uploaded(view, own, source=upload.chart_source(), licence=upload.licence,
                        flow_text=upload.flow_words(view.flow), series=upload.series, share_of=upload.share_of)
    assert shown.title.endswith("share of the reporting partners' total")
    assert "share of the reporting partners' total (%)" in shown.subtitle and "world total" not in shown.subtitle
    assert shown.subtitle.startswith("Partner-reported mirror data: Russia's imports as its partners report")
    assert "Partner-reported mirror data from your upload" in shown.chrome.source
    assert "not the IMF DOTS series" in shown.chrome.source
    assert set(shown.data["series"]) == {"partner-reported mirror (your upload)"}
    assert shown.data["source"].str.startswith("Partner-reported mirror data").all()
    prs = Presentation(io.BytesIO(build_deck([shown], "Mirror", native=True)))
    texts = " ".join(sh.text_frame.text for slide in prs.slides for sh in slide.shapes if sh.has_text_frame)
    assert "Partner-reported mirror data" in texts


def test_a_russia_reported_file_is_not_a_mirror(tables):
    header = FIXTURE.read_text().splitlines()[0]
    one = "\n".join([
        header,
        'IMF.STA:IMTS(1.0.0),RUS: Russian Federation,XG_FOB_USD,"CHN: China, P.R.: Mainland",A,2020,1000000000',
        "IMF.STA:IMTS(1.0.0),RUS: Russian Federation,XG_FOB_USD,W00: World,A,2020,5000000000",
    ])
    parsed = parse_upload(one.encode(), "russia.csv", names=tables.partner_names)
    assert not parsed.partner_reported and "Partner-reported" not in parsed.chart_source()
    assert replace(parsed, partner_reported=False).series == "your upload"
