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
    text; the section and the date line are metadata shown with each result.
    The class names are the article page's, so ``SEARCH_EXCLUDE_SELECTORS``
    names parts the same way on both.
    """
    parts = [
        '<p data-pagefind-ignore><span data-pagefind-meta="section">'
        f'{escape(section)}</span> <span data-pagefind-meta="date">{escape(date)}</span></p>',
        f'<h1 class="article__title">{escape(title)}</h1>',
        f'<p class="sapo">{escape(sapo)}</p>' if sapo else "",
        f'<p class="caption">{escape(caption)}</p>' if caption else "",
        f'<div class="article__body">{body_html}</div>',
        f'<p class="byline">{escape(author)}</p>' if author else "",
        '<p class="tags">' + " ".join(escape(tag) for tag in tags) + "</p>" if tags else "",
    ]
    return index_form(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body><article data-pagefind-body>"
        + "".join(parts)
        + "</article></body></html>"
    )


_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]")


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
