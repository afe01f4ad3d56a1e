"""Every content error an editor can make: named with file and line, nothing published.

Each case adds one bad file to a site that was built before, runs the build as
``make html`` does, and checks the exit status, the ``file:line:`` message and
that the published tree is byte-for-byte what it was.
"""

import subprocess
import sys
import unicodedata

import pytest
from conftest import ROOT, Site, article, image_bytes, tree_digest
from pelican.settings import read_settings

import newsroom.check
from newsroom.__main__ import main

GOOD = article(
    "Hội nghị Tỉnh ủy lần thứ mười",
    "2024-02-27 09:00",
    summary="Hội nghị bàn về kinh tế - xã hội.",
)


@pytest.fixture
def published(tmp_path, capsys):
    """A site built once; returns a function that adds files and builds again."""
    content, output = tmp_path / "content", tmp_path / "output"
    (content / "images").mkdir(parents=True)
    (content / "images" / "anh-that.jpg").write_bytes(image_bytes(40, 30))
    (content / "tot.md").write_text(GOOD, encoding="utf-8")
    assert main(["build", "-i", str(content), "-o", str(output)]) == 0
    before = tree_digest(output)
    capsys.readouterr()

    def rebuild(files: dict[str, str | bytes]):
        for name, text in files.items():
            path = content / name
            if isinstance(text, str):
                path.write_text(text, encoding="utf-8")
            else:
                path.write_bytes(text)
        status = main(["build", "-i", str(content), "-o", str(output)])
        messages = capsys.readouterr().err
        return status, messages, tree_digest(output) == before

    return rebuild


def body(*header_lines: str, text="Nội dung bài viết.") -> str:
    return "\n".join(header_lines) + "\n\n" + text + "\n"


TITLE = "Title: Khánh thành cầu Hòa Bình 3"
DATE = "Date: 2024-03-01 08:00"
CATEGORY = "Category: Xã hội"

CASES = {
    "missing-title": (body(DATE, CATEGORY), 1, "missing Title"),
    "missing-date": (body(TITLE, CATEGORY), 1, "missing Date"),
    "impossible-day": (body(TITLE, "Date: 2024-02-30 08:00", CATEGORY), 2, "no such date"),
    "impossible-month": (body(TITLE, "Date: 2024-13-01 08:00", CATEGORY), 2, "no such date"),
    "words-for-date": (body(TITLE, "Date: hôm qua", CATEGORY), 2, "unparseable date"),
    "unknown-section": (body(TITLE, DATE, "Category: Thời sự"), 3, "unknown section"),
    "misspelt-title-key": (body("Titel: Khánh thành", DATE, CATEGORY), 1, "“Title”"),
    "misspelt-category-key": (body(TITLE, DATE, "Catgory: Xã hội"), 3, "“Category”"),
    "empty-body": (body(TITLE, DATE, CATEGORY, text=""), 5, "empty body"),
    "missing-image": (body(TITLE, DATE, CATEGORY, "Image: images/anh-thieu.jpg"), 4, "not found"),
    "remote-image": (
        body(TITLE, DATE, CATEGORY, "Image: https://example.com/anh.jpg"),
        4,
        "remote image",
    ),
    "non-ascii-slug": (body(TITLE, DATE, CATEGORY, "Slug: cầu-hòa-bình"), 4, "cau-hoa-binh"),
    "unknown-status": (body(TITLE, DATE, CATEGORY, "Status: nháp"), 4, "invalid status"),
    "modified-before-date": (
        body(TITLE, DATE, CATEGORY, "Modified: 2024-02-29 08:00"),
        4,
        "Modified earlier than Date",
    ),
    "empty-value": (body(TITLE, DATE, CATEGORY, "Author:"), 4, "empty Author"),
    "missing-body-image": (
        body(TITLE, DATE, CATEGORY, text="Mở đầu.\n\n![Cầu mới](images/cau.jpg)"),
        7,
        "images/cau.jpg",
    ),
    "remote-body-image": (
        body(TITLE, DATE, CATEGORY, text='<img src="https://cdn.example.com/a.jpg" alt="">'),
        5,
        "remote image",
    ),
    "control-character": (body(TITLE, DATE, CATEGORY, text="Đoạn\x1b văn."), 5, "U+001B"),
    "key-twice": (body(TITLE, DATE, CATEGORY, "Title: Tiêu đề khác"), 4, "duplicate key"),
}


@pytest.mark.parametrize(("text", "line", "fragment"), CASES.values(), ids=CASES.keys())
def test_a_content_error_names_file_and_line_and_publishes_nothing(published, text, line, fragment):
    status, messages, unchanged = published({"bai-loi.md": text})
    assert status != 0
    [error] = [
        row for row in messages.splitlines() if "bai-loi.md:" in row and "cảnh báo" not in row
    ]
    assert f"bai-loi.md:{line}: " in error
    assert fragment in error
    assert unchanged


def test_a_file_that_is_not_utf8_names_the_byte(published):
    text = body(TITLE, DATE, CATEGORY, text="Đường về").encode("utf-8")
    latin1 = text.replace("Đường".encode(), "Caf\xe9".encode("latin-1"))
    status, messages, unchanged = published({"bai-loi.md": latin1})
    offset = latin1.index(b"\xe9")
    assert status != 0
    assert f"bai-loi.md:5: tệp không phải UTF-8: byte 0xe9 ở vị trí {offset}" in messages
    assert unchanged


def test_two_articles_on_one_url_name_both_files(published):
    status, messages, unchanged = published(
        {
            "cau-1.md": body(TITLE, DATE, CATEGORY, "Slug: khanh-thanh-cau"),
            "cau-2.md": body(TITLE, "Date: 2024-03-01 17:00", CATEGORY, "Slug: khanh-thanh-cau"),
        }
    )
    assert status != 0
    [error] = [row for row in messages.splitlines() if "same URL" in row]
    assert "cau-2.md:4: " in error
    assert "cau-1.md" in error
    assert "/xa-hoi/2024/03/01/khanh-thanh-cau/" in error
    assert unchanged


def test_all_problems_are_reported_in_one_run(published):
    status, messages, unchanged = published(
        {
            "a.md": body(TITLE, "Date: 2024-02-30 08:00", CATEGORY),
            "b.md": body(TITLE, DATE, "Category: Thời sự", "Titel: x"),
        }
    )
    assert status != 0
    assert "a.md:2: " in messages
    assert "b.md:3: " in messages
    assert "b.md:4: " in messages
    assert "Có 3 lỗi trong 2 tệp" in messages
    assert unchanged


def test_warnings_do_not_stop_the_build(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    long_sapo = "Sapo rất dài. " * 40
    (content / "dai.md").write_text(
        body(TITLE, DATE, CATEGORY, f"Summary: {long_sapo}"), encoding="utf-8"
    )
    (content / "khong-sapo.md").write_text(
        body("Title: Bài không có sapo", DATE, CATEGORY), encoding="utf-8"
    )
    assert main(["build", "-i", str(content), "-o", str(tmp_path / "output")]) == 0
    messages = capsys.readouterr().err
    assert "dai.md:4: cảnh báo: sapo dài" in messages
    assert "khong-sapo.md:1: cảnh báo: chưa có sapo" in messages
    assert Site(tmp_path / "output").exists("/xa-hoi/2024/03/01/bai-khong-co-sapo/")


def test_decomposed_vietnamese_is_published_composed_with_a_warning(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    title = "Đường về Đà Nẵng"
    (content / "nfd.md").write_text(
        unicodedata.normalize("NFD", body(f"Title: {title}", DATE, CATEGORY)), encoding="utf-8"
    )
    assert main(["build", "-i", str(content), "-o", str(tmp_path / "output")]) == 0
    assert "nfd.md:1: cảnh báo: chữ Việt gõ dấu rời" in capsys.readouterr().err
    page = Site(tmp_path / "output").page("/xa-hoi/2024/03/01/duong-ve-da-nang/")
    assert page.h1.get_text() == title


def test_check_writes_nothing_and_fails_on_errors(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "bai.md").write_text(body(TITLE, "Date: 2024-02-30 08:00", CATEGORY))
    result = subprocess.run(
        ["make", "-s", "check", f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"{content}/bai.md:2: Date" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content"]


def test_make_html_shows_no_traceback_on_bad_content(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "bai.md").write_bytes(b"Title: \xff\xfe\n")
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "build", "-i", str(content), "-o", str(tmp_path / "o")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "bai.md:1: tệp không phải UTF-8" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "o").exists()


def test_body_images_under_images_pass_in_either_notation(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "cau.jpg").write_bytes(image_bytes(800, 450))
    text = "![Cầu mới](images/cau.jpg)\n\n![Cầu mới]({static}/images/cau.jpg)"
    (content / "cau.md").write_text(body(TITLE, DATE, CATEGORY, text=text), encoding="utf-8")
    assert main(["build", "-i", str(content), "-o", str(tmp_path / "output")]) == 0
    page = Site(tmp_path / "output").page("/xa-hoi/2024/03/01/khanh-thanh-cau-hoa-binh-3/")
    assert len(page.select(".article__body img")) == 2


def test_the_check_cache_rechecks_only_changed_files_and_never_goes_stale(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(body(TITLE, DATE, CATEGORY, "Slug: cau-moi"), encoding="utf-8")
    (content / "b.md").write_text(body("Title: Tin khác", DATE, CATEGORY), encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    cache = tmp_path / "cache" / "check.json"
    parsed = []
    parse = newsroom.check.parse
    monkeypatch.setattr(newsroom.check, "parse", lambda text: parsed.append(text) or parse(text))

    def errors():
        problems = newsroom.check.check_site(settings, "content", cache_path=cache)
        return [str(problem) for problem in problems if problem.severity == "lỗi"]

    assert errors() == []
    assert len(parsed) == 2
    parsed.clear()

    (content / "b.md").write_text(
        body("Title: Tin khác", "Date: 2024-03-01 09:00", CATEGORY, "Slug: cau-moi"),
        encoding="utf-8",
    )
    [problem] = errors()
    assert len(parsed) == 1
    assert problem.startswith("content/b.md:4: Slug “cau-moi” cho cùng địa chỉ")
    assert "content/a.md" in problem
