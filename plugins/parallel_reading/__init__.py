"""Reads the articles' Markdown on every core before Pelican asks for them.

Pelican reads one file after another, on one core. As soon as the articles'
generator exists (``article_generator_init``), the files that its reader cache
cannot answer (see ``newsroom.build.reader_cache``: on for every build) are read
by forked worker processes, one per core, and what each file gave (the body's
HTML and the header, exactly what Pelican caches) goes into that cache: Pelican
then finds every article there. A file that fails, or logs anything, in a
worker is left out, so that Pelican reads it again itself and reports it as
usual. Without the reader cache (``CONTENT_CACHING_LAYER = "reader"`` and
``CACHE_CONTENT``) this plugin does nothing.

Settings: ``READING_PROCESSES`` (default: the cores this process may run on;
1 turns parallel reading off), and Pelican's ``ARTICLE_PATHS`` and
``ARTICLE_EXCLUDES``.
"""

import os

from pelican import signals

from .workers import read_in_workers, worth_forking


def read_articles_ahead(generator) -> None:
    readers, settings = generator.readers, generator.settings
    if not (settings["CACHE_CONTENT"] and settings["CONTENT_CACHING_LAYER"] == "reader"):
        return
    processes = settings.get("READING_PROCESSES") or len(os.sched_getaffinity(0))
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    paths = [os.path.abspath(os.path.join(generator.path, name)) for name in files]
    unread = [path for path in paths if readers.get_cached_data(path) is None]
    if not worth_forking(len(unread), processes):
        return
    for path, data in read_in_workers(readers, unread, processes):
        readers.cache_data(path, data)


def register():
    signals.article_generator_init.connect(read_articles_ahead)
