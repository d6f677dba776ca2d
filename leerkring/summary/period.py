"""Periods a summary can cover: a quarter (2026Q4), a year (2026), a month (2026-10), a range
(2026-09-01..2026-11-30) or everything up to today (``alles``, the default)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from leerkring.errors import UsageError

ALL = "alles"
_HELP = "gebruik bijvoorbeeld 2026Q4, 2026, 2026-10, 2026-09-01..2026-11-30 of 'alles'"


@dataclass(frozen=True)
class Period:
    label: str
    kind: str  # quarter | year | month | range | all
    start: dt.date | None  # None: from the beginning
    end: dt.date  # inclusive

    @property
    def stem(self) -> str:
        """The file name for this period (no dots or slashes)."""
        if self.kind == "range":
            return f"{self.start.isoformat()}_{self.end.isoformat()}"
        return self.label

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and day <= self.end

    def describe(self) -> str:
        """Dutch description for headings."""
        if self.kind == "all":
            return f"alle sessies tot en met {self.end.isoformat()}"
        if self.kind == "quarter":
            return (
                f"kwartaal {self.label[-1]} van {self.label[:4]} ({self.start.isoformat()} t/m {self.end.isoformat()})"
            )
        if self.kind == "year":
            return f"het jaar {self.label}"
        if self.kind == "month":
            return f"de maand {self.label}"
        return f"{self.start.isoformat()} t/m {self.end.isoformat()}"

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "file_stem": self.stem,
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat(),
        }


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"Ongeldige datum '{text}' in de periode; {_HELP}.") from None


def parse_period(value: str | None, today: dt.date | None = None) -> Period:
    """Parse a period; raises UsageError with a Dutch one-line message."""
    today = today or dt.date.today()
    text = (value or ALL).strip()
    low = text.lower()
    if low in (ALL, "all", ""):
        return Period(ALL, "all", None, today)
    if m := re.fullmatch(r"(\d{4})-?[qQ]([1-4])", text):
        year, quarter = int(m[1]), int(m[2])
        first = 3 * (quarter - 1) + 1
        end = dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        return Period(f"{year}Q{quarter}", "quarter", dt.date(year, first, 1), end)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if year < 1900:
            raise UsageError(f"Ongeldig jaar '{text}'.")
        return Period(text, "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise UsageError(f"Ongeldige maand '{text}'; {_HELP}.")
        return Period(
            f"{year}-{month:02d}",
            "month",
            dt.date(year, month, 1),
            dt.date(year, month, calendar.monthrange(year, month)[1]),
        )
    if ".." in text:
        left, right = text.split("..", 1)
        start, end = _date(left), _date(right)
        if end < start:
            raise UsageError(f"De periode '{text}' eindigt voor ze begint.")
        return Period(f"{start.isoformat()}..{end.isoformat()}", "range", start, end)
    raise UsageError(f"Onbekende periode '{text}'; {_HELP}.")
