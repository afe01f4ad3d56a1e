"""Sections and the grouping of articles into them, free of Pelican.

A listing page holds, for the pages it links to, only their links
(``PageLink``), and a section's own pages are given its ``SectionLink``: their
fields are all a page is made of, and no more.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise


@dataclass
class Section:
    name: str
    slug: str
    url: str
    save_as: str
    articles: list = field(default_factory=list)
    latest_count: int = 5
    pages: list = field(default_factory=list)
    """Its ``ListingPage``s, front page first."""

    @property
    def lead(self):
        """The newest article, shown with its sapo on the home page."""
        return self.articles[0] if self.articles else None

    @property
    def headlines(self) -> list:
        """The next newest articles, shown as headlines under the lead."""
        return self.articles[1 : self.latest_count]

    @property
    def link(self) -> "SectionLink":
        """The section as its own pages show it."""
        return SectionLink(self.name, self.slug, self.url)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class SectionLink:
    """A section by its name and address: what a page about it shows of it,
    and all that its listing pages depend on (not its other articles)."""

    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class PageLink:
    """Another page of a listing, as a page links to it."""

    url: str


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


@dataclass
class ListingPage:
    """One page of a section: its front page, or one archive page of a fixed block."""

    articles: list
    """Newest first."""
    url: str
    save_as: str
    number: int | None = None
    """The block's number counted from the oldest; ``None`` for the front page."""
    newer: PageLink | None = None
    older: PageLink | None = None
    front_url: str = ""
    """The URL of the listing's front page (its newest articles)."""

    @property
    def newest_day(self):
        """The day the page's date form offers: its newest article's."""
        return self.articles[0].date.date() if self.articles else None

    @property
    def period(self):
        """The local days of its oldest and newest articles, the page's label."""
        return self.articles[-1].date.date(), self.articles[0].date.date()


def stable_blocks(count: int, size: int) -> tuple[int, list[tuple[int, int]]]:
    """How ``count`` articles, newest first, fall on a front page and archive pages.

    Archive pages hold fixed blocks of ``size`` counted from the oldest article,
    so a newly published article never moves an older page's articles: only the
    front page changes, and once every ``size`` articles a new archive page
    appears. The front page holds the newest block and the newest partial one
    (``size`` to ``2 * size - 1`` articles, or all when there are fewer).
    Returns the front page's length and each archive block's ``(start, stop)``
    in the newest-first list, oldest block first.
    """
    full_blocks = count // size
    front = min(count, count % size + size)
    blocks = [
        (count - number * size, count - (number - 1) * size) for number in range(1, full_blocks)
    ]
    return front, blocks


def listing_pages(
    newest_first: list, size: int, front: tuple[str, str], archive: tuple[str, str]
) -> list[ListingPage]:
    """The pages of one listing, front page first, each linked to its neighbours.

    ``front`` is the front page's ``(url, save_as)``; ``archive`` the same with
    ``{number}`` for the archive pages.
    """
    front_count, blocks = stable_blocks(len(newest_first), size)
    pages = [ListingPage(newest_first[:front_count], *front, front_url=front[0])]
    for number, (start, stop) in reversed(list(enumerate(blocks, start=1))):
        url, save_as = (pattern.format(number=number) for pattern in archive)
        pages.append(
            ListingPage(newest_first[start:stop], url, save_as, number, front_url=front[0])
        )
    for newer, older in pairwise(pages):
        newer.older, older.newer = PageLink(older.url), PageLink(newer.url)
    return pages


class ArticleList(list):
    """A list of articles that answers ``in`` from a set of their identities.

    Articles compare by identity (Pelican's content objects define no ``==``),
    so the answer is a list's; the list must not change once made.
    """

    def __init__(self, articles=()):
        super().__init__(articles)
        self._ids = frozenset(map(id, self))

    def __contains__(self, article) -> bool:
        return id(article) in self._ids
