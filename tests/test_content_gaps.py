"""Content that used to slip past the checks: each is now seen by ``make check``
exactly as the build sees it, and refused with its file and line.

Refused cases build a good site first, then add the bad file and build again
as ``make html`` does: exit status, the ``file:line:`` message, and the
published tree byte for byte what it was.
"""

import os
import struct
import subprocess
import sys
import zlib

import pytest
from conftest import ROOT, Site, article, image_bytes, settings_module, tree_digest, write_files
from pelican.generators import Generator
from pelican.settings import read_settings

import newsroom.images
from newsroom.check import check_site, content_files
from responsive_images.encode import MAX_PIXELS, ImageCache, ImageTooLarge

GOOD = article("Hội nghị Tỉnh ủy lần thứ mười", "2024-02-27 09:00", summary="Hội nghị.")


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "newsroom", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture
def published(tmp_path):
    """A good site, built; ``rebuild(files)`` adds files, builds again and returns
    (exit status, stderr, whether the published tree is unchanged)."""
    content, output = tmp_path / "content", tmp_path / "output"
    content.mkdir()
    (content / "tot.md").write_text(GOOD, encoding="utf-8")
    assert run("build", "-i", str(content), "-o", str(output)).returncode == 0
    before = tree_digest(output)

    def rebuild(files: dict[str, str | bytes] | None = None):
        write_files(content, files or {})
        result = run("build", "-i", str(content), "-o", str(output))
        return result.returncode, result.stderr, tree_digest(output) == before

    rebuild.content = content
    return rebuild


def _settings(content):
    return read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})


def test_the_check_reads_exactly_the_files_pelican_reads(tmp_path):
    elsewhere = tmp_path / "nguon-ngoai"
    (elsewhere / "sau").mkdir(parents=True)
    (elsewhere / "bai-ngoai.md").write_text(GOOD, encoding="utf-8")
    (elsewhere / "sau" / "bai-sau.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "mot-bai.md").write_text(GOOD, encoding="utf-8")
    content = tmp_path / "content"
    for name in ("2024/bai.md", ".an/bai-an.md", ".nhap.md", "images/ghi-chu.md", "pages/gt.md"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(GOOD, encoding="utf-8")
    (content / "lien-ket").symlink_to(elsewhere, target_is_directory=True)
    (content / "2024" / "tep-lien-ket.md").symlink_to(tmp_path / "mot-bai.md")
    settings = _settings(content)
    walker = Generator({}, settings, settings["PATH"], settings["THEME"], str(tmp_path / "o"))

    def pelicans(kind):
        paths, excludes = settings[f"{kind}_PATHS"], settings[f"{kind}_EXCLUDES"]
        return {os.path.normpath(path) for path in walker.get_files(paths, exclude=excludes)}

    files, loops = content_files(settings)
    assert {path for kind, path in files if kind == "article"} == pelicans("ARTICLE")
    assert {path for kind, path in files if kind == "page"} == pelicans("PAGE")
    assert {path for _, path in files} >= {
        "lien-ket/bai-ngoai.md",
        "lien-ket/sau/bai-sau.md",
        "2024/tep-lien-ket.md",
        ".an/bai-an.md",
        ".nhap.md",
        "pages/gt.md",
    }
    assert "images/ghi-chu.md" not in {path for _, path in files}
    assert loops == []


def test_a_broken_article_behind_a_symlinked_folder_stops_the_build(published, tmp_path):
    elsewhere = tmp_path / "kho-bai"
    elsewhere.mkdir()
    (elsewhere / "bai-hong.md").write_text(
        article("Tin từ kho khác", "2024-02-30 09:00"), encoding="utf-8"
    )
    (published.content / "kho").symlink_to(elsewhere, target_is_directory=True)
    status, messages, unchanged = published()
    assert status == 1
    assert "content/kho/bai-hong.md:2: Date “2024-02-30 09:00” không có trên lịch" in messages
    assert unchanged


def test_a_hidden_article_is_checked_too(published):
    status, messages, unchanged = published({".ban-cu.md": article("Tin", "hôm qua")})
    assert status == 1
    assert "content/.ban-cu.md:2: Date “hôm qua” không đúng dạng" in messages
    assert unchanged


def test_a_symlink_loop_is_refused_before_pelican_walks_it(published):
    folder = published.content / "2024"
    folder.mkdir()
    (folder / "vong").symlink_to("..", target_is_directory=True)
    (folder / "vong-2").symlink_to(".", target_is_directory=True)
    status, messages, unchanged = published()
    assert status == 1
    assert "content/2024/vong:1: thư mục liên kết (symlink) trỏ ngược lên" in messages
    assert "content/2024/vong-2:1: thư mục liên kết (symlink) trỏ ngược lên" in messages
    assert unchanged


def test_a_dangling_symlinked_article_is_refused_and_an_html_file_never_read(published, tmp_path):
    (published.content / "mat.md").symlink_to(tmp_path / "khong-con.md")
    status, messages, unchanged = published(
        {"quang-cao.html": "<html><head><title>Quảng cáo</title></head><body></body></html>"}
    )
    assert status == 1
    assert "content/mat.md:1: không đọc được tệp (unreadable file" in messages
    assert "quang-cao" not in messages
    assert "Traceback" not in messages
    assert unchanged
    (published.content / "mat.md").unlink()
    status, messages, _ = published()
    assert status == 0, messages
    assert not any("quang-cao" in path.name for path in tmp_path.joinpath("output").rglob("*"))


def test_a_file_of_another_reader_is_refused_by_the_check(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "quang-cao.html").write_text("<html><body>Quảng cáo</body></html>", "utf-8")
    settings = settings_module(tmp_path, READERS={"rst": None})
    result = run("check", "-s", str(settings), "-i", str(content))
    assert result.returncode == 1
    assert "content/quang-cao.html:1: tệp không phải bài Markdown (not a Markdown file)" in (
        result.stderr
    )


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is ``width`` by ``height``: all Pillow reads to give its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


PHOTO = image_bytes(800, 450)
BAD_IMAGES = {
    "text-named-jpg": (
        b"Day la ghi chu, khong phai anh.\n",
        "không phải tệp ảnh đọc được (not an image)",
    ),
    "empty-file": (b"", "là tệp rỗng, 0 byte (empty image file)"),
    "truncated-jpeg": (
        PHOTO[: len(PHOTO) // 2],
        "bị hỏng hoặc chép thiếu (corrupt or truncated image",
    ),
    "too-many-pixels": (
        png_header(12000, 12000),
        "quá lớn: 12000x12000 điểm ảnh (image over 50 megapixels)",
    ),
}


@pytest.mark.parametrize(("data", "reason"), BAD_IMAGES.values(), ids=BAD_IMAGES.keys())
def test_a_broken_lead_or_body_image_is_named_with_the_line_that_uses_it(published, data, reason):
    lead = article("Khánh thành cầu", "2024-03-01 08:00", image="images/cau.jpg", caption="Cầu.")
    inline = article("Cầu mới", "2024-03-01 09:00", body="Mở đầu.\n\n![Cầu mới](images/cau.jpg)")
    status, messages, unchanged = published(
        {"images/cau.jpg": data, "dau-bai.md": lead, "than-bai.md": inline}
    )
    assert status == 1
    assert f"content/dau-bai.md:4: ảnh “images/cau.jpg” {reason}" in messages
    assert f"content/than-bai.md:7: ảnh “images/cau.jpg” {reason}" in messages
    assert "Could not process" not in messages
    assert "DecompressionBomb" not in messages
    assert unchanged


def test_the_build_never_decodes_an_image_over_the_pixel_bound(tmp_path):
    source = tmp_path / "toan-canh.png"
    source.write_bytes(png_header(8000, 6251))
    assert MAX_PIXELS < 8000 * 6251
    with pytest.raises(ImageTooLarge, match="8000x6251 pixels"):
        ImageCache(tmp_path / "cache", (480, 800)).prepare(source, "images/toan-canh.png")


def test_each_image_is_judged_once_until_it_changes(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "cau.jpg").write_bytes(PHOTO)
    for number in range(3):
        text = article(f"Tin {number}", "2024-03-01 08:00", image="images/cau.jpg")
        (content / f"tin-{number}.md").write_text(text, encoding="utf-8")
    settings = _settings(content)
    cache = tmp_path / "cache" / "check.json"
    judged = []
    judge = newsroom.images.image_problem
    monkeypatch.setattr(newsroom.images, "image_problem", lambda p: judged.append(p) or judge(p))

    def errors():
        problems = check_site(settings, "content", cache_path=cache)
        return [str(problem) for problem in problems if problem.severity == "lỗi"]

    assert errors() == []
    assert len(judged) == 1
    (content / "tin-0.md").write_text(
        article("Tin sửa", "2024-03-01 08:00", image="images/cau.jpg")
    )
    assert errors() == []
    assert len(judged) == 1
    (content / "images" / "cau.jpg").write_bytes(PHOTO[:1000])
    assert len(errors()) == 3
    assert len(judged) == 2


def test_a_two_thousand_character_headline_builds_at_a_bounded_url(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    content.mkdir()
    headline = " ".join(["Đường về Đà Nẵng mùa lũ"] * 100)[:2000].strip()
    (content / "dai.md").write_text(article(headline, "2024-03-01 08:00"), encoding="utf-8")
    result = run("build", "-i", str(content), "-o", str(output))
    assert result.returncode == 0, result.stderr
    day = output / "chinh-tri" / "2024" / "03" / "01"
    [folder] = [path for path in day.iterdir() if path.is_dir()]
    assert folder.name.startswith("duong-ve-da-nang-mua-lu-duong-ve")
    assert len(folder.name) <= 80
    assert not folder.name.endswith("-")
    page = Site(output).page(f"/chinh-tri/2024/03/01/{folder.name}/")
    assert page.h1.get_text() == headline


def test_an_explicit_slug_over_the_bound_is_refused(published):
    slug = "-".join(["khanh-thanh-cau"] * 8)
    status, messages, unchanged = published(
        {"dai.md": article("Khánh thành cầu", "2024-03-01 08:00", slug=slug)}
    )
    assert status == 1
    assert f"content/dai.md:4: Slug dài {len(slug)} ký tự (Slug longer than 80)" in messages
    assert unchanged


def test_tags_and_authors_without_letters_are_refused_by_name(published):
    status, messages, unchanged = published(
        {
            "the.md": article("Tin", "2024-03-01 08:00", tags="!!!, giao thông, ???"),
            "tac-gia.md": article("Tin khác", "2024-03-01 09:00", author="***"),
        }
    )
    assert status == 1
    for tag in ("!!!", "???"):
        assert f"content/the.md:4: từ khóa “{tag}” không cho ra địa chỉ (URL) nào" in messages
    assert "giao thông" not in messages
    assert "content/tac-gia.md:4: tác giả “***” không cho ra địa chỉ (URL) nào" in messages
    assert "(author without letters or digits)" in messages
    assert unchanged


def test_alt_describes_the_lead_image(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    (content / "images").mkdir(parents=True)
    (content / "images" / "cau.jpg").write_bytes(PHOTO)
    alt = "Cầu Hòa Bình 3 nhìn từ bờ trái sông Đà, xe qua lại trên cầu"
    text = article(
        "Khánh thành cầu",
        "2024-03-01 08:00",
        image="images/cau.jpg",
        caption="Lễ cắt băng.",
        alt=alt,
    )
    (content / "cau.md").write_text(text, encoding="utf-8")
    result = run("build", "-i", str(content), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert "unknown header key" not in result.stderr
    page = Site(output).page("/chinh-tri/2024/03/01/khanh-thanh-cau/")
    assert page.select_one(".article picture img")["alt"] == alt


def test_alt_without_an_image_is_a_warning(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    text = article("Tin", "2024-03-01 08:00", alt="Ảnh cầu")
    (content / "tin.md").write_text(text, encoding="utf-8")
    result = run("check", "-i", str(content))
    assert result.returncode == 0
    assert "tin.md:4: cảnh báo: có Alt mà không có Image (alt text without image)" in result.stderr


@pytest.mark.parametrize(
    ("key", "value", "line"),
    [
        ("Date", "1900-03-01 08:00", 2),
        ("Date", "0001-03-01 08:00", 2),
        ("Modified", "2100-01-01 08:00", 4),
    ],
)
def test_a_year_outside_the_archive_is_refused(published, key, value, line):
    text = article("Tin cũ", "2024-03-01 08:00" if key == "Modified" else value, modified=None)
    if key == "Modified":
        text = text.replace("Category: Chính trị\n", f"Category: Chính trị\nModified: {value}\n")
    status, messages, unchanged = published({"cu.md": text})
    assert status == 1
    assert (
        f"content/cu.md:{line}: {key} “{value}” nằm ngoài các năm 1945–2099 (date out of range)"
        in messages
    )
    assert "+07:06" not in messages
    assert unchanged
