"""Sections (chuyên mục): the site's fixed list of categories.

Every article's ``Category`` must be one of ``SECTIONS`` (a list of
``(name, slug)`` in menu order, matched regardless of capitals); its category
then carries the configured name and slug.

Writes one page per section at ``SECTION_SAVE_AS``, even for a section without
articles yet, and archive pages of ``SECTION_PAGE_SIZE`` articles at
``SECTION_PAGE_SAVE_AS``, in fixed blocks numbered from the oldest article, so
that publishing an article changes the front page and never an older page.
Puts ``sections`` (menu order, each with its ``articles`` newest first, its
``lead`` and ``headlines``: the ``HOME_ARTICLES_PER_SECTION`` newest) into the
template context for the menu and the home page.

Pelican keeps, for its category pages, a walk over every article per category
that asks ``article in articles`` of a list (quadratic: seconds at 20,000
articles) even with ``CATEGORY_SAVE_AS`` empty. Its lists, which its section
feeds need, become ``ArticleList``: the same list, whose ``in`` looks up a set.

Reads ``SECTIONS``, ``SECTION_URL``, ``SECTION_SAVE_AS``, ``SECTION_PAGE_SIZE``,
``SECTION_PAGE_URL``, ``SECTION_PAGE_SAVE_AS``, ``HOME_ARTICLES_PER_SECTION``
(``SETTINGS``, with their defaults). Needs ``vietnamese``: a category is matched
once its name is NFC.
"""

from pelican import signals

from .generator import SETTINGS, SectionsGenerator, UnknownSectionError, assign_section
from .model import ArticleList

__all__ = ["SETTINGS", "SectionsGenerator", "UnknownSectionError", "register"]

NEEDS = ("vietnamese",)


def index_category_lists(generator) -> None:
    # In place: the template context holds this same list.
    generator.categories[:] = [
        (category, ArticleList(articles)) for category, articles in generator.categories
    ]


def get_generators(pelican):
    return SectionsGenerator


def register():
    signals.content_object_init.connect(assign_section)
    signals.get_generators.connect(get_generators)
    signals.article_generator_finalized.connect(index_category_lists)
