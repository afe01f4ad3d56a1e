"""What Pagefind is given to index, and how index text is turned back for readers."""

import re
from collections.abc import Iterable
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
# so its list of pages is tens of KB. Each word of a phrase but its last is
# therefore indexed joined to the next one, as one word, a "pair" (first, MARK,
# second), whose list of pages is short: the search page asks for the pairs of
# a query of several words. The last word of a phrase is indexed with END (two
# marks) after it. So each word of the text is one word of the index, at its
# own position, starting with itself; Pagefind matches a query's word as the
# start of longer words, so "dân" alone finds "dânǂvận" and "dânǂǂ". No word of
# the index is bare, so a pair that is nowhere finds nothing (Pagefind would
# otherwise try the longest word of the index that starts it: "khéo vận" would
# find "khéo"). MARK is a letter to Pagefind, so a pair stays one word, and one
# nobody types; readers never see a mark nor what follows it.
MARK = "ǂ"
END = MARK * 2
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
    following = [*words[1:], ""]
    # One generator over the words, not a regular expression with a function:
    # this runs on every word of every article.
    if "&" not in text:
        return parts[0] + "".join(
            f"{word}{MARK}{after}{gap}" if after and gap.isspace() else f"{word}{END}{gap}"
            for word, gap, after in zip(words, gaps, following, strict=False)
        )
    # A "word" right after "&" or "&#" is the name of an entity (text is
    # escaped), left as it is.
    return parts[0] + "".join(
        word + gap
        if before.endswith(("&", "&#"))
        else f"{word}{MARK}{after}{gap}"
        if after and gap.isspace()
        else f"{word}{END}{gap}"
        for before, word, gap, after in zip(parts[0::2], words, gaps, following, strict=False)
    )


def with_pairs(html: str) -> str:
    """``html`` (escaped text, or markup) with each word that another follows across
    nothing but spaces joined to that one, and each other word ended:
    ``Dânǂvận vậnǂkhéo khéoǂǂ``.

    A phrase ends at punctuation and at any tag but inline ones; inline tags are
    removed. Each word of the text is one word of the index, where it stood.
    """
    parts = _TAG.split(_INLINE_TAG.sub("", html))
    parts[::2] = map(_paired_text, parts[::2])
    return "".join(parts)


def word_stem(word: str) -> str:
    """The word of the text that an index word starts with: ``dân`` for ``dânǂvận``."""
    return word.split(MARK, 1)[0]


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
    text, in pairs of words (``with_pairs``); the headline as shown, the section
    and the date line are metadata shown with each result, in pairs too, as
    Pagefind indexes them as well.
    The class names are the article page's, so ``SEARCH_EXCLUDE_SELECTORS``
    names parts the same way on both (the body's inline elements are gone).
    """
    parts = [
        f'<p data-pagefind-ignore><span data-pagefind-meta="title">{with_pairs(escape(title))}'
        f'</span> <span data-pagefind-meta="section">{with_pairs(escape(section))}</span> '
        f'<span data-pagefind-meta="date">{with_pairs(escape(date))}</span></p>',
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
