"""The published folder is replaced whole or not at all, and only if the build made it.

A build writes into a staging folder beside ``OUTPUTDIR`` (same file system,
so a rename moves it), and only a build that succeeded swaps it in. The swap is
one ``renameat2(RENAME_EXCHANGE)`` system call where Linux offers it: at every
instant the output path holds either the old tree or the new one, even if the
process is killed. A lock file beside the output folder keeps two builds of
the same folder from interleaving.

The tree the swap takes out is kept beside the new one (``.output.spare``):
the next build brings it up to date with the files the last one wrote
(``staging_tree``) and writes only what it changes into it, so publishing one
article neither copies nor links the site again (double buffering).

Every tree a build makes holds a manifest (``MANIFEST_NAME``): the files the
build wrote and how many articles it published. That is how a build knows a
folder is its own. It builds into a folder that is missing, empty, or holds a
manifest; it refuses any other folder, a folder holding files that no build
made, and a folder that is or holds the content or the project, so that no
command deletes what the build did not make. ``OUTPUTDIR`` may be a symlink
(the build publishes into the folder it names, which keeps the link) or a mount
point, which cannot be renamed: there the new tree is copied in file by file
(``sync_into``), each file replaced atomically, not the tree.
"""

import contextlib
import ctypes
import errno
import fcntl
import filecmp
import json
import logging
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

logger = logging.getLogger(__name__)

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2

MANIFEST_NAME = ".newsroom-site.json"
MANIFEST_FORMAT = "newsroom-site/1"
# How many of the files a refusal found it names; the count says the rest.
NAMED_FILES = 5
# Files a sync writes first under a temporary name, so each appears whole.
_INCOMING = ".newsroom-incoming"


def sibling(output: Path, purpose: str) -> Path:
    """A hidden path beside ``output``: ``.output.staging`` for ``output``."""
    return output.parent / f".{output.name}.{purpose}"


class BuildLocked(Exception):
    """Another build of the same output folder is running."""


class OutputRefused(Exception):
    """The output folder is not one the build may write: nothing was touched."""


@dataclass(frozen=True)
class Manifest:
    """What one build put in its tree."""

    files: frozenset[str]
    """Every file the build wrote, relative to the tree, ``/``-separated."""
    articles: int | None
    """How many articles the tree publishes; None when not known (``--adopt``)."""

    def to_json(self) -> str:
        return json.dumps(
            {"format": MANIFEST_FORMAT, "articles": self.articles, "files": sorted(self.files)},
            ensure_ascii=False,
            indent=0,
        )


def read_manifest(tree: Path) -> Manifest | None:
    """The manifest of ``tree``, or None when it has none (or one no build wrote)."""
    try:
        stored = json.loads((tree / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("format") != MANIFEST_FORMAT:
        return None
    return Manifest(frozenset(stored["files"]), stored["articles"])


def write_manifest(tree: Path, manifest: Manifest, published: Path | None = None) -> None:
    """Put ``manifest`` in ``tree``: a new file, never one the published tree
    shares, unless it is the same as ``published``'s (``keep_if_same``)."""
    path = tree / MANIFEST_NAME
    path.unlink(missing_ok=True)
    path.write_text(manifest.to_json(), encoding="utf-8")
    if published is not None:
        keep_if_same(published / MANIFEST_NAME, path)


@dataclass(frozen=True)
class Buffers:
    """Which two trees the published one and the spare are, and how they differ.

    Kept beside them (``.output.buffers.json``), not in either: a tree's
    manifest is the same whatever builds came before it. A tree is named by
    its folder's inode, which a rename keeps.
    """

    live: list[int]
    spare: list[int]
    written: list[str]
    """The published tree's files that are not the spare's (changed or new)."""
    finished: int | None = None
    """A ``change_clock`` time taken once the published tree was complete: a
    folder of it whose change time is older holds what its manifest lists."""

    @staticmethod
    def path(output: Path) -> Path:
        return sibling(output, "buffers.json")

    @classmethod
    def read(cls, output: Path) -> "Buffers | None":
        try:
            return cls(**json.loads(cls.path(output).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def write(self, output: Path) -> None:
        _write_in_place(self.path(output), json.dumps(self.__dict__, ensure_ascii=False))


def spare_of(output: Path) -> Path:
    """The tree the last swap took out of ``output``, which the next build stages into."""
    return sibling(output, "spare")


def _tree_name(folder: Path) -> list[int] | None:
    try:
        status = os.stat(folder, follow_symlinks=False)
    except OSError:
        return None
    return [status.st_dev, status.st_ino]


def _kept(path: str, retained: set[str]) -> bool:
    """Whether ``path`` lies under a top-level name a deploy keeps (``retain``)."""
    return path.split("/", 1)[0] in retained


def tree_files(tree: Path) -> Iterator[str]:
    """The relative path of every file under ``tree``; a symlink, even to a
    folder, is a file: it is what the build wrote."""
    folders = [("", tree)]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    yield prefix + entry.name


def files_since(tree: Path, since: int, held: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Every file under ``tree`` (as ``tree_files``), and whether it may have
    been written since ``since`` (``change_clock``), given ``held``: the files
    the tree held when ``since`` was taken.

    A folder in which a file was made, linked, renamed or deleted since then
    has a change time of ``since`` or later; the other folders hold what they
    held, and are not listed. A build's staging tree holds 65,000 files in
    43,000 folders at 20,000 articles, and publishing one article changes a few
    dozen: one look at each folder instead of a listing is most of the time of
    a walk. Nothing writes into a file of that tree, which the published tree
    shares (``staging_tree``): a changed file is a new one, in a changed folder.
    """
    by_folder: dict[str, list[str]] = {}
    for path in held:
        folder, _, name = path.rpartition("/")
        by_folder.setdefault(folder, []).append(name)
    for folder in list(by_folder):
        # Every folder above a held file was there too, though it may hold no file itself.
        while folder and (folder := folder.rpartition("/")[0]) not in by_folder:
            by_folder[folder] = []
    by_folder.setdefault("", [])
    for folder, names in by_folder.items():
        prefix = f"{folder}/" if folder else ""
        try:
            status = os.stat(os.path.join(tree, folder), follow_symlinks=False)
        except FileNotFoundError:
            continue
        if not stat.S_ISDIR(status.st_mode):
            # No longer a folder: its own folder changed, and lists it.
            continue
        if status.st_ctime_ns < since:
            for name in names:
                yield prefix + name, False
            continue
        with os.scandir(os.path.join(tree, folder)) as entries:
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    yield prefix + entry.name, True
                elif prefix + entry.name not in by_folder:
                    for path in tree_files(Path(entry.path)):
                        yield f"{prefix}{entry.name}/{path}", True


def real_folder(path: Path) -> Path:
    """The folder ``path`` names, symlinks followed: one real folder, one lock."""
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def unsafe_output(output: Path, content: Path, guarded: Iterable[Path]) -> str | None:
    """Why the real folder ``output`` may never be built into, or None.

    A build replaces its output folder whole: it must not be, or hold, the
    content or any folder of the project (``guarded``: the settings' folder,
    the theme, the plugins, the current folder), nor lie inside the content.
    """
    content = real_folder(content)
    if _within(content, output):
        return (
            f"thư mục này là hoặc chứa thư mục nội dung “{content}” (OUTPUTDIR contains INPUTDIR)"
        )
    if _within(output, content):
        return f"thư mục này nằm trong thư mục nội dung “{content}” (OUTPUTDIR inside INPUTDIR)"
    for folder in map(real_folder, guarded):
        if _within(folder, output):
            return f"thư mục này là hoặc chứa “{folder}” của dự án (OUTPUTDIR contains the project)"
    return None


def _named(files: list[str]) -> str:
    shown = ", ".join(files[:NAMED_FILES])
    more = len(files) - NAMED_FILES
    return shown + (f" và {more} tệp khác" if more > 0 else "")


def claim(output: Path, retained: Iterable[str], adopt: bool = False) -> Manifest | None:
    """The manifest of the tree at ``output``, once it is sure the build may replace it.

    A missing or empty folder is the build's to fill (returns None). A folder
    with files and no manifest, or with files its manifest does not list (and
    that are not kept by ``retained``, Pelican's ``OUTPUT_RETENTION``), raises
    ``OutputRefused``: replacing the tree would delete them. ``adopt`` takes
    over such a folder as it is, for a site built before the manifest existed.
    Of a tree a build swapped in, only the folders changed since are listed
    (``_files_to_claim``): a file put there changed its folder.
    """
    if output.exists() and not output.is_dir():
        raise OutputRefused("đây là một tệp, không phải thư mục (not a folder)")
    if not output.exists() or not any(output.iterdir()):
        return None
    manifest = read_manifest(output)
    if adopt:
        return Manifest(frozenset(tree_files(output)), manifest.articles if manifest else None)
    kept = set(retained)
    foreign = sorted(
        path
        for path in _files_to_claim(output, manifest)
        if not _kept(path, kept)
        and path != MANIFEST_NAME
        and (manifest is None or path not in manifest.files)
    )
    if foreign and manifest is None:
        raise OutputRefused(
            f"thư mục đã có tệp mà không do bản dựng nào tạo ra (not a folder this build made): "
            f"{_named(foreign)}. Hãy chọn một thư mục trống hoặc chưa có. Nếu đây đúng là trang "
            "do một bản dựng cũ (trước khi có tệp đánh dấu " + MANIFEST_NAME + ") tạo ra, chạy "
            "lại một lần với ADOPT=1 (--adopt): mọi tệp trong đó sẽ được thay"
        )
    if foreign:
        raise OutputRefused(
            f"có {len(foreign)} tệp không do bản dựng tạo ra (files no build made): "
            f"{_named(foreign)}. Bản dựng không xóa chúng: hãy chuyển chúng đi, hoặc ghi tên "
            "tệp hay thư mục ở cấp đầu vào OUTPUT_RETENTION trong pelicanconf.py để giữ "
            "chúng qua mọi lần dựng"
        )
    return manifest


def _files_to_claim(output: Path, manifest: Manifest | None) -> Iterator[str]:
    """The files of ``output`` that its manifest may not list: those of the
    folders changed since a build published it (``Buffers.finished``), where
    anyone may have put a file, or every file when that is not known."""
    buffers = Buffers.read(output)
    if (
        manifest is None
        or buffers is None
        or buffers.finished is None
        or buffers.live != _tree_name(output)
    ):
        return tree_files(output)
    since = files_since(output, buffers.finished, manifest.files)
    return (path for path, changed in since if changed)


@contextlib.contextmanager
def build_lock(output: Path, wait: bool = True, on_wait=None) -> Iterator[None]:
    """Hold the output folder's lock; the kernel releases it if the process dies."""
    lock_path = sibling(output, "lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise BuildLocked(str(output)) from None
            if on_wait:
                on_wait()
            fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


class StagingTree(NamedTuple):
    """The folder a build writes into, and the files it holds as it starts."""

    path: Path
    held: frozenset[str]
    """The published tree's files when it is the spare brought up to date
    (``drop_stale`` then lists only its changed folders), else none."""


def staging_tree(output: Path, live: Manifest | None, retained: Iterable[str]) -> StagingTree:
    """The folder this build writes into: the spare tree brought up to date, or
    an empty one of its own; dead builds' leftovers are cleared.

    Called under the build's lock, so every other staging folder is a dead
    build's. The spare (``.output.spare``, the tree the last swap took out) is
    used only when it is the tree the published one was built beside
    (``Buffers``) and still has its manifest: the manifest goes first, so a
    build that stops half way leaves a spare that no build uses again. It is
    brought up to date with the files the last build wrote (``Buffers.written``)
    and without those it deleted, each a link to the published file: the two
    trees share every file that did not change, and whatever writes into the
    spare must replace a file, never write into it. A build killed between the two renames of
    ``publish``'s fallback left the old tree at ``.output.previous``: it goes
    back in place. The spare's copies of what a deploy keeps (``retained``)
    go too: ``retain`` takes them from the published tree after the build.
    """
    previous = sibling(output, "previous")
    if previous.exists() and not output.exists():
        previous.rename(output)
    leftovers = (
        *output.parent.glob(f".{output.name}.staging*"),
        *output.parent.glob(f".{output.name}.trash-*"),
        previous,
    )
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)
    spare = spare_of(output)
    buffers = Buffers.read(output)
    kept = read_manifest(spare) if live is not None and buffers is not None else None
    if (
        kept is not None
        and buffers.live == _tree_name(output)
        and buffers.spare == _tree_name(spare)
        and not os.path.ismount(output)
    ):
        (spare / MANIFEST_NAME).unlink()
        for path in sorted(kept.files - live.files, reverse=True):
            _remove_made_file(spare, path)
        for path in sorted(buffers.written):
            _link_over(output / path, spare / path)
        for name in retained:
            _remove_entry(spare / name)
        return StagingTree(spare, live.files)
    if spare.exists():
        discard_in_background(spare, output)
    staging = sibling(output, f"staging-{os.getpid()}-{time.monotonic_ns()}")
    staging.mkdir(parents=True)
    return StagingTree(staging, frozenset())


def _remove_entry(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _link_over(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + _INCOMING)
    temporary.unlink(missing_ok=True)
    os.link(source, temporary, follow_symlinks=False)
    os.replace(temporary, target)


def change_clock(tree: Path) -> int:
    """A time, in the file system's own clock, that every later change in
    ``tree`` reaches and no earlier one does: a file whose ``st_ctime_ns`` is
    at least this was written, linked or renamed after the call.

    The file system's clock moves in ticks of a few milliseconds, so this waits
    for the next tick: a change made just before the call keeps an older time.
    """
    marker = tree / ".newsroom-clock"
    marker.touch()
    try:
        start = os.stat(marker).st_ctime_ns
        while True:
            os.utime(marker)
            now = os.stat(marker).st_ctime_ns
            if now > start:
                return now
    finally:
        marker.unlink()


COPY_SUFFIXES = (".br", ".gz")


@dataclass
class Staged:
    """What a build left in its staging tree, once ``drop_stale`` is done."""

    files: set[str]
    """Every file the build made, relative to the tree."""
    fresh: list[str]
    """The files written (or linked) by this build, the others being the spare's."""
    uncompressed: list[str]
    """The files whose compressed copies (``COPY_SUFFIXES``) may be missing or old."""


def drop_stale(
    staging: Path,
    made: set[str],
    unchanged: set[str],
    since: int,
    retained: Iterable[str],
    copies: bool,
    unchanged_folders: tuple[str, ...] = (),
    held: Iterable[str] = (),
) -> Staged:
    """Delete from ``staging`` every file this build did not make.

    ``held`` are the files ``staging`` held when ``since`` was taken
    (``StagingTree.held``): only the folders changed since are listed
    (``files_since``).

    A file was made if it was written after ``since`` (``change_clock``), or if
    it is one of ``made``: a file the build kept as the spare had it (an
    unchanged page, an unchanged static file). The compressed copies of a kept
    file stay when ``copies`` are wanted (``make publish``); the rest is what an
    older build made and this one would not: a deleted article's page, say.
    Those of ``made`` that are ``unchanged`` (still the published file) and
    their copies are taken as they are, without a look at the file, and so is
    everything under ``unchanged_folders`` (``folder/`` names): on a large site
    most files are, and reading each one's inode is most of the time.
    """
    kept = set(retained)
    files: set[str] = set()
    fresh: list[str] = []
    old_copies: list[str] = []
    for path, maybe_new in files_since(staging, since, held):
        if path == MANIFEST_NAME or _kept(path, kept):
            continue
        if (
            path in unchanged
            or path.startswith(unchanged_folders)
            or (copies and path.endswith(COPY_SUFFIXES) and path[:-3] in unchanged)
        ):
            files.add(path)
            continue
        if maybe_new and os.lstat(os.path.join(staging, path)).st_ctime_ns >= since:
            fresh.append(path)
            files.add(path)
        elif path in made:
            files.add(path)
        elif path.endswith(COPY_SUFFIXES):
            old_copies.append(path)
        else:
            _remove_made_file(staging, path)
    for path in old_copies:
        if copies and path[:-3] in files:
            files.add(path)
        else:
            _remove_made_file(staging, path)
    uncompressed = set(fresh)
    uncompressed.update(
        path for path in files if not all(path + suffix in files for suffix in COPY_SUFFIXES)
    )
    return Staged(files, fresh, sorted(uncompressed))


def not_published(output: Path, staging: Path, files: Iterable[str]) -> frozenset[str]:
    """Those of ``files`` that are not the published tree's file at their place."""
    old, new = str(output), str(staging)
    return frozenset(
        name for name in files if not same_file(os.path.join(old, name), os.path.join(new, name))
    )


def retain(output: Path, staging: Path, names: Iterable[str]) -> None:
    """Copy into the new tree the top-level entries a deploy keeps in ``output``.

    Pelican's ``OUTPUT_RETENTION`` semantics: top-level names in ``output`` that
    the build leaves alone (``.well-known``, ``CNAME``…). What the build wrote
    itself wins over an old copy.
    """
    for name in names:
        kept, target = output / name, staging / name
        if target.exists() or not kept.exists():
            continue
        if kept.is_dir():
            shutil.copytree(kept, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(kept, target)


def _link_or_copy(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _stats_if_same(first, second) -> tuple[os.stat_result, os.stat_result] | None:
    """The two files' stats when they hold the same bytes (or are one file), else None."""
    try:
        first_stat, second_stat = os.stat(first), os.stat(second)
    except OSError:
        return None
    if os.path.samestat(first_stat, second_stat) or (
        first_stat.st_size == second_stat.st_size and filecmp.cmp(first, second, shallow=False)
    ):
        return first_stat, second_stat
    return None


def same_file(first, second) -> bool:
    """Whether both paths name one file (one inode); False if either is missing."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def keep_if_same(old: str | Path, new: str | Path) -> bool:
    """Put the published file ``old`` in place of ``new`` if their bytes are the same.

    The published inode, with its modification time, takes the new file's place
    (where a link cannot be made, the new file takes the old time), so a sync to
    the web server (``rsync -a``) sends only what really changed. Returns whether
    the bytes were the same.
    """
    stats = _stats_if_same(old, new)
    if stats is None:
        return False
    old_stat, new_stat = stats
    if os.path.samestat(old_stat, new_stat):
        return True
    folder, name = os.path.split(new)
    temporary = os.path.join(folder, f".{name}.kept")
    try:
        os.link(old, temporary)
    except OSError:
        os.utime(new, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns))
    else:
        os.replace(temporary, new)
    return True


def keep_unchanged(output: Path, staging: Path, files: Iterable[str]) -> int:
    """Put the published file in place of every staged file (``files``, relative
    to ``staging``) with the same bytes (``keep_if_same``). Returns how many
    files were kept."""
    # Strings, not Paths: this runs for every file of the site at every build.
    old, new = str(output), str(staging)
    return sum(keep_if_same(os.path.join(old, name), os.path.join(new, name)) for name in files)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


# What renaming a mount point, or across file systems, fails with.
_CANNOT_RENAME = (errno.EBUSY, errno.EXDEV)


def publish(
    staging: Path,
    output: Path,
    staged: Manifest,
    previous: Manifest | None = None,
    written: Iterable[str] = (),
) -> None:
    """Put the staged tree (whose manifest is ``staged``) at ``output``; the old
    tree becomes the spare the next build stages into (``staging_tree``).

    ``output`` is a real folder (``real_folder``). A folder that cannot be
    renamed, a mount point, gets the new tree by ``sync_into``, given the old
    tree's manifest ``previous``, and keeps no spare. ``written`` are the staged
    files that are not the published tree's (``not_published``).
    """
    spare = spare_of(output)
    Buffers.path(output).unlink(missing_ok=True)
    if not output.exists():
        staging.rename(output)
        return
    finished = change_clock(staging)
    try:
        if _exchange(staging, output):
            if staging != spare:
                staging.rename(spare)
            _record_buffers(output, spare, written, finished)
            return
        old = sibling(output, "previous")
        output.rename(old)
    except OSError as error:
        if error.errno not in _CANNOT_RENAME:
            raise
        logger.warning(
            "%s là điểm gắn kết (mount point), không đổi chỗ được: trang được chép vào từng tệp "
            "một, nên trong lúc chép người đọc có thể thấy trang cũ lẫn trang mới. Để đổi cả "
            "trang trong một lần, gắn thư mục cha và dựng vào một thư mục con của nó (README)",
            output,
        )
        sync_into(staging, output, staged, previous)
        discard_in_background(staging, output)
        return
    staging.rename(output)
    old.rename(spare)
    _record_buffers(output, spare, written, finished)


def _record_buffers(output: Path, spare: Path, written: Iterable[str], finished: int) -> None:
    Buffers(_tree_name(output), _tree_name(spare), sorted(written), finished).write(output)


def _pages_last(path: str) -> tuple[bool, str]:
    # A reader who opens a new page while the sync runs finds what it links.
    return path.endswith(".html"), path


def sync_into(staging: Path, output: Path, new: Manifest, previous: Manifest | None) -> None:
    """Copy the staged tree into ``output`` file by file: for a folder that cannot
    be renamed, such as a web server's volume or a container's bind mount.

    Each file is written beside its place and renamed over it, so a reader gets
    the old file or the new one, never half of one; the site as a whole mixes
    both while this runs. Changed files only, new files before the pages that
    link them, deletions last. Until the end, the manifest in ``output`` lists
    the files of both trees and the temporary names, so a sync cut short leaves
    nothing that the next build would take for someone else's files.
    """
    old_files = previous.files if previous else frozenset()
    incoming = {path + _INCOMING for path in new.files}
    both = Manifest(new.files | old_files | incoming, previous.articles if previous else None)
    _write_in_place(output / MANIFEST_NAME, both.to_json())
    for path in sorted(new.files, key=_pages_last):
        source, target = staging / path, output / path
        if _stats_if_same(source, target) is not None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + _INCOMING)
        shutil.copy2(source, temporary, follow_symlinks=False)
        os.replace(temporary, target)
    for path in sorted(old_files - new.files, reverse=True):
        _remove_made_file(output, path)
    _write_in_place(output / MANIFEST_NAME, new.to_json())


def _write_in_place(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + _INCOMING)
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _remove_made_file(tree: Path, path: str) -> None:
    """Delete one file the build made, and the folders it leaves empty."""
    target = tree / path
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    for folder in target.parents:
        if folder == tree:
            break
        try:
            folder.rmdir()
        except OSError:
            break


def clean(output: Path) -> list[str]:
    """Delete the tree a build made at ``output`` (``make clean``), its spare,
    and the leftovers of dead builds beside it.

    Only the files its manifest lists go, with the folders they leave empty:
    what no build made stays, and is returned. A folder with files and no
    manifest raises ``OutputRefused``. The folder itself goes once empty,
    unless it is a mount point.
    """
    manifest = read_manifest(output)
    if manifest is None:
        claim(output, ())
    leftovers = (
        *output.parent.glob(f".{output.name}.staging*"),
        *output.parent.glob(f".{output.name}.trash-*"),
        spare_of(output),
    )
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)
    Buffers.path(output).unlink(missing_ok=True)
    if not output.is_dir():
        return []
    if manifest is not None:
        for path in sorted(manifest.files, reverse=True):
            _remove_made_file(output, path)
        (output / MANIFEST_NAME).unlink()
    left = sorted(tree_files(output))
    if not left and not os.path.ismount(output):
        shutil.rmtree(output)
    return left


def discard_in_background(tree: Path, output: Path) -> None:
    """Move ``tree`` aside and have a process of its own delete it.

    Deleting a whole site takes seconds that no one need wait for. A deletion
    that is cut short leaves a ``.output.trash-…`` folder, which the next build clears.
    """
    trash = sibling(output, f"trash-{os.getpid()}-{time.monotonic_ns()}")
    tree.rename(trash)
    subprocess.Popen(
        ["rm", "-rf", "--", str(trash)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
