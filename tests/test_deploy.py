"""`make deploy`: build into the deploy's staging folder, send it with rsync.

The plan of passes is tested as data (``newsroom.deploy.plan``, ``removals``),
its filters with the real rsync on a small tree, and whole deploys into a local
target folder: what arrives, what stays untouched, what is refused.
"""

import os
import subprocess
from pathlib import Path

import pytest
from conftest import article, make, newsroom, stories, tree_bytes, tree_digest, write_files

from newsroom.deploy import MANIFEST, as_folder, is_remote, plan, removals
from newsroom.output import read_manifest

REFUSED = 2
PAGE = "chinh-tri/2024/02/{day}/tin-ngay-{day}-thang-hai/index.html"


def run_deploy(content, staging, target, *flags, env=None):
    """``python -m newsroom deploy`` as `make deploy` runs it."""
    arguments = ["-s", "publishconf.py", "-i", content, "--staging", staging, "--target", target]
    return newsroom("deploy", *arguments, *flags, env=env)


@pytest.fixture
def site(tmp_path):
    """Three articles in ``content``; the deploy's staging and target folders."""
    content = write_files(tmp_path / "content", stories(27, 28, 29))
    return content, tmp_path / "staging", tmp_path / "target"


@pytest.fixture
def deployed(site):
    content, staging, target = site
    result = run_deploy(content, staging, target)
    assert result.returncode == 0, result.stderr
    return site


# The plan, as data.


def pass_named(passes, word):
    return next(index for index, step in enumerate(passes) if word in step.step)


def test_html_goes_after_the_other_files_deletions_after_both_manifest_last():
    passes = plan("/s", "web:/var/www", "/w", [["a/b/x.html"], ["a/b"]])
    claim, other = pass_named(passes, "claim"), pass_named(passes, "non-HTML")
    html, manifest = pass_named(passes, "HTML pages"), pass_named(passes, "manifest")
    deletions = [index for index, step in enumerate(passes) if step.removes]
    assert claim == 0
    assert claim < other < html < min(deletions)
    assert max(deletions) < manifest == len(passes) - 1
    # Neither the claim nor the sending passes send the new manifest.
    for step in passes[:-1]:
        assert "/s/" + MANIFEST not in step.argv
        if "/s/" in step.argv:
            assert f"--exclude=/{MANIFEST}" in step.argv
    assert passes[manifest].argv[-2:] == ["/s/" + MANIFEST, "web:/var/www/"]
    non_html = passes[other].argv
    for pattern in ("*.html", "*.html.gz", "*.html.br"):
        assert f"--exclude={pattern}" in non_html
        assert f"--exclude={pattern}" not in passes[html].argv
    # Only quick-check changes are sent (-a, no --checksum), and no pass deletes
    # by itself what it does not list.
    for step in passes:
        assert "--checksum" not in step.argv
        deleting = [arg for arg in step.argv if arg.startswith(("--delete", "--force"))]
        assert deleting == (["--delete-missing-args"] if step.removes else [])


def test_deletion_passes_go_deepest_first_from_their_own_lists():
    passes = plan("/s", "/t", "/w", [["a/b/x.html", "c/y.css"], ["a/b"]])
    deletions = [step for step in passes if step.removes]
    assert [step.removes for step in deletions] == [["a/b/x.html", "c/y.css"], ["a/b"]]
    assert deletions[0].list_file != deletions[1].list_file
    for step in deletions:
        assert f"--files-from={step.list_file}" in step.argv
        assert {"--existing", "--ignore-existing", "--from0"} <= set(step.argv)
        assert step.argv[-2:] == [step.skeleton + "/", "/t/"]


def test_nothing_to_claim_delete_or_mark_leaves_only_the_two_sending_passes():
    passes = plan("/s", "/t", "/w", [], claim=False, manifest_changed=False)
    assert [step.counted for step in passes] == [True, True]


def test_only_files_the_previous_manifest_lists_are_deleted():
    previous = {"a/old/index.html", "a/old/index.html.gz", "a/kept.html", "b/c/d.png", MANIFEST}
    sent = {"a/kept.html", "a/new/index.html", MANIFEST}
    assert removals(previous, sent) == [
        ["a/old/index.html", "a/old/index.html.gz", "b/c/d.png"],
        ["a/old", "b/c"],
        ["b"],
    ]
    # Nothing the new tree holds, as a file or as a folder, and never anything
    # no manifest listed (``keep.txt`` is nowhere in the plan).
    assert removals({"a/new", "a/kept.html"}, sent) == []
    assert all("keep.txt" not in paths for paths in removals(previous, sent))


def test_a_manifest_read_from_the_target_cannot_name_paths_outside_it():
    hostile = {"../etc/passwd", "/etc/passwd", "a/../../x", "a//b", "./x", ""}
    assert removals(hostile, set()) == []


def test_remote_and_local_targets_as_rsync_reads_them():
    for remote in ("web:/var/www", "www@web:/var/www", "web:site", "rsync://web/site"):
        assert is_remote(remote), remote
    for local in ("/var/www", "./a:b", "site"):
        assert not is_remote(local), local
    assert as_folder("/var/www") == "/var/www/" == as_folder("/var/www/")
    assert as_folder("web:") == "web:"


def test_the_first_pass_really_holds_back_every_page(tmp_path):
    """The filters as the real rsync reads them."""
    source = write_files(
        tmp_path / "s",
        {
            "index.html": "p",
            "index.html.gz": "p",
            "a/index.html.br": "p",
            "a/photo.jpg": "i",
            "theme/css/style.css.gz": "c",
            MANIFEST: "{}",
        },
    )
    target = tmp_path / "t"
    first = plan(str(source), str(target), str(tmp_path), [], claim=False)[0]
    subprocess.run(["rsync", *first.argv], check=True, capture_output=True)
    assert sorted(tree_bytes(target)) == ["a/photo.jpg", "theme/css/style.css.gz"]


# Whole deploys into a local folder.


def test_the_first_deploy_copies_the_site(deployed):
    _, staging, target = deployed
    assert tree_bytes(target) == tree_bytes(staging)
    assert read_manifest(target) == read_manifest(staging)
    assert (target / PAGE.format(day=28)).is_file()
    assert "https://baohoabinh.com.vn/" in (target / PAGE.format(day=28)).read_text()


def test_a_second_deploy_sends_the_edited_page_and_leaves_the_others(deployed):
    content, staging, target = deployed
    unchanged, edited = target / PAGE.format(day=27), target / PAGE.format(day=29)
    before = unchanged.stat()
    text = article("Tin ngày 29 tháng Hai", "2024-02-29 09:00", summary="Sapo.", body="Bản mới.")
    (content / "tin-29.md").write_text(text, encoding="utf-8")
    result = run_deploy(content, staging, target)
    assert result.returncode == 0, result.stderr
    assert "Bản mới." in edited.read_text(encoding="utf-8")
    after = unchanged.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert tree_bytes(target) == tree_bytes(staging)


def test_a_deleted_article_leaves_the_target_but_foreign_files_stay(deployed):
    content, staging, target = deployed
    page = target / PAGE.format(day=28)
    write_files(target, {"keep.txt": "giữ\n", "chinh-tri/2024/02/28/ghi-chu/mine.txt": "của tôi"})
    (content / "tin-28.md").unlink()
    result = run_deploy(content, staging, target)
    assert result.returncode == 0, result.stderr
    assert not page.exists()
    assert not page.parent.exists()
    assert (target / "keep.txt").read_text(encoding="utf-8") == "giữ\n"
    assert (target / "chinh-tri/2024/02/28/ghi-chu/mine.txt").is_file()
    foreign = {"keep.txt", "chinh-tri/2024/02/28/ghi-chu/mine.txt"}
    assert set(tree_bytes(target)) - foreign == set(tree_bytes(staging))
    assert read_manifest(target) == read_manifest(staging)


def test_a_target_with_files_and_no_manifest_is_refused_untouched(site):
    content, staging, target = site
    write_files(target, {"keep.txt": "giữ\n", "sub/data.db": b"\x00db"})
    before = tree_digest(target)
    result = run_deploy(content, staging, target)
    assert result.returncode == REFUSED
    assert f"lỗi: không triển khai vào “{target}”" in result.stderr
    assert "holds files but no manifest" in result.stderr
    assert "nothing was sent" in result.stderr
    assert tree_digest(target) == before


def test_an_empty_target_folder_is_fine(site):
    content, staging, target = site
    target.mkdir()
    result = run_deploy(content, staging, target)
    assert result.returncode == 0, result.stderr
    assert tree_bytes(target) == tree_bytes(staging)


def test_a_content_error_sends_nothing(deployed):
    content, staging, target = deployed
    before = tree_digest(target)
    (content / "hong.md").write_text("Date: 2024-03-01 08:00\n\nKhông có tiêu đề.\n")
    result = run_deploy(content, staging, target)
    assert result.returncode == 1
    assert "missing Title" in result.stderr
    assert "nothing was sent" in result.stderr
    assert tree_digest(target) == before


def test_a_target_rsync_cannot_read_gets_nothing(site):
    content, staging, _ = site
    target = staging.parent / "khong-co" / "thu-muc" / "site"
    result = run_deploy(content, staging, target)
    assert result.returncode == 1
    assert "rsync error" in result.stderr
    assert "nothing was sent" in result.stderr
    assert not target.parent.exists()


def failing_rsync(folder: Path, argument: str) -> dict[str, str]:
    """An environment whose ``rsync`` fails as a broken connection would, in the
    run that has ``argument``, and is the real rsync otherwise."""
    real = subprocess.run(["which", "rsync"], capture_output=True, text=True, check=True)
    script = folder / "rsync"
    script.write_text(
        "#!/bin/sh\n"
        f'for arg; do [ "$arg" = "{argument}" ] && '
        "echo 'rsync: connection unexpectedly closed (0 bytes received so far) [sender]' >&2 "
        "&& exit 12; done\n"
        f'exec {real.stdout.strip()} "$@"\n'
    )
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_a_failed_rsync_is_shown_and_the_served_pages_stay(deployed, tmp_path):
    content, staging, target = deployed
    pages = {path: data for path, data in tree_bytes(target).items() if ".html" in path}
    old_files = read_manifest(target).files
    write_files(content, stories(26))
    env = failing_rsync(tmp_path, "--exclude=*.html")
    result = run_deploy(content, staging, target, env=env)
    assert result.returncode == 1
    assert "rsync: connection unexpectedly closed" in result.stderr
    assert "rsync failed, exit 12" in result.stderr
    assert "the served site keeps its previous pages" in result.stderr
    assert {path: data for path, data in tree_bytes(target).items() if ".html" in path} == pages
    # The target's manifest claims the new files too, so the next deploy owns them.
    assert read_manifest(target).files == old_files | read_manifest(staging).files
    again = run_deploy(content, staging, target)
    assert again.returncode == 0, again.stderr
    assert tree_bytes(target) == tree_bytes(staging)


def test_a_deploy_of_no_article_over_a_site_with_some_is_refused(deployed):
    content, staging, target = deployed
    before = tree_digest(target)
    for story in content.glob("*.md"):
        story.unlink()
    # A fresh staging folder: the build itself has nothing to compare with.
    result = run_deploy(content, staging.parent / "fresh", target)
    assert result.returncode == REFUSED
    assert "(no articles to publish)" in result.stderr
    assert tree_digest(target) == before


def test_make_deploy_needs_a_target_and_passes_siteurl(tmp_path):
    content = write_files(tmp_path / "content", stories(27))
    staging, target = tmp_path / "staging", tmp_path / "target"
    deploy = ["deploy", f"INPUTDIR={content}", f"DEPLOY_OUTPUTDIR={staging}"]

    env = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    missing = make(*deploy, env=env)
    assert missing.returncode != 0
    assert "no deploy target" in missing.stderr
    assert not staging.exists()
    result = make(*deploy, f"DEPLOY_TARGET={target}", "SITEURL=https://thu.example", env=env)
    assert result.returncode == 0, result.stderr
    page = Path(target, PAGE.format(day=27)).read_text(encoding="utf-8")
    assert "https://thu.example/chinh-tri/" in page
