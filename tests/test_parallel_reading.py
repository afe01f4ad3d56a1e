"""plugins/parallel_reading: articles read by forked workers into Pelican's reader cache."""

import logging
import signal
from types import SimpleNamespace

import parallel_reading
import pytest
from conftest import build, tree_bytes
from corpus import write_corpus
from parallel_reading.workers import (
    MIN_FILES_PER_PROCESS,
    batches,
    read_in_workers,
    worth_forking,
)

from newsroom import __main__ as newsroom_main
from newsroom.build import reader_cache


def test_forks_only_for_enough_files_and_more_than_one_process():
    assert worth_forking(2 * MIN_FILES_PER_PROCESS, 2)
    assert not worth_forking(2 * MIN_FILES_PER_PROCESS - 1, 2)
    assert not worth_forking(10_000, 1)


def test_batches_cover_every_file_once_in_order():
    paths = [f"{number}.md" for number in range(250)]
    parts = batches(paths, 100)
    assert [len(part) for part in parts] == [100, 100, 50]
    assert [path for part in parts for path in part] == paths


def _cached(content, cache):
    """The reader cache every ``python -m newsroom build`` uses, in a folder of its own."""
    return reader_cache({"PATH": str(content), "MARKDOWN": {}}, cache)


@pytest.fixture
def read_by_workers(monkeypatch):
    """The files the build's workers read, in the order they came back."""
    read = []
    original = parallel_reading.read_in_workers

    def counting(readers, paths, processes):
        for path, data in original(readers, paths, processes):
            read.append(path)
            yield path, data

    monkeypatch.setattr(parallel_reading, "read_in_workers", counting)
    return read


def test_workers_read_what_pelican_would_and_the_site_is_the_same(tmp_path, read_by_workers):
    content = tmp_path / "content"
    write_corpus(content, 3 * MIN_FILES_PER_PROCESS, seed=2)
    serial = build(
        content, tmp_path / "serial", READING_PROCESSES=1, **_cached(content, tmp_path / "1")
    )
    assert read_by_workers == []
    parallel = build(
        content, tmp_path / "parallel", READING_PROCESSES=2, **_cached(content, tmp_path / "2")
    )
    assert len(read_by_workers) == 3 * MIN_FILES_PER_PROCESS
    assert tree_bytes(parallel.output) == tree_bytes(serial.output)


def test_a_file_a_worker_cannot_read_is_reported_by_pelican(tmp_path, caplog, read_by_workers):
    content = tmp_path / "content"
    write_corpus(content, 3 * MIN_FILES_PER_PROCESS, seed=2)
    (content / "hong.md").write_text(
        "Title: Bài hỏng\nDate: hôm qua\nCategory: Xã hội\n\nThân bài.\n", encoding="utf-8"
    )
    with caplog.at_level(logging.ERROR):
        build(content, tmp_path / "output", READING_PROCESSES=2, **_cached(content, tmp_path))
    assert len(read_by_workers) == 3 * MIN_FILES_PER_PROCESS
    assert not any(path.endswith("hong.md") for path in read_by_workers)
    assert any("hong.md" in record.getMessage() for record in caplog.records)


class _SignalReader:
    """Reads nothing; says how its process would take a SIGTERM."""

    def read(self, path):
        return "", {"title": path, "on_sigterm": signal.getsignal(signal.SIGTERM)}


def test_workers_die_at_sigterm_rather_than_run_the_builds_handler():
    # The pool stops its workers with SIGTERM. One that ran the build's handler
    # (a KeyboardInterrupt) while it held the pool's task queue left the other
    # worker waiting on that queue and the build waiting for it, for ever.
    previous = signal.signal(signal.SIGTERM, newsroom_main._terminate)
    try:
        readers = SimpleNamespace(readers={"md": _SignalReader()})
        paths = [f"{number}.md" for number in range(4)]
        read = dict(read_in_workers(readers, paths, 2))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert sorted(read) == paths
    assert {metadata["on_sigterm"] for _, metadata in read.values()} == {signal.SIG_DFL}
