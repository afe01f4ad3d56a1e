"""The build only ever replaces a folder it made, and never with an empty site.

Each refused case asserts what the user sees: the exit status, the message,
and every file of the folder still there with the same bytes.
"""

import os
import shutil
import subprocess
import sys
import time

import pytest
from conftest import (
    ROOT,
    Site,
    article,
    make,
    newsroom,
    settings_module,
    stories,
    tree_bytes,
    tree_digest,
    write_files,
)

from newsroom.output import (
    MANIFEST_NAME,
    Manifest,
    claim,
    read_manifest,
    sync_into,
    tree_files,
    write_manifest,
)

WAIT = 60
REFUSED = 2
STORY = "/chinh-tri/2024/02/27/tin-ngay-27-thang-hai/"


def build(content, output, *flags, settings=None):
    settings = settings or ROOT / "pelicanconf.py"
    return newsroom("build", "-s", settings, "-i", content, "-o", output, *flags)


@pytest.fixture
def published(tmp_path):
    """Three articles built into ``output``: the site the refused builds must leave."""
    content = write_files(tmp_path / "content", stories(27, 28, 29))
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    return content, output


@pytest.fixture
def project_copy(tmp_path):
    """The project's files in a folder of their own, with the project's venv: a
    test may point `make` at the project itself without risking the real one."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Makefile", "pelicanconf.py", "publishconf.py", "requirements.txt"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("newsroom", "plugins", "theme", "content"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def test_make_html_refuses_the_project_folder_and_touches_nothing(project_copy):
    before = tree_digest(project_copy)
    result = make("html", "OUTPUTDIR=.", cwd=project_copy)
    assert result.returncode != 0
    assert "không dựng vào “.”" in result.stderr
    assert "(OUTPUTDIR contains INPUTDIR)" in result.stderr
    assert tree_digest(project_copy) == before


def test_the_project_is_guarded_even_when_the_content_is_elsewhere(project_copy, tmp_path):
    content = write_files(tmp_path / "elsewhere", stories(27))
    before = tree_digest(project_copy)
    result = make("html", f"INPUTDIR={content}", "OUTPUTDIR=.", cwd=project_copy)
    assert result.returncode != 0
    assert "(OUTPUTDIR contains the project)" in result.stderr
    assert tree_digest(project_copy) == before


def test_the_content_folder_is_never_the_output(published):
    content, _ = published
    before = tree_digest(content)
    result = build(content, content)
    assert result.returncode == REFUSED
    assert "(OUTPUTDIR contains INPUTDIR)" in result.stderr
    inside = build(content, content / "trang")
    assert inside.returncode == REFUSED
    assert "(OUTPUTDIR inside INPUTDIR)" in inside.stderr
    assert tree_digest(content) == before


def test_a_folder_no_build_made_is_refused_and_kept(tmp_path):
    content = write_files(tmp_path / "content", stories(27))
    folder = write_files(tmp_path / "data", {"keep.txt": "giữ\n", "sub/data.db": b"\x00db"})
    before = tree_digest(folder)
    result = build(content, folder)
    assert result.returncode == REFUSED
    assert "(not a folder this build made): keep.txt, sub/data.db" in result.stderr
    assert "ADOPT=1" in result.stderr
    assert tree_digest(folder) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "data"]


def test_a_site_built_before_the_manifest_is_taken_over_when_asked(tmp_path):
    content = write_files(tmp_path / "content", stories(27))
    old_site = write_files(tmp_path / "output", {"index.html": "trang cũ\n"})
    assert build(content, old_site).returncode == REFUSED
    result = build(content, old_site, "--adopt")
    assert result.returncode == 0, result.stderr
    assert Site(old_site).exists(STORY)
    assert "index.html" in read_manifest(old_site).files


def test_an_empty_or_missing_folder_is_built_into(tmp_path):
    content = write_files(tmp_path / "content", stories(27))
    (tmp_path / "empty").mkdir()
    for output in (tmp_path / "empty", tmp_path / "missing" / "output"):
        result = build(content, output)
        assert result.returncode == 0, result.stderr
        assert Site(output).exists(STORY)


def test_files_added_to_a_built_site_are_never_deleted(published):
    content, output = published
    write_files(output, {"keep.txt": "giữ\n", "sub/data.db": b"\x00db"})
    before = tree_digest(output)
    (content / "tin-moi.md").write_text(
        article("Tin mới", "2024-03-01 07:00", summary="Sapo."), encoding="utf-8"
    )
    result = build(content, output)
    assert result.returncode == REFUSED
    assert "có 2 tệp không do bản dựng tạo ra (files no build made): keep.txt, sub/data.db" in (
        result.stderr
    )
    assert "OUTPUT_RETENTION" in result.stderr
    assert tree_digest(output) == before


def test_files_put_deep_in_a_site_built_twice_are_found_and_kept(published):
    # A second build swaps the trees: the claim then lists only the folders
    # changed since (output.Buffers.finished), and must still see these.
    content, output = published
    assert build(content, output).returncode == 0
    assert (output.parent / ".output.buffers.json").is_file()
    story = STORY.strip("/")
    write_files(output, {f"{story}/ghi-chu.txt": "của biên tập viên\n"})
    shutil.copytree(output / "luu-tru", output / "chinh-tri" / "ban-sao")
    before = tree_digest(output)
    result = build(content, output)
    assert result.returncode == REFUSED
    assert f"{story}/ghi-chu.txt" in result.stderr
    assert "chinh-tri/ban-sao/index.html" in result.stderr
    assert tree_digest(output) == before


def test_broken_content_is_told_first_when_the_output_is_refused_too(published):
    # The check runs beside the claim of the output folder: the editor still
    # sees the content's error first, as when it ran before, and nothing moves.
    content, output = published
    write_files(output, {"keep.txt": "giữ\n"})
    before = tree_digest(output)
    (content / "tin-hong.md").write_text("Title: Tin hỏng\nDate: ngày mai\n\nNội dung.\n")
    result = build(content, output)
    assert result.returncode == 1
    assert f"{content}/tin-hong.md:2: Date" in result.stderr
    assert "files no build made" not in result.stderr
    assert tree_digest(output) == before


def test_the_manifest_lists_what_the_build_wrote_and_not_what_a_deploy_keeps(published):
    content, output = published
    write_files(output, {".well-known/security.txt": "Contact: toasoan@example.vn\n"})
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    manifest = read_manifest(output)
    on_disk = {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}
    assert manifest.files == on_disk - {MANIFEST_NAME, ".well-known/security.txt"}
    assert manifest.articles == 3
    assert (output / ".well-known" / "security.txt").is_file()


@pytest.mark.parametrize(
    "files",
    [{}, {"ghi-chu.txt": "không phải bài\n"}, stories(27, status="draft")],
    ids=["empty", "no-markdown", "drafts-only"],
)
def test_no_article_never_replaces_a_site_that_has_some(published, tmp_path, files):
    _, output = published
    before = tree_digest(output)
    empty = write_files(tmp_path / "checkout", files)
    result = build(empty, output)
    assert result.returncode == REFUSED
    assert "không đăng bài nào, còn trang đang đăng có 3 bài" in result.stderr
    assert "ALLOW_EMPTY=1" in result.stderr
    assert tree_digest(output) == before


def test_an_empty_site_is_published_when_asked(published, tmp_path):
    _, output = published
    result = build(write_files(tmp_path / "checkout", {}), output, "--allow-empty")
    assert result.returncode == 0, result.stderr
    assert not Site(output).exists(STORY)
    assert read_manifest(output).articles == 0


def test_make_passes_the_flags(published):
    content, output = published
    checkout = content.parent / "checkout"
    checkout.mkdir()
    refused = make("html", f"INPUTDIR={checkout}", f"OUTPUTDIR={output}")
    assert refused.returncode != 0
    assert "ALLOW_EMPTY=1" in refused.stderr
    allowed = make("html", f"INPUTDIR={checkout}", f"OUTPUTDIR={output}", "ALLOW_EMPTY=1")
    assert allowed.returncode == 0, allowed.stderr


def test_a_symlinked_output_folder_stays_a_link_to_the_new_site(tmp_path):
    content = write_files(tmp_path / "content", stories(27, 28))
    real = tmp_path / "www" / "baohoabinh"
    real.mkdir(parents=True)
    link = tmp_path / "output"
    link.symlink_to(real)
    for _ in range(2):
        result = build(content, link)
        assert result.returncode == 0, result.stderr
        assert link.is_symlink()
        assert link.resolve() == real
        assert Site(real).exists(STORY)
    # The tree the last swap took out stays beside it, for the next build.
    assert sorted(path.name for path in real.parent.iterdir()) == [
        ".baohoabinh.buffers.json",
        ".baohoabinh.lock",
        ".baohoabinh.spare",
        "baohoabinh",
    ]


def test_a_symlink_and_its_folder_share_one_lock(tmp_path):
    content = write_files(tmp_path / "content", stories(27, 28))
    real, link, gate = tmp_path / "real", tmp_path / "link", tmp_path / "gate"
    gate.mkdir()
    link.symlink_to(real)
    settings = settings_module(
        tmp_path, plugin_paths=[ROOT / "tests" / "plugins"], plugins=["build_gate"]
    )
    command = [sys.executable, "-m", "newsroom", "build", "-s", str(settings), "-i", str(content)]
    environment = {**os.environ, "BUILD_GATE_DIR": str(gate), "BUILD_GATE_MODE": "wait"}
    held = subprocess.Popen(
        [*command, "-o", str(link)], cwd=ROOT, env=environment, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + WAIT
    while not (gate / "writing").exists():
        assert time.monotonic() < deadline, "the first build never started writing"
        time.sleep(0.01)
    second = build(content, real, "--no-wait", settings=settings)
    assert second.returncode == 1
    assert "đang chạy; thử lại sau" in second.stderr
    (gate / "open").touch()
    assert held.wait(WAIT) == 0, held.stderr.read()


@pytest.fixture
def mount_point(tmp_path):
    """A tmpfs mounted at ``tmp_path/www``: a folder that cannot be renamed."""
    if os.geteuid() != 0:
        pytest.fail("mounting a file system for this test needs root (CI runs as root)")
    www = tmp_path / "www"
    www.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs-test", str(www)], check=True)
    yield www
    subprocess.run(["umount", str(www)], check=True)


def test_a_mount_point_gets_the_new_site_file_by_file(tmp_path, mount_point):
    content = write_files(tmp_path / "content", stories(27, 28, 29))
    result = build(content, mount_point)
    assert result.returncode == 0, result.stderr
    assert "điểm gắn kết (mount point)" in result.stderr
    (content / "tin-27.md").unlink()
    (content / "tin-moi.md").write_text(
        article("Tin mới", "2024-03-01 07:00", summary="Sapo."), encoding="utf-8"
    )
    result = build(content, mount_point)
    assert result.returncode == 0, result.stderr
    assert os.path.ismount(mount_point)
    cold = tmp_path / "cold"
    assert build(content, cold).returncode == 0
    assert tree_bytes(mount_point) == tree_bytes(cold)
    assert not Site(mount_point).exists(STORY)
    assert Site(mount_point).exists("/chinh-tri/2024/03/01/tin-moi/")


def test_a_mount_point_keeps_files_no_build_made(tmp_path, mount_point):
    write_files(mount_point, {"keep.txt": "giữ\n"})
    result = build(write_files(tmp_path / "content", stories(27)), mount_point)
    assert result.returncode == REFUSED
    assert (mount_point / "keep.txt").read_text(encoding="utf-8") == "giữ\n"


def test_make_clean_deletes_only_what_the_build_made(published, project_copy):
    content, output = published
    write_files(output, {"keep.txt": "giữ\n"})
    result = make("clean", f"INPUTDIR={content}", f"OUTPUTDIR={output}", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "giữ lại 1 tệp không do bản dựng tạo ra (kept files no build made): keep.txt" in (
        result.stderr
    )
    assert tree_bytes(output) == {"keep.txt": "giữ\n".encode()}
    (output / "keep.txt").unlink()
    assert build(content, output).returncode == 0
    cleaned = make("clean", f"INPUTDIR={content}", f"OUTPUTDIR={output}", cwd=project_copy)
    assert cleaned.returncode == 0, cleaned.stderr
    assert not output.exists()


@pytest.mark.parametrize("output", ["/", ".", "content"])
def test_make_clean_refuses_the_root_and_the_project(project_copy, output):
    before = tree_digest(project_copy / "content")
    result = make("clean", f"OUTPUTDIR={output}", cwd=project_copy)
    assert result.returncode != 0
    assert f"không xóa “{output}”" in result.stderr
    assert "Không có gì bị xóa." in result.stderr
    assert (project_copy / "Makefile").is_file()
    assert tree_digest(project_copy / "content") == before


def test_make_clean_refuses_a_folder_no_build_made(tmp_path, project_copy):
    folder = write_files(tmp_path / "data", {"keep.txt": "giữ\n"})
    result = make("clean", f"OUTPUTDIR={folder}", cwd=project_copy)
    assert result.returncode != 0
    assert "(not a folder this build made)" in result.stderr
    assert (folder / "keep.txt").is_file()


def test_a_copy_into_a_mount_point_cut_short_is_finished_by_the_next(tmp_path, monkeypatch):
    old = write_files(tmp_path / "www", {"a.html": "cũ\n", "cu.html": "bỏ\n", "css/x.css": "x\n"})
    write_manifest(old, Manifest(frozenset(tree_files(old)), 2))
    previous = claim(old, ())
    staged = write_files(
        tmp_path / "staging", {"a.html": "mới\n", "b.html": "mới\n", "css/y.css": "y\n"}
    )
    manifest = Manifest(frozenset(tree_files(staged)), 2)
    write_manifest(staged, manifest)
    copies, copy = [], shutil.copy2

    def copy_then_die(source, target, **options):
        # The second copy is killed once its temporary file is written.
        copy(source, target, **options)
        copies.append(target)
        if len(copies) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("newsroom.output.shutil.copy2", copy_then_die)
    with pytest.raises(KeyboardInterrupt):
        sync_into(staged, old, manifest, previous)
    monkeypatch.undo()
    assert any(path.name.endswith(".newsroom-incoming") for path in old.iterdir())
    interrupted = claim(old, ())
    sync_into(staged, old, manifest, interrupted)
    assert tree_bytes(old) == tree_bytes(staged)
    assert claim(old, ()) == read_manifest(staged)
