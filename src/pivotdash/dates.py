"""Event dates at year, month or day precision."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day the date covers (31 Dec for a year, the month's last day for a month)."""
        if self.day is not None:
            return self.start
        if self.month is not None:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day is not None:
            return self.start.strftime("%-d %B %Y")
        if self.month is not None:
            return self.start.strftime("%B %Y")
        return str(self.year)


def parse_date(text: str) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError naming what is wrong."""
    m = _DATE.match(text.strip())
    if not m:
        raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError("month must be 01–12")
    if day is not None:
        assert month is not None
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError("no such day in the calendar") from None
    return PartialDate(year, month, day)
