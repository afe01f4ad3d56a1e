"""The "Xem các tin đã đưa ngày" form, driven in Debian's Chromium.

One tiny site is built and served for the whole module. Its days with news
(Asia/Ho_Chi_Minh local days):

- 25/02/2024 Xã hội
- 27/02/2024 Chính trị
- 28/02/2024 Kinh tế (23:50, so it belongs to 28/02, not 29/02)
- 29/02/2024 Chính trị (00:15, so it belongs to 29/02, not 28/02)

No news on 26/02/2024 or 01/03/2024 in any section.
"""

from urllib.parse import parse_qs, urlparse

import pytest
from conftest import article, build_files
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


SOCIETY = "Khánh thành nhà văn hóa xóm Mít"
POLITICS_27 = "Hội nghị Tỉnh ủy lần thứ mười"
ECONOMY_28 = "Giá lúa tăng mạnh cuối tháng"
POLITICS_29 = "Kỳ họp chuyên đề HĐND tỉnh"

POLITICS_27_URL = "/chinh-tri/2024/02/27/hoi-nghi-tinh-uy-lan-thu-muoi/"

CONTENT = {
    "xa-hoi.md": article(SOCIETY, "2024-02-25 10:00", category="Xã hội"),
    "chinh-tri-27.md": article(POLITICS_27, "2024-02-27 09:00"),
    "kinh-te-28.md": article(ECONOMY_28, "2024-02-28 23:50", category="Kinh tế"),
    "chinh-tri-29.md": article(POLITICS_29, "2024-02-29 00:15"),
}

THIS_SECTION = "Chuyên mục này"
ALL_SECTIONS = "Mọi chuyên mục"
DATE_INPUT = "form.date-archive input[name=date]"


# Fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, served):
    """The module's site, built once and served on a free local port."""
    return served(build_files(tmp_path_factory.mktemp("date_archive_site"), CONTENT))


@pytest.fixture
def page(browser):
    """A page in a fresh context, as a reader in Việt Nam would have it."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    yield context.new_page()
    context.close()


@pytest.fixture
def js_errors(page):
    """Console errors and uncaught exceptions of ``page``, collected as text."""
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"console: {message.text} ({message.location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    return errors


# Helpers ----------------------------------------------------------------------


def path_of(page) -> str:
    return urlparse(page.url).path


def wait_for_path(page, path: str) -> None:
    page.wait_for_url(lambda url: urlparse(url).path == path)


def date_form(page):
    return page.locator("form.date-archive")


def status_of(page):
    return date_form(page).get_by_role("status")


def choose(page, day: str, scope: str | None = None) -> None:
    """Type ``day`` (YYYY-MM-DD) and, if given, click the scope's label."""
    page.fill(DATE_INPUT, day)
    if scope:
        date_form(page).get_by_text(scope, exact=True).click()
        expect(date_form(page).get_by_label(scope, exact=True)).to_be_checked()


def press_xem(page) -> None:
    date_form(page).get_by_role("button", name="Xem", exact=True).click()


def expect_listed(page, title: str) -> None:
    expect(page.get_by_role("main").get_by_role("link", name=title)).to_be_visible()


def expect_not_listed(page, title: str) -> None:
    expect(page.get_by_role("main").get_by_role("link", name=title)).to_have_count(0)


def expect_day_heading(page, day: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(day)


def calendar_days(page) -> list[str]:
    """The day numbers the month calendar links, in calendar order."""
    return page.get_by_role("table").get_by_role("link").all_inner_texts()


# With JavaScript ----------------------------------------------------------------


def test_this_section_opens_the_sections_day_page(page, js_errors, base_url):
    page.goto(base_url + POLITICS_27_URL)

    choose(page, "2024-02-29", THIS_SECTION)
    press_xem(page)

    wait_for_path(page, "/chinh-tri/2024/02/29/")
    expect_day_heading(page, "29/02/2024")
    expect_listed(page, POLITICS_29)
    assert js_errors == []


def test_all_sections_opens_the_day_page_with_late_evening_news(page, js_errors, base_url):
    page.goto(base_url + POLITICS_27_URL)

    choose(page, "2024-02-28", ALL_SECTIONS)
    press_xem(page)

    wait_for_path(page, "/2024/02/28/")
    expect_day_heading(page, "28/02/2024")
    expect_listed(page, ECONOMY_28)
    expect_not_listed(page, POLITICS_29)  # 00:15 on 29/02 is not news of 28/02
    assert js_errors == []


def test_day_without_news_in_this_section_says_so_and_offers_earlier_day(page, js_errors, base_url):
    page.goto(base_url + POLITICS_27_URL)

    choose(page, "2024-02-28", THIS_SECTION)
    press_xem(page)

    status = status_of(page)
    expect(status).to_contain_text("Không có tin nào")
    expect(status).to_contain_text("28/02/2024")
    expect(status).to_contain_text("Chính trị")
    assert path_of(page) == POLITICS_27_URL

    earlier = status.get_by_role("link")
    expect(earlier).to_contain_text("27/02/2024")
    earlier.click()
    wait_for_path(page, "/chinh-tri/2024/02/27/")
    expect_day_heading(page, "27/02/2024")
    expect_listed(page, POLITICS_27)
    assert js_errors == []


@pytest.mark.parametrize(
    ("day", "reader_day"),
    [
        pytest.param("2024-02-26", "26/02/2024", id="between-days-with-news"),
        pytest.param("2024-03-01", "01/03/2024", id="after-the-last-day-with-news"),
    ],
)
def test_day_without_any_news_says_so_without_navigating(
    page, js_errors, base_url, day, reader_day
):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url + POLITICS_27_URL)

    choose(page, day, ALL_SECTIONS)
    press_xem(page)

    refusal = page.eval_on_selector(DATE_INPUT, "input => input.validationMessage")
    assert refusal == "", f"the browser refuses the day: {refusal!r}"
    status = status_of(page)
    expect(status).to_contain_text("Không có tin nào")
    expect(status).to_contain_text(reader_day)
    expect(status).not_to_contain_text("chuyên mục")  # every section was searched
    assert path_of(page) == POLITICS_27_URL
    assert [r.url for r in responses if r.status == 404] == []
    assert js_errors == []


def test_home_page_offers_only_all_sections(page, js_errors, base_url):
    page.goto(base_url + "/")

    form = date_form(page)
    expect(form.locator("input[name=scope][value=section]")).to_have_count(0)
    expect(form.get_by_label(ALL_SECTIONS, exact=True)).to_be_checked()

    choose(page, "2024-02-27")
    press_xem(page)

    wait_for_path(page, "/2024/02/27/")
    expect_day_heading(page, "27/02/2024")
    expect_listed(page, POLITICS_27)
    assert js_errors == []


def test_empty_date_asks_for_a_day(page, js_errors, base_url):
    page.goto(base_url + POLITICS_27_URL)

    page.fill(DATE_INPUT, "")
    press_xem(page)

    expect(status_of(page)).to_contain_text("Hãy chọn một ngày")
    assert path_of(page) == POLITICS_27_URL
    assert js_errors == []


# Without JavaScript -----------------------------------------------------------


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    yield context.new_page()
    context.close()


def test_without_javascript_the_form_leads_through_the_calendar(page_without_js, base_url):
    page = page_without_js
    page.goto(base_url + POLITICS_27_URL)

    choose(page, "2024-02-29", THIS_SECTION)
    with page.expect_navigation() as navigation:
        press_xem(page)

    assert navigation.value.status == 200
    assert path_of(page) == "/luu-tru/"
    assert parse_qs(urlparse(page.url).query) == {
        "date": ["2024-02-29"],
        "scope": ["section"],
    }

    page.get_by_role("main").get_by_role("link", name="Tháng 02/2024").click()
    wait_for_path(page, "/2024/02/")
    assert calendar_days(page) == ["25", "27", "28", "29"]

    page.get_by_role("table").get_by_role("link", name="29/02/2024").click()
    wait_for_path(page, "/2024/02/29/")
    expect_day_heading(page, "29/02/2024")
    expect_listed(page, POLITICS_29)


def test_without_javascript_section_month_links_only_its_days(page_without_js, base_url):
    page = page_without_js
    response = page.goto(base_url + "/chinh-tri/2024/02/")

    assert response.status == 200
    assert calendar_days(page) == ["27", "29"]
    hrefs = (
        page.get_by_role("table")
        .get_by_role("link")
        .evaluate_all("links => links.map(link => link.getAttribute('href'))")
    )
    assert hrefs == ["/chinh-tri/2024/02/27/", "/chinh-tri/2024/02/29/"]
