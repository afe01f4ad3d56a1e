"""Pelican's Markdown readers, each plugin's step added to what they return.

Pelican's ``readers_init`` signal lets a plugin choose the reader class of each
file extension. A plugin that works on what an article's file holds (its body,
its metadata) extends the reader already chosen, so that the steps of several
plugins compose in ``PLUGINS`` order: safe_html's sanitising reader, then
``vietnamese``'s NFC, then ``sapo`` and ``responsive_images``. safe_html must
come first (``vietnamese`` needs it): it replaces Pelican's own Markdown reader
only, and nothing may be added to a body before it is sanitised.
"""

from pelican.readers import MarkdownReader


def extend_markdown_readers(readers, step) -> None:
    """Have each Markdown reader of ``readers`` pass what it read through
    ``step(reader, source_path, content, metadata)``, which returns the
    ``(content, metadata)`` Pelican makes the article of."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class and issubclass(reader_class, MarkdownReader):
            readers.reader_classes[extension] = extended(reader_class, step)


def extended(reader_class: type, step) -> type:
    def read(self, source_path):
        content, metadata = reader_class.read(self, source_path)
        return step(self, source_path, content, metadata)

    # The same name: Pelican records it in each article's metadata (``reader``).
    return type(reader_class.__name__, (reader_class,), {"read": read})
