"""Full-text search: Pagefind indexes of the published articles, one per year.

As soon as the articles are read (``article_generator_finalized``), one search
record per published article (``folding.search_record``: headline, sapo,
caption, body, byline, keywords, with section and date as metadata) goes to
Pagefind, which indexes it in its own process while Pelican renders the pages;
the build waits for it at the end (``finalized``) and fails if it failed.
Each year of articles has its own bundle (index, script, WebAssembly) under
``<OUTPUT_PATH>/pagefind/<year>/``: the page ``/tim-kiem/`` searches the newest
year first and older years on demand (``search_bundles``, newest first, in the
template context), so a reader's first query downloads one year's index, and a
build re-indexes only the years whose articles changed: a year whose records
are those of its bundle in ``PUBLISHED_OUTPUT_PATH`` reuses that bundle.
Drafts and future articles are not published, so never indexed.

Pagefind folds tones and other accents (``khéo`` is found as ``kheo``) but not
``đ``, which is a letter of its own to Unicode: the index therefore writes it
``ḏ`` (see ``folding``), which Pagefind folds to ``d`` like any accented letter,
and ``theme/static/js/search.js`` writes queries the same way.

Reads ``OUTPUT_PATH`` (the folder Pelican is building into, a staging folder
included), ``PUBLISHED_OUTPUT_PATH`` (the published site, whose unchanged years
are reused; set by ``python -m newsroom build``), ``DEFAULT_LANG`` (the index's
language) and ``SEARCH_EXCLUDE_SELECTORS`` (default none: CSS selectors of
record parts to leave out of the index, e.g. ``[".article__body"]`` to search
headlines, sapos and tags only).
"""

import logging
from pathlib import Path

from pelican import signals

from vietnamese.dates import format_datetime

from .folding import articles_by_year, has_words, search_record
from .indexer import BUNDLE_FOLDER, Indexing

log = logging.getLogger(__name__)

__all__ = ["register", "search_record"]

_running = {}
"""The indexing under way for each output folder, from the first signal to the last."""


def article_fields(article) -> tuple[str, dict]:
    """An article's URL, and what its search record is made of (``search_record``'s
    arguments): the record itself is made only if its year is indexed anew."""
    author = getattr(article, "author", None)
    return article.url, {
        "title": article.title,
        "section": article.category.name,
        "date": format_datetime(article.date),
        "sapo": article.sapo,
        "body_html": article._content or "",
        "caption": getattr(article, "caption", None),
        "author": author.name if author else None,
        "tags": [tag.name for tag in getattr(article, "tags", ())],
    }


def begin_indexing(generator) -> None:
    settings = generator.settings
    # A year none of whose articles has a word to search has no index, nor a
    # place on the search page.
    by_year = {
        year: articles
        for year, articles in articles_by_year(generator.articles, article_fields).items()
        if any(has_words(fields) for _, fields in articles)
    }
    generator.context["search_bundles"] = [
        {"year": year, "url": f"{BUNDLE_FOLDER}/{year}/pagefind.js"} for year in by_year
    ]
    published = settings.get("PUBLISHED_OUTPUT_PATH")
    _running[generator.output_path] = Indexing(
        by_year,
        Path(published) if published else None,
        language=settings.get("DEFAULT_LANG", "vi"),
        exclude=settings.get("SEARCH_EXCLUDE_SELECTORS", ()),
    )


def finish_indexing(pelican) -> None:
    indexing = _running.pop(pelican.output_path, None)
    if indexing is not None:
        log.info("Search index: %d articles indexed anew", indexing.finish(pelican.output_path))


def register():
    signals.article_generator_finalized.connect(begin_indexing)
    signals.finalized.connect(finish_indexing)
