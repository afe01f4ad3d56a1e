"""Pelican's writer, taught to take an unchanged page from the published site."""

import contextlib
import json
import os
from collections import ChainMap
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from ..output import keep_if_same, same_file
from .article_process import ArticleProcess
from .fingerprint import Unknown, digest, fingerprint


def file_stamp(path) -> list[int]:
    """Which file ``path`` is, and which version of it: any write changes this.

    The build's swap keeps the staged files as they are, so a page's stamp taken
    when it was written is the published page's until someone touches it.
    """
    stat = os.stat(path)
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


class Manifest:
    """Each page of the published site: the digest of its inputs, and its file's stamp.

    A page is reused only when both still hold: its inputs are the same, and the
    published file is still the one that was written from them (``file_stamp``:
    checked without reading the page back).
    """

    def __init__(self, path: Path):
        self.path = path
        try:
            self.previous = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}
        self.current: dict[str, list] = {}
        self.article_process: ArticleProcess | None = None

    def unchanged(self) -> frozenset[str]:
        """The pages that are still the published file (same stamp): reused,
        or written with the same bytes (``keep_if_same``)."""
        previous = self.previous
        return frozenset(
            name
            for name, (_, stamp) in self.current.items()
            if name in previous and previous[name][1] == stamp
        )

    def save(self) -> None:
        if self.article_process is not None:
            self.current.update(self.article_process.join())
            self.article_process = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.current), encoding="utf-8")
        os.replace(temporary, self.path)


class ReusingWriter(Writer):
    """Links a page from the published site when what it is made of is unchanged.

    Only pages written without Pelican's pagination, with values of their own
    that all have a ``fingerprint``, are considered; the rest are rendered as
    always. When ``article_pages_elsewhere``, an ``ArticleProcess`` writes the
    article pages, and this writer leaves them to it.
    """

    published: Path
    manifest: Manifest
    site_digest: str
    article_pages_elsewhere = False

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._memo: dict = {}
        self._folders: set[str] = set()

    def write_file(self, name, template, context, *args, **kwargs):
        # Pelican's articles' generator writes its article pages with these;
        # the copy writing them says what it made when it is done
        # (``Manifest.save``).
        if self.article_pages_elsewhere and "article" in kwargs and kwargs.get("blog"):
            return None
        return self._write_page(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path:
            self._make_way(path)
        return super().write_feed(elements, context, path, *args, **kwargs)

    def _make_way(self, name: str) -> None:
        """Unlink the staged file at ``name`` if it is the published one: the
        staging tree shares its unchanged files with the published tree
        (``newsroom.output.staging_tree``), and Pelican writes into a file."""
        target = os.path.join(self.output_path, name)
        if same_file(os.path.join(self.published, name), target):
            os.unlink(target)

    def _write_page(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        key = self._inputs(name, template, relative_urls, paginated, template_name, url, kwargs)
        if key is not None and self._reuse(name, key, context, kwargs):
            return
        if name:
            self._make_way(name)
        super().write_file(
            name,
            template,
            context,
            relative_urls,
            paginated,
            template_name,
            override_output,
            url,
            **kwargs,
        )
        written = os.path.join(self.output_path, name)
        if key is not None and os.path.isfile(written):
            # The build's swap keeps the published file wherever the bytes are
            # the same, after the manifest is saved: done here first, the stamp
            # recorded is the one the published page keeps, and the page is
            # reused next time.
            keep_if_same(self.published / name, Path(written))
            self.manifest.current[name] = [key, file_stamp(written)]

    def _inputs(self, name, template, relative_urls, paginated, template_name, url, kwargs):
        if not name or paginated or template_name in self.settings["PAGINATED_TEMPLATES"]:
            return None
        if not kwargs:
            # Nothing of its own: the page shows the site's context (the archive
            # index, say), which the digest does not cover.
            return None
        try:
            shown = fingerprint(kwargs, self._memo)
        except Unknown:
            return None
        return digest([self.site_digest, name, template.name, relative_urls, url, shown])

    def _reuse(self, name, key, context, kwargs) -> bool:
        recorded = self.manifest.previous.get(name)
        if recorded is None or recorded[0] != key:
            return False
        # Strings, not Paths: this runs for nearly every page of the site. In
        # the spare tree (``newsroom.output.staging_tree``) the page is already
        # the file recorded, which one look tells; otherwise it is linked from
        # the published tree, if that still holds it.
        target = os.path.join(self.output_path, name)
        if not _holds(target, recorded[1]):
            published = os.path.join(self.published, name)
            if not _holds(published, recorded[1]):
                return False
            folder = os.path.dirname(target)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            os.link(published, target)
        self.manifest.current[name] = recorded
        signals.content_written.send(target, context=ChainMap(kwargs, context))
        return True


def _holds(path: str, recorded: list[int]) -> bool:
    """Whether ``path`` is the file whose ``file_stamp`` was ``recorded``."""
    try:
        return file_stamp(path) == recorded
    except OSError:
        return False
