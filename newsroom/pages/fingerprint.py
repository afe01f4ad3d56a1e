"""What a page is made of, as one digest: equal digests render equal pages.

``fingerprint`` reduces the values a page is rendered from (an article, a day's
articles, a section's page…) to plain data. A value it does not know raises
``Unknown``, and the page is then rendered as usual: reusing a page is only
ever an optimisation, never a guess.
"""

import datetime
import hashlib
import json
import re
from collections.abc import Mapping


class Unknown(TypeError):
    """A value whose effect on the page cannot be told."""


def digest(data) -> str:
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _named(value) -> list:
    """A section, category, tag or author: what a link to it shows."""
    return [type(value).__name__, value.name, getattr(value, "slug", None), value.url]


def card(article) -> list:
    """What a listing shows of an article."""
    return [
        article.url,
        article.title,
        article.date.isoformat(),
        getattr(article, "sapo", None),
        article.category.name,
    ]


# The attribute that keeps ``read_facts`` with the article, in the content index too.
READ_FACTS = "newsroom_read_facts"


def read_facts(article) -> tuple[str, bool]:
    """The digest of what an article's page shows that reading its file fixed
    (its body, its metadata and its lead picture), and whether its body links to
    other content the way Pelican resolves only as it renders (``{filename}``…).

    The build has the content index take them as it keeps the article
    (``newsroom.content_index``, ``prepare``), once every ``content_object_init``
    plugin is done with it, so an unchanged article is
    not digested again at every build: its body is most of what a page shows.
    """
    facts = vars(article).get(READ_FACTS)
    if facts is None:
        body = article._content or ""
        facts = (
            digest(
                [
                    body,
                    {name: str(value) for name, value in article.metadata.items()},
                    str(getattr(article, "lead_picture", None)),
                ]
            ),
            re.search(article.settings["INTRASITE_LINK_REGEX"], body) is not None,
        )
        setattr(article, READ_FACTS, facts)
    return facts


def article_facts(article, memo: dict) -> str:
    """Everything an article's own page shows of it, including Các tin khác and,
    when its body links to other articles, the addresses those links now have."""
    key = id(article)
    if key not in memo:
        read, links = read_facts(article)
        memo[key] = digest(
            [
                _card(article, memo),
                article.save_as,
                read,
                article.content if links else None,
                [_card(other, memo) for other in getattr(article, "other_news", ())],
            ]
        )
    return memo[key]


def _card(article, memo: dict) -> str:
    # An article is a card in the Các tin khác of the six after it: its digest
    # is taken once, and each of those pages digests six short strings.
    key = ("card", id(article))
    if key not in memo:
        memo[key] = digest(card(article))
    return memo[key]


# A list this long (the site's articles, which the home page is given) is
# digested once per build, however many pages show it.
LONG_LIST = 256


def _long_list(value, memo: dict) -> list:
    key = ("list", id(value))
    if key not in memo:
        shown = _items(value, memo)
        # The list is kept with its digest: its id is not another list's later.
        memo[key] = (value, ["list", digest(shown)])
    return memo[key][1]


def _items(value, memo: dict) -> list:
    # Mostly articles already digested: looked up without a call.
    return [memo[id(item)] if id(item) in memo else fingerprint(item, memo) for item in value]


def fingerprint(value, memo: dict):
    """``value`` as plain data that changes whenever its rendering may."""
    # The most frequent values first: this runs for every page at every build.
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        if len(value) >= LONG_LIST:
            return _long_list(value, memo)
        return _items(value, memo)
    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "_content") and hasattr(value, "category"):
        return article_facts(value, memo)
    if isinstance(value, Mapping):
        return {str(key): fingerprint(item, memo) for key, item in value.items()}
    facts = getattr(value, "page_facts", None)
    if callable(facts):
        shown = facts()
        if shown is None:
            raise Unknown(type(value).__name__)
        return [type(value).__name__, fingerprint(shown, memo)]
    if hasattr(value, "_content") and hasattr(value, "category"):
        return article_facts(value, memo)
    if hasattr(value, "name") and hasattr(value, "url"):
        return _named(value)
    raise Unknown(type(value).__name__)
