"""Every process a build starts ends with it, and nothing of a dead build is published.

Each build runs in a session of its own, on a site big enough that it forks
its copies (article pages' process, search index's process);
Pagefind is a stand-in (``$PAGEFIND_BINARY_PATH``) that holds until the test
opens the gate, then runs Pagefind. The test-only plugin tests/plugins/build_gate
holds the build itself. Every process of the build's session, and every process
descended from one, is collected from ``/proc`` while the build runs.
"""

import contextlib
import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import ROOT, article, settings_module, tree_bytes
from pagefind.service import get_executable

WAIT = 60
# From this many articles the article pages are written by a process of their own
# (newsroom.pages.article_process.MIN_ARTICLES_TO_FORK).
ARTICLES = 300

# A stand-in for Pagefind: the first one started says so and waits for the gate
# to open, then becomes Pagefind; any later one fails.
HELD_PAGEFIND = """#!{python}
import os, sys, time
gate = {gate!r}
try:
    os.close(os.open(os.path.join(gate, "indexing"), os.O_CREAT | os.O_EXCL))
except FileExistsError:
    sys.exit("pagefind: the second Pagefind fails")
while not os.path.exists(os.path.join(gate, "open")):
    time.sleep(0.01)
os.execv({pagefind!r}, [{pagefind!r}, *sys.argv[1:]])
"""


class Process(NamedTuple):
    state: str
    parent: int
    session: int
    started: str  # since boot: with the number, tells a process from a later one
    command: list[bytes]

    @property
    def running(self) -> bool:
        return self.state not in "ZX"


def processes() -> dict[int, Process]:
    """Every process, by its number."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        state, parent, session, started = fields[0], int(fields[1]), int(fields[3]), fields[19]
        found[int(stat.parent.name)] = Process(state, parent, session, started, command)
    return found


def of_build(build: subprocess.Popen) -> dict[int, Process]:
    """The running processes of the build's session, and their descendants."""
    every = processes()
    found = {pid: process for pid, process in every.items() if process.session == build.pid}
    while True:
        children = {
            pid: process
            for pid, process in every.items()
            if process.parent in found and pid not in found
        }
        if not children:
            return {pid: process for pid, process in found.items() if process.running}
        found.update(children)


def is_old_tree_deletion(process: Process) -> bool:
    # newsroom.output.discard_in_background: the one process meant to outlive a build.
    return process.command[0] == b"rm"


class Builds:
    def __init__(self, root: Path):
        self.root = root
        self.content, self.output, self.gate = root / "content", root / "output", root / "gate"
        self.gate.mkdir()
        self.pagefind = root / "pagefind"
        self.pagefind.write_text(
            HELD_PAGEFIND.format(
                python=sys.executable, gate=str(self.gate), pagefind=str(get_executable())
            )
        )
        self.pagefind.chmod(0o755)
        self.settings = settings_module(
            root, plugin_paths=[ROOT / "tests" / "plugins"], plugins=["build_gate"]
        )
        self.seen: dict[int, Process] = {}
        self.started: list[subprocess.Popen] = []

    def write_articles(self, years=(2024,)):
        per_year = ARTICLES // len(years)
        for year in years:
            folder = self.content / str(year)
            folder.mkdir()
            for number in range(per_year):
                # One article every 29 hours: no two share a time, which would
                # leave their order to the order they were read in.
                date = datetime.datetime(year, 1, 1) + datetime.timedelta(hours=29 * number)
                title, when = f"Tin số {number} năm {year}", f"{date:%Y-%m-%d %H:%M}"
                text = article(title, when, summary="Sapo.")
                (folder / f"tin-{number}.md").write_text(text, encoding="utf-8")

    def start(self, mode=None, held_pagefind=False, output=None, **gate):
        env = {key: value for key, value in os.environ.items() if not key.startswith("BUILD_GATE")}
        if mode:
            env.update(BUILD_GATE_DIR=str(self.gate), BUILD_GATE_MODE=mode, **gate)
        if held_pagefind:
            env["PAGEFIND_BINARY_PATH"] = str(self.pagefind)
        command = [sys.executable, "-m", "newsroom", "build", "-s", str(self.settings)]
        command += ["-i", str(self.content), "-o", str(output or self.output)]
        build = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.started.append(build)
        return build

    def watch_until(self, build, ready) -> dict[int, Process]:
        """Collect the build's processes until ``ready()``; those running then."""
        deadline = time.monotonic() + WAIT
        while True:
            # Asked first: what made it ready is running in the collection after.
            is_ready = ready()
            now = of_build(build)
            self.seen.update(now)
            if is_ready:
                return now
            if build.poll() is not None:
                # It may have got there and ended since ``ready`` was asked.
                assert ready(), build.stderr.read()
                return now
            assert time.monotonic() < deadline, "the build never got there"
            time.sleep(0.01)

    def held(self, count):
        return lambda: len(list(self.gate.glob("held-*"))) >= count

    def indexing_and_held(self, count):
        return lambda: (self.gate / "indexing").exists() and self.held(count)()

    def still_running(self) -> dict[int, bytes]:
        now = processes()
        return {
            pid: b" ".join(process.command)[:120]
            for pid, process in self.seen.items()
            if pid in now
            and now[pid].started == process.started
            and now[pid].running
            and not is_old_tree_deletion(process)
        }

    def assert_all_end(self):
        """Within the deadline, none of the build's processes is running."""
        deadline = time.monotonic() + WAIT
        while True:
            alive = self.still_running()
            if not alive:
                return
            assert time.monotonic() < deadline, f"still running: {alive}"
            time.sleep(0.01)

    def open_gate(self):
        (self.gate / "open").touch()


@pytest.fixture
def site(tmp_path):
    builds = Builds(tmp_path)
    builds.content.mkdir()
    yield builds
    # A failed test must not leave its builds behind.
    for build in builds.started:
        if build.poll() is None:
            build.kill()
            build.wait()
    for pid in builds.still_running():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def copies_and_pagefind(build, running_now) -> tuple[list[int], list[int]]:
    """The forked copies of the build, and the Pagefinds, among ``running_now``."""
    command = running_now[build.pid].command
    copies = [pid for pid, process in running_now.items() if process.command == command]
    copies.remove(build.pid)
    pagefinds = [pid for pid, process in running_now.items() if process.parent in copies]
    return copies, pagefinds


def stop(build, how):
    if how == "SIGINT to the process group":
        os.killpg(build.pid, signal.SIGINT)
    else:
        build.send_signal(getattr(signal, how.split()[0]))


@pytest.mark.parametrize(
    ("how", "status"),
    [
        ("SIGTERM to the build", 130),
        ("SIGINT to the process group", 130),
        ("SIGINT to the build", 130),
        ("SIGKILL to the build", -signal.SIGKILL),
    ],
)
def test_a_build_stopped_while_indexing_leaves_no_process(site, how, status):
    site.write_articles()
    build = site.start("wait", held_pagefind=True)
    running_now = site.watch_until(build, site.indexing_and_held(2))
    copies, pagefinds = copies_and_pagefind(build, running_now)
    # The search index's process and the article pages' process; Pagefind under the first.
    assert len(copies) == 2
    assert len(pagefinds) == 1

    stop(build, how)
    assert build.wait(WAIT) == status
    site.assert_all_end()
    messages = build.stderr.read()
    assert "Traceback" not in messages
    if status == 130:
        assert "Đã dừng. Trang đang đăng" in messages
    assert not site.output.exists()


def test_a_build_failing_while_indexing_leaves_no_process(site):
    site.write_articles()
    build = site.start("no-space", held_pagefind=True, BUILD_GATE_AFTER="indexing")
    site.watch_until(build, lambda: (site.gate / "indexing").exists())
    assert build.wait(WAIT) == 1
    site.assert_all_end()
    messages = build.stderr.read()
    assert "No space left on device" in messages
    assert "Trang đang đăng" in messages
    assert "Traceback" not in messages


def test_a_failing_pagefind_stops_the_others_and_fails_the_build(site):
    # Two years, two bundles indexed at once: the first Pagefind holds, the second fails.
    site.write_articles(years=(2023, 2024))
    build = site.start(held_pagefind=True)
    site.watch_until(build, lambda: build.poll() is not None)
    assert build.wait(WAIT) == 1
    site.assert_all_end()
    messages = build.stderr.read()
    assert "Pagefind failed (1): pagefind: the second Pagefind fails" in messages
    assert "Trang đang đăng" in messages
    assert not site.output.exists()


def test_pagefind_dies_with_the_index_process_and_the_build_fails(site):
    site.write_articles()
    build = site.start("wait", held_pagefind=True)
    running_now = site.watch_until(build, site.indexing_and_held(2))
    _, [pagefind] = copies_and_pagefind(build, running_now)
    os.kill(running_now[pagefind].parent, signal.SIGKILL)
    deadline = time.monotonic() + WAIT
    while pagefind in (current := processes()) and current[pagefind].running:
        assert time.monotonic() < deadline, "Pagefind outlived the search index's process"
        time.sleep(0.01)

    site.open_gate()
    assert build.wait(WAIT) == 1
    site.assert_all_end()
    messages = build.stderr.read()
    assert "Search index: the search index's process stopped before its end" in messages
    assert "Traceback" not in messages


def test_a_build_killed_while_indexing_leaves_nothing_in_the_next_tree(site, tmp_path):
    site.write_articles()
    killed = site.start("wait", held_pagefind=True)
    site.watch_until(killed, site.indexing_and_held(2))
    killed.send_signal(signal.SIGKILL)
    assert killed.wait(WAIT) == -signal.SIGKILL
    site.assert_all_end()
    # Were a Pagefind of the killed build still there, it would go on now.
    site.open_gate()

    second = site.start()
    assert second.wait(WAIT) == 0, second.stderr.read()
    cold = site.start(output=tmp_path / "cold")
    assert cold.wait(WAIT) == 0, cold.stderr.read()
    assert not list(site.output.rglob(".search-index-*"))
    assert tree_bytes(site.output) == tree_bytes(tmp_path / "cold")


# A copy that receives Ctrl-C between its fork and its detaching from the build:
# the terminal's signal reaches every process of the group at once.
SIGINT_AT_FORK = """
import os, signal
from newsroom import forking

real_fork = os.fork

def fork():
    pid = real_fork()
    if pid == 0:
        os.kill(os.getpid(), signal.SIGINT)
    return pid

os.fork = fork
copy = forking.fork_copy()
if copy == 0:
    os._exit(0)
print(os.waitstatus_to_exitcode(forking.reap(copy)))
"""


def test_ctrl_c_at_the_fork_never_unwinds_through_the_copy():
    result = subprocess.run(
        [sys.executable, "-c", SIGINT_AT_FORK], cwd=ROOT, capture_output=True, text=True
    )
    assert result.stderr == ""
    assert result.stdout == "0\n"
