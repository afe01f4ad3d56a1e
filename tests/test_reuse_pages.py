"""Publishing one article renders only the pages it changes; nothing stale is reused."""

from collections import Counter

import jinja2
import pytest
from conftest import Site, article, tree_bytes, tree_digest, write_files

import newsroom.pages
from newsroom.__main__ import main


@pytest.fixture
def project(project):
    """The shared project folder, with an article a day on 26, 27, 28/02/2024."""
    articles = {
        f"tin-{day}.md": article(f"Tin ngày {day}", f"2024-02-{day} 09:00", summary=f"Sapo {day}.")
        for day in (26, 27, 28)
    }
    write_files(project / "content", articles)
    return project


@pytest.fixture
def rendered(monkeypatch):
    """How many times each template was rendered."""
    counts = Counter()
    original = jinja2.Template.render

    def counting_render(self, *args, **kwargs):
        counts[self.name] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting_render)
    return counts


def _build(project) -> Site:
    arguments = ["build", "-s", str(project / "settings.py"), "-i", str(project / "content")]
    assert main([*arguments, "-o", str(project / "output")]) == 0
    return Site(project / "output")


def _add(project, name, title, date, **metadata):
    (project / "content" / name).write_text(article(title, date, **metadata), encoding="utf-8")


def test_a_new_article_renders_only_the_pages_it_changes(project, rendered):
    _build(project)
    assert rendered["article.html"] == 3
    rendered.clear()

    _add(project, "tin-29.md", "Tin ngày 29", "2024-02-29 09:00", summary="Sapo 29.")
    site = _build(project)

    assert rendered["article.html"] == 1
    # The new day, its section's day, the two days before it that now link to it.
    assert rendered["day.html"] == 4
    # The month pages (all sections, one section) list one more day.
    assert rendered["month.html"] == 2
    page = site.page("/chinh-tri/2024/02/29/tin-ngay-29/")
    assert [a.get_text() for a in page.select(".other-news .card__title a")] == [
        "Tin ngày 28",
        "Tin ngày 27",
        "Tin ngày 26",
    ]
    assert site.page("/chinh-tri/2024/02/28/tin-ngay-28/").h1.get_text() == "Tin ngày 28"


def test_an_edit_reaches_every_page_that_shows_what_changed(project, rendered):
    _build(project)
    rendered.clear()
    _add(project, "tin-27.md", "Tin ngày 27 đã sửa", "2024-02-27 09:00", summary="Sapo mới.")
    site = _build(project)
    # Its own page, and the later one that lists it in Các tin khác.
    assert rendered["article.html"] == 2
    later = site.page("/chinh-tri/2024/02/28/tin-ngay-28/")
    assert "Sapo mới." in later.select_one(".other-news").get_text()
    assert "Tin ngày 27 đã sửa" in site.page("/2024/02/27/").get_text()


def test_whatever_a_theme_shows_of_a_listed_article_is_followed(project, rendered):
    # No list of what a card shows: a theme that adds the author to its cards
    # gets a change of author alone into the pages that list the article.
    card = project / "theme" / "templates" / "partials" / "article_card.html"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            '<p class="card__sapo">',
            '<p class="card__author">{{ article.author }}</p><p class="card__sapo">',
        ),
        encoding="utf-8",
    )
    _add(project, "tin-27.md", "Tin ngày 27", "2024-02-27 09:00", summary="Sapo 27.", author="An")
    _build(project)
    rendered.clear()
    _add(project, "tin-27.md", "Tin ngày 27", "2024-02-27 09:00", summary="Sapo 27.", author="Bình")
    site = _build(project)
    later = site.page("/chinh-tri/2024/02/28/tin-ngay-28/")
    assert later.select_one(".other-news .card__author").get_text() == "Bình"
    assert rendered["article.html"] == 2


def test_a_template_change_renders_every_page_again(project, rendered):
    _build(project)
    rendered.clear()
    footer = project / "theme" / "templates" / "partials" / "footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace("</footer>", "<p>Mẫu mới</p></footer>")
    )
    site = _build(project)
    assert rendered["article.html"] == 3
    for day in (26, 27, 28):
        assert "Mẫu mới" in site.page(f"/chinh-tri/2024/02/{day}/tin-ngay-{day}/").get_text()
        assert "Mẫu mới" in site.page(f"/2024/02/{day}/").get_text()


def test_pages_rendered_again_to_the_same_bytes_are_reused_after(project, rendered):
    _build(project)
    rendered.clear()
    # A change to the templates that changes no page: every page is rendered
    # again, and each comes out as it was.
    footer = project / "theme" / "templates" / "partials" / "footer.html"
    footer.write_text("{# Chân trang #}" + footer.read_text(encoding="utf-8"))
    _build(project)
    assert rendered["article.html"] == 3
    rendered.clear()
    _build(project)
    assert rendered["article.html"] == 0
    assert rendered["day.html"] == 0


def test_a_published_page_changed_by_hand_is_rendered_again(project, rendered):
    site = _build(project)
    page = site.path("/chinh-tri/2024/02/26/tin-ngay-26/")
    page.write_text(page.read_text(encoding="utf-8").replace("Tin ngày 26", "Sửa tay"))
    rendered.clear()
    site = _build(project)
    assert rendered["article.html"] == 1
    assert site.page("/chinh-tri/2024/02/26/tin-ngay-26/").h1.get_text() == "Tin ngày 26"


def test_pages_of_the_sites_context_and_static_pages_are_never_stale(project, rendered):
    write_files(
        project / "content",
        {"pages/gioi-thieu.md": "Title: Giới thiệu\n\nBáo Hòa Bình, cơ quan của Đảng bộ tỉnh.\n"},
    )
    site = _build(project)
    assert "Tháng 03/2024" not in site.page("/luu-tru/").get_text()
    rendered.clear()
    _add(project, "tin-thang-3.md", "Tin tháng Ba", "2024-03-02 09:00")
    site = _build(project)
    assert "Tháng 03/2024" in site.page("/luu-tru/").get_text()
    assert rendered["archive.html"] == 1
    assert site.page("/gioi-thieu/").h1.get_text() == "Giới thiệu"


# The article pages of a big site are written by a forked process (newsroom.pages.article_process).


@pytest.fixture
def forks(monkeypatch):
    """Fork for every site, however small; the list of processes forked by the build."""
    forked = []

    class Recorded(newsroom.pages.ArticleProcess):
        def __init__(self, output_path, write_pages):
            super().__init__(output_path, write_pages)
            forked.append(self.pid)

    monkeypatch.setattr(newsroom.pages, "worth_forking", lambda articles: True)
    monkeypatch.setattr(newsroom.pages, "ArticleProcess", Recorded)
    return forked


def test_a_forked_build_writes_the_same_site(project, forks, monkeypatch):
    arguments = ["build", "-s", str(project / "settings.py"), "-i", str(project / "content")]
    assert main([*arguments, "-o", str(project / "forked")]) == 0
    assert len(forks) == 1
    monkeypatch.setattr(newsroom.pages, "worth_forking", lambda articles: False)
    assert main([*arguments, "-o", str(project / "alone")]) == 0
    assert len(forks) == 1
    forked, alone = tree_bytes(project / "forked"), tree_bytes(project / "alone")
    assert "chinh-tri/2024/02/26/tin-ngay-26/index.html" in forked
    # The copy's pages are listed, though the build never wrote them itself.
    assert b"/chinh-tri/2024/02/26/tin-ngay-26/</loc>" in forked["sitemap.xml"]
    assert forked == alone


def test_after_a_forked_build_unchanged_article_pages_are_reused(project, forks):
    site = _build(project)
    page = "/chinh-tri/2024/02/26/tin-ngay-26/"
    inode = site.path(page).stat().st_ino
    _add(project, "tin-29.md", "Tin ngày 29", "2024-02-29 09:00", summary="Sapo 29.")
    site = _build(project)
    assert len(forks) == 2
    assert site.path(page).stat().st_ino == inode
    assert site.page("/chinh-tri/2024/02/29/tin-ngay-29/").h1.get_text() == "Tin ngày 29"


def test_a_page_the_article_process_cannot_write_fails_the_build(project, forks, capsys):
    site = _build(project)
    before = tree_digest(site.output)
    original = jinja2.Template.render

    def failing(self, *args, **kwargs):
        if self.name == "article.html" and args[0]["article"].title == "Tin ngày 27":
            raise RuntimeError("mẫu hỏng")
        return original(self, *args, **kwargs)

    _add(project, "tin-27.md", "Tin ngày 27", "2024-02-27 10:00", summary="Sapo mới.")
    jinja2.Template.render = failing
    try:
        arguments = ["build", "-s", str(project / "settings.py"), "-i", str(project / "content")]
        assert main([*arguments, "-o", str(project / "output")]) == 1
    finally:
        jinja2.Template.render = original
    said = capsys.readouterr().err
    assert "tin-ngay-27" in said
    assert "mẫu hỏng" in said
    assert tree_digest(site.output) == before


def test_a_link_to_another_article_follows_it_when_its_url_changes(project):
    # Of another section: the linked article is in no list the linking page shows.
    _add(project, "kt.md", "Giá lúa tăng", "2024-02-20 09:00", category="Kinh tế")
    linking = "Xem thêm [bài về giá lúa]({filename}kt.md) cùng sự việc."
    _add(project, "tin-29.md", "Tin ngày 29", "2024-02-29 09:00", body=linking)
    site = _build(project)
    link = site.page("/chinh-tri/2024/02/29/tin-ngay-29/").select_one(".article__body a")
    assert link["href"] == "/kinh-te/2024/02/20/gia-lua-tang/"

    _add(project, "kt.md", "Giá lúa tăng mạnh", "2024-02-20 09:00", category="Kinh tế")
    site = _build(project)

    link = site.page("/chinh-tri/2024/02/29/tin-ngay-29/").select_one(".article__body a")
    assert link["href"] == "/kinh-te/2024/02/20/gia-lua-tang-manh/"
    assert site.exists(link["href"])
