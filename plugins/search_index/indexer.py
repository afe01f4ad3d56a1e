"""Runs Pagefind (the binary shipped by PyPI's ``pagefind[bin]``) over search records."""

import functools
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from pathlib import Path

from blinker import signal
from pagefind.service import get_executable

from . import folding
from .chunks import split_index

BUNDLE_FOLDER = "pagefind"
# In each bundle: the digest of what it was made from (``articles_digest``).
DIGEST_FILE = "records.sha1"
# What Pagefind writes into every bundle that the search page does not load: its
# ready-made interfaces, its highlighter, and its web worker (the page searches
# without one). About 450 KB a bundle.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)


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


def _start_pagefind(site: Path, bundle: Path, language: str, exclude_selectors, start_program):
    # Pagefind's command, not its Python service: the service answers before its
    # last files are on disk and is then stopped with SIGTERM, which can lose
    # them; the command exits once they are written.
    command = [get_executable(), "--site", site, "--output-path", bundle, "--silent"]
    command += ["--force-language", language]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    return start_program(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_for(pagefind: subprocess.Popen) -> None:
    _, errors = pagefind.communicate()
    if pagefind.returncode:
        raise RuntimeError(f"Pagefind failed ({pagefind.returncode}): {errors.strip()}")


# How a bundle is made of its articles: this package's code and Pagefind's
# version. Changed code, or another Pagefind, makes other bundles.
BUNDLE_CODE = (
    b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
    + importlib.metadata.version("pagefind").encode()
)


def articles_digest(
    articles: Iterable[tuple[str, dict]],
    chunk_bytes: int,
    language: str = "vi",
    exclude: Sequence[str] = (),
) -> str:
    """What a bundle is made from: its articles' URLs and fields (see
    ``index_bundles``), the code and Pagefind that make it, and the settings it
    is made with. Hashing the fields rather than the records spares every build
    making the records of the bundles it does not index."""
    hasher = hashlib.sha1(BUNDLE_CODE + repr((chunk_bytes, language, list(exclude))).encode())
    for url, fields in sorted(articles, key=lambda article: article[0]):
        hasher.update(repr((url, sorted(fields.items()))).encode())
    return hasher.hexdigest()


def index_bundles(
    bundles: dict,
    work: Path,
    published: Path | None,
    chunk_bytes: int,
    language: str = "vi",
    exclude: Sequence[str] = (),
    at_once: int = 1,
    start_program=subprocess.Popen,
    built: Path | None = None,
    describe=None,
) -> tuple[int, list[str]]:
    """Make each bundle of ``bundles`` (folder name → its articles as ``(url,
    fields)``, ``fields`` being the arguments of ``folding.search_record``, or
    as what ``describe`` makes into that) in
    ``work/bundles/<name>``, in index chunks of at most ``chunk_bytes``; returns
    how many articles were indexed anew, and the bundles that ``built`` (the
    index of the folder being built) already holds, which stay where they are.

    A bundle whose digest is that of the one in ``built`` or in the published
    site (``DIGEST_FILE``) is taken as it is: publishing today's article indexes
    the newest bundle only.
    A bundle's records are made only to index it, at most one ahead of what
    Pagefind is indexing: ``at_once`` bundles at a time, each in a process of
    its own, each bundle's index split as soon as Pagefind is done with it.
    The first failure kills every Pagefind, and starts no other one.
    ``start_program`` starts Pagefind (``subprocess.Popen``'s arguments).
    """
    indexed = 0
    kept: list[str] = []
    indexing: list[Future] = []
    pagefinds: set[subprocess.Popen] = set()
    ahead = threading.BoundedSemaphore(at_once + 1)
    starting = threading.Lock()
    stopped = threading.Event()

    def index(bundle: Path, digest: str, site: Path) -> None:
        try:
            with starting:
                if stopped.is_set():
                    return
                pagefind = _start_pagefind(site, bundle, language, exclude, start_program)
                pagefinds.add(pagefind)
            _wait_for(pagefind)
            shutil.rmtree(site)
            for unused in UNUSED_FILES:
                (bundle / unused).unlink(missing_ok=True)
            split_index(bundle, chunk_bytes)
            (bundle / DIGEST_FILE).write_text(digest, encoding="ascii")
        finally:
            ahead.release()

    with ThreadPoolExecutor(at_once) as pool:
        try:
            for name, articles in bundles.items():
                if describe is not None:
                    articles = [*map(describe, articles)]
                digest = articles_digest(articles, chunk_bytes, language, exclude)
                if built is not None and _digest_of(built / name) == digest:
                    kept.append(name)
                    continue
                bundle = work / "bundles" / name
                previous = published / BUNDLE_FOLDER / name if published else None
                if previous and _digest_of(previous) == digest:
                    shutil.copytree(previous, bundle, copy_function=os.link)
                    continue
                ahead.acquire()
                if any(future.done() and future.exception() for future in indexing):
                    break
                site = work / "records" / name
                records = ((url, folding.search_record(**fields)) for url, fields in articles)
                indexed += write_records(records, site)
                indexing.append(pool.submit(index, bundle, digest, site))
            done, _ = wait(indexing, return_when=FIRST_EXCEPTION)
            for future in done:
                future.result()
        except BaseException:
            with starting:
                stopped.set()
                for pagefind in pagefinds:
                    pagefind.kill()
            raise
    return indexed, kept


# Asks where to index: a receiver returns an object whose ``result()`` waits for
# ``task(start_program=…)`` and returns what it returned (``python -m newsroom
# build`` runs it in a process of its own). Without one, a thread indexes.
run_indexing = signal("search_index.run_indexing")
# Sent with the path of each bundle the folder being built already held and
# keeps as it was: the build that asks need not look at its files.
bundle_kept = signal("search_index.bundle_kept")


def _in_a_thread(task) -> Future:
    pool = ThreadPoolExecutor(1)
    future = pool.submit(task, start_program=subprocess.Popen)
    # The pool's thread ends with the task.
    pool.shutdown(wait=False)
    return future


class Indexing:
    """The search bundles (``index_bundles``), made while Pelican renders the pages.

    Where (``run_indexing``) is up to the build, and so is the making of each
    article's fields with ``describe`` (``index_bundles``); the bundles are made in a
    folder of their own, and only ``finish``, in the build, puts them into the
    site: nothing of a failed indexing reaches it.
    """

    def __init__(
        self,
        output_path,
        bundles: dict,
        published: Path | None,
        chunk_bytes,
        language="vi",
        exclude=(),
        at_once=1,
        describe=None,
    ):
        # In the folder being built: a build killed before ``finish`` leaves it
        # there, and the next build starts that folder anew.
        Path(output_path).mkdir(parents=True, exist_ok=True)
        self._work = Path(tempfile.mkdtemp(prefix=".search-index-", dir=output_path))
        self._names = set(bundles)
        task = functools.partial(
            _timed,
            index_bundles,
            bundles,
            self._work,
            published,
            chunk_bytes,
            language,
            exclude,
            at_once,
            built=Path(output_path) / BUNDLE_FOLDER,
            describe=describe,
        )
        answers = [running for _, running in run_indexing.send(task) if running is not None]
        self._running = answers[0] if answers else _in_a_thread(task)

    def finish(self, output_path) -> tuple[int, float, float]:
        """Wait for the bundles, put each new one at ``output_path/pagefind/<name>/``
        and remove the folder they were made in, and the bundles no period has;
        returns how many articles were indexed anew, in how many seconds, and how
        many of them the build waited for after its own work."""
        waiting_since = time.perf_counter()
        try:
            try:
                (indexed, kept), seconds = self._running.result()
            except Exception as error:
                raise RuntimeError(f"Search index: {error}") from None
            waited = time.perf_counter() - waiting_since
            made, index = self._work / "bundles", Path(output_path) / BUNDLE_FOLDER
            if index.is_dir():
                for old in index.iterdir():
                    if old.name not in self._names:
                        _remove(old)
            if made.exists():
                index.mkdir(exist_ok=True)
                for bundle in made.iterdir():
                    # A new folder, never written into: the folder being built
                    # may share its files with the published site.
                    _remove(index / bundle.name)
                    bundle.rename(index / bundle.name)
            for name in kept:
                bundle_kept.send(str(index / name))
            return indexed, seconds, waited
        finally:
            shutil.rmtree(self._work, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _timed(function, *args, **options) -> tuple:
    started = time.perf_counter()
    return function(*args, **options), time.perf_counter() - started


def _digest_of(bundle: Path) -> str | None:
    try:
        return (bundle / DIGEST_FILE).read_text(encoding="ascii")
    except OSError:
        return None
