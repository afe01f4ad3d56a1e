"""sitemap.xml lists every public page; news-sitemap.xml the last two days' articles."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from conftest import article

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SITEURL = "https://baohoabinh.com.vn"

CONTENT = {
    "a.md": article(
        "Tin một",
        "2024-03-01 08:00",
        author="Lê Chung",
        tags="dân vận",
        modified="2024-03-02 09:00",
    ),
    "b.md": article("Tin hai", "2024-03-01 09:00"),
    "c.md": article("Tin kinh tế", "2024-02-29 10:00", category="Kinh tế"),
    "nhap.md": article("Bản nháp", "2024-03-01 10:00", status="draft"),
    "tuong-lai.md": article("Tin hẹn giờ", "2099-01-01 08:00"),
}


def _entries(site, name="sitemap.xml") -> dict[str, str | None]:
    root = ET.parse(site.output / name).getroot()
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.iterfind("s:url", NS)
    }


@pytest.fixture
def site(build_site):
    # One article per section page, so /chinh-tri/ has a second page.
    return build_site(CONTENT, SECTION_PAGE_SIZE=1)


def test_sitemap_lists_every_kind_of_public_page(site):
    locs = _entries(site)
    for url in [
        "/",
        "/chinh-tri/2024/03/01/tin-mot/",
        "/chinh-tri/2024/03/01/tin-hai/",
        "/kinh-te/2024/02/29/tin-kinh-te/",
        "/chinh-tri/",
        "/chinh-tri/trang/1/",
        "/the-thao/",
        "/2024/03/01/",
        "/chinh-tri/2024/03/01/",
        "/2024/03/",
        "/kinh-te/2024/02/",
        "/luu-tru/",
        "/tag/dan-van/",
        "/tac-gia/le-chung/",
    ]:
        assert url in locs, url


def test_sitemap_is_exactly_the_public_html_pages(site):
    listed = set(_entries(site))
    written = {
        "/" + path.removesuffix("index.html")
        for path in site.files()
        if path.endswith(".html") and path != "404.html"
    }
    assert listed == written
    assert "/404.html" not in listed


def test_sitemap_leaves_out_drafts_and_future_articles(site):
    text = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "ban-nhap" not in text
    assert "tin-hen-gio" not in text
    assert "2099" not in text


def test_articles_carry_their_last_modification(site):
    locs = _entries(site)
    assert locs["/chinh-tri/2024/03/01/tin-mot/"] == "2024-03-02T09:00:00+07:00"
    assert locs["/chinh-tri/2024/03/01/tin-hai/"] == "2024-03-01T09:00:00+07:00"


def test_sitemap_urls_are_absolute_under_a_siteurl(build_site):
    site = build_site(CONTENT, SITEURL=SITEURL)
    locs = _entries(site)
    assert f"{SITEURL}/" in locs
    assert f"{SITEURL}/chinh-tri/2024/03/01/tin-mot/" in locs
    assert all(loc.startswith(f"{SITEURL}/") for loc in locs)


def test_sitemap_becomes_an_index_past_its_limit(build_site):
    site = build_site(CONTENT, SITEURL=SITEURL, SITEMAP_MAX_URLS=10)
    root = ET.parse(site.output / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in root.iterfind("s:sitemap/s:loc", NS)]
    assert parts[0] == f"{SITEURL}/sitemap-1.xml"
    listed = {}
    for part in parts:
        listed.update(_entries(site, part.removeprefix(f"{SITEURL}/")))
    assert f"{SITEURL}/chinh-tri/2024/03/01/tin-mot/" in listed
    assert len(listed) > 10


# Google News sitemap ---------------------------------------------------------

NOW = datetime.datetime(2024, 3, 4, 12, 0)
NEWS_CONTENT = {
    "moi.md": article("Tin sáng nay", "2024-03-04 08:00"),
    "hom-kia.md": article("Tin hôm kia", "2024-03-02 13:00", category="Xã hội"),
    "ba-ngay.md": article("Tin ba ngày trước", "2024-03-01 11:00"),
    "sau.md": article("Tin đăng sau lúc dựng", "2024-03-04 15:00"),
    "nhap.md": article("Bản nháp mới", "2024-03-04 09:00", status="draft"),
}


def _news(site):
    root = ET.parse(site.output / "news-sitemap.xml").getroot()
    return root.findall("s:url", NS)


def test_news_sitemap_holds_the_last_two_days(build_site):
    site = build_site(NEWS_CONTENT, SITEURL=SITEURL, SITEMAP_NOW=NOW)
    urls = _news(site)
    assert [url.findtext("news:news/news:title", namespaces=NS) for url in urls] == [
        "Tin sáng nay",
        "Tin hôm kia",
    ]
    first = urls[0]
    assert first.findtext("s:loc", namespaces=NS) == (
        f"{SITEURL}/chinh-tri/2024/03/04/tin-sang-nay/"
    )
    news = first.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Báo Hòa Bình"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "vi"
    assert news.findtext("news:publication_date", namespaces=NS) == "2024-03-04T08:00:00+07:00"


def test_news_sitemap_keeps_the_newest_up_to_its_cap(build_site):
    site = build_site(NEWS_CONTENT, SITEMAP_NOW=NOW, NEWS_SITEMAP_MAX=1)
    assert [url.findtext("s:loc", namespaces=NS) for url in _news(site)] == [
        "/chinh-tri/2024/03/04/tin-sang-nay/"
    ]


def test_news_sitemap_is_empty_when_nothing_is_recent(build_site):
    later = datetime.datetime(2024, 4, 1, 8, 0)
    assert _news(build_site(NEWS_CONTENT, SITEMAP_NOW=later)) == []


def test_robots_txt_names_the_sitemaps_when_their_urls_are_absolute(build_site):
    published = build_site(CONTENT, SITEURL=SITEURL)
    assert published.path("/robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n"
        f"Sitemap: {SITEURL}/sitemap.xml\nSitemap: {SITEURL}/news-sitemap.xml\n"
    )
    local = build_site(CONTENT)
    assert local.path("/robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
