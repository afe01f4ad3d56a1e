"""``make publish`` writes Brotli and gzip copies beside every text file, and an
incremental publish keeps the copies of the files it did not change."""

import gzip

import brotli
import pytest
from conftest import article, settings_module, tree_bytes, write_files

from newsroom import compress
from newsroom.__main__ import main

TEXT_KINDS = (".html", ".css", ".js", ".xml", ".json", ".svg", ".txt")
ARTICLES = {
    f"tin-{day}.md": article(f"Tin ngày {day}", f"2024-02-{day} 09:00", summary=f"Sapo {day}.")
    for day in (26, 27, 28)
}
EDITED = "chinh-tri/2024/02/27/tin-ngay-27/index.html"
UNCHANGED = "chinh-tri/2024/02/26/tin-ngay-26/index.html"


@pytest.fixture
def publish(tmp_path):
    """Build ``content`` as ``make publish`` does into ``tmp_path/<name>``."""
    settings = settings_module(tmp_path, PRECOMPRESS=True, SITEURL="https://baohoabinh.com.vn")
    content = write_files(tmp_path / "content", ARTICLES)

    def _publish(name="output"):
        arguments = ["build", "-s", str(settings), "-i", str(content), "-o", str(tmp_path / name)]
        assert main(arguments) == 0
        return tmp_path / name

    _publish.content = content
    return _publish


def text_files(tree) -> list[str]:
    return sorted(
        path.relative_to(tree).as_posix()
        for path in tree.rglob("*")
        if path.name.endswith(TEXT_KINDS) and not path.name.startswith(".")
    )


def test_every_text_file_has_brotli_and_gzip_copies_of_its_bytes(publish):
    output = publish()
    files = text_files(output)
    kinds = {name.rsplit(".", 1)[1] for name in files}
    assert {"html", "css", "js", "xml", "json", "svg", "txt"} <= kinds
    for name in files:
        data = (output / name).read_bytes()
        assert brotli.decompress((output / f"{name}.br").read_bytes()) == data, name
        assert gzip.decompress((output / f"{name}.gz").read_bytes()) == data, name
    # Pagefind's bundles are compressed by Pagefind itself.
    assert not list(output.rglob("*.pf_fragment.br"))


def test_the_local_preview_has_no_copies(tmp_path):
    settings = settings_module(tmp_path)
    content = write_files(tmp_path / "content", ARTICLES)
    output = tmp_path / "output"
    assert main(["build", "-s", str(settings), "-i", str(content), "-o", str(output)]) == 0
    assert not list(output.rglob("*.br"))
    assert not list(output.rglob("*.gz"))


def test_a_publish_compresses_only_what_changed_and_equals_a_cold_one(publish, monkeypatch):
    output = publish()
    before = {name: (output / name).stat().st_ino for name in tree_bytes(output)}

    story = publish.content / "tin-27.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nĐoạn bổ sung.\n", encoding="utf-8")
    compressed = []
    original = compress.precompress

    def counting(*args):
        compressed.append(original(*args))
        return compressed[-1]

    monkeypatch.setattr(compress, "precompress", counting)
    output = publish()

    assert "Đoạn bổ sung." in brotli.decompress((output / f"{EDITED}.br").read_bytes()).decode()
    assert (output / f"{UNCHANGED}.br").stat().st_ino == before[f"{UNCHANGED}.br"]
    assert (output / f"{UNCHANGED}.gz").stat().st_ino == before[f"{UNCHANGED}.gz"]
    # The article, its neighbours' pages, its day, section, feeds, sitemaps…
    assert 0 < compressed[0] < len(text_files(output)) / 2
    assert tree_bytes(output) == tree_bytes(publish("cold"))


def test_only_text_kinds_are_compressed():
    names = ["a/index.html", "b.jpg", "feeds/all.atom.xml", "p/vi_1.pf_fragment", "x.webp"]
    assert compress.compressible(names) == ["a/index.html", "feeds/all.atom.xml"]


def test_a_publish_with_no_change_touches_no_file(publish):
    def stamps(tree):
        return {
            path.relative_to(tree).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in tree.rglob("*")
            if path.is_file()
        }

    output = publish()
    before = stamps(output)
    assert any(name.startswith("pagefind/") and name.endswith(".br") for name in before)
    # Unchanged files, their copies included, are the published ones, never
    # rewritten: a deploy (rsync -a) sends nothing.
    assert stamps(publish()) == before
