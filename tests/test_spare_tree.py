"""A build writes into the tree the last swap took out, brought up to date, and
only what changed: the published site is never written into, a stopped build's
tree is never used again, and the result is the cold build's."""

import os
import shutil
from pathlib import Path

import pytest
from conftest import article, image_bytes, settings_module, tree_bytes, write_files

from newsroom.__main__ import main
from newsroom.output import MANIFEST_NAME, change_clock, files_since, tree_files

ARTICLES = {
    **{
        f"tin-{day}.md": article(
            f"Tin ngày {day}",
            f"2024-02-{day} 09:00",
            summary=f"Sapo {day}.",
            image="images/anh.jpg" if day == 27 else None,
            caption="Ảnh minh họa." if day == 27 else None,
        )
        for day in (25, 26, 27, 28)
    },
    "images/anh.jpg": image_bytes(),
}
EDITED = "tin-28.md"
EDITED_PAGE = "chinh-tri/2024/02/28/tin-ngay-28/index.html"
UNCHANGED_PAGE = "chinh-tri/2024/02/25/tin-ngay-25/index.html"


@pytest.fixture
def site(tmp_path):
    """A content folder and ``build(**settings)`` into ``tmp_path/output``."""
    content = write_files(tmp_path / "content", ARTICLES)

    def build(output="output", content=content, **settings):
        folder = tmp_path / "settings" / output
        folder.mkdir(parents=True, exist_ok=True)
        module = settings_module(folder, **settings)
        arguments = ["build", "-s", str(module), "-i", str(content), "-o", str(tmp_path / output)]
        return main(arguments)

    build.content = content
    build.output = tmp_path / "output"
    build.spare = tmp_path / ".output.spare"
    return build


def edit(content: Path, name: str, words: str) -> None:
    path = content / name
    path.write_text(path.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")


def snapshot(tree: Path, into: Path) -> dict[str, bytes]:
    """Another name for every file of ``tree`` (the same files, not copies), and
    their bytes now: a build that wrote into a published file shows there."""
    for path in tree.rglob("*"):
        if path.is_file():
            target = into / path.relative_to(tree)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return tree_bytes(into)


def cold_build(site, tmp_path, **settings) -> dict[str, bytes]:
    copy = write_files(tmp_path / "cold-content", tree_bytes(site.content))
    assert site(output="cold", content=copy, **settings) == 0
    return tree_bytes(tmp_path / "cold")


@pytest.mark.parametrize("settings", [{}, {"PRECOMPRESS": True}], ids=["html", "publish"])
def test_no_published_file_is_written_into_while_the_next_build_runs(site, tmp_path, settings):
    for _ in range(2):
        assert site(**settings) == 0
    assert site.spare.is_dir()
    before = snapshot(site.output, tmp_path / "names")

    edit(site.content, EDITED, "Đoạn bổ sung.")
    (site.content / "images" / "anh.jpg").write_bytes(image_bytes(color=(200, 40, 40)))
    (site.content / "tin-26.md").unlink()
    assert site(**settings) == 0

    assert tree_bytes(tmp_path / "names") == before
    assert "Đoạn bổ sung." in (site.output / EDITED_PAGE).read_text(encoding="utf-8")
    assert not (site.output / "chinh-tri/2024/02/26/tin-ngay-26/index.html").exists()
    assert tree_bytes(site.output) == cold_build(site, tmp_path, **settings)


def test_the_spare_is_the_tree_before_and_unchanged_files_are_shared(site):
    for _ in range(2):
        assert site() == 0
    unchanged = os.stat(site.output / UNCHANGED_PAGE).st_ino
    old_page = (site.output / EDITED_PAGE).read_bytes()

    edit(site.content, EDITED, "Đoạn bổ sung.")
    assert site() == 0

    assert (site.spare / EDITED_PAGE).read_bytes() == old_page
    assert os.stat(site.output / UNCHANGED_PAGE).st_ino == unchanged
    assert os.stat(site.spare / UNCHANGED_PAGE).st_ino == unchanged


def test_a_failed_build_leaves_a_spare_no_build_uses_again(site, tmp_path):
    theme = shutil.copytree(Path(__file__).resolve().parent.parent / "theme", tmp_path / "theme")
    for _ in range(2):
        assert site(THEME=str(theme)) == 0
    published = tree_bytes(site.output)

    edit(site.content, EDITED, "Đoạn bổ sung.")
    article_template = theme / "templates" / "article.html"
    good_template = article_template.read_text(encoding="utf-8")
    broken = good_template.replace("{% block content %}", "{% block content %}{{ 1 // 0 }}")
    article_template.write_text(broken, encoding="utf-8")
    assert site(THEME=str(theme)) != 0
    assert tree_bytes(site.output) == published
    assert not (site.spare / MANIFEST_NAME).exists()

    article_template.write_text(good_template, encoding="utf-8")
    assert site(THEME=str(theme)) == 0
    assert tree_bytes(site.output) == cold_build(site, tmp_path, THEME=str(theme))


def test_make_clean_deletes_the_spare_too(site):
    for _ in range(2):
        assert site() == 0
    assert site.spare.is_dir()
    assert main(["clean", "-o", str(site.output)]) == 0
    assert not site.spare.exists()
    assert not site.output.exists()


def test_the_compressed_copies_follow_the_settings_of_each_build(site, tmp_path):
    """``make publish`` and ``make html`` into one folder: each tree is that
    build's own, copies and all, whichever tree the spare was."""
    for settings in ({"PRECOMPRESS": True}, {"PRECOMPRESS": True}, {}, {"PRECOMPRESS": True}):
        edit(site.content, EDITED, "Một đoạn nữa.")
        assert site(**settings) == 0
        copies = sorted(site.output.rglob("*.br"))
        assert bool(copies) == bool(settings)
    assert tree_bytes(site.output) == cold_build(site, tmp_path, PRECOMPRESS=True)


def test_a_walk_of_the_spare_lists_only_the_folders_changed_since_it_began(tmp_path, monkeypatch):
    tree = write_files(
        tmp_path / "tree",
        {
            "index.html": "trang chủ",
            "a/index.html": "a",
            "a/b/index.html": "b",
            "c/index.html": "c",
            "c/d/index.html": "d",
        },
    )
    held = list(tree_files(tree))
    since = change_clock(tree)
    (tree / "a" / "b" / "index.html").unlink()
    (tree / "a" / "b" / "index.html").write_text("b mới")
    (tree / "a" / "moi" / "e").mkdir(parents=True)
    (tree / "a" / "moi" / "e" / "index.html").write_text("e")
    (tree / "c" / "index.html").unlink()
    listed = []
    scandir = os.scandir

    def listing(path):
        listed.append(Path(path).relative_to(tree).as_posix())
        return scandir(path)

    monkeypatch.setattr(os, "scandir", listing)
    found = dict(files_since(tree, since, held))
    # What a changed folder holds may be new; c/d held one file, and still does.
    assert found == {
        "index.html": True,
        "a/index.html": True,
        "a/b/index.html": True,
        "a/moi/e/index.html": True,
        "c/d/index.html": False,
    }
    # The root changed as the clock was read; c/d did not change, and is not listed.
    assert sorted(listed) == [".", "a", "a/b", "a/moi", "a/moi/e", "c"]
