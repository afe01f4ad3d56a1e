"""Dates as Vietnamese readers write them: ``Thứ Năm, 29/02/2024 08:00``."""

import datetime

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAY_ABBREVIATIONS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


# Fields, not strftime: Pelican's dates format through a slow locale-aware
# strftime, and these run for every date on every page.
def format_day(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_time(moment: datetime.datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_date(day: datetime.date) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {format_day(day)}"


def format_datetime(moment: datetime.datetime) -> str:
    return f"{format_date(moment)} {format_time(moment)}"


def format_month(month: datetime.date) -> str:
    return f"Tháng {month.month:02d}/{month.year}"


def format_period(period: tuple[datetime.date, datetime.date]) -> str:
    """``ngày 01/02/2024``, or ``từ 01/02/2024 đến 15/02/2024``."""
    first, last = period
    if first == last:
        return f"ngày {format_day(first)}"
    return f"từ {format_day(first)} đến {format_day(last)}"
