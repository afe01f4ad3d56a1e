"""Plugins add their steps to Pelican's Markdown readers, in PLUGINS order."""

import unicodedata

from conftest import article, image_bytes
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from vietnamese.readers import extend_markdown_readers


class Plain(MarkdownReader):
    def read(self, source_path):
        return "<p>thân bài</p>", {"title": "Tin"}


def step(name):
    def add(reader, source_path, content, metadata):
        return f"{content}[{name}]", {**metadata, "steps": [*metadata.get("steps", []), name]}

    return add


class FakeReaders:
    def __init__(self):
        self.reader_classes = {"md": Plain, "html": None, "rst": object}


def test_steps_run_in_the_order_plugins_added_them_and_keep_the_readers_name():
    readers = FakeReaders()
    extend_markdown_readers(readers, step("nfc"))
    extend_markdown_readers(readers, step("sapo"))
    reader = readers.reader_classes["md"](DEFAULT_CONFIG)
    content, metadata = reader.read("tin.md")
    assert content == "<p>thân bài</p>[nfc][sapo]"
    assert metadata == {"title": "Tin", "steps": ["nfc", "sapo"]}
    assert readers.reader_classes["md"].__name__ == "Plain"
    assert readers.reader_classes["html"] is None
    assert readers.reader_classes["rst"] is object


def test_a_body_is_sanitised_then_composed_then_given_its_sapo_and_pictures(build_site):
    body = unicodedata.normalize("NFD", "Người dân đón Tết.\n\n![Ảnh](images/anh.jpg)")
    site = build_site(
        {
            "tin.md": article("Tin", "2024-03-01 08:00", body=body + "\n\n<script>x()</script>"),
            "images/anh.jpg": image_bytes(),
        }
    )
    assert site.page("/chinh-tri/").select_one(".card__sapo").get_text() == "Người dân đón Tết."
    page = site.page("/chinh-tri/2024/03/01/tin/")
    assert page.select_one(".article__body picture source[type='image/webp']") is not None
    assert page.select(".article__body script") == []
