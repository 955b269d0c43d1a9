"""Run dates: when a report, a model's run or one score was produced.

A result file may say `date:` at the top, per model and per score (the nearest one wins);
importers record a run's date in `source.models.NAME.date` ("2025-01-26 22:15 UTC"). Dates are
read as a day (YYYY-MM-DD); a time and zone, when written, are allowed and not shown. The
checks compare with today's date (UTC) only to refuse a date more than a day ahead: that is
a typo, not a run. Nothing written to the site depends on today.
"""

from __future__ import annotations

import datetime
import re

_RUN_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?)?$"
)
FUTURE_DAYS = 1  # a run dated tomorrow is a time zone, not a typo


def run_day(text) -> str | None:
    """The day a date text names, as YYYY-MM-DD, or None when it names no day that exists."""
    if not isinstance(text, str):
        return None
    match = _RUN_DATE.match(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        found = datetime.date(int(year), int(month), int(day))
        if hour is not None and not (int(hour) < 24 and int(minute) < 60 and int(second or 0) < 61):
            return None
    except ValueError:
        return None
    return found.isoformat()


def today() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).date()


def problem(text, what: str = "") -> str | None:
    """Why ``text`` is not a usable run date (the message for path:line:col), or None;
    ``what`` says whose date it is (" of 'm' on 'A'")."""
    day = run_day(text)
    if day is None:
        return (f"date {text!r}{what} is not a date (write YYYY-MM-DD, optionally with a time: "
                "2025-01-26 or 2025-01-26 22:15 UTC)")
    limit = today() + datetime.timedelta(days=FUTURE_DAYS)
    if datetime.date.fromisoformat(day) > limit:
        return f"date {text!r}{what} is in the future (after {limit.isoformat()}); write the day the run was made"
    return None


def newest(days) -> str | None:
    """The latest of some YYYY-MM-DD texts (None ignored), or None."""
    found = [d for d in days if d]
    return max(found) if found else None
