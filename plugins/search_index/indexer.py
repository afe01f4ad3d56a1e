"""Runs Pagefind (the binary shipped by PyPI's ``pagefind[bin]``) over search records."""

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from pagefind.service import get_executable

from . import folding
from .chunks import split_index

BUNDLE_FOLDER = "pagefind"
# In each year's bundle: the digest of what it was made from (``articles_digest``).
DIGEST_FILE = "records.sha1"


def write_records(records: Iterable[tuple[str, str]], folder: Path) -> int:
    """Write ``(url, html)`` records as ``folder/<url>/index.html``, so Pagefind
    gives each result its article's URL."""
    count = 0
    for url, html in records:
        page = folder / url.strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(html, encoding="utf-8")
        count += 1
    return count


def _run_pagefind(site: Path, bundle: Path, language: str, exclude_selectors) -> None:
    # Pagefind's command, not its Python service: the service answers before its
    # last files are on disk and is then stopped with SIGTERM, which can lose
    # them; the command exits once they are written.
    command = [get_executable(), "--site", site, "--output-path", bundle, "--silent"]
    command += ["--force-language", language]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    ran = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if ran.returncode:
        raise RuntimeError(f"Pagefind failed ({ran.returncode}): {ran.stderr.strip()}")


def index_records(
    records: Sequence[tuple[str, str]],
    folder: Path,
    bundle: Path,
    chunk_bytes: int,
    language: str = "vi",
    exclude_selectors: Sequence[str] = (),
) -> int:
    """Index ``records`` (written under ``folder``) into the bundle folder ``bundle``,
    in index chunks of at most ``chunk_bytes``."""
    count = write_records(records, folder)
    _run_pagefind(folder, bundle, language, exclude_selectors)
    split_index(bundle, chunk_bytes)
    return count


# How a record is made of an article's fields: changed code makes other records.
FOLDING_CODE = Path(folding.__file__).read_bytes()


def articles_digest(articles: Iterable[tuple[str, dict]], chunk_bytes: int) -> str:
    """What a bundle is made from: its articles' URLs and fields (see ``Indexing``),
    the code that makes them records, and the size of its chunks. Hashing the
    fields rather than the records spares every build making the records of
    years it does not index."""
    hasher = hashlib.sha1(FOLDING_CODE + str(chunk_bytes).encode())
    for url, fields in sorted(articles, key=lambda article: article[0]):
        hasher.update(repr((url, sorted(fields.items()))).encode())
    return hasher.hexdigest()


class Indexing:
    """One Pagefind bundle per period of articles, made in a thread of its own.

    ``bundles`` maps each bundle's folder name to its articles, as ``(url,
    fields)``, ``fields`` being the arguments of ``folding.search_record``: the
    thread makes a bundle's records only to index it, so that one bundle's at
    most are held in memory. Pagefind works in its own process, so it runs on
    the second core while Pelican renders. A bundle whose digest is that of the
    published one (``DIGEST_FILE``) is taken as it is: publishing today's
    article indexes the newest bundle only. Everything is made in a temporary folder: a stopped
    build leaves nothing behind, and only ``finish`` puts the bundles into the site.
    """

    def __init__(
        self, bundles: dict, published: Path | None, chunk_bytes, language="vi", exclude=()
    ):
        # A build that fails exits with this thread still writing here: the
        # clean-up at exit must not trip over it.
        self._folder = tempfile.TemporaryDirectory(
            prefix="search-index-", ignore_cleanup_errors=True
        )
        self._work = Path(self._folder.name)
        self._outcome: dict = {}
        arguments = (bundles, published, chunk_bytes, language, exclude)
        self._thread = threading.Thread(
            target=self._run, args=arguments, name="search-index", daemon=True
        )
        self._thread.start()

    def _run(self, bundles, published, chunk_bytes, language, exclude) -> None:
        started = time.perf_counter()
        try:
            indexed = 0
            for name, articles in bundles.items():
                digest = articles_digest(articles, chunk_bytes)
                bundle = self._work / "bundles" / name
                previous = published / BUNDLE_FOLDER / name if published else None
                if previous and _digest_of(previous) == digest:
                    shutil.copytree(previous, bundle, copy_function=os.link)
                    continue
                records = [(url, folding.search_record(**fields)) for url, fields in articles]
                work = self._work / "records" / name
                indexed += index_records(records, work, bundle, chunk_bytes, language, exclude)
                (bundle / DIGEST_FILE).write_text(digest, encoding="ascii")
            self._outcome["indexed"] = indexed
        except Exception as error:
            self._outcome["error"] = error
        self._outcome["seconds"] = time.perf_counter() - started

    def finish(self, output_path) -> tuple[int, float, float]:
        """Wait for the bundles, move them to ``output_path/pagefind/<name>/``;
        returns how many articles were indexed anew, in how many seconds, and how
        many of them the build waited for after its own work."""
        waiting_since = time.perf_counter()
        self._thread.join()
        waited = time.perf_counter() - waiting_since
        try:
            if "error" in self._outcome:
                raise self._outcome["error"]
            bundles = self._work / "bundles"
            if bundles.exists():
                shutil.move(bundles, Path(output_path) / BUNDLE_FOLDER)
            return self._outcome["indexed"], self._outcome["seconds"], waited
        finally:
            self._folder.cleanup()


def _digest_of(bundle: Path) -> str | None:
    try:
        return (bundle / DIGEST_FILE).read_text(encoding="ascii")
    except OSError:
        return None
