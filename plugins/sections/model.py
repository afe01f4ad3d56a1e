"""Sections and the grouping of articles into them, free of Pelican."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class Section:
    name: str
    slug: str
    url: str
    save_as: str
    articles: list = field(default_factory=list)
    latest_count: int = 5

    @property
    def lead(self):
        """The newest article, shown with its sapo on the home page."""
        return self.articles[0] if self.articles else None

    @property
    def headlines(self) -> list:
        """The next newest articles, shown as headlines under the lead."""
        return self.articles[1 : self.latest_count]

    def __str__(self) -> str:
        return self.name


def build_sections(
    configured: Sequence[tuple[str, str]], url: str, save_as: str, latest_count: int
) -> list[Section]:
    return [
        Section(
            name,
            slug,
            url.format(slug=slug),
            save_as.format(slug=slug),
            latest_count=latest_count,
        )
        for name, slug in configured
    ]


def fill_sections(sections: Iterable[Section], articles: Iterable, section_of) -> None:
    """Append each article to its section, keeping the articles' order."""
    by_name = {section.name: section for section in sections}
    for article in articles:
        by_name[section_of(article)].articles.append(article)


def page_window(page, radius: int = 2) -> list[int | None]:
    """Page numbers to link from ``page``: the first, the last and those within
    ``radius`` of it, with ``None`` where numbers are left out."""
    last = page.paginator.num_pages
    shown = sorted(
        {1, last} | set(range(max(1, page.number - radius), min(last, page.number + radius) + 1))
    )
    window: list[int | None] = []
    for number in shown:
        if window and number - window[-1] > 1:
            window.append(None)
        window.append(number)
    return window
