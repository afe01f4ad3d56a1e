"""Sitemap and Google News sitemap documents, free of Pelican."""

import datetime
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from xml.sax.saxutils import escape

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
# The sitemap protocol's limit of URLs in one file.
MAX_URLS_PER_FILE = 50_000


class PageEntry(NamedTuple):
    """One page of the sitemap (a tuple: a site has one for every page)."""

    loc: str
    lastmod: datetime.datetime | None = None


@dataclass(frozen=True)
class NewsEntry:
    loc: str
    title: str
    published: datetime.datetime


def page_url(output_file: str) -> str:
    """The URL path of a written file: ``chinh-tri/index.html`` is ``chinh-tri/``,
    the home page's ``index.html`` is ``""``."""
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file.removesuffix("index.html")
    return output_file


# Tags are written with their prefix and the root declares the namespaces,
# rather than registering prefixes in ElementTree's process-wide table.
def _document(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def urlset(entries: Iterable[PageEntry]) -> bytes:
    """A ``<urlset>`` of the entries, in their order.

    Written as text, as ``_document`` would lay it out: a site's sitemap has an
    entry for every page, and ElementTree's serialiser takes seconds for them.
    """
    urls = []
    for entry in entries:
        lastmod = f"\n    <lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
        urls.append(f"  <url>\n    <loc>{escape(entry.loc)}</loc>{lastmod}\n  </url>\n")
    if not urls:
        return _document(ET.Element("urlset", {"xmlns": SITEMAP_NS}))
    body = "".join(urls)
    return f'{XML_DECLARATION}\n<urlset xmlns="{SITEMAP_NS}">\n{body}</urlset>'.encode()


def sitemap_index(locs: Iterable[str]) -> bytes:
    root = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
    for loc in locs:
        _sub(ET.SubElement(root, "sitemap"), "loc", loc)
    return _document(root)


def sitemap_files(
    entries: Sequence[PageEntry],
    save_as: str,
    base: str,
    max_urls: int = MAX_URLS_PER_FILE,
) -> dict[str, bytes]:
    """``{file name: document}``: one urlset at ``save_as`` while the entries fit
    in one file, otherwise an index at ``save_as`` and the urlsets
    ``sitemap-1.xml``, ``sitemap-2.xml``… beside it, whose URLs are under ``base``."""
    if len(entries) <= max_urls:
        return {save_as: urlset(entries)}
    stem, _, suffix = save_as.rpartition(".")
    parts = {
        f"{stem}-{number}.{suffix}": urlset(entries[start : start + max_urls])
        for number, start in enumerate(range(0, len(entries), max_urls), start=1)
    }
    return {save_as: sitemap_index(f"{base}{name}" for name in parts), **parts}


def recent_news(
    entries: Iterable[NewsEntry],
    now: datetime.datetime,
    window: datetime.timedelta,
    limit: int,
) -> list[NewsEntry]:
    """The entries published within ``window`` before ``now``, newest first,
    at most ``limit`` (Google News reads the last two days, 1,000 at most)."""
    fresh = [entry for entry in entries if now - window <= entry.published <= now]
    return sorted(fresh, key=lambda entry: entry.published, reverse=True)[:limit]


def news_urlset(entries: Iterable[NewsEntry], publication: str, language: str) -> bytes:
    """A Google News sitemap of the entries."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    for entry in entries:
        url = ET.SubElement(root, "url")
        _sub(url, "loc", entry.loc)
        news = ET.SubElement(url, "news:news")
        source = ET.SubElement(news, "news:publication")
        _sub(source, "news:name", publication)
        _sub(source, "news:language", language)
        _sub(news, "news:publication_date", entry.published.isoformat())
        _sub(news, "news:title", entry.title)
    return _document(root)


def robots_txt(sitemap_urls: list[str]) -> bytes:
    """Every crawler welcome, and told where the sitemaps are. The protocol
    wants absolute sitemap URLs, so root-relative ones are left out."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Sitemap: {url}" for url in sitemap_urls if url.startswith(("http://", "https://"))]
    return ("\n".join(lines) + "\n").encode()
