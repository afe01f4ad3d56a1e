"""Forked processes that run Pelican's readers over lists of files."""

import logging
import multiprocessing
import os
from collections.abc import Iterator, Sequence

from pelican.readers import _filter_discardable_metadata
from pelican.utils import file_suffix

from newsroom.forking import detach_from_build, signals_held

# Forking and sending results back costs about as much as reading this many
# articles; fewer are read faster in the process that needs them.
MIN_FILES_PER_PROCESS = 40
# Small enough to keep every process busy until the end, large enough that
# the header's settings (pickled with each batch's Category objects) weigh little.
BATCH_SIZE = 100

# What the workers read with: set before forking, so each inherits it.
_readers = None


def worth_forking(files: int, processes: int) -> bool:
    return processes > 1 and files >= 2 * MIN_FILES_PER_PROCESS


def batches(paths: Sequence[str], size: int = BATCH_SIZE) -> list[Sequence[str]]:
    return [paths[start : start + size] for start in range(0, len(paths), size)]


class _Silent(logging.Handler):
    """Counts what a worker logs: such a file is read again where it is reported."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _read_batch(paths: Sequence[str]) -> list[tuple[str, tuple]]:
    root = logging.getLogger()
    root.handlers[:] = [silent := _Silent()]
    read = []
    for path in paths:
        logged = silent.count
        try:
            content, metadata = _readers.readers[file_suffix(path)].read(path)
        except Exception:
            continue
        if silent.count == logged:
            read.append((path, (content, _filter_discardable_metadata(metadata))))
    return read


def read_in_workers(readers, paths: Sequence[str], processes: int) -> Iterator[tuple[str, tuple]]:
    """``(path, (content, metadata))`` as ``readers`` would cache it, for each path
    read without a problem, read by ``processes`` forked workers. The pool stops
    them with SIGTERM: one that ran the build's handler instead of dying could
    hold the pool's queue, and the build would wait for ever."""
    global _readers
    _readers = readers
    try:
        context = multiprocessing.get_context("fork")
        with signals_held():
            pool = context.Pool(processes, detach_from_build, (os.getpid(),))
        with pool:
            for read in pool.imap_unordered(_read_batch, batches(paths)):
                yield from read
    finally:
        _readers = None
