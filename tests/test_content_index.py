"""The content index: a build reads only the article files whose stamps changed."""

import logging
import os
from types import SimpleNamespace

import pytest
from conftest import Site, article, image_bytes, tree_bytes, write_files
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from newsroom import content_index, forking
from newsroom.__main__ import main
from newsroom.build import BuildFailed, build, load_settings
from newsroom.content_index import ContentIndex


class Story:
    """Stands for a Pelican article: the build's settings, a category, a body."""

    def __init__(self, settings, category, body):
        self.settings = settings
        self.category = category
        self.body = body


def generator(settings=None, files=()):
    """Stands for Pelican's articles' generator, whose files are ``files``."""
    return SimpleNamespace(
        settings={"ARTICLE_PATHS": [""], "ARTICLE_EXCLUDES": [], **(settings or {})},
        context={},
        get_files=lambda paths, exclude: set(files),
    )


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


def _read_ahead_spy(monkeypatch) -> list[str]:
    """Makes the build read ahead from two files on; returns the files read
    ahead in this process (the other half is read in the copy)."""
    monkeypatch.setattr(content_index, "READ_AHEAD", 2)
    monkeypatch.setattr(forking, "MIN_ITEMS_TO_SPLIT", 2)
    read_here = []
    read_ahead = ContentIndex._read_ahead

    def spy(self, paths):
        read_here.extend(paths)
        return read_ahead(self, paths)

    monkeypatch.setattr(ContentIndex, "_read_ahead", spy)
    return read_here


def _stories(count: int) -> dict[str, str]:
    return {
        f"tin-{n}.md": article(
            f"Tin số {n}", f"2024-03-{n + 1:02d} 08:00", Summary=f"Sapo {n}.", Tags=f"đề {n % 3}"
        )
        for n in range(count)
    }


def test_files_read_ahead_on_both_cores_make_the_site_reading_them_in_turn_makes(
    project, monkeypatch
):
    content = write_files(project / "content", _stories(10))
    arguments = ["build", "-s", str(project / "settings.py"), "-i", str(content)]
    assert main([*arguments, "-o", str(project / "in-turn")]) == 0
    read_here = _read_ahead_spy(monkeypatch)
    assert main([*arguments, "-o", str(project / "ahead")]) == 0
    assert len(read_here) == 5
    assert tree_bytes(project / "ahead") == tree_bytes(project / "in-turn")


def test_many_files_added_to_an_indexed_site_are_read_ahead(project, monkeypatch):
    stories = list(_stories(10).items())
    content = write_files(project / "content", dict(stories[:2]))
    arguments = ["build", "-s", str(project / "settings.py"), "-i", str(content)]
    assert main([*arguments, "-o", str(project / "ahead")]) == 0
    write_files(content, dict(stories[2:]))
    read_here = _read_ahead_spy(monkeypatch)
    assert main([*arguments, "-o", str(project / "ahead")]) == 0
    # The eight new files, half of them in this process.
    assert len(read_here) == 4
    assert {os.path.basename(path) for path in read_here} <= {name for name, _ in stories[2:]}
    assert main([*arguments, "-o", str(project / "in-turn")]) == 0
    assert tree_bytes(project / "ahead") == tree_bytes(project / "in-turn")


def test_a_file_whose_reading_ahead_logs_a_problem_is_read_and_reported_by_pelican(
    project, monkeypatch
):
    stories = _stories(6)
    stories["ma.md"] = article("Tin có mã", "2024-03-20 08:00", body='<p onclick="x()">Đoạn.</p>')
    content = write_files(project / "content", stories)

    def failure(output: str) -> list[str]:
        # The build without the content check in front: Pelican's reading reports it.
        settings = load_settings(str(project / "settings.py"), str(content), str(project / output))
        with pytest.raises(BuildFailed) as failed:
            build(settings)
        return [line.replace(output, "OUT") for line in failed.value.lines]

    in_turn = failure("in-turn")
    read_here = _read_ahead_spy(monkeypatch)
    assert failure("ahead") == in_turn
    assert len(read_here) == 4
    assert len([line for line in in_turn if "ma.md:5: thuộc tính onclick" in line]) == 1
