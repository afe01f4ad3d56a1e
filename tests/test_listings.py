"""Day pages, sections, the home page, URLs and what is never published."""

import json

from conftest import article


def _titles(page, selector=".card__title a"):
    return [a.get_text() for a in page.select(selector)]


def test_local_day_boundaries_at_00_15_and_23_50(build_site):
    site = build_site(
        {
            "early.md": article("Tin lúc rạng sáng", "2024-02-29 00:15"),
            "late.md": article("Tin lúc nửa đêm", "2024-02-28 23:50", category="Kinh tế"),
        }
    )
    assert _titles(site.page("/2024/02/29/")) == ["Tin lúc rạng sáng"]
    assert _titles(site.page("/2024/02/28/")) == ["Tin lúc nửa đêm"]
    assert _titles(site.page("/kinh-te/2024/02/28/")) == ["Tin lúc nửa đêm"]
    assert not site.exists("/kinh-te/2024/02/29/")
    early = site.page("/chinh-tri/2024/02/29/tin-luc-rang-sang/")
    assert early.select_one(".article__dateline time").get_text() == "Thứ Năm, 29/02/2024 00:15"
    assert early.select_one("form.date-archive input[name=date]")["value"] == "2024-02-29"
    late = site.page("/kinh-te/2024/02/28/tin-luc-nua-dem/")
    assert late.select_one(".article__dateline time").get_text() == "Thứ Tư, 28/02/2024 23:50"
    assert late.select_one("form.date-archive input[name=date]")["value"] == "2024-02-28"
    index = json.loads(site.path("/luu-tru/ngay.json").read_text())
    assert index["all"]["2024-02"] == (1 << 27) | (1 << 28)
    assert index["kinh-te"]["2024-02"] == 1 << 27


def test_day_pages_for_all_sections_and_for_one_newest_first(build_site):
    site = build_site(
        {
            "a.md": article("Tin chính trị sáng", "2024-02-29 08:00", summary="Sapo sáng."),
            "b.md": article("Tin kinh tế trưa", "2024-02-29 12:00", category="Kinh tế"),
            "c.md": article("Tin chính trị chiều", "2024-02-29 17:30"),
            "d.md": article("Tin hôm trước", "2024-02-27 09:00"),
        }
    )
    day = site.page("/2024/02/29/")
    assert _titles(day) == [
        "Tin chính trị chiều",
        "Tin kinh tế trưa",
        "Tin chính trị sáng",
    ]
    assert [h1.get_text() for h1 in day.find_all("h1")] == ["Tin ngày Thứ Năm, 29/02/2024"]
    entry = day.select("li")[-1]
    assert entry.time.get_text() == "08:00"
    assert entry.select_one(".card__meta a").get_text() == "Chính trị"
    assert entry.select_one(".card__sapo").get_text() == "Sapo sáng."
    section_day = site.page("/chinh-tri/2024/02/29/")
    assert _titles(section_day) == ["Tin chính trị chiều", "Tin chính trị sáng"]
    assert section_day.select_one("form.date-archive")["data-section"] == "chinh-tri"
    assert not site.exists("/2024/02/28/")
    assert not site.exists("/kinh-te/2024/02/27/")
    assert day.select_one('a[rel="prev"]')["href"] == "/2024/02/27/"


def test_pages_of_no_section_offer_only_all_sections(build_site):
    site = build_site({"a.md": article("Tin", "2024-02-29 08:00", tags="dân vận")})
    for url in ["/", "/2024/02/29/", "/2024/02/", "/luu-tru/", "/tag/dan-van/"]:
        form = site.page(url).select_one("form.date-archive")
        scopes = [radio["value"] for radio in form.select("input[name=scope]")]
        assert scopes == ["all"], url
    for url in ["/chinh-tri/", "/chinh-tri/2024/02/29/", "/chinh-tri/2024/02/"]:
        form = site.page(url).select_one("form.date-archive")
        assert [r["value"] for r in form.select("input[name=scope]")] == [
            "section",
            "all",
        ]


def test_month_calendar_links_only_days_with_news(build_site):
    site = build_site(
        {
            "a.md": article("Tin A", "2024-02-29 08:00"),
            "b.md": article("Tin B", "2024-02-03 08:00", category="Xã hội"),
        }
    )
    calendar = site.page("/2024/02/").select_one("table.calendar")
    assert [a["href"] for a in calendar.select("a")] == ["/2024/02/03/", "/2024/02/29/"]
    section_calendar = site.page("/xa-hoi/2024/02/").select_one("table.calendar")
    assert [a["href"] for a in section_calendar.select("a")] == ["/xa-hoi/2024/02/03/"]
    archive = site.page("/luu-tru/")
    assert "/2024/02/" in [a["href"] for a in archive.select("main a")]


def test_two_articles_with_one_title_get_two_stable_pages(build_site, tmp_path):
    files = {
        "lich-1.md": article(
            "Thông báo lịch cắt điện",
            "2024-03-01 07:00",
            category="Xã hội",
            body="Đợt một.",
        ),
        "lich-2.md": article(
            "Thông báo lịch cắt điện",
            "2024-03-01 16:00",
            category="Xã hội",
            body="Đợt hai.",
        ),
    }
    site = build_site(files)
    first = "/xa-hoi/2024/03/01/thong-bao-lich-cat-dien/"
    second = "/xa-hoi/2024/03/01/thong-bao-lich-cat-dien-2/"
    assert "Đợt một." in site.page(first).select_one(".article__body").get_text()
    assert "Đợt hai." in site.page(second).select_one(".article__body").get_text()
    files["lich-3.md"] = article(
        "Thông báo lịch cắt điện", "2024-03-01 20:00", category="Xã hội", body="Đợt ba."
    )
    site = build_site(files)
    assert "Đợt một." in site.page(first).get_text()
    assert "Đợt hai." in site.page(second).get_text()
    assert "Đợt ba." in site.page("/xa-hoi/2024/03/01/thong-bao-lich-cat-dien-3/").get_text()


def test_section_pages_are_fixed_blocks_that_publishing_never_shifts(build_site):
    files = {
        f"tin-{n:02}.md": article(f"Tin số {n}", f"2024-01-{n:02} 08:00", category="Kinh tế")
        for n in range(1, 31)
    }
    files.update(
        {
            f"tin-2-{n:02}.md": article(
                f"Tin tháng hai {n}", f"2024-02-{n:02} 08:00", category="Kinh tế"
            )
            for n in range(1, 16)
        }
    )
    site = build_site(files, SECTION_PAGE_SIZE=10)
    front = site.page("/kinh-te/")
    assert [h1.get_text() for h1 in front.find_all("h1")] == ["Kinh tế"]
    titles = _titles(front)
    assert titles == [f"Tin tháng hai {n}" for n in range(15, 0, -1)]
    assert front.select_one('nav.pagination a[rel="next"]')["href"] == "/kinh-te/trang/3/"
    assert front.select_one('nav.pagination a[rel="prev"]') is None

    third = site.page("/kinh-te/trang/3/")
    assert _titles(third) == [f"Tin số {n}" for n in range(30, 20, -1)]
    assert third.select_one(".page-subtitle").get_text() == "Tin từ 21/01/2024 đến 30/01/2024"
    assert third.select_one('nav.pagination a[rel="prev"]')["href"] == "/kinh-te/"
    oldest = site.page("/kinh-te/trang/1/")
    assert _titles(oldest) == [f"Tin số {n}" for n in range(10, 0, -1)]
    assert oldest.select_one('nav.pagination a[rel="next"]') is None
    assert oldest.select_one('nav.pagination a[rel="prev"]')["href"] == "/kinh-te/trang/2/"
    everything = [*titles, *_titles(site.page("/kinh-te/trang/2/")), *_titles(third)]
    assert len(set(everything + _titles(oldest))) == 45
    assert not site.exists("/kinh-te/trang/4/")

    archive_bytes = {n: site.path(f"/kinh-te/trang/{n}/").read_bytes() for n in (1, 2, 3)}
    newer = {
        f"tin-3-{n:02}.md": article(
            f"Tin tháng ba {n}", f"2024-03-{n:02} 08:00", category="Kinh tế"
        )
        for n in range(1, 6)
    }
    again = build_site({**files, **newer}, SECTION_PAGE_SIZE=10)
    for number in (1, 2):
        assert again.path(f"/kinh-te/trang/{number}/").read_bytes() == archive_bytes[number]
    # Only the newest archive page gains a link to the page that now follows it.
    assert again.path("/kinh-te/trang/3/").read_bytes() != archive_bytes[3]
    assert _titles(again.page("/kinh-te/trang/4/"))[0] == "Tin tháng hai 10"
    assert len(_titles(again.page("/kinh-te/"))) == 10


def test_every_section_has_a_page_and_the_menu_lists_them_in_order(build_site):
    site = build_site({"a.md": article("Tin", "2024-02-29 08:00")})
    expected = [
        ("Chính trị", "/chinh-tri/"),
        ("Kinh tế", "/kinh-te/"),
        ("Xã hội", "/xa-hoi/"),
        ("Văn hóa", "/van-hoa/"),
        ("Thể thao", "/the-thao/"),
        ("Pháp luật", "/phap-luat/"),
        ("Quốc tế", "/quoc-te/"),
    ]
    home = site.page("/")
    menu = [(a.get_text(), a["href"]) for a in home.select("header nav a")]
    assert menu == expected
    empty = site.page("/quoc-te/")
    assert empty.h1.get_text() == "Quốc tế"
    assert "chưa có bài viết" in empty.select_one("main").get_text()
    assert empty.select(".card") == []
    assert (
        site.page("/chinh-tri/").select_one('header nav a[aria-current="page"]').get_text()
        == "Chính trị"
    )


def test_home_page_shows_the_latest_of_each_section(build_site):
    files = {f"ct-{n}.md": article(f"Chính trị {n}", f"2024-02-{n:02} 08:00") for n in range(1, 8)}
    files["kt.md"] = article("Kinh tế mới", "2024-02-10 08:00", category="Kinh tế")
    site = build_site(files)
    home = site.page("/")
    blocks = {
        block.h2.get_text(strip=True): _titles(block, ".card__title a, .headline-list a")
        for block in home.select("section.home-section")
    }
    assert list(blocks) == [
        "Chính trị",
        "Kinh tế",
        "Xã hội",
        "Văn hóa",
        "Thể thao",
        "Pháp luật",
        "Quốc tế",
    ]
    assert blocks["Chính trị"] == [f"Chính trị {n}" for n in range(7, 2, -1)]
    assert blocks["Kinh tế"] == ["Kinh tế mới"]
    assert len(home.find_all("h1")) == 1
    assert "Báo Hòa Bình" in home.select_one("footer").get_text()


def test_drafts_and_future_articles_are_published_nowhere(build_site):
    site = build_site(
        {
            "ok.md": article("Tin đã đăng", "2024-02-29 08:00"),
            "draft.md": article("Bản nháp bí mật", "2024-02-29 09:00", status="draft"),
            "future.md": article("Tin hẹn giờ bí mật", "2099-01-01 08:00"),
        }
    )
    assert not (site.output / "drafts").exists()
    assert not site.exists("/2099/01/01/")
    for path in site.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8")
            assert "bí mật" not in text, path
            assert "2099" not in text, path
    assert _titles(site.page("/2024/02/29/")) == ["Tin đã đăng"]


def test_every_page_of_the_sample_site(sample_site):
    pages = list(sample_site.output.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page = sample_site.page("/" + str(path.relative_to(sample_site.output)))
        assert page.html["lang"] == "vi", path
        assert len(page.find_all("h1")) == 1, path
        assert page.select_one("form.date-archive input[type=date][name=date]"), path
        for tag in page.select("[href], [src], [action]"):
            url = tag.get("href") or tag.get("src") or tag.get("action")
            assert url.startswith(("/", "#")), (path, url)


def test_section_names_are_matched_regardless_of_capitals(build_site):
    site = build_site({"a.md": article("Tin", "2024-02-29 08:00", category="chính Trị")})
    page = site.page("/chinh-tri/2024/02/29/tin/")
    assert page.select_one(".article__section a").get_text() == "Chính trị"
    assert [a.get_text() for a in site.page("/chinh-tri/").select(".card__title a")] == ["Tin"]


def test_pages_outside_the_news_get_the_site_frame(build_site):
    site = build_site({"pages/gioi-thieu.md": "Title: Giới thiệu\n\nBáo Hòa Bình là…\n"})
    page = site.page("/gioi-thieu/")
    assert page.h1.get_text() == "Giới thiệu"
    assert page.select_one("header nav a")["href"] == "/chinh-tri/"


def test_tag_and_author_pages_are_fixed_blocks_too(build_site):
    files = {
        f"tin-{n:02}.md": article(
            f"Tin giao thông {n}",
            f"2024-01-{n:02} 08:00",
            category="Xã hội" if n % 2 else "Kinh tế",
            tags="giao thông",
            author="Lê Chung",
        )
        for n in range(1, 26)
    }
    site = build_site(files, LISTING_PAGE_SIZE=10)
    for front in ("/tag/giao-thong/", "/tac-gia/le-chung/"):
        page = site.page(front)
        assert _titles(page) == [f"Tin giao thông {n}" for n in range(25, 10, -1)]
        assert page.select_one('nav.pagination a[rel="next"]')["href"] == f"{front}trang/1/"
        oldest = site.page(f"{front}trang/1/")
        assert _titles(oldest) == [f"Tin giao thông {n}" for n in range(10, 0, -1)]
        assert oldest.select_one(".page-subtitle").get_text() == "Tin từ 01/01/2024 đến 10/01/2024"
        assert oldest.select_one("input[name=date]")["value"] == "2024-01-10"
        # Both sections show: a keyword or an author spans them.
        assert {a.get_text() for a in page.select(".card__meta a")} == {"Xã hội", "Kinh tế"}
    assert not site.exists("/tag/giao-thong/trang/2/")
