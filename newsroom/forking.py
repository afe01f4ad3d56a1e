"""The processes a build starts, and how each of them ends with it.

A build runs Python on both cores in copies of itself made by ``os.fork``,
since Python's lock keeps one process on one core: the article pages'
process (``newsroom.pages``) and the search index's process
(``run_search_indexing``, the receiver of ``search_index``'s signal that asks
where to index: the plugin itself would index in a thread), which runs
Pagefind, a program of its own; the content's check (``newsroom.__main__``),
while the build walks the output folder it is to replace; and, for
``make publish``, half of the Brotli and gzip copies of the site's files
(``on_all_cores``, ``newsroom.compress``).
``make serve`` runs each of its builds in a copy of itself (``run_in_copy``,
``newsroom.serve``), for the libraries it has imported once for all of them.
Each of them ends with the build, whatever ends the build (Ctrl-C, SIGTERM,
SIGKILL, an error):

- a copy leaves Ctrl-C and SIGTERM to the build, which turns them into a
  ``KeyboardInterrupt`` to clean up, and dies with the build
  (``detach_from_build``); both signals are held while it is forked
  (``signals_held``), so that one arriving meanwhile never reaches the copy
  before it is detached, where it would unwind through the build's code;
- the build kills and reaps the copies still running when it ends
  (``end_copies``, in ``newsroom.build.build``'s ``finally``), so that none
  writes into its staging folder after the build gave up on it;
- a program (``start_child``) dies with the process that started it.

The one process meant to outlive a build is the ``rm -rf`` of
``newsroom.output.discard_in_background``, which deletes a tree no build will
use: a failed build's staging tree, a spare that cannot be brought up to date.
"""

import contextlib
import ctypes
import functools
import os
import pickle
import signal
import subprocess
import sys
import traceback

_PR_SET_PDEATHSIG = 1
# Loaded once, before any fork: a child started from a thread may only make
# simple system calls before it runs its program (see ``start_child``).
_libc = ctypes.CDLL(None, use_errno=True)
_BUILD_SIGNALS = {signal.SIGINT, signal.SIGTERM}

_copies: set[int] = set()
"""The copies forked by ``fork_copy`` and not reaped yet."""


def _die_with(parent: int) -> None:
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # The parent may have died before the child asked to die with it.
    if os.getppid() != parent:
        os._exit(1)


@contextlib.contextmanager
def signals_held():
    """Hold Ctrl-C and SIGTERM back while copies of the build are forked: the
    build receives them once the copies exist, and the copies once they are
    detached from the build (``detach_from_build``)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _BUILD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def detach_from_build(build_pid: int) -> None:
    """In a copy of the build forked within ``signals_held``: leave Ctrl-C to
    the build, which handles it; die at SIGTERM rather than unwind through the
    build's code; and die with the build (``PR_SET_PDEATHSIG``), so that a copy
    never writes after the build gave up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(build_pid)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _BUILD_SIGNALS)


def fork_copy() -> int:
    """``os.fork``, detached from the build in the copy (0 is returned there);
    the build then reaps the copy with ``reap``, or ``end_copies`` does."""
    build = os.getpid()
    with signals_held():
        pid = os.fork()
        if pid == 0:
            _copies.clear()
            detach_from_build(build)
        else:
            _copies.add(pid)
    return pid


def reap(pid: int) -> int:
    """Wait for the copy ``pid`` to end; its wait status."""
    _, status = os.waitpid(pid, 0)
    _copies.discard(pid)
    return status


def end_copy(pid: int) -> None:
    """Kill and reap the copy ``pid``, unless it was reaped already (its number
    may then be another process's)."""
    if pid in _copies:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        reap(pid)


def end_copies() -> None:
    """Kill and reap every copy of the build still running."""
    for pid in list(_copies):
        end_copy(pid)


def run_in_copy(function) -> int:
    """``function()`` in a copy of this process, which exits with the number it
    returns; that number (``make serve``'s builds, ``newsroom.serve``).

    Unlike ``fork_copy``'s copies, this one is a whole command: Ctrl-C, which
    the terminal sends to both processes, and SIGTERM reach it and stop it as
    they would stop the command, while this process waits for it to end. It
    dies with this process all the same.
    """
    parent = os.getpid()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _copies.clear()
            _die_with(parent)
            code = function()
        except BaseException:
            traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            os._exit(code)
    interrupted = None
    while True:
        try:
            _, status = os.waitpid(pid, 0)
        except KeyboardInterrupt as interruption:
            interrupted = interruption
            continue
        if interrupted is not None:
            raise interrupted
        return os.waitstatus_to_exitcode(status)


def start_child(command, **options) -> subprocess.Popen:
    """``subprocess.Popen(command, **options)`` in a process that dies with this
    one, even killed with SIGKILL.

    The kernel kills the child when the *thread* that started it ends
    (``PR_SET_PDEATHSIG``), so a thread that starts one waits for it.
    """
    return subprocess.Popen(
        command, preexec_fn=functools.partial(_die_with, os.getpid()), **options
    )


class CopyRun:
    """``function()`` run in a copy of the build (``fork_copy``); ``result``
    waits for it and returns what it returned, or raises ``RuntimeError`` with
    its error. The value comes back pickled through a pipe; the copy exits
    without running anything of the build's."""

    def __init__(self, function, name: str):
        self.name = name
        read, write = os.pipe()
        self.pid = fork_copy()
        if self.pid == 0:
            os.close(read)
            try:
                outcome = (True, function())
            except BaseException as error:
                outcome = (False, f"{type(error).__name__}: {error}")
            try:
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(outcome, pipe)
            finally:
                os._exit(0)
        os.close(write)
        self._read = read

    def result(self):
        with os.fdopen(self._read, "rb") as pipe:
            answer = pipe.read()
        reap(self.pid)
        if not answer:
            raise RuntimeError(f"{self.name} stopped before its end")
        done, value = pickle.loads(answer)
        if not done:
            raise RuntimeError(value)
        return value


# Below this many items, a fork costs more than the second core saves.
MIN_ITEMS_TO_SPLIT = 64


def splits(count: int) -> bool:
    """Whether ``on_all_cores`` shares ``count`` items between two processes."""
    return count >= MIN_ITEMS_TO_SPLIT and len(os.sched_getaffinity(0)) > 1


def on_all_cores(function, items: list, *args) -> list:
    """``function(part, *args)`` for two halves of ``items``, one in a copy of the
    build (``CopyRun``), the other here; the two results. One call on a machine
    with one core, or for few items."""
    if not splits(len(items)):
        return [function(items, *args)]
    copy = CopyRun(
        functools.partial(function, items[1::2], *args), f"{function.__name__}'s process"
    )
    try:
        here = function(items[::2], *args)
    except BaseException:
        end_copy(copy.pid)
        raise
    return [here, copy.result()]


def run_search_indexing(task) -> CopyRun:
    """Index the search bundles in a copy of the build, alongside Pelican's
    rendering, each Pagefind dying with the copy (``start_child``)."""
    return CopyRun(functools.partial(task, start_program=start_child), "the search index's process")
