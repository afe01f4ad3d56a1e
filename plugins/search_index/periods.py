"""Which articles share a search bundle: a year, or a run of its months."""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby


@dataclass
class Period:
    """Months of one year whose articles share one Pagefind bundle."""

    year: int
    first_month: int
    last_month: int
    whole_year: bool
    articles: list
    """Its articles, newest first."""

    @property
    def name(self) -> str:
        """Its bundle's folder: the year, or the year and the first month."""
        return str(self.year) if self.whole_year else f"{self.year}-{self.first_month:02d}"

    @property
    def label(self) -> str:
        """What readers call it: ``năm 2024``, ``tháng 7–12/2025``, ``tháng 3/2025``."""
        if self.whole_year:
            return f"năm {self.year}"
        months = str(self.first_month)
        if self.last_month != self.first_month:
            months += f"–{self.last_month}"
        return f"tháng {months}/{self.year}"

    @property
    def since(self) -> str:
        """Its beginning, as in "từ tháng 7/2025 đến nay"."""
        return f"năm {self.year}" if self.whole_year else f"tháng {self.first_month}/{self.year}"


def periods(articles: Iterable, limit: int) -> list[Period]:
    """The periods of ``articles``, newest first, each with its articles, newest first.

    A year of at most ``limit`` articles is one period. A longer year is cut into
    runs of months of at most ``limit`` articles (a month of more is a run of its
    own), counted from its last month back, so that a reader's first search
    covers as many recent articles as a bundle holds. An article added to the
    last month changes the last period only, or the last two when it moves a
    month from one to the other.
    """
    by_year: dict[int, list] = {}
    for article in sorted(articles, key=lambda article: article.date, reverse=True):
        by_year.setdefault(article.date.year, []).append(article)
    found = []
    for year, newest_first in by_year.items():
        if len(newest_first) <= limit:
            months = (newest_first[-1].date.month, newest_first[0].date.month)
            found.append(Period(year, *months, True, newest_first))
            continue
        runs: list[list] = []
        for _, month in groupby(newest_first, key=lambda article: article.date.month):
            month = list(month)
            if runs and len(runs[-1]) + len(month) <= limit:
                runs[-1].extend(month)
            else:
                runs.append(month)
        for run in runs:
            months = (run[-1].date.month, run[0].date.month)
            found.append(Period(year, *months, False, run))
    return found
