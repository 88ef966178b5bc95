"""The Far East map: basemap geometry, flashpoints and routes as a pydeck Deck and a static figure."""

from pivotdash.maps.view import map_link, map_view

__all__ = ["map_link", "map_view"]
