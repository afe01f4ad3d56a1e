"""Search: what the build indexes, the page /tim-kiem/, the box in every header.

What Pagefind stores for each indexed page is read back from its fragment files
(gzip of ``pagefind_dcd`` + JSON: the page's URL, indexed text and metadata), and
its word index from the chunk files. Queries themselves run in the browser:
tests/test_search_browser.py.
"""

import gzip
import json
import re
import unicodedata
from datetime import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import Site, article, build, build_files, tree_bytes, write_files

from newsroom.__main__ import main
from search_index import indexer
from search_index.chunks import (
    SIGNATURE,
    chunk_ranges,
    chunk_words,
    encode_chunk,
    group_words,
    split_index,
)
from search_index.folding import (
    MARK,
    has_words,
    index_form,
    reader_form,
    search_record,
    with_pairs,
    word_stem,
)
from search_index.indexer import articles_digest
from search_index.periods import periods

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


def unpack(path):
    """A Pagefind file's content: gzip of the signature and the data."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE)
    return data.removeprefix(SIGNATURE)


def indexed_pages(output):
    """URL → what Pagefind stored for that page, read from the bundle's fragments."""
    pages = {}
    for path in (output / "pagefind").glob("*/fragment/*.pf_fragment"):
        fragment = json.loads(unpack(path))
        pages[fragment["url"]] = fragment
    return pages


def index_chunks(bundle):
    """Chunk file name → the words it holds, for the chunks the bundle lists."""
    listed = (bundle / "pagefind-entry.json").read_text()
    meta = unpack(bundle / f"pagefind.{json.loads(listed)['languages']['vi']['hash']}.pf_meta")
    return {
        path.stem: [word for word, _ in chunk_words(unpack(path))]
        for path in (bundle / "index").glob("*.pf_index")
        if path.stem.encode() in meta
    }


def without_pairs(text):
    """Index text as readers see it: each word of the index as the word it starts with."""
    return re.sub(f"{MARK}\\w*", "", text)


def folded(text):
    """``text`` decomposed and stripped of its marks, as Pagefind folds words."""
    return "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )


# Pure functions ---------------------------------------------------------------


def test_index_form_writes_d_with_stroke_as_a_d_that_folds_to_d():
    assert index_form("Đà Nẵng, đường") == "Ḏà Nẵng, ḏường"
    # A letter of its own, so that a word is one form of one word to Pagefind…
    assert index_form("đường").isalpha()
    # …which, decomposed and stripped of its marks as Pagefind does, is plain "d".
    assert folded(index_form("Đường")) == "Duong"


def test_reader_form_undoes_index_form_and_leaves_other_text_alone():
    text = "Đồng chí Đinh Đức Đạt đi đường Đà Bắc — Dân vận khéo"
    assert reader_form(index_form(text)) == text
    assert index_form("Dân vận khéo") == "Dân vận khéo"


def test_pairs_join_each_two_neighbouring_words():
    assert with_pairs("Dân vận khéo") == "Dânǂvận vậnǂkhéo khéoǂǂ"
    assert with_pairs("năm  2024\nở") == "nămǂ2024  2024ǂở\nởǂǂ"
    assert with_pairs("Hòa") == "Hòaǂǂ"
    assert with_pairs("") == ""
    assert [word_stem(word) for word in ("dânǂvận", "khéoǂǂ", "Hòa")] == ["dân", "khéo", "Hòa"]


def test_punctuation_and_block_tags_end_a_phrase_inline_tags_do_not():
    assert with_pairs("Đà Nẵng, Hà Nội.") == "ĐàǂNẵng Nẵngǂǂ, HàǂNội Nộiǂǂ."
    assert with_pairs("<p>Lạc Sơn</p><p>Kim Bôi</p>") == (
        "<p>LạcǂSơn Sơnǂǂ</p><p>KimǂBôi Bôiǂǂ</p>"
    )
    assert with_pairs('phong trào <a href="/x/"><em>Dân</em> vận</a>') == (
        "phongǂtrào tràoǂDân Dânǂvận vậnǂǂ"
    )
    assert with_pairs("dòng một<br>dòng hai") == "dòngǂmột mộtǂǂ<br>dòngǂhai haiǂǂ"
    # Markup is left alone, and an entity is no word.
    assert with_pairs('<img alt="Ảnh tư liệu" src="a b.jpg">') == (
        '<img alt="Ảnh tư liệu" src="a b.jpg">'
    )
    assert with_pairs("tôm &amp; cua &#39;cá&#39;") == "tômǂǂ &amp; cuaǂǂ &#39;cáǂǂ&#39;"


def test_a_search_record_holds_what_readers_search_and_the_result_details():
    record = search_record(
        title="Đường về <Đà Bắc>",
        section="Xã hội",
        date="Thứ Sáu, 01/03/2024 08:00",
        sapo="Sapo & tóm tắt.",
        body_html="<p>Thân <em>bài</em>.</p>",
        caption="Chú thích ảnh.",
        author="Lê Chung",
        tags=["giao thông", "Đà Bắc"],
    )
    page = BeautifulSoup(reader_form(record), "html.parser")
    body = page.select_one("article[data-pagefind-body]")
    assert without_pairs(body.h1.get_text()) == "Đường về <Đà Bắc>"
    assert "Đườngǂvề" in body.h1.get_text()
    details = body.select_one("[data-pagefind-ignore]")
    # Pagefind indexes them too, so they are in pairs as well.
    meta = {span["data-pagefind-meta"]: span.get_text() for span in details.select("span")}
    assert meta["title"] == "Đườngǂvề vềǂǂ <ĐàǂBắc Bắcǂǂ>"
    assert {name: without_pairs(text) for name, text in meta.items()} == {
        "title": "Đường về <Đà Bắc>",
        "section": "Xã hội",
        "date": "Thứ Sáu, 01/03/2024 08:00",
    }
    assert without_pairs(body.select_one(".sapo").get_text()) == "Sapo & tóm tắt."
    assert without_pairs(body.select_one(".article__body").get_text()) == "Thân bài."
    assert "Chú thích ảnh." in without_pairs(body.get_text())
    assert without_pairs(body.select_one(".byline").get_text()) == "Lê Chung"
    tags = body.select_one(".tags").get_text()
    assert without_pairs(tags) == "giao thông Đà Bắc"
    assert "giaoǂthông" in tags
    assert "thôngǂĐà" not in tags
    assert "đ" not in record.casefold()
    assert page.title.get_text() == "Đường về <Đà Bắc>"


def test_a_record_has_words_if_a_letter_or_digit_is_in_its_text():
    fields = {"title": "-", "sapo": "", "caption": None, "author": None, "tags": []}
    assert not has_words({**fields, "body_html": "<p>:</p>"})
    assert not has_words({**fields, "body_html": '<p class="x">&amp; <img alt="ảnh"></p>'})
    assert has_words({**fields, "body_html": "<p>:</p>", "tags": ["-", "2024"]})
    assert has_words({**fields, "title": "Ảnh", "body_html": ""})
    assert has_words({**fields, "body_html": "<p><em>ạ</em></p>"})


def test_words_are_grouped_into_chunks_of_at_most_the_limit():
    words = [(key, b"x" * size) for key, size in zip("abcdef", (4, 5, 2, 12, 3, 3), strict=True)]
    groups = group_words(words, 10)
    assert [[key for key, _ in group] for group in groups] == [["a", "b"], ["c"], ["d"], ["e", "f"]]
    assert group_words([], 10) == []


def test_the_words_a_word_of_the_text_starts_share_a_chunk_however_big():
    keys = ["da", "danǂvan", "danǂcu", "danǂǂ", "dang", "dangǂbo"]
    words = [(key, b"x" * 4) for key in keys]
    groups = group_words(words, 6)
    assert [[key for key, _ in group] for group in groups] == [
        ["da"],
        ["danǂvan", "danǂcu", "danǂǂ"],
        ["dang", "dangǂbo"],
    ]
    # A family that does not fit where a chunk has begun begins the next one.
    groups = group_words([("a", b"xx"), *words[1:4]], 13)
    assert [[key for key, _ in group] for group in groups] == [
        ["a"],
        ["danǂvan", "danǂcu", "danǂǂ"],
    ]


def _dated(*dates):
    return [SimpleNamespace(date=datetime.fromisoformat(date)) for date in dates]


def test_a_year_within_the_limit_is_one_period_newest_first():
    articles = _dated("2023-05-01", "2024-02-01", "2024-11-30", "2024-03-05")
    found = periods(articles, 3)
    assert [(period.name, period.label, period.since) for period in found] == [
        ("2024", "năm 2024", "năm 2024"),
        ("2023", "năm 2023", "năm 2023"),
    ]
    assert [article.date.date().isoformat() for article in found[0].articles] == [
        "2024-11-30",
        "2024-03-05",
        "2024-02-01",
    ]


def test_a_longer_year_is_cut_into_runs_of_months_counted_from_its_last():
    months = ["2024-01-02", "2024-01-09", "2024-02-03", "2024-04-01", "2024-04-02"]
    busy_june = [f"2024-06-{day:02d}" for day in range(1, 5)]
    found = periods(_dated(*months, *busy_june, "2024-07-01"), 3)
    assert [(period.label, len(period.articles)) for period in found] == [
        ("tháng 7/2024", 1),
        ("tháng 6/2024", 4),  # a month of more articles than the limit: alone
        ("tháng 2–4/2024", 3),
        ("tháng 1/2024", 2),
    ]
    assert [period.name for period in found] == ["2024-07", "2024-06", "2024-02", "2024-01"]
    assert found[2].since == "tháng 2/2024"
    assert found[2].articles[0].date.isoformat() == "2024-04-02T00:00:00"
    # An article of the last month changes the last period only.
    more = periods(_dated(*months, *busy_june, "2024-07-01", "2024-07-09"), 3)
    assert [period.name for period in more] == [period.name for period in found]
    assert [len(period.articles) for period in more] == [2, 4, 3, 2]


def test_chunk_ranges_are_cut_where_neighbours_differ():
    # As Pagefind's chunk_meta: one character past the prefix two neighbours share.
    assert chunk_ranges([("an", "dong"), ("du", "nang"), ("nhau", "van")]) == [
        ("an", "do"),
        ("du", "na"),
        ("nh", "van"),
    ]
    assert chunk_ranges([("a", "b")]) == [("a", "b")]


def test_a_bundle_digest_is_that_of_its_articles_code_and_settings(monkeypatch):
    articles = [("/b/", {"title": "B", "tags": ["x"]}), ("/a/", {"title": "A", "tags": []})]
    digest = articles_digest(articles, 100)
    assert articles_digest(articles[::-1], 100) == digest
    assert articles_digest(articles, 200) != digest
    assert articles_digest([("/b/", {"title": "B", "tags": ["y"]}), articles[1]], 100) != digest
    assert articles_digest(articles, 100, exclude=[".article__body"]) != digest
    assert articles_digest(articles, 100, language="en") != digest
    monkeypatch.setattr(indexer, "BUNDLE_CODE", indexer.BUNDLE_CODE + b"#")
    assert articles_digest(articles, 100) != digest


# The build ----------------------------------------------------------------------


def test_index_holds_published_articles_only_with_section_date_and_text(build_site):
    site = build_site(CONTENT)
    pages = indexed_pages(site.output)
    assert sorted(pages) == [ARTICLE_URL, "/kinh-te/2024/03/02/gia-lua-tang/"]
    entry = json.loads((site.output / "pagefind" / "2024" / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == 2

    page = pages[ARTICLE_URL]
    meta = {name: without_pairs(reader_form(text)) for name, text in page["meta"].items()}
    assert meta["title"] == "Phong trào Dân vận khéo ở Lạc Sơn"
    assert meta["section"] == "Chính trị"
    assert meta["date"] == "Thứ Sáu, 01/03/2024 08:00"
    text = without_pairs(reader_form(page["content"]))
    assert text.startswith("Phong trào Dân vận khéo ở Lạc Sơn.")
    assert "Sapo về dân vận." in text
    assert "Con đường bê tông về xóm Đồng Tâm." in text
    assert "dân vận" in text.split("Đồng Tâm.")[-1]  # the tags
    # Stored in index form, with the pairs of words; the section line, dateline
    # and other news are not text.
    assert "ḏường" in page["content"]
    assert "Dânǂvận vậnǂkhéo khéoǂở" in page["content"]
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
    content = reader_form(indexed_pages(site.output)[ARTICLE_URL]["content"])
    assert "Sapo về dân vận." in without_pairs(content)
    assert "bê" not in content  # nor the pairs of its words


def test_index_is_split_into_chunks_of_at_most_the_limit(tmp_path):
    whole = build_files(tmp_path / "whole", CONTENT).output / "pagefind" / "2024"
    split = build_files(tmp_path / "split", CONTENT, SEARCH_CHUNK_BYTES=100).output
    bundle = split / "pagefind" / "2024"
    chunks = index_chunks(bundle)
    # The chunks the metadata lists are the index's files, no other.
    assert sorted(chunks) == sorted(path.stem for path in (bundle / "index").iterdir())
    assert len(index_chunks(whole)) == 1
    assert len(chunks) > 5
    # In order, the words of the one chunk Pagefind wrote for so small a site.
    in_order = sorted(chunks.values())
    words = [word for chunk in in_order for word in chunk]
    assert words == next(iter(index_chunks(whole).values()))
    assert "danǂvan" in words
    for path in (bundle / "index").iterdir():
        data = unpack(path)
        # A chunk's own array heads take at most 4 bytes; the words a word of the
        # text starts are never parted.
        in_chunk = chunk_words(data)
        assert len(data) <= 100 + 4 or len({word_stem(word) for word, _ in in_chunk}) == 1
        assert encode_chunk(chunk_words(data)) == data


def test_an_index_of_another_pagefind_version_is_not_split(build_site):
    bundle = build_site(CONTENT).output / "pagefind" / "2024"
    entry = bundle / "pagefind-entry.json"
    entry.write_text(entry.read_text().replace('"version":"1.5.2"', '"version":"1.6.0"'))
    with pytest.raises(RuntimeError, match=r"Pagefind 1\.6\.0"):
        split_index(bundle, 300)


def test_a_year_without_a_word_to_search_has_no_index(build_site):
    site = build_site({"dau.md": article("-", "2023-05-01 08:00", body=":"), **CONTENT})
    bundles = json.loads(site.page("/tim-kiem/").select_one(".search-results")["data-bundles"])
    assert [bundle["label"] for bundle in bundles] == ["năm 2024"]
    assert sorted(path.name for path in (site.output / "pagefind").iterdir()) == ["2024"]


def test_a_bundle_holds_what_the_search_page_loads_and_no_more(build_site):
    bundle = build_site(CONTENT).output / "pagefind" / "2024"
    files = sorted(path.name for path in bundle.iterdir())
    assert files[:4] == ["fragment", "index", "pagefind-entry.json", "pagefind.js"]
    assert re.fullmatch(r"pagefind\.vi_\w+\.pf_meta", files[4])
    assert files[5:] == ["records.sha1", "wasm.unknown.pagefind"]


def test_bundle_is_written_where_pelican_builds(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "tin.md").write_text(CONTENT["dan-van.md"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    site = build(content, tmp_path / "staging-1234")
    assert (site.output / "pagefind" / "2024" / "pagefind.js").is_file()
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
    assert json.loads(results["data-bundles"]) == [
        {"label": "năm 2024", "since": "năm 2024", "url": "pagefind/2024/pagefind.js"}
    ]
    assert results["data-root"] == "/"
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


def test_absolute_urls_with_siteurl(build_site):
    site = build_site(CONTENT, SITEURL="https://baohoabinh.example")
    page = site.page("/tim-kiem/")
    assert page.select_one(".search-results")["data-root"] == "https://baohoabinh.example/"
    assert page.select_one("header form[role=search]")["action"] == (
        "https://baohoabinh.example/tim-kiem/"
    )


def test_each_year_has_its_bundle_and_an_unchanged_year_is_not_indexed_again(tmp_path, capsys):
    content = write_files(
        tmp_path / "content",
        {
            "cu.md": article("Tin năm trước", "2023-12-31 23:50", body="Lễ hội cuối năm."),
            **CONTENT,
        },
    )
    arguments = ["build", "-i", str(content), "-o", str(tmp_path / "output")]
    assert main(arguments) == 0
    site = Site(tmp_path / "output")
    bundles = json.loads(site.page("/tim-kiem/").select_one(".search-results")["data-bundles"])
    assert [bundle["label"] for bundle in bundles] == ["năm 2024", "năm 2023"]
    pages = indexed_pages(site.output)
    assert "/chinh-tri/2023/12/31/tin-nam-truoc/" in pages
    files_2023 = [path for path in (site.output / "pagefind" / "2023").rglob("*") if path.is_file()]
    year_2023 = {path: path.stat().st_ino for path in files_2023}
    entry_2024 = (site.output / "pagefind" / "2024" / "pagefind-entry.json").read_bytes()

    write_files(content, {"moi.md": article("Tin mới trong năm", "2024-03-03 08:00")})
    assert main(arguments) == 0
    assert {path: path.stat().st_ino for path in year_2023} == year_2023
    assert (site.output / "pagefind" / "2024" / "pagefind-entry.json").read_bytes() != entry_2024
    assert "/chinh-tri/2024/03/03/tin-moi-trong-nam/" in indexed_pages(site.output)


def test_a_year_of_more_articles_than_a_bundle_holds_is_cut_into_runs_of_months(tmp_path):
    files = {
        f"tin-{month}-{day}.md": article(f"Tin {day}/{month}", f"2024-{month:02d}-{day:02d} 08:00")
        for month, days in ((1, 2), (2, 1), (3, 2), (5, 1))
        for day in range(1, days + 1)
    }
    site = build_files(tmp_path / "site", {**files, **CONTENT}, SEARCH_BUNDLE_ARTICLES=3)
    bundles = json.loads(site.page("/tim-kiem/").select_one(".search-results")["data-bundles"])
    # CONTENT's two articles are of March.
    assert bundles == [
        {"label": "tháng 5/2024", "since": "tháng 5/2024", "url": "pagefind/2024-05/pagefind.js"},
        {"label": "tháng 3/2024", "since": "tháng 3/2024", "url": "pagefind/2024-03/pagefind.js"},
        {"label": "tháng 1–2/2024", "since": "tháng 1/2024", "url": "pagefind/2024-01/pagefind.js"},
    ]
    march = site.output / "pagefind" / "2024-03" / "fragment"
    urls = {json.loads(unpack(path))["url"] for path in march.glob("*.pf_fragment")}
    assert len(urls) == 4
    assert ARTICLE_URL in urls


def test_a_failed_index_fails_the_build_and_leaves_the_site(tmp_path, monkeypatch, capsys):
    content = write_files(tmp_path / "content", CONTENT)
    arguments = ["build", "-i", str(content), "-o", str(tmp_path / "output")]
    assert main(arguments) == 0
    before = tree_bytes(tmp_path / "output")
    write_files(content, {"moi.md": article("Tin mới trong năm", "2024-03-03 08:00")})
    monkeypatch.setattr(indexer, "get_executable", lambda: "/bin/false")
    assert main(arguments) != 0
    assert "Pagefind failed (1)" in capsys.readouterr().err
    assert tree_bytes(tmp_path / "output") == before
    assert not list((tmp_path).glob("*/.search-index-*"))
