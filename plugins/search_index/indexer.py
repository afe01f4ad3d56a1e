"""Runs Pagefind (the binary shipped by PyPI's ``pagefind[bin]``) over search records."""

import asyncio
import shutil
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from pagefind.index import PagefindIndex

BUNDLE_FOLDER = "pagefind"


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


async def _run_pagefind(site: Path, bundle: Path, config: dict) -> None:
    # One request for the whole folder: the Python service answers one message per
    # tenth of a second, far too slow to send tens of thousands of pages one by one.
    # Leaving the context writes the bundle to the configured output_path.
    async with PagefindIndex(config={**config, "output_path": str(bundle)}) as index:
        await index.add_directory(str(site))


def index_records(
    records: Sequence[tuple[str, str]],
    folder: Path,
    bundle: Path,
    language: str = "vi",
    exclude_selectors: Sequence[str] = (),
) -> int:
    """Index ``records`` (written under ``folder``) into the bundle folder ``bundle``."""
    config = {"force_language": language, "exclude_selectors": list(exclude_selectors)}
    count = write_records(records, folder)
    asyncio.run(_run_pagefind(folder, bundle, config))
    return count


class Indexing:
    """``index_records`` in a thread of its own, while the build goes on.

    Pagefind works in its own process, so it runs on the second core while
    Pelican renders; the thread has its own event loop, which ``asyncio.run``
    needs when the build runs from code that has one. Everything is written in a
    temporary folder: a build that is stopped leaves nothing behind, and only
    ``finish`` puts the bundle into the site.
    """

    def __init__(self, records, language="vi", exclude_selectors=()):
        self._folder = tempfile.TemporaryDirectory(prefix="search-index-")
        work = Path(self._folder.name)
        self._bundle = work / BUNDLE_FOLDER
        self._outcome: dict = {}
        arguments = (records, work / "records", self._bundle, language, exclude_selectors)
        self._thread = threading.Thread(
            target=self._run, args=arguments, name="search-index", daemon=True
        )
        self._thread.start()

    def _run(self, *arguments) -> None:
        try:
            self._outcome["count"] = index_records(*arguments)
        except Exception as error:
            self._outcome["error"] = error

    def finish(self, output_path) -> int:
        """Wait for the index, move it to ``output_path/pagefind/``; the number of articles."""
        self._thread.join()
        try:
            if "error" in self._outcome:
                raise self._outcome["error"]
            shutil.move(self._bundle, Path(output_path) / BUNDLE_FOLDER)
            return self._outcome["count"]
        finally:
            self._folder.cleanup()
