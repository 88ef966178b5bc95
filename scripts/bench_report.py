"""Writing a benchmark's results into its markdown report, between the script's own markers."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, body: str, start: str, end: str, heading: str) -> None:
    """Replace the block between `start` and `end` in `path` (or append it), keeping the prose around it."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"# {heading}\n\n"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
