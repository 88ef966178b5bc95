import json

import pydeck as pdk
import streamlit as st
from common import REPO, events, filtered, read

st.title("Map of the Far East flashpoints")
kinds = st.segmented_control("Show", ["Flashpoints", "Routes", "Labels"], selection_mode="multi",
                             default=["Flashpoints", "Routes", "Labels"])
relief = st.checkbox("Country borders", value=True)


@st.cache_data
def basemap() -> dict:
    return json.loads((REPO / "data" / "basemap" / "far_east_50m.geojson").read_text(encoding="utf-8"))


shown = filtered(events(), st.session_state["filters"])
points = read("flashpoints.csv").copy()
points["events"] = points["id"].map(shown.groupby("flashpoint_id").size()).fillna(0).astype(int)
points = points[points["events"] > 0] if st.session_state["filters"]["eras"] else points
routes = read("routes.csv").sort_values(["route_id", "seq"])
paths = [{"name": n, "path": g[["lon", "lat"]].values.tolist()} for n, g in routes.groupby("name")]
st.caption(f"{len(points)} flashpoints, {len(paths)} routes")
layers = [pdk.Layer("GeoJsonLayer", basemap(), stroked=relief, filled=True, get_fill_color=[235, 232, 225],
                    get_line_color=[150, 150, 150], line_width_min_pixels=1)]
if "Routes" in (kinds or []):
    layers.append(pdk.Layer("PathLayer", paths, get_path="path", get_color=[40, 90, 160], width_min_pixels=2))
if "Flashpoints" in (kinds or []):
    layers.append(pdk.Layer("ScatterplotLayer", points, get_position=["lon", "lat"], get_radius=40000,
                            get_fill_color=[176, 42, 59], pickable=True, id="flashpoints"))
if "Labels" in (kinds or []):
    layers.append(pdk.Layer("TextLayer", points, get_position=["lon", "lat"], get_text="name", get_size=12))
# Offline: no tile provider (even map_style=None makes pydeck fetch a style from the internet).
deck = pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(latitude=48, longitude=125, zoom=2.6),
                map_provider=None, tooltip={"text": "{name}\n{summary}"})
sel = st.pydeck_chart(deck, height=600, on_select="rerun", selection_mode="single-object", key="deck")
left, right = st.columns([3, 2])
names = dict(zip(points["id"], points["name"], strict=True))
place = left.selectbox("Events at a place", list(names), format_func=names.get, index=None)
if place:
    left.dataframe(shown[shown["flashpoint_id"] == place][["date", "title", "category"]], hide_index=True)
right.dataframe(points[["name", "kind", "countries", "years", "events"]], hide_index=True)
st.subheader("Export the map")
st.download_button("Flashpoints CSV", points.to_csv(index=False), "flashpoints.csv")
