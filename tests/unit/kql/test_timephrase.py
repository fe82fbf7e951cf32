"""Time phrases: what each phrase becomes in KQL, and that the KQL is right on every day it runs."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.kql.grammar import parse_errors
from wingman.core.kql.nl.timephrase import TimePhrase, parse_time_phrase, render_time_filter
from wingman.core.kql.nl.timerange import TimeRangeError, parse_time_range
from wingman.core.models.kql import TimeWindow

MON = "startofweek(ago(1d)) + 1d"
LAST_MON = "startofweek(ago(8d)) + 1d"
TODAY = "startofday(now())"
YESTERDAY = "startofday(ago(1d))"


def dt(text: str) -> str:
    return f"datetime({text})"


# (question, start, end, the phrase as written)
CASES = [
    ("failed sign-ins in the last 7 days", "ago(7d)", None, "in the last 7 days"),
    ("logons over the last 24 hours", "ago(24h)", None, "over the last 24 hours"),
    ("alerts in the past 30 minutes", "ago(30m)", None, "in the past 30 minutes"),
    ("processes from the previous 3 days", "ago(3d)", None, "the previous 3 days"),
    ("past 24h of network events", "ago(24h)", None, "past 24h"),
    ("last 7d", "ago(7d)", None, "last 7d"),
    ("last 30m of logons", "ago(30m)", None, "last 30m"),
    ("last 90m", "ago(90m)", None, "last 90m"),
    ("last 2w", "ago(14d)", None, "last 2w"),
    ("in the last hour", "ago(1h)", None, "in the last hour"),
    ("during the past day", "ago(1d)", None, "during the past day"),
    ("in the last minute", "ago(1m)", None, "in the last minute"),
    ("within the last 15 mins", "ago(15m)", None, "within the last 15 mins"),
    ("for the past 12 hrs", "ago(12h)", None, "for the past 12 hrs"),
    ("last 6 hours", "ago(6h)", None, "last 6 hours"),
    ("LAST 6 HOURS", "ago(6h)", None, "LAST 6 HOURS"),
    ("in the last one hour", "ago(1h)", None, "in the last one hour"),
    ("in the last two days", "ago(2d)", None, "in the last two days"),
    ("in the last three weeks", "ago(21d)", None, "in the last three weeks"),
    ("over the past two weeks", "ago(14d)", None, "over the past two weeks"),
    ("the past four hours", "ago(4h)", None, "the past four hours"),
    ("last five minutes", "ago(5m)", None, "last five minutes"),
    ("last six days", "ago(6d)", None, "last six days"),
    ("last seven days", "ago(7d)", None, "last seven days"),
    ("last eight hours", "ago(8h)", None, "last eight hours"),
    ("last nine days", "ago(9d)", None, "last nine days"),
    ("last ten days", "ago(10d)", None, "last ten days"),
    ("last eleven days", "ago(11d)", None, "last eleven days"),
    ("last twelve hours", "ago(12h)", None, "last twelve hours"),
    ("in the past an hour", "ago(1h)", None, "in the past an hour"),
    ("in the past a day", "ago(1d)", None, "in the past a day"),
    ("over the last couple of days", "ago(2d)", None, "over the last couple of days"),
    ("in the past a couple of hours", "ago(2h)", None, "in the past a couple of hours"),
    ("last couple days", "ago(2d)", None, "last couple days"),
    ("in the past month", "ago(30d)", None, "in the past month"),
    ("in the last 2 months", "ago(60d)", None, "in the last 2 months"),
    ("past week", "ago(7d)", None, "past week"),
    ("in the last week", "ago(7d)", None, "in the last week"),
    ("the past year", "ago(365d)", None, "the past year"),
    ("in the prior 48 hours", "ago(48h)", None, "in the prior 48 hours"),
    ("in the last 3650 days", "ago(3650d)", None, "in the last 3650 days"),
    ("today", TODAY, None, "today"),
    ("show me alerts for today", TODAY, None, "for today"),
    ("Today's sign-ins", TODAY, None, "Today"),
    ("yesterday", YESTERDAY, TODAY, "yesterday"),
    ("what ran on WS-1 yesterday?", YESTERDAY, TODAY, "yesterday"),
    ("this week", MON, None, "this week"),
    ("during this week", MON, None, "during this week"),
    ("the current week", MON, None, "the current week"),
    ("this month", "startofmonth(now())", None, "this month"),
    ("in this month", "startofmonth(now())", None, "in this month"),
    ("this year", "startofyear(now())", None, "this year"),
    ("last week", LAST_MON, MON, "last week"),
    ("during last week", LAST_MON, MON, "during last week"),
    ("previous week", LAST_MON, MON, "previous week"),
    ("last month", "startofmonth(now(), -1)", "startofmonth(now())", "last month"),
    ("in last month", "startofmonth(now(), -1)", "startofmonth(now())", "in last month"),
    ("last year", "startofyear(now(), -1)", "startofyear(now())", "last year"),
    ("since Monday", MON, None, "since Monday"),
    ("since monday", MON, None, "since monday"),
    ("since last Monday", MON, None, "since last Monday"),
    ("since Mon", MON, None, "since Mon"),
    ("since Tuesday", "startofweek(ago(2d)) + 2d", None, "since Tuesday"),
    ("since Wednesday", "startofweek(ago(3d)) + 3d", None, "since Wednesday"),
    ("since Thursday", "startofweek(ago(4d)) + 4d", None, "since Thursday"),
    ("since Thurs", "startofweek(ago(4d)) + 4d", None, "since Thurs"),
    ("since Friday", "startofweek(ago(5d)) + 5d", None, "since Friday"),
    ("since Saturday", "startofweek(ago(6d)) + 6d", None, "since Saturday"),
    ("since Sunday", "startofweek(now())", None, "since Sunday"),
    ("since yesterday", YESTERDAY, None, "since yesterday"),
    ("since today", TODAY, None, "since today"),
    ("since midnight", TODAY, None, "since midnight"),
    ("since last week", LAST_MON, None, "since last week"),
    ("since last month", "startofmonth(now(), -1)", None, "since last month"),
    ("since this month", "startofmonth(now())", None, "since this month"),
    ("since the start of the month", "startofmonth(now())", None, "since the start of the month"),
    (
        "since the beginning of the year",
        "startofyear(now())",
        None,
        "since the beginning of the year",
    ),
    ("since 2026-11-01", dt("2026-11-01"), None, "since 2026-11-01"),
    ("since 2026/11/01", dt("2026-11-01"), None, "since 2026/11/01"),
    ("since 1 Nov 2026", dt("2026-11-01"), None, "since 1 Nov 2026"),
    ("since November 1, 2026", dt("2026-11-01"), None, "since November 1, 2026"),
    ("since Nov 1 2026", dt("2026-11-01"), None, "since Nov 1 2026"),
    ("since Nov. 1st, 2026", dt("2026-11-01"), None, "since Nov. 1st, 2026"),
    ("since the 1st of November 2026", dt("2026-11-01"), None, "since the 1st of November 2026"),
    ("on the 2nd of Nov 2026", dt("2026-11-02"), dt("2026-11-03"), "on the 2nd of Nov 2026"),
    ("starting 2026-03-09", dt("2026-03-09"), None, "starting 2026-03-09"),
    ("from 2026-03-09", dt("2026-03-09"), None, "from 2026-03-09"),
    ("after 2026-02-28", dt("2026-03-01"), None, "after 2026-02-28"),
    (
        "between 2026-11-01 and 2026-11-05",
        dt("2026-11-01"),
        dt("2026-11-06"),
        "between 2026-11-01 and 2026-11-05",
    ),
    (
        "from 2026-11-01 to 2026-11-05",
        dt("2026-11-01"),
        dt("2026-11-06"),
        "from 2026-11-01 to 2026-11-05",
    ),
    (
        "from Nov 1 2026 through November 30, 2026",
        dt("2026-11-01"),
        dt("2026-12-01"),
        "from Nov 1 2026 through November 30, 2026",
    ),
    (
        "between 31 Dec 2025 and 2 Jan 2026",
        dt("2025-12-31"),
        dt("2026-01-03"),
        "between 31 Dec 2025 and 2 Jan 2026",
    ),
    ("between 2026-11-05 and 2026-11-05", dt("2026-11-05"), dt("2026-11-06"), None),
    ("on 2026-11-01", dt("2026-11-01"), dt("2026-11-02"), "on 2026-11-01"),
    ("on 1 Nov 2026", dt("2026-11-01"), dt("2026-11-02"), "on 1 Nov 2026"),
    ("on February 29, 2028", dt("2028-02-29"), dt("2028-03-01"), "on February 29, 2028"),
    ("logons 2026-12-31", dt("2026-12-31"), dt("2027-01-01"), "2026-12-31"),
    ("on 3rd September 2026", dt("2026-09-03"), dt("2026-09-04"), "on 3rd September 2026"),
    ("on 01/11/2026", None, None, None),
    ("on 11/01/2026", None, None, None),
    ("on 2026-02-30", None, None, None),
    ("on 2026-13-01", None, None, None),
    ("on February 29, 2027", None, None, None),
    ("between 2026-11-05 and 2026-11-01", dt("2026-11-05"), dt("2026-11-06"), "2026-11-05"),
    ("in the last 0 days", None, None, None),
    ("in the last 3651 days", None, None, None),
    ("show processes named powershell", None, None, None),
    ("lastly, the pastry", None, None, None),
    ("", None, None, None),
    ("pastebin downloads", None, None, None),
    ("todays", None, None, None),
    ("ran 10.0.0.1 on port 445", None, None, None),
]


@pytest.mark.parametrize(("question", "start", "end", "phrase"), CASES)
def test_parse_time_phrase(question: str, start: str | None, end: str | None, phrase: str) -> None:
    found = parse_time_phrase(question)
    if start is None:
        assert found is None
        return
    assert found is not None
    assert (found.start, found.end) == (start, end)
    assert question[found.span[0] : found.span[1]] == found.text
    if phrase is not None:
        assert found.text == phrase


def test_cases_are_many_and_distinct() -> None:
    assert len({case[0] for case in CASES}) == len(CASES) >= 80


@pytest.mark.parametrize(
    ("question", "description"),
    [
        ("in the last 7 days", "in the last 7 days"),
        ("in the last hour", "in the last hour"),
        ("past 24h", "in the last 24 hours"),
        ("last week", "last calendar week"),
        ("since monday", "since Monday 00:00 UTC"),
        ("between 2026-11-01 and 2026-11-05", "from 2026-11-01 to 2026-11-05 inclusive"),
        ("on Nov 1 2026", "on 2026-11-01"),
        ("yesterday", "yesterday"),
    ],
)
def test_description(question: str, description: str) -> None:
    found = parse_time_phrase(question)
    assert found is not None
    assert found.description == description


def test_first_phrase_wins_and_longest_at_the_same_place() -> None:
    found = parse_time_phrase("since 2026-11-01 but not yesterday")
    assert found is not None
    assert found.text == "since 2026-11-01"
    found = parse_time_phrase("from 2026-11-01 to 2026-11-03")
    assert found is not None
    assert found.end == dt("2026-11-04")


# --- the KQL is right whenever it runs: a small evaluator of the expressions Wingman writes ---

_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}


def _span(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+)([dhm])", text)
    assert match, text
    return int(match[1]) * _UNITS[match[2]]


def _start_of_month(moment: datetime, offset: int) -> datetime:
    months = moment.year * 12 + moment.month - 1 + offset
    return datetime(months // 12, months % 12 + 1, 1, tzinfo=UTC)


def evaluate(expr: str, now: datetime) -> datetime:
    """Evaluate a Wingman time bound the way Kusto would, at ``now``."""
    expr = expr.strip()
    if match := re.fullmatch(r"(.+\)) ([+-]) (\d+[dhm])", expr):
        base = evaluate(match[1], now)
        return base + _span(match[3]) if match[2] == "+" else base - _span(match[3])
    if expr == "now()":
        return now
    if match := re.fullmatch(r"ago\((\d+[dhm])\)", expr):
        return now - _span(match[1])
    if match := re.fullmatch(r"datetime\((\d{4})-(\d{2})-(\d{2})\)", expr):
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    match = re.fullmatch(r"(startof\w+)\((.+?)(?:, (-?\d+))?\)", expr)
    assert match, expr
    inner, offset = evaluate(match[2], now), int(match[3] or 0)
    day = inner.replace(hour=0, minute=0, second=0, microsecond=0)
    if match[1] == "startofday":
        return day
    if match[1] == "startofweek":  # Kusto weeks start on Sunday
        return day - timedelta(days=(day.weekday() + 1) % 7)
    if match[1] == "startofmonth":
        return _start_of_month(inner, offset)
    assert match[1] == "startofyear"
    return datetime(inner.year + offset, 1, 1, tzinfo=UTC)


# Two weeks of moments at different times of day, starting on a Sunday, across a month end.
NOWS = [datetime(2026, 11, 22, 0, 0, tzinfo=UTC) + timedelta(hours=26 * i + 7) for i in range(15)]
NOWS += [datetime(2026, 11, 23, 0, 0, tzinfo=UTC), datetime(2026, 11, 22, 23, 59, tzinfo=UTC)]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def bounds(question: str, now: datetime) -> tuple[datetime, datetime | None]:
    found = parse_time_phrase(question)
    assert found is not None
    end = evaluate(found.end, now) if found.end else None
    return evaluate(found.start, now), end


@pytest.mark.parametrize("now", NOWS, ids=lambda now: f"{now:%a %H:%M}")
@pytest.mark.parametrize("weekday", range(7), ids=WEEKDAY_NAMES)
def test_since_weekday_is_the_most_recent_one(now: datetime, weekday: int) -> None:
    start, end = bounds(f"since {WEEKDAY_NAMES[weekday]}", now)
    assert end is None
    assert start.weekday() == weekday
    assert (start.hour, start.minute) == (0, 0)
    assert now - timedelta(days=7) < start <= now


@pytest.mark.parametrize("now", NOWS, ids=lambda now: f"{now:%a %H:%M}")
def test_calendar_phrases_on_every_day(now: datetime) -> None:
    midnight = now.replace(hour=0, minute=0)
    monday = midnight - timedelta(days=now.weekday())
    assert bounds("today", now) == (midnight, None)
    assert bounds("yesterday", now) == (midnight - timedelta(days=1), midnight)
    assert bounds("this week", now) == (monday, None)
    assert bounds("last week", now) == (monday - timedelta(days=7), monday)
    first = midnight.replace(day=1)
    assert bounds("this month", now) == (first, None)
    assert bounds("last month", now) == ((first - timedelta(days=1)).replace(day=1), first)
    assert bounds("last year", now) == (
        datetime(now.year - 1, 1, 1, tzinfo=UTC),
        first.replace(month=1),
    )


def test_last_month_in_january() -> None:
    now = datetime(2027, 1, 15, 9, tzinfo=UTC)
    assert bounds("last month", now) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )


# --- rendering ---


@pytest.mark.parametrize(
    ("question", "kql"),
    [
        ("in the last 7 days", "where Timestamp > ago(7d)"),
        ("today", "where Timestamp >= startofday(now())"),
        (
            "yesterday",
            "where Timestamp >= startofday(ago(1d)) and Timestamp < startofday(now())",
        ),
        (
            "between 2026-11-01 and 2026-11-05",
            "where Timestamp >= datetime(2026-11-01) and Timestamp < datetime(2026-11-06)",
        ),
    ],
)
def test_render_time_filter(question: str, kql: str) -> None:
    found = parse_time_phrase(question)
    assert found is not None
    assert render_time_filter("Timestamp", found) == kql


@pytest.mark.parametrize("question", [case[0] for case in CASES if case[1] is not None])
def test_rendered_filters_parse(question: str) -> None:
    found = parse_time_phrase(question)
    assert found is not None
    assert parse_errors(f"T | {render_time_filter('TimeGenerated', found)}") == []


def test_render_quotes_odd_column_names() -> None:
    phrase = TimePhrase("ago(1h)", None, (0, 0), "", "in the last hour")
    assert render_time_filter("time generated", phrase) == "where ['time generated'] > ago(1h)"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parse_never_raises_and_span_matches(text: str) -> None:
    found = parse_time_phrase(text)
    if found is not None:
        assert text[found.span[0] : found.span[1]] == found.text
        assert found.text


# --- explicit time ranges from the request ---


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("7d", "ago(7d)", None),
        ("24h", "ago(24h)", None),
        ("30m", "ago(30m)", None),
        ("90s", "ago(90s)", None),
        ("3650d", "ago(3650d)", None),
        (
            {"start": "2026-11-01", "end": "2026-11-05"},
            dt("2026-11-01T00:00:00Z"),
            dt("2026-11-05T00:00:00Z"),
        ),
        (
            {"start": "2026-11-01T08:00:00Z", "end": "2026-11-01T09:30:00+01:00"},
            dt("2026-11-01T08:00:00Z"),
            dt("2026-11-01T08:30:00Z"),
        ),
        (
            {"start": "2026-11-01T08:00", "end": "2026-11-01T08:00:00.5"},
            dt("2026-11-01T08:00:00Z"),
            dt("2026-11-01T08:00:00.500000Z"),
        ),
        (
            TimeWindow(start="2026-01-01", end="2026-02-01"),
            dt("2026-01-01T00:00:00Z"),
            dt("2026-02-01T00:00:00Z"),
        ),
    ],
)
def test_parse_time_range(value: object, start: str, end: str | None) -> None:
    found = parse_time_range(value)  # type: ignore[arg-type]
    assert (found.start, found.end) == (start, end)
    assert parse_errors(f"T | {render_time_filter('Timestamp', found)}") == []


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("", "time_range"),
        ("7", "time_range"),
        ("d", "time_range"),
        ("0d", "time_range"),
        ("3651d", "time_range"),
        ("87601h", "time_range"),
        ("7 d", "time_range"),
        ("7D", "time_range"),
        ("-7d", "time_range"),
        ("1.5h", "time_range"),
        ("7d | .drop table T", "time_range"),
        ("7w", "time_range"),
        ("\u0667d", "time_range"),
        ({"start": "2026-11-05", "end": "2026-11-01"}, "time_range.end"),
        ({"start": "2026-11-05", "end": "2026-11-05"}, "time_range.end"),
        ({"start": "yesterday", "end": "2026-11-01"}, "time_range.start"),
        ({"start": "2026-02-30", "end": "2026-03-01"}, "time_range.start"),
        ({"start": "2026-11-01", "end": "2026-11-01T25:00:00Z"}, "time_range.end"),
        ({"start": "2026-11-01"}, "time_range.end"),
        ({"start": "2026-11-01", "end": "2026-11-02", "tz": "UTC"}, "time_range.tz"),
        ({"start": "2026-11-01", "end": "2026-11-02') | x"}, "time_range.end"),
        ({"start": "2000-01-01", "end": "2026-01-01"}, "time_range"),
        ({"start": 20261101, "end": "2026-11-02"}, "time_range.start"),
    ],
)
def test_parse_time_range_rejects(value: object, field: str) -> None:
    with pytest.raises(TimeRangeError) as caught:
        parse_time_range(value)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)
