"""The content index: every article Pelican made, kept between builds.

One SQLite row per article file: the file's stamp (size and modification time),
the stamps of the images it shows, and the article exactly as Pelican's reader
and ``Article`` class made it, every ``content_object_init`` plugin included,
pickled with what the build takes of it first (``prepare``: the digest of what
its page shows, ``pages.fingerprint.read_facts``). A build gives Pelican's articles' generator
the rows whose stamps still hold, through the generator's own cache hooks
(``get_cached_data`` and ``cache_data``, which Pelican calls for every file),
and reads only the other files: publishing one article reads one file, not the
archive. When there are many to read (every file of a cold build, or a batch
of new files), the index reads them first, half of them in a copy of the build
(``newsroom.forking``), as the generator would, and serves them to it as it
serves unchanged ones. It learns which files there are from the generator's
own listing (``get_files``), which it notes.

What every article is made with (the settings, the plugins' and the build's
code, the versions of Pelican, Markdown and nh3) names the database, so a change there starts an
empty index (``newsroom.build.content_caches`` chooses its folder). An article
whose reading logged a warning or an error is never kept: it is read, and its
problem reported, at every build until it is fixed.

The objects every article shares are not pickled with it: the settings and the
generator's context are the build's own, and each category, tag or author is
stored once (``wrappers``), so that loading 20,000 articles builds a few hundred
of them rather than 60,000.
"""

import io
import logging
import os
import pickle
import sqlite3
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.urlwrappers import URLWrapper

from . import forking

# With fewer articles to read than this, reading them ahead on both cores
# costs more than it saves (``ContentIndex._held_rows``).
READ_AHEAD = 300

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (path TEXT PRIMARY KEY, stamps TEXT, article BLOB);
CREATE TABLE IF NOT EXISTS wrappers (key TEXT PRIMARY KEY, wrapper BLOB);
"""


def stamp(path) -> str | None:
    """Which version of the file ``path`` is (any save changes it), or None."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def image_sources(article) -> list[str]:
    """The content paths of the images an article shows (``responsive_images``)."""
    return sorted({image.source for image in getattr(article, "responsive_images", ())})


def wrapper_key(wrapper: URLWrapper) -> str:
    return f"{type(wrapper).__module__}.{type(wrapper).__qualname__}\0{wrapper.name}"


class _Pickler(pickle.Pickler):
    """Pickles the build's settings and context as names (``shared``: id → name)."""

    def __init__(self, file, shared: dict):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = shared

    def persistent_id(self, obj):
        return self._shared.get(id(obj))


class _ArticlePickler(_Pickler):
    """Also pickles each category, tag and author as its key, collected in ``wrappers``."""

    def __init__(self, file, shared: dict, wrappers: dict):
        super().__init__(file, shared)
        self._wrappers = wrappers

    def persistent_id(self, obj):
        if isinstance(obj, URLWrapper):
            key = wrapper_key(obj)
            self._wrappers.setdefault(key, obj)
            return key
        return super().persistent_id(obj)


def _dumps(pickler, value, *args) -> bytes:
    buffer = io.BytesIO()
    pickler(buffer, *args).dump(value)
    return buffer.getvalue()


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, shared: dict):
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, key):
        return self._shared[key]


class _Problems(logging.Handler):
    """Counts warnings and errors: an article read with one is not kept."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class ContentIndex:
    """The index of one content folder, attached to one articles' generator."""

    def __init__(self, path: Path, content: Path, prepare=None):
        """``prepare``, if given, is called on each article just read, before it
        is kept: what it sets on the article is kept with it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.content = content
        self._prepare = prepare
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.executescript(_SCHEMA)
        self._rows = {
            path: (stamps, blob)
            for path, stamps, blob in self._db.execute("SELECT path, stamps, article FROM articles")
        }
        self._indexed = set(self._rows)
        self._holding: dict[str, bytes] | None = None
        self._listed: set[str] | None = None
        # What this build reads goes to the database as it comes, not kept in
        # memory to the end; only ``save``, after a good build, commits it.
        self._db.execute("BEGIN")
        self._seen: set[str] = set()
        self._new_wrappers: dict[str, URLWrapper] = {}
        self._problems = _Problems()
        self._problems_before: dict[str, int] = {}
        self.read: list[str] = []

    def attach(self, generator) -> None:
        """Serve ``generator``'s cache hooks from this index."""
        self._shared = {"settings": generator.settings, "context": generator.context}
        self._shared_ids = {id(value): key for key, value in self._shared.items()}
        for key, blob in self._db.execute("SELECT key, wrapper FROM wrappers"):
            self._shared[key] = _Unpickler(io.BytesIO(blob), self._shared).load()
        self._stored_wrappers = set(self._shared)
        self._generator = generator
        generator.get_cached_data = self.cached_article
        generator.cache_data = self.keep_article
        generator.get_files = self._listing(generator.get_files)
        logging.getLogger().addHandler(self._problems)

    def _stamps(self, path: str, images: list[str], own: str | None = None) -> str | None:
        """The stamps of file ``path`` (relative to the content folder) and of its
        images; ``own``, the file's, if it was just taken."""
        own = own or stamp(os.path.join(self.content, path))
        shown = [f"{image}={stamp(os.path.join(self.content, image))}" for image in images]
        if own is None or any(line.endswith("=None") for line in shown):
            return None
        return "\n".join([own, *shown])

    def _holds(self, path: str, stamps: str) -> bool:
        first, *images = stamps.split("\n")
        own = stamp(os.path.join(self.content, path))
        return first == own and (
            not images
            or stamps == self._stamps(path, [image.split("=", 1)[0] for image in images], own)
        )

    def cached_article(self, path: str, default=None):
        """The article of file ``path`` if its stamps still hold, else ``default``."""
        if self._holding is None:
            self._holding = self._held_rows()
        self._seen.add(path)
        # Each file is asked for once: its blob goes as its article comes, so
        # the build never holds the whole archive twice (pickled and read).
        blob = self._holding.pop(path, None)
        if blob is not None:
            return _Unpickler(io.BytesIO(blob), self._shared).load()
        self._problems_before[path] = self._problems.count
        self.read.append(path)
        return default

    def _listing(self, get_files):
        """``get_files``, noting the article files it lists: the generator asks
        for their cached data once it has the list."""

        def listed(paths, *args, **kwargs):
            files = get_files(paths, *args, **kwargs)
            self._listed = files
            return files

        return listed

    def _held_rows(self) -> dict[str, bytes]:
        """The pickled article of each file whose stamps hold, with those of the
        files to read (changed or new) when there are many, read ahead on both cores."""
        listed = self._listed
        if listed is None:
            settings = self._generator.settings
            listed = self._generator.get_files(
                settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
            )
        holding, changed = {}, set()
        for path, (stamps, blob) in self._rows.items():
            if self._holds(path, stamps):
                holding[path] = blob
            else:
                changed.add(path)
        stale = sorted(path for path in listed if path in changed or path not in self._rows)
        self._rows = {}
        if len(stale) >= READ_AHEAD and forking.splits(len(stale)):
            for rows, wrappers in forking.on_all_cores(self._read_ahead, stale):
                self._take_wrappers(wrappers)
                for row in rows:
                    self._keep(row)
                    holding[row[0]] = row[2]
                    self.read.append(row[0])
        return holding

    def _read_ahead(self, paths: list[str]) -> tuple[list[tuple], dict[str, bytes]]:
        """The rows of ``paths``, read as the articles' generator reads a file (its
        readers, its signals, its ``Article``), and the categories, tags and
        authors they brought, pickled. A file whose reading failed or logged a
        problem has no row: the generator reads it again and reports it."""
        generator = self._generator
        rows, wrappers = [], {}
        root = logging.getLogger()
        handlers, problems = root.handlers[:], _Problems()
        root.handlers[:] = [problems]
        try:
            for path in paths:
                before = problems.count
                try:
                    article = generator.readers.read_file(
                        base_path=generator.path,
                        path=path,
                        content_class=Article,
                        context=generator.context,
                        preread_signal=signals.article_generator_preread,
                        preread_sender=generator,
                        context_signal=signals.article_generator_context,
                        context_sender=generator,
                    )
                except Exception:
                    continue
                valid = isinstance(article, Article) and article.is_valid()
                row = valid and problems.count == before and self._row(path, article, wrappers)
                if row:
                    rows.append(row)
        finally:
            root.handlers[:] = handlers
        return rows, {
            key: _dumps(_Pickler, value, self._shared_ids) for key, value in wrappers.items()
        }

    def _take_wrappers(self, pickled: dict[str, bytes]) -> None:
        for key, blob in pickled.items():
            if key not in self._shared:
                self._shared[key] = _Unpickler(io.BytesIO(blob), self._shared).load()
                self._new_wrappers[key] = self._shared[key]

    def _row(self, path: str, article, wrappers: dict) -> tuple | None:
        """The row of the article read from ``path``, the wrappers it uses kept in
        ``wrappers``; None if a file it stands on is gone."""
        stamps = self._stamps(path, image_sources(article))
        if stamps is None:
            return None
        if self._prepare is not None:
            self._prepare(article)
        return path, stamps, _dumps(_ArticlePickler, article, self._shared_ids, wrappers)

    def keep_article(self, path: str, article) -> None:
        """Keep the article just read from ``path``, unless its reading logged a problem."""
        if self._problems.count != self._problems_before.pop(path, self._problems.count):
            return
        row = self._row(path, article, self._new_wrappers)
        if row is not None:
            self._keep(row)

    def _keep(self, row: tuple) -> None:
        self._db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", row)

    def save(self) -> None:
        """Write what this build read, and forget the files that are gone."""
        logging.getLogger().removeHandler(self._problems)
        with self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO wrappers VALUES (?, ?)",
                [
                    (key, _dumps(_Pickler, wrapper, self._shared_ids))
                    for key, wrapper in self._new_wrappers.items()
                    if key not in self._stored_wrappers
                ],
            )
            self._db.executemany(
                "DELETE FROM articles WHERE path = ?",
                [(path,) for path in self._indexed - self._seen],
            )
        self._db.close()

    def discard(self) -> None:
        """Forget what this build read: it failed, and the process may build again."""
        logging.getLogger().removeHandler(self._problems)
        self._db.rollback()
        self._db.close()
