"""Runs Pagefind (the binary shipped by PyPI's ``pagefind[bin]``) over a built site."""

import asyncio
import os
from pathlib import Path

from pagefind.index import PagefindIndex

from .folding import index_form, pages_to_index

BUNDLE_FOLDER = "pagefind"


async def _write_index(output_path: Path, language: str) -> int:
    count = 0
    # Leaving the context writes the bundle to the configured output_path.
    config = {"force_language": language, "output_path": str(output_path / BUNDLE_FOLDER)}
    async with PagefindIndex(config=config) as index:
        for url, html in pages_to_index(output_path):
            await index.add_html_file(content=index_form(html), url=url)
            count += 1
    return count


def index_site(output_path: str | os.PathLike, language: str = "vi") -> int:
    """Write the search bundle into ``output_path/pagefind/``; returns the pages indexed."""
    return asyncio.run(_write_index(Path(output_path).resolve(), language))
