"""Atom and RSS feeds of the whole site and of each section.

Pelican writes the feeds (``FEED_ALL_ATOM``, ``FEED_ALL_RSS``,
``CATEGORY_FEED_ATOM``, ``CATEGORY_FEED_RSS``; entries newest first, full
content, ``updated`` from ``Modified``, absolute links from ``FEED_DOMAIN``).
This plugin makes every entry's summary the article's sapo (``article.sapo``,
set by plugins/sapo) and marks the feeds Vietnamese, and adds the Jinja global
``feed_links(section)``: the ``<link rel="alternate">`` targets of a page —
the site's feeds, and its section's when that section has published articles
(Pelican writes no feed for a section without any).
Reads ``FEED_ALL_ATOM``, ``FEED_ALL_RSS``, ``CATEGORY_FEED_ATOM``,
``CATEGORY_FEED_RSS``, ``FEED_DOMAIN``, ``SITEURL``, ``SITENAME``,
``DEFAULT_LANG``. Needs ``sapo`` (each entry's summary).
"""

from jinja2 import pass_context
from pelican import signals

from .links import feed_links, replace_summaries, sapos_of, url_path

SITE_FEEDS = {"atom": "FEED_ALL_ATOM", "rss": "FEED_ALL_RSS"}
SECTION_FEEDS = {"atom": "CATEGORY_FEED_ATOM", "rss": "CATEGORY_FEED_RSS"}


@pass_context
def page_feed_links(context, section=None):
    published = {category.slug for category, _ in context.get("categories", [])}
    return feed_links(
        context.get("FEED_DOMAIN") or context.get("SITEURL", ""),
        context["SITENAME"],
        {kind: context.get(key) for kind, key in SITE_FEEDS.items()},
        {kind: context.get(key) for kind, key in SECTION_FEEDS.items()},
        section if section is not None and section.slug in published else None,
    )


SETTINGS: dict = {}
NEEDS = ("sapo",)


def add_globals(generator):
    generator.env.globals["feed_links"] = page_feed_links


def use_sapo(context, feed):
    siteurl = context.get("SITEURL", "")
    urls = [url_path(item["link"], siteurl) for item in feed.items]
    replace_summaries(feed.items, sapos_of(context.get("articles", []), urls), siteurl)
    feed.feed["language"] = context.get("DEFAULT_LANG")


def register():
    signals.generator_init.connect(add_globals)
    signals.feed_generated.connect(use_sapo)
