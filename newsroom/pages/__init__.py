"""Reuse unchanged pages: publishing one article does not render the world again.

When the build writes into a staging folder beside the published site (as
``python -m newsroom build`` does, setting ``PUBLISHED_OUTPUT_PATH``), every
page whose inputs are unchanged since the published build (the same article,
the same Các tin khác, the same day's articles, with the same templates,
plugins and settings) is hard-linked from the published site instead of being
rendered again. A manifest in ``CACHE_PATH`` records, per page, the digest of
its inputs and the stamp of the file written (inode, size, modification time);
a page is reused only if both match.

``newsroom.build`` connects a ``PageReuse``'s ``find_articles`` to Pelican's
``all_generators_finalized``, its ``choose_writer`` to ``get_writer`` and its
``save_manifest`` to ``finalized`` for each of its runs. On a site of
``MIN_ARTICLES_TO_FORK`` articles or more, with more than one core, the article
pages are written by an ``ArticleProcess`` meanwhile.

Reads ``PUBLISHED_OUTPUT_PATH`` (without it, nothing is reused), ``CACHE_PATH``,
``THEME`` and ``PLUGIN_PATHS`` (their files are part of every page's inputs),
and every other setting (likewise).
"""

import functools
import hashlib
import importlib.metadata
import json
from pathlib import Path

from pelican.generators import ArticlesGenerator

from .article_process import ArticleProcess, worth_forking, write_article_pages
from .fingerprint import read_facts
from .writer import Manifest, ReusingWriter

__all__ = ["PageReuse", "read_facts", "site_digest"]


def site_digest(settings: dict) -> str:
    """What every page depends on: the templates, the plugins' code, the settings."""
    hasher = hashlib.sha1()
    for folder in (Path(settings["THEME"]), *map(Path, settings["PLUGIN_PATHS"])):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".py", ".js", ".css"}:
                hasher.update(str(path).encode())
                hasher.update(path.read_bytes())
    volatile = {"OUTPUT_PATH", "PUBLISHED_OUTPUT_PATH", "CACHE_PATH"}
    shown = {key: value for key, value in settings.items() if key not in volatile}
    hasher.update(
        json.dumps(shown, sort_keys=True, default=lambda value: type(value).__name__).encode()
    )
    for package in ("pelican", "jinja2", "markdown"):
        hasher.update(importlib.metadata.version(package).encode())
    return hasher.hexdigest()


def manifest_path(settings: dict) -> Path:
    key = hashlib.sha1(str(settings["PUBLISHED_OUTPUT_PATH"]).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / f"pages-{key}.json"


class PageReuse:
    """The reuse of unchanged pages in one Pelican run: ``find_articles`` answers
    Pelican's ``all_generators_finalized``, ``choose_writer`` its ``get_writer``,
    ``save_manifest`` its ``finalized``; ``unchanged`` is then what
    ``Manifest.unchanged`` found."""

    def __init__(self):
        self.manifest: Manifest | None = None
        self.unchanged: frozenset[str] = frozenset()
        self._articles: ArticlesGenerator | None = None

    def find_articles(self, generators) -> None:
        self._articles = next(
            (generator for generator in generators if isinstance(generator, ArticlesGenerator)),
            None,
        )

    def choose_writer(self, pelican):
        settings = pelican.settings
        if not settings.get("PUBLISHED_OUTPUT_PATH"):
            return None
        self.manifest = Manifest(manifest_path(settings))

        class Writer(ReusingWriter):
            pass

        Writer.published = Path(settings["PUBLISHED_OUTPUT_PATH"])
        Writer.manifest = self.manifest
        Writer.site_digest = site_digest(settings)
        generator = self._articles
        if generator is not None and worth_forking(len(generator.articles)):
            write_pages = functools.partial(write_article_pages, generator, Writer, pelican)
            # The copy writes with ``Writer`` as it is here, and never returns.
            self.manifest.article_process = ArticleProcess(pelican.output_path, write_pages)
            Writer.article_pages_elsewhere = True
        return Writer

    def save_manifest(self, pelican) -> None:
        if self.manifest is not None:
            self.manifest.save()
            self.unchanged = self.manifest.unchanged()
            self.manifest = None
