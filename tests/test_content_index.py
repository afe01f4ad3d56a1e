"""The content index: a build reads only the article files whose stamps changed."""

import logging
import os
from types import SimpleNamespace

from conftest import Site, article, image_bytes, write_files
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from newsroom.__main__ import main
from newsroom.content_index import ContentIndex


class Story:
    """Stands for a Pelican article: the build's settings, a category, a body."""

    def __init__(self, settings, category, body):
        self.settings = settings
        self.category = category
        self.body = body


def generator(settings=None):
    return SimpleNamespace(settings=settings or {"SLUGIFY_SOURCE": "title"}, context={})


def indexed(tmp_path, files):
    content = write_files(tmp_path / "content", files)
    return ContentIndex(tmp_path / "index.sqlite", content)


def keep(index, name, story):
    assert index.cached_article(name) is None
    index.keep_article(name, story)


def test_an_unchanged_file_comes_back_with_this_builds_shared_objects(tmp_path):
    index = indexed(tmp_path, {"a.md": "A", "b.md": "B"})
    first = generator()
    index.attach(first)
    section = Category("Xã hội", first.settings)
    keep(index, "a.md", Story(first.settings, section, "Thân bài A"))
    keep(index, "b.md", Story(first.settings, section, "Thân bài B"))
    index.save()

    index = ContentIndex(tmp_path / "index.sqlite", tmp_path / "content")
    second = generator({"SLUGIFY_SOURCE": "title", "NEW": 1})
    index.attach(second)
    a, b = index.cached_article("a.md"), index.cached_article("b.md")
    assert (a.body, b.body) == ("Thân bài A", "Thân bài B")
    assert a.settings is second.settings
    assert a.category is b.category
    assert a.category.name == "Xã hội"
    assert index.read == []


def test_an_edited_or_deleted_file_is_not_served_from_the_index(tmp_path):
    index = indexed(tmp_path, {"a.md": "A", "b.md": "B"})
    index.attach(generator())
    keep(index, "a.md", Story({}, None, "cũ"))
    keep(index, "b.md", Story({}, None, "cũ"))
    index.save()
    (tmp_path / "content" / "a.md").write_text("A, đã sửa")
    (tmp_path / "content" / "b.md").unlink()

    index = ContentIndex(tmp_path / "index.sqlite", tmp_path / "content")
    index.attach(generator())
    assert index.cached_article("a.md") is None
    assert index.read == ["a.md"]
    index.save()
    (tmp_path / "content" / "b.md").write_text("B")
    os.utime(tmp_path / "content" / "b.md", ns=(0, 0))
    index = ContentIndex(tmp_path / "index.sqlite", tmp_path / "content")
    index.attach(generator())
    # b.md's row went with the file: a new b.md is read, whatever its stamp.
    assert index.cached_article("b.md") is None


def test_an_article_read_with_a_warning_is_read_again_next_time(tmp_path):
    index = indexed(tmp_path, {"a.md": "A"})
    index.attach(generator())
    assert index.cached_article("a.md") is None
    logging.getLogger("pelican").warning("a.md: thiếu sapo")
    index.keep_article("a.md", Story({}, None, "A"))
    index.save()

    index = ContentIndex(tmp_path / "index.sqlite", tmp_path / "content")
    index.attach(generator())
    assert index.cached_article("a.md") is None


def _build(project):
    arguments = ["build", "-s", str(project / "settings.py"), "-i", str(project / "content")]
    assert main([*arguments, "-o", str(project / "out")]) == 0
    return Site(project / "out")


def test_a_replaced_lead_photo_is_in_the_next_build(project, monkeypatch):
    reads = []
    original = MarkdownReader.read

    def counting_read(self, source_path):
        reads.append(os.path.basename(source_path))
        return original(self, source_path)

    monkeypatch.setattr(MarkdownReader, "read", counting_read)
    content = project / "content"
    story = article(
        "Cầu mới", "2024-03-01 08:00", Image="images/cau.jpg", Caption="Cầu mới.", Summary="Sapo."
    )
    other = article("Tin khác", "2024-03-02 08:00", Summary="Sapo khác.")
    write_files(content, {"cau.md": story, "khac.md": other})
    write_files(content, {"images/cau.jpg": image_bytes(color=(200, 0, 0))})
    before = _build(project).page("/chinh-tri/2024/03/01/cau-moi/").select_one("picture img")
    reads.clear()

    write_files(content, {"images/cau.jpg": image_bytes(color=(0, 0, 200))})
    site = _build(project)

    assert reads == ["cau.md"]
    after = site.page("/chinh-tri/2024/03/01/cau-moi/").select_one("picture img")
    assert after["src"] != before["src"]
    assert site.path(after["src"]).is_file()
