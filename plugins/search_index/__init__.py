"""Full-text search: a Pagefind index of the published articles.

As soon as the articles are read (``article_generator_finalized``), one search
record per published article (``folding.search_record``: headline, sapo,
caption, body, byline, keywords, with section and date as metadata) goes to
Pagefind, which indexes it in its own process while Pelican renders the pages;
the build waits for it at the end (``finalized``) and fails if it failed. The
bundle (index, script, WebAssembly) is written under ``<OUTPUT_PATH>/pagefind/``
and served with the site; the page ``/tim-kiem/`` (a direct template,
``search.html``) queries it in the browser. Drafts and future articles are not
published, so never indexed.

Pagefind folds tones and other accents (``khéo`` is found as ``kheo``) but not
``đ``, which is a letter of its own to Unicode: the index therefore sees ``đ`` as
``d`` plus a combining stroke (see ``folding``), which Pagefind folds like any
accent, and ``theme/static/js/search.js`` writes queries the same way.

Reads ``OUTPUT_PATH`` (the folder Pelican is building into, a staging folder
included), ``DEFAULT_LANG`` (the index's language) and ``SEARCH_EXCLUDE_SELECTORS``
(default none: CSS selectors of record parts to leave out of the index, e.g.
``[".article__body"]`` to search headlines, sapos and tags only, which makes the
index, and what a reader downloads per query, several times smaller).
"""

import logging

from pelican import signals

from vietnamese.dates import format_datetime

from .folding import search_record
from .indexer import Indexing

log = logging.getLogger(__name__)

__all__ = ["register", "search_record"]

_running = {}
"""The indexing under way for each output folder, from the first signal to the last."""


def article_record(article) -> tuple[str, str]:
    author = getattr(article, "author", None)
    return article.url, search_record(
        title=article.title,
        section=article.category.name,
        date=format_datetime(article.date),
        sapo=article.sapo,
        body_html=article._content or "",
        caption=getattr(article, "caption", None),
        author=author.name if author else None,
        tags=[tag.name for tag in getattr(article, "tags", ())],
    )


def begin_indexing(generator) -> None:
    settings = generator.settings
    _running[generator.output_path] = Indexing(
        [article_record(article) for article in generator.articles],
        language=settings.get("DEFAULT_LANG", "vi"),
        exclude_selectors=settings.get("SEARCH_EXCLUDE_SELECTORS", ()),
    )


def finish_indexing(pelican) -> None:
    indexing = _running.pop(pelican.output_path, None)
    if indexing is not None:
        log.info("Search index: %d articles", indexing.finish(pelican.output_path))


def register():
    signals.article_generator_finalized.connect(begin_indexing)
    signals.finalized.connect(finish_indexing)
