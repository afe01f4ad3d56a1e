"""``make bench``: this project's build against stock Pelican and Hugo on one synthetic corpus.

Builds the same N articles (``bench/corpus.py``) without caches — with this
project (``python -m newsroom build``, as ``make html`` runs it), with stock
Pelican (same version, its default theme, no plugins, same ``TIMEZONE``) and
with Hugo (Debian's ``hugo``, whose version it prints, the layouts of
``bench/hugo/``, the articles converted by ``bench/hugo_site.py``) — and
prints wall time, articles per second, peak RSS, files written and output size
of each, then the ratios. Then
it measures publishing as a deploy does it, with the caches of the first build:
a rebuild with no change first, which makes the spare tree the later builds
write into (``newsroom.output.staging_tree``: once per output folder, as a
deploy's first build after a cold one does), then one new article, then one
edited article, each a plain rebuild, with how many output files got new
bytes, then a draft published and deleted; then one more edit saved under
``make serve`` (``serve-edit``: from the save to the served page holding the
new sentence); and Hugo's build after the same new article, which is a whole build
again (Hugo has no incremental production build; it keeps its resized images
in ``resources/``). The last line sums it all up so that runs
can be compared; the Hugo fields come last, ``cold/hugo`` is this build's cold
time over Hugo's and ``publish-one/hugo`` this build's publishing of one
article over Hugo's build with it::

    N=20000 build …s stock …s ratio … rss …x publish-one …s edit-one …s delete-one …s
    undraft-one …s serve-edit …s hugo …s hugo-rebuild …s cold/hugo … publish-one/hugo …

(one line). Without Hugo (``--hugo`` names no program) the bench says what to
install and ends with ``hugo n/a``.

What the comparison leaves out. Hugo's site has the same article pages at the
same addresses (one per article, with its section's six earlier articles, its
lead image in WebP and JPEG at 480, 800 and 1200 pixels), the sections paged by
20, the home page with the five latest of each section, tag and author pages,
day and month archives of the site and of each section, RSS feeds of the site
and of each section (50 items, full text), a sitemap and a 404 page. It does
not have what this project adds and pays for in its build: the content checks,
the sanitising of every body (nh3), the search index (Pagefind, the largest
part of a cold build), the Atom feeds, the Google News sitemap, canonical links,
Open Graph and JSON-LD, the archive index and its day list, the month pages'
calendars (Hugo's list the days with news), the fixed blocks of the archive
pages (Hugo pages from the newest, so every page of a section moves when one is
published) and the staged, atomic publication. Tag URLs differ where a tag has
``đ`` (Hugo keeps it). Hugo runs as one process on every core, as ours does.
"""

import argparse
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "plugins")]

from corpus import write_corpus  # noqa: E402
from hugo_site import write_site  # noqa: E402

from newsroom.build import load_settings  # noqa: E402

# Stock Pelican cannot tell two articles with one headline apart (it refuses to
# overwrite the page), so its slugs come from the unique file names instead.
STOCK_SETTINGS = (
    'TIMEZONE = "Asia/Ho_Chi_Minh"\nDEFAULT_LANG = "vi"\nSITEURL = ""\n'
    'SLUGIFY_SOURCE = "basename"\n'
)
NEW_ARTICLE = """Title: Khánh thành cầu Hòa Bình 4 nối đôi bờ sông Đà
Date: 2026-01-02 08:00
Category: Xã hội
Summary: Cây cầu thứ tư qua sông Đà rút ngắn quãng đường của người dân hai bờ.
Author: Lê Chung
Tags: giao thông, sông Đà

Sáng nay, tỉnh khánh thành cầu Hòa Bình 4.

Cầu dài 1.200 mét, hai làn xe.
"""


ADDED_PARAGRAPH = "Đoạn bổ sung sau khi đăng."
# What make serve says (newsroom/serve.py, newsroom/__main__.py).
SERVING, REBUILDING, BUILT = "Trang xem thử:", "Có thay đổi", "Đã dựng xong"
SERVE_TIMEOUT = 900

NEW_DRAFT = """Title: Hội nghị triển khai nhiệm vụ năm 2026
Date: 2026-01-03 09:00
Category: Chính trị
Summary: Tỉnh triển khai nhiệm vụ phát triển kinh tế - xã hội năm 2026.
Author: Lê Chung
Tags: hội nghị
Status: draft

Sáng nay, tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2026.
"""


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    files: int
    megabytes: float

    def row(self, name: str, articles: int) -> str:
        return (
            f"{name:<14} {self.seconds:8.1f} s {articles / self.seconds:9.0f} bài/s "
            f"{self.peak_rss_mb:8.0f} MB {self.files:8d} tệp {self.megabytes:8.1f} MB"
        )


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, which must succeed."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{log.read()}")
    return seconds, usage.ru_maxrss / 1024


def tree(folder: Path) -> tuple[int, float]:
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return len(sizes), sum(sizes) / 1e6


def fingerprints(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): hashlib.sha1(path.read_bytes()).digest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def served(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def served_edit(content: Path, output: Path, article: Path, page: str) -> float:
    """Seconds from saving ``article`` under ``make serve`` (``python -m newsroom
    serve``) to its served page (``page``) holding the new sentence."""
    command = [sys.executable, "-m", "newsroom", "serve", "-i", str(content), "-o", str(output)]
    with tempfile.NamedTemporaryFile("w+") as log:
        # Port 0: the server takes a free port and says which.
        server = subprocess.Popen(
            [*command, "--port", "0"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )

        def said(text: str) -> int:
            if server.poll() is not None:
                raise SystemExit(f"make serve stopped:\n{Path(log.name).read_text('utf-8')}")
            return Path(log.name).read_text("utf-8").count(text)

        def wait_until(condition) -> None:
            deadline = time.monotonic() + SERVE_TIMEOUT
            while not condition():
                if time.monotonic() > deadline:
                    raise SystemExit(f"make serve: nothing after {SERVE_TIMEOUT} s")
                time.sleep(0.01)

        try:
            wait_until(lambda: said(SERVING))
            [base] = re.findall(f"{SERVING} (http://[^ ]+/)", Path(log.name).read_text("utf-8"))
            url = base + page.removesuffix("index.html")
            # It serves before it watches: the file is touched until a build
            # starts, so that the save measured is one it sees.
            while not said(REBUILDING):
                os.utime(article)
                time.sleep(0.5)
            wait_until(lambda: said(BUILT) == said(REBUILDING) + 1)
            sentence = f"Câu sửa khi xem thử số {time.time_ns()}."
            start = time.perf_counter()
            article.write_text(article.read_text("utf-8") + f"\n{sentence}\n", encoding="utf-8")
            wait_until(lambda: sentence in (served(url) or ""))
            return time.perf_counter() - start
        finally:
            server.send_signal(signal.SIGINT)
            server.wait()


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """Files added, removed or with new bytes."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def project_build(content: Path, output: Path) -> list[str]:
    command = [sys.executable, "-m", "newsroom", "build", "-i", str(content), "-o", str(output)]
    return command


def measure(command: list[str], output: Path) -> Run:
    seconds, rss = timed(command)
    files, megabytes = tree(output)
    if not (output / "index.html").is_file():
        raise SystemExit(f"{output} has no index.html: the build produced no site")
    return Run(seconds, rss, files, megabytes)


def hugo_build(hugo: str, site: Path, output: Path, work: Path) -> list[str]:
    # Hugo's module and download cache in the work folder too: nothing of an
    # earlier run, or of another Hugo site, is reused.
    cache = work / "hugo-cache"
    return [hugo, "--quiet", "-s", str(site), "-d", str(output), "--cacheDir", str(cache)]


def hugo_program(name: str | None) -> str | None:
    """The Hugo to run, or ``None`` (after saying what to install) when there is none."""
    program = shutil.which(name) if name else None
    if program is None:
        print(
            f"Hugo: không có {name or 'hugo'} (not installed), bỏ qua số đo Hugo. Cài bằng: "
            f"sudo apt-get update && sudo apt-get install -y hugo (hoặc make hugo)",
            flush=True,
        )
    return program


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="articles in the corpus (5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--hugo", default="hugo", help="Hugo's program (hugo, from PATH)")
    args = parser.parse_args(argv)

    hugo = hugo_program(args.hugo)
    work = args.work or Path(f"/tmp/newsroom-bench-{args.n}")
    shutil.rmtree(work, ignore_errors=True)
    content, ours, stock = work / "content", work / "output", work / "stock-output"
    hugo_site, hugo_output = work / "hugo", work / "hugo-output"
    write_corpus(content, args.n, args.seed)
    settings = load_settings(str(ROOT / "pelicanconf.py"), str(content))
    shutil.rmtree(Path(settings["CACHE_PATH"]), ignore_errors=True)
    (work / "stock.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    if hugo:
        write_site(content, hugo_site, settings)
        version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True)
        print(f"Hugo: {version.stdout.strip()}", flush=True)
    print(f"{args.n} bài trong {content}", flush=True)

    project = measure(project_build(content, ours), ours)
    print(project.row("dự án", args.n), flush=True)
    stock_command = [sys.executable, "-m", "pelican", str(content), "-o", str(stock)]
    stock_run = measure([*stock_command, "-s", str(work / "stock.py")], stock)
    print(stock_run.row("Pelican gốc", args.n), flush=True)
    ratio, rss_ratio = (
        project.seconds / stock_run.seconds,
        project.peak_rss_mb / stock_run.peak_rss_mb,
    )
    print(f"tỉ lệ dự án/gốc: thời gian {ratio:.2f}, RSS {rss_ratio:.2f}", flush=True)
    if hugo:
        hugo_run = measure(hugo_build(hugo, hugo_site, hugo_output, work), hugo_output)
        print(hugo_run.row("Hugo", args.n), flush=True)
        print(
            f"tỉ lệ dự án/Hugo: thời gian {project.seconds / hugo_run.seconds:.2f}, "
            f"RSS {project.peak_rss_mb / hugo_run.peak_rss_mb:.2f}",
            flush=True,
        )

    spare, _ = timed(project_build(content, ours))
    print(f"dựng lại không đổi gì (tạo cây dự phòng): {spare:.1f} s", flush=True)
    before = fingerprints(ours)
    (content / "bai-moi.md").write_text(NEW_ARTICLE, encoding="utf-8")
    publish_one, _ = timed(project_build(content, ours))
    after = fingerprints(ours)
    print(
        f"đăng một bài mới: {publish_one:.1f} s, {len(changed(before, after))} tệp đổi", flush=True
    )
    if hugo:
        hugo_before = fingerprints(hugo_output)
        write_site(content, hugo_site, settings)
        hugo_rebuild, _ = timed(hugo_build(hugo, hugo_site, hugo_output, work))
        hugo_changed = len(changed(hugo_before, fingerprints(hugo_output)))
        print(
            f"Hugo, đăng một bài mới: {hugo_rebuild:.1f} s (dựng lại toàn bộ), "
            f"{hugo_changed} tệp đổi",
            flush=True,
        )

    edited = sorted(content.rglob("bai-*.md"))[args.n // 2]
    edited.write_text(
        edited.read_text(encoding="utf-8") + f"\n{ADDED_PARAGRAPH}\n", encoding="utf-8"
    )
    edit_one, _ = timed(project_build(content, ours))
    edited_files = fingerprints(ours)
    print(f"sửa một bài: {edit_one:.1f} s, {len(changed(after, edited_files))} tệp đổi")
    edited_page = next(
        name
        for name in sorted(changed(after, edited_files) & edited_files.keys())
        if name.endswith("index.html") and ADDED_PARAGRAPH in (ours / name).read_text("utf-8")
    )

    # A draft saved, then published, then deleted: the site is again the one Hugo built.
    draft = content / "bai-nhap.md"
    draft.write_text(NEW_DRAFT, encoding="utf-8")
    timed(project_build(content, ours))
    before = fingerprints(ours)
    draft.write_text(NEW_DRAFT.replace("Status: draft\n", ""), encoding="utf-8")
    undraft_one, _ = timed(project_build(content, ours))
    after = fingerprints(ours)
    print(f"đăng một bản nháp: {undraft_one:.1f} s, {len(changed(before, after))} tệp đổi")
    draft.unlink()
    delete_one, _ = timed(project_build(content, ours))
    print(f"xóa một bài: {delete_one:.1f} s, {len(changed(after, fingerprints(ours)))} tệp đổi")

    serve_edit = served_edit(content, ours, edited, edited_page)
    print(f"make serve, sửa một bài: {serve_edit:.1f} s đến khi trang đang phục vụ có chữ mới")

    summary = (
        f"N={args.n} build {project.seconds:.1f}s stock {stock_run.seconds:.1f}s "
        f"ratio {ratio:.2f} rss {rss_ratio:.2f}x publish-one {publish_one:.1f}s "
        f"edit-one {edit_one:.1f}s delete-one {delete_one:.1f}s undraft-one {undraft_one:.1f}s "
        f"serve-edit {serve_edit:.1f}s"
    )
    if hugo:
        summary += (
            f" hugo {hugo_run.seconds:.1f}s hugo-rebuild {hugo_rebuild:.1f}s "
            f"cold/hugo {project.seconds / hugo_run.seconds:.2f} "
            f"publish-one/hugo {publish_one / hugo_rebuild:.2f}"
        )
    else:
        summary += " hugo n/a"
    print(summary)


if __name__ == "__main__":
    main()
