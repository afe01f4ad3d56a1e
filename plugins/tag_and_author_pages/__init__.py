"""Tag and author pages in fixed blocks, like the sections' pages.

Pelican's own tag and author pages number their pages from the newest article,
so each new article shifts every page of its tags and its author. With
``TAG_SAVE_AS`` and ``AUTHOR_SAVE_AS`` empty (Pelican writes none), this plugin
writes them instead: a front page at ``TAG_PAGE_SAVE_AS`` / ``AUTHOR_PAGE_SAVE_AS``
with the newest articles, and archive pages of ``LISTING_PAGE_SIZE`` articles at
``TAG_ARCHIVE_SAVE_AS`` / ``AUTHOR_ARCHIVE_SAVE_AS`` (with ``{number}``, counted
from the oldest article, see ``sections.model.listing_pages``). Links to tags
and authors keep Pelican's ``TAG_URL`` and ``AUTHOR_URL``. ``SETTINGS`` holds
these settings with their defaults. Needs ``sections``, whose listing pages it
reuses.

Pelican walks every article once per tag and per author to write its own pages
(``article in articles`` on lists: 13 s at 20,000 articles), even when it writes
none. Once the articles are read, this plugin hands that walk empty tag and
author lists; the template context keeps the real ones, which are all it uses.
"""

from pelican import signals

from .generator import SETTINGS, TagAndAuthorPagesGenerator

__all__ = ["SETTINGS", "TagAndAuthorPagesGenerator", "register"]

NEEDS = ("sections",)


def get_generators(pelican):
    return TagAndAuthorPagesGenerator


def _pelican_writes_none(settings, kind: str) -> bool:
    feeds = (settings.get(f"{kind}_FEED_{format_}") for format_ in ("ATOM", "RSS"))
    return not settings.get(f"{kind}_SAVE_AS") and not any(feeds)


def skip_pelicans_pages(generator):
    if _pelican_writes_none(generator.settings, "TAG"):
        generator.tags = {}
    if _pelican_writes_none(generator.settings, "AUTHOR"):
        generator.authors = []


def register():
    signals.get_generators.connect(get_generators)
    signals.article_generator_finalized.connect(skip_pelicans_pages)
