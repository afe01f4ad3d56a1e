"""A forked copy of the build that writes the article pages on the second core.

When the writer meets the first article page, the build forks. From then on
the copy (the child) writes the article pages, and the build goes on with every
other page, sending Pelican's ``content_written`` for the article pages without
writing them. At its first page that is not an article's the child is done: it
puts what it wrote (the reuse manifest's entries) and what went wrong into a
file, and exits at once, without running anything more of the build. The build
waits for it before it saves the manifest (``finalized``); a child that failed
fails the build. The child leaves Ctrl-C to the build and dies with it
(``newsroom.forking.fork_copy``); a build that fails before it waits
for the child kills it (``newsroom.forking.end_copies``).
"""

import json
import logging
import os
import tempfile

from .. import forking

logger = logging.getLogger(__name__)


class ArticleProcessFailed(Exception):
    """The process writing the article pages could not write them all."""


class _Records(logging.Handler):
    """What the child logs, for the build to log again where it is collected."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record):
        self.records.append((record.levelno, record.getMessage()))


class ArticleProcess:
    """Forks on creation; ``is_child`` says which side of the fork this is."""

    def __init__(self, output_path):
        # In the build: set at the first page after the child's run of article pages.
        self.run_over = False
        # In the folder being built, which a stopped build's leftovers go with.
        handle, self._outcome = tempfile.mkstemp(
            prefix=".article-pages-", suffix=".json", dir=output_path
        )
        os.close(handle)
        self.pid = forking.fork_copy()
        self.is_child = self.pid == 0
        if self.is_child:
            self._records = _Records()
            logging.getLogger().handlers[:] = [self._records]

    def exit(self, entries: dict, failure: str | None = None):
        """In the child: hand over what was written and what went wrong, and stop."""
        records = [*self._records.records, *([(logging.ERROR, failure)] if failure else [])]
        failed = any(level >= logging.ERROR for level, _ in records)
        try:
            with open(self._outcome, "w", encoding="utf-8") as outcome:
                json.dump({"entries": entries, "records": records}, outcome)
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
