"""Runs Pagefind (the binary shipped by PyPI's ``pagefind[bin]``) over a built site."""

import asyncio
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import PagefindIndex

from .folding import index_form, pages_to_index

BUNDLE_FOLDER = "pagefind"


def write_index_copies(output_path: Path, folder: Path) -> int:
    """Copy the pages to index from ``output_path`` into ``folder`` in their index form.

    The copies keep their relative paths, so Pagefind gives results the pages' URLs.
    """
    count = 0
    for url, html in pages_to_index(output_path):
        copy = folder / url.strip("/") / "index.html" if url.endswith("/") else folder / url[1:]
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(index_form(html), encoding="utf-8")
        count += 1
    return count


async def _run_pagefind(site: Path, bundle: Path, config: dict) -> None:
    # One request for the whole folder: the Python service answers one message per
    # tenth of a second, far too slow to send tens of thousands of pages one by one.
    # Leaving the context writes the bundle to the configured output_path.
    async with PagefindIndex(config={**config, "output_path": str(bundle)}) as index:
        await index.add_directory(str(site))


def index_site(
    output_path: str | os.PathLike, language: str = "vi", exclude_selectors: Sequence[str] = ()
) -> int:
    """Write the search bundle into ``output_path/pagefind/``; returns the pages indexed."""
    output_path = Path(output_path).resolve()
    config = {"force_language": language, "exclude_selectors": list(exclude_selectors)}
    with tempfile.TemporaryDirectory(prefix="search-index-") as folder:
        count = write_index_copies(output_path, Path(folder))
        # A thread of its own: Pelican may be run from code that already has an
        # event loop running in this thread (asyncio.run refuses to nest).
        with ThreadPoolExecutor(max_workers=1) as executor:
            bundle = output_path / BUNDLE_FOLDER
            executor.submit(asyncio.run, _run_pagefind(Path(folder), bundle, config)).result()
    return count
