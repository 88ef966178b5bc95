"""What a competent Streamlit user would share between the naive pages: the CSVs read once with
st.cache_data, and the sidebar filters every page shows (the same widgets and labels as pivotdash's)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("PIVOTDASH_DATA_DIR") or REPO / "data")
ERAS = {"imperial": "Imperial Russia", "soviet": "Soviet Union", "federation": "Russian Federation"}
DRIVERS = {"economic_promise": "Promised Asian riches", "clash_with_west": "Clash with the West",
           "imperial_competition": "Imperial competition", "ideology": "Ideology", "security": "Security",
           "leadership_change": "Leadership change"}
CATEGORIES = {"war": "War", "treaty": "Treaty", "diplomacy": "Diplomacy", "economy": "Economy",
              "infrastructure": "Infrastructure", "military_exercise": "Military exercise",
              "territorial": "Territorial", "leadership": "Leadership"}
OUTCOMES = {"retreat": "Retreat", "backwater": "Backwater", "catastrophe": "Catastrophe", "failed": "Failed",
            "strategic_error": "Strategic error", "economic_collapse": "Economic collapse", "ongoing": "Ongoing"}


@st.cache_data
def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, keep_default_na=False)


@st.cache_data
def trade_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(REPO / "data" / "trade" / name)


def era(year: int) -> str:
    return "imperial" if year < 1917 else "soviet" if year <= 1991 else "federation"


@st.cache_data
def events() -> pd.DataFrame:
    df = read("events.csv").copy()
    df["year"] = df["date"].str[:4].astype(int)
    df["when"] = pd.to_datetime(df["date"], format="mixed")
    df["era"] = df["year"].map(era)
    return df


def sidebar() -> dict:
    st.sidebar.header("Filters")
    eras = st.sidebar.multiselect("Era", list(ERAS), format_func=ERAS.get, key="era")
    drivers = st.sidebar.multiselect("Driver (why Russia turned East)", list(DRIVERS), format_func=DRIVERS.get,
                                     key="driver")
    years = st.sidebar.slider("Years", 1740, 2026, (1740, 2026), key="years")
    return {"eras": eras, "drivers": drivers, "years": years}


def filtered(df: pd.DataFrame, f: dict) -> pd.DataFrame:
    keep = df["year"].between(*f["years"])
    if f["eras"]:
        keep &= df["era"].isin(f["eras"])
    if f["drivers"]:
        keep &= df["drivers"].apply(lambda d: any(x in d.split(";") for x in f["drivers"]))
    return df[keep]


def episode_bands(fig, episodes: pd.DataFrame) -> None:
    """Each turn East as a shaded band with its name, one add_vrect per episode (plotly's documented way)."""
    for _, ep in episodes.iterrows():
        end = ep["end_year"] or "2026"
        fig.add_vrect(x0=f"{ep['start_year']}-01-01", x1=f"{end}-12-31", fillcolor="#b02a3b", opacity=0.08,
                      line_width=0, annotation_text=ep["name"], annotation_position="top left")


def csv_button(df: pd.DataFrame, name: str, key: str) -> None:
    st.download_button("Download CSV", df.to_csv(index=False).encode("utf-8"), f"{name}.csv", "text/csv", key=key)
