"""Export builders: each takes finished views and returns bytes (CSV, images, decks, bundles)."""
