"""Tag and author pages in fixed blocks, like the sections' pages.

Pelican's own tag and author pages number their pages from the newest article,
so each new article shifts every page of its tags and its author. With
``TAG_SAVE_AS`` and ``AUTHOR_SAVE_AS`` empty (Pelican writes none), this plugin
writes them instead: a front page at ``TAG_PAGE_SAVE_AS`` / ``AUTHOR_PAGE_SAVE_AS``
with the newest articles, and archive pages of ``LISTING_PAGE_SIZE`` articles at
``TAG_ARCHIVE_SAVE_AS`` / ``AUTHOR_ARCHIVE_SAVE_AS`` (with ``{number}``, counted
from the oldest article, see ``sections.model.listing_pages``). Links to tags
and authors keep Pelican's ``TAG_URL`` and ``AUTHOR_URL``.
"""

from pelican import signals

from .generator import TagAndAuthorPagesGenerator

__all__ = ["TagAndAuthorPagesGenerator", "register"]


def get_generators(pelican):
    return TagAndAuthorPagesGenerator


def register():
    signals.get_generators.connect(get_generators)
