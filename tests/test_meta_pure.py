"""Pure functions of the feeds, article_meta and sitemaps plugins, tested without a build."""

import datetime
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from article_meta.model import ArticleFacts, absolute_url, news_article, script_json, social_meta
from feeds.links import feed_links, replace_summaries, sapos_of, url_path
from sitemaps.documents import (
    NEWS_NS,
    SITEMAP_NS,
    NewsEntry,
    PageEntry,
    news_urlset,
    page_url,
    recent_news,
    sitemap_files,
    urlset,
)

TZ = datetime.timezone(datetime.timedelta(hours=7))
NOW = datetime.datetime(2024, 3, 4, 12, 0, tzinfo=TZ)
NS = {"s": SITEMAP_NS, "news": NEWS_NS}


def test_absolute_url_with_and_without_siteurl():
    assert absolute_url("https://baohoabinh.com.vn", "chinh-tri/a/") == (
        "https://baohoabinh.com.vn/chinh-tri/a/"
    )
    assert absolute_url("https://baohoabinh.com.vn/", "/images/a.jpg") == (
        "https://baohoabinh.com.vn/images/a.jpg"
    )
    assert absolute_url("", "chinh-tri/a/") == "/chinh-tri/a/"
    assert absolute_url("", "") == "/"


def _facts(**changes):
    facts = {
        "url": "https://x.vn/chinh-tri/a/",
        "headline": "Tin <em>A</em>",
        "description": "Sapo",
        "published": datetime.datetime(2024, 3, 1, 8, 0, tzinfo=TZ),
        "modified": None,
        "section": "Chính trị",
        "site_name": "Báo Hòa Bình",
        "site_url": "https://x.vn/",
    }
    facts.update(changes)
    return ArticleFacts(**facts)


def test_news_article_without_author_image_or_modified():
    data = news_article(_facts())
    assert data["@type"] == "NewsArticle"
    assert data["dateModified"] == data["datePublished"] == "2024-03-01T08:00:00+07:00"
    assert data["author"] == [data["publisher"]]
    assert data["publisher"]["name"] == "Báo Hòa Bình"
    assert "image" not in data
    assert "keywords" not in data


def test_news_article_with_author_image_and_modified():
    data = news_article(
        _facts(
            author="Lê Chung",
            author_url="https://x.vn/tac-gia/le-chung/",
            image="https://x.vn/images/a.jpg",
            modified=datetime.datetime(2024, 3, 2, 9, 30, tzinfo=TZ),
            tags=("dân vận",),
        )
    )
    assert data["author"] == [
        {"@type": "Person", "name": "Lê Chung", "url": "https://x.vn/tac-gia/le-chung/"}
    ]
    assert data["image"] == ["https://x.vn/images/a.jpg"]
    assert data["dateModified"] == "2024-03-02T09:30:00+07:00"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": "https://x.vn/chinh-tri/a/"}
    assert data["keywords"] == ["dân vận"]


def test_script_json_cannot_close_the_script_and_reads_back():
    data = {"headline": "a </script><script>alert(1)</script> <!-- b ]]> & c"}
    text = script_json(data)
    assert "</" not in text
    assert "<!--" not in text
    assert "]]>" not in text
    assert json.loads(text) == data


def test_social_meta_card_follows_the_image():
    without = dict(((attr, name), value) for attr, name, value in social_meta(_facts()))
    assert without[("name", "twitter:card")] == "summary"
    assert ("property", "og:image") not in without
    with_image = social_meta(_facts(image="https://x.vn/images/a.jpg", tags=("a", "b")))
    assert ("name", "twitter:card", "summary_large_image") in with_image
    assert ("property", "og:image", "https://x.vn/images/a.jpg") in with_image
    assert [value for _, name, value in with_image if name == "article:tag"] == ["a", "b"]


def test_feed_links_site_then_section():
    section = SimpleNamespace(name="Kinh tế", slug="kinh-te")
    site = {"atom": "feeds/all.atom.xml", "rss": None}
    sections = {"atom": "feeds/{slug}.atom.xml", "rss": "feeds/{slug}.rss.xml"}
    links = feed_links("https://x.vn", "Báo", site, sections, section)
    assert [link.href for link in links] == [
        "https://x.vn/feeds/all.atom.xml",
        "https://x.vn/feeds/kinh-te.atom.xml",
        "https://x.vn/feeds/kinh-te.rss.xml",
    ]
    assert links[1].title == "Báo — Kinh tế (Atom)"
    assert links[2].type == "application/rss+xml"
    assert [link.href for link in feed_links("", "Báo", site, sections)] == ["/feeds/all.atom.xml"]


@pytest.mark.parametrize(
    ("link", "siteurl", "expected"),
    [
        ("/chinh-tri/a/", "", "chinh-tri/a/"),
        ("https://x.vn/chinh-tri/a/", "https://x.vn", "chinh-tri/a/"),
        ("https://x.vn/bao/chinh-tri/a/", "https://x.vn/bao", "chinh-tri/a/"),
    ],
)
def test_url_path_of_feed_links(link, siteurl, expected):
    assert url_path(link, siteurl) == expected


def test_replace_summaries_escapes_the_sapo_and_keeps_unknown_entries():
    items = [
        {"link": "https://x.vn/a/", "description": "<p>cut…</p>"},
        {"link": "https://x.vn/b/", "description": "<p>kept</p>"},
    ]
    replace_summaries(items, {"a/": "Giá 5 < 6 & tăng"}, "https://x.vn")
    assert [item["description"] for item in items] == ["Giá 5 &lt; 6 &amp; tăng", "<p>kept</p>"]


class _Listed:
    """An article of the archive, counting how often its URL is asked for."""

    asked = 0

    def __init__(self, url, sapo):
        self._url, self.sapo = url, sapo

    @property
    def url(self):
        _Listed.asked += 1
        return self._url


def test_a_feeds_sapos_are_found_without_walking_the_whole_archive():
    archive = [_Listed(f"bai-{number}/", f"Sapo {number}") for number in range(1000)]
    _Listed.asked = 0
    assert sapos_of(archive, ["bai-0/", "bai-2/"]) == {
        "bai-0/": "Sapo 0",
        "bai-2/": "Sapo 2",
    }
    assert _Listed.asked <= 6
    assert sapos_of(archive, ["bai-999/", "khong-co/"]) == {"bai-999/": "Sapo 999"}


@pytest.mark.parametrize(
    ("output_file", "url"),
    [
        ("index.html", ""),
        ("chinh-tri/index.html", "chinh-tri/"),
        ("chinh-tri/trang/2/index.html", "chinh-tri/trang/2/"),
        ("gioi-thieu.html", "gioi-thieu.html"),
    ],
)
def test_page_url(output_file, url):
    assert page_url(output_file) == url


def _locs(document: bytes) -> list[str]:
    return [loc.text for loc in ET.fromstring(document).iterfind(".//s:loc", NS)]


def test_sitemap_in_one_file_while_it_fits():
    entries = [PageEntry("https://x.vn/"), PageEntry("https://x.vn/a/", NOW)]
    files = sitemap_files(entries, "sitemap.xml", "https://x.vn/", max_urls=2)
    assert list(files) == ["sitemap.xml"]
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert _locs(files["sitemap.xml"]) == ["https://x.vn/", "https://x.vn/a/"]
    assert [el.text for el in root.iterfind(".//s:lastmod", NS)] == ["2024-03-04T12:00:00+07:00"]


def test_sitemap_split_behind_an_index_past_the_limit():
    entries = [PageEntry(f"https://x.vn/{n}/") for n in range(5)]
    files = sitemap_files(entries, "sitemap.xml", "https://x.vn/", max_urls=2)
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    assert ET.fromstring(files["sitemap.xml"]).tag == f"{{{SITEMAP_NS}}}sitemapindex"
    assert _locs(files["sitemap.xml"]) == [
        "https://x.vn/sitemap-1.xml",
        "https://x.vn/sitemap-2.xml",
        "https://x.vn/sitemap-3.xml",
    ]
    parts = [loc for name in list(files)[1:] for loc in _locs(files[name])]
    assert parts == [entry.loc for entry in entries]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_urlset_text_reads_back_with_every_character(count):
    entries = [
        PageEntry(f"https://x.vn/t\u00ecm?a=1&b=<{n}>/", NOW if n % 2 else None)
        for n in range(count)
    ]
    root = ET.fromstring(urlset(entries))
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert _locs(urlset(entries)) == [entry.loc for entry in entries]
    lastmods = [url.findtext("s:lastmod", None, NS) for url in root.iterfind("s:url", NS)]
    assert lastmods == [entry.lastmod and entry.lastmod.isoformat() for entry in entries]


def _news(hours_ago: float, name: str = "") -> NewsEntry:
    return NewsEntry(f"/{name}/", name, NOW - datetime.timedelta(hours=hours_ago))


def test_recent_news_window_newest_first():
    entries = [_news(47, "hom-kia"), _news(1, "moi"), _news(72, "ba-ngay"), _news(-1, "sau")]
    chosen = recent_news(entries, NOW, datetime.timedelta(days=2), 1000)
    assert [entry.title for entry in chosen] == ["moi", "hom-kia"]


def test_recent_news_at_most_the_limit():
    entries = [_news(minutes / 60, str(minutes)) for minutes in range(1001)]
    chosen = recent_news(entries, NOW, datetime.timedelta(days=2), 1000)
    assert len(chosen) == 1000
    assert chosen[0].title == "0"
    assert "1000" not in {entry.title for entry in chosen}


def test_news_urlset_fields():
    entry = NewsEntry("https://x.vn/a/", "Tin & ảnh", datetime.datetime(2024, 3, 4, 8, tzinfo=TZ))
    root = ET.fromstring(news_urlset([entry], "Báo Hòa Bình", "vi"))
    url = root.find("s:url", NS)
    assert url.findtext("s:loc", namespaces=NS) == "https://x.vn/a/"
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Báo Hòa Bình"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "vi"
    assert news.findtext("news:publication_date", namespaces=NS) == "2024-03-04T08:00:00+07:00"
    assert news.findtext("news:title", namespaces=NS) == "Tin & ảnh"
