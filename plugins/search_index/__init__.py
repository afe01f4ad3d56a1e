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
included) and ``DEFAULT_LANG`` (the index's language).
"""

from pelican import signals

from .indexer import index_site

__all__ = ["index_site", "register"]


def build_search_index(pelican):
    index_site(pelican.output_path, language=pelican.settings.get("DEFAULT_LANG", "vi"))


def register():
    signals.finalized.connect(build_search_index)
