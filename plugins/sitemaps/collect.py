"""Pelican glue for the sitemaps: note each page as it is written, write at the end."""

import datetime
import functools
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from plugin_check import resolved

from .documents import (
    MAX_URLS_PER_FILE,
    NewsEntry,
    PageEntry,
    news_urlset,
    page_url,
    recent_news,
    robots_txt,
    sitemap_files,
)

SETTINGS = {
    "SITEMAP_SAVE_AS": "sitemap.xml",
    "SITEMAP_EXCLUDE": ["404.html"],
    "SITEMAP_MAX_URLS": MAX_URLS_PER_FILE,
    "NEWS_SITEMAP_SAVE_AS": "news-sitemap.xml",
    "NEWS_SITEMAP_DAYS": 2,
    "NEWS_SITEMAP_MAX": 1000,
    "SITEMAP_NOW": None,
}


@dataclass
class Written:
    """The pages of one build: its articles' pages, ``(output file, article)``,
    and every other page written so far, by its output file."""

    articles: list = field(default_factory=list)
    pages: list = field(default_factory=list)


# One entry per output folder being built, so that builds in one process
# (tests, `pelican --autoreload`) never mix their pages.
_builds: dict[str, Written] = {}


@functools.lru_cache(maxsize=16)
def _key(output_path: str) -> str:
    # Asked once per page written: resolving the path each time costs seconds.
    return os.path.realpath(output_path)


def _relative(path: str, folder: str) -> str:
    """``path`` under ``folder``, with ``/``; the writer's paths start with its folder."""
    prefix = os.path.join(folder, "")
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.relpath(path, folder).replace(os.sep, "/")


def start_collecting(generators) -> None:
    """Sent once every generator has its context, before any page is written.

    The articles' pages are taken from the articles' generator, which writes
    one for each of its articles and translations: whoever writes them (a
    build may write them in another process) and however many there are."""
    written = _builds[_key(generators[0].output_path)] = Written()
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            written.articles += [
                (article.save_as, article)
                for article in (*generator.articles, *generator.translations)
                if article.save_as
            ]


def collect_page(path, context) -> None:
    written = _builds.get(_key(context["OUTPUT_PATH"]))
    if written is None:
        return
    output_file = _relative(path, context["OUTPUT_PATH"])
    article = context.get("article")
    if not (isinstance(article, Article) and output_file == article.save_as):
        written.pages.append(output_file)


def build_time(settings) -> datetime.datetime:
    zone = ZoneInfo(settings["TIMEZONE"])
    now = resolved(settings, SETTINGS)["SITEMAP_NOW"]
    if now is None:
        return datetime.datetime.now(zone)
    return now if now.tzinfo else now.replace(tzinfo=zone)


def write_sitemaps(pelican) -> None:
    written = _builds.pop(_key(pelican.output_path), None)
    if written is None:
        return
    settings = pelican.settings
    own = resolved(settings, SETTINGS)
    base = settings["SITEURL"].rstrip("/") + "/"
    excluded = set(own["SITEMAP_EXCLUDE"])

    pages = {}
    others = ((page, None) for page in written.pages)
    for output_file, article in itertools.chain(written.articles, others):
        if output_file in excluded or not output_file.endswith(".html"):
            continue
        lastmod = (getattr(article, "modified", None) or article.date) if article else None
        pages[page_url(output_file)] = lastmod
    entries = [PageEntry(base + url, lastmod) for url, lastmod in sorted(pages.items())]
    files = sitemap_files(
        entries,
        own["SITEMAP_SAVE_AS"],
        base,
        own["SITEMAP_MAX_URLS"],
    )

    now = build_time(settings)
    window = datetime.timedelta(days=own["NEWS_SITEMAP_DAYS"])
    news = recent_news(
        (
            NewsEntry(base + article.url, Markup(article.title).striptags(), article.date)
            for _, article in written.articles
            # Before the title is stripped of its tags: most articles are older.
            if now - window <= article.date
        ),
        now,
        window,
        own["NEWS_SITEMAP_MAX"],
    )
    news_name = own["NEWS_SITEMAP_SAVE_AS"]
    files[news_name] = news_urlset(news, settings["SITENAME"], settings["DEFAULT_LANG"])
    sitemap_name = own["SITEMAP_SAVE_AS"]
    files["robots.txt"] = robots_txt([base + sitemap_name, base + news_name])

    for name, document in files.items():
        path = Path(pelican.output_path, name)
        # A new file, never written into: the output folder may share its
        # files with the published site (the build's staging tree does).
        path.unlink(missing_ok=True)
        path.write_bytes(document)
