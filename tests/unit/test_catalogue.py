"""The data catalogue: one declaration per file, one loader, operator faults named, lists parsed once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pivotdash import catalogue, provenance
from pivotdash.errors import DataError, Problem
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper
from pivotdash.trade.tables import load_published

PARAS = load_paper().paragraph_ids
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_dataset(folder, PARAS)
    return info.value.problems


def test_every_committed_data_file_is_declared_once_and_every_declared_file_is_committed():
    names = [s.name for s in catalogue.CATALOGUE]
    assert len(names) == len(set(names))
    committed = set(provenance.data_files(DATA))
    assert committed == set(names), (committed ^ set(names))


def test_every_declared_table_loads_from_the_committed_data():
    known = {catalogue.files.INDICATORS: frozenset({"china_share", "eu_share", "china_trade_value"})}
    frames = catalogue.load_all(catalogue.TABLES, DATA, PARAS, known)
    assert set(frames) == {s.name for s in catalogue.TABLES}
    assert all(not f.empty for f in frames.values())


def test_lists_are_parsed_once_into_tuples():
    data = load_dataset(DATA, PARAS)
    amur = data.episodes.set_index("id").loc["amur"]
    assert isinstance(amur["drivers"], tuple) and "clash_with_west" in amur["drivers"]
    assert isinstance(amur["leaders"], tuple) and all(";" not in x for x in amur["leaders"])
    assert all(isinstance(v, tuple) for v in data.events["paper_ref"])
    assert all(isinstance(v, tuple) and all(";" not in c for c in v) for v in data.flashpoints["countries"])


def test_one_file_loads_alone_and_its_references_are_resolved_against_the_file_they_name(minimal_dir):
    events = catalogue.load("events.csv", minimal_dir, PARAS)
    assert len(events) == 5
    path = minimal_dir / "episodes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\namur,", "\nriver,", 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        catalogue.load("events.csv", minimal_dir, PARAS)
    assert any(p.file == "events.csv" and p.column == "episode_id" and p.found == "amur"
               for p in info.value.problems), [str(p) for p in info.value.problems]


def test_events_csv_as_a_directory_is_a_problem_naming_the_file(minimal_dir):
    (minimal_dir / "events.csv").unlink()
    (minimal_dir / "events.csv").mkdir()
    found = problems_of(minimal_dir)
    assert [(p.file, p.rule) for p in found] == [("events.csv", "is a directory, not a file")]


def test_a_header_only_file_fails_the_non_empty_rule(minimal_dir):
    path = minimal_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    found = problems_of(minimal_dir)
    assert Problem("events.csv", None, None, catalogue.NON_EMPTY, "0 rows") in found
    assert "non-empty" in catalogue.NON_EMPTY


def test_a_symlink_out_of_data_is_refused_not_followed(minimal_dir, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.move(minimal_dir / "events.csv", outside / "events.csv")  # a perfectly valid file, outside data/
    os.symlink(outside / "events.csv", minimal_dir / "events.csv")
    found = problems_of(minimal_dir)
    assert [(p.file, p.rule, p.found) for p in found] == [
        ("events.csv", "symbolic link pointing outside data/ is refused (not followed)", str(outside / "events.csv"))
    ]


def test_a_symlink_inside_data_is_read(minimal_dir):
    (minimal_dir / "store").mkdir()
    shutil.move(minimal_dir / "routes.csv", minimal_dir / "store" / "routes.csv")
    os.symlink(minimal_dir / "store" / "routes.csv", minimal_dir / "routes.csv")
    assert len(load_dataset(minimal_dir, PARAS).routes) == 2


def test_the_provenance_table_lists_a_link_out_of_data_but_never_reads_it(minimal_dir, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwords.csv").write_text("user,password\na,b\nc,d\ne,f\n", encoding="utf-8")
    os.symlink(secret / "passwords.csv", minimal_dir / "passwords.csv")
    os.symlink(secret, minimal_dir / "linked_folder")
    table = provenance.provenance_table(minimal_dir).set_index("file")
    row = table.loc["data/passwords.csv"]
    assert row["what"] == provenance.REFUSED_LINK
    assert pd.isna(row["rows"])
    assert not any(f.startswith("data/linked_folder/") for f in table.index), list(table.index)
    assert table.loc["data/events.csv", "rows"] == 5


def test_published_figures_checked_against_the_dots_partners_when_no_partner_list_is_given(tmp_path):
    (tmp_path / "trade").mkdir()
    for spec in catalogue.TRADE_TABLES:
        shutil.copy(DATA / spec.name, tmp_path / spec.name)
    (tmp_path / "trade" / "published_figures.csv").write_text(
        "id,year,flow,partner,metric,value,label,source,source_url,note\n"
        "ok,2023,exports,china,share_pct,32.7,China 2023,OEC,https://example.org/a,\n"
        "mars,2023,exports,mars,share_pct,1,Mars,Someone,https://example.org/b,\n", encoding="utf-8")
    frame, problems = catalogue.load_rows(catalogue.PUBLISHED, tmp_path)
    assert frame is not None and list(frame["id"]) == ["ok"]
    assert [(p.row, p.column, p.found) for p in problems] == [(2, "partner", "mars")]
    # The trade page's call with an explicit partner list gives the same answer.
    same, again = load_published(tmp_path, {"china", "eu27"})
    assert same is not None and list(same["id"]) == ["ok"] and again == problems


def test_the_fingerprint_changes_when_the_basemap_is_replaced(tmp_path, monkeypatch):
    from pivotdash.maps.basemap import BASEMAP_FILE
    from pivotdash.ui import data

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(folder))
    before = data.fingerprint(folder)
    basemap = folder / "basemap" / BASEMAP_FILE.name
    basemap.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert data.fingerprint(folder) != before


def test_the_cached_accessor_serves_any_declared_file_and_misses_the_cache_after_an_edit(tmp_path, monkeypatch):
    from pivotdash.ui import data

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(folder))
    first = data.table("errata.csv")
    assert len(first) > 0 and isinstance(first["paper_ref"].iloc[0], tuple)
    path = folder / "errata.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        data.table("errata.csv")
    assert [p.rule for p in info.value.problems] == [catalogue.NON_EMPTY]
    with pytest.raises(KeyError):
        data.table("not_declared.csv")
