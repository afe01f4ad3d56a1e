"""The cache every build keeps: used, one per content folder, never stale."""

from pathlib import Path

import pytest
from conftest import Site, article, write_files
from pelican.readers import MarkdownReader

from newsroom.__main__ import main
from newsroom.build import load_settings


@pytest.fixture
def project(project):
    """The shared project folder, with an article a day on 27, 28/02/2024."""
    articles = {
        f"tin-{day}.md": article(
            f"Tin ngày {day}", f"2024-02-{day} 09:00", body=f"Thân bài ngày {day}."
        )
        for day in (27, 28)
    }
    write_files(project / "content", articles)
    return project


@pytest.fixture
def markdown_reads(monkeypatch):
    """The paths Markdown is really parsed for (not served from the cache)."""
    reads = []
    original = MarkdownReader.read

    def counting_read(self, source_path):
        reads.append(source_path.rsplit("/", 1)[-1])
        return original(self, source_path)

    monkeypatch.setattr(MarkdownReader, "read", counting_read)
    return reads


def _build(project):
    arguments = ["build", "-s", str(project / "settings.py")]
    assert main([*arguments, "-i", str(project / "content"), "-o", str(project / "out")]) == 0
    return Site(project / "out")


def test_an_edited_article_and_template_are_in_the_next_cached_build(project, markdown_reads):
    _build(project)
    assert sorted(markdown_reads) == ["tin-27.md", "tin-28.md"]
    markdown_reads.clear()

    story = project / "content" / "tin-27.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Thân bài", "Bài đã sửa"))
    footer = project / "theme" / "templates" / "partials" / "footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace("</footer>", "<p>Mẫu mới</p></footer>")
    )
    site = _build(project)

    assert markdown_reads == ["tin-27.md"]
    page = site.page("/chinh-tri/2024/02/27/tin-ngay-27/")
    assert "Bài đã sửa ngày 27." in page.select_one(".article__body").get_text()
    assert "Mẫu mới" in page.select_one("footer").get_text()
    assert (
        "Mẫu mới" in site.page("/chinh-tri/2024/02/28/tin-ngay-28/").select_one("footer").get_text()
    )


def test_each_content_folder_and_markdown_setting_has_its_own_cache(project):
    settings = str(project / "settings.py")
    first = load_settings(settings, str(project / "content"))
    (project / "other").mkdir()
    other = load_settings(settings, str(project / "other"))
    assert first["CACHE_PATH"] != other["CACHE_PATH"]
    assert first["CACHE_PATH"].startswith(str(project / ".cache"))
    assert not first["CACHE_PATH"].startswith(str(project / "out"))

    with_toc = project / "toc.py"
    with_toc.write_text(
        f"import sys\nsys.path.insert(0, {str(project)!r})\n"
        "from settings import *  # noqa: F403\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.toc': {}}}\n",
        encoding="utf-8",
    )
    assert (
        load_settings(str(with_toc), str(project / "content"))["CACHE_PATH"] != first["CACHE_PATH"]
    )


def test_a_build_with_new_settings_forgets_the_older_caches(project):
    _build(project)
    settings = project / "settings.py"
    old = load_settings(str(settings), str(project / "content"), str(project / "out"))
    assert (Path(old["CACHE_PATH"]) / "content.sqlite").is_file()
    settings.write_text(settings.read_text() + "OTHER_NEWS_COUNT = 3\n")
    _build(project)
    new = load_settings(str(settings), str(project / "content"), str(project / "out"))
    assert new["CACHE_PATH"] != old["CACHE_PATH"]
    assert (Path(new["CACHE_PATH"]) / "content.sqlite").is_file()
    assert not Path(old["CACHE_PATH"]).exists()


def test_the_content_check_reads_only_the_files_saved_since(project, monkeypatch):
    check = ["check", "-s", str(project / "settings.py"), "-i", str(project / "content")]
    assert main(check) == 0
    read = []
    original = Path.read_bytes

    def counting(path):
        if path.suffix == ".md":
            read.append(path.name)
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    story = project / "content" / "tin-28.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Thân bài", "Bài đã sửa"))
    assert main(check) == 0
    assert read == ["tin-28.md"]
    # A save that breaks the file is seen, however little it changes.
    story.write_text(story.read_text(encoding="utf-8").replace("Title:", "Titel:"))
    assert main(check) == 1
