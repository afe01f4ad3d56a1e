"""Full-text search: a Pagefind index of the published articles.

After every build (``finalized``) writes Pagefind's bundle (index, script,
WebAssembly) under ``<OUTPUT_PATH>/pagefind/``, served with the site; the page
``/tim-kiem/`` (a direct template, ``search.html``) queries it in the browser.
Only pages that mark their text with ``data-pagefind-body`` (article pages) are
indexed, so listings, day pages and the home page never turn up as results;
drafts and future articles are never written, so never indexed.

Pagefind folds tones and other accents (``khéo`` is found as ``kheo``) but not
``đ``, which is a letter of its own to Unicode: the index therefore sees ``đ`` as
``d`` plus a combining stroke (see ``folding``), which Pagefind folds like any
accent, and ``theme/static/js/search.js`` writes queries the same way.

Reads ``OUTPUT_PATH`` (the folder Pelican is building into, a staging folder
included), ``DEFAULT_LANG`` (the index's language) and ``SEARCH_EXCLUDE_SELECTORS``
(default none: CSS selectors of article parts to leave out of the index, e.g.
``[".article__body"]`` to search headlines, sapos and tags only, which makes the
index, and what a reader downloads per query, several times smaller).
"""

import logging

from pelican import signals

from .indexer import index_site

log = logging.getLogger(__name__)

__all__ = ["index_site", "register"]


def build_search_index(pelican):
    settings = pelican.settings
    count = index_site(
        pelican.output_path,
        language=settings.get("DEFAULT_LANG", "vi"),
        exclude_selectors=settings.get("SEARCH_EXCLUDE_SELECTORS", ()),
    )
    log.info("Search index: %d articles", count)


def register():
    signals.finalized.connect(build_search_index)
