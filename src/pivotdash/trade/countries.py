"""Partner names and codes in uploaded files resolved through country_converter (coco), which ships its
country table and needs no network; the IMF's aggregates (World, Euro Area, …) are kept by hand in groups."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from pathlib import Path

import country_converter as coco
import pandas as pd

from pivotdash.trade import groups as g

# coco logs every name it cannot place; an upload's aggregates and unallocated rows are expected misses.
logging.getLogger("country_converter").setLevel(logging.CRITICAL)
_INT_COLUMNS = ("ISOnumeric", "UNcode", "FAOcode", "GBDcode", "EURO", "UN", "UNmember", "obsolete", "GEOnumeric")
_NOT_FOUND = "\x00not found"
# Hand-kept codes for the world total, whatever the file's service calls it (IMF W00/G001, UN WLD).
WORLD_CODES = frozenset({"W00", "G001", "WLD"})


@functools.cache
def converter() -> coco.CountryConverter:
    """coco's converter over the table it ships (country_data.tsv). Read here with blank cells kept as
    text: coco 1.3.2's own reader turns blank ISO2 cells into NaN under pandas 3, which its regexes refuse."""
    table = Path(coco.__file__).with_name("country_data.tsv")
    data = pd.read_csv(table, sep="\t", encoding="utf-8", dtype=str, keep_default_na=False)
    for column in _INT_COLUMNS:
        if column in data.columns:
            data[column] = pd.to_numeric(data[column].replace("", None)).astype("Int64")
    return coco.CountryConverter(country_data=data)


@functools.lru_cache(maxsize=4096)
def iso3(text: str, *, code: bool = False) -> str | None:
    """ISO 3166-1 alpha-3 code of a country name (or, with code=True, of an ISO2/ISO3 code); None if unknown."""
    text = text.strip()
    if not text:
        return None
    src = ("ISO3" if len(text) == 3 else "ISO2") if code else "regex"
    found = converter().convert(text, src=src, to="ISO3", not_found=_NOT_FOUND)
    return None if not isinstance(found, str) or found == _NOT_FOUND else found


@functools.cache
def _index(names: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """ISO3 → partner id for the partners named (the first id per code wins: the names come in id order)."""
    out: dict[str, str] = {}
    ids = [pid for pid, _ in names]
    found = converter().convert([name for _, name in names], src="regex", to="ISO3", not_found=_NOT_FOUND)
    for pid, code in zip(ids, found if isinstance(found, list) else [found], strict=True):
        if isinstance(code, str) and code != _NOT_FOUND:
            out.setdefault(code, pid)
    return out


def base_names() -> dict[str, str]:
    """Partner ids the groups need, with names coco can read (EU, EFTA, CIS, Balkans; the core partners)."""
    core = {"china": "China", "japan": "Japan", "south_korea": "South Korea", "belarus": "Belarus",
            "united_states": "United States", "hong_kong": "Hong Kong", "macao": "Macao", "taiwan": "Taiwan",
            "north_korea": "North Korea", "india": "India", "turkey": "Turkey", "kazakhstan": "Kazakhstan"}
    return {**core, **{m.member: m.name for m in g.EUROPE_MEMBERS}}


class Resolver:
    """Partner id for a partner named in an uploaded file, in this order: the world total and the IMF's
    aggregates (by hand), the DOTS names the project knows exactly, the file's ISO code, then the name read
    by coco; a partner none of these place keeps an id of its own (a slug of its name)."""

    def __init__(self, names: Mapping[str, str]):
        known = {**base_names(), **{k: v for k, v in names.items() if g.partner_kind(v) == "country"}}
        self._by_code = _index(tuple(sorted(known.items())))
        self._seen: dict[tuple[str, str], str] = {}

    def resolve(self, name: str, code: str = "") -> str:
        key = (name, code)
        if key not in self._seen:
            self._seen[key] = self._resolve(name.strip(), code.strip().upper())
        return self._seen[key]

    def _resolve(self, text: str, code: str) -> str:
        if code in WORLD_CODES or text.casefold() == "world":
            return g.WORLD
        explicit = g.explicit_id(text)
        if explicit is not None or g.partner_kind(text) != "country":
            return explicit or g.partner_id(text)
        found = (iso3(code, code=True) if code else None) or iso3(text)
        if found is not None and found in self._by_code:
            return self._by_code[found]
        return g.partner_id(text)
