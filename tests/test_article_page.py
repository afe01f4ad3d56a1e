"""The article page: its parts in reading order, Các tin khác and the date form."""

import unicodedata

import pytest
from conftest import article, image_bytes

SEED_TITLES = [
    "Đẩy mạnh cơ chế hợp tác toàn diện giữa 9 tỉnh của Việt Nam, Lào và Thái Lan",
    "Đảng bộ xã Độc Lập lãnh đạo nhân dân phát triển kinh tế",
    "Huyện Kim Bôi nhân rộng điển hình tiên tiến",
    "Thủ tướng: Sớm nâng hạng thị trường chứng khoán Việt Nam lên thị trường mới nổi",
    "Thủ tướng: Nội dung các luật phải được diễn đạt rõ ý, ngắn gọn, dễ thực hiện, dễ kiểm tra",
    "Chủ tịch UBND tỉnh thăm, chúc mừng Sở Y tế nhân ngày 27/2",
]
MAIN_URL = "/chinh-tri/2024/03/01/tang-cuong-dan-van-chinh-quyen/"


def _politics_day(extra=None):
    dates = [
        "2024-02-29 16:20",
        "2024-02-29 09:10",
        "2024-02-28 19:30",
        "2024-02-28 17:05",
        "2024-02-27 20:15",
        "2024-02-27 15:30",
    ]
    files = {
        f"earlier-{i}.md": article(title, date, summary=f"Sapo {i}.")
        for i, (title, date) in enumerate(zip(SEED_TITLES, dates, strict=True))
    }
    files["oldest.md"] = article("Tin cũ hơn nữa", "2024-02-20 08:00", body="Đoạn đầu.")
    files["later.md"] = article("Tin đăng sau", "2024-03-02 08:00")
    files["kinh-te.md"] = article("Tin kinh tế", "2024-02-29 10:00", category="Kinh tế")
    files["main.md"] = article(
        "Tăng cường dân vận chính quyền",
        "2024-03-01 08:00",
        summary="Những năm qua, Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo.",
        author="Lê Chung",
        image="images/anh.jpg",
        caption="Đồng chí Nguyễn Phi Long kiểm tra nhà máy nhựa Lạc Sơn.",
        tags="dân vận, chính quyền",
        body="UBND các cấp quan tâm chỉ đạo.\n\nĐoạn thứ hai.",
    )
    files["images/anh.jpg"] = image_bytes(1200, 675)
    files.update(extra or {})
    return files


@pytest.fixture
def politics(build_site):
    return build_site(_politics_day())


def test_page_parts_in_reading_order(politics):
    page = politics.page(MAIN_URL)
    assert page.html["lang"] == "vi"
    main = page.find("main")
    parts = main.select(
        ".article__section a, h1, .article__dateline time, .sapo, figure, "
        ".article__body, .byline, .tags, section.other-news, form.date-archive"
    )
    assert [part.name if part.name != "a" else "section-link" for part in parts] == [
        "section-link",
        "h1",
        "time",
        "p",
        "figure",
        "div",
        "p",
        "p",
        "section",
        "form",
    ]
    assert parts[0].get_text() == "Chính trị"
    assert parts[0]["href"] == "/chinh-tri/"
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Tăng cường dân vận chính quyền"]
    assert parts[2].get_text() == "Thứ Sáu, 01/03/2024 08:00"
    assert parts[2]["datetime"] == "2024-03-01T08:00:00+07:00"
    assert parts[3].get_text() == "Những năm qua, Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo."
    figure = parts[4]
    assert figure.img["src"].startswith("/images/anh-1200w-")
    assert figure.img["alt"] == "Đồng chí Nguyễn Phi Long kiểm tra nhà máy nhựa Lạc Sơn."
    assert figure.figcaption.get_text() == "Đồng chí Nguyễn Phi Long kiểm tra nhà máy nhựa Lạc Sơn."
    assert "Lạc Sơn" not in parts[5].get_text()
    assert parts[5].p.get_text() == "UBND các cấp quan tâm chỉ đạo."
    assert parts[6].get_text(strip=True) == "Lê Chung"
    assert [a.get_text() for a in parts[7].find_all("a")] == ["dân vận", "chính quyền"]
    assert parts[7].a["href"] == "/tag/dan-van/"


def test_other_news_lists_six_earlier_articles_of_the_section_newest_first(politics):
    other_news = politics.page(MAIN_URL).select_one("section.other-news")
    assert other_news.find(["h2", "h3"]).get_text() == "Các tin khác"
    links = other_news.select(".card__title a")
    assert [a.get_text() for a in links] == SEED_TITLES
    assert [p.get_text() for p in other_news.select(".card__sapo")] == [
        f"Sapo {i}." for i in range(6)
    ]
    for link in links:
        assert politics.exists(link["href"])


def test_other_news_without_summary_uses_the_first_paragraph(politics):
    page = politics.page(
        "/chinh-tri/2024/02/27/chu-tich-ubnd-tinh-tham-chuc-mung-so-y-te-nhan-ngay-27-2/"
    )
    items = page.select("section.other-news li")
    assert [item.select_one(".card__title a").get_text() for item in items] == ["Tin cũ hơn nữa"]
    assert items[0].select_one(".card__sapo").get_text() == "Đoạn đầu."


def test_the_oldest_article_of_a_section_has_no_other_news(politics):
    assert politics.page("/chinh-tri/2024/02/20/tin-cu-hon-nua/").select("section.other-news") == []
    assert politics.page("/kinh-te/2024/02/29/tin-kinh-te/").select("section.other-news") == []


def test_other_news_count_is_a_setting(build_site):
    site = build_site(_politics_day(), OTHER_NEWS_COUNT=2)
    links = site.page(MAIN_URL).select("section.other-news .card__title a")
    assert [a.get_text() for a in links] == SEED_TITLES[:2]


def test_date_form_hooks_on_an_article_page(politics):
    form = politics.page(MAIN_URL).select_one("form.date-archive")
    assert "Xem các tin đã đưa ngày" in form.get_text()
    day = form.select_one('input[type="date"][name="date"]')
    assert day["value"] == "2024-03-01"
    radios = form.select('input[type="radio"][name="scope"]')
    labels = {radio["value"]: radio.parent.get_text(strip=True) for radio in radios}
    assert labels == {"section": "Chuyên mục này", "all": "Mọi chuyên mục"}
    assert form.select_one('[type="submit"]').get_text(strip=True) == "Xem"
    assert form["data-section"] == "chinh-tri"


def test_decomposed_input_is_published_as_nfc(build_site):
    title = "Đường về Đà Nẵng mùa lễ hội"
    site = build_site(
        {
            "nfd.md": unicodedata.normalize(
                "NFD", article(title, "2024-03-01 08:00", body="Người dân đón Tết.")
            )
        }
    )
    html = site.path("/chinh-tri/2024/03/01/duong-ve-da-nang-mua-le-hoi/").read_text("utf-8")
    assert unicodedata.is_normalized("NFC", html)
    assert title in html
    assert "Người dân đón Tết." in html


def test_headline_and_sapo_are_text_never_markup(build_site):
    site = build_site(
        {
            "tin.md": article(
                "Cảnh báo <b>lừa đảo</b> & mạo danh",
                "2024-02-28 10:00",
                summary="Kẻ gian gửi &lt;script&gt;alert(1)&lt;/script&gt; qua tin nhắn.",
                body="Nội dung có **chữ đậm**.",
            )
        }
    )
    page = site.page("/chinh-tri/2024/02/28/canh-bao-lua-dao-mao-danh/")
    assert page.h1.get_text() == "Cảnh báo <b>lừa đảo</b> & mạo danh"
    assert page.h1.find("b") is None
    assert page.select_one(".sapo").get_text() == (
        "Kẻ gian gửi <script>alert(1)</script> qua tin nhắn."
    )
    assert page.select("script:not([src]):not([type='application/ld+json'])") == []
    assert page.select_one(".article__body strong").get_text() == "chữ đậm"
