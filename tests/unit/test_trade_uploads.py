"""Reading an analyst's IMF DOTS or UN Comtrade CSV: each layout, and each way a file can be bad."""

from __future__ import annotations

import pandas as pd
import pytest

from pivotdash.errors import DataError
from pivotdash.trade.uploads import parse_upload

IMF_HEADER = ('"Country Name","Country Code","Indicator Name","Indicator Code","Counterpart Country Name",'
              '"Counterpart Country Code","Attribute","2019","2019Q1","2020",')
EXPORTS = '"Goods, Value of Exports, Free on board (FOB), US Dollars","TXG_FOB_USD"'
IMPORTS = '"Goods, Value of Imports, Cost, Insurance, Freight (CIF), US Dollars","TMG_CIF_USD"'


def imf_series(rows: list[str]) -> bytes:
    return ("\n".join([IMF_HEADER, *rows]) + "\n").encode("utf-8")


def imf_row(partner: str, v2019: str, v2020: str, indicator: str = EXPORTS, attribute: str = "Value",
            reporter: str = "Russian Federation") -> str:
    return f'"{reporter}","922",{indicator},"{partner}","0","{attribute}","{v2019}","1","{v2020}",'


GOOD_IMF = [
    imf_row("World", "419731678988", "337884789154"),
    imf_row("World", "", "", attribute="Status"),
    imf_row("China, P.R.: Mainland", "54940000000", "49583000000"),
    imf_row("Japan", "11370000000", "9290000000"),
    imf_row("World", "247000000000", "231000000000", indicator=IMPORTS),
    imf_row("China, P.R.: Mainland", "54000000000", "53300000000", indicator=IMPORTS),
    imf_row("Japan", "1", "2", indicator='"Goods, Value of Trade Balance, US Dollars","TBG_USD"'),
]


def value(upload, year: int, flow: str, partner: str, column: str = "share_pct") -> float | None:
    t = upload.table
    rows = t[(t["year"] == year) & (t["flow"] == flow) & (t["partner"] == partner)]
    assert len(rows) == 1, (year, flow, partner)
    number = rows[column].iloc[0]
    return None if pd.isna(number) else float(number)


def test_imf_time_series_csv():
    up = parse_upload(imf_series(GOOD_IMF), "dots.csv")
    assert up.layout == "IMF DOTS (time series CSV)" and up.reporter == "Russian Federation"
    assert up.problems == []
    assert value(up, 2020, "exports", "china", "value_usd_mn") == 49583.0  # US dollars → US$ million
    assert value(up, 2020, "exports", "china") == pytest.approx(49583 / 337884.789154 * 100, abs=1e-4)
    assert value(up, 2019, "imports", "china") == pytest.approx(54 / 247 * 100, abs=1e-4)
    assert value(up, 2020, "exports", "eu27") is None  # no EU member in the file: a gap, not zero
    notes = " ".join(up.notes)
    assert "Status" in notes and "trade balance" in notes and "quarterly" in notes and "US dollars" in notes


def test_imf_panel_csv():
    text = ('Country Name,Country Code,Counterpart Country Name,Counterpart Country Code,Time Period,'
            '"Goods, Value of Exports, Free on board (FOB), US Dollars (TXG_FOB_USD)",'
            '"Goods, Value of Imports, Cost, Insurance, Freight (CIF), US Dollars (TMG_CIF_USD)"\n'
            "Russian Federation,922,World,1,2020,337884.8,231000\n"
            'Russian Federation,922,"Korea, Rep. of",542,2020,12524.3,\n'
            "Russian Federation,922,World,1,2020Q1,1,1\n")
    up = parse_upload(text.encode(), "panel.csv")
    assert up.layout == "IMF DOTS (panel CSV)"
    assert value(up, 2020, "exports", "south_korea") == pytest.approx(12524.3 / 337884.8 * 100, abs=1e-4)
    assert "US$ million" in " ".join(up.notes)  # World totals under 100 million: already in millions
    assert value(up, 2020, "imports", "south_korea") is None


COMTRADE_PLUS = ("typeCode;freqCode;refPeriodId;refYear;refMonth;period;reporterCode;reporterISO;reporterDesc;"
                 "flowCode;flowDesc;partnerCode;partnerISO;partnerDesc;partner2Code;cmdCode;primaryValue\n")


def test_comtrade_plus_semicolons_and_decimal_commas():
    text = COMTRADE_PLUS + (
        "C;A;20200101;2020;52;2020;643;RUS;Russian Federation;X;Export;0;W00;World;0;TOTAL;337884789154,5\n"
        "C;A;20200101;2020;52;2020;643;RUS;Russian Federation;X;Export;156;CHN;China;0;TOTAL;49.583.000.000\n"
        "C;A;20200101;2020;52;2020;643;RUS;Russian Federation;X;Export;156;CHN;China;0;27;40000000000\n"
        "C;M;202001;2020;1;202001;643;RUS;Russian Federation;X;Export;156;CHN;China;0;TOTAL;4000000000\n"
        "C;A;20200101;2020;52;2020;643;RUS;Russian Federation;RX;Re-export;156;CHN;China;0;TOTAL;1\n"
    )
    up = parse_upload(text.encode(), "comtrade.csv")
    assert up.layout == "UN Comtrade (comtradeplus CSV)" and up.delimiter == ";"
    assert up.problems == []
    assert value(up, 2020, "exports", "china", "value_usd_mn") == 49583.0
    assert value(up, 2020, "exports", "world", "value_usd_mn") == pytest.approx(337884.7891545)
    notes = " ".join(up.notes)
    assert "semicolons" in notes and "single commodities" in notes
    assert "monthly" in notes and "other flows (RX)" in notes


LEGACY = ("Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,"
          "Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,Commodity Code,Commodity,"
          "Qty Unit Code,Qty Unit,Qty,Netweight (kg),Trade Value (US$),Flag\n")


def legacy_row(partner: str, iso: str, code: str, val: str, flow: str = "Export", reporter: str = "Russian Federation",
               year: str = "2018") -> str:
    return (f"HS,{year},{year},{year},0,0,2,{flow},643,{reporter},RUS,{code},{partner},{iso},TOTAL,"
            f"All Commodities,1,No Quantity,,,{val},0\n")


def test_comtrade_legacy_in_cp1251_is_read_and_said_so():
    text = LEGACY + legacy_row("World", "WLD", "0", "449185267240") + legacy_row("Беларусь", "BLR", "112",
                                                                                   "21563000000")
    up = parse_upload(text.encode("cp1251"), "legacy.csv")
    assert up.encoding == "cp1251" and "Windows-1251" in " ".join(up.notes)
    assert up.layout == "UN Comtrade (legacy CSV)"
    assert value(up, 2018, "exports", "belarus") == pytest.approx(21563 / 449185.26724 * 100, abs=1e-4)
    assert up.table[up.table["partner"] == "belarus"]["partner_name"].iloc[0] == "Belarus"


def test_utf8_with_bom_is_read_and_said_so():
    up = parse_upload(b"\xef\xbb\xbf" + imf_series(GOOD_IMF), "bom.csv")
    assert up.encoding == "utf-8-sig" and "byte-order mark" in " ".join(up.notes)
    assert up.layout == "IMF DOTS (time series CSV)"


def test_text_in_numbers_names_file_row_column_rule_and_value_and_keeps_the_rest():
    rows = [*GOOD_IMF, imf_row("Belarus, Rep. of", "21O00000000", "20000000000")]
    up = parse_upload(imf_series(rows), "typo.csv")
    [problem] = up.problems
    assert (problem.file, problem.row, problem.column, problem.found) == ("typo.csv", 8, "2019", "21O00000000")
    assert problem.rule == "must be a number"
    assert value(up, 2019, "exports", "belarus") is None  # the bad cell is left out, not zero
    assert value(up, 2020, "exports", "belarus") == pytest.approx(20000 / 337884.789154 * 100, abs=1e-4)


def test_negative_values_are_refused_per_cell():
    up = parse_upload(imf_series([*GOOD_IMF, imf_row("Belarus, Rep. of", "-5", "5")]), "neg.csv")
    assert [(p.row, p.column, p.rule) for p in up.problems] == [(8, "2019", "a trade value cannot be negative")]


def test_wrong_columns_name_what_is_missing():
    with pytest.raises(DataError) as err:
        parse_upload(b"Country Name,Counterpart Country Name,Year,Value\nRussia,China,2020,1\n", "wrong.csv")
    problems = err.value.problems
    assert {p.column for p in problems} == {"Indicator Code", "Attribute"}
    assert all("IMF DOTS (time series CSV)" in p.rule and p.file == "wrong.csv" for p in problems)
    assert "Country Name, Counterpart Country Name, Year, Value" in problems[0].found


def test_unrecognised_header():
    with pytest.raises(DataError) as err:
        parse_upload(b"a,b\n1,2\n", "ab.csv")
    [problem] = err.value.problems
    assert "neither an IMF nor a UN Comtrade" in problem.rule and problem.found == "a, b"


@pytest.mark.parametrize("raw", [b"", b"  \n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(raw):
    with pytest.raises(DataError) as err:
        parse_upload(raw, "empty.csv")
    assert [(p.file, p.rule) for p in err.value.problems] == [("empty.csv", "file is empty")]


def test_header_without_rows():
    with pytest.raises(DataError) as err:
        parse_upload((IMF_HEADER + "\n").encode(), "head.csv")
    assert "no data rows" in err.value.problems[-1].rule


def test_over_the_size_limit():
    with pytest.raises(DataError) as err:
        parse_upload(b"x" * 101, "big.csv", max_bytes=100)
    [problem] = err.value.problems
    assert problem.rule.startswith("file is larger than the") and problem.found == "101 bytes"


def test_row_limit_reads_the_first_rows_and_says_so():
    rows = GOOD_IMF + [imf_row(f"Partner {i}", "1", "1") for i in range(20)]
    up = parse_upload(imf_series(rows), "long.csv", max_rows=10)
    [problem] = up.problems
    assert problem.row == 11 and "only the first 10 were read" in problem.rule


def test_ragged_rows_are_reported_and_skipped():
    rows = [*GOOD_IMF, '"Russian Federation","922","too","short"']
    up = parse_upload(imf_series(rows), "ragged.csv")
    [problem] = up.problems
    assert problem.row == 8 and "fields, the header has" in problem.rule
    assert value(up, 2020, "exports", "china") is not None


def test_several_reporters_keep_russia_and_name_the_others():
    rows = [*GOOD_IMF, imf_row("World", "5", "5", reporter="Kazakhstan, Rep. of")]
    up = parse_upload(imf_series(rows), "two.csv")
    [problem] = up.problems
    assert problem.column == "Country Name" and problem.found == "Kazakhstan, Rep. of"
    assert up.reporter == "Russian Federation"


def test_duplicates_keep_the_first():
    up = parse_upload(imf_series([*GOOD_IMF, imf_row("Japan", "1", "1")]), "dup.csv")
    assert [p.row for p in up.problems] == [8, 8]  # one per year
    assert value(up, 2020, "exports", "japan", "value_usd_mn") == 9290.0


def test_no_world_total_means_no_shares_and_says_so():
    up = parse_upload(imf_series([imf_row("Japan", "11370000000", "9290000000")]), "noworld.csv")
    assert any("no 'World' total for exports" in p.rule for p in up.problems)
    assert value(up, 2020, "exports", "japan") is None
    assert value(up, 2020, "exports", "japan", "value_usd_mn") == 9290.0


def test_binary_file_is_refused():
    with pytest.raises(DataError) as err:
        parse_upload(b"PK\x03\x04\x00\x00binary", "book.xlsx")
    assert "Excel workbook" in err.value.problems[0].rule  # an .xlsx is a zip: say what to do instead
    with pytest.raises(DataError) as err:
        parse_upload(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "chart.png")
    assert "binary" in err.value.problems[0].rule


def test_encodings_delimiters_and_awkward_cells_are_read_right():
    good = imf_series(GOOD_IMF)
    utf16 = parse_upload(good.decode("utf-8").encode("utf-16"), "utf16.csv")
    assert "UTF-16" in " ".join(utf16.notes)
    tabs = parse_upload(good.decode("utf-8").replace('","', '"\t"').replace('",', '"\t').encode("utf-8"), "t.csv")
    assert "tabs" in " ".join(tabs.notes)
    for up in (utf16, tabs):
        assert value(up, 2020, "exports", "china", "value_usd_mn") == 49583.0
    commas = parse_upload(imf_series([imf_row("World", "419,731,678,988", "337,884,789,154"),
                                      imf_row("Japan", "11,370,000,000", "9,290,000,000")]), "thousands.csv")
    assert value(commas, 2020, "exports", "japan", "value_usd_mn") == 9290.0  # thousands separators


def test_na_is_namibia_not_missing_and_quoted_newlines_stay_in_their_cell():
    up = parse_upload(imf_series([*GOOD_IMF, imf_row("NA", "5000000", "1000000"),
                                  imf_row("Ja\npan", "1000000", "2000000")]), "na.csv")
    names = set(up.table["partner_name"])
    assert "NA" in names  # a partner called "NA" (Namibia's ISO code) is kept, not read as a missing value
    assert any("\n" in n for n in names)


@pytest.mark.parametrize(("raw", "kind"), [
    (__import__("gzip").compress(b"0" * 5_000_000), "gzip archive"),
    (b"PK\x03\x04" + b"\x00" * 64, "zip archive"),
])
def test_compressed_files_are_refused_unopened(raw, kind):
    with pytest.raises(DataError) as info:
        parse_upload(raw, "bomb.csv")
    (problem,) = info.value.problems
    assert kind in problem.rule and "unpack it" in problem.rule


# ------------------------------------------------------------------ the IMF's current portal (IMTS, SDMX-CSV)

IMTS_HEADER = "DATAFLOW,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE\n"


def imts(rows: list[tuple[str, str, str, str, str, str]]) -> bytes:
    return (IMTS_HEADER + "".join(f"IMF.STA:IMTS(1.0.0),{','.join(r)}\n" for r in rows)).encode()


def test_imf_imts_sdmx_csv_with_codes():
    up = parse_upload(imts([
        ("RUS", "XG_FOB_USD", "G001", "A", "2021", "493800000000"),
        ("RUS", "XG_FOB_USD", "CHN", "A", "2021", "68000000000"),
        ("RUS", "XG_FOB_USD", "CHN", "Q", "2021-Q1", "15000000000"),
        ("RUS", "MG_CIF_USD", "W00", "A", "2021", "293000000000"),
        ("RUS", "MG_CIF_USD", "CHN", "A", "2021", "72700000000"),
        ("RUS", "MG_FOB_USD", "CHN", "A", "2021", "70000000000"),
        ("RUS", "TBG_USD", "CHN", "A", "2021", "1"),
    ]), "imts.csv")
    assert up.layout == "IMF IMTS (data portal SDMX-CSV)" and up.reporter == "RUS"
    assert up.problems == []
    assert value(up, 2021, "exports", "china", "value_usd_mn") == 68000.0
    assert value(up, 2021, "exports", "china") == pytest.approx(68 / 493.8 * 100, abs=1e-4)
    assert value(up, 2021, "imports", "china", "value_usd_mn") == 72700.0  # c.i.f. kept, f.o.b. dropped
    assert up.import_basis == "c.i.f."
    notes = " ".join(up.notes)
    assert "quarterly and monthly rows" in notes and "other flows (TBG_USD)" in notes


def test_imf_imts_sdmx_csv_with_labels():
    header = "DATAFLOW,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n"
    row = ('"IMF.STA:IMTS(1.0.0): International Trade in Goods","RUS: Russian Federation",'
           '"XG_FOB_USD: Exports of goods, Free on board (FOB), US dollar","{p}","A: Annual","2022","{v}",0\n')
    raw = (header + row.format(p="G001: World", v="5.9E+11") + row.format(p="JPN: Japan", v="1.3E+10")).encode()
    up = parse_upload(raw, "imts_labels.csv")
    assert up.reporter == "Russian Federation" and up.delimiter == ","
    assert value(up, 2022, "exports", "japan", "value_usd_mn") == 13000.0
    assert value(up, 2022, "exports", "japan") == pytest.approx(13 / 590 * 100, abs=1e-4)


# ------------------------------------------------------------------ fields over the csv module's limit

LIMIT = 131_072


@pytest.mark.parametrize(("bad_row", "what"), [
    # A quote opened and never closed: the field runs on over the next lines until the limit.
    (f'"Russian Federation","922",{EXPORTS},"Japan,0,Value,1,1,2\n' + "a note without quotes\n" * 7000,
     "unterminated quote"),
    (imf_row("Japan", "1", "2").replace("Japan", "J" * 4_000_000), "a 4 MB line"),
    (imf_row("P" * 200_000, "1", "2"), "a 200 KB partner name"),
])
def test_a_field_over_the_limit_is_a_problem_naming_file_row_and_rule(bad_row, what):
    raw = imf_series([*GOOD_IMF[:3], bad_row, *GOOD_IMF[3:]])
    up = parse_upload(raw, "huge.csv", max_bytes=8 * 1024 * 1024)
    long = [p for p in up.problems if "longer than 131,072 characters" in p.rule]
    assert len(long) == 1, (what, up.problems)
    assert long[0].file == "huge.csv" and long[0].row == 4
    assert len(long[0].found) < 200  # the table of problems stays small
    assert value(up, 2020, "exports", "china", "value_usd_mn") == 49583.0  # rows before it are kept
    assert value(up, 2019, "imports", "china") is not None  # and rows after it


# ------------------------------------------------------------------ numbers that are not finite

@pytest.mark.parametrize("text", ["1e309", "inf", "-Infinity", "nan", "NaN", "+inf"])
def test_non_finite_numbers_are_refused_as_the_core_loader_refuses_them(text):
    up = parse_upload(imf_series([*GOOD_IMF, imf_row("Belarus, Rep. of", text, "5000000")]), "nonfinite.csv")
    [problem] = up.problems
    assert (problem.file, problem.row, problem.column, problem.found) == ("nonfinite.csv", 8, "2019", text)
    assert problem.rule == "must be a finite number"
    assert value(up, 2019, "exports", "belarus") is None
    assert value(up, 2020, "exports", "belarus", "value_usd_mn") == 5.0


# ------------------------------------------------------------------ delimiters and encodings

def test_semicolons_are_found_though_quoted_header_names_hold_more_commas():
    text = ('Country Name;Country Code;Counterpart Country Name;Counterpart Country Code;Time Period;'
            '"Goods, Value of Exports, Free on board (FOB), US Dollars (TXG_FOB_USD)";'
            '"Goods, Value of Imports, Cost, Insurance, Freight (CIF), US Dollars (TMG_CIF_USD)"\n'
            "Russian Federation;922;World;1;2020;337884,8;231000\n"
            'Russian Federation;922;"Korea, Rep. of";542;2020;12524,3;\n')
    assert text.splitlines()[0].count(",") > text.splitlines()[0].count(";")  # a character count picks ','
    up = parse_upload(text.encode(), "panel_semicolon.csv")
    assert up.delimiter == ";" and up.layout == "IMF DOTS (panel CSV)"
    assert value(up, 2020, "exports", "south_korea") == pytest.approx(12524.3 / 337884.8 * 100, abs=1e-4)


def test_tabs_with_quoted_commas_and_semicolons_in_names():
    text = ("typeCode\tfreqCode\trefYear\treporterDesc\tflowCode\tpartnerCode\tpartnerISO\tpartnerDesc\tcmdCode\t"
            "primaryValue\n"
            "C\tA\t2020\tRussian Federation\tX\t0\tW00\tWorld\tTOTAL\t337884789154\n"
            'C\tA\t2020\tRussian Federation\tX\t410\tKOR\t"Korea, Rep.; South"\tTOTAL\t12524300000\n')
    up = parse_upload(text.encode(), "tabs.csv")
    assert up.delimiter == "\t" and "tabs" in up.how_read
    assert value(up, 2020, "exports", "south_korea", "value_usd_mn") == 12524.3


WESTERN = LEGACY + legacy_row("World", "WLD", "0", "449185267240") + legacy_row("Côte d'Ivoire", "CIV", "384",
                                                                                "21000000")


def test_a_wrong_encoding_guess_can_be_overridden_and_the_result_says_which_was_used():
    raw = WESTERN.encode("cp1252")
    guessed = parse_upload(raw, "western.csv")
    assert guessed.encoding == "cp1251" and not guessed.encoding_chosen  # not UTF-8: the Cyrillic guess
    assert "Côte" not in " ".join(guessed.table["partner_name"])
    chosen = parse_upload(raw, "western.csv", encoding="cp1252")
    assert chosen.encoding == "cp1252" and chosen.encoding_chosen
    assert chosen.how_read == "Windows-1252 (Western European) (chosen), columns separated by commas"
    assert "Côte d'Ivoire" in set(chosen.table["partner_name"])
    assert any("as chosen" in n for n in chosen.notes)


def test_a_chosen_encoding_that_does_not_fit_names_the_line():
    raw = WESTERN.encode("cp1252")
    with pytest.raises(DataError) as err:
        parse_upload(raw, "western.csv", encoding="utf-8")
    [problem] = err.value.problems
    assert problem.file == "western.csv" and "not UTF-8" in problem.rule and "line 3" in problem.rule
    utf16 = parse_upload(WESTERN.encode("utf-16"), "w16.csv", encoding="utf-16")
    assert "Côte d'Ivoire" in set(utf16.table["partner_name"]) and utf16.encoding == "utf-16"


def test_the_chart_chrome_describes_the_uploaded_file_not_dots():
    comtrade = parse_upload(WESTERN.encode("utf-8"), "western.csv")
    assert "UN Comtrade" in comtrade.chart_source() and "DOTS" not in comtrade.chart_source()
    assert comtrade.licence.startswith("Data: UN Comtrade") and "IMF" not in comtrade.licence
    assert comtrade.flow_words("exports") == "Exports as Russian Federation reports them (f.o.b.)"
    imf = parse_upload(imf_series(GOOD_IMF), "dots.csv")
    assert imf.flow_words("imports") == "Imports as Russian Federation reports them, c.i.f.; not a partner mirror"
    assert imf.licence.startswith("Data: IMF")
