"""Every kind of page in Chromium: accessibility (axe-core), keyboard use, and no
request that leaves the site.

One tiny site is built and served for the module: 21 Chính trị articles (so the
section has a second page), one Kinh tế article; the newest Chính trị article
has a lead image, an image in its body, tags and an author.
"""

import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import article, build_files, image_bytes
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAIN_TITLE = "Tăng cường sự lãnh đạo của Đảng đối với công tác dân vận"
MAIN_URL = "/chinh-tri/2024/02/21/tang-cuong-su-lanh-dao-cua-dang-doi-voi-cong-tac-dan-van/"
BODY = """UBND các cấp quan tâm chỉ đạo công tác dân vận chính quyền.

Đoạn thứ hai của bài viết, đủ dài để ảnh trong bài nằm dưới màn hình đầu tiên.

![](images/hoi-nghi.jpg "Hội nghị triển khai công tác dân vận")

Đoạn cuối."""

# Each kind of page the site makes; add a row when a new kind appears.
PAGES = {
    "article": MAIN_URL,
    "section": "/chinh-tri/",
    "section-archive": "/chinh-tri/trang/1/",
    "day": "/2024/02/21/",
    "month": "/2024/02/",
    "archive": "/luu-tru/",
    "home": "/",
    "tag": "/tag/dan-van/",
    "author": "/tac-gia/le-chung/",
}
# Pages that exist only once their plugin is in the build.
OPTIONAL_PAGES = {"search": "/tim-kiem/"}


def _content():
    files = {
        f"chinh-tri-{day:02d}.md": article(
            f"Tin chính trị ngày {day} tháng Hai", f"2024-02-{day:02d} 08:00"
        )
        for day in range(1, 21)
    }
    files["kinh-te.md"] = article("Giá lúa tăng mạnh", "2024-02-20 10:00", category="Kinh tế")
    files["chinh.md"] = article(
        MAIN_TITLE,
        "2024-02-21 09:00",
        summary="Những năm qua, Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo.",
        author="Lê Chung",
        image="images/nha-may.jpg",
        caption="Đồng chí Bí thư Tỉnh ủy kiểm tra nhà máy nhựa Lạc Sơn.",
        tags="dân vận, chính quyền",
        body=BODY,
    )
    files["images/nha-may.jpg"] = image_bytes(1200, 675)
    files["images/hoi-nghi.jpg"] = image_bytes(800, 600, color=(120, 80, 40))
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages_site")
    return build_files(root, _content(), IMAGE_CACHE_PATH=str(root / "cache"), SECTION_PAGE_SIZE=5)


@pytest.fixture(scope="module")
def base_url(site, served):
    return served(site)


def pages_of(site) -> dict[str, str]:
    """Kind of page -> URL, for every kind this build makes."""
    pages = dict(PAGES)
    pages.update({kind: url for kind, url in OPTIONAL_PAGES.items() if site.exists(url)})
    missing = {kind: url for kind, url in pages.items() if not site.exists(url)}
    assert missing == {}, "pages the tests expect were not built"
    return pages


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def is_local(url: str, base_url: str) -> bool:
    return urlparse(url).netloc == urlparse(base_url).netloc or url.startswith("data:")


def scroll_to_the_end(page) -> None:
    """Bring lazy images into view so that their requests happen too."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")


# No request leaves the site ----------------------------------------------------


def test_no_request_leaves_the_site(context, site, base_url):
    requested = []
    foreign = []

    def record(route):
        url = route.request.url
        requested.append(url)
        if is_local(url, base_url):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", record)
    page = context.new_page()
    by_page = {}
    for kind, url in pages_of(site).items():
        before = len(foreign)
        page.goto(base_url + url, wait_until="networkidle")
        scroll_to_the_end(page)
        by_page[kind] = foreign[before:]
    assert {kind: urls for kind, urls in by_page.items() if urls} == {}
    # The recording saw the page's own files, so it would have seen others.
    assert any(re.search(r"/theme/css/site\.[0-9a-f]{10}\.css$", url) for url in requested)
    assert any(".webp" in url for url in requested)


# Accessibility -------------------------------------------------------------------


def test_axe_finds_no_violation_on_any_kind_of_page(page, site, base_url):
    axe = Axe()
    reports = {}
    for kind, url in pages_of(site).items():
        page.goto(base_url + url, wait_until="networkidle")
        results = axe.run(page)
        if results.violations_count:
            reports[kind] = results.generate_report()
    assert reports == {}, "\n\n".join(f"== {kind}\n{text}" for kind, text in reports.items())


def test_lead_image_is_webp_and_has_its_box_before_loading(page, base_url):
    page.goto(base_url + MAIN_URL, wait_until="networkidle")
    lead = page.locator("figure.lead-figure img")
    assert lead.evaluate("img => img.currentSrc").endswith(".webp")
    assert lead.evaluate("img => img.complete && img.naturalWidth > 0")
    inline = page.locator(".article__body picture img")
    assert inline.get_attribute("loading") == "lazy"
    scroll_to_the_end(page)
    assert inline.evaluate("img => img.currentSrc").endswith(".webp")


def test_image_boxes_are_reserved_before_the_files_arrive(context, base_url):
    """With the images held back, each already takes its final height: no layout shift."""
    held = []
    # Answered only at the end: a request left pending when the context closes
    # is a Playwright task destroyed later, whose error log would fail the
    # next build run in this process.
    context.route("**/*.webp", lambda route: held.append(route))
    context.route("**/*.jpg", lambda route: held.append(route))
    page = context.new_page()
    page.goto(base_url + MAIN_URL, wait_until="domcontentloaded")
    for img in page.locator("main picture img").all():
        box = img.bounding_box()
        width, height = int(img.get_attribute("width")), int(img.get_attribute("height"))
        assert box["height"] == pytest.approx(box["width"] * height / width, abs=1.5)
        assert box["height"] > 0
    for route in held:
        route.abort()
    context.unroute_all(behavior="ignoreErrors")


# Keyboard ------------------------------------------------------------------------


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                text: el.textContent.trim(),
                name: el.getAttribute("name"),
                value: el.value,
                inMain: !!el.closest("main"),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth),
                outlineColor: style.outlineColor,
                pageColor: getComputedStyle(document.body).backgroundColor,
            };
        }"""
    )


def contrast(color: str, other: str) -> float:
    """WCAG contrast ratio of two computed ``rgb(r, g, b)`` colours."""

    def luminance(rgb: str) -> float:
        channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(color), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_skip_link_is_first_and_leads_into_the_main_content(page, base_url):
    page.goto(base_url + MAIN_URL)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Đến nội dung chính")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0, "the focused skip link is on screen"
    assert box["height"] > 0

    page.keyboard.press("Enter")
    assert urlparse(page.url).fragment == "noi-dung"
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], "after the skip link, Tab goes on inside the main content"


def test_focused_link_has_a_visible_outline(page, base_url):
    page.goto(base_url + MAIN_URL)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    state = focused(page)
    assert state["tag"] == "a"
    assert state["text"] == "Báo Hòa Bình"
    assert state["outlineStyle"] not in ("none", "hidden")
    assert state["outlineWidth"] >= 2
    assert contrast(state["outlineColor"], state["pageColor"]) >= 3, "WCAG 1.4.11"


def tab_to(page, predicate, limit=60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if predicate(state):
            return state
    raise AssertionError("never reached with Tab")


def test_date_form_works_from_the_keyboard_alone(page, base_url):
    page.goto(base_url + MAIN_URL)

    tab_to(page, lambda state: state["name"] == "date")
    # 02/02 reads the same in the dd/mm/yyyy field of a Vietnamese Chromium and
    # the mm/dd/yyyy one of a Chromium with only its English locale.
    page.keyboard.type("02022024")
    assert focused(page)["value"] == "2024-02-02"

    state = tab_to(page, lambda state: state["name"] == "scope")
    assert state["value"] == "section"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    everywhere = page.locator("form.date-archive input[name=scope][value=all]")
    expect(everywhere).to_be_checked()
    expect(everywhere).to_be_focused()

    tab_to(page, lambda state: state["tag"] == "button")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == "/2024/02/02/")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Tin chính trị ngày 2 tháng Hai")).to_be_visible()
