"""Pelican glue for the date archive: page objects and their writing."""

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


@dataclass
class DayPage:
    day: datetime.date
    section: object
    articles: list
    older: "DayPage | None" = None
    newer: "DayPage | None" = None
    month: "MonthPage | None" = None

    @functools.cached_property
    def url(self) -> str:
        # Asked for several times by every day page of the archive.
        return f"{_scope_prefix(self.section)}{self.day:%Y/%m/%d}/"

    def page_facts(self):
        """What the page shows, for newsroom/pages."""
        neighbours = [[page.url, page.day] if page else None for page in (self.older, self.newer)]
        return [self.url, self.articles, neighbours, self.month.url, self.month.month]


@dataclass
class MonthPage:
    month: datetime.date
    section: object
    days: dict
    older: "MonthPage | None" = None
    newer: "MonthPage | None" = None
    section_pages: list = field(default_factory=list)

    @functools.cached_property
    def url(self) -> str:
        return f"{_scope_prefix(self.section)}{self.month:%Y/%m}/"

    def page_facts(self):
        """What the page shows, for newsroom/pages."""
        neighbours = [[page.url, page.month] if page else None for page in (self.older, self.newer)]
        days = [[page.url, len(page.articles)] for page in self.days.values()]
        sections = [
            [page.url, page.section.name, page.article_count] for page in self.section_pages
        ]
        return [self.url, self.month, list(self.days), days, neighbours, sections]

    @property
    def newest_day(self) -> datetime.date:
        return next(iter(self.days))

    @property
    def article_count(self) -> int:
        return sum(len(page.articles) for page in self.days.values())

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
    """Chain pages listed newest first to their older and newer neighbours."""
    for newer, older in pairwise(pages):
        newer.older, older.newer = older, newer


def _scope_pages(section, newest_first: list) -> tuple[list[DayPage], list[MonthPage]]:
    days = group_by_day(newest_first, lambda article: article.date.date())
    day_pages = [DayPage(day, section, articles) for day, articles in days.items()]
    by_day = {page.day: page for page in day_pages}
    month_pages = [
        MonthPage(month, section, {day: by_day[day] for day in month_days})
        for month, month_days in group_by_month(days).items()
    ]
    for month_page in month_pages:
        for day_page in month_page.days.values():
            day_page.month = month_page
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
                months[month_page.month].section_pages.append(month_page)

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
