"""The sentences of the paper's paragraphs that support an event, picked by the words, names and years they share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Abbreviations whose full stop does not end a sentence in the paper ("U.S.", "St. Petersburg", "Mr.").
_ABBREVIATIONS = ("U.S.", "U.K.", "U.N.", "St.", "Mr.", "Mrs.", "Dr.", "No.", "e.g.", "i.e.", "vs.", "Jr.", "Gen.")
_END = re.compile(r"(?<=[.?!])([\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*|[0-9]{4}s?")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
# Words that tell no sentence from another.
_STOP_WORDS = """
a an and are as at be been but by can for from had has have he her his in into is it its of on or our over she so
than that the their them then there these they this those to was were which while who will with would about after
also all any before both could did does each even more most much not now only other same should some such very
what when where why first last new one two three between during under again against russia russian russia's
"""
STOP = frozenset(_STOP_WORDS.split())
NAME_WEIGHT, YEAR_WEIGHT, WORD_WEIGHT = 2, 2, 1


def sentences(text: str) -> list[str]:
    """`text` split into sentences; a full stop after an abbreviation or an initial does not end one."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        head = text[start:m.start()].rstrip()
        if head.endswith(_ABBREVIATIONS) or _INITIAL.search(head):
            continue
        out.append(text[start:m.end(1)].strip())  # keep the closing quote or bracket with its sentence
        start = m.end()
    tail = text[start:].strip()
    return [s for s in [*out, tail] if s]


def _stem(word: str) -> str:
    """A crude stem, enough to match 'treaty'/'treaties', 'seized'/'seize', 'Japan's'/'Japan'."""
    w = word.casefold().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix, instead in (("ies", "y"), ("es", ""), ("ed", ""), ("ing", ""), ("s", "")):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)] + instead
            break
    return w.removesuffix("e") if len(w) > 4 else w  # 'seize' and 'seized' → 'seiz'


def _years(token: str) -> set[str]:
    """'1858' → {'1858'}; a decade '1850s' → every year in it."""
    if token.endswith("s"):
        return {f"{token[:3]}{d}" for d in range(10)}
    return {token}


@dataclass(frozen=True)
class Terms:
    """What an event is about: stems of its words, its names (capitalised words) and its years."""

    words: frozenset[str]
    names: frozenset[str]
    years: frozenset[str]


def event_terms(texts: Iterable[str], dates: Iterable[str] = ()) -> Terms:
    """The terms of an event's title and summary (`texts`) and its dates ('1858-05-28', '1853')."""
    words: set[str] = set()
    names: set[str] = set()
    years: set[str] = set()
    for text in texts:
        for i, token in enumerate(_TOKEN.findall(str(text))):
            if token[0].isdigit():
                years |= _years(token) if token.endswith("s") else {token}
                continue
            stem = _stem(token)
            if stem in STOP or len(stem) < 3:
                continue
            words.add(stem)
            if token[0].isupper() and i > 0:  # a capital mid-sentence is a name; the first word may be any word
                names.add(stem)
    for date in dates:
        if re.match(r"[0-9]{4}", str(date)):
            years.add(str(date)[:4])
    return Terms(frozenset(words - names), frozenset(names), frozenset(years))


def score(sentence: str, terms: Terms) -> int:
    """How much `sentence` shares with the event: each distinct name and year counts double, each word once."""
    stems, years = set(), set()
    for token in _TOKEN.findall(sentence):
        if token[0].isdigit():
            years |= _years(token)
        else:
            stems.add(_stem(token))
    return (NAME_WEIGHT * len(stems & terms.names) + WORD_WEIGHT * len(stems & terms.words)
            + YEAR_WEIGHT * min(len(years & terms.years), 2))


@dataclass(frozen=True)
class Excerpt:
    """The sentences of one paragraph that support an event, in reading order, and whether any matched."""

    sentences: tuple[str, ...]
    indices: tuple[int, ...]  # their places among the paragraph's sentences
    count: int  # how many sentences the paragraph has
    matched: bool  # False: nothing overlapped, the paragraph's first sentence stands in

    @property
    def whole(self) -> bool:
        return len(self.indices) == self.count

    def text(self) -> str:
        """The picked sentences, with '…' where sentences of the paragraph are left out."""
        parts: list[str] = []
        for n, (i, s) in enumerate(zip(self.indices, self.sentences, strict=True)):
            if (n == 0 and i > 0) or (n > 0 and i > self.indices[n - 1] + 1):
                parts.append("…")
            parts.append(s)
        if self.indices and self.indices[-1] < self.count - 1:
            parts.append("…")
        return " ".join(parts)


def supporting(paragraph: str, terms: Terms, *, most: int = 2) -> Excerpt:
    """The (at most `most`) sentences of `paragraph` sharing most with the event; the best one always.

    A second sentence is kept only when it scores at least half the best (and 2), so a sentence that
    shares one common word does not ride along.
    """
    found = sentences(paragraph)
    if not found:
        return Excerpt((), (), 0, False)
    scored = sorted(((score(s, terms), -i) for i, s in enumerate(found)), reverse=True)
    best = scored[0][0]
    if best == 0:
        return Excerpt((found[0],), (0,), len(found), False)
    keep = [-scored[0][1]] + [-i for sc, i in scored[1:most] if sc >= max(2, (best + 1) // 2)]
    keep.sort()
    return Excerpt(tuple(found[i] for i in keep), tuple(keep), len(found), True)


# ---- searching the paper ----------------------------------------------------------------------

SEARCH_MAX = 100  # characters of a query
_QUERY_TERM = re.compile(r'"([^"]+)"|(\S+)')


@dataclass(frozen=True)
class Hit:
    """A paragraph (or footnote) of the paper that holds every term of a search, and where they are."""

    id: str  # "p24", "abstract" or "fn3"
    section: str
    text: str
    spans: tuple[tuple[int, int], ...]  # (start, end) of each match in `text`, in order, not overlapping


def query_terms(query: str) -> list[str]:
    """The terms of a search: words, names, years, or a "quoted phrase"; case is ignored."""
    out = []
    for phrase, word in _QUERY_TERM.findall(query[:SEARCH_MAX]):
        term = (phrase or word).strip(" .,;:!?()[]'").casefold().replace("’", "'")
        if term and term not in out:
            out.append(term)
    return out


def _spans(text: str, terms: list[str]) -> tuple[tuple[int, int], ...] | None:
    """Where each term starts a word in `text` (None if one never does), merged into non-overlapping spans."""
    found: list[tuple[int, int]] = []
    folded = text.casefold().replace("’", "'")  # same length: the spans stay those of `text`
    for term in terms:
        hits = [(m.start(), m.end()) for m in re.finditer(rf"(?<![^\W_]){re.escape(term)}", folded)]
        if not hits:
            return None
        found += hits
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def search(paragraphs: Iterable[tuple[str, str, str]], query: str) -> list[Hit]:
    """The paragraphs (id, section, text) holding every term of `query` at the start of a word, in paper order."""
    terms = query_terms(query)
    if not terms:
        return []
    hits = []
    for pid, section, text in paragraphs:
        spans = _spans(text, terms)
        if spans:
            hits.append(Hit(pid, section, text, spans))
    return hits


def snippet(hit: Hit, *, around: int = 110) -> list[tuple[str, bool]]:
    """The text around the first match as (piece, is_match) pairs, with '…' where the paragraph is cut."""
    first, last = hit.spans[0][0], hit.spans[0][1]
    lo, hi = max(0, first - around), min(len(hit.text), last + 2 * around)
    pieces: list[tuple[str, bool]] = [("…", False)] if lo > 0 else []
    at = lo
    for start, end in hit.spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        if start > at:
            pieces.append((hit.text[at:start], False))
        pieces.append((hit.text[start:end], True))
        at = end
    if at < hi:
        pieces.append((hit.text[at:hi], False))
    if hi < len(hit.text):
        pieces.append(("…", False))
    return pieces
