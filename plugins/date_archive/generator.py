"""Pelican glue for the date archive: page objects and their writing.

A day's or a month's page object holds, for each page it links to, only what
the link shows (``DayLink``, ``MonthLink``, ``CalendarEntry``, ``SectionMonth``):
its fields are all a page is made of, and no more.
"""

import datetime
import functools
import json
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from pelican.generators import Generator

from .days import CalendarDay, days_index, group_by_day, group_by_month, month_weeks

ARCHIVE_URL = "luu-tru/"
DAYS_INDEX_URL = "luu-tru/ngay.json"


def _scope_prefix(section) -> str:
    return f"{section.slug}/" if section else ""


@dataclass(frozen=True)
class DayLink:
    """A day as the days beside it link to it."""

    url: str
    day: datetime.date


@dataclass(frozen=True)
class MonthLink:
    """A month as its days and the months beside it link to it."""

    url: str
    month: datetime.date


@dataclass(frozen=True)
class CalendarEntry:
    """A day with news as its month's calendar shows it."""

    url: str
    count: int


@dataclass(frozen=True)
class SectionMonth:
    """One section's page of a month, as the month's page for all sections lists it."""

    url: str
    section: object
    article_count: int


@dataclass
class DayPage:
    day: datetime.date
    section: object
    articles: list
    older: DayLink | None = None
    newer: DayLink | None = None
    month: MonthLink | None = None

    @functools.cached_property
    def url(self) -> str:
        # Asked for several times by every day page of the archive.
        return f"{_scope_prefix(self.section)}{self.day:%Y/%m/%d}/"

    @property
    def link(self) -> DayLink:
        return DayLink(self.url, self.day)


@dataclass
class MonthPage:
    month: datetime.date
    section: object
    days: dict[datetime.date, CalendarEntry]
    """Its days with news, newest first."""
    older: MonthLink | None = None
    newer: MonthLink | None = None
    section_pages: list[SectionMonth] = field(default_factory=list)

    @functools.cached_property
    def url(self) -> str:
        return f"{_scope_prefix(self.section)}{self.month:%Y/%m}/"

    @property
    def link(self) -> MonthLink:
        return MonthLink(self.url, self.month)

    @property
    def newest_day(self) -> datetime.date:
        return next(iter(self.days))

    @property
    def article_count(self) -> int:
        return sum(entry.count for entry in self.days.values())

    @property
    def weeks(self) -> list[list[CalendarDay]]:
        return month_weeks(self.month, self.days)


@dataclass
class DateArchive:
    last_day: datetime.date | None
    years: list
    sections: list
    url: str = ARCHIVE_URL
    days_index_url: str = DAYS_INDEX_URL


def _link(pages: list) -> None:
    """Link pages listed newest first to their older and newer neighbours."""
    for newer, older in pairwise(pages):
        newer.older, older.newer = older.link, newer.link


def _scope_pages(section, newest_first: list) -> tuple[list[DayPage], list[MonthPage]]:
    days = group_by_day(newest_first, lambda article: article.date.date())
    day_pages = [DayPage(day, section, articles) for day, articles in days.items()]
    by_day = {page.day: page for page in day_pages}
    month_pages = []
    for month, month_days in group_by_month(days).items():
        entries = {day: CalendarEntry(by_day[day].url, len(days[day])) for day in month_days}
        month_page = MonthPage(month, section, entries)
        for day in month_days:
            by_day[day].month = month_page.link
        month_pages.append(month_page)
    _link(day_pages)
    _link(month_pages)
    return day_pages, month_pages


class DateArchiveGenerator(Generator):
    """Writes the day, month and archive-index pages and the index of days."""

    def generate_context(self):
        articles = sorted(self.context["articles"], key=lambda a: a.date, reverse=True)
        by_section: dict = {}
        for article in articles:
            by_section.setdefault(article.category, []).append(article)

        self.day_pages, self.month_pages = _scope_pages(None, articles)
        self.days_by_scope = {"all": [page.day for page in self.day_pages]}
        months = {page.month: page for page in self.month_pages}
        latest_month_of_section = []
        for section, section_articles in by_section.items():
            day_pages, month_pages = _scope_pages(section, section_articles)
            self.day_pages += day_pages
            self.month_pages += month_pages
            self.days_by_scope[section.slug] = [page.day for page in day_pages]
            latest_month_of_section.append((section, month_pages[0]))
            for month_page in month_pages:
                months[month_page.month].section_pages.append(
                    SectionMonth(month_page.url, section, month_page.article_count)
                )

        order = {name: index for index, (name, _) in enumerate(self.settings["SECTIONS"])}
        for month_page in months.values():
            month_page.section_pages.sort(key=lambda page: order[page.section.name])
        latest_month_of_section.sort(key=lambda pair: order[pair[0].name])

        years: dict[int, list[MonthPage]] = {}
        for month_page in months.values():
            years.setdefault(month_page.month.year, []).append(month_page)
        all_days = self.days_by_scope["all"]
        self.date_archive = DateArchive(
            last_day=all_days[0] if all_days else None,
            years=list(years.items()),
            sections=latest_month_of_section,
        )
        self.context["date_archive"] = self.date_archive

    def generate_output(self, writer):
        relative_urls = self.settings["RELATIVE_URLS"]
        for name, pages in (("day", self.day_pages), ("month", self.month_pages)):
            template = self.get_template(name)
            for page in pages:
                writer.write_file(
                    page.url + "index.html",
                    template,
                    self.context,
                    relative_urls=relative_urls,
                    section=page.section,
                    **{f"{name}_page": page},
                )
        writer.write_file(
            ARCHIVE_URL + "index.html",
            self.get_template("archive"),
            self.context,
            relative_urls=relative_urls,
        )
        self._write_days_index()

    def _write_days_index(self):
        path = Path(self.output_path, DAYS_INDEX_URL)
        path.parent.mkdir(parents=True, exist_ok=True)
        # A new file, never written into: the output folder may share its
        # files with the published site (the build's staging tree does).
        path.unlink(missing_ok=True)
        path.write_text(
            json.dumps(days_index(self.days_by_scope), separators=(",", ":")), encoding="utf-8"
        )
