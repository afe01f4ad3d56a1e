"""Feed links and entry summaries, free of Pelican."""

import html
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

FEED_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
FEED_LABELS = {"atom": "Atom", "rss": "RSS"}


@dataclass(frozen=True)
class FeedLink:
    title: str
    href: str
    type: str


def feed_href(base: str, path: str) -> str:
    """``path`` under ``base`` (FEED_DOMAIN or SITEURL); root-relative when ``base`` is empty."""
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


def feed_links(
    base: str,
    site_name: str,
    site_paths: Mapping[str, str | None],
    section_paths: Mapping[str, str | None],
    section=None,
) -> list[FeedLink]:
    """The ``<link rel="alternate">`` targets of a page: the site's feeds, then
    its section's when it has one (``section`` has ``name`` and ``slug``).

    ``site_paths`` and ``section_paths`` map ``atom``/``rss`` to the configured
    path (``None`` when that feed is off); section paths hold ``{slug}``.
    """
    links = [
        FeedLink(f"{site_name} ({FEED_LABELS[kind]})", feed_href(base, path), FEED_TYPES[kind])
        for kind, path in site_paths.items()
        if path
    ]
    if section is not None:
        links += [
            FeedLink(
                f"{site_name} — {section.name} ({FEED_LABELS[kind]})",
                feed_href(base, path.format(slug=section.slug)),
                FEED_TYPES[kind],
            )
            for kind, path in section_paths.items()
            if path
        ]
    return links


def url_path(link: str, siteurl: str) -> str:
    """The site-relative path of an entry's link (``chinh-tri/…/``), whatever
    the SITEURL it was made with."""
    path = urlsplit(link).path
    prefix = urlsplit(siteurl).path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    return path.lstrip("/")


def replace_summaries(items: Iterable[dict], sapo_by_url: Mapping[str, str], siteurl: str) -> None:
    """Make each feed entry's summary its article's sapo.

    The sapo is plain text; feed summaries are HTML, so it is escaped.
    Entries whose article is unknown keep Pelican's summary.
    """
    for item in items:
        sapo = sapo_by_url.get(url_path(item["link"], siteurl))
        if sapo:
            item["description"] = html.escape(sapo, quote=False)


def sapos_of(articles: Iterable, urls: Collection[str]) -> dict[str, str]:
    """The sapo of each article whose URL is one of ``urls``.

    A feed holds the newest articles, and Pelican lists them newest first: the
    walk stops once every URL is found, so each of the site's feeds costs its
    own entries, not the whole archive.
    """
    wanted, found = set(urls), {}
    for article in articles:
        if len(found) == len(wanted):
            break
        if article.url in wanted:
            found[article.url] = article.sapo
    return found
