"""Dates in the reports: found by regular expressions, normalised to intervals.

Absolute dates ("March 12, 2024", "12 March", "spring 2018", "in 2018") are read here; relative
ones ("on Tuesday", "yesterday", "last year", "two weeks ago") are resolved against the
article's ``published`` date when it has one, and left out of the timeline when it has not.
Only the candidate phrases ever reach dateparser (for "… ago" and unusual ``published``
strings), never a whole text: it costs about 0.2 s per story on whole texts.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>\d\d?)(?:st|nd|rd|th)?"  # a digit first: the scan skips fast to digits
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
# The word before a bare year (without one, "2008 Porsche" would be a date) or a weekday.
_PREPOSITION = {
    "year": re.compile(
        r"\b(?P<prep>in|since|by|during|until|before|after|from|of)\s+(?:the\s+year\s+)?$",
        re.IGNORECASE,
    ),
    "weekday": re.compile(r"\b(?P<prep>on|last|this|next)\s+$", re.IGNORECASE),
}
# Words before a date that make it a bound, not the date of an event ("before 2018").
_BOUNDS = frozenset({"before", "after", "since", "until", "till", "by", "from"})

# The candidate patterns, most precise first; each match is read by the function of its name.
# They start without \b (a leading assertion makes the scan several times slower): find_dates
# checks instead that a match does not start inside a word or number.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE if name == "relative" else 0))
    for name, pattern in (
        ("iso", r"(?P<year>1[89]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        ("month_day", rf"{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
        ("day_month", rf"{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}\b)?"),
        ("month_year", rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b"),
        (
            "season",
            rf"(?P<season>[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)(?:\s+of)?\s+{_YEAR}\b",
        ),
        ("part", rf"(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ](?:in\s+)?{_YEAR}\b"),
        # Anchored on the year or the weekday itself (scans ~10x faster than a pattern that
        # starts with optional words); the word before is read by _PREPOSITION.
        ("year", rf"(?<!\d){_YEAR}\b(?!\s*[-–]?\s*\d)"),
        ("weekday", r"\b(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"),
        (
            "relative",
            r"\b(?P<word>yesterday|today|tomorrow|(?:last|this|next)\s+(?:week|month|year))\b",
        ),
        (
            "ago",
            r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?:day|week|month|year)s?\s+ago\b",
        ),
    )
)


@dataclass(frozen=True)
class DateValue:
    """An interval of days read from a phrase, at the precision the phrase gives."""

    start: date
    end: date
    precision: str  # "day", "month", "season", "year"
    expression: str  # the phrase as written
    bound: bool = False  # "before 2018", "since May": a limit, not when something happened

    @property
    def iso(self) -> str:
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.isoformat()[:7]
        if self.precision == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()[:7]}/{self.end.isoformat()[:7]}"

    def contains(self, other: DateValue) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DateValue) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class DateMention:
    value: DateValue
    start: int  # offsets of the phrase in the text searched
    end: int


def _month(name: str) -> int:
    return _MONTH_NAMES[name[:3].lower()]


def _day_value(year: int, month: int, day: int, text: str) -> DateValue | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return DateValue(value, value, "day", text)


def _month_value(year: int, month: int, text: str) -> DateValue:
    last = calendar.monthrange(year, month)[1]
    return DateValue(date(year, month, 1), date(year, month, last), "month", text)


def parse_published(published: str | None) -> date | None:
    """The date an article was published, from ISO text or (rarely) any form dateparser reads."""
    if not published:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    parsed = _dateparser(published, None)
    return parsed


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: date | None) -> date | None:
    import datetime as dt

    import dateparser  # slow to import and to run: only candidate phrases reach it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _read(name: str, text: str, groups: dict[str, str], base: date | None) -> DateValue | None:
    year = int(groups["year"]) if groups.get("year") else None
    if name == "iso":
        return _day_value(int(groups["year"]), int(groups["m"]), int(groups["d"]), text)
    if name in ("month_day", "day_month"):
        if int(groups["day"]) > 31:
            return None
        year = year or (base.year if base else None)
        if year is None:
            return None
        return _day_value(year, _month(groups["month"]), int(groups["day"]), text)
    if name == "month_year" and year:
        return _month_value(year, _month(groups["month"]), text)
    if name == "season" and year:
        season = groups["season"].lower()
        if season == "winter":
            return DateValue(date(year, 1, 1), date(year, 2, 28), "season", text)
        first, last = _SEASONS[season]
        end = _month_value(year, last, text).end
        return DateValue(date(year, first, 1), end, "season", text)
    if name == "part" and year:
        first, last = _PARTS[groups["part"].lower()]
        end = _month_value(year, last, text).end
        return DateValue(date(year, first, 1), end, "season", text)
    if name == "year" and year:
        bound = groups["prep"].lower() in _BOUNDS
        return DateValue(date(year, 1, 1), date(year, 12, 31), "year", text, bound)
    if base is None:
        return None  # a relative date with nothing to resolve it against
    return _relative(name, groups, text, base)


def _relative(name: str, groups: dict[str, str], text: str, base: date) -> DateValue | None:
    if name == "weekday":
        wanted = _WEEKDAYS.index(groups["weekday"].lower())
        back = (base.weekday() - wanted) % 7
        prep = (groups.get("prep") or "").lower()
        if prep == "next":
            day = base + timedelta(days=(wanted - base.weekday()) % 7 or 7)
        else:  # news tells what happened: "on Tuesday" is the latest Tuesday
            day = base - timedelta(days=back + (7 if prep == "last" and back == 0 else 0))
        return DateValue(day, day, "day", text)
    if name == "relative":
        word = " ".join(groups["word"].lower().split())
        if word in ("yesterday", "today", "tomorrow"):
            shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
            day = base + timedelta(days=shift)
            return DateValue(day, day, "day", text)
        which, unit = word.split()
        step = {"last": -1, "this": 0, "next": 1}[which]
        if unit == "year":
            year = base.year + step
            return DateValue(date(year, 1, 1), date(year, 12, 31), "year", text)
        if unit == "month":
            month_index = base.year * 12 + base.month - 1 + step
            return _month_value(month_index // 12, month_index % 12 + 1, text)
        return None  # "last week": too vague for a timeline
    if name == "ago":
        found = _dateparser(text.lower(), base)
        return DateValue(found, found, "day", text) if found else None
    return None


def find_dates(text: str, base: date | None = None) -> list[DateMention]:
    """Date phrases in a text, the most precise reading where they overlap, in reading order."""
    found: list[DateMention] = []
    if not any(c.isdigit() for c in text) and not _RELATIVE_CUE.search(text):
        return found
    taken = bytearray(len(text))  # characters already read as part of a more precise date
    lower = text.lower()
    for name, pattern in _PATTERNS:
        cues = _CUES.get(name)
        if cues and not any(cue in lower for cue in cues):
            continue  # the pattern cannot match: skip the scan
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if start > 0 and text[start - 1].isalnum():
                continue  # inside a word or a number
            groups = match.groupdict()
            if name in _PREPOSITION:
                before = _PREPOSITION[name].search(text, max(0, start - 20), start)
                if before is None and name == "year":
                    continue  # a bare year: a model, a score, a count, not a date
                if before is not None:
                    groups["prep"], start = before.group("prep"), before.start()
            if taken.find(1, start, end) >= 0:
                continue
            value = _read(name, text[start:end], groups, base)
            if value is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(DateMention(value, start, end))
    return sorted(found, key=lambda m: m.start)


# Words without which a relative pattern cannot match: a substring test is far cheaper than
# scanning the text with the pattern.
_CUES: dict[str, tuple[str, ...]] = {
    "weekday": ("day",),
    "relative": ("yesterday", "today", "tomorrow", "last ", "this ", "next "),
    "ago": (" ago",),
}
_RELATIVE_CUE = re.compile(
    r"day|yesterday|tomorrow|week|month|year|spring|summer|fall|autumn|winter", re.IGNORECASE
)
