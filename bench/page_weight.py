"""Page weight of an article page: what a reader's browser downloads, gzip-compressed.

Builds the sample site (content/) into a temporary folder, serves it on
127.0.0.1, opens an article page with a lead image in Debian's Chromium and
lists every response. HTML, CSS and JS are counted at their gzip size (level 6,
what web servers commonly use; the test server itself sends them uncompressed),
images at their size on the wire. Targets: at most 30 KB of gzipped
HTML+CSS+JS and at most 5 requests that are not images.

    .venv/bin/python bench/page_weight.py [--url /chinh-tri/…/] [--check]

``--check`` exits with status 1 when a target is missed.
"""

import argparse
import functools
import gzip
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "/chinh-tri/2024/03/01/tang-cuong-su-lanh-dao-cua-dang-doi-voi-cong-tac-dan-van-chinh-quyen/"
)
TARGET_BYTES = 30 * 1024
TARGET_REQUESTS = 5
GZIP_LEVEL = 6
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def build(output: Path) -> None:
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(ROOT / "content"), "OUTPUT_PATH": str(output)},
    )
    Pelican(settings).run()


def measure(base_url: str, path: str) -> list[dict]:
    """Every response of ``path`` loaded as a phone would, lazy images included."""
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            viewport={"width": 412, "height": 823}, device_scale_factor=2.625, locale="vi-VN"
        )
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base_url + path, wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        for response in responses:
            body = response.body()
            kind = response.request.resource_type
            wire = len(body) if kind == "image" else len(gzip.compress(body, GZIP_LEVEL))
            rows.append(
                {
                    "url": response.url.removeprefix(base_url),
                    "kind": kind,
                    "local": response.url.startswith(base_url),
                    "raw": len(body),
                    "wire": wire,
                }
            )
        browser.close()
    return rows


def report(rows: list[dict]) -> tuple[int, int]:
    print(f"{'kind':<11}{'bytes':>9}{'on wire':>9}  url")
    for row in rows:
        print(f"{row['kind']:<11}{row['raw']:>9}{row['wire']:>9}  {row['url']}")
    text = [row for row in rows if row["kind"] != "image"]
    images = [row for row in rows if row["kind"] == "image"]
    text_bytes = sum(row["wire"] for row in text)
    image_bytes = sum(row["wire"] for row in images)
    foreign = [row["url"] for row in rows if not row["local"]]
    print()
    print(
        f"HTML+CSS+JS gzipped: {text_bytes} B ({text_bytes / 1024:.1f} KB), "
        f"target ≤ {TARGET_BYTES // 1024} KB"
    )
    print(f"Requests without images: {len(text)}, target ≤ {TARGET_REQUESTS}")
    print(f"Images: {len(images)} requests, {image_bytes} B ({image_bytes / 1024:.1f} KB)")
    print(f"Requests to other hosts: {len(foreign)} {foreign if foreign else ''}")
    return text_bytes, len(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=ARTICLE, help="page to weigh (root-relative)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="page-weight-") as folder:
        output = Path(folder) / "output"
        build(output)
        handler = functools.partial(QuietHandler, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            rows = measure(f"http://127.0.0.1:{server.server_address[1]}", args.url)
        finally:
            server.shutdown()
            server.server_close()
    text_bytes, requests = report(rows)
    missed = text_bytes > TARGET_BYTES or requests > TARGET_REQUESTS
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
