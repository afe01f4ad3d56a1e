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

Reads ``SECTIONS``, ``SECTION_URL``, ``SECTION_SAVE_AS``, ``SECTION_PAGE_SIZE``,
``SECTION_PAGE_URL``, ``SECTION_PAGE_SAVE_AS``, ``HOME_ARTICLES_PER_SECTION``.
"""

from pelican import signals

from .generator import SectionsGenerator, UnknownSectionError, assign_section

__all__ = ["SectionsGenerator", "UnknownSectionError", "register"]


def get_generators(pelican):
    return SectionsGenerator


def register():
    signals.content_object_init.connect(assign_section)
    signals.get_generators.connect(get_generators)
