"""Plain text out of rendered Markdown."""

import re

from markupsafe import Markup

_PARAGRAPH = re.compile(r"<p[\s>].*?</p>", re.DOTALL | re.IGNORECASE)


def html_text(html: str) -> str:
    """The visible text of an HTML fragment, whitespace (no-break spaces too) collapsed."""
    # Markup.striptags is a tenth of the cost of parsing with BeautifulSoup,
    # and this runs for every article of every build.
    return " ".join(Markup(html).striptags().split())


def first_paragraph_text(html: str) -> str:
    """The text of the first ``<p>`` with any, or ``""``.

    Only paragraphs are parsed, not the whole body: this runs once per article.
    """
    for match in _PARAGRAPH.finditer(html):
        if text := html_text(match.group()):
            return text
    return ""
