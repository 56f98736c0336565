import pytest

from newsgraph.events.dates import resolve_date

PUB = "2022-01-10"  # a Monday


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("on Monday", "2022-01-10"),
        ("Tuesday", "2022-01-04"),
        ("last Monday", "2022-01-03"),
        ("yesterday", "2022-01-09"),
        ("today", "2022-01-10"),
        ("tomorrow", "2022-01-11"),
        ("last week", "2022-01-03"),
        ("this month", "2022-01"),
        ("last month", "2021-12"),
        ("last year", "2021"),
        ("in early January", "2022-01"),
        ("mid-August", "2021-08"),
        ("last November", "2021-11"),
        ("September 29", "2021-09-29"),
        ("5 January 2022", "2022-01-05"),
        ("January 5, 2020", "2020-01-05"),
        ("in 2020", "2020"),
        ("two days ago", "2022-01-08"),
        ("three weeks ago", "2021-12-20"),
    ],
)
def test_relative_dates(expr, expected):
    assert resolve_date(expr, PUB) == expected


def test_future_dates_look_forward():
    assert resolve_date("on Tuesday", PUB, future=True) == "2022-01-11"
    assert resolve_date("in mid-August", PUB, future=True) == "2022-08"
    assert resolve_date("next week", PUB) == "2022-01-17"


def test_full_date_for_events():
    from newsgraph.events.dates import full_date

    assert full_date("2022-01") == "2022-01-01" and full_date("2020") == "2020-01-01"
    assert full_date("2022-01-05") == "2022-01-05"


def test_unreadable_or_unanchored():
    assert resolve_date("the other day", PUB) is None
    assert resolve_date("on Monday", None) is None
    assert resolve_date("May", PUB) is None  # the modal, not the month
