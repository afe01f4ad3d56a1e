"""plugins/parallel_reading: articles read by forked workers into Pelican's reader cache."""

import logging

import parallel_reading
from conftest import build
from corpus import write_corpus
from parallel_reading.workers import MIN_FILES_PER_PROCESS, batches, worth_forking


def test_forks_only_for_enough_files_and_more_than_one_process():
    assert worth_forking(2 * MIN_FILES_PER_PROCESS, 2)
    assert not worth_forking(2 * MIN_FILES_PER_PROCESS - 1, 2)
    assert not worth_forking(10_000, 1)


def test_batches_cover_every_file_once_in_order():
    paths = [f"{number}.md" for number in range(250)]
    parts = batches(paths, 100)
    assert [len(part) for part in parts] == [100, 100, 50]
    assert [path for part in parts for path in part] == paths


def _cached(tmp_path, name):
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",
        "CACHE_PATH": str(tmp_path / f"cache-{name}"),
    }


def _pages(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_workers_read_what_pelican_would_and_the_site_is_the_same(tmp_path, monkeypatch):
    content = tmp_path / "content"
    write_corpus(content, 3 * MIN_FILES_PER_PROCESS, seed=2)
    read_by_workers = []
    original = parallel_reading.read_in_workers

    def counting(readers, paths, processes):
        for path, data in original(readers, paths, processes):
            read_by_workers.append(path)
            yield path, data

    monkeypatch.setattr(parallel_reading, "read_in_workers", counting)
    serial = build(content, tmp_path / "serial", READING_PROCESSES=1, **_cached(tmp_path, "1"))
    assert read_by_workers == []
    parallel = build(content, tmp_path / "parallel", READING_PROCESSES=2, **_cached(tmp_path, "2"))
    assert len(read_by_workers) == 3 * MIN_FILES_PER_PROCESS
    assert _pages(parallel.output) == _pages(serial.output)


def test_a_file_a_worker_cannot_read_is_reported_by_pelican(tmp_path, caplog):
    content = tmp_path / "content"
    write_corpus(content, 3 * MIN_FILES_PER_PROCESS, seed=2)
    (content / "hong.md").write_text(
        "Title: Bài hỏng\nDate: hôm qua\nCategory: Xã hội\n\nThân bài.\n", encoding="utf-8"
    )
    with caplog.at_level(logging.ERROR):
        build(content, tmp_path / "output", READING_PROCESSES=2, **_cached(tmp_path, "x"))
    assert any("hong.md" in record.getMessage() for record in caplog.records)
