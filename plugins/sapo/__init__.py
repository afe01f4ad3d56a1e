"""The sapo (lead paragraph) of every article, as plain text.

Sets ``article.sapo``: the ``Summary`` when the editor wrote one, otherwise the
text of the body's first paragraph that has any, as the Markdown reader returns
them (``vietnamese.readers``). Listings, Các tin khác and day pages show it.
Reads no settings. Needs ``vietnamese``: the sapo is taken from the NFC body.
"""

from pelican import signals

from vietnamese.readers import extend_markdown_readers

from .extract import first_paragraph_text, html_text

SETTINGS: dict = {}
NEEDS = ("vietnamese",)


def add_sapo(reader, source_path, content, metadata) -> tuple[str, dict]:
    """The read article's metadata with its ``sapo``, which Pelican makes an
    attribute of the article (``article.sapo``)."""
    if "summary" in metadata:
        metadata["sapo"] = html_text(metadata["summary"])
    else:
        metadata["sapo"] = first_paragraph_text(content or "")
    return content, metadata


def add_sapo_to_readers(readers) -> None:
    extend_markdown_readers(readers, add_sapo)


def register():
    signals.readers_init.connect(add_sapo_to_readers)
