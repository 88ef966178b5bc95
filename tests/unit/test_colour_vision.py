"""Colour is never the only cue: the palette and the exported charts stay distinguishable under simulated
deuteranopia and protanopia, and every series also differs by shape, dash or a label at its end."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pivotdash import state as st
from pivotdash import theme
from pivotdash.export import browser
from pivotdash.export.images import to_png
from pivotdash.figures.trade import end_name
from pivotdash.views import View, build
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]

# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color vision
# deficiency", IEEE TVCG 15(6): the severity-1.0 matrices, applied to linear RGB.
MACHADO = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}
VISIONS = ("normal", *MACHADO)
_SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = np.array([0.95047, 1.0, 1.08883])


def _linear(rgb: np.ndarray) -> np.ndarray:
    c = np.asarray(rgb, float) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _srgb(linear: np.ndarray) -> np.ndarray:
    c = np.clip(linear, 0, 1)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055) * 255


def simulate(rgb: np.ndarray, vision: str) -> np.ndarray:
    """RGB (0–255, any leading shape) as seen with `vision`."""
    if vision == "normal":
        return np.asarray(rgb, float)
    return _srgb(_linear(rgb) @ MACHADO[vision].T)


def lab(rgb: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of sRGB values."""
    xyz = (_linear(rgb) @ _SRGB_TO_XYZ.T) / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)


def delta_e(a: np.ndarray, b: np.ndarray, vision: str) -> float:
    """CIE76 ΔE between two sRGB colours as seen with `vision`."""
    return float(np.linalg.norm(lab(simulate(a, vision)) - lab(simulate(b, vision))))


def rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], float)


def test_the_simulation_is_the_published_one():
    # Pure red and green fall together for a deuteranope (the defining confusion), not for normal vision;
    # white stays white (each matrix row sums to 1).
    red, green = rgb("#FF0000"), rgb("#00FF00")
    assert delta_e(red, green, "normal") > 80
    assert delta_e(red, green, "deuteranopia") < delta_e(red, green, "normal") / 2
    for vision in MACHADO:
        assert np.allclose(simulate(rgb("#FFFFFF"), vision), 255, atol=0.5)


PALETTES = {"partners": theme.PARTNER_COLOURS, "drivers": theme.DRIVER_COLOURS, "outcomes": theme.OUTCOME_COLOURS,
            "flashpoint kinds": theme.KIND_COLOURS, "routes": theme.ROUTE_COLOURS,
            "risk statuses": theme.RISK_STATUS_COLOURS}


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("vision", VISIONS)
def test_every_pair_of_a_palette_stays_apart(palette, vision):
    close = [(a, b, round(delta_e(rgb(ca), rgb(cb), vision), 1))
             for (a, ca), (b, cb) in itertools.combinations(PALETTES[palette].items(), 2)
             if delta_e(rgb(ca), rgb(cb), vision) < theme.CVD_MIN_DELTA_E]
    assert not close, f"{palette} under {vision}: pairs closer than ΔE {theme.CVD_MIN_DELTA_E}: {close}"


def _series_colours(view: View) -> dict[str, str]:
    """Each drawn series' name and line colour (the published points and hatching aside)."""
    return {t.name: t.line.color for t in view.figure.data
            if t.mode and "lines" in t.mode and t.line.color and str(t.line.color).startswith("#")}


def _pixels_of(image: np.ndarray, colour: str, tolerance: float = 6.0) -> np.ndarray:
    """The image's pixels drawn in `colour` (within ΔE `tolerance`: antialiasing aside)."""
    d = np.linalg.norm(lab(image) - lab(rgb(colour)), axis=-1)
    return image[d < tolerance]


@pytest.fixture(scope="module")
def exported() -> list[tuple[View, np.ndarray]]:
    if browser.unavailable_reason():
        pytest.skip(browser.unavailable_reason())
    data = Loaded(ROOT / "data")
    trade = st.TradeState()
    views = [build("trade-composition", replace(trade, view=replace(trade.view, chart="line")), data),
             build("trade-history", replace(trade, tab="history"), data)]
    out = []
    for view in views:
        assert view is not None
        png = to_png(view.figure, scale=1)
        out.append((view, np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), float)))
    return out


@pytest.mark.parametrize("vision", VISIONS)
def test_series_in_the_exported_png_stay_distinguishable(exported, vision):
    """Sample each series' pixels in the exported PNG, simulate the whole image, and compare what the series
    became: every pair stays at least CVD_MIN_DELTA_E apart."""
    for view, image in exported:
        colours = _series_colours(view)
        assert len(colours) >= 4, view.id
        seen = simulate(image, vision)
        means = {}
        for name, colour in colours.items():
            mask = np.linalg.norm(lab(image) - lab(rgb(colour)), axis=-1) < 6.0
            assert mask.sum() > 50, f"{name} ({colour}) is hardly drawn in the {view.id} PNG"
            means[name] = seen[mask].mean(axis=0)
        close = [(a, b, round(float(np.linalg.norm(lab(means[a]) - lab(means[b]))), 1))
                 for a, b in itertools.combinations(means, 2)
                 if np.linalg.norm(lab(means[a]) - lab(means[b])) < theme.CVD_MIN_DELTA_E]
        assert not close, f"{view.id} under {vision}: {close}"


def test_every_series_is_labelled_at_its_end_and_differs_by_shape_or_dash(exported):
    for view, _ in exported:
        series = [t for t in view.figure.data if t.mode and "lines" in t.mode]
        labels = [a.text for a in view.figure.layout.annotations if a.xref == "paper" and a.x == 1]
        for trace in series:
            # the name as the end label writes it (without a parenthesis the whole would not fit)
            assert any(end_name(str(trace.name))[:15] in text for text in labels), (
                f"{trace.name}: no end label in {view.id}")
        looks = [(t.marker.symbol if "markers" in t.mode else None, t.line.dash) for t in series]
        assert len(set(looks)) == len(looks), f"{view.id}: two series share a shape and dash: {looks}"
