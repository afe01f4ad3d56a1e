"""The published folder is replaced whole or not at all.

A build writes into a staging folder beside ``OUTPUTDIR`` (same file system,
so a rename moves it), and only a build that succeeded swaps it in. The swap is
one ``renameat2(RENAME_EXCHANGE)`` system call where Linux offers it: at every
instant the output path holds either the old tree or the new one, even if the
process is killed. A lock file beside the output folder keeps two builds of
the same folder from interleaving.
"""

import contextlib
import ctypes
import errno
import fcntl
import filecmp
import os
import shutil
import subprocess
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def sibling(output: Path, purpose: str) -> Path:
    """A hidden path beside ``output``: ``.output.staging`` for ``output``."""
    return output.parent / f".{output.name}.{purpose}"


class BuildLocked(Exception):
    """Another build of the same output folder is running."""


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


def fresh_staging(output: Path) -> Path:
    """An empty staging folder; a killed build's leftovers are cleared first.

    A build killed between the two renames of ``publish``'s fallback left the
    old tree at ``.output.previous``: it goes back in place.
    """
    staging, previous = sibling(output, "staging"), sibling(output, "previous")
    if previous.exists() and not output.exists():
        previous.rename(output)
    trash = output.parent.glob(f".{output.name}.trash-*")
    for leftover in (staging, previous, *trash):
        shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


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


def keep_if_same(old: Path, new: Path) -> bool:
    """Put the published file ``old`` in place of ``new`` if their bytes are the same.

    The published inode, with its modification time, takes the new file's place
    (where a link cannot be made, the new file takes the old time), so a sync to
    the web server (``rsync -a``) sends only what really changed. Returns whether
    the bytes were the same.
    """
    try:
        old_stat, new_stat = old.stat(), new.stat()
    except OSError:
        return False
    if os.path.samestat(old_stat, new_stat):
        return True
    if old_stat.st_size != new_stat.st_size or not filecmp.cmp(old, new, shallow=False):
        return False
    temporary = new.with_name(f".{new.name}.kept")
    try:
        os.link(old, temporary)
    except OSError:
        os.utime(new, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns))
    else:
        os.replace(temporary, new)
    return True


def keep_unchanged(output: Path, staging: Path) -> int:
    """Put the published file in place of every staged file with the same bytes
    (``keep_if_same``). Returns how many files were kept."""
    kept = 0
    for folder, _, names in os.walk(staging):
        for name in names:
            new = Path(folder, name)
            kept += keep_if_same(output / new.relative_to(staging), new)
    return kept


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


def publish(staging: Path, output: Path) -> None:
    """Put the staged tree at ``output``; the old tree is deleted in the background."""
    if not output.exists():
        staging.rename(output)
        return
    if _exchange(staging, output):
        discard_in_background(staging, output)
        return
    previous = sibling(output, "previous")
    output.rename(previous)
    staging.rename(output)
    discard_in_background(previous, output)


def discard_in_background(tree: Path, output: Path) -> None:
    """Move ``tree`` aside and have a process of its own delete it.

    Deleting a whole site takes seconds that the published site need not wait
    for: the build returns once the new tree is in place. A deletion that is
    cut short leaves a ``.output.trash-…`` folder, which the next build clears.
    """
    trash = sibling(output, f"trash-{os.getpid()}-{time.monotonic_ns()}")
    tree.rename(trash)
    subprocess.Popen(
        ["rm", "-rf", "--", str(trash)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
