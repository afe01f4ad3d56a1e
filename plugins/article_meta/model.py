"""Canonical URL, Open Graph / Twitter tags and NewsArticle JSON-LD, free of Pelican."""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

# Characters that could end the <script> element or open a comment inside it;
# their JSON escapes read back as the same text.
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def absolute_url(siteurl: str, path: str) -> str:
    """``path`` under ``siteurl``; root-relative (``/path``) when ``siteurl`` is empty,
    as under ``make html``."""
    return f"{siteurl.rstrip('/')}/{path.lstrip('/')}"


@dataclass(frozen=True)
class ArticleFacts:
    """What the page shows of an article, URLs already made absolute."""

    url: str
    headline: str
    description: str
    published: datetime
    modified: datetime | None
    section: str
    site_name: str
    site_url: str
    author: str | None = None
    author_url: str | None = None
    image: str | None = None
    image_caption: str | None = None
    tags: Sequence[str] = field(default_factory=tuple)
    language: str = "vi"

    @property
    def last_modified(self) -> datetime:
        return self.modified or self.published


def news_article(facts: ArticleFacts) -> dict:
    """schema.org ``NewsArticle`` of an article, as Google News reads it."""
    publisher = {"@type": "NewsMediaOrganization", "name": facts.site_name, "url": facts.site_url}
    if facts.author:
        author = {"@type": "Person", "name": facts.author}
        if facts.author_url:
            author["url"] = facts.author_url
    else:
        author = publisher
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": facts.url},
        "url": facts.url,
        "headline": facts.headline,
        "description": facts.description,
        "datePublished": facts.published.isoformat(),
        "dateModified": facts.last_modified.isoformat(),
        "author": [author],
        "publisher": publisher,
        "articleSection": facts.section,
        "inLanguage": facts.language,
    }
    if facts.image:
        data["image"] = [facts.image]
    if facts.tags:
        data["keywords"] = list(facts.tags)
    return data


def script_json(data: dict) -> str:
    """JSON safe to place between ``<script>`` and ``</script>``: no ``</``,
    ``<!--`` or ``]]>`` can appear, and the text parses back to ``data``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_UNSAFE)


def social_meta(facts: ArticleFacts) -> list[tuple[str, str, str]]:
    """``(attribute, name, content)`` of the Open Graph and Twitter card ``<meta>``
    tags: ``property`` for Open Graph, ``name`` for Twitter."""
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", facts.site_name),
        ("property", "og:locale", "vi_VN"),
        ("property", "og:url", facts.url),
        ("property", "og:title", facts.headline),
        ("property", "og:description", facts.description),
    ]
    if facts.image:
        tags.append(("property", "og:image", facts.image))
        if facts.image_caption:
            tags.append(("property", "og:image:alt", facts.image_caption))
    tags += [
        ("property", "article:published_time", facts.published.isoformat()),
        ("property", "article:modified_time", facts.last_modified.isoformat()),
        ("property", "article:section", facts.section),
    ]
    tags += [("property", "article:tag", tag) for tag in facts.tags]
    tags += [
        ("name", "twitter:card", "summary_large_image" if facts.image else "summary"),
        ("name", "twitter:title", facts.headline),
        ("name", "twitter:description", facts.description),
    ]
    if facts.image:
        tags.append(("name", "twitter:image", facts.image))
    return tags
