"""Brotli and gzip copies beside every text file of a published build.

A web server that has them (nginx's ``brotli_static`` and ``gzip_static``)
sends the copy a reader's browser asks for without compressing anything per
request, and at Brotli's highest quality, which is too slow to run per request.
``make publish`` writes them (``PRECOMPRESS = True`` in publishconf.py);
``make html``, the local preview, does not.

A file whose bytes the published tree already holds, with its copies, takes
those copies (hard links): publishing one article compresses the files it
changed, not the site. Both compressions are deterministic (gzip without a
time or a name), so an incremental build equals a cold one byte for byte.
"""

import gzip
import os
from collections.abc import Iterable

import brotli

from . import forking
from .output import keep_if_same, same_file

# What a browser receives as text: pages, styles, scripts, feeds, sitemaps,
# search data, robots.txt. Images and Pagefind's own bundles are compressed
# already.
SUFFIXES = (".html", ".css", ".js", ".xml", ".json", ".svg", ".txt")
ENCODINGS = {
    ".br": lambda data: brotli.compress(data, mode=brotli.MODE_TEXT, quality=11),
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}


def compressible(files: Iterable[str]) -> list[str]:
    return sorted(name for name in files if name.endswith(SUFFIXES))


def precompress(staging: str, published: str, files: Iterable[str]) -> int:
    """Write ``NAME.br`` and ``NAME.gz`` beside each of ``files`` (relative to
    ``staging``) that ``compressible`` keeps, on both cores of the machine
    (``forking.on_all_cores``). Returns how many were compressed rather than
    taken from ``published``."""
    return sum(forking.on_all_cores(compress_files, compressible(files), staging, published))


def compress_files(names: list[str], staging: str, published: str) -> int:
    compressed = 0
    for name in names:
        source, old = os.path.join(staging, name), os.path.join(published, name)
        # The same bytes as the published file: the staged one becomes it (so
        # the swap does not compare them again), and takes its copies.
        if keep_if_same(old, source) and _take_copies(old, source):
            continue
        with open(source, "rb") as file:
            data = file.read()
        for suffix, encode in ENCODINGS.items():
            _replace(source + suffix, encode(data))
        compressed += 1
    return compressed


def _take_copies(old: str, new: str) -> bool:
    """Put the published file's copies beside ``new``; False if it has not both."""
    if not all(os.path.isfile(old + suffix) for suffix in ENCODINGS):
        return False
    for suffix in ENCODINGS:
        if not same_file(old + suffix, new + suffix):
            temporary = f"{new}{suffix}.kept"
            os.link(old + suffix, temporary)
            os.replace(temporary, new + suffix)
    return True


def _replace(path: str, data: bytes) -> None:
    # Never written in place: a copy already in the staging tree may be a link
    # to the published one (an unchanged search bundle is), which readers see.
    temporary = f"{path}.new"
    with open(temporary, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
