"""Search: what the build indexes, the page /tim-kiem/, the box in every header.

What Pagefind stores for each indexed page is read back from its fragment files
(gzip of ``pagefind_dcd`` + JSON: the page's URL, indexed text and metadata).
Queries themselves run in the browser: tests/test_search_browser.py.
"""

import gzip
import json
import unicodedata

from conftest import article, build

from search_index.folding import (
    STROKE,
    index_form,
    page_url,
    pages_to_index,
    reader_form,
)

DRAFT_WORD = "Bảnmậtdựthảo"
FUTURE_WORD = "Tintươnglai"

CONTENT = {
    "dan-van.md": article(
        "Phong trào Dân vận khéo ở Lạc Sơn",
        "2024-03-01 08:00",
        summary="Sapo về dân vận.",
        body="Con đường bê tông về xóm Đồng Tâm.",
        tags="dân vận",
    ),
    "kinh-te.md": article("Giá lúa tăng", "2024-03-02 09:30", category="Kinh tế"),
    "nhap.md": article(f"Bài nháp {DRAFT_WORD}", "2024-03-01 10:00", status="draft"),
    "tuong-lai.md": article(f"Bài hẹn giờ {FUTURE_WORD}", "2099-01-01 08:00"),
}
ARTICLE_URL = "/chinh-tri/2024/03/01/phong-trao-dan-van-kheo-o-lac-son/"


def indexed_pages(output):
    """URL → what Pagefind stored for that page, read from the bundle's fragments."""
    pages = {}
    for path in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
        pages[fragment["url"]] = fragment
    return pages


# Pure functions ---------------------------------------------------------------


def test_index_form_writes_d_with_stroke_as_d_plus_combining_stroke():
    assert index_form("Đà Nẵng, đường") == f"D{STROKE}à Nẵng, d{STROKE}ường"
    # Decomposed and stripped of its marks, as Pagefind does, it is plain "d".
    folded = "".join(
        char
        for char in unicodedata.normalize("NFD", index_form("Đường"))
        if not unicodedata.combining(char)
    )
    assert folded == "Duong"


def test_reader_form_undoes_index_form_and_leaves_other_text_alone():
    text = "Đồng chí Đinh Đức Đạt đi đường Đà Bắc — Dân vận khéo"
    assert reader_form(index_form(text)) == text
    assert index_form("Dân vận khéo") == "Dân vận khéo"


def test_page_url_drops_index_html():
    assert page_url("chinh-tri/2024/03/01/tin/index.html") == "/chinh-tri/2024/03/01/tin/"
    assert page_url("index.html") == "/"
    assert page_url("rieng.html") == "/rieng.html"


def test_only_pages_that_mark_a_body_are_indexed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        "<article data-pagefind-body><h1>Tin</h1></article>", encoding="utf-8"
    )
    (tmp_path / "index.html").write_text("<h1>Trang chủ</h1>", encoding="utf-8")
    (tmp_path / "style.css").write_text("data-pagefind-body {}", encoding="utf-8")
    assert [url for url, _ in pages_to_index(tmp_path)] == ["/a/"]


# The build ----------------------------------------------------------------------


def test_index_holds_published_articles_only_with_section_date_and_text(build_site):
    site = build_site(CONTENT)
    pages = indexed_pages(site.output)
    assert sorted(pages) == [ARTICLE_URL, "/kinh-te/2024/03/02/gia-lua-tang/"]
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == 2

    page = pages[ARTICLE_URL]
    assert page["meta"]["title"] == "Phong trào Dân vận khéo ở Lạc Sơn"
    assert page["meta"]["section"] == "Chính trị"
    assert page["meta"]["date"] == "Thứ Sáu, 01/03/2024 08:00"
    text = reader_form(page["content"])
    assert "Sapo về dân vận." in text
    assert "Con đường bê tông về xóm Đồng Tâm." in text
    assert "dân vận" in text.split("Đồng Tâm.")[-1]  # the tags
    # Stored in index form; the section line, dateline and other news are not text.
    assert f"d{STROKE}ường" in page["content"]
    assert "Thứ Sáu" not in text
    assert "Các tin khác" not in text
    assert "Giá lúa tăng" not in text

    # Nowhere in the output, Pagefind's gzipped files opened.
    everything = b"".join(
        gzip.decompress(path.read_bytes()) if path.suffix.startswith(".pf_") else path.read_bytes()
        for path in site.output.rglob("*")
        if path.is_file()
    )
    assert "Dân vận khéo".encode() in everything
    for word in (DRAFT_WORD, FUTURE_WORD):
        assert word.encode() not in everything


def test_excluded_parts_are_not_indexed(build_site):
    site = build_site(CONTENT, SEARCH_EXCLUDE_SELECTORS=[".article__body"])
    text = reader_form(indexed_pages(site.output)[ARTICLE_URL]["content"])
    assert "Sapo về dân vận." in text
    assert "bê tông" not in text


def test_bundle_is_written_where_pelican_builds(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "tin.md").write_text(CONTENT["dan-van.md"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    site = build(content, tmp_path / "staging-1234")
    assert (site.output / "pagefind" / "pagefind.js").is_file()
    assert list(indexed_pages(site.output)) == [ARTICLE_URL]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "staging-1234"]


def test_search_page_form_and_message_without_javascript(build_site):
    site = build_site(CONTENT)
    page = site.page("/tim-kiem/")
    assert page.h1.get_text() == "Tìm kiếm"
    form = page.select_one("main form.search-form")
    assert form["action"] == "/tim-kiem/"
    assert form["method"] == "get"
    assert form.select_one("input[type=search]")["name"] == "q"
    assert form.find("label").get_text() == "Từ khóa"
    assert form.button.get_text() == "Tìm"
    message = page.noscript
    assert "Tìm kiếm cần JavaScript" in message.get_text()
    links = {a.get_text(): a["href"] for a in message.find_all("a")}
    assert links["Lưu trữ tin bài"] == "/luu-tru/"
    assert links["Chính trị"] == "/chinh-tri/"
    assert links["Quốc tế"] == "/quoc-te/"
    assert len(links) == 8
    results = page.select_one(".search-results")
    assert results["data-bundle"] == "/pagefind/pagefind.js"
    assert results.has_attr("hidden")
    # The search page is no search result itself.
    assert not page.select("[data-pagefind-body]")


def test_every_page_has_the_search_box_in_its_header(build_site):
    site = build_site(CONTENT)
    for url in ("/", ARTICLE_URL, "/chinh-tri/", "/2024/03/01/", "/luu-tru/", "/tim-kiem/"):
        box = site.page(url).select_one("header.site-header form[role=search]")
        assert box is not None, url
        assert box["action"] == "/tim-kiem/"
        assert box["method"] == "get"
        assert box.select_one("input[type=search]")["name"] == "q"
        assert box.find("label").get_text() == "Tìm bài viết"


def test_only_article_pages_mark_a_body_to_index(build_site):
    site = build_site(CONTENT)
    marked = [
        name
        for name in site.files()
        if name.endswith(".html") and "data-pagefind-body" in site.path("/" + name).read_text()
    ]
    assert marked == [
        "chinh-tri/2024/03/01/phong-trao-dan-van-kheo-o-lac-son/index.html",
        "kinh-te/2024/03/02/gia-lua-tang/index.html",
    ]


def test_absolute_urls_with_siteurl(build_site):
    site = build_site(CONTENT, SITEURL="https://baohoabinh.example")
    page = site.page("/tim-kiem/")
    assert page.select_one(".search-results")["data-bundle"] == (
        "https://baohoabinh.example/pagefind/pagefind.js"
    )
    assert page.select_one("header form[role=search]")["action"] == (
        "https://baohoabinh.example/tim-kiem/"
    )
