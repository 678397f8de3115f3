"""How dates and cadences typed on the command line are read, and how spans are said."""

from contextlib import suppress
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentornet.dates import (
    FIRST_DAY,
    LAST_DAY,
    MAX_INTERVAL_DAYS,
    Prefer,
    format_ago,
    format_interval,
    parse_date,
    parse_interval,
)
from mentornet.errors import BadInput

TODAY = date(2026, 11, 22)  # a Sunday
WEDNESDAY = date(2026, 11, 18)  # in the same Monday-to-Sunday week
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Days to count from, a month inside the range dates.py keeps (a weekday or "next month"
# from one of them stays inside it).
todays = st.dates(min_value=date(1900, 2, 1), max_value=date(2199, 11, 30))


def on(text: str, today: date = TODAY, prefer: Prefer = "past") -> date:
    return parse_date(text, today=today, prefer=prefer)


def test_the_fixed_todays_are_the_weekdays_the_cases_assume() -> None:
    assert WEEKDAYS[TODAY.weekday()] == "sunday"
    assert WEEKDAYS[WEDNESDAY.weekday()] == "wednesday"


@pytest.mark.parametrize("text", ["2026-03-01", "2024-02-29", "1999-12-31", "2030-01-15"])
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_iso_dates_are_exact_whatever_the_preference(text: str, prefer: Prefer) -> None:
    assert on(text, prefer=prefer) == date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("today", TODAY), ("yesterday", date(2026, 11, 21)), ("tomorrow", date(2026, 11, 23))],
)
def test_today_yesterday_and_tomorrow_count_from_the_given_today(text: str, expected: date) -> None:
    assert on(text) == expected
    assert on(text, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Today  ", TODAY),
        ("\tYESTERDAY\n", date(2026, 11, 21)),
        ("Last  FRIDAY", date(2026, 11, 20)),
        ("In 2 Weeks", date(2026, 12, 6)),
        ("MAR 3", date(2026, 3, 3)),
    ],
)
def test_dates_are_case_insensitive_and_ignore_surrounding_space(text: str, expected: date) -> None:
    assert on(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", date(2026, 11, 16)),
        ("tuesday", date(2026, 11, 17)),
        ("tue", date(2026, 11, 17)),
        ("fri", date(2026, 11, 20)),
        ("saturday", date(2026, 11, 21)),
        ("sunday", TODAY),
        ("sun", TODAY),
    ],
)
def test_a_bare_weekday_preferring_the_past_is_on_or_before_today(
    text: str, expected: date
) -> None:
    assert on(text, prefer="past") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", date(2026, 11, 23)),
        ("tuesday", date(2026, 11, 24)),
        ("tue", date(2026, 11, 24)),
        ("saturday", date(2026, 11, 28)),
        ("sunday", TODAY),
    ],
)
def test_a_bare_weekday_preferring_the_future_is_on_or_after_today(
    text: str, expected: date
) -> None:
    assert on(text, prefer="future") == expected


def test_the_past_is_the_default_preference() -> None:
    assert parse_date("tuesday", today=TODAY) == date(2026, 11, 17)


@pytest.mark.parametrize(("short", "full"), [(name[:3], name) for name in WEEKDAYS])
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_weekday_abbreviations_mean_the_full_names(short: str, full: str, prefer: Prefer) -> None:
    assert on(short, prefer=prefer) == on(full, prefer=prefer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last sunday", date(2026, 11, 15)),
        ("last saturday", date(2026, 11, 21)),
        ("last friday", date(2026, 11, 20)),
        ("last mon", date(2026, 11, 16)),
    ],
)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_last_weekday_is_strictly_before_today(text: str, expected: date, prefer: Prefer) -> None:
    assert on(text, prefer=prefer) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next sunday", date(2026, 11, 29)),
        ("next monday", date(2026, 11, 23)),
        ("next friday", date(2026, 11, 27)),
        ("next sat", date(2026, 11, 28)),
    ],
)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_next_weekday_is_strictly_after_today(text: str, expected: date, prefer: Prefer) -> None:
    assert on(text, prefer=prefer) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (WEDNESDAY, "this monday", date(2026, 11, 16)),
        (WEDNESDAY, "this wednesday", WEDNESDAY),
        (WEDNESDAY, "this friday", date(2026, 11, 20)),
        (WEDNESDAY, "this sunday", TODAY),
        (TODAY, "this monday", date(2026, 11, 16)),
        (TODAY, "this sunday", TODAY),
    ],
)
def test_this_weekday_stays_within_the_monday_to_sunday_week(
    today: date, text: str, expected: date
) -> None:
    assert on(text, today=today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0 days ago", TODAY),
        ("1 day ago", date(2026, 11, 21)),
        ("3 days ago", date(2026, 11, 19)),
        ("a day ago", date(2026, 11, 21)),
        ("1 week ago", date(2026, 11, 15)),
        ("a week ago", date(2026, 11, 15)),
        ("2 weeks ago", date(2026, 11, 8)),
        ("a month ago", date(2026, 10, 22)),
        ("3 months ago", date(2026, 8, 22)),
        ("a year ago", date(2025, 11, 22)),
        ("2 years ago", date(2024, 11, 22)),
        ("in 3 days", date(2026, 11, 25)),
        ("in a day", date(2026, 11, 23)),
        ("in 2 weeks", date(2026, 12, 6)),
        ("in a month", date(2026, 12, 22)),
        ("in 2 months", date(2027, 1, 22)),
        ("in a year", date(2027, 11, 22)),
        ("in 1 year", date(2027, 11, 22)),
    ],
)
def test_counted_days_weeks_months_and_years_move_from_today(text: str, expected: date) -> None:
    assert on(text) == expected
    assert on(text, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last week", date(2026, 11, 15)),
        ("next week", date(2026, 11, 29)),
        ("last month", date(2026, 10, 22)),
        ("next month", date(2026, 12, 22)),
        ("last year", date(2025, 11, 22)),
        ("next year", date(2027, 11, 22)),
    ],
)
def test_last_and_next_week_month_and_year_shift_by_one(text: str, expected: date) -> None:
    assert on(text) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 3, 31), "in a month", date(2026, 4, 30)),
        (date(2026, 3, 31), "a month ago", date(2026, 2, 28)),
        (date(2028, 3, 31), "a month ago", date(2028, 2, 29)),
        (date(2028, 2, 29), "a year ago", date(2027, 2, 28)),
        (date(2028, 2, 29), "in 4 years", date(2032, 2, 29)),
    ],
)
def test_months_and_years_end_at_the_month_end_when_the_day_is_missing(
    today: date, text: str, expected: date
) -> None:
    assert on(text, today=today) == expected


@pytest.mark.parametrize(
    "text", ["mar 3", "march 3", "Mar. 3", "3 mar", "3 march", "March 3rd", "3rd of march"]
)
def test_month_day_forms_name_the_same_day(text: str) -> None:
    assert on(text) == date(2026, 3, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jan 1st", date(2026, 1, 1)),
        ("sept 2", date(2026, 9, 2)),
        ("november 22", TODAY),
        ("nov 23", date(2025, 11, 23)),
        ("dec 25", date(2025, 12, 25)),
    ],
)
def test_a_month_day_preferring_the_past_rolls_back_a_year_if_still_ahead(
    text: str, expected: date
) -> None:
    assert on(text, prefer="past") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mar 3", date(2027, 3, 3)),
        ("nov 21", date(2027, 11, 21)),
        ("november 22", TODAY),
        ("dec 25", date(2026, 12, 25)),
    ],
)
def test_a_month_day_preferring_the_future_rolls_on_a_year_if_already_past(
    text: str, expected: date
) -> None:
    assert on(text, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mar 3 2025", date(2025, 3, 3)),
        ("mar 3, 2025", date(2025, 3, 3)),
        ("mar 3,2025", date(2025, 3, 3)),
        ("3 march 2030", date(2030, 3, 3)),
        ("December 25th, 2026", date(2026, 12, 25)),
    ],
)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_a_month_day_with_a_year_is_exact(text: str, expected: date, prefer: Prefer) -> None:
    assert on(text, prefer=prefer) == expected


@pytest.mark.parametrize(
    ("today", "prefer", "expected"),
    [
        (TODAY, "past", date(2024, 2, 29)),
        (TODAY, "future", date(2028, 2, 29)),
        (date(2028, 2, 29), "past", date(2028, 2, 29)),
        (date(2028, 2, 29), "future", date(2028, 2, 29)),
        (date(2099, 6, 1), "future", date(2104, 2, 29)),  # 2100 is no leap year
        (date(2101, 6, 1), "past", date(2096, 2, 29)),
    ],
)
def test_feb_29_without_a_year_is_the_nearest_leap_day(
    today: date, prefer: Prefer, expected: date
) -> None:
    assert on("feb 29", today=today, prefer=prefer) == expected


def test_feb_29_with_a_year_must_be_a_leap_year() -> None:
    assert on("feb 29 2028") == date(2028, 2, 29)
    with pytest.raises(BadInput, match="'feb 29 2026'"):
        on("feb 29 2026")


@pytest.mark.parametrize(("text", "why"), [
    ("2026-02-30", "February has 28 days in 2026"), ("2026-13-01", "there is no month 13"),
    ("feb 30", "February has at most 29 days"), ("mar 32", "March has at most 31 days"),
    ("feb 29 2026", "February has 28 days in 2026"),
])
def test_impossible_dates_say_why_quoting_the_input(text: str, why: str) -> None:
    with pytest.raises(BadInput) as caught:
        on(text)
    assert f"there is no date {text!r}: {why}" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "flurb",
        "12",
        "2026",
        "3/14",
        "14/3/2026",
        "20260301",
        "2026-3-1",
        "mar 32025",
        "mar",
        "3",
        "3 days",
        "in 3 days ago",
        "3 hours ago",
        "3 hours",
        "tue 3",
        "the 3rd",
        "last",
        "next flurbday",
        "this week",
        "mar 3 10:00",
        "99999 years ago",
        "in 100000000000000000000 days",
    ],
)
def test_unreadable_dates_are_rejected_quoting_the_input(text: str) -> None:
    with pytest.raises(BadInput) as caught:
        on(text)
    assert f"can't read the date {text.strip()!r}: try " in str(caught.value)


def test_the_date_error_suggests_the_forms_that_work() -> None:
    with pytest.raises(BadInput) as caught:
        on(" flurb ")
    assert str(caught.value) == (
        "can't read the date 'flurb': try 2026-03-01, today, yesterday, tuesday, last friday, "
        "3 days ago, in 2 weeks or mar 3"
    )


@given(today=todays, days=st.integers(min_value=0, max_value=20_000))
def test_n_days_ago_is_today_minus_n_and_in_n_days_is_today_plus_n(today: date, days: int) -> None:
    for text, day in ((f"{days} days ago", today - timedelta(days=days)),
                      (f"in {days} days", today + timedelta(days=days))):
        if FIRST_DAY <= day <= LAST_DAY:
            assert on(text, today=today) == day
        else:
            with pytest.raises(BadInput, match="outside the dates mentornet keeps"):
                on(text, today=today)


@given(day=st.dates(), today=todays)
def test_iso_dates_round_trip_within_the_range_and_are_refused_outside(day: date,
                                                                         today: date) -> None:
    if FIRST_DAY <= day <= LAST_DAY:
        assert on(day.isoformat(), today=today) == day
    else:
        with pytest.raises(BadInput, match="1900-01-01 to 2199-12-31"):
            on(day.isoformat(), today=today)


@given(today=todays, wanted=st.sampled_from(WEEKDAYS))
def test_weekdays_land_on_that_weekday_within_a_week_on_the_promised_side(
    today: date, wanted: str
) -> None:
    steps: dict[tuple[str, Prefer], range] = {
        (wanted, "past"): range(0, 7),
        (wanted, "future"): range(-6, 1),
        (f"last {wanted}", "past"): range(1, 8),
        (f"next {wanted}", "past"): range(-7, 0),
    }
    for (text, prefer), days_back in steps.items():
        found = on(text, today=today, prefer=prefer)
        assert WEEKDAYS[found.weekday()] == wanted
        assert (today - found).days in days_back


@given(day=todays, prefer=st.sampled_from(["past", "future"]))
def test_a_month_day_typed_on_that_very_day_is_today(day: date, prefer: Prefer) -> None:
    assert on(f"{MONTHS[day.month - 1]} {day.day}", today=day, prefer=prefer) == day


@given(text=st.text(max_size=30))
def test_any_text_is_a_date_or_bad_input(text: str) -> None:
    with suppress(BadInput):
        on(text)


@given(text=st.text(max_size=30))
def test_any_text_is_an_interval_or_bad_input(text: str) -> None:
    with suppress(BadInput):
        parse_interval(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("1d", 1),
        ("1 day", 1),
        ("90d", 90),
        ("90 days", 90),
        ("2w", 14),
        ("2 weeks", 14),
        ("6 weeks", 42),
        ("1 week", 7),
        ("week", 7),
        ("3m", 90),
        ("3 months", 90),
        ("1y", 365),
        ("10 years", 3650),
        ("3650d", 3650),
        ("daily", 1),
        ("weekly", 7),
        ("fortnightly", 14),
        ("biweekly", 14),
        ("monthly", 30),
        ("quarterly", 91),
        ("yearly", 365),
        ("annually", 365),
        ("every 2 weeks", 14),
        ("every week", 7),
        ("every month", 30),
        ("  Every 3  Months ", 90),
        ("2W", 14),
    ],
)
def test_intervals_are_read_as_whole_days(text: str, days: int) -> None:
    assert parse_interval(text) == days


@pytest.mark.parametrize(
    "text",
    [
        "",
        "flurb",
        "0w",
        "0 days",
        "-2w",
        "2.5w",
        "14",
        "3651d",
        "11y",
        "99999999999d",
        "2 parsecs",
        "every",
        "every other week",
        "2 weeks ago",
    ],
)
def test_unreadable_or_out_of_range_intervals_are_rejected_quoting_the_input(text: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_interval(text)
    assert f"can't read the interval {text.strip()!r}: try 2w, 6 weeks" in str(caught.value)


def test_intervals_are_at_most_ten_years() -> None:
    assert MAX_INTERVAL_DAYS == 3650


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (1, "1 day"),
        (2, "2 days"),
        (7, "1 week"),
        (14, "2 weeks"),
        (28, "4 weeks"),
        (30, "30 days"),
        (91, "13 weeks"),
        (365, "365 days"),
    ],
)
def test_intervals_are_said_in_weeks_when_whole_else_in_days(days: int, text: str) -> None:
    assert format_interval(days) == text


@given(days=st.integers(min_value=1, max_value=MAX_INTERVAL_DAYS))
def test_a_said_interval_reads_back_as_the_same_days(days: int) -> None:
    assert parse_interval(format_interval(days)) == days


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days"),
        (13, "13 days"),
        (14, "2 weeks"),
        (35, "5 weeks"),
        (62, "8 weeks"),
        (63, "2 months"),
        (120, "4 months"),
        (729, "24 months"),
        (730, "2 years"),
        (1000, "2 years"),
        (-1, "in 1 day"),
        (-3, "in 3 days"),
    ],
)
def test_time_ago_is_said_in_days_then_weeks_then_months_then_years(days: int, text: str) -> None:
    assert format_ago(days) == text
