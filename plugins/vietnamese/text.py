"""Unicode NFC for everything an article or page shows or links by."""

import unicodedata

from pelican.urlwrappers import URLWrapper


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _normalise(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, URLWrapper):
        value.name = nfc(value.name)
    elif isinstance(value, list):
        value[:] = [_normalise(item) for item in value]
    return value


def normalise_content(content) -> None:
    """Normalise a Pelican content object's body and text metadata in place.

    Dates and other values are left alone: the attributes hold Pelican's
    processed versions of them (a date with its time zone), not the metadata's.
    """
    content._content = nfc(content._content or "")
    if hasattr(content, "_summary"):
        content._summary = nfc(content._summary)
    attributes = vars(content)
    for key, value in content.metadata.items():
        if isinstance(value, str):
            content.metadata[key] = nfc(value)
            if key in attributes and isinstance(attributes[key], str):
                attributes[key] = nfc(attributes[key])
        elif isinstance(value, URLWrapper | list):
            _normalise(value)
            if key in attributes and attributes[key] is not value:
                _normalise(attributes[key])
