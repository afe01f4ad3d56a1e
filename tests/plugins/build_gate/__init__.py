"""Test-only plugin: holds a build at a known point.

With ``$BUILD_GATE_DIR`` set, by ``$BUILD_GATE_MODE``:

- ``wait``: each process of the build that writes pages (the build, and the
  article pages' process of a big site) holds at the first file it writes: it
  creates ``$BUILD_GATE_DIR/writing`` and ``held-<pid>``, then waits until
  ``$BUILD_GATE_DIR/open`` exists (a test kills or releases the build meanwhile);
- ``no-space``: the first file written raises the error a full disk gives.

With ``$BUILD_GATE_AFTER`` set too, the gate first waits for that file in
``$BUILD_GATE_DIR`` (e.g. one that a test's stand-in for Pagefind makes).
"""

import errno
import os
import time
from pathlib import Path

from pelican import signals

GIVE_UP_AFTER = 120

_held_in = None
"""The process that went through the gate; a process forked from it has another number."""


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + GIVE_UP_AFTER
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def hold(path, mode: str) -> None:
    global _held_in
    if os.environ.get("BUILD_GATE_MODE") != mode or _held_in == os.getpid():
        return
    _held_in = os.getpid()
    gate = Path(os.environ["BUILD_GATE_DIR"])
    if "BUILD_GATE_AFTER" in os.environ:
        _wait_for(gate / os.environ["BUILD_GATE_AFTER"])
    if mode == "no-space":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
    (gate / "writing").touch()
    (gate / f"held-{os.getpid()}").touch()
    _wait_for(gate / "open")


def hold_writing(path, context=None):
    hold(path, "no-space")
    hold(path, "wait")


def register():
    signals.content_written.connect(hold_writing)
