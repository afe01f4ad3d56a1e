"""Unicode NFC for everything an article or page shows or links by."""

import unicodedata

from pelican.urlwrappers import URLWrapper


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _normalised(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, URLWrapper):
        value.name = nfc(value.name)
        return value
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return value


def normalise_content(content) -> None:
    """Normalise a Pelican content object's body and metadata in place."""
    content._content = nfc(content._content or "")
    if hasattr(content, "_summary"):
        content._summary = nfc(content._summary)
    attributes = vars(content)
    for key, value in content.metadata.items():
        content.metadata[key] = normalised = _normalised(value)
        if key in attributes:
            attributes[key] = normalised
