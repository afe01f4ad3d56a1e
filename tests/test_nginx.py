"""The shipped nginx configuration (``nginx/site.conf``), run by Debian's nginx on
a free local port exactly as ``make serve-nginx`` runs it, serving a site built
as ``make publish`` builds it."""

import gzip
import http.client
import re
from urllib.parse import urlparse

import brotli
import pytest
from conftest import article, free_port, image_bytes, settings_module, write_files
from playwright.sync_api import expect

from newsroom import nginx
from newsroom.__main__ import main

ARTICLE = "/chinh-tri/2024/02/27/dan-van-kheo-o-lac-son/"
CONTENT = {
    "tin-26.md": article("Tin ngày 26", "2024-02-26 09:00", summary="Sapo 26."),
    "tin-27.md": article(
        "Dân vận khéo ở Lạc Sơn",
        "2024-02-27 09:00",
        summary="Phong trào dân vận khéo lan rộng.",
        image="images/anh.jpg",
        caption="Cán bộ xã gặp dân.",
        tags="dân vận, Lạc Sơn",
        author="Minh Anh",
        body="Người dân Lạc Sơn góp công làm đường.\n\n![Đường mới](images/anh.jpg)",
    ),
    "tin-28.md": article("Giá lúa tăng", "2024-02-28 07:00", category="Kinh tế", summary="Lúa."),
    "images/anh.jpg": image_bytes(),
}
PAGES = {
    "home": "/",
    "article": ARTICLE,
    "section": "/chinh-tri/",
    "day": "/2024/02/27/",
    "search": "/tim-kiem/?q=dan+van",
    "not found": "/khong-co-trang-nay/",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """nginx serving a ``make publish`` build whose SITEURL is its own address."""
    root = tmp_path_factory.mktemp("nginx")
    content = write_files(root / "content", CONTENT)
    # Another process may take the port between the probe and nginx: try another.
    for attempt in range(5):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        settings = settings_module(root, PRECOMPRESS=True, SITEURL=base, FEED_DOMAIN=base)
        output = root / f"output-{attempt}"
        assert main(["build", "-s", str(settings), "-i", str(content), "-o", str(output)]) == 0
        try:
            process = nginx.start(output, port, root / ".cache")
        except RuntimeError as error:
            if "in use" in str(error):
                continue
            raise
        yield base, port, output
        nginx.stop(process, root / ".cache", port)
        return
    pytest.fail("no free port for nginx in 5 attempts")


def get(server, path, encoding=None):
    """``(status, headers, body)`` of GET ``path``; header names in lower case."""
    _, port, _ = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def asset_paths(server) -> list[str]:
    _, _, output = server
    return [
        "/" + path.relative_to(output).as_posix()
        for path in sorted(output.rglob("*"))
        if re.search(r"[.-][0-9a-f]{10}\.(css|js|svg|webp|jpg)$", path.name)
    ]


@pytest.mark.parametrize("path", ["/", ARTICLE, "/theme/", "/feeds/all.atom.xml", "/sitemap.xml"])
def test_brotli_and_gzip_are_sent_to_who_asks_and_decompress_to_the_file(server, path):
    _, _, output = server
    if path == "/theme/":
        path = next(name for name in asset_paths(server) if name.endswith(".css"))
    file = output / path.strip("/")
    original = (file / "index.html" if file.is_dir() else file).read_bytes()

    status, headers, body = get(server, path, "br")
    assert (status, headers["content-encoding"]) == (200, "br")
    assert brotli.decompress(body) == original
    status, headers, body = get(server, path, "gzip")
    assert (status, headers["content-encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == original
    status, headers, body = get(server, path)
    assert status == 200
    assert "content-encoding" not in headers
    assert body == original
    assert headers["vary"] == "Accept-Encoding"


def test_a_missing_page_is_a_404_with_the_vietnamese_page(server):
    for path in ("/khong-co-trang-nay/", "/2024/", "/.newsroom-site.json"):
        status, headers, body = get(server, path)
        assert status == 404, path
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert "Không tìm thấy trang này" in body.decode()


def test_clean_urls_serve_a_folders_page_and_add_its_slash(server):
    status, _, body = get(server, "/chinh-tri/")
    assert status == 200
    assert "<title>Chính trị" in body.decode()
    status, headers, _ = get(server, "/chinh-tri")
    assert (status, headers["location"]) == (301, "/chinh-tri/")


def test_fingerprinted_files_are_cached_for_a_year_and_pages_revalidated(server):
    assets = asset_paths(server)
    assert {path.rsplit(".", 1)[1] for path in assets} >= {"css", "js", "svg", "webp", "jpg"}
    for path in assets:
        _, headers, _ = get(server, path)
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
    for path in ("/", ARTICLE, "/feeds/all.atom.xml", "/sitemap.xml", "/robots.txt"):
        status, headers, _ = get(server, path)
        assert (status, headers["cache-control"]) == (200, "no-cache"), path
        assert "etag" in headers
        assert "last-modified" in headers


@pytest.mark.parametrize("path", ["/", ARTICLE, "/khong-co-trang-nay/", "/theme/"])
def test_every_answer_carries_the_security_headers(server, path):
    if path == "/theme/":
        path = asset_paths(server)[0]
    _, headers, _ = get(server, path)
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in headers["content-security-policy"].split(";")
    }
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]


def test_feeds_and_sitemaps_have_their_own_content_types(server):
    expected = {
        "/feeds/all.atom.xml": "application/atom+xml; charset=utf-8",
        "/feeds/chinh-tri.rss.xml": "application/rss+xml; charset=utf-8",
        "/sitemap.xml": "application/xml; charset=utf-8",
        "/news-sitemap.xml": "application/xml; charset=utf-8",
        "/robots.txt": "text/plain; charset=utf-8",
    }
    for path, content_type in expected.items():
        status, headers, _ = get(server, path)
        assert (status, headers["content-type"]) == (200, content_type), path


# In Chromium, through nginx -----------------------------------------------------


@pytest.fixture
def page(browser):
    """A page that records Content-Security-Policy violations and script errors."""
    context = browser.new_context()
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.violations.append(f"error: {error}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => "
        "console.error('Content Security Policy: ' + event.violatedDirective + ' '"
        " + event.blockedURI))"
    )
    yield page
    context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_each_kind_of_page_runs_without_a_policy_violation(server, page, kind):
    base, _, _ = server
    page.goto(base + PAGES[kind], wait_until="networkidle")
    if kind == "search":
        expect(page.locator(".search-result__title a").first).to_be_visible(timeout=20_000)
    assert page.violations == []


def test_the_date_form_and_the_search_work_under_the_policy(server, page):
    base, _, _ = server
    page.goto(base + ARTICLE)
    form = page.locator("form.date-archive")
    page.fill("form.date-archive input[name=date]", "2024-02-28")
    form.get_by_text("Mọi chuyên mục", exact=True).click()
    form.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_url(lambda url: urlparse(url).path == "/2024/02/28/")
    expect(page.get_by_role("main").get_by_role("link", name="Giá lúa tăng")).to_be_visible()

    page.get_by_role("searchbox", name="Tìm bài viết").fill("dan van kheo")
    page.get_by_role("searchbox", name="Tìm bài viết").press("Enter")
    expect(page.locator(".search-result__title a")).to_have_text(
        ["Dân vận khéo ở Lạc Sơn"], timeout=20_000
    )
    assert page.violations == []
