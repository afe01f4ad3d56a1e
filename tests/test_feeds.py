"""Atom and RSS feeds of the site and of each section, and the links to them."""

import xml.etree.ElementTree as ET

import pytest
from conftest import article

ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEURL = "https://baohoabinh.com.vn"

CONTENT = {
    "sua.md": article(
        "Tin đã sửa",
        "2024-03-01 08:00",
        summary="Sapo của tin đã sửa.",
        modified="2024-03-02 10:30",
        author="Lê Chung",
        body="Đoạn một của tin đã sửa.\n\nĐoạn hai.",
    ),
    "moi.md": article("Tin mới nhất", "2024-03-01 09:00", body="Đoạn mở đầu tin mới.\n\nĐoạn sau."),
    "kinh-te.md": article("Tin kinh tế", "2024-02-29 10:00", category="Kinh tế"),
    "nhap.md": article("Bản nháp", "2024-03-01 10:00", status="draft"),
    "tuong-lai.md": article("Tin hẹn giờ", "2099-01-01 08:00"),
}


@pytest.fixture
def site(build_site):
    return build_site(CONTENT)


def _atom(site, name):
    return ET.parse(site.output / "feeds" / name).getroot()


def _titles(feed):
    return [entry.findtext("a:title", namespaces=ATOM) for entry in feed.iterfind("a:entry", ATOM)]


def _entry(feed, title):
    for entry in feed.iterfind("a:entry", ATOM):
        if entry.findtext("a:title", namespaces=ATOM) == title:
            return entry
    raise AssertionError(f"no entry {title!r}")


def test_site_feed_newest_first_without_drafts_or_future(site):
    feed = _atom(site, "all.atom.xml")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert _titles(feed) == ["Tin mới nhất", "Tin đã sửa", "Tin kinh tế"]
    rss = ET.parse(site.output / "feeds" / "all.rss.xml").getroot()
    assert [item.findtext("title") for item in rss.iter("item")] == _titles(feed)


def test_section_feeds_hold_their_section_only(site):
    assert _titles(_atom(site, "chinh-tri.atom.xml")) == ["Tin mới nhất", "Tin đã sửa"]
    assert _titles(_atom(site, "kinh-te.atom.xml")) == ["Tin kinh tế"]
    rss = ET.parse(site.output / "feeds" / "kinh-te.rss.xml").getroot()
    assert [item.findtext("title") for item in rss.iter("item")] == ["Tin kinh tế"]


def test_no_feed_mentions_a_draft_or_future_article(site):
    for path in (site.output / "feeds").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "Bản nháp" not in text
        assert "Tin hẹn giờ" not in text


def test_updated_comes_from_modified(site):
    feed = _atom(site, "all.atom.xml")
    edited = _entry(feed, "Tin đã sửa")
    assert edited.findtext("a:published", namespaces=ATOM) == "2024-03-01T08:00:00+07:00"
    assert edited.findtext("a:updated", namespaces=ATOM) == "2024-03-02T10:30:00+07:00"
    unedited = _entry(feed, "Tin mới nhất")
    assert unedited.findtext("a:updated", namespaces=ATOM) == "2024-03-01T09:00:00+07:00"
    # The feed itself was last updated by the correction, not the newest article.
    assert feed.findtext("a:updated", namespaces=ATOM) == "2024-03-02T10:30:00+07:00"


def test_summary_is_the_sapo_and_content_the_body(site):
    feed = _atom(site, "all.atom.xml")
    edited = _entry(feed, "Tin đã sửa")
    assert edited.findtext("a:summary", namespaces=ATOM) == "Sapo của tin đã sửa."
    assert "<p>Đoạn hai.</p>" in edited.findtext("a:content", namespaces=ATOM)
    assert edited.findtext("a:author/a:name", namespaces=ATOM) == "Lê Chung"
    newest = _entry(feed, "Tin mới nhất")
    assert newest.findtext("a:summary", namespaces=ATOM) == "Đoạn mở đầu tin mới."
    rss = ET.parse(site.output / "feeds" / "all.rss.xml").getroot()
    assert next(rss.iter("item")).findtext("description") == "Đoạn mở đầu tin mới."


def _alternates(page):
    return [link["href"] for link in page.select('head link[rel="alternate"]')]


def test_pages_link_the_site_feed_and_their_section_feed(site):
    site_feeds = ["/feeds/all.atom.xml", "/feeds/all.rss.xml"]
    politics = ["/feeds/chinh-tri.atom.xml", "/feeds/chinh-tri.rss.xml"]
    assert _alternates(site.page("/")) == site_feeds
    assert _alternates(site.page("/luu-tru/")) == site_feeds
    assert _alternates(site.page("/chinh-tri/")) == site_feeds + politics
    assert _alternates(site.page("/chinh-tri/2024/03/01/tin-moi-nhat/")) == site_feeds + politics
    assert _alternates(site.page("/chinh-tri/2024/03/01/")) == site_feeds + politics
    economy = ["/feeds/kinh-te.atom.xml", "/feeds/kinh-te.rss.xml"]
    assert _alternates(site.page("/kinh-te/2024/02/29/tin-kinh-te/")) == site_feeds + economy
    # A section without articles has no feed, so its page links none.
    assert _alternates(site.page("/the-thao/")) == site_feeds
    assert not (site.output / "feeds" / "the-thao.atom.xml").exists()
    for href in site_feeds + politics:
        assert (site.output / href.lstrip("/")).is_file()


def test_feeds_use_absolute_urls_under_a_siteurl(build_site):
    site = build_site(CONTENT, SITEURL=SITEURL)
    feed = _atom(site, "chinh-tri.atom.xml")
    assert feed.find("a:link[@rel='self']", ATOM).get("href") == (
        f"{SITEURL}/feeds/chinh-tri.atom.xml"
    )
    links = [link.get("href") for link in feed.iterfind("a:entry/a:link", ATOM)]
    assert links == [
        f"{SITEURL}/chinh-tri/2024/03/01/tin-moi-nhat/",
        f"{SITEURL}/chinh-tri/2024/03/01/tin-da-sua/",
    ]
    assert _entry(feed, "Tin đã sửa").findtext("a:summary", namespaces=ATOM) == (
        "Sapo của tin đã sửa."
    )
    assert _alternates(site.page("/")) == [
        f"{SITEURL}/feeds/all.atom.xml",
        f"{SITEURL}/feeds/all.rss.xml",
    ]
