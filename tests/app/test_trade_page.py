"""The Trade page as an analyst uses it: view switches (from the URL and the widgets), tabs, CSV, bad data."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The minimal core dataset plus the committed trade tables."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    shutil.copytree(ROOT / "data" / "trade", target / "trade", ignore=shutil.ignore_patterns("*.md"))
    return target


Params = dict[str, str | list[str]]


def open_trade(monkeypatch: pytest.MonkeyPatch, data: Path, params: Params | None = None) -> AppTest:
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(data))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page("pages/trade.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figure(at: AppTest, index: int = 0) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) > index, "no plotly chart on the page"
    return json.loads(charts[index].proto.spec)


def title(fig: dict) -> str:
    return fig["layout"]["title"]["text"].replace("<br>", " ")  # wrapped for the narrowest column


def test_default_view_shows_export_shares_with_china_rising_and_the_eu_falling(monkeypatch, data_dir, deferred):
    at = open_trade(monkeypatch, data_dir)
    assert at.title[0].value == "Trade: is Russia's trade turning East?"
    assert {r.key: r.value for r in at.radio} == {"trade_measure": "share", "trade_flow": "exports",
                                                  "trade_eu": "eu27", "trade_chart": "area"}
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics["China: export share, 2020"] == ("14.7%", "+9.6 points since 2000")
    assert metrics["EU27 (2020 members, every year): export share, 2020"] == ("33.7%", "-16.4 points since 2000")
    fig = figure(at)
    assert title(fig) == "<b>Where Russia's exports go, 1992–2020: share of the world total</b>"
    names = {t.get("name") for t in fig["data"]}
    assert {"China (mainland)", "EU27 (2020 members, every year)", "Belarus", "Rest of world"} <= names
    texts = [a.get("text", "") for a in fig["layout"]["annotations"]]
    assert any("Crimea annexed" in t for t in texts)  # from the fixture's events.csv
    assert any(t.startswith("Shaded: Putin") for t in texts)
    buttons = {b.key: b for b in at.get("download_button")}
    data = pd.read_csv(io.BytesIO(deferred[buttons["dl-trade_composition-csv"].proto.deferred_file_id]()))
    china = data[(data["partner"] == "china") & (data["year"] == 2000)]["share_pct"].iloc[0]
    assert china == pytest.approx(5.0895, abs=1e-4)
    assert set(data["series"]) >= {"IMF DOTS"}
    assert "dl-trade_composition-csv" in buttons and at.button(key="brief-trade_composition")


def test_the_view_comes_from_the_url(monkeypatch, data_dir):
    at = open_trade(monkeypatch, data_dir, {
        "trade_flow": "Imports", "trade_measure": "Value", "trade_chart": "Lines", "trade_eu": "EU28",
        "trade_partners": ["China (mainland)", "Germany"],
    })
    assert at.multiselect(key="trade_partners").value == ["china", "germany"]
    fig = figure(at)
    assert "imports come from, 1992–2020: value in US$ billion" in title(fig)
    lines = [t["name"] for t in fig["data"] if t.get("mode") == "lines+markers"]
    assert lines == ["EU28 (2013–2020 members, every year)", "China (mainland)", "Germany"]
    assert fig["layout"]["yaxis"]["title"]["text"] == "Russia's imports, US$ billion"


def test_switching_a_widget_redraws_the_chart(monkeypatch, data_dir):
    at = open_trade(monkeypatch, data_dir)
    at.radio(key="trade_chart").set_value("bar").run()
    assert not at.exception
    at.select_slider(key="trade_year").set_value(2013).run()
    fig = figure(at)
    assert "exports go, 2013" in title(fig)
    bars = fig["data"][0]
    labels = dict(zip(bars["y"], bars["text"], strict=True))
    assert labels["China (mainland)"] == "6.8%" and labels["EU27 (2020 members, every year)"] == "50.7%"
    at.radio(key="trade_eu").set_value("eu28").run()
    labels = dict(zip(figure(at)["data"][0]["y"], figure(at)["data"][0]["text"], strict=True))
    assert labels["EU28 (2013–2020 members, every year)"] == "53.8%"


def test_a_gap_year_in_the_bar_view_says_not_reported(monkeypatch, data_dir):
    at = open_trade(monkeypatch, data_dir, {"trade_chart": "Bars", "trade_year": "2001"})
    bars = figure(at)["data"][0]
    assert dict(zip(bars["y"], bars["text"], strict=True))["Belarus"] == "not reported"


def test_claims_tab(monkeypatch, data_dir):
    at = open_trade(monkeypatch, data_dir, {"trade_tab": "Paper's numbers checked"})
    assert "match **2017** best" in at.markdown[0].value
    table = at.dataframe[0].value
    assert len(table) == 8
    china = table[table["paper_says"].str.startswith("China only accounts")].iloc[0]
    assert (china["paragraph"], china["2017"], china["2017 verdict"]) == ("p35", "10.9%", "holds")
    assert (china["2020"], china["2020 verdict"]) == ("14.7%", "does not hold")
    belarus = table[table["paper_says"].str.contains("Belarus")].iloc[0]
    assert (belarus["2017"], belarus["2017 verdict"]) == ("1.71×", "does not hold")
    assert "checked against IMF DOTS" in title(figure(at))
    keys = [b.key for b in at.get("download_button")]
    assert {"dl-trade_claims-csv", "trade_claims_fit_csv"} <= set(keys)  # the chart's data, the fit by year


def test_history_tab(monkeypatch, data_dir):
    at = open_trade(monkeypatch, data_dir, {"trade_tab": "History", "trade_flow": "Imports"})
    fig = figure(at)
    assert "imports by partner, 1827–1937" in title(fig)
    assert {t["name"] for t in fig["data"]} >= {"China", "Japan", "United Kingdom", "France"}
    texts = [a.get("text", "") for a in fig["layout"]["annotations"]]
    assert "Amur seizure" in texts  # the fixture's episode


def test_upload_tab_offers_the_uploader(monkeypatch, data_dir):
    at = open_trade(monkeypatch, data_dir, {"trade_tab": "Your own data"})
    assert not at.error
    assert len(at.get("file_uploader")) == 1
    assert any("Nothing you upload is stored" in m.value for m in at.markdown)
    assert not at.get("plotly_chart")  # nothing to show before a file is chosen


def test_shared_years_outside_the_series(monkeypatch, data_dir):
    at = open_trade(monkeypatch, data_dir, {"years": ["1800", "1900"]})
    assert any("outside the IMF DOTS series (1992–2020)" in i.value for i in at.info)
    at = open_trade(monkeypatch, data_dir, {"years": ["2010", "2015"], "trade_chart": "Lines"})
    fig = figure(at)
    assert "2010–2015" in title(fig)
    assert fig["layout"]["xaxis"]["range"] == [2009.5, 2015.5]


def test_broken_trade_data_is_explained_not_raised(monkeypatch, data_dir):
    path = data_dir / "trade" / "dots_russia_partners.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "share_pct"] = "a lot"
    frame.to_csv(path, index=False)
    at = open_trade(monkeypatch, data_dir)
    assert "problem(s)" in at.error[0].value
    problems = at.dataframe[0].value
    assert problems.iloc[0]["column"] == "share_pct" and problems.iloc[0]["found"] == "a lot"
    assert not at.get("plotly_chart")


def test_without_events_the_page_still_draws(monkeypatch, data_dir):
    (data_dir / "events.csv").unlink()
    at = open_trade(monkeypatch, data_dir)
    assert figure(at)
    assert any("Key events and the post-2014 band are not shown" in c.value for c in at.caption)


def _upload_script() -> None:
    """Runs as a Streamlit script: the upload section with a file 'chosen' (AppTest cannot upload files)."""
    import os
    from dataclasses import dataclass

    import streamlit as st

    from pivotdash.state import TradeState
    from pivotdash.trade.viewstate import TradeView
    from pivotdash.ui import trade as ui
    from pivotdash.ui.inputs import PAGE_DATA

    @dataclass
    class Chosen:
        name: str
        raw: bytes
        file_id: str = "f1"

        def getvalue(self) -> bytes:
            return self.raw

    raw = bytes.fromhex(os.environ["TRADE_UPLOAD_HEX"])
    st.file_uploader = lambda *a, **k: Chosen(os.environ["TRADE_UPLOAD_NAME"], raw)  # type: ignore[assignment]
    tables = PAGE_DATA.trade_tables()
    flow = os.environ.get("TRADE_UPLOAD_FLOW", "exports")
    ui.upload_section(tables, TradeState(view=TradeView(chart="line", flow=flow, partners=("china", "japan"))))


UPLOAD = ('"Country Name","Country Code","Indicator Name","Indicator Code","Counterpart Country Name",'
          '"Counterpart Country Code","Attribute","2019","2020"\n'
          '"Russian Federation","922","Exports, FOB","TXG_FOB_USD","World","001","Value","419731678988",'
          '"337884789154"\n'
          '"Russian Federation","922","Exports, FOB","TXG_FOB_USD","China, P.R.: Mainland","924","Value",'
          '"54940000000","49583000000"\n'
          '"Russian Federation","922","Exports, FOB","TXG_FOB_USD","Japan","158","Value","11370000000","9.29e9x"\n')


def run_upload(monkeypatch: pytest.MonkeyPatch, data: Path, raw: bytes, name: str) -> AppTest:
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(data))
    monkeypatch.setenv("TRADE_UPLOAD_HEX", raw.hex())
    monkeypatch.setenv("TRADE_UPLOAD_NAME", name)
    at = AppTest.from_function(_upload_script, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_upload_is_shown_in_the_same_view_with_its_problems(monkeypatch, data_dir, deferred):
    at = run_upload(monkeypatch, data_dir, UPLOAD.encode("utf-8-sig"), "my_dots.csv")
    assert "Read my\\_dots\\.csv as IMF DOTS (time series CSV)" in at.success[0].value
    assert any("byte-order mark (BOM)" in i.value.replace("\\", "") for i in at.info)  # escaped for markdown
    problems = at.dataframe[0].value
    assert problems.iloc[0].to_dict() == {"file": "my_dots.csv", "row": 3, "column": "2020",
                                          "rule": "must be a number", "found": "9.29e9x"}
    fig = figure(at)
    lines = {t["name"]: t for t in fig["data"] if t.get("mode") == "lines+markers"}
    assert set(lines) == {"China (mainland)", "Japan"}  # EU27 is not in the file: nothing drawn for it
    assert any("Not in the file for exports" in i.value and "EU27" in i.value for i in at.info)
    japan = dict(zip(lines["Japan"]["x"], lines["Japan"]["y"], strict=True))
    assert japan[2020] is None and japan[2019] == pytest.approx(11370 / 419731.678988 * 100, abs=1e-3)
    button = next(b for b in at.get("download_button") if b.key == "dl-trade_upload-csv")
    data = pd.read_csv(io.BytesIO(deferred[button.proto.deferred_file_id]()))
    assert set(data["series"]) == {"your upload"}
    assert set(data["source"]) == {"Your upload: my_dots.csv (IMF DOTS (time series CSV), reporter Russian "
                                   "Federation)"}
    assert (ROOT / "data" / "trade" / "dots_russia_partners.csv").read_bytes() == \
        (data_dir / "trade" / "dots_russia_partners.csv").read_bytes()  # nothing written


def test_a_partner_reported_upload_is_shown_as_mirror_data_with_who_reported(monkeypatch, data_dir, deferred):
    fixture = ROOT / "tests" / "fixtures" / "trade" / "imts_partner_reported_russia_2016_2020.csv"
    monkeypatch.setenv("TRADE_UPLOAD_FLOW", "imports")
    at = run_upload(monkeypatch, data_dir, fixture.read_bytes(), "partners.csv")
    assert "reporter Russia's partners (partner-reported mirror)" in at.success[0].value.replace("\\", "")
    fig = figure(at)
    subtitle = fig["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert subtitle.startswith("Partner-reported mirror data: Russia's imports as its partners report")
    source = " ".join(str(a.get("text", "")) for a in fig["layout"].get("annotations", []))
    assert "Source: Partner-reported mirror data" in source and "not the IMF DOTS series" in source
    who = next(d.value for d in at.dataframe if "partners_reporting" in d.value.columns)
    assert set(who["year"]) == {2016, 2017, 2018, 2019, 2020}
    assert "Libya" in who.set_index("year").loc[2016, "not_reported"]
    button = next(b for b in at.get("download_button") if b.key == "dl-trade_upload-csv")
    data = pd.read_csv(io.BytesIO(deferred[button.proto.deferred_file_id]()))
    assert set(data["series"]) == {"partner-reported mirror (your upload)"}
    assert any(b.key == "trade_mirror_coverage_csv" for b in at.get("download_button"))


def test_an_unreadable_upload_names_every_problem(monkeypatch, data_dir):
    at = run_upload(monkeypatch, data_dir, b"Reporter;Partner;Value\nRussia;China;1\n", "wrong.csv")
    assert "wrong\\.csv cannot be read" in at.error[0].value
    problems = at.dataframe[0].value
    assert set(problems["column"]) == {"Year", "Trade Flow", "Trade Value (US$)"}
    assert not at.get("plotly_chart")


COMTRADE_LEGACY = ("Classification,Year,Period,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Reporter ISO,"
                   "Partner Code,Partner,Partner ISO,Commodity Code,Trade Value (US$)\n")


def comtrade_row(partner: str, iso: str, code: str, value: str, flow: str = "Export", year: str = "2018") -> str:
    return f'HS,{year},{year},2,{flow},643,Russian Federation,RUS,{code},"{partner}",{iso},TOTAL,{value}\n'


COMTRADE_FILE = COMTRADE_LEGACY + "".join([
    comtrade_row("World", "WLD", "0", "449185267240"), comtrade_row("China", "CHN", "156", "56000000000"),
    comtrade_row("Japan", "JPN", "392", "12000000000"), comtrade_row("Côte d'Ivoire", "CIV", "384", "21000000"),
    comtrade_row("World", "WLD", "0", "238000000000", flow="Import"),
    comtrade_row("China", "CHN", "156", "52000000000", flow="Import"),
])


def chrome_text(fig: dict) -> str:
    layout = fig["layout"]
    return " ".join([layout["title"]["text"], layout["title"].get("subtitle", {}).get("text", ""),
                     *[a.get("text", "") for a in layout.get("annotations", [])]]).replace("<br>", " ")


def test_an_uploaded_comtrade_file_is_described_as_itself_never_as_dots(monkeypatch, data_dir):
    at = run_upload(monkeypatch, data_dir, COMTRADE_FILE.encode("utf-8"), "comtrade.csv")
    text = chrome_text(figure(at))
    assert "Exports as Russian Federation reports them (f.o.b.)" in text
    assert "UN Comtrade" in text and "Data: UN Comtrade" in text
    assert "DOTS" not in text and "IMF" not in text
    assert "Encoding and delimiter: UTF-8 (detected), columns separated by commas" in \
        at.success[0].value.replace("\\", "")


def test_the_encoding_can_be_chosen_when_the_guess_is_wrong(monkeypatch, data_dir):
    at = run_upload(monkeypatch, data_dir, COMTRADE_FILE.encode("cp1252"), "western.csv")
    assert "Windows-1251 (Cyrillic) (detected)" in at.success[0].value.replace("\\", "")
    picker = at.selectbox(key="trade_upload_encoding")
    assert picker.value is None and "Windows-1252 (Western European)" in picker.options
    picker.select("cp1252").run()
    assert not at.exception
    assert "Windows-1252 (Western European) (chosen)" in at.success[0].value.replace("\\", "")
    assert any("Côte d'Ivoire" in i.value.replace("\\", "") for i in at.info)  # the file's partners, now right


def test_an_overlong_field_and_non_finite_numbers_are_problems_not_a_crash(monkeypatch, data_dir):
    raw = COMTRADE_FILE + comtrade_row("P" * 200_000, "XXX", "999", "1") + comtrade_row("Korea", "KOR", "410", "1e309")
    at = run_upload(monkeypatch, data_dir, raw.encode("utf-8"), "hostile.csv")
    problems = at.dataframe[0].value
    rules = dict(zip(problems["row"], problems["rule"], strict=True))
    assert rules[7].startswith("a field is longer than 131,072 characters")
    assert rules[8] == "must be a finite number"
    assert set(problems["file"]) == {"hostile.csv"}
    assert figure(at)  # the rest of the file is still drawn
