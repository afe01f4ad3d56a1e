"""What an editor runs besides the build: make new, make serve."""

import contextlib
import datetime
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, article
from pelican.settings import read_settings

from newsroom.check import check_site
from newsroom.new_article import NewArticleError, new_article

WAIT = 60


def _settings(content):
    return read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})


def test_make_new_writes_a_draft_dated_now_with_an_ascii_name(tmp_path):
    content = tmp_path / "content"
    result = subprocess.run(
        ["make", "-s", "new", f"INPUTDIR={content}", "TITLE=Đường về Đà Nẵng", "CATEGORY=xã hội"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    path = result.stdout.strip()
    assert path.endswith("/duong-ve-da-nang.md")
    text = Path(path).read_text(encoding="utf-8")
    assert text.startswith("Title: Đường về Đà Nẵng\nDate: ")
    assert "Category: Xã hội\nStatus: draft\n" in text
    assert [p for p in check_site(_settings(content)) if p.severity == "lỗi"] == []


def test_new_articles_with_one_title_get_two_files_in_local_time(tmp_path):
    late_evening_utc = datetime.datetime(2024, 2, 29, 17, 30, tzinfo=datetime.UTC)
    settings = _settings(tmp_path)
    first = new_article(tmp_path, "Lịch cắt điện", "Kinh tế", settings, now=late_evening_utc)
    second = new_article(tmp_path, "Lịch cắt điện", "kinh-te", settings, now=late_evening_utc)
    assert first.relative_to(tmp_path).as_posix() == "2024/03/lich-cat-dien.md"
    assert second.name == "lich-cat-dien-2.md"
    assert "Date: 2024-03-01 00:30\n" in first.read_text(encoding="utf-8")


def test_make_new_refuses_an_unknown_section(tmp_path):
    settings = _settings(tmp_path)
    with pytest.raises(NewArticleError, match="Chính trị"):
        new_article(tmp_path, "Tin", "Thời sự", settings)
    assert list(tmp_path.iterdir()) == []


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_until(condition):
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.1)


def _saved_until(save, condition):
    """``save()`` again until ``condition()`` holds: make serve says where it
    serves a moment before it watches, and a save in between goes unseen."""
    deadline = time.monotonic() + WAIT
    while True:
        save()
        seen_by = min(deadline, time.monotonic() + 2)
        while time.monotonic() < seen_by:
            if condition():
                return
            time.sleep(0.1)
        assert time.monotonic() < deadline


SERVING = re.compile(r"Trang xem thử: (http://\S+/)")


@contextlib.contextmanager
def serving(tmp_path, cwd=ROOT):
    """``make serve`` of ``tmp_path/content`` into ``tmp_path/output`` on a port
    the system picks, run from ``cwd`` with the project's settings; yields its
    log's path and its address, once it serves."""
    log = tmp_path / "serve.log"
    with open(log, "w") as log_file:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "newsroom", "serve", "-s", str(ROOT / "pelicanconf.py")),
                *("-i", str(tmp_path / "content"), "-o", str(tmp_path / "output")),
                *("--port", "0"),
            ],
            cwd=cwd,
            stderr=log_file,
        )
    try:
        _wait_until(lambda: SERVING.search(log.read_text(encoding="utf-8")))
        yield log, SERVING.search(log.read_text(encoding="utf-8"))[1]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(WAIT)


def test_serve_rebuilds_on_save_and_keeps_the_last_good_build(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    story = content / "tin.md"
    story.write_text(article("Tin đầu tiên", "2024-02-27 09:00"), encoding="utf-8")
    with serving(tmp_path) as (log, base):
        url = base + "chinh-tri/"
        _wait_until(lambda: "Tin đầu tiên" in _try_get(url))
        _saved_until(
            lambda: story.write_text(article("Tin đã sửa", "2024-02-27 09:00"), encoding="utf-8"),
            lambda: "Tin đã sửa" in _try_get(url),
        )
        story.write_text(article("Tin hỏng", "2024-02-30 09:00"), encoding="utf-8")
        _wait_until(lambda: "tin.md:2: Date" in log.read_text(encoding="utf-8"))
        _wait_until(lambda: "vẫn là bản dựng tốt gần nhất" in log.read_text(encoding="utf-8"))
        assert "Tin đã sửa" in _get(url)


def test_serve_starts_again_when_the_builds_own_code_changes(tmp_path):
    # make serve imports newsroom once: a change to it must not leave the old code building.
    shutil.copytree(ROOT / "newsroom", tmp_path / "newsroom")
    # Where newsroom finds the plugins' pure functions, beside itself.
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
    content = tmp_path / "content"
    content.mkdir()
    (content / "tin.md").write_text(article("Tin đầu tiên", "2024-02-27 09:00"), encoding="utf-8")
    with serving(tmp_path, cwd=tmp_path) as (log, base):
        url = base + "chinh-tri/"
        _wait_until(lambda: "Tin đầu tiên" in _try_get(url))
        command_line = tmp_path / "newsroom" / "__main__.py"
        done = 'echo(f"Đã dựng xong {args.output}/.")'
        code = command_line.read_text(encoding="utf-8")
        assert done in code
        changed = code.replace(done, done.replace("/.", "/ bằng mã mới."))
        _saved_until(
            lambda: command_line.write_text(changed, "utf-8"),
            lambda: "bằng mã mới." in log.read_text(encoding="utf-8"),
        )
        # Started again on the same address.
        _wait_until(lambda: len(SERVING.findall(log.read_text(encoding="utf-8"))) >= 2)
        assert set(SERVING.findall(log.read_text(encoding="utf-8"))) == {base}
        _wait_until(lambda: "Tin đầu tiên" in _try_get(url))


def _try_get(url):
    try:
        return _get(url)
    except OSError:
        return ""


def test_a_scheduled_article_is_published_once_its_time_has_come(build_site):
    local = datetime.timezone(datetime.timedelta(hours=7))
    now = datetime.datetime.now(local)
    due = now - datetime.timedelta(minutes=1)
    later = now + datetime.timedelta(hours=1)
    site = build_site(
        {
            "den-gio.md": article("Tin đã đến giờ đăng", f"{due:%Y-%m-%d %H:%M}"),
            "hen-gio.md": article("Tin hẹn giờ chưa tới", f"{later:%Y-%m-%d %H:%M}"),
        }
    )
    section = site.page("/chinh-tri/").get_text()
    assert "Tin đã đến giờ đăng" in section
    assert "Tin hẹn giờ chưa tới" not in section
    assert site.exists(f"/chinh-tri/{due:%Y/%m/%d}/tin-da-den-gio-dang/")
    assert not any("tin-hen-gio" in name for name in site.files())
