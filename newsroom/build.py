"""One build: check the content, run Pelican into a staging folder, swap it in."""

import contextlib
import copy
import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
from pathlib import Path

import blinker
from pelican import Pelican, signals
from pelican.settings import read_settings

from . import compress, forking, pages
from . import output as published
from .check import ERROR, WARNING, Problem, check_site
from .content_index import ContentIndex, stamp


class BuildFailed(Exception):
    """The content or the build went wrong; the published folder is untouched."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


class LogCollector(logging.Handler):
    """Pelican's and the plugins' errors, kept to fail the build."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message += f": {record.exc_info[1]}"
        self.errors.append(message)


class WarningPrinter(logging.Handler):
    """Warnings as ``cảnh báo: …`` lines, never a traceback: the reader is an editor."""

    def __init__(self, echo):
        super().__init__(logging.WARNING)
        self.echo = echo

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR:
            self.echo(f"{WARNING}: {record.getMessage()}")


def _not_the_local_feed_warning(record: logging.LogRecord) -> bool:
    # `make html` is the local preview, root-relative by design; its feeds get
    # absolute URLs from publishconf.py, so Pelican's reminder is noise there.
    return not record.getMessage().startswith("Feeds generated without SITEURL")


def show_warnings(echo) -> None:
    root = logging.getLogger()
    if not any(isinstance(handler, WarningPrinter) for handler in root.handlers):
        printer = WarningPrinter(echo)
        printer.addFilter(_not_the_local_feed_warning)
        root.addHandler(printer)


def load_settings(settings_file: str, content: str, output: str | None = None) -> dict:
    overrides = {"PATH": os.path.abspath(content)}
    if output is not None:
        # The folder a symlink names: the tree is swapped there, the link stays.
        overrides["OUTPUT_PATH"] = str(published.real_folder(Path(output)))
    settings = read_settings(settings_file, override=overrides)
    # Pelican's Markdown reader adds to this dict; a settings module imported
    # once per process (``from pelicanconf import *``) must not carry that over.
    settings["MARKDOWN"] = copy.deepcopy(settings["MARKDOWN"])
    return {**settings, **content_caches(settings, Path(settings_file).resolve().parent)}


def content_caches(settings: dict, project: Path) -> dict:
    """The caches of one content folder and of what its articles are made with.

    The folder's name covers everything that shapes an article as Pelican
    reads it (the settings, the plugins' code and this package's, Pelican's,
    Markdown's and nh3's versions), so a change there starts new caches
    (``newsroom.content_index``) rather than serving stale pages. Pelican's own
    caches are off: the content index replaces them.
    """
    volatile = {"OUTPUT_PATH", "PUBLISHED_OUTPUT_PATH", "CACHE_PATH"}
    shown = {key: value for key, value in settings.items() if key not in volatile}
    key = "\0".join(
        [
            json.dumps(shown, sort_keys=True, default=repr),
            importlib.metadata.version("pelican"),
            importlib.metadata.version("markdown"),
            importlib.metadata.version("nh3"),
            code_digest(settings),
        ]
    )
    # One folder per content and output folder, holding the caches of the
    # current settings and code only (``forget_older_caches``).
    site = hashlib.sha1(f"{settings['PATH']}\0{settings['OUTPUT_PATH']}".encode()).hexdigest()
    folder = (
        project / ".cache" / "pelican" / site[:16] / hashlib.sha1(key.encode()).hexdigest()[:16]
    )
    return {"CACHE_CONTENT": False, "CACHE_PATH": str(folder)}


def forget_older_caches(cache: Path) -> None:
    """Delete the caches this content and output folder had with other settings
    or code: a build never goes back to them, and each holds the whole archive."""
    for folder in cache.parent.iterdir():
        if folder != cache and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def code_digest(settings: dict) -> str:
    """SHA-1 of the code of every plugin of ``PLUGINS`` and of this package: the
    ``*.py`` files of the plugin's package (or its module) in ``PLUGIN_PATHS``,
    which Pelican makes absolute. The content index keeps articles as the
    plugins and the build's own hooks (``pages.fingerprint.read_facts``) left them."""
    hasher = hashlib.sha1()
    own = Path(__file__).resolve().parent
    _hash_files(hasher, own, sorted(own.rglob("*.py")))
    for name in map(str, settings.get("PLUGINS", [])):
        for folder in map(Path, settings.get("PLUGIN_PATHS", [])):
            package = folder / name.replace(".", "/")
            module = package.with_suffix(".py")
            files = sorted(package.rglob("*.py")) if package.is_dir() else [module]
            _hash_files(hasher, folder, [path for path in files if path.is_file()])
    return hasher.hexdigest()


def _hash_files(hasher, root: Path, files: list[Path]) -> None:
    for path in files:
        hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
        hasher.update(path.read_bytes())


def check(settings: dict, shown_root: str) -> tuple[list[Problem], list[Problem]]:
    """The content's errors and warnings."""
    cache = Path(settings["CACHE_PATH"]) / "check.json"
    problems = check_site(settings, shown_root=shown_root, cache_path=cache)
    errors = [problem for problem in problems if problem.severity == ERROR]
    return errors, [problem for problem in problems if problem.severity != ERROR]


def guarded_folders(settings: dict, settings_file: str) -> list[Path]:
    """The project's folders, which no output folder may be or hold."""
    return [
        Path(settings_file).resolve().parent,
        Path.cwd(),
        Path(settings["THEME"]),
        *(Path(folder) for folder in settings["PLUGIN_PATHS"]),
    ]


class _ArticleCount:
    """How many articles Pelican publishes (drafts and future ones are not)."""

    def __init__(self):
        self.articles = 0

    def __call__(self, generator) -> None:
        self.articles = len(generator.articles)


class MadeFiles:
    """The files of the output folder this run makes without writing them:
    pages Pelican's writer sends ``content_written`` for (``newsroom.pages``
    keeps an unchanged one as it is), unchanged pages of the copy writing the
    article pages (``pages.PageReuse.unchanged``), static files (Pelican
    copies one only when it changed) and the search index's unchanged bundles
    (``search_index.bundle_kept``). What the run writes, ``output.drop_stale``
    sees by its time.

    A static file of the staging tree that is no longer its source's copy is
    unlinked before Pelican copies over it: the staging tree shares its files
    with the published one (``output.staging_tree``).
    """

    def __init__(self, output_path: str):
        self.output_path = output_path
        self.prefix = os.path.join(output_path, "")
        self.files: set[str] = set()
        self.unchanged: set[str] = set()
        """Those of ``files`` that are still the published file: unchanged
        pages (``pages.PageReuse.unchanged``) and static files Pelican left as they were."""
        self.unchanged_folders: set[str] = set()
        """Folders kept whole as they were: the search index's unchanged bundles."""

    def page(self, path, context=None) -> None:
        if path.startswith(self.prefix):
            self.files.add(path[len(self.prefix) :].replace(os.sep, "/"))

    def folder(self, path) -> None:
        if path.startswith(self.prefix):
            self.unchanged_folders.add(
                os.path.join(path[len(self.prefix) :], "").replace(os.sep, "/")
            )

    def statics(self, generator) -> None:
        if generator.output_path != self.output_path:
            return
        for static in generator.staticfiles:
            target = os.path.join(generator.output_path, static.save_as)
            name = static.save_as.replace(os.sep, "/")
            source = stamp(os.path.join(generator.path, static.source_path))
            if source is not None and source == stamp(target):
                self.unchanged.add(name)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
            self.files.add(name)


def run_pelican(settings: dict, made: MadeFiles | None = None) -> int:
    """Run Pelican with ``settings``; any error it logs or raises fails the build.
    Returns how many articles it published; ``made`` collects what it kept."""
    collector = LogCollector()
    count = _ArticleCount()
    reuse = pages.PageReuse()
    index = ContentIndex(
        Path(settings["CACHE_PATH"]) / "content.sqlite",
        Path(settings["PATH"]),
        prepare=pages.read_facts,
    )
    root = logging.getLogger()
    root.addHandler(collector)
    connections = [
        (signals.article_generator_init, index.attach),
        (signals.article_generator_finalized, count),
        (signals.all_generators_finalized, reuse.find_articles),
        (signals.get_writer, reuse.choose_writer),
        (signals.finalized, reuse.save_manifest),
        # plugins/search_index asks where to index: beside Pelican, in a process.
        (blinker.signal("search_index.run_indexing"), forking.run_search_indexing),
    ]
    if made is not None:
        connections += [
            (signals.content_written, made.page),
            (signals.static_generator_finalized, made.statics),
            (blinker.signal("search_index.bundle_kept"), made.folder),
        ]
    for signal, receiver in connections:
        signal.connect(receiver)
    saved = False
    try:
        try:
            Pelican(settings).run()
        except Exception as error:
            raise BuildFailed(
                [*collector.errors, f"không dựng được trang (build failed): {error}"]
            ) from error
        if collector.errors:
            raise BuildFailed(collector.errors)
        index.save()
        saved = True
    finally:
        for signal, receiver in connections:
            signal.disconnect(receiver)
        root.removeHandler(collector)
        if not saved:
            index.discard()
    if made is not None:
        made.unchanged.update(reuse.unchanged)
        made.files.update(reuse.unchanged)
    return count.articles


def build(
    settings: dict, adopt: bool = False, allow_empty: bool = False, content_checked=None
) -> None:
    """Build ``settings["OUTPUT_PATH"]`` safely: all of it, or nothing changes.

    The output folder must be one the build may replace (``output.claim``;
    ``adopt`` takes over an older build's tree without a manifest). A build
    that publishes no article over a site that has some is refused unless
    ``allow_empty``: an empty or broken checkout must not take the site down.
    Both refusals raise ``output.OutputRefused`` and change nothing.
    ``content_checked``, if given, is called once the output is claimed and
    before anything is staged: the content's check, run meanwhile in a copy of
    the build (``newsroom.__main__``), raises there to stop the build, and its
    verdict comes before a refusal of the output, as if it had run first.

    The build writes into the tree the last swap took out, brought up to date
    (``output.staging_tree``), only what changed; what it no longer makes is
    deleted from it (``output.drop_stale``) before it is swapped in.
    """
    output = Path(settings["OUTPUT_PATH"])
    retained = settings["OUTPUT_RETENTION"]
    try:
        previous = published.claim(output, retained, adopt)
    finally:
        if content_checked is not None:
            content_checked()
    staging, held = published.staging_tree(output, previous, retained)
    done = False
    try:
        since = published.change_clock(staging)
        made = MadeFiles(str(staging))
        articles = run_pelican(
            {
                **settings,
                "OUTPUT_PATH": str(staging),
                "PUBLISHED_OUTPUT_PATH": str(output),
                # A static file is copied only when it changed (``MadeFiles``).
                "STATIC_CHECK_IF_MODIFIED": True,
            },
            made,
        )
        if not articles and not allow_empty and previous and previous.articles != 0:
            shown = "một số" if previous.articles is None else str(previous.articles)
            raise published.OutputRefused(
                f"bản dựng này không đăng bài nào, còn trang đang đăng có {shown} bài "
                "(no articles to publish); xem lại thư mục nội dung. Nếu thật sự muốn đăng "
                "một trang không có bài, chạy lại với ALLOW_EMPTY=1 (--allow-empty)"
            )
        precompressed = settings.get("PRECOMPRESS", False)
        staged = published.drop_stale(
            staging,
            made.files,
            made.unchanged,
            since,
            retained,
            precompressed,
            tuple(made.unchanged_folders),
            held,
        )
        published.retain(output, staging, retained)
        if output.is_dir():
            published.keep_unchanged(output, staging, staged.fresh)
        copies = []
        if precompressed:
            compress.precompress(str(staging), str(output), staged.uncompressed)
            copies = [
                name + suffix
                for name in compress.compressible(staged.uncompressed)
                for suffix in compress.ENCODINGS
            ]
        manifest = published.Manifest(frozenset(staged.files.union(copies)), articles)
        published.write_manifest(staging, manifest, output)
        written = published.not_published(output, staging, [*staged.fresh, *copies])
        published.publish(staging, output, manifest, previous, written)
        done = True
        forget_older_caches(Path(settings["CACHE_PATH"]))
    finally:
        # No copy of the build may write into the staging folder once it goes.
        forking.end_copies()
        if not done and staging.exists():
            published.discard_in_background(staging, output)
