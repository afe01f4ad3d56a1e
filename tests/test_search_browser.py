"""Searching /tim-kiem/ in Debian's Chromium, over one tiny built and served site.

The site's articles:

- "Phong trào Dân vận khéo ở Lạc Sơn" (Chính trị, Thứ Sáu, 01/03/2024 08:00)
- "Vận chuyển nông sản", which has the syllables dân, vận and khéo, but apart
- "Sửa chữa đường liên xã" (Xã hội), about a road
- "Hội chợ việc làm Đà Nẵng" and "Hội chợ việc làm đa năng" (Kinh tế): the same
  text but for those two words, which differ only by their tones, so that which
  one ranks first can only come from the accents of the query
- a draft and an article dated in 2099, each with a word of its own, and both
  saying "hội chợ", never to be found

The index is split into chunks of a few hundred bytes, so that every query
reads several of them, as on a big site.
"""

import unicodedata
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import article, build_files
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


DAN_VAN = "Phong trào Dân vận khéo ở Lạc Sơn"
APART = "Vận chuyển nông sản"
ROAD = "Sửa chữa đường liên xã"
DA_NANG = "Hội chợ việc làm Đà Nẵng"
MULTI = "Hội chợ việc làm đa năng"
FAIR = "{} thu hút hàng nghìn lao động. Nhiều doanh nghiệp tham gia {}."
FESTIVAL = "Chuẩn bị lễ hội Khai hạ"
LAST_YEARS_FESTIVAL = "Lễ hội Khai hạ năm ngoái"
RESERVOIR = "Hồ thủy điện tích nước"

CONTENT = {
    "dan-van.md": article(
        DAN_VAN,
        "2024-03-01 08:00",
        summary="Các xã của huyện Lạc Sơn nhân rộng mô hình dân vận khéo.",
        body="Phong trào Dân vận khéo được triển khai sâu rộng đến từng xóm.",
    ),
    "van-chuyen.md": article(
        APART,
        "2024-03-01 09:00",
        category="Kinh tế",
        body="Người dân xóm Khéo đã vận chuyển nông sản ra chợ.",
    ),
    "duong.md": article(
        ROAD,
        "2024-03-02 09:00",
        category="Xã hội",
        body="Tuyến đường nối hai xã đã được bê tông hóa.",
    ),
    "da-nang.md": article(
        DA_NANG,
        "2024-03-03 10:00",
        category="Kinh tế",
        body=FAIR.format(DA_NANG, "hội chợ Đà Nẵng"),
    ),
    "da-nang-2.md": article(
        MULTI,
        "2024-03-04 10:00",
        category="Kinh tế",
        body=FAIR.format(MULTI, "hội chợ đa năng"),
    ),
    "nhap.md": article(
        "Hội chợ nháp", "2024-03-05 10:00", status="draft", body="Từ riêng: bảnnháp."
    ),
    "sau-nay.md": article("Hội chợ sau này", "2099-03-05 10:00", body="Từ riêng: tươnglai."),
    # Two years, two Pagefind bundles: 2024 is searched first, 2023 after it.
    "khai-ha.md": article(FESTIVAL, "2024-02-01 08:00", category="Văn hóa", body="Khai hạ."),
    "khai-ha-cu.md": article(
        LAST_YEARS_FESTIVAL, "2023-02-10 08:00", category="Văn hóa", body="Khai hạ Mường Bi."
    ),
    "tich-nuoc.md": article(RESERVOIR, "2023-05-05 08:00", body="Hồ bắt đầu tích nước."),
}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, served):
    site = tmp_path_factory.mktemp("search_site")
    return served(build_files(site, CONTENT, SEARCH_CHUNK_BYTES=200))


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors


def search(page, base_url, query):
    """Open /tim-kiem/?q=query, wait for the answer; the results' headlines in order."""
    page.goto(f"{base_url}/tim-kiem/?q={query}")
    status = page.locator(".search-results__status")
    expect(status).to_contain_text("với từ khóa", timeout=20_000)
    return page.locator(".search-result__title a").all_inner_texts()


def test_without_tones_dan_van_kheo_finds_dan_van_kheo(page, base_url):
    assert search(page, base_url, "dan van kheo") == [DAN_VAN]
    expect(page.locator(".search-results__status")).to_have_text(
        "Tìm thấy 1 bài viết với từ khóa “dan van kheo” trong năm 2024."
    )


def test_words_of_a_query_are_found_side_by_side_not_apart(page, base_url):
    # APART has every syllable of both queries, never two of them side by side.
    assert search(page, base_url, "Dân vận khéo") == [DAN_VAN]
    assert search(page, base_url, "khéo vận") == []
    # Each word is found on its own, wherever it is.
    assert sorted(search(page, base_url, "khéo")) == sorted([DAN_VAN, APART])


def test_duong_finds_duong_with_d_stroke(page, base_url):
    assert search(page, base_url, "duong") == [ROAD]


def test_da_nang_finds_da_nang(page, base_url):
    assert DA_NANG in search(page, base_url, "da nang")


def test_exact_accents_rank_first(page, base_url):
    assert search(page, base_url, "Đà Nẵng")[0] == DA_NANG
    assert search(page, base_url, "đa năng")[0] == MULTI


def test_result_shows_link_section_date_and_excerpt(page, base_url):
    search(page, base_url, "dan van kheo")
    result = page.locator(".search-result").first
    link = result.locator(".search-result__title a")
    assert urlparse(link.get_attribute("href")).path == (
        "/chinh-tri/2024/03/01/phong-trao-dan-van-kheo-o-lac-son/"
    )
    expect(result.locator(".search-result__section")).to_have_text("Chính trị")
    expect(result.locator(".search-result__date")).to_have_text("Thứ Sáu, 01/03/2024 08:00")
    excerpt = result.locator(".search-result__excerpt")
    expect(excerpt).to_contain_text("dân vận khéo")
    assert "Dân" in excerpt.locator("mark").all_inner_texts()
    link.click()
    expect(page.locator("h1")).to_have_text(DAN_VAN)


def folded(word):
    return "".join(
        char
        for char in unicodedata.normalize("NFD", word.casefold())
        if not unicodedata.combining(char)
    )


def test_excerpt_is_the_article_text_with_the_words_found_marked(page, base_url):
    search(page, base_url, "dan van kheo")
    excerpt = page.locator(".search-result__excerpt").first
    # The headline, sapo and body, word for word: no pair of words shows.
    # (Thirty words: those around the most matches, like Pagefind's own excerpts.)
    expect(excerpt).to_have_text(
        "trào Dân vận khéo ở Lạc Sơn. Các xã của huyện Lạc Sơn nhân rộng mô hình "
        "dân vận khéo. Phong trào Dân vận khéo được triển khai sâu rộng"
    )
    marks = excerpt.locator("mark").all_inner_texts()
    assert [folded(mark) for mark in marks] == ["dan", "van", "kheo"] * 3


def test_d_stroke_reads_as_d_stroke_in_results(page, base_url):
    search(page, base_url, "duong")
    result = page.locator(".search-result").first
    excerpt = result.locator(".search-result__excerpt")
    expect(excerpt).to_contain_text("Tuyến đường nối hai xã")
    assert set(excerpt.locator("mark").all_inner_texts()) == {"đường"}
    assert "ḏ" not in result.inner_text()
    assert page.locator("#tu-khoa").input_value() == "duong"


def test_drafts_and_future_articles_are_never_found(page, base_url):
    assert sorted(search(page, base_url, "hoi cho")) == [DA_NANG, MULTI]
    for word in ("bảnnháp", "tươnglai"):
        assert search(page, base_url, word) == []
        expect(page.locator(".search-results__status")).to_contain_text(
            "Không tìm thấy bài viết nào"
        )


def test_header_box_on_an_article_leads_to_the_results(page, base_url):
    page.goto(f"{base_url}/xa-hoi/2024/03/02/sua-chua-duong-lien-xa/")
    page.get_by_role("searchbox", name="Tìm bài viết").fill("dân vận")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert parse_qs(urlparse(page.url).query) == {"q": ["dân vận"]}
    expect(page.locator(".search-result__title a")).to_have_text([DAN_VAN])


def test_without_javascript_the_page_explains_and_offers_the_archive(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/tim-kiem/?q=dan+van")
    message = page.locator(".search-nojs")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Tìm kiếm cần JavaScript")
    archive = message.get_by_role("link", name="Lưu trữ tin bài")
    expect(archive).to_be_visible()
    expect(message.get_by_role("link", name="Chính trị")).to_have_attribute("href", "/chinh-tri/")
    expect(page.locator(".search-results")).to_be_hidden()
    archive.click()
    expect(page.locator("h1")).to_have_text("Lưu trữ tin bài")
    context.close()


def test_with_javascript_the_no_javascript_message_is_not_shown(page, base_url):
    search(page, base_url, "duong")
    expect(page.locator(".search-nojs")).to_have_count(0)


def test_an_older_year_is_searched_when_the_newest_has_nothing(page, base_url):
    assert search(page, base_url, "tich nuoc") == [RESERVOIR]
    expect(page.locator(".search-results__status")).to_have_text(
        "Tìm thấy 1 bài viết với từ khóa “tich nuoc”."
    )
    expect(page.locator(".search-results__more")).to_be_hidden()


def test_older_years_are_searched_on_demand(page, base_url):
    assert search(page, base_url, "khai ha") == [FESTIVAL]
    expect(page.locator(".search-results__status")).to_have_text(
        "Tìm thấy 1 bài viết với từ khóa “khai ha” trong năm 2024."
    )
    more = page.locator(".search-results__more")
    expect(more).to_have_text("Tìm tiếp trong năm 2023")
    more.click()
    expect(page.locator(".search-result__title a")).to_have_text([FESTIVAL, LAST_YEARS_FESTIVAL])
    expect(page.locator(".search-results__status")).to_have_text(
        "Tìm thấy 2 bài viết với từ khóa “khai ha”."
    )
    expect(more).to_be_hidden()
    expect(page.locator(".search-result__title a").nth(1)).to_be_focused()


def test_a_year_in_several_bundles_is_searched_a_period_at_a_time(browser, served, tmp_path):
    # At most two articles a bundle: 2024's four come in two, March and
    # January–February, and 2023 has its own.
    files = {
        "khai-ha-muong.md": article("Khai hạ vùng Mường", "2024-01-20 08:00", body="Khai hạ."),
        **{
            name: CONTENT[name]
            for name in ("khai-ha.md", "dan-van.md", "van-chuyen.md", "tich-nuoc.md")
        },
    }
    base_url = served(build_files(tmp_path, files, SEARCH_BUNDLE_ARTICLES=2))
    page = browser.new_page()
    status = page.locator(".search-results__status")
    more = page.locator(".search-results__more")

    search(page, base_url, "dan van")
    expect(status).to_have_text("Tìm thấy 1 bài viết với từ khóa “dan van” trong tháng 3/2024.")
    expect(more).to_have_text("Tìm tiếp trong tháng 1–2/2024")

    # March has nothing: January–February is searched by itself.
    assert sorted(search(page, base_url, "khai ha")) == sorted([FESTIVAL, "Khai hạ vùng Mường"])
    expect(status).to_have_text(
        "Tìm thấy 2 bài viết với từ khóa “khai ha” từ tháng 1/2024 đến nay."
    )
    expect(more).to_have_text("Tìm tiếp trong năm 2023")
    page.close()


# One article a month from January to May 2024, a bundle each: RESERVOIR is in
# January's, the oldest, and no article is about a road.
MONTHS = [5, 4, 3, 2, 1]
FIRST_QUERY_BYTES = 300_000


@pytest.fixture(scope="module")
def months_url(tmp_path_factory, served):
    files = {
        f"thang-{month}.md": article(f"Tin tháng {month}", f"2024-{month:02d}-10 08:00")
        for month in MONTHS[:-1]
    }
    files["tich-nuoc.md"] = article(RESERVOIR, "2024-01-10 08:00", body="Hồ bắt đầu tích nước.")
    site = tmp_path_factory.mktemp("months_site")
    return served(build_files(site, files, SEARCH_BUNDLE_ARTICLES=1))


class Downloads:
    """What a page downloads, as Playwright sees it: each file's headers and body."""

    def __init__(self, page):
        # Requests as the page makes them: Playwright may tell that one has
        # finished after the page has gone on (it waits for the headers as sent).
        self.requests = []
        page.on("request", self.started)

    def started(self, request):
        self.requests.append(request)

    def take(self):
        """The bytes downloaded since the last take, and the months of the bundles among them."""
        requests, self.requests = self.requests, []
        months = []
        downloaded = 0
        for request in requests:
            sizes = request.sizes()  # once the request has finished
            downloaded += sizes["responseHeadersSize"] + sizes["responseBodySize"]
            folder = urlparse(request.url).path.split("/")
            if folder[1] == "pagefind" and int(folder[2][5:]) not in months:
                months.append(int(folder[2][5:]))
        return downloaded, months


def searched_since(months):
    if len(months) == 1:
        return f"trong tháng {months[0]}/2024"
    return f"từ tháng {months[-1]}/2024 đến nay"


def search_on(page, base_url, query):
    """Search ``query``, and click "Tìm tiếp" while it is offered and nothing is
    found, checking what each step downloads and says; the months each step searched."""
    downloads = Downloads(page)
    box = page.locator(".search-results")
    more = page.locator(".search-results__more")
    page.goto(f"{base_url}/tim-kiem/?q={query}")
    steps = []
    searched = []
    while True:
        expect(box).to_have_attribute("aria-busy", "false", timeout=20_000)
        downloaded, months = downloads.take()
        assert downloaded <= FIRST_QUERY_BYTES
        # Each step goes on from the month before the last one searched.
        assert months
        assert months == MONTHS[len(searched) : len(searched) + len(months)]
        steps.append(months)
        searched += months
        if page.locator(".search-result").count() or len(searched) == len(MONTHS):
            return steps
        expect(page.locator(".search-results__status")).to_have_text(
            f"Chưa tìm thấy bài viết nào với từ khóa “{query}” {searched_since(searched)}."
        )
        expect(more).to_have_text(f"Tìm tiếp trong tháng {MONTHS[len(searched)]}/2024")
        if len(steps) > 1:
            expect(more).to_be_focused()
        more.click()


def test_a_query_found_nowhere_stops_and_asks_before_searching_on(page, months_url):
    steps = search_on(page, months_url, "duong lien xa")
    # The first query searched some months, not all; each click some more.
    assert len(steps) > 1
    expect(page.locator(".search-results__status")).to_have_text(
        "Không tìm thấy bài viết nào với từ khóa “duong lien xa”. Hãy thử bớt từ hoặc dùng từ khác."
    )
    expect(page.locator(".search-results__more")).to_be_hidden()
    # Searching again, from the browser's cache, stops and asks too.
    page.goto(f"{months_url}/tim-kiem/?q=duong lien xa")
    expect(page.locator(".search-results")).to_have_attribute("aria-busy", "false")
    expect(page.locator(".search-results__status")).to_contain_text("Chưa tìm thấy bài viết nào")
    expect(page.locator(".search-results__more")).to_be_visible()


def test_a_query_found_in_the_oldest_period_is_found_by_searching_on(page, months_url):
    steps = search_on(page, months_url, "tich nuoc")
    assert len(steps) > 1
    assert steps[-1][-1] == 1
    expect(page.locator(".search-result__title a")).to_have_text([RESERVOIR])
    expect(page.locator(".search-result__title a")).to_be_focused()
    expect(page.locator(".search-results__status")).to_have_text(
        "Tìm thấy 1 bài viết với từ khóa “tich nuoc”."
    )
    expect(page.locator(".search-results__more")).to_be_hidden()
