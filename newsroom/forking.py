"""What a forked copy of the build does first (reading workers, the article
pages' process, the search index's process)."""

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def detach_from_build(build_pid: int) -> None:
    """In a copy of the build made by ``os.fork``: leave Ctrl-C to the build,
    which handles it; die at SIGTERM, which the build turns into a
    ``KeyboardInterrupt`` to clean up, rather than unwind through the build's
    code; and die with the build (``PR_SET_PDEATHSIG``), so that a copy never
    writes after the build gave up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # The build may have died before the copy asked to die with it.
    if os.getppid() != build_pid:
        os._exit(1)
