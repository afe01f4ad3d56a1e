"""Send a built site to the web server with rsync (``make deploy``), safely.

The deploy builds with ``publishconf.py`` into a staging folder of its own
(``DEPLOY_OUTPUTDIR``), which persists between deploys: the build is
incremental there and keeps every unchanged file's inode and modification time
(``output.keep_unchanged``), so ``rsync -a``'s quick check (size and time)
sends only the files that really changed. The target is a local folder or an
rsync destination (``host:/path``, ``user@host:/path``).

The passes come in this order (``plan``), so that a reader never follows a link
to a file that is not there yet and a deploy cut short at any point leaves a
site that works and that the next deploy can finish:

1. *Claim*, when the new tree has files the target's manifest does not list:
   the target's manifest (``.newsroom-site.json``) is replaced by one listing
   the files of both trees, so that a deploy cut short leaves no file that the
   next deploy would take for someone else's.
2. *Everything but the HTML*: images, styles, scripts, feeds, the search index.
   No page changes yet (nor its precompressed ``.html.gz``/``.html.br``
   copies, which a web server serves in its place), so no page links to a
   file that is missing.
3. *The HTML*, everything that is left: the new pages, which now find
   everything they link.
4. *Deletions*, last: only the files the target's manifest lists and the new
   tree no longer has (with the folders they leave empty), so that no page still
   served links to a file already gone. One rsync per depth, deepest first
   (rsync deletes a folder only when empty, and never one holding a file that
   no build made).
5. *The manifest*, at the very end: it now lists exactly what the target holds
   from this build.

rsync writes each file beside its place and renames it over the old one, so a
reader gets the old file or the new one, never half of one. No command deletes
what the build did not make: a target that holds files but no manifest is
refused before anything is sent, and files that no manifest lists are never
deleted (``keep.txt``, ``.well-known/``…). A failed build sends nothing.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import forking
from . import output as published

MANIFEST = published.MANIFEST_NAME


class DeployRefused(Exception):
    """The target is not one the deploy may write: nothing was sent."""


class TargetUnreadable(Exception):
    """rsync could not look at the target (unreachable host, no permission…):
    nothing was sent."""

    def __init__(self, status: int, error: str):
        super().__init__(f"rsync exit {status}: {error}")
        self.status, self.error = status, error


class RsyncFailed(Exception):
    """rsync exited with an error; ``served`` says what the served site holds."""

    def __init__(self, step: str, status: int, served: str):
        super().__init__(f"{step}: rsync exit {status}")
        self.step, self.status, self.served = step, status, served


def is_remote(target: str) -> bool:
    """Whether rsync reads ``target`` as a remote destination: ``rsync://…``, or
    a colon before the first slash (``host:/path``, ``user@host:path``)."""
    if target.startswith("rsync://"):
        return True
    colon = target.find(":")
    return colon > 0 and "/" not in target[:colon]


def as_folder(target: str) -> str:
    """``target`` with the trailing slash that makes rsync fill the folder."""
    return target if target.endswith(("/", ":")) else target + "/"


def _parents(path: str) -> list[str]:
    """``a/b/c.html`` → ``["a/b", "a"]``."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _plain(path: str) -> bool:
    """A relative path with no ``.``, ``..`` or empty part: a manifest read from a
    target is data, and must not name anything outside it."""
    return bool(path) and all(part not in ("", ".", "..") for part in path.split("/"))


def removals(previous: Iterable[str], sent: Iterable[str]) -> list[list[str]]:
    """What the deletion passes delete, one list per depth, deepest first.

    ``previous`` is what the target's manifest lists, ``sent`` every file of
    the new tree. A listed file the new tree no longer has goes, and so does
    each folder of it that the new tree has not: rsync only deletes a folder
    that is empty by then, so a folder holding a file no build made stays.
    """
    sent = set(sent)
    folders = {parent for path in sent for parent in _parents(path)}
    gone = {
        path
        for path in previous
        if _plain(path) and path != MANIFEST and path not in sent and path not in folders
    }
    gone |= {parent for path in gone for parent in _parents(path)} - folders
    depths: dict[int, list[str]] = {}
    for path in gone:
        depths.setdefault(path.count("/"), []).append(path)
    return [sorted(depths[depth]) for depth in sorted(depths, reverse=True)]


@dataclass(frozen=True)
class Pass:
    """One rsync run of a deploy."""

    step: str
    """What it does, for the messages."""
    argv: list[str]
    """rsync's arguments."""
    served: str
    """What the served site holds if this pass fails."""
    removes: list[str] = field(default_factory=list)
    """For a deletion pass: the paths it deletes, written to ``list_file``."""
    list_file: str = ""
    skeleton: str = ""
    """For a deletion pass: a folder holding only the parent folders of
    ``removes``, the pass's source, so rsync finds every folder it implies."""
    counted: bool = False
    """Whether rsync prints the name of each file it sends (``--out-format``)."""


KEPT = (
    "trang đang phục vụ giữ các trang trước (the served site keeps its previous pages): "
    "chưa trang nào được thay"
)
MIXED = (
    "một số trang có thể đã là trang mới, mỗi tệp đều trọn vẹn; chưa xóa gì (some pages may "
    "already be new, each file whole; nothing was deleted)"
)
UNDELETED = (
    "trang mới đã được gửi đủ, còn vài tệp cũ chưa xóa (the new pages are all there; some old "
    "files were not deleted yet)"
)
UNMARKED = (
    "trang mới đã được gửi đủ, chỉ tệp đánh dấu " + MANIFEST + " chưa được thay (the new site "
    "is all there; only its manifest was not updated)"
)


# The quick check compares times to the nanosecond (receiver's rsync >= 3.1.3):
# by default it compares whole seconds, and would skip a file of the same size
# that a build rewrote within the second it was last sent.
WINDOW = "--modify-window=-1"
# The pages, and their precompressed copies: a web server with gzip_static or
# brotli_static serves ``index.html.gz`` in place of ``index.html``.
PAGES = ("--exclude=*.html", "--exclude=*.html.gz", "--exclude=*.html.br")


def plan(
    staging: str,
    target: str,
    work: str,
    deletions: list[list[str]],
    claim: bool = True,
    manifest_changed: bool = True,
) -> list[Pass]:
    """The rsync runs of one deploy, in order (the module's docstring says why).

    ``staging`` is the built tree, ``target`` where it goes, ``work`` a private
    local folder for the claim's manifest (``work/claim/``) and the deletion
    passes' lists and skeletons. ``claim``: whether the new tree has files the
    target's manifest does not list; ``manifest_changed``: whether the target's
    manifest differs from the new one.
    """
    source, destination = as_folder(staging), as_folder(target)
    passes = []
    if claim:
        # -d without -p/-t: creates a missing target, changes no folder's mode or time.
        passes.append(
            Pass(
                "ghi tệp đánh dấu chung (claim)",
                ["-d", "-I", os.path.join(work, "claim") + "/", destination],
                KEPT,
            )
        )
    # -O: the build makes every folder anew, so folders' times mean nothing.
    not_manifest = f"--exclude=/{MANIFEST}"
    passes.append(
        Pass(
            "gửi các tệp không phải HTML (non-HTML files)",
            ["-a", "-O", WINDOW, "--out-format=%n", not_manifest, *PAGES, source, destination],
            KEPT,
            counted=True,
        )
    )
    passes.append(
        Pass(
            "gửi các trang HTML (HTML pages)",
            ["-a", "-O", WINDOW, "--out-format=%n", not_manifest, source, destination],
            MIXED,
            counted=True,
        )
    )
    for number, paths in enumerate(deletions, 1):
        list_file = os.path.join(work, f"removals-{number}")
        skeleton = os.path.join(work, f"skeleton-{number}")
        passes.append(
            Pass(
                "xóa các tệp đã bỏ (deletions)",
                # Nothing is sent or updated (--existing --ignore-existing):
                # each listed path, missing from the skeleton, is deleted.
                [
                    "--existing",
                    "--ignore-existing",
                    "--from0",
                    f"--files-from={list_file}",
                    "--delete-missing-args",
                    skeleton + "/",
                    destination,
                ],
                UNDELETED,
                removes=paths,
                list_file=list_file,
                skeleton=skeleton,
            )
        )
    if manifest_changed:
        passes.append(
            Pass(
                "gửi tệp đánh dấu (manifest)",
                ["-a", "-I", os.path.join(source, MANIFEST), destination],
                UNMARKED,
            )
        )
    return passes


def rsync(argv: list[str], capture: bool = False) -> tuple[int, str, str]:
    """Run ``rsync argv``; its status, and its output when ``capture`` (else
    its error output goes straight to ours, where the editor sees it).

    Started by ``forking.start_child``: rsync dies with the deploy, so a killed
    deploy leaves no rsync writing into the target while the next one runs.
    """
    pipe = subprocess.PIPE
    child = forking.start_child(
        ["rsync", *argv], stdout=pipe, stderr=pipe if capture else None, text=True
    )
    try:
        out, err = child.communicate()
    except BaseException:
        child.send_signal(signal.SIGTERM)
        child.wait()
        raise
    return child.returncode, out or "", err or ""


def _listing(line: str) -> tuple[str, str]:
    """The type letter and the name of a line of ``rsync --list-only``:
    ``drwxr-xr-x  4,096 2024/02/29 08:00:00 name``."""
    fields = line.split(None, 4)
    return (line[:1], fields[4]) if len(fields) == 5 else ("", "")


def inspect_target(target: str, work: Path) -> published.Manifest | None:
    """The manifest of the site at ``target``, or None when the target is missing
    or empty. Raises ``DeployRefused`` for a target that holds files but no
    manifest, or is not a folder, and ``TargetUnreadable`` when rsync cannot look."""
    status, out, err = rsync(
        ["--list-only", "--ignore-missing-args", target.rstrip("/") or "/"], True
    )
    if status:
        raise TargetUnreadable(status, err.strip())
    kinds = [_listing(line)[0] for line in out.splitlines() if line.strip()]
    if not kinds:
        return None
    if kinds[0] not in ("d", "l"):
        raise DeployRefused("đây là một tệp, không phải thư mục (not a folder)")
    fetched = work / "previous"
    fetched.mkdir()
    status, _, err = rsync(
        ["--ignore-missing-args", "-L", as_folder(target) + MANIFEST, str(fetched) + "/"], True
    )
    if status:
        raise TargetUnreadable(status, err.strip())
    manifest = published.read_manifest(fetched)
    if manifest is not None:
        return manifest
    status, out, err = rsync(["--list-only", as_folder(target)], True)
    if status:
        raise TargetUnreadable(status, err.strip())
    entries = sorted(name for _, name in map(_listing, out.splitlines()) if name not in ("", "."))
    if not entries:
        return None
    shown = ", ".join(entries[: published.NAMED_FILES])
    more = len(entries) - published.NAMED_FILES
    shown += f" và {more} mục khác" if more > 0 else ""
    raise DeployRefused(
        f"thư mục đã có tệp mà không có tệp đánh dấu {MANIFEST} của một bản triển khai "
        f"(holds files but no manifest: not a site a deploy made): {shown}. Hãy chọn một "
        "thư mục trống hoặc chưa có"
    )


@dataclass
class Deployed:
    sent: int
    deleted: int


def deploy(
    staging: Path,
    target: str,
    allow_empty: bool = False,
) -> Deployed:
    """Send the built tree ``staging`` to ``target`` (the module's docstring
    says how). Raises ``DeployRefused`` before anything is sent, or
    ``RsyncFailed`` from the pass that failed (``TargetUnreadable`` before)."""
    new = published.read_manifest(staging)
    if new is None:
        raise DeployRefused(f"{staging}/ không có tệp đánh dấu {MANIFEST} (not a built site)")
    with tempfile.TemporaryDirectory(prefix="newsroom-deploy-") as temporary:
        work = Path(temporary)
        previous = inspect_target(target, work)
        if not new.articles and not allow_empty and previous and previous.articles != 0:
            shown = "một số" if previous.articles is None else str(previous.articles)
            raise DeployRefused(
                f"bản dựng này không đăng bài nào, còn trang đang phục vụ có {shown} bài "
                "(no articles to publish); xem lại thư mục nội dung. Nếu thật sự muốn đăng "
                "một trang không có bài, chạy lại với ALLOW_EMPTY=1 (--allow-empty)"
            )
        sent = set(published.tree_files(staging))
        old_files = previous.files if previous else frozenset()
        claimed = previous.files | new.files if previous else new.files
        deletions = removals(old_files, sent)
        fetched = work / "previous" / MANIFEST
        manifest_changed = not (
            fetched.is_file() and fetched.read_bytes() == (staging / MANIFEST).read_bytes()
        )
        claim = not new.files <= old_files
        if claim:
            union = published.Manifest(claimed, previous.articles if previous else new.articles)
            folder = work / "claim"
            folder.mkdir(mode=0o755)
            os.chmod(folder, 0o755)
            (folder / MANIFEST).write_text(union.to_json(), encoding="utf-8")
        passes = plan(str(staging), target, str(work), deletions, claim, manifest_changed)
        sent_count = 0
        for step in passes:
            if step.removes:
                _prepare_deletion(step)
            status, out, _ = rsync(step.argv)
            if status:
                raise RsyncFailed(step.step, status, step.served)
            if step.counted:
                sent_count += sum(1 for line in out.splitlines() if line and line[-1] != "/")
    return Deployed(sent_count, sum(map(len, deletions)))


def _prepare_deletion(step: Pass) -> None:
    Path(step.list_file).write_bytes(b"".join(path.encode() + b"\0" for path in step.removes))
    Path(step.skeleton).mkdir(mode=0o755)
    for path in step.removes:
        for parent in _parents(path):
            (Path(step.skeleton) / parent).mkdir(parents=True, exist_ok=True)


def available() -> bool:
    return shutil.which("rsync") is not None
