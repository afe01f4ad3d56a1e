"""An article printed from Debian's Chromium: headline, date, body and byline,
without the menu, the date form, Các tin khác or the footer."""

import pytest
from conftest import article, build_files
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

URL = "/chinh-tri/2024/03/01/tin-can-in/"
CONTENT = {
    "truoc.md": article("Tin đăng trước", "2024-02-29 08:00", summary="Sapo tin trước."),
    "in.md": article(
        "Tin cần in",
        "2024-03-01 08:00",
        summary="Sapo của tin cần in.",
        author="Lê Chung",
        tags="dân vận",
        body="Đoạn thân bài thứ nhất.\n\nĐoạn thân bài thứ hai.",
    ),
}
SHOWN = ["h1", ".article__dateline time", ".sapo", ".article__body", ".byline"]
HIDDEN = ["nav.section-nav", "form.date-archive", "section.other-news", "footer.site-footer"]


@pytest.fixture(scope="module")
def article_page(tmp_path_factory, served, browser):
    base_url = served(build_files(tmp_path_factory.mktemp("print_site"), CONTENT))
    page = browser.new_page(locale="vi-VN")
    page.goto(base_url + URL)
    yield page
    page.close()


def test_screen_shows_everything(article_page):
    article_page.emulate_media(media="screen")
    for selector in SHOWN + HIDDEN:
        expect(article_page.locator(selector).first).to_be_visible()


def test_print_keeps_the_article_only(article_page):
    article_page.emulate_media(media="print")
    for selector in SHOWN:
        expect(article_page.locator(selector).first).to_be_visible()
    for selector in HIDDEN:
        expect(article_page.locator(selector)).to_be_hidden()
    expect(article_page.locator("h1")).to_have_text("Tin cần in")
    expect(article_page.locator(".byline")).to_have_text("Lê Chung")
