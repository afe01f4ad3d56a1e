"""The sapo (lead paragraph) of every article, as plain text.

Sets ``article.sapo``: the ``Summary`` when the editor wrote one, otherwise the
text of the body's first paragraph that has any. Listings, Các tin khác and day
pages show it. Reads no settings. Needs ``vietnamese``: the sapo is taken from the NFC body.
"""

from pelican import signals
from pelican.contents import Article

from .extract import first_paragraph_text, html_text

SETTINGS: dict = {}
NEEDS = ("vietnamese",)


def set_sapo(content) -> None:
    if not isinstance(content, Article):
        return
    if "summary" in content.metadata:
        content.sapo = html_text(content.metadata["summary"])
    else:
        content.sapo = first_paragraph_text(content._content or "")


def register():
    signals.content_object_init.connect(set_sapo)
