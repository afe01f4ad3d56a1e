"""The published folder survives failed, killed, interrupted and concurrent builds.

A test-only plugin (tests/plugins/build_gate) holds a build just after it wrote
its first file, so each test acts in the middle of writing, every time.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT, Site, article, settings_module, tree_digest

WAIT = 60


@pytest.fixture
def site(tmp_path):
    """A content folder, settings with the gate plugin, and a first good build."""
    content, output, gate = tmp_path / "content", tmp_path / "output", tmp_path / "gate"
    content.mkdir()
    gate.mkdir()
    for day in (27, 28, 29):
        (content / f"tin-{day}.md").write_text(
            article(f"Tin ngày {day} tháng Hai", f"2024-02-{day} 09:00", summary="Sapo."),
            encoding="utf-8",
        )
    settings = settings_module(
        tmp_path, plugin_paths=[ROOT / "tests" / "plugins"], plugins=["build_gate"]
    )

    class Builds:
        def __init__(self):
            self.content, self.output, self.gate = content, output, gate

        def start(self, mode=None, *extra):
            env = dict(os.environ)
            if mode:
                env.update(BUILD_GATE_DIR=str(gate), BUILD_GATE_MODE=mode)
            command = [sys.executable, "-m", "newsroom", "build", "-s", str(settings)]
            command += ["-i", str(content), "-o", str(output), *extra]
            return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)

        def wait_for(self, name):
            deadline = time.monotonic() + WAIT
            while not (gate / name).exists():
                assert time.monotonic() < deadline, f"the build never reached {name}"
                time.sleep(0.01)

        def beside_output(self):
            """What lies beside the output folder once old trees are deleted."""
            deadline = time.monotonic() + WAIT
            while True:
                names = sorted(
                    path.name for path in output.parent.iterdir() if "output" in path.name
                )
                if not any(".trash-" in name for name in names) or time.monotonic() > deadline:
                    return names
                time.sleep(0.05)

        def add_article(self):
            (content / "tin-moi.md").write_text(
                article("Tin mới nhất", "2024-03-01 07:00", summary="Sapo."), encoding="utf-8"
            )

    builds = Builds()
    first = builds.start()
    assert first.wait(WAIT) == 0, first.stderr.read()
    return builds


def test_a_build_killed_while_writing_leaves_the_old_site(site):
    before = tree_digest(site.output)
    site.add_article()
    build = site.start("wait")
    site.wait_for("writing")
    build.send_signal(signal.SIGKILL)
    assert build.wait(WAIT) == -signal.SIGKILL
    assert tree_digest(site.output) == before

    again = site.start()
    assert again.wait(WAIT) == 0, again.stderr.read()
    assert Site(site.output).exists("/chinh-tri/2024/03/01/tin-moi-nhat/")
    assert site.beside_output() == [
        ".output.buffers.json",
        ".output.lock",
        ".output.spare",
        "output",
    ]


def test_ctrl_c_while_writing_leaves_the_old_site(site):
    before = tree_digest(site.output)
    site.add_article()
    build = site.start("wait")
    site.wait_for("writing")
    build.send_signal(signal.SIGINT)
    (site.gate / "open").touch()
    assert build.wait(WAIT) == 130
    assert "giữ nguyên" in build.stderr.read()
    assert tree_digest(site.output) == before
    assert not list(site.output.parent.glob(".output.staging*"))


def test_a_full_disk_fails_the_build_and_leaves_the_old_site(site):
    before = tree_digest(site.output)
    site.add_article()
    build = site.start("no-space")
    assert build.wait(WAIT) == 1
    messages = build.stderr.read()
    assert "No space left on device" in messages
    assert "Traceback" not in messages
    assert tree_digest(site.output) == before


def test_a_second_build_waits_for_the_first(site):
    site.add_article()
    first = site.start("wait")
    site.wait_for("writing")
    second = site.start()
    assert "đang chạy; chờ" in second.stderr.readline()
    assert second.poll() is None
    (site.gate / "open").touch()
    assert first.wait(WAIT) == 0
    assert second.wait(WAIT) == 0
    assert Site(site.output).exists("/chinh-tri/2024/03/01/tin-moi-nhat/")


def test_a_second_build_can_refuse_instead_of_waiting(site):
    first = site.start("wait")
    site.wait_for("writing")
    second = site.start(None, "--no-wait")
    assert second.wait(WAIT) == 1
    assert "đang chạy; thử lại sau" in second.stderr.read()
    (site.gate / "open").touch()
    assert first.wait(WAIT) == 0


def test_files_a_deploy_keeps_survive_a_build(site):
    (site.output / ".well-known").mkdir()
    (site.output / ".well-known" / "security.txt").write_text("Contact: toasoan@example.vn\n")
    (site.output / "CNAME").write_text("baohoabinh.com.vn\n")
    (site.content / "tin-29.md").unlink()
    site.add_article()
    build = site.start()
    assert build.wait(WAIT) == 0, build.stderr.read()
    assert (site.output / ".well-known" / "security.txt").read_text().startswith("Contact")
    assert (site.output / "CNAME").read_text() == "baohoabinh.com.vn\n"
    assert not Site(site.output).exists("/chinh-tri/2024/02/29/tin-ngay-29-thang-hai/")


def test_only_files_whose_bytes_change_are_replaced(site):
    def files():
        return {
            path.relative_to(site.output).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in site.output.rglob("*")
            if path.is_file()
        }

    before = files()
    build = site.start()
    assert build.wait(WAIT) == 0, build.stderr.read()
    assert files() == before

    story = site.content / "tin-27.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nĐoạn bổ sung.\n", encoding="utf-8")
    build = site.start()
    assert build.wait(WAIT) == 0, build.stderr.read()
    after = files()
    changed = {name for name in after if after[name] != before.get(name)}
    assert "chinh-tri/2024/02/27/tin-ngay-27-thang-hai/index.html" in changed
    assert "chinh-tri/2024/02/29/tin-ngay-29-thang-hai/index.html" not in changed
    assert not any(name.startswith("theme/") for name in changed)


def test_an_old_tree_whose_deletion_was_cut_short_is_cleared_by_the_next_build(site):
    trash = site.output.parent / ".output.trash-1-2"
    (trash / "chinh-tri").mkdir(parents=True)
    (trash / "chinh-tri" / "index.html").write_text("old\n")
    build = site.start()
    assert build.wait(WAIT) == 0, build.stderr.read()
    assert site.beside_output() == [
        ".output.buffers.json",
        ".output.lock",
        ".output.spare",
        "output",
    ]
