"""pivotdash: Russia's turns East, from Chris Miller's paper and public trade data."""

__version__ = "0.1.0"
