"""Plain text out of rendered Markdown."""

import re

from bs4 import BeautifulSoup

_PARAGRAPH = re.compile(r"<p[\s>].*?</p>", re.DOTALL | re.IGNORECASE)


def html_text(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def first_paragraph_text(html: str) -> str:
    """The text of the first ``<p>`` with any, or ``""``.

    Only paragraphs are parsed, not the whole body: this runs once per article.
    """
    for match in _PARAGRAPH.finditer(html):
        if text := html_text(match.group()):
            return text
    return ""
