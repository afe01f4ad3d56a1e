"""Article bodies that run nothing and load nothing from elsewhere.

Every Markdown file is read by ``SafeMarkdownReader``, Pelican's Markdown
reader whose HTML (the body, and the ``FORMATTED_FIELDS`` such as ``Summary``)
is sanitised with nh3 (Ammonia) by ``policy.sanitize``: a news article's tags
and attributes only, links to ``http:``, ``https:``, ``mailto:``, ``tel:`` or
within the site, images from the site itself, no ``<script>``, ``<style>``,
frame, event handler or inline style. Pages, feeds and the search index are
made from that HTML.

What was removed is kept in the file's metadata (``safe_html_removals``) and
logged as an error with its ``file:line`` at every build that reads the file: the
content check of ``python -m newsroom`` reports the same errors before the
build starts; this is for a build without it.

Settings (``SETTINGS``, with their defaults): ``SAFE_HTML_EXTENSIONS``, the file
extensions whose Markdown reader is replaced. Pelican's ``FORMATTED_FIELDS``.
"""

import logging
import os

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from plugin_check import resolved

from .policy import Removal, sanitize
from .report import lines, message

logger = logging.getLogger(__name__)

SETTINGS = {"SAFE_HTML_EXTENSIONS": tuple(MarkdownReader.file_extensions)}
METADATA_KEY = "safe_html_removals"


class SafeMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, returning sanitised HTML."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        content, removed = sanitize(content)
        found: list[tuple[str, Removal]] = [("body", item) for item in removed]
        for name in self.settings["FORMATTED_FIELDS"]:
            if isinstance(metadata.get(name), str):
                metadata[name], removed = sanitize(metadata[name])
                found += [(name, item) for item in removed]
        if found:
            with pelican_open(source_path) as text:
                metadata[METADATA_KEY] = located(text, found)
        return content, metadata


def replace_markdown_readers(readers) -> None:
    extensions = resolved(readers.settings, SETTINGS)["SAFE_HTML_EXTENSIONS"]
    for extension in extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = SafeMarkdownReader


def report_removals(content) -> None:
    for line, text in content.metadata.get(METADATA_KEY, ()):
        logger.error("%s:%d: %s", os.path.relpath(content.source_path), line, text)


def register():
    signals.readers_init.connect(replace_markdown_readers)
    signals.content_object_init.connect(report_removals)


def split_header(text: str) -> tuple[int, int]:
    """The offset and line at which the body of a Markdown file starts: after
    the first blank line, as Python-Markdown's ``meta`` extension reads it."""
    text = text.replace("\r\n", "\n")
    end = text.find("\n\n")
    if end < 0:
        return 0, 1
    return end + 2, text.count("\n", 0, end) + 3


def located(text: str, found: list[tuple[str, Removal]]) -> list[tuple[int, str]]:
    """``(line, message)`` of each removal: body ones searched in the body,
    those of a header field in the header."""
    text = text.replace("\r\n", "\n")
    offset, body_line = split_header(text)
    regions = {"body": (text[offset:], body_line)}
    located = {}
    for region in {name for name, _ in found}:
        part, first = regions.get(region, (text[:offset], 1))
        items = [(index, item) for index, (name, item) in enumerate(found) if name == region]
        numbers = lines(part, first, [item for _, item in items])
        located.update(
            {
                index: (line, message(item))
                for (index, item), line in zip(items, numbers, strict=True)
            }
        )
    return [located[index] for index in sorted(located)]
