"""Fixtures that build tiny sites with the project's settings, theme and plugins."""

import functools
import hashlib
import http.server
import io
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def article(title, date, category="Chính trị", body="Nội dung bài viết.", **metadata):
    """The text of a Markdown article with Pelican's ``Key: value`` header."""
    header = {"Title": title, "Date": date, "Category": category}
    header.update({key.capitalize(): value for key, value in metadata.items()})
    lines = [f"{key}: {value}" for key, value in header.items() if value is not None]
    return "\n".join(lines) + "\n\n" + body + "\n"


def stories(*days, status=None) -> dict[str, str]:
    """``tin-<day>.md``: a Chính trị article on each of ``days`` of February 2024."""
    return {
        f"tin-{day}.md": article(
            f"Tin ngày {day} tháng Hai", f"2024-02-{day} 09:00", summary="Sapo.", status=status
        )
        for day in days
    }


def python(*arguments, cwd=ROOT, env=None):
    """``python …`` with the test run's Python; returns the finished process."""
    return _run([sys.executable, *map(str, arguments)], cwd, env)


def newsroom(*arguments, cwd=ROOT, env=None):
    """``python -m newsroom …`` as the Makefile runs it; returns the finished process."""
    return python("-m", "newsroom", *arguments, cwd=cwd, env=env)


def make(*arguments, cwd=ROOT, env=None):
    """``make -s …`` in ``cwd``; returns the finished process."""
    return _run(["make", "-s", *map(str, arguments)], cwd, env)


def _run(command: list[str], cwd, env):
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def image_bytes(width=1200, height=675, image_format="JPEG", color=(30, 90, 140)) -> bytes:
    """A plain picture of the given size, as the bytes of an image file."""
    mode = "RGBA" if image_format == "PNG" else "RGB"
    buffer = io.BytesIO()
    Image.new(mode, (width, height), color).save(buffer, image_format)
    return buffer.getvalue()


class Site:
    """A built site: its output folder and helpers to read its pages."""

    def __init__(self, output: Path):
        self.output = output

    def path(self, url: str) -> Path:
        path = self.output / url.strip("/")
        return path / "index.html" if url.endswith("/") or not url else path

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def files(self) -> list[str]:
        return sorted(
            str(path.relative_to(self.output)) for path in self.output.rglob("*") if path.is_file()
        )


def build(content: Path, output: Path, **overrides) -> Site:
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), **overrides},
    )
    Pelican(settings).run()
    return Site(output)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its relative path: what two sites compare by."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def tree_digest(folder: Path) -> str:
    """Paths, bytes and modification times of every file under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
            digest.update(str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``folder``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return folder


def build_files(root: Path, files: dict[str, str | bytes], **overrides) -> Site:
    """Write ``files`` into ``root/content`` and build them into ``root/output``."""
    return build(write_files(root / "content", files), root / "output", **overrides)


def settings_module(folder: Path, plugin_paths=(), plugins=(), **values) -> Path:
    """``folder/settings.py``: the project's settings, ``values`` assigned on top,
    ``plugins`` (found in ``plugin_paths``) added to the project's."""
    values = {"THEME": str(ROOT / "theme"), **values}
    lines = [
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})",
        "from pelicanconf import *  # noqa: F403",
        f"PLUGIN_PATHS = {[str(ROOT / 'plugins'), *map(str, plugin_paths)]!r}",
        f"PLUGINS = [*PLUGINS, *{list(plugins)!r}]  # noqa: F405",
        *(f"{name} = {value!r}" for name, value in values.items()),
    ]
    path = folder / "settings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session", autouse=True)
def _no_caches_left_behind():
    """Remove the caches this session's builds made beside the project's settings.

    A build keeps its caches in ``.cache/pelican/<key>`` beside its settings, one
    folder per content folder: each test site built with the project's settings
    would otherwise leave one there.
    """
    caches = ROOT / ".cache" / "pelican"
    before = set(caches.iterdir()) if caches.is_dir() else set()
    yield
    if caches.is_dir():
        for folder in set(caches.iterdir()) - before:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder with settings and a theme of its own (so a test may edit
    a template) and an empty ``content`` folder."""
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    settings_module(tmp_path, THEME=str(tmp_path / "theme"))
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.fixture
def build_site(tmp_path):
    """Build ``{relative path: text or bytes}`` into a fresh output folder."""

    def _build(files: dict[str, str | bytes], **overrides) -> Site:
        return build_files(tmp_path, files, **overrides)

    return _build


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Site:
    """The sample site in content/, built once for the session."""
    return build(ROOT / "content", tmp_path_factory.mktemp("sample") / "output")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(folder: Path):
    """Serve ``folder`` on a free local port; returns (base URL, server)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def sample_server(sample_site):
    base_url, server = serve(sample_site.output)
    yield base_url
    server.shutdown()


def free_port() -> int:
    """A local port no one listens on now (another process may take it later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The flags Debian's Chromium needs here: no sandbox as root, and no calls home
# (the machine's closed network refuses them).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, for the whole session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served():
    """Serve built sites for a module: ``served(site)`` gives the base URL."""
    servers = []

    def _serve(site: Site) -> str:
        url, server = serve(site.output)
        servers.append(server)
        return url

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()
