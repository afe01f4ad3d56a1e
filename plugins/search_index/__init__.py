"""Full-text search: Pagefind indexes of the published articles, a bundle per period.

As soon as the articles are read (``article_generator_finalized``), one search
record per published article (``folding.search_record``: headline, sapo,
caption, body, byline, keywords, with headline, section and date as metadata)
goes to Pagefind, which indexes it in its own process while Pelican renders the
pages; the build waits for it at the end (``finalized``) and fails if it failed.
Each period of articles (``periods``: a year, or a run of its months when it has
more than ``SEARCH_BUNDLE_ARTICLES``) has its own bundle (index, script,
WebAssembly) under ``<OUTPUT_PATH>/pagefind/<period>/``: the page ``/tim-kiem/``
searches the newest period first and older ones on demand (``search_bundles``,
newest first, in the template context), so a reader's first query downloads one
period's index, and a build re-indexes only the periods whose articles changed:
a period whose records are those of its bundle in ``PUBLISHED_OUTPUT_PATH``
reuses that bundle. Drafts and future articles are not published, so never indexed.

What makes Vietnamese searchable in a small download (``folding``, ``chunks``
and ``theme/static/js/search.js``, which writes queries as the index does):

- Pagefind folds tones and other accents (``khéo`` is found as ``kheo``) but not
  ``đ``, a letter of its own to Unicode: the index writes it ``ḏ``, which folds
  to ``d`` like any accented letter;
- folded syllables are few and common (``da`` is đã, đà, đá… in every article),
  so each word of a phrase is indexed joined to the next one, as one word, a
  pair, and its last word with two marks (``Dânǂvận vậnǂkhéo khéoǂǂ``): a query
  of several words asks for its pairs, whose lists of pages are short, and finds
  its words side by side, while a query of one word finds the words it starts.
  The search page shows each word of an excerpt without its mark;
- a query downloads the whole index chunk of each of its words, and Pagefind
  1.5.2 misjudges the size of chunks whose words have diacritics: ``chunks``
  splits them to ``SEARCH_CHUNK_BYTES``, never parting the words one word starts.

Reads ``OUTPUT_PATH`` (the folder Pelican is building into, a staging folder
included), ``PUBLISHED_OUTPUT_PATH`` (the published site, whose unchanged
bundles are reused; set by ``python -m newsroom build``), ``DEFAULT_LANG`` (the
index's language), ``SEARCH_EXCLUDE_SELECTORS`` (default none: CSS selectors of
record parts to leave out of the index, e.g. ``[".article__body"]`` to search
headlines, sapos and tags only), ``SEARCH_CHUNK_BYTES`` (default
``CHUNK_BYTES``: the most uncompressed bytes of an index chunk) and
``SEARCH_BUNDLE_ARTICLES`` (default ``BUNDLE_ARTICLES``: the most articles of a
bundle, but for a month that has more) and ``SEARCH_PROCESSES`` (default: the
cores this process may run on; how many bundles Pagefind indexes at a time).
``SEARCH_URL`` and ``SEARCH_SAVE_AS`` place the search page (Pelican's direct
template ``search``), which the theme's search form points to. ``SETTINGS``
holds them all with their defaults. Needs ``vietnamese`` (dates) and ``sapo``.
"""

import logging
import os
from pathlib import Path

from pelican import signals

from plugin_check import resolved
from vietnamese.dates import format_datetime

from .folding import has_words, search_record
from .indexer import BUNDLE_FOLDER, Indexing
from .periods import periods

# Uncompressed bytes of an index chunk, about 40 % of that once gzipped: a query
# downloads one chunk per word. Smaller chunks make a longer list of chunks in
# the metadata that every query loads first: at 48 KB, chunks of 15 to 20 KB
# gzipped take a list of a few KB for a year of 2,000 articles.
CHUNK_BYTES = 48_000
# Articles in one bundle at most: Pagefind holds about 300 KB per article while
# it indexes, and publishing re-indexes the newest bundle. A year of a real
# newsroom (10,000 to 15,000 articles) comes in bundles of a month or two.
BUNDLE_ARTICLES = 1_000

SETTINGS = {
    "SEARCH_URL": "tim-kiem/",
    "SEARCH_SAVE_AS": "tim-kiem/index.html",
    "SEARCH_EXCLUDE_SELECTORS": (),
    "SEARCH_CHUNK_BYTES": CHUNK_BYTES,
    "SEARCH_BUNDLE_ARTICLES": BUNDLE_ARTICLES,
    "SEARCH_PROCESSES": None,
    "PUBLISHED_OUTPUT_PATH": None,
}
NEEDS = ("vietnamese", "sapo")

log = logging.getLogger(__name__)

__all__ = ["register", "search_record"]

_running = {}
"""The indexing under way for each output folder, from the first signal to the last."""


def article_fields(article) -> tuple[str, dict]:
    """An article's URL, and what its search record is made of (``search_record``'s
    arguments): the record itself is made only if its bundle is indexed anew."""
    author = getattr(article, "author", None)
    return article.url, {
        "title": article.title,
        "section": article.category.name,
        "date": format_datetime(article.date),
        "sapo": article.sapo,
        # The body as read: Pelican's ``content`` resolves the body's links,
        # and keeps the first answer, before the static files it links to are
        # known at this signal.
        "body_html": article._content or "",
        "caption": getattr(article, "caption", None),
        "author": author.name if author else None,
        "tags": [tag.name for tag in getattr(article, "tags", ())],
    }


def begin_indexing(generator) -> None:
    settings = resolved(generator.settings, SETTINGS)
    limit = settings["SEARCH_BUNDLE_ARTICLES"]
    # A period none of whose articles has a word to search has no index, nor a
    # place on the search page. What the others' articles are made of is taken
    # where they are indexed (``describe``): beside the build, not before it
    # goes on, as it takes a build half a second at 20,000 articles.
    bundles = [
        period
        for period in periods(generator.articles, limit)
        if any(has_words(article_fields(article)[1]) for article in period.articles)
    ]
    generator.context["search_bundles"] = [
        {
            "label": period.label,
            "since": period.since,
            "url": f"{BUNDLE_FOLDER}/{period.name}/pagefind.js",
        }
        for period in bundles
    ]
    published = settings["PUBLISHED_OUTPUT_PATH"]
    _running[generator.output_path] = Indexing(
        generator.output_path,
        {period.name: period.articles for period in bundles},
        Path(published) if published else None,
        settings["SEARCH_CHUNK_BYTES"],
        language=generator.settings["DEFAULT_LANG"],
        exclude=settings["SEARCH_EXCLUDE_SELECTORS"],
        at_once=settings["SEARCH_PROCESSES"] or len(os.sched_getaffinity(0)),
        describe=article_fields,
    )


def finish_indexing(pelican) -> None:
    indexing = _running.pop(pelican.output_path, None)
    if indexing is not None:
        indexed, seconds, waited = indexing.finish(pelican.output_path)
        log.info(
            "Search index: %d articles indexed anew in %.1f s (the build waited %.1f s for it)",
            indexed,
            seconds,
            waited,
        )


def register():
    signals.article_generator_finalized.connect(begin_indexing)
    signals.finalized.connect(finish_indexing)
