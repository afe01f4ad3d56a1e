"""The content index: every article Pelican made, kept between builds.

One SQLite row per article file: the file's stamp (size and modification time),
the stamps of the images it shows, and the article exactly as Pelican's reader
and ``Article`` class made it, every ``content_object_init`` plugin included,
pickled with what the build takes of it first (``prepare``: the digest of what
its page shows, ``pages.fingerprint.read_facts``). A build gives Pelican's articles' generator
the rows whose stamps still hold, through the generator's own cache hooks
(``get_cached_data`` and ``cache_data``, which Pelican calls for every file),
and reads only the other files: publishing one article reads one file, not the
archive.

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

from pelican.urlwrappers import URLWrapper

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
        generator.get_cached_data = self.cached_article
        generator.cache_data = self.keep_article
        logging.getLogger().addHandler(self._problems)

    def _stamps(self, path: str, images: list[str], own: str | None = None) -> str | None:
        """The stamps of file ``path`` (relative to the content folder) and of its
        images; ``own``, the file's, if it was just taken."""
        own = own or stamp(os.path.join(self.content, path))
        shown = [f"{image}={stamp(os.path.join(self.content, image))}" for image in images]
        if own is None or any(line.endswith("=None") for line in shown):
            return None
        return "\n".join([own, *shown])

    def cached_article(self, path: str, default=None):
        """The article of file ``path`` if its stamps still hold, else ``default``."""
        self._seen.add(path)
        # Each file is asked for once: its blob goes as its article comes, so
        # the build never holds the whole archive twice (pickled and read).
        stamps, blob = self._rows.pop(path, ("", b""))
        first, *images = stamps.split("\n")
        own = stamp(os.path.join(self.content, path))
        if first == own and (
            not images
            or stamps == self._stamps(path, [image.split("=", 1)[0] for image in images], own)
        ):
            return _Unpickler(io.BytesIO(blob), self._shared).load()
        self._problems_before[path] = self._problems.count
        self.read.append(path)
        return default

    def keep_article(self, path: str, article) -> None:
        """Keep the article just read from ``path``, unless its reading logged a problem."""
        if self._problems.count != self._problems_before.pop(path, self._problems.count):
            return
        stamps = self._stamps(path, image_sources(article))
        if stamps is not None:
            if self._prepare is not None:
                self._prepare(article)
            blob = _dumps(_ArticlePickler, article, self._shared_ids, self._new_wrappers)
            row = (path, stamps, blob)
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
                    if key not in self._shared
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
