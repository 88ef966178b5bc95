"""Every URL in data/ is an https page of record, never a known mirror, scraper, blog or unrelated page."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DATA = Path(os.environ.get("PIVOTDASH_SOURCE_HOSTS_DATA", Path(__file__).resolve().parents[2] / "data"))

# Hosts that copy other sites' pages (Wikipedia mirrors and scrapers, news re-posters), blogs and pages found
# cited for something they are not about. A host matches itself and its subdomains; a row citing one must cite
# the page of record instead and may name the copy it was read from in its `source` text.
BAD_HOSTS = frozenset({
    # Wikipedia mirrors, scrapers and wiki farms
    "piglix.com", "netipedia.com", "wikisum.wiki", "wikisum.com", "wikiwand.com", "dbpedia.org",
    "everybodywiki.com", "alchetron.com", "infogalactic.com", "academic-accelerator.com", "kiwix.casplantje.nl",
    "zxc.wiki", "wiki.av1.space", "wikia.org", "fandom.com", "liquisearch.com", "owiki.org", "handwiki.org",
    "wiki.riteme.site", "wikimili.com", "worddisk.com", "findatwiki.com", "howlingpixel.com", "wikizero.com",
    "academic.ru", "en-academic.com", "de-academic.com", "nina.az", "movatter.jp", "hitchhikersgui.de",
    "wikiplanet.click", "earthspot.org", "db0nus869y26v.cloudfront.net", "ipfs.io", "mgwiki.top", "kfd.me",
    "clateway.com", "tripomatic.com", "lmno.pp.ua", "654.pl", "bradmurray.com", "the-uncensored-wiki.com",
    "memim.com", "everything2.com", "military-history.fandom.com", "edgio.link", "wiki.gravy.cc", "wikivisually.com",
    "theinfolist.com", "qwe.wiki", "qaz.wiki", "military-review.com",
    # copies of other works (e-text and report mirrors, knowledge-graph cards)
    "bookrags.com", "princeton.edu/~achaney", "everycrsreport.com", "artsandculture.google.com",
    "persona.rin.ru",
    # news scrapers: unattributed or wholesale copies of other outlets' stories
    "news-pravda.com", "pravda-en.com", "xebersaati.com", "dnyuz.com", "thesbocc.com", "rusreality.com",
    "streetregister.com", "pledgetimes.com", "worldviralnews.com", "globallnews24.com", "exbulletin.com",
    "listgame.netlify.app", "wingday.site", "cnmail.cn", "eagleeyereport.com", "ssbcrackexams.com",
    # more Wikipedia and travel-guide copies
    "wikiclassic.com", "travel-questions.net", "mock.laptop.org", "starrepublic.org", "kl.global.ssl.fastly.net",
    "wn.com", "aroundus.com", "legole.com", "qwika.com",
    # blogs, personal sites, hobby and content-farm pages
    "blogspot.com", "wordpress.com", "sites.google.com", "andrejkoymasky.com", "abcdiamond.com.dream.website",
    "ancientwarhistory.com", "todayinbritishhistory.com", "todayshistory.org", "retronewser.com",
    "smarthistories.com", "royalcentral.co.uk", "emersonkent.com", "meijishowa.com", "torchrelay.arch.articul.ru",
    "german-way.com", "russia-ic.com", "china-profile.com", "marksrussianmilitaryhistory.info",
    # pages about something else
    "bootcampmilitaryfitnessinstitute.com", "fluoridealert.org",
})

_URL = re.compile(r"https?://[^\s,;)\]>'\"]+", re.I)


def bad_host(url: str) -> str | None:
    """The listed host (or host/path prefix) a URL falls under, else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    where = host + parts.path
    for bad in BAD_HOSTS:
        if "/" in bad:
            if where.startswith(bad):
                return bad
        elif host == bad or host.endswith("." + bad):
            return bad
    return None


def _cells(data: Path) -> list[tuple[str, int, str, str]]:
    cells = []
    for path in sorted(data.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                for column, value in row.items():
                    if value:
                        cells.append((str(path.relative_to(data)), line, column or "", value))
    return cells


def url_problems(data: Path) -> list[str]:
    """One line per bad URL: file, row, column, the rule broken and the URL found."""
    problems = []
    for name, line, column, value in _cells(data):
        whole = value.strip()
        # a cell that is one URL (a URL column) must parse whole; URLs inside text are checked one by one
        if re.match(r"^[a-z][a-z0-9+.-]*://", whole, re.I) and not re.search(r"\s", whole):
            found = [u.strip() for u in whole.split(";") if u.strip()]  # a ';'-list of URLs: each one
        else:
            found = _URL.findall(value)
        for url in found:
            parts = urlsplit(url)
            where = f"{name} row {line} column {column}"
            if parts.scheme != "https" or not parts.hostname or "." not in parts.hostname:
                problems.append(f"{where}: expected an https URL with a host, found {url!r}")
            elif (bad := bad_host(url)) is not None:
                problems.append(f"{where}: host {bad} is a known mirror, scraper, blog or unrelated page: {url}")
    return problems


def test_data_has_urls_to_check():
    # guards against a path change that would make the checks below pass on nothing
    urls = [c for c in _cells(DATA) if "://" in c[3]]
    assert len(urls) > 100


def test_no_url_in_data_is_a_mirror_or_insecure():
    problems = url_problems(DATA)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(("url", "bad"), [
    ("http://piglix.com/piglix/White_Terror", "piglix.com"),
    ("https://allaboutroyalfamilies.blogspot.com/2015/03/x.html", "blogspot.com"),
    ("https://www.netipedia.com/index.php/Treaty_of_Aigun", "netipedia.com"),
    ("https://military.wikia.org/wiki/Zhenbao_Island", "wikia.org"),
    ("https://www.princeton.edu/~achaney/tmve/wiki100k/docs/X.html", "princeton.edu/~achaney"),
    ("https://persona.rin.ru/eng/view/f/0/22224/bezobrazov-alexander", "persona.rin.ru"),
    ("https://en.wikipedia.org/wiki/Treaty_of_Aigun", None),
    ("https://www.princeton.edu/news/", None),
    ("https://notpiglix.com/x", None),
])
def test_bad_host_matches_hosts_subdomains_and_path_prefixes(url, bad):
    assert bad_host(url) == bad


def test_problems_name_file_row_column_and_rule(tmp_path):
    (tmp_path / "x.csv").write_text(
        "id,source_url,note\n"
        "a,https://en.wikipedia.org/wiki/A,fine\n"
        "b,http://www.bbc.co.uk/news/1,see https://wikisum.wiki/wiki/B for more\n"
        "c,not a url,\n"
        "d,https://,\n", encoding="utf-8")
    problems = url_problems(tmp_path)
    assert problems[0].startswith("x.csv row 3 column source_url: expected an https URL")
    assert problems[1].startswith("x.csv row 3 column note: host wikisum.wiki")
    assert problems[2].startswith("x.csv row 5 column source_url: expected an https URL")
    assert len(problems) == 3
