"""A forked copy of the build that writes the article pages on the second core.

Once every generator has its context, and before any page is written
(Pelican's ``get_writer``), the build forks. The copy (the child) runs the
articles' generator's ``generate_articles`` with a writer of its own, puts what
it wrote (the reuse manifest's entries) and what went wrong into a file, and
exits at once, without running anything more of the build. The build goes on
with every other page, and its writer skips the article pages. Pelican's
``content_written`` is sent by whoever writes a file, so the copy's are lost
with it: the plugins take the article pages from the articles' generator (the
sitemaps), and the build learns which pages the copy kept as they were from
its manifest entries. The build waits for the copy before it saves the
manifest (``finalized``); a copy that failed fails the build. The copy leaves
Ctrl-C to the build and dies with it (``newsroom.forking.fork_copy``); a build
that fails before it waits for the copy kills it (``newsroom.forking.end_copies``).
"""

import json
import logging
import os
import tempfile
from collections.abc import Callable

from .. import forking

logger = logging.getLogger(__name__)

# With fewer articles than this, forking costs more than it saves.
MIN_ARTICLES_TO_FORK = 300


def worth_forking(articles: int) -> bool:
    return articles >= MIN_ARTICLES_TO_FORK and len(os.sched_getaffinity(0)) > 1


class ArticleProcessFailed(Exception):
    """The process writing the article pages could not write them all."""


class PageFailed(Exception):
    """A page that could not be written, by its name."""


def write_article_pages(generator, writer_class, pelican) -> dict:
    """What the copy runs: the article pages of the articles' ``generator``, as
    Pelican's ``generate_pages`` writes them, with a ``writer_class`` of its own;
    the reuse manifest's entries of those it wrote."""
    writer = writer_class(pelican.output_path, settings=pelican.settings)
    relative_urls = pelican.settings["RELATIVE_URLS"]

    def write(name, *args, **kwargs):
        try:
            return writer.write_file(name, *args, relative_urls=relative_urls, **kwargs)
        except Exception as error:
            raise PageFailed(f"{name}: {error!r}") from error

    generator.generate_articles(write)
    return writer.manifest.current


class _Records(logging.Handler):
    """What the child logs, for the build to log again where it is collected."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record):
        self.records.append((record.levelno, record.getMessage()))


class ArticleProcess:
    """Forks on creation; the child runs ``write_pages`` and exits with the
    manifest entries it returns."""

    def __init__(self, output_path, write_pages: Callable[[], dict]):
        # In the folder being built, which a stopped build's leftovers go with.
        handle, self._outcome = tempfile.mkstemp(
            prefix=".article-pages-", suffix=".json", dir=output_path
        )
        os.close(handle)
        self.pid = forking.fork_copy()
        if self.pid == 0:
            self._run(write_pages)

    def _run(self, write_pages) -> None:
        records = _Records()
        logging.getLogger().handlers[:] = [records]
        entries: dict = {}
        failure = None
        try:
            entries = write_pages()
        except BaseException as error:
            failure = str(error) or repr(error)
        written = [*records.records, *([(logging.ERROR, failure)] if failure else [])]
        failed = any(level >= logging.ERROR for level, _ in written)
        try:
            with open(self._outcome, "w", encoding="utf-8") as outcome:
                json.dump({"entries": entries, "records": written}, outcome)
        finally:
            os._exit(1 if failed else 0)

    def join(self) -> dict:
        """In the build: wait for the child; its manifest entries, or an error."""
        status = forking.reap(self.pid)
        try:
            with open(self._outcome, encoding="utf-8") as outcome:
                result = json.load(outcome)
        except (OSError, ValueError):
            result = {"entries": {}, "records": []}
        finally:
            os.unlink(self._outcome)
        for level, message in result["records"]:
            logger.log(level, "%s", message)
        if status != 0:
            raise ArticleProcessFailed(
                "không ghi được các trang bài viết (the process writing the article pages "
                f"failed, status {os.waitstatus_to_exitcode(status)})"
            )
        return result["entries"]
