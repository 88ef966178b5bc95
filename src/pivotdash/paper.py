"""The seed paper parsed into numbered paragraphs, sections and footnotes, page breaks repaired."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pivotdash import paths

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "0123456789")
_FOOTNOTE_START = re.compile(rf"^([{_SUPERSCRIPT}]+)\s+(.*)$", re.S)
_FOOTNOTE_MARK = re.compile(rf"[{_SUPERSCRIPT}]+")
# A paragraph that ends in one of these (optionally followed by a footnote mark) is complete.
_COMPLETE_END = re.compile(rf"[.?!:”\"’')\]>]\s*[{_SUPERSCRIPT}]*$")
_HEADING_MAX = 90


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str

    @property
    def id(self) -> str:
        return f"fn{self.number}"


@dataclass(frozen=True)
class Paragraph:
    id: str  # "abstract" or "p1", "p2", … in reading order
    number: int  # 0 for the abstract
    section: str
    text: str  # the whole paragraph, page breaks repaired, footnote marks kept
    footnotes: tuple[int, ...] = ()

    @property
    def plain_text(self) -> str:
        """The text without superscript footnote marks."""
        return _FOOTNOTE_MARK.sub("", self.text)


@dataclass(frozen=True)
class Paper:
    title: str
    date: str
    author: str
    author_note: str
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    sections: tuple[str, ...] = field(default=())

    def paragraph(self, pid: str) -> Paragraph:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)

    @property
    def paragraph_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.paragraphs)

    def footnote(self, number: int) -> Footnote:
        for f in self.footnotes:
            if f.number == number:
                return f
        raise KeyError(number)


def _blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _is_footnote(block: str) -> bool:
    return bool(_FOOTNOTE_START.match(block))


def _is_complete(block: str) -> bool:
    return bool(_COMPLETE_END.search(block))


def _is_heading(block: str) -> bool:
    """A short, unpunctuated line in title case (most words of four letters or more capitalised)."""
    if len(block) > _HEADING_MAX or "\n" in block or _is_complete(block):
        return False
    long_words = [w for w in block.split() if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


def _join(head: str, tail: str) -> str:
    """Join a paragraph cut by a page break; a word hyphenated across the break stays whole."""
    if head.endswith("-"):
        return head + tail
    return head + " " + tail


def parse_paper(text: str) -> Paper:
    """Parse the paper's plain text.

    Repairs two page-break artefacts: a paragraph cut in two by a footnote block is joined back
    together, and a footnote's tail that the page break displaced into the next footnote block
    (a block with no number, followed by numbered footnotes) is appended to the footnote before it.
    """
    blocks = _blocks(text)
    title, date, byline, author_note = blocks[0], blocks[1], blocks[2], blocks[3]
    author = byline.removeprefix("By ").strip()
    rest = blocks[4:]

    body: list[tuple[str, str]] = []  # (section, text)
    footnotes: dict[int, str] = {}
    last_footnote: int | None = None
    section = "Abstract"
    open_paragraph = False  # the last body paragraph was cut by a page break
    sections: list[str] = []

    for i, block in enumerate(rest):
        m = _FOOTNOTE_START.match(block)
        if m:
            number = int(m.group(1).translate(_SUP_TO_DIGIT))
            footnotes[number] = " ".join(m.group(2).split())
            last_footnote = number
            continue
        block = " ".join(block.split())
        if open_paragraph:
            followed_by_note = i + 1 < len(rest) and _is_footnote(rest[i + 1])
            preceded_by_note = i > 0 and _is_footnote(rest[i - 1])
            if followed_by_note and not preceded_by_note and last_footnote is not None:
                # Right after the cut paragraph and before the next notes: the tail of the last
                # footnote, displaced by the page break, not the paragraph's continuation.
                footnotes[last_footnote] += " " + block
                continue
            sec, head = body[-1]
            body[-1] = (sec, _join(head, block))
            open_paragraph = not _is_complete(body[-1][1])
            continue
        next_is_note = i + 1 < len(rest) and _is_footnote(rest[i + 1])
        if _is_heading(block) and not next_is_note:  # a short block cut by notes is a paragraph
            section = block
            sections.append(block)
            continue
        if body or block.startswith("Abstract:"):
            body.append((section, block.removeprefix("Abstract:").strip() if not body else block))
        if not body:
            continue
        if len(body) == 1 and section == "Abstract":
            section = "Introduction"
        open_paragraph = not _is_complete(body[-1][1])

    paragraphs = []
    for n, (sec, txt) in enumerate(body):
        marks = tuple(int(m.translate(_SUP_TO_DIGIT)) for m in _FOOTNOTE_MARK.findall(txt))
        paragraphs.append(
            Paragraph(id="abstract" if n == 0 else f"p{n}", number=n, section=sec, text=txt, footnotes=marks)
        )
    return Paper(
        title=title,
        date=date,
        author=author,
        author_note=author_note,
        paragraphs=tuple(paragraphs),
        footnotes=tuple(Footnote(k, v) for k, v in sorted(footnotes.items())),
        sections=tuple(sections),
    )


@lru_cache(maxsize=4)
def load_paper(path: Path | None = None) -> Paper:
    """Read and parse the paper shipped in `seeds/` (or the file at `path`)."""
    path = path or paths.seeds_dir() / paths.PAPER_FILE
    return parse_paper(path.read_text(encoding="utf-8"))
