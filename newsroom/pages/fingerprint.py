"""What a page is made of, as one digest: equal digests render equal pages.

``fingerprint`` reduces the values a page is given (an article, a day's page, a
section's listing page…) to plain data by their structure, with no list of
what each template shows: an article by everything its reading fixed and the
address the build gave it, Pelican's sections, tags and authors by their name
and address, the plugins' page objects (dataclasses) by all their fields. The
plugins' models make that cheap by holding, for the pages they link to, only
what the link shows (a ``PageLink``, a ``DayLink``…), so a page's digest covers
its neighbours' links and not the whole archive behind them.

A value it does not know raises ``Unknown``, and the page is then rendered as
usual: reusing a page is only ever an optimisation, never a guess.
"""

import dataclasses
import datetime
import hashlib
import json
import re
from collections.abc import Mapping

from pelican.contents import Article
from pelican.urlwrappers import URLWrapper


class Unknown(TypeError):
    """A value whose effect on the page cannot be told."""


def digest(data) -> str:
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


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


def _joined_digest(parts: list[str]) -> str:
    # Strings that hold no NUL, joined by one: the cheapest exact digest of
    # a list, for the two that every article gets at every build.
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


def listed_facts(article, memo: dict) -> str:
    """An article as another article's page lists it in Các tin khác: all of
    it but its own Các tin khác, which would chain every article of a section
    to the one before it."""
    key = ("listed", id(article))
    if key not in memo:
        read, links = read_facts(article)
        # The body as rendered only when it links to other content: it shows
        # the addresses that content has now.
        rendered = digest(article.content) if links else ""
        memo[key] = _joined_digest([article.url, article.save_as, read, rendered])
    return memo[key]


def article_facts(article, memo: dict) -> str:
    """Everything a page can show of an article: ``listed_facts`` and its
    Các tin khác."""
    key = id(article)
    if key not in memo:
        others = getattr(article, "other_news", ())
        memo[key] = _joined_digest(
            [listed_facts(article, memo), *(listed_facts(other, memo) for other in others)]
        )
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
    kind = _KINDS.get(type(value))
    if kind is None:
        kind = _KINDS[type(value)] = _kind(type(value))
    return kind(value, memo)


def _kind(cls: type):
    """How values of ``cls`` are reduced: told once per type, as the same few
    types make up every page."""
    if issubclass(cls, datetime.date):
        return lambda value, memo: value.isoformat()
    if issubclass(cls, Article):
        return article_facts
    if issubclass(cls, URLWrapper):
        # Named by the settings, which every page's digest holds. One section
        # or tag is given to many pages, and its address is formatted anew
        # at every look.
        def wrapper(value, memo):
            # Kept with its digest, as a long list is: its id is not another's later.
            memo[("wrapper", id(value))] = value
            memo[id(value)] = [cls.__name__, value.name, value.slug, value.url]
            return memo[id(value)]

        return wrapper
    if issubclass(cls, Mapping):
        return lambda value, memo: [_items(list(value), memo), _items(list(value.values()), memo)]
    if dataclasses.is_dataclass(cls):
        names = [field.name for field in dataclasses.fields(cls)]
        return lambda value, memo: [
            cls.__name__,
            [fingerprint(getattr(value, name), memo) for name in names],
        ]

    def unknown(value, memo):
        raise Unknown(cls.__name__)

    return unknown


_KINDS: dict[type, object] = {}
