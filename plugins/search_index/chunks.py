"""Splits the word index of a Pagefind bundle into chunks of bounded size.

A query downloads, for each of its words, the whole index chunk that holds the
word. Pagefind 1.5.2 closes a chunk once it holds about 20,000 locations, but
counts only the locations of words written without diacritics (Pagefind issue
#1211, fixed by pull request #1316 after 1.5.2). Nearly every Vietnamese word
has diacritics, so a year of 2,000 articles came in a dozen chunks of 100 to
450 KB, whatever a query asked for, and its pairs of words (``folding.with_pairs``)
in two chunks of megabytes. ``split_index`` rewrites the chunks, in Pagefind's
own format, into chunks of at most ``limit`` bytes (the words that start with
one word of the text are not parted, however big), and the metadata that lists
them; Pagefind's script loads them as its own.

The format is Pagefind's internal one: only the versions in ``FORMATS`` are
split, any other stops the build rather than publish an index it cannot read.
"""

import gzip
import hashlib
import json
import re
from itertools import groupby, pairwise
from pathlib import Path

from .folding import word_stem

FORMATS = {"1.5.2"}
# Pagefind's files are gzipped, and this signature opens them once unzipped.
SIGNATURE = b"pagefind_dcd"

_ARRAY = 4
_TEXT = 3
# CBOR heads: an integer of either sign with its bytes, an array's head.
_INTEGER = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39].{2}|[\x1a\x3a].{4}|[\x1b\x3b].{8})"
_ARRAY_HEAD = rb"(?:[\x80-\x97]|\x98.|\x99.{2}|\x9a.{4})"
# A word's pages: [[page, [location, …], [meta location, …]], …]. A year holds
# millions of locations, so each list of pages is measured by one regular
# expression rather than item by item: a run of integers is never followed by
# an integer, and a page is the only array of three that starts with one.
_PAGES = re.compile(
    _ARRAY_HEAD + rb"(?:\x83" + _INTEGER + (_ARRAY_HEAD + _INTEGER + b"*") * 2 + b")*",
    re.DOTALL,
)


def _head(data: bytes, at: int) -> tuple[int, int]:
    """The argument of the CBOR head at ``at`` (a length, a count, a number) and
    the offset after the head."""
    info = data[at] & 31
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _text(data: bytes, at: int) -> tuple[str, int]:
    length, at = _head(data, at)
    return data[at : at + length].decode(), at + length


def _encode_head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    size = 1 if argument < 1 << 8 else 2 if argument < 1 << 16 else 4
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + argument.to_bytes(size, "big")


def _encode_text(text: str) -> bytes:
    encoded = text.encode()
    return _encode_head(_TEXT, len(encoded)) + encoded


def chunk_words(chunk: bytes) -> list[tuple[str, bytes]]:
    """The words of an index chunk (``[[word, …]]``, a word ``[key, pages,
    [[form, pages], …]]``): each word's key and CBOR bytes, in order."""
    _, at = _head(chunk, 0)
    count, at = _head(chunk, at)
    words = []
    for _ in range(count):
        start = at
        _, at = _head(chunk, at)
        key, at = _text(chunk, at)
        at = _PAGES.match(chunk, at).end()
        variants, at = _head(chunk, at)
        for _ in range(variants):
            _, at = _head(chunk, at)
            at = _PAGES.match(chunk, _text(chunk, at)[1]).end()
        words.append((key, chunk[start:at]))
    if at != len(chunk):
        raise ValueError("not an index chunk of Pagefind 1.5")
    return words


def encode_chunk(words: list[tuple[str, bytes]]) -> bytes:
    """The index chunk of ``words`` (key, CBOR bytes), the inverse of ``chunk_words``."""
    return (
        _encode_head(_ARRAY, 1)
        + _encode_head(_ARRAY, len(words))
        + b"".join(encoded for _, encoded in words)
    )


def group_words(words: list[tuple[str, bytes]], limit: int) -> list[list[tuple[str, bytes]]]:
    """``words`` in consecutive runs of at most ``limit`` bytes, except that the
    words that start with one word of the text (``dân``, ``dânǂvận``, ``dânǂǂ``:
    ``folding.word_stem``) stay in one run, however big: Pagefind looks for the
    longer words a query's word starts in the chunk that word falls in only."""
    groups: list[list[tuple[str, bytes]]] = []
    size = limit
    for _, family in groupby(words, key=lambda word: word_stem(word[0])):
        family = list(family)
        family_size = sum(len(data) for _, data in family)
        if size + family_size > limit:
            groups.append([])
            size = 0
        groups[-1].extend(family)
        size += family_size
    return groups


def chunk_ranges(keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``(from, to)`` Pagefind lists for chunks whose first and last words are
    ``keys`` (its ``chunk_meta``): each cut to one character past what it shares
    with the neighbouring chunk's, so that a query asks for the chunk where a
    word would be, or its first characters are."""
    ranges = [list(pair) for pair in keys]
    for left, right in pairwise(ranges):
        shared = 0
        while shared < min(len(left[1]), len(right[0])) and left[1][shared] == right[0][shared]:
            shared += 1
        if left[1][: shared + 1] >= left[0]:
            left[1] = left[1][: shared + 1]
        right[0] = right[0][: shared + 1]
    return [(start, end) for start, end in ranges]


def _read(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return data[len(SIGNATURE) :]


def _name(data: bytes, language: str) -> str:
    """A file's name from its bytes, as Pagefind names them: a changed file gets a
    new address, which no cache can confuse with the old one."""
    return f"{language}_{hashlib.sha1(data).hexdigest()[:12]}"


def _write(path: Path, data: bytes) -> None:
    # Level 4 takes a third of the time of Pagefind's own 6 for 5 % more bytes
    # (a kilobyte a query), and every build splits every bundle it indexes.
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=4, mtime=0))


def split_index(bundle: Path, limit: int) -> None:
    """Rewrite the word index of the Pagefind bundle in ``bundle`` in chunks of at
    most ``limit`` uncompressed bytes, and the metadata that lists them."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if entry["version"] not in FORMATS:
        raise RuntimeError(
            f"Pagefind {entry['version']}: plugins/search_index/chunks.py splits the index "
            f"of Pagefind {', '.join(sorted(FORMATS))} only"
        )
    for language, details in entry["languages"].items():
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = _read(meta_path)
        # [version, [page, …], [chunk, …], filters, sorts, meta fields], a chunk
        # being [from, to, name].
        _, at = _head(meta, 0)
        at = _text(meta, at)[1]
        pages, at = _head(meta, at)
        for _ in range(pages):
            _, at = _head(meta, at)
            at = _head(meta, _text(meta, at)[1])[1]
        chunks_at = at
        count, at = _head(meta, at)
        words = []
        for _ in range(count):
            _, at = _head(meta, at)
            at = _text(meta, _text(meta, at)[1])[1]
            name, at = _text(meta, at)
            chunk_path = bundle / "index" / f"{name}.pf_index"
            words.extend(chunk_words(_read(chunk_path)))
            chunk_path.unlink()

        groups = group_words(words, limit)
        ranges = chunk_ranges([(group[0][0], group[-1][0]) for group in groups])
        listing = _encode_head(_ARRAY, len(groups))
        for group, (start, end) in zip(groups, ranges, strict=True):
            chunk = encode_chunk(group)
            name = _name(chunk, language)
            _write(bundle / "index" / f"{name}.pf_index", chunk)
            listing += _encode_head(_ARRAY, 3) + b"".join(map(_encode_text, (start, end, name)))
        meta = meta[:chunks_at] + listing + meta[at:]
        meta_path.unlink()
        details["hash"] = _name(meta, language)
        _write(bundle / f"pagefind.{details['hash']}.pf_meta", meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
