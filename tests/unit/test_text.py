"""Data text shown in markdown and drawn in figures cannot reverse or reorder what is around it."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest

from pivotdash.figures.finish import Chrome, finish
from pivotdash.text import FSI, PDI, bidi_safe, plain_label, plain_markdown

RLO, PDF, RLI = "\u202e", "\u202c", "\u2067"
CONTROLS = re.compile("[\u202a-\u202e\u2066\u2067]")  # what may never reach the screen (FSI/PDI come balanced)
HEBREW = "\u05e9\u05dc\u05d5\u05dd"
ARABIC = "\u0645\u0631\u062d\u0628\u0627"


def balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == FSI) - (ch == PDI)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("title", [
    f"Treaty of {RLO}gnp.exe",  # unterminated: would reverse the rest of the card
    f"{RLO}gnp.exe{PDF} signed",
    f"Open isolate {RLI}and override {RLO}1999",
    f"\u202a\u202b\u202d\u2066{RLO}nested{PDF}",
])
@pytest.mark.parametrize("escape", [plain_markdown, plain_label])
def test_an_override_in_a_title_is_neutralised(title, escape):
    card = f"**{escape(title)}** · 1999–2000"  # as a card writes it
    assert not CONTROLS.search(card), ascii(card)
    assert balanced(card)
    letters = CONTROLS.sub("", title).replace(PDF, "").replace("\u2069", "")
    assert letters.replace(".", "\\.") in card or letters in card  # the letters are kept, in the order typed


def test_right_to_left_names_keep_their_letters_and_are_isolated():
    name = f"{HEBREW} {ARABIC}"
    assert bidi_safe(name) == f"{FSI}{name}{PDI}"  # reads right to left; cannot pull "· 1999" into it
    assert bidi_safe(f"{RLO}{HEBREW}") == f"{FSI}{HEBREW}{PDI}"
    assert bidi_safe("Vladivostok") == "Vladivostok"  # left-to-right text is untouched
    assert bidi_safe("Persian half\u200cspace, emoji \u200d") == "Persian half\u200cspace, emoji \u200d"  # ZWNJ/ZWJ


def test_a_figure_title_and_labels_with_an_override_are_drawn_neutralised():
    fig = go.Figure(go.Bar(x=[1], y=[plain_label(f"{RLO}anihC")], hovertext=[plain_label(f"{ARABIC}{RLO} 12%")]))
    finish(fig, Chrome(title=f"Exports {RLO}to China", subtitle=f"{RLI}open", source=f"{RLO}IMF"))
    spec = json.loads(fig.to_json())
    drawn = [spec["layout"]["title"]["text"], spec["layout"]["title"]["subtitle"]["text"],
             *[a["text"] for a in spec["layout"]["annotations"]], *spec["data"][0]["y"], *spec["data"][0]["hovertext"]]
    joined = "".join(drawn)
    assert "Exports to China" in spec["layout"]["title"]["text"]
    assert not CONTROLS.search(joined), ascii(joined)
    assert all(balanced(t) for t in drawn)
    assert spec["data"][0]["hovertext"][0] == f"{FSI}{ARABIC} 12%{PDI}"
