"""PNG/SVG/PDF through the shared Chromium, offline HTML, the camera-button config, no-browser errors."""

from __future__ import annotations

import html
import io
import re
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go
import pytest
from PIL import Image

from pivotdash.errors import ExportUnavailable
from pivotdash.export import browser, formats, images
from pivotdash.export.html import to_html
from pivotdash.export.plotly_config import plotly_config
from pivotdash.export.tables import to_safe_csv
from pivotdash.figures.finish import SOURCE_ANNOTATION, Chrome, finish
from tests.export_fixtures import bar_view

needs_browser = pytest.mark.skipif(not browser.available(), reason="no Chrome/Chromium on this machine")


def _figure(title: str, n: int = 3) -> go.Figure:
    fig = go.Figure(go.Bar(x=[f"p{i}" for i in range(n)], y=list(range(1, n + 1))))
    return finish(fig, Chrome(title, "All eras · all drivers", "Fixture source"))


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as im:
        return im.size


@needs_browser
def test_png_is_a_slide_at_2x_and_3x() -> None:
    fig = _figure("Slide test")
    two = images.to_png(fig)
    assert two.startswith(b"\x89PNG") and _size(two) == (2560, 1440)
    assert _size(images.to_png(fig, scale=3)) == (3840, 2160)


@needs_browser
def test_svg_and_pdf_carry_the_chrome() -> None:
    fig = _figure("Exports by partner <&>")
    svg = images.to_svg(fig).decode("utf-8")
    assert svg.lstrip().startswith("<svg") and 'width="1280"' in svg and 'height="720"' in svg
    assert "Exports by partner <&>" not in svg  # escaped as text, never markup
    assert "Exports by partner <&>" in html.unescape(svg)
    assert "Source: Fixture source" in svg and "CC BY 4.0" in svg
    assert images.to_pdf(fig).startswith(b"%PDF")


@needs_browser
def test_parallel_exports_each_get_their_own_image() -> None:
    # Eight threads, eight different figures: each result must be the one its caller asked for.
    jobs = [(f"Parallel chart {i}", 900 + 40 * i) for i in range(8)]

    def run(job: tuple[str, int]) -> tuple[str, int, str, tuple[int, int]]:
        title, width = job
        fig = _figure(title, n=2 + len(title) % 3)
        svg = images.to_svg(fig, width=width, height=500).decode()
        png = images.to_png(fig, width=width, height=500, scale=1)
        return title, width, svg, _size(png)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, jobs * 2))
    for title, width, svg, size in results:
        titles = set(re.findall(r"Parallel chart \d", svg))
        assert titles == {title}
        assert f'width="{width}"' in svg
        assert size == (width, 500)


@needs_browser
def test_a_batch_comes_back_in_the_order_asked_for() -> None:
    titles = [f"Batch chart {i}" for i in range(5)]
    svgs = images.render_many([_figure(t, n=i + 1) for i, t in enumerate(titles)], "svg", width=700)
    assert [set(re.findall(r"Batch chart \d", s.decode())) for s in svgs] == [{t} for t in titles]
    assert images.render_many([], "png") == []


def test_html_is_standalone_and_offline() -> None:
    view = bar_view("trade-shares", "Shares <script>alert(1)</script>")
    page = to_html(view, "http://127.0.0.1:8501").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]+src\s*=\s*[\"']?https?:", page, re.I)
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js is inlined
    assert "<script>alert(1)</script>" not in page.split("<script", 1)[0]  # escaped in <title>
    assert "http://127.0.0.1:8501/trade?view=trade-shares" in page
    assert "Fixture source, 2020" in page


def test_plotly_config_saves_a_named_slide_png() -> None:
    view = bar_view("timeline", "Timeline", subtitle="Soviet Union · all drivers · 1917–1991")
    cfg = plotly_config(view)["toImageButtonOptions"]
    assert cfg == {"format": "png", "filename": "pivotdash-timeline-soviet-union-all-drivers-1917-1991",
                   "width": 1280, "height": 720, "scale": 2}


def test_no_browser_raises_export_unavailable_naming_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    browser.shutdown()  # a running browser would otherwise be reused
    monkeypatch.setenv(browser.BROWSER_ENV, str(tmp_path / "no-such-chromium"))
    assert not browser.available()
    view = bar_view("trade-shares", "Shares")
    for export in (images.to_png, images.to_svg, images.to_pdf):
        with pytest.raises(ExportUnavailable, match=r"apt-get install chromium"):
            export(view.figure)
    # HTML, CSV and the camera button's config need no browser.
    assert to_html(view).startswith(b"<!DOCTYPE html>")
    assert to_safe_csv(view.data).startswith(b"partner,share_pct")
    assert plotly_config(view)["toImageButtonOptions"]["width"] == 1280


def test_unavailable_reason_names_the_setting_that_points_nowhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(browser.BROWSER_ENV, "/nonexistent/chrome")
    reason = browser.unavailable_reason()
    assert reason and "/nonexistent/chrome" in reason and "apt-get install chromium" in reason


def test_svg_title_and_desc_come_from_the_chrome_escaped() -> None:
    fig = _figure("Exports <script>alert(1)</script> & more")
    raw = b'<svg xmlns="http://www.w3.org/2000/svg" width="1280"><rect/></svg>'
    out = images.described(raw, fig).decode()
    assert out.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="1280"><title>Exports &lt;script&gt;')
    assert "<script>" not in out and "&amp; more</title>" in out
    # <desc> is the chart's one text alternative (Chrome.alt_text): title, what it shows, source and licence.
    assert "<desc>Exports &lt;script&gt;alert(1)&lt;/script&gt; &amp; more. Shows: All eras · all drivers. " \
           "Source: Fixture source. Chart: pivotdash, CC BY 4.0</desc>" in out
    assert images.described(raw, go.Figure()) == raw  # a figure without chrome gets nothing invented


@needs_browser
def test_exported_svg_carries_title_and_desc() -> None:
    view = bar_view("trade-shares", "Shares <&>")
    svg = formats.BY_KEY["svg"].build(formats.Request((view,))).decode()
    assert re.search(r"^<svg[^>]*><title>Shares &lt;&amp;&gt;</title><desc>[^<]*Fixture source, 2020", svg)


def test_png_prints_the_views_link_under_the_source() -> None:
    view = bar_view("trade-shares", "Shares")
    plain = images.export_figure(view.figure)
    linked = images.export_figure(view.figure, link="http://127.0.0.1:8501/trade?view=trade-shares")
    note = next(a for a in linked.layout.annotations if a.name == SOURCE_ANNOTATION)
    assert note.text.endswith("<br>http://127.0.0.1:8501/trade?view=trade-shares")
    assert linked.layout.margin.b > plain.layout.margin.b  # room for the extra line
    assert "127.0.0.1" not in str(view.figure.layout.annotations)  # the page's figure is not changed
    spec, _ = images._job(view.figure, "png", 1280, 720, 2, images.view_link(view, "http://host:8501"))
    assert any("http://host:8501/trade?view=trade-shares" in a.get("text", "") for a in spec["layout"]["annotations"])
    svg_spec, _ = images._job(view.figure, "svg", 1280, 720, 1, "http://x/y")
    assert not any("http://x/y" in a.get("text", "") for a in svg_spec["layout"]["annotations"])
