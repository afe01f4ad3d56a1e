"""What Pagefind is given to index, and how index text is turned back for readers."""

import os
from collections.abc import Iterator
from pathlib import Path

# Pagefind decomposes words and drops combining marks, so "Nẵng" is also found
# as "nang"; "đ" has no decomposition and would stay apart from "d". Written as
# "d" + U+0335 (combining short stroke overlay) it folds to "d" like any accent,
# while a query typed with "đ" still matches its exact form first.
STROKE = "\u0335"
_TO_INDEX = str.maketrans({"đ": "d" + STROKE, "Đ": "D" + STROKE})

# The attribute that marks the text of a page to index; pages without it are skipped.
BODY_MARKER = "data-pagefind-body"


def index_form(text: str) -> str:
    """``text`` as the index stores it: ``đ``/``Đ`` as ``d``/``D`` + combining stroke."""
    return text.translate(_TO_INDEX)


def reader_form(text: str) -> str:
    """The inverse of ``index_form``: index text back to what readers type and see."""
    return text.replace("d" + STROKE, "đ").replace("D" + STROKE, "Đ")


def page_url(relative_path: str) -> str:
    """The root-relative URL of a written file: ``a/b/index.html`` gives ``/a/b/``."""
    url = "/" + relative_path.replace(os.sep, "/")
    return url.removesuffix("index.html")


def pages_to_index(output_path: str | os.PathLike) -> Iterator[tuple[str, str]]:
    """``(url, html)`` of every HTML page under ``output_path`` that marks a body to index."""
    root = Path(output_path)
    for path in sorted(root.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if BODY_MARKER in html:
            yield page_url(str(path.relative_to(root))), html
