"""Unicode NFC for everything an article or page shows or links by."""

import unicodedata

from pelican.urlwrappers import URLWrapper


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _normalise(value):
    if isinstance(value, str):
        # Markup stays Markup: a plugin's HTML (a lead picture) is not escaped again.
        return type(value)(nfc(value))
    if isinstance(value, URLWrapper):
        value.name = nfc(value.name)
    elif isinstance(value, list):
        value[:] = [_normalise(item) for item in value]
    return value


def normalise_read(reader, source_path, content, metadata) -> tuple[str, dict]:
    """The body and metadata a reader returned (``readers.extend_markdown_readers``),
    in NFC."""
    return nfc(content or ""), normalise_metadata(metadata)


def normalise_metadata(metadata: dict) -> dict:
    """Normalise the text of ``metadata`` in place: strings, and the names of
    sections, tags and authors. Pelican's ``*_generator_context`` signals call it
    too, for the metadata that comes from the settings and the file's path.

    Dates and other values are left alone.
    """
    for key, value in metadata.items():
        metadata[key] = _normalise(value)
    return metadata
