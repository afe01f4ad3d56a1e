"""What Pagefind is given to index, and how index text is turned back for readers."""

import re
from collections.abc import Callable, Iterable
from html import escape, unescape

# Pagefind decomposes words and drops combining marks, so "Nẵng" is also found
# as "nang"; "đ" has no decomposition and would stay apart from "d". Written as
# "ḏ" (d with line below, which no Vietnamese word has), a letter that decomposes
# to "d" and a mark, it folds to "d" like any accented letter, while a query typed
# with "đ" still matches its exact form first. ("d" + a combining stroke folds too,
# but Pagefind then indexes each such word twice, with and without the stroke,
# and looks at the form without it when it ranks exact forms first.)


def index_form(text: str) -> str:
    """``text`` as the index stores it: ``đ``/``Đ`` as ``ḏ``/``Ḏ``."""
    # Two replaces, not str.translate: translate copies the whole page character
    # by character, and this runs on every article.
    return text.replace("đ", "ḏ").replace("Đ", "Ḏ")


def reader_form(text: str) -> str:
    """The inverse of ``index_form``: index text back to what readers type and see."""
    return text.replace("ḏ", "đ").replace("Ḏ", "Đ")


# Vietnamese words are mostly two syllables ("Đà Nẵng", "dân vận"), and folded
# syllables are few and common: "da" alone is đã, đà, đá, da… in every article,
# so its list of pages is tens of KB. Each two neighbouring syllables of a phrase
# are therefore also indexed as one word, a "pair" (MARK, first, MARK, second),
# whose list is short; the search page asks for the pairs of a query of several
# words. MARK is a letter to Pagefind, so a pair stays one word, and one nobody
# types: a pair never extends a query of one syllable, and readers never see one.
MARK = "ǂ"
# Inline elements do not end a phrase ("phong trào <em>Dân vận</em>"); Pagefind
# indexes their text and nothing else, so they are dropped before pairing.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span"
    r"|strong|sub|sup|time|u|var)\b[^>]*>"
)
_TAG = re.compile(r"(<[^>]*>)")
_WORD = re.compile(r"([^\W_]+)")


def _paired_text(text: str) -> str:
    parts = _WORD.split(text)
    words, gaps = parts[1::2], parts[2::2]
    # One generator over the words, not a regular expression with a function:
    # this runs on every word of every article.
    return parts[0] + "".join(
        f"{word}{gap}{MARK}{word}{MARK}{following} " if following and gap.isspace() else word + gap
        for word, gap, following in zip(words, gaps, [*words[1:], ""], strict=False)
    )


def with_pairs(html: str) -> str:
    """``html`` (escaped text, or markup) with, before every word that follows another
    across nothing but spaces, the pair of the two: ``Dân ǂDânǂvận vận``.

    A phrase ends at punctuation and at any tag but inline ones; inline tags are
    removed. Pagefind indexes each pair at its own position, between the words it
    joins, so a pair's position points at its words.
    """
    parts = _TAG.split(_INLINE_TAG.sub("", html))
    parts[::2] = map(_paired_text, parts[::2])
    return "".join(parts)


def search_record(
    title: str,
    section: str,
    date: str,
    sapo: str,
    body_html: str,
    caption: str | None = None,
    author: str | None = None,
    tags: Iterable[str] = (),
) -> str:
    """The page Pagefind indexes for one article, in index form.

    What a reader searches (headline, sapo, caption, body, byline, keywords) is
    text, with the pairs of its words (``with_pairs``); the headline as shown,
    the section and the date line are metadata shown with each result.
    The class names are the article page's, so ``SEARCH_EXCLUDE_SELECTORS``
    names parts the same way on both (the body's inline elements are gone).
    """
    parts = [
        f'<p data-pagefind-ignore><span data-pagefind-meta="title">{escape(title)}</span> '
        f'<span data-pagefind-meta="section">{escape(section)}</span> '
        f'<span data-pagefind-meta="date">{escape(date)}</span></p>',
        f'<h1 class="article__title">{with_pairs(escape(title))}</h1>',
        f'<p class="sapo">{with_pairs(escape(sapo))}</p>' if sapo else "",
        f'<p class="caption">{with_pairs(escape(caption))}</p>' if caption else "",
        f'<div class="article__body">{with_pairs(body_html)}</div>',
        f'<p class="byline">{with_pairs(escape(author))}</p>' if author else "",
        # Each keyword a phrase of its own: no pair across two of them.
        '<p class="tags">' + " ".join(with_pairs(escape(tag)) for tag in tags) + "</p>"
        if tags
        else "",
    ]
    return index_form(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body><article data-pagefind-body>"
        + "".join(parts)
        + "</article></body></html>"
    )


def has_words(fields: dict) -> bool:
    """Whether a record made of ``fields`` (``search_record``'s arguments) has a word
    for Pagefind to index: a letter or a digit in its text. Pagefind makes no
    index of pages without one."""
    texts = (fields["title"], fields["sapo"], fields["caption"], fields["author"], *fields["tags"])
    return any(_WORD.search(text) for text in texts if text) or bool(
        _WORD.search(unescape(_TAG.sub(" ", fields["body_html"])))
    )


def articles_by_year(articles: Iterable, describe: Callable) -> dict[int, list]:
    """``describe(article)`` of each article under its local year, newest year first."""
    years: dict[int, list] = {}
    for article in sorted(articles, key=lambda article: article.date, reverse=True):
        years.setdefault(article.date.year, []).append(describe(article))
    return years
