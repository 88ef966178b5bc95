"""The Far East map: basemap geometry, flashpoints and routes, and the pydeck Deck that draws them."""
