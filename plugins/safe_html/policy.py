"""What an article's HTML may contain, and ``sanitize``: nh3 (Ammonia) applying it.

One table of tags and attributes and one function, ``removal``, judge every
attribute; nh3 gets both (``attribute_filter``), and the report of what was
removed is made by walking the same document with the same judge, then
checked against what nh3 actually left (``_Walk``, ``_unmatched``), so the
report names everything nh3 removed.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("strong", "em", "b", "i", "u", "s", "sub", "sup", "mark", "small", "abbr", "cite"),
        *("q", "del", "ins", "code", "pre", "kbd", "time", "span", "div"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"),
        *("blockquote", "figure", "figcaption", "img", "a"),
    }
)
"""A news article's tags: what Python-Markdown's ``extra`` and ``smarty`` make,
and the few an editor may write by hand (a figure, a ``<mark>``)."""

CLEAN_CONTENT_TAGS = frozenset({"script", "style", "iframe", "noembed", "noframes", "noscript"})
"""Removed with what they hold: code, style sheets and what a browser shows only
in place of a frame or a script are no text for readers. HTML reads each of
them as plain text up to its end tag."""

GENERIC_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title"})

ATTRIBUTES = {
    "a": frozenset({"href", "title", "rel", "target", "hreflang"}),
    "img": frozenset({"src", "alt", "title", "width", "height", "loading", "decoding"}),
    "ol": frozenset({"start"}),
    **dict.fromkeys(("th", "td"), frozenset({"colspan", "rowspan", "align", "scope"})),
    **dict.fromkeys(("col", "colgroup"), frozenset({"span", "align"})),
    **dict.fromkeys(("time", "del", "ins"), frozenset({"datetime"})),
}
"""Attributes per tag, besides ``GENERIC_ATTRIBUTES``. No ``style``: the site's
content security policy forbids inline styles (tables align with ``align=``)."""

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

LINK_ATTRIBUTES = frozenset({"href"})
LOAD_ATTRIBUTES = frozenset({"src", "srcset"})
"""Attributes the browser fetches without a click, of the allowed ones: ``src``
(and ``srcset``, should it ever be allowed); the others (``poster``, ``data``,
``background``…) belong to tags or attributes that are not allowed at all."""

PELICAN_PREFIXES = ("{static}", "{attach}", "{filename}")
"""Pelican's links into the site, replaced by the page's URL after reading."""

# What a browser does to a URL before reading it: strips spaces and controls at
# both ends and drops tabs and line breaks anywhere (so "java\tscript:" is
# "javascript:"), and reads "\" as "/".
_URL_STRIP = "".join(map(chr, range(0x21)))
_URL_DROPPED = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Removal:
    """Something ``sanitize`` took out of the HTML."""

    kind: str
    """``tag``, ``attribute``, ``link`` (a link's address) or ``load`` (a fetch)."""
    tag: str
    attribute: str | None = None
    value: str | None = None


def browser_url(value: str) -> str:
    return _URL_DROPPED.sub("", value).strip(_URL_STRIP).replace("\\", "/")


def scheme(value: str) -> str | None:
    """The URL's scheme, lowercased, as a browser reads it; None when relative."""
    match = _SCHEME.match(browser_url(value))
    return match[1].lower() if match else None


def is_local(value: str) -> bool:
    """A URL into this site: relative, root-relative or a fragment, no ``//host``."""
    url = browser_url(value)
    for prefix in PELICAN_PREFIXES:
        url = url.removeprefix(prefix)
    return scheme(url) is None and not url.startswith("//")


def removal(tag: str, attribute: str, value: str) -> Removal | None:
    """Why ``attribute="value"`` goes from a ``<tag>`` that stays, or None when it stays."""
    if attribute not in GENERIC_ATTRIBUTES and attribute not in ATTRIBUTES.get(tag, ()):
        return Removal("attribute", tag, attribute, value)
    if attribute in LINK_ATTRIBUTES and scheme(value) not in {None, *LINK_SCHEMES}:
        return Removal("link", tag, attribute, value)
    if attribute in LOAD_ATTRIBUTES and not all(map(is_local, _load_urls(attribute, value))):
        return Removal("load", tag, attribute, value)
    return None


def _load_urls(attribute: str, value: str) -> list[str]:
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def _kept(tag: str, attribute: str, value: str) -> str | None:
    return value if removal(tag, attribute, value) is None else None


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={
        "*": set(GENERIC_ATTRIBUTES),
        **{tag: set(names) for tag, names in ATTRIBUTES.items()},
    },
    attribute_filter=_kept,
    strip_comments=True,
    # Links stay as written (``rel`` is the editor's); browsers treat
    # target=_blank as noopener anyway.
    link_rel=None,
    url_schemes=set(LINK_SCHEMES),
)


def sanitize(html: str) -> tuple[str, list[Removal]]:
    """``html`` with only what ``TAGS``, ``ATTRIBUTES`` and ``removal`` allow,
    and what was removed, in document order (comments are removed silently)."""
    clean = _CLEANER.clean(html)
    original, left = _Walk(html), _Walk(clean)
    removals = dict(original.removals)
    removals.update(_unmatched(original.kept, left.kept))
    return clean, [removals[position] for position in sorted(removals)]


def _unmatched(expected: list, found: list) -> dict[int, Removal]:
    """The attributes ``removal`` let stay that nh3 still removed (an address it
    cannot parse, a second attribute of one name), by position.

    Values are compared as written, then as ``unescape`` reads them: it
    decodes entities without semicolon (``&sect`` in ``?a=1&section=2``) that
    HTML leaves alone in attributes, so the two walks may differ there.
    """
    exact = Counter((tag, name, value) for _, tag, name, value in found)
    decoded = Counter((tag, name, unescape(value)) for _, tag, name, value in found)
    unmatched = {}
    for position, tag, name, value in expected:
        if exact[tag, name, value] > 0:
            exact[tag, name, value] -= 1
            decoded[tag, name, unescape(value)] -= 1
        elif decoded[tag, name, value] > 0:
            decoded[tag, name, value] -= 1
        else:
            unmatched[position] = Removal(_kind(name), tag, name, value)
    return unmatched


def _kind(attribute: str) -> str:
    if attribute in LINK_ATTRIBUTES:
        return "link"
    return "load" if attribute in LOAD_ATTRIBUTES else "attribute"


class _Walk(HTMLParser):
    """The tags and attributes of a document as ``removal`` judges them: those
    it removes (``removals``, by position) and those it keeps (``kept``)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.removals: dict[int, Removal] = {}
        self.kept: list[tuple[int, str, str, str]] = []
        self.images: list[str] = []
        self.position = 0
        self.inside: str | None = None
        """The element whose text is being skipped, as nh3 skips it."""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if self.inside:
            return
        if tag not in TAGS:
            self.removals[self._next()] = Removal("tag", tag)
            if tag in CLEAN_CONTENT_TAGS:
                self.inside = tag
            return
        for name, value in attrs:
            value = value or ""
            found = removal(tag, name, value)
            if found:
                self.removals[self._next()] = found
            else:
                self.kept.append((self._next(), tag, name, value))
                if tag == "img" and name == "src":
                    self.images.append(value)

    # HTML ignores the slash of ``<script/>``: its text still runs to ``</script>``.
    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == self.inside:
            self.inside = None

    def _next(self) -> int:
        self.position += 1
        return self.position


def image_sources(html: str) -> list[str]:
    """The ``src`` of every ``<img>`` of ``html``, in order."""
    return _Walk(html).images
