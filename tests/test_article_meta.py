"""What an article page tells search engines: canonical URL, Open Graph and
Twitter tags, NewsArticle JSON-LD matching what the reader sees; byline and
keyword links; the 404 page."""

import json

import pytest
from conftest import article, image_bytes

SITEURL = "https://baohoabinh.com.vn"
URL = "/chinh-tri/2024/03/01/tang-cuong-dan-van-chinh-quyen/"
PLAIN_URL = "/kinh-te/2024/02/29/gia-lua-tang/"
SECTIONS = ["chinh-tri", "kinh-te", "xa-hoi", "van-hoa", "the-thao", "phap-luat", "quoc-te"]

CONTENT = {
    "main.md": article(
        'Tăng cường "dân vận" chính quyền',
        "2024-03-01 08:00",
        summary="Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo.",
        author="Lê Chung",
        image="images/anh.jpg",
        caption="Đồng chí Bí thư kiểm tra nhà máy.",
        tags="dân vận, chính quyền",
        modified="2024-03-02 10:30",
        body="UBND các cấp quan tâm chỉ đạo.\n\nĐoạn thứ hai.",
    ),
    "plain.md": article("Giá lúa tăng", "2024-02-29 10:00", category="Kinh tế"),
    "script.md": article(
        "Cảnh báo mã độc",
        "2024-02-28 10:00",
        category="Xã hội",
        summary="Tin tặc chèn &lt;/script&gt; vào trang.",
    ),
}
SCRIPT_URL = "/xa-hoi/2024/02/28/canh-bao-ma-doc/"


def _json_ld(page) -> dict:
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def _meta(page) -> dict[str, str]:
    tags = page.select("head meta[property], head meta[name]")
    return {tag.get("property") or tag.get("name"): tag["content"] for tag in tags}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site as publishconf.py builds it: absolute URLs from SITEURL."""
    from conftest import build

    root = tmp_path_factory.mktemp("published")
    content = root / "content"
    for name, text in CONTENT.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    (content / "images").mkdir()
    (content / "images" / "anh.jpg").write_bytes(image_bytes())
    return build(content, root / "output", SITEURL=SITEURL)


def test_json_ld_matches_the_page(published):
    page = published.page(URL)
    data = _json_ld(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.h1.get_text() == 'Tăng cường "dân vận" chính quyền'
    published_time, modified_time = page.select(".article__dateline time")
    assert data["datePublished"] == published_time["datetime"] == "2024-03-01T08:00:00+07:00"
    assert data["dateModified"] == modified_time["datetime"] == "2024-03-02T10:30:00+07:00"
    byline = page.select_one(".byline a")
    assert data["author"] == [{"@type": "Person", "name": byline.get_text(), "url": byline["href"]}]
    assert byline["href"] == f"{SITEURL}/tac-gia/le-chung/"
    assert data["articleSection"] == page.select_one(".article__section a").get_text()
    assert data["image"] == [f"{SITEURL}/images/anh.jpg"]
    assert published.exists("/images/anh.jpg")
    assert page.select_one(".lead-figure img")["src"].startswith(f"{SITEURL}/images/anh-")
    assert data["image"] == [f"{SITEURL}/images/anh.jpg"]
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"{SITEURL}{URL}"}
    assert data["publisher"]["name"] == "Báo Hòa Bình"
    assert data["publisher"]["url"] == f"{SITEURL}/"
    assert data["description"] == page.select_one(".sapo").get_text()
    assert data["keywords"] == [a.get_text() for a in page.select(".tags a")]


def test_json_ld_survives_a_closing_script_tag_in_the_text(published):
    page = published.page(SCRIPT_URL)
    raw = page.select_one('script[type="application/ld+json"]').string
    assert "</" not in raw
    assert _json_ld(page)["description"] == "Tin tặc chèn </script> vào trang."


def test_canonical_and_social_tags_under_a_siteurl(published):
    page = published.page(URL)
    assert page.select_one('link[rel="canonical"]')["href"] == f"{SITEURL}{URL}"
    meta = _meta(page)
    assert meta["og:url"] == f"{SITEURL}{URL}"
    assert meta["og:type"] == "article"
    assert meta["og:site_name"] == "Báo Hòa Bình"
    # The headline's quotes stay inside the attribute.
    assert meta["og:title"] == page.h1.get_text()
    assert meta["og:description"] == page.select_one(".sapo").get_text()
    assert meta["description"] == meta["og:description"]
    assert meta["og:image"] == meta["twitter:image"] == f"{SITEURL}/images/anh.jpg"
    assert meta["article:published_time"] == "2024-03-01T08:00:00+07:00"
    assert meta["article:modified_time"] == "2024-03-02T10:30:00+07:00"
    assert meta["article:section"] == "Chính trị"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == page.h1.get_text()


def test_article_without_author_or_image(published):
    page = published.page(PLAIN_URL)
    data = _json_ld(page)
    assert data["author"] == [data["publisher"]]
    assert "image" not in data
    assert data["dateModified"] == data["datePublished"] == "2024-02-29T10:00:00+07:00"
    assert page.select_one(".byline") is None
    meta = _meta(page)
    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta


def test_local_build_uses_root_relative_urls(build_site):
    site = build_site({**CONTENT, "images/anh.jpg": image_bytes()})
    page = site.page(URL)
    assert page.select_one('link[rel="canonical"]')["href"] == URL
    assert _meta(page)["og:url"] == URL
    data = _json_ld(page)
    assert data["mainEntityOfPage"]["@id"] == URL
    assert data["author"][0]["url"] == "/tac-gia/le-chung/"
    assert data["image"] == ["/images/anh.jpg"]


def test_byline_and_keywords_link_to_their_pages(build_site):
    site = build_site(CONTENT)
    page = site.page(URL)
    byline = page.select_one(".byline a")
    assert byline.get_text() == "Lê Chung"
    assert byline["href"] == "/tac-gia/le-chung/"
    tags = {a.get_text(): a["href"] for a in page.select(".tags a")}
    assert tags == {"dân vận": "/tag/dan-van/", "chính quyền": "/tag/chinh-quyen/"}
    for href in [byline["href"], *tags.values()]:
        listed = [a["href"] for a in site.page(href).select("main a")]
        assert URL in listed, href


def test_not_found_page(build_site):
    site = build_site(CONTENT)
    assert site.exists("/404.html")
    page = site.page("/404.html")
    assert page.html["lang"] == "vi"
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Không tìm thấy trang này"]
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert [a["href"] for a in page.select("nav.section-nav a")] == [
        f"/{slug}/" for slug in SECTIONS
    ]
    main_links = [a["href"] for a in page.select("main a")]
    assert "/" in main_links
    assert "/luu-tru/" in main_links
    assert all(f"/{slug}/" in main_links for slug in SECTIONS)
    search = page.select_one('header form[role="search"]')
    assert search["action"] == "/tim-kiem/"
    assert search.select_one('input[type="search"]')["name"] == "q"
    # Links are root-relative, so they work from whatever missing address it is shown at.
    for href in set(main_links):
        assert href.startswith("/")
        assert site.exists(href), href
