"""Partner names and codes in uploads resolve through country_converter, offline; aggregates by hand."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pivotdash.trade import countries
from pivotdash.trade.tables import load_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def resolver():
    return countries.Resolver(load_tables(ROOT / "data").partner_names)


@pytest.fixture
def offline(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("country resolution tried the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize(("name", "code", "expected"), [
    ("Czechia", "", "czech_republic"),  # UN Comtrade's name for DOTS's "Czech Rep."
    ("Rep. of Korea", "", "south_korea"),
    ("Türkiye", "", "turkey"),
    ("Viet Nam", "", "vietnam"),
    ("", "VNM", "vietnam"),  # ISO3 alone (an SDMX file's code column)
    ("Côte d'Ivoire", "CIV", "cote_d_ivoire"),
    ("United States of America", "USA", "united_states"),
    ("China, P.R.: Hong Kong", "", "hong_kong"),  # DOTS names whose qualifier matters stay by hand
    ("Korea, Dem. People's Rep. of", "", "north_korea"),
    ("World", "", "world"),
    ("Anything", "W00", "world"),  # the IMF's world code, by hand
    ("Euro Area", "", "euro_area"),  # an IMF aggregate: never read as a country
])
def test_partner_names_and_codes_resolve_to_the_dots_ids(resolver, offline, name, code, expected):
    assert resolver.resolve(name, code) == expected


def test_an_unknown_partner_keeps_an_id_of_its_own(resolver, offline):
    assert resolver.resolve("Atlantis, Rep. of") == "atlantis"  # its own slug, never another partner


def test_the_converter_reads_the_table_it_ships(offline):
    assert countries.iso3("Namibia") == "NAM"  # 'NA' is Namibia's ISO2 code, not a missing value
    assert countries.iso3("DE", code=True) == "DEU"
    assert countries.iso3("not a country at all") is None
