"""Test-only plugin: holds a build in the middle of writing its output.

With ``$BUILD_GATE_DIR`` set, once the build has written its first file, it
creates ``$BUILD_GATE_DIR/writing`` and then, by ``$BUILD_GATE_MODE``: ``wait``
until ``$BUILD_GATE_DIR/open`` exists (a test kills or releases the build
meanwhile), or ``no-space`` raises the error a full disk gives.
"""

import errno
import os
import time
from pathlib import Path

from pelican import signals

GIVE_UP_AFTER = 120


def hold(path, context=None):
    if "BUILD_GATE_DIR" not in os.environ:
        return
    gate = Path(os.environ["BUILD_GATE_DIR"])
    if (gate / "writing").exists():
        return
    (gate / "writing").touch()
    if os.environ["BUILD_GATE_MODE"] == "no-space":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
    deadline = time.monotonic() + GIVE_UP_AFTER
    while not (gate / "open").exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def register():
    signals.content_written.connect(hold)
