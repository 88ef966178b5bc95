"""Broken data files: the pages that need a file explain the problem, every other page keeps working.

Each test runs the app (AppTest) on a throw-away copy of data/. The repository's data/ must come out of
the whole test session byte for byte as it went in: a session fixture checks that at the very end.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
PAGES = ("overview", "timeline", "episodes", "trade", "map", "briefing", "sources")
CORE = ("episodes.csv", "events.csv", "flashpoints.csv", "routes.csv")
# Pages that cannot show anything without the core files (they must say why instead).
NEEDS_CORE = ("overview", "timeline", "episodes", "map")


def checksums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def data_is_never_written() -> Iterator[None]:
    """Nothing the app or the tests do (uploads, exports, caches) may change data/."""
    before = checksums(DATA)
    yield
    after = checksums(DATA)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"data/ changed during the test session: {changed}"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def texts(at: AppTest) -> str:
    """Everything the page says: alerts, markdown, captions and the cells of its tables."""
    parts = [e.value for kind in ("error", "warning", "info", "markdown", "caption", "text")
             for e in getattr(at, kind)]
    for df in at.dataframe:
        value = df.value
        if isinstance(value, pd.DataFrame):
            parts.append(value.astype(str).to_csv(index=False))
    return "\n".join(str(p) for p in parts)


def problem_files(at: AppTest) -> set[str]:
    """File names listed in a problems table (the one show_data_error draws), if any."""
    files: set[str] = set()
    for df in at.dataframe:
        value = df.value
        if isinstance(value, pd.DataFrame) and {"file", "rule"} <= set(value.columns):
            files |= set(value["file"].astype(str))
    return files


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart")) + len(at.get("deck_gl_json_chart"))


Fault = Callable[[Path], None]


def missing(path: Path) -> None:
    path.unlink()


def empty(path: Path) -> None:
    path.write_bytes(b"")


def binary(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 4)


def truncated(path: Path) -> None:
    raw = path.read_bytes()
    cut = raw[: len(raw) // 2]
    # End inside a quoted cell if the file has one, so the reader meets an unterminated quote.
    quote = cut.rfind(b',"')
    path.write_bytes(cut[: quote + 5] if quote > 0 else cut)


def legacy_encoding(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").replace("Russia", "Россия").encode("cp1251", "replace"))


def wrong_header(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = "Id;Date;Title;Whatever"
    path.write_text("\n".join(lines), encoding="utf-8")


FAULTS: dict[str, Fault] = {
    "missing": missing, "empty": empty, "binary": binary, "truncated": truncated,
    "cp1251": legacy_encoding, "wrong-header": wrong_header,
}


def as_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.csv").write_text("id\nx\n", encoding="utf-8")


def header_only(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")


def link_out_of_data(path: Path) -> None:
    outside = path.parent.parent / "outside"
    outside.mkdir(exist_ok=True)
    shutil.move(path, outside / path.name)  # a valid file, but not under data/
    path.symlink_to(outside / path.name)


OPERATOR_FAULTS: dict[str, tuple[Fault, str]] = {
    "directory": (as_directory, "is a directory, not a file"),
    "header-only": (header_only, "non-empty"),
    "symlink-out": (link_out_of_data, "symbolic link pointing outside data/"),
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_its_title_and_no_exception(open_page, data_copy, page):
    at = open_page(page, data_dir=data_copy)  # open_page asserts: no uncaught exception
    assert len(at.title) == 1 and at.title[0].value.strip(), f"{page} has no title"
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("fault", list(OPERATOR_FAULTS))
@pytest.mark.parametrize("page", NEEDS_CORE)
def test_operator_faults_in_events_csv_are_named_on_the_pages_that_need_it(open_page, data_copy, page, fault):
    make, rule = OPERATOR_FAULTS[fault]
    make(data_copy / "events.csv")
    at = open_page(page, data_dir=data_copy)  # no uncaught exception
    assert at.error, f"{page} must say its data is broken"
    assert "events.csv" in problem_files(at), texts(at)[:500]
    assert rule in texts(at)


def test_a_link_out_of_data_is_not_counted_on_the_sources_page(open_page, data_copy):
    link_out_of_data(data_copy / "events.csv")
    at = open_page("sources", data_dir=data_copy)
    (table,) = [df.value for df in at.dataframe if "licence" in df.value.columns]
    row = table[table["file"] == "data/events.csv"].iloc[0]
    assert pd.isna(row["rows"]) and "outside data/" in row["what"]


def test_a_replaced_basemap_is_not_served_from_the_cache(open_page, data_copy):
    at = open_page("map", data_dir=data_copy)
    assert at.get("deck_gl_json_chart") and not at.error
    (data_copy / "basemap" / "far_east_50m.geojson").write_text("{not json", encoding="utf-8")
    at.run()
    assert not at.exception
    assert "basemap/far_east_50m.geojson" in problem_files(at), texts(at)[:500]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_corrupt_events_file_timeline_lists_the_problem_and_trade_still_works(open_page, data_copy, fault):
    FAULTS[fault](data_copy / "events.csv")
    at = open_page("timeline", data_dir=data_copy)
    assert at.error, "the timeline must say its data is broken"
    assert "events.csv" in problem_files(at), texts(at)[:500]
    assert "cannot be shown" in at.error[0].value
    assert not at.get("plotly_chart"), "no half-drawn chart from broken data"
    at = open_page("trade", data_dir=data_copy)
    assert not at.error, [e.value for e in at.error]
    assert charts(at) >= 1


@pytest.mark.parametrize("name", CORE)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_a_missing_core_file(open_page, data_copy, page, name):
    (data_copy / name).unlink()
    at = open_page(page, data_dir=data_copy)  # open_page asserts: no uncaught exception
    assert at.title, f"{page} drew nothing"
    if page in NEEDS_CORE:
        assert name in texts(at), f"{page} does not name the missing {name}"
    if page == "trade":
        assert not at.error, [e.value for e in at.error]
        assert charts(at) >= 1


def test_missing_trade_tables_trade_explains_and_timeline_is_fine(open_page, data_copy):
    shutil.rmtree(data_copy / "trade")
    at = open_page("timeline", data_dir=data_copy)
    assert not at.error and at.get("plotly_chart")
    at = open_page("overview", data_dir=data_copy)
    assert not at.error and at.get("plotly_chart")
    at = open_page("trade", data_dir=data_copy)
    said = texts(at)
    assert at.error or at.warning or at.info, "the trade page must explain that its tables are missing"
    assert "trade" in said.lower() and ("missing" in said.lower() or "not found" in said.lower()), said[:500]


@pytest.mark.parametrize("fault", ["empty", "binary", "truncated"])
def test_corrupt_trade_table_is_explained(open_page, data_copy, fault):
    FAULTS[fault](data_copy / "trade" / "dots_russia_partners.csv")
    at = open_page("trade", data_dir=data_copy)
    assert at.error or at.warning or at.info
    assert "dots_russia_partners" in texts(at)
    at = open_page("timeline", data_dir=data_copy)
    assert not at.error and at.get("plotly_chart")


def test_a_file_fixed_while_the_app_runs_is_picked_up(open_page, data_copy):
    """An analyst breaks events.csv, sees the problem, fixes it and reruns: no restart needed."""
    good = (data_copy / "events.csv").read_bytes()
    (data_copy / "events.csv").write_bytes(good.replace(b",treaty,", b",skirmish,", 1))
    at = open_page("timeline", data_dir=data_copy)
    assert "events.csv" in problem_files(at)
    assert "skirmish" in texts(at)
    (data_copy / "events.csv").write_bytes(good)
    at.run()
    assert not at.exception and not at.error
    assert at.get("plotly_chart")


def test_unknown_page_parameters_and_garbage_filters_do_not_break_pages(open_page, data_copy):
    params: dict[str, str | list[str]] = {
        "era": ["Atlantis", "<script>"], "driver": "x" * 5000, "years": ["3000", "-5"], "category": "%00",
        "event": "../../etc/passwd", "q": "\x00\u202e" + "a" * 10_000, "views": ["nope"], "scale": "9",
    }
    for page in PAGES:
        at = open_page(page, params, data_dir=data_copy)
        assert at.title, page


def test_every_event_in_the_data_can_be_shown_on_the_timeline(open_page, data_copy):
    """No event may sit outside the year slider's range: an analyst could never see it."""
    at = open_page("timeline", data_dir=data_copy)
    lo, hi = at.sidebar.slider(key="years").min, at.sidebar.slider(key="years").max
    events = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    years = events["date"].str[:4].astype(int)
    assert not events[(years < lo) | (years > hi)]["id"].tolist(), f"outside the slider's {lo}–{hi}"


def test_a_plain_visit_to_the_timeline_opens_no_event_card(open_page, data_copy):
    """Without ?event= the picker shows its placeholder; no card opens and the URL gains no event."""
    at = open_page("timeline", data_dir=data_copy)
    assert at.selectbox(key="timeline_event_picker").value is None
    assert "event" not in at.query_params


# --- hostile data and hostile links: what reaches Streamlit's markdown must be inert ---------------------

HOSTILE_HOST = "203.0.113.9"
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BAD_TARGET = re.compile(r"\s*(?:javascript|vbscript|data):|[^)]*" + re.escape(HOSTILE_HOST), re.I)
# GFM turns a bare URL into a link even when its characters are backslash-escaped: check the plain text.
_BARE_URL = re.compile(r"(?:https?|ftp)://" + re.escape(HOSTILE_HOST), re.I)
_MARKDOWN_FIELDS = {"body", "label", "help", "caption", "placeholder"}


def markdown_sources(node: object) -> list[str]:
    """Every string field Streamlit renders as markdown (bodies, labels, help), anywhere in the tree."""
    out: list[str] = []
    proto = getattr(node, "proto", None)
    if proto is not None:
        out += _proto_strings(proto)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            out += markdown_sources(child)
    return out


def _proto_strings(msg: object) -> list[str]:
    out: list[str] = []
    for field, value in msg.ListFields():  # type: ignore[attr-defined]
        if isinstance(value, str):
            if field.name in _MARKDOWN_FIELDS:
                out.append(value)
        elif hasattr(value, "ListFields"):
            out += _proto_strings(value)
        elif isinstance(value, Sequence) and value and hasattr(value[0], "ListFields"):
            for item in value:
                out += _proto_strings(item)
    return out


def _chars(source: str) -> list[tuple[str, bool]]:
    """The source as (character, escaped) pairs, as CommonMark reads backslash escapes."""
    out, i = [], 0
    while i < len(source):
        if source[i] == "\\" and i + 1 < len(source) and source[i + 1] in _PUNCT:
            out.append((source[i + 1], True))
            i += 2
        else:
            out.append((source[i], False))
            i += 1
    return out


def _is_live(source: str) -> bool:
    chars = _chars(source)
    text = "".join(c for c, _ in chars)
    if _BARE_URL.search(text):
        return True
    for i, (c, escaped) in enumerate(chars[:-1]):
        nxt, nxt_escaped = chars[i + 1]
        if escaped or nxt_escaped:
            continue
        if c == "!" and nxt == "[":
            return True  # an image
        if c == "]" and nxt == "(" and _BAD_TARGET.match(text[i + 2:]):
            return True  # a link to a script, a data: URL or the payload host
        if c == "<" and re.match(r"(?:https?|ftp|mailto):", text[i + 1:], re.I):
            return True  # an autolink in angle brackets
    return False


def live_markup(sources: list[str]) -> list[str]:
    """Sources that would still make an image, a script link or a link to the payload host when rendered."""
    return [s[:300] for s in sources if _is_live(s)]


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    from tests.fixtures.hostile_full.make_hostile import assemble

    return assemble(tmp_path / "hostile")


URL_ATTACK = f"![x](http://{HOSTILE_HOST}/u.png) [a](javascript:alert(1)) <http://{HOSTILE_HOST}/auto>"


@pytest.mark.parametrize("page", PAGES)
def test_hostile_data_reaches_markdown_only_escaped(open_page, hostile_dir, page):
    at = open_page(page, data_dir=hostile_dir)
    sources = markdown_sources(at._tree)
    if page in ("overview", "episodes", "sources"):  # the others show the data in charts and tables
        assert any("HOSTILE" in s for s in sources), "the payloads should be on the page, as text"
    assert not live_markup(sources)


@pytest.mark.parametrize("param", ["q", "event", "episode", "era", "title", "para"])
@pytest.mark.parametrize("page", ["timeline", "episodes", "briefing", "sources"])
def test_hostile_url_parameters_reach_markdown_only_escaped(open_page, data_copy, page, param):
    """A link is attacker-controlled: no URL parameter may turn into an image or a link on the page."""
    at = open_page(page, {param: URL_ATTACK}, data_dir=data_copy)
    assert not live_markup(markdown_sources(at._tree))


def test_published_figures_are_validated_once_for_trade_and_episodes(open_page, data_copy):
    """A published figure for a partner the DOTS table does not know is left out on both pages alike."""
    path = data_copy / "trade" / "published_figures.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("mars_2024,2024,exports,mars,share_pct,1,Mars 2024,Someone,https://example.org/m,other,,\n")
    at = open_page("episodes", data_dir=data_copy)
    assert any("published_figures.csv has 1 problem(s)" in w.value for w in at.warning), [w.value for w in at.warning]
    at = open_page("trade", data_dir=data_copy)
    assert "mars" in texts(at) and "not a partner id of the DOTS table" in texts(at), texts(at)[:800]


@pytest.mark.parametrize(("page", "params", "named"), [
    ("overview", {"era": "Atlantis"}, ("era", "Atlantis")),
    ("timeline", {"category": "Poetry"}, ("category", "Poetry")),
    ("trade", {"trade_year": "abc", "trade_chart": "Bars"}, ("trade_year", "abc")),
    ("sources", {"para": "fn²"}, ("para", "fn²")),
    ("sources", {"para": "fn¹²"}, ("para", "fn¹²")),
    ("episodes", {"compare": "<script>alert(1)</script>"}, ("compare", "<script>")),
    ("map", {"place": "Gondor", "view": "Moon"}, ("place", "Gondor")),
])
def test_a_link_value_the_page_cannot_use_is_named_and_the_rest_opens(open_page, page, params, named) -> None:
    at = open_page(page, {**params, "driver": "Security"})
    assert not at.exception
    notices = " ".join(w.value for w in at.warning).replace("\\", "")
    assert f"“{named[0]}” value “{named[1]}" in notices, notices
    assert at.title  # the page itself still opens
    if page != "sources":
        assert at.sidebar.multiselect(key="driver").value == ["security"]
