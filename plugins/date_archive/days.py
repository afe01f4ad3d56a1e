"""Grouping articles by local day and month, free of Pelican."""

import calendar
import datetime
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


def group_by_day(
    newest_first: Iterable[T], day_of: Callable[[T], datetime.date]
) -> dict[datetime.date, list[T]]:
    """Articles per day, newest day first, each day's articles in input order."""
    days: dict[datetime.date, list[T]] = {}
    for article in newest_first:
        days.setdefault(day_of(article), []).append(article)
    return days


def group_by_month(
    days_newest_first: Iterable[datetime.date],
) -> dict[datetime.date, list[datetime.date]]:
    """Days per month (keyed by the month's first day), newest first."""
    months: dict[datetime.date, list[datetime.date]] = {}
    for day in days_newest_first:
        months.setdefault(day.replace(day=1), []).append(day)
    return months


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    in_month: bool
    has_news: bool


def month_weeks(
    month: datetime.date, days_with_news: Collection[datetime.date]
) -> list[list[CalendarDay]]:
    """The weeks of ``month``, Monday first, as a newspaper calendar shows them."""
    dates = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    )
    return [
        [CalendarDay(day, day.month == month.month, day in days_with_news) for day in week]
        for week in dates
    ]


def days_index(days_by_scope: Mapping[str, Iterable[datetime.date]]) -> dict:
    """A compact index of days with news: scope → ``YYYY-MM`` → bit mask.

    Bit ``d - 1`` of a month's mask is set when day ``d`` has news. Twenty
    years of seven sections stay a few kilobytes, small enough for the
    date form to fetch on demand.
    """
    index: dict[str, dict[str, int]] = {}
    for scope, days in days_by_scope.items():
        months = index.setdefault(scope, {})
        for day in days:
            key = f"{day:%Y-%m}"
            months[key] = months.get(key, 0) | 1 << (day.day - 1)
    return index
