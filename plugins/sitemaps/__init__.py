"""``sitemap.xml`` of every public page and ``news-sitemap.xml`` for Google News.

The sitemap lists every HTML page the build writes (articles, pages, the home
page, sections and their pagination pages, day and month pages, the archive,
tag and author pages) except ``SITEMAP_EXCLUDE``; articles carry their
``Modified`` (or ``Date``) as ``lastmod``. Past ``SITEMAP_MAX_URLS`` URLs it
becomes an index of ``sitemap-1.xml``, ``sitemap-2.xml``… Drafts and future
articles are never written, so never listed.

The news sitemap holds the articles published in the ``NEWS_SITEMAP_DAYS``
(2) days before the build, newest first, at most ``NEWS_SITEMAP_MAX`` (1,000),
with ``SITENAME`` as publication and ``DEFAULT_LANG`` as language.
``SITEMAP_NOW`` (a datetime; naive means ``TIMEZONE``) stands in for the build
time, for tests.

``robots.txt`` welcomes every crawler and names both sitemaps (when their URLs
are absolute, as the protocol wants).

URLs are under ``SITEURL``: absolute under publishconf.py, root-relative under
``make html``. Reads ``SITEURL``, ``SITENAME``, ``DEFAULT_LANG``, ``TIMEZONE``
and the settings above (all optional; ``SETTINGS`` holds their defaults).
"""

from pelican import signals

from .collect import SETTINGS, collect_page, start_collecting, write_sitemaps

__all__ = ["SETTINGS", "register"]


def register():
    signals.all_generators_finalized.connect(start_collecting)
    signals.content_written.connect(collect_page)
    signals.finalized.connect(write_sitemaps)
