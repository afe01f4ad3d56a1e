"""How many bytes a reader downloads for a first search on a big site.

Builds a synthetic corpus (``bench/corpus.py``) with the project's settings,
theme and plugins, serves it on 127.0.0.1, opens ``/tim-kiem/?q=QUERY`` in
Debian's Chromium with an empty cache and, once the page has said what it found
(or that it stopped before searching older periods, and offers to), adds up
what was downloaded: every response Playwright saw (headers and body), checked
against what the test server itself wrote to the socket. Prints every file, the
total, the part that is Pagefind's (``/pagefind/``) and the periods whose
bundles the page searched. The test server sends
files as they are: Pagefind's index, metadata and WebAssembly files are already
gzipped; the figure with gzip for text files (what a production web server
sends) is printed too.

    python bench/search_bytes.py --n 20000 [--seed 1] [--query "dan van kheo"]...
    python bench/search_bytes.py --n 20000 --exclude-body   # headlines, sapos, tags only

Takes minutes at 20,000 articles (most of it Pelican's build); run it once.
"""

import argparse
import functools
import gzip
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from conftest import build  # noqa: E402
from corpus import write_corpus  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg")
# The page has said what it found, or that it stopped and asks to search on.
DONE = ".search-results[aria-busy=false]"


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files and records how many bytes each request wrote to the socket."""

    sent: list[tuple[str, int]]

    def handle_one_request(self):
        counter = _CountingWriter(self.wfile)
        self.wfile = counter
        try:
            super().handle_one_request()
        finally:
            self.wfile = counter.inner
        if counter.count:
            self.sent.append((urlparse(self.path).path, counter.count))

    def log_message(self, format, *args):
        pass


class _CountingWriter:
    def __init__(self, inner):
        self.inner = inner
        self.count = 0

    def write(self, data):
        self.count += len(data)
        return self.inner.write(data)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def serve_counting(folder: Path):
    """Serve ``folder`` on a free local port; returns (base URL, server, sent log)."""
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (CountingHandler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server, sent


def measure(base_url: str, query: str) -> list[dict]:
    """Open the search page for ``query`` with an empty cache; one record per download."""
    downloads = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()

        def finished(request):
            # The body's own length: Playwright reports no body size for the
            # script of Pagefind's web worker. Nothing is compressed on the wire here.
            headers = request.sizes()["responseHeadersSize"]
            response = request.response()
            body = response.body() if response else b""
            kind = (response.headers.get("content-type", "") if response else "").split(";")[0]
            gzipped = len(gzip.compress(body, 6)) if kind.startswith(COMPRESSIBLE) else len(body)
            downloads.append(
                {
                    "path": urlparse(request.url).path,
                    "bytes": headers + len(body),
                    "gzip": headers + gzipped,
                }
            )

        page.on("requestfinished", finished)
        page.goto(f"{base_url}/tim-kiem/?q={quote_plus(query)}")
        page.wait_for_selector(DONE, timeout=120_000)
        page.wait_for_load_state("networkidle")
        status = page.locator(".search-results__status").inner_text()
        more = page.locator(".search-results__more")
        offered = more.inner_text() if more.is_visible() else "nothing more"
        browser.close()
    print(f"Page says: {status} [{offered}]")
    return downloads


def report(downloads: list[dict]) -> None:
    width = max(len(item["path"]) for item in downloads)
    for item in downloads:
        print(f"  {item['path']:<{width}}  {item['bytes']:>9,} B  (gzip {item['gzip']:>9,} B)")
    search = [item for item in downloads if item["path"].startswith("/pagefind/")]
    periods = dict.fromkeys(item["path"].split("/")[2] for item in search)
    print(f"  periods searched: {len(periods)} ({', '.join(periods)})")
    for label, items in (("all files", downloads), ("Pagefind only", search)):
        raw = sum(item["bytes"] for item in items)
        packed = sum(item["gzip"] for item in items)
        print(
            f"{label:>14}: {len(items)} requests, {raw:,} B as served "
            f"({raw / 1024:.1f} KiB); {packed:,} B with gzip ({packed / 1024:.1f} KiB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="articles (20000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", action="append", help='query (repeatable; "dan van kheo")')
    parser.add_argument("--workdir", help="keep the corpus and the site here (default: temporary)")
    parser.add_argument(
        "--exclude-body",
        action="store_true",
        help="index headlines, sapos and tags only (SEARCH_EXCLUDE_SELECTORS)",
    )
    args = parser.parse_args()
    queries = args.query or ["dan van kheo"]

    with tempfile.TemporaryDirectory(prefix="search-bytes-") as temporary:
        work = Path(args.workdir or temporary)
        started = time.perf_counter()
        write_corpus(work / "content", args.n, args.seed)
        print(f"{args.n} articles written in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        overrides = {"SEARCH_EXCLUDE_SELECTORS": [".article__body"]} if args.exclude_body else {}
        site = build(work / "content", work / "output", **overrides)
        print(f"Site built and indexed in {time.perf_counter() - started:.0f} s")
        bundle = site.output / "pagefind"
        size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
        print(f"Pagefind bundle: {sum(1 for _ in bundle.rglob('*'))} files, {size:,} B")

        base_url, server, sent = serve_counting(site.output)
        try:
            for query in queries:
                print(f"\nFirst query “{query}”:")
                sent.clear()
                report(measure(base_url, query))
                print(
                    f"   server side: {len(sent)} requests, "
                    f"{sum(size for _, size in sent):,} B written to the sockets"
                )
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
