"""Dates as Vietnamese readers write them: ``Thứ Năm, 29/02/2024 08:00``."""

import datetime

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAY_ABBREVIATIONS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def format_day(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def format_time(moment: datetime.datetime) -> str:
    return f"{moment:%H:%M}"


def format_date(day: datetime.date) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {format_day(day)}"


def format_datetime(moment: datetime.datetime) -> str:
    return f"{format_date(moment)} {format_time(moment)}"


def format_month(month: datetime.date) -> str:
    return f"Tháng {month:%m/%Y}"
