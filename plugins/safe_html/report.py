"""What an editor reads about a removal, and on which line of the Markdown it is."""

import re

from .policy import LINK_SCHEMES, Removal, scheme

LOCAL_IMAGES = "trang chỉ dùng ảnh của mình: chép ảnh vào content/images/ và ghi images/TEN-ANH.jpg"
NO_CODE = "trang không chạy mã của bài viết; hãy xóa nó"
NO_STYLE = "giao diện do trang quyết định; hãy xóa nó"
NOTHING_REMOTE = "trang không tải gì từ trang khác"
FRAMES = frozenset({"iframe", "frame", "frameset", "object", "embed", "noembed", "noframes"})
MEDIA = frozenset({"video", "audio", "source", "track", "picture", "canvas", "svg", "math"})
SHOWN_URL_LENGTH = 80


def shown(value: str) -> str:
    """A URL as a message shows it: whole, or its start when it is long (``data:``)."""
    value = value.strip()
    return value if len(value) <= SHOWN_URL_LENGTH else value[: SHOWN_URL_LENGTH - 1] + "…"


def message(item: Removal) -> str:
    """The error for one removal, saying what to do instead."""
    if item.kind == "tag":
        return _tag_message(item.tag)
    if item.kind == "link":
        schemes = ", ".join(f"{name}:" for name in sorted(LINK_SCHEMES))
        return (
            f"liên kết “{shown(item.value)}” không an toàn (unsafe link): chỉ dùng địa chỉ "
            f"{schemes} hoặc địa chỉ trong trang; hãy sửa hoặc xóa nó"
        )
    if item.kind == "load":
        # Of the allowed attributes only an image's src makes the browser fetch.
        if scheme(item.value) == "data":
            return f"ảnh nhúng “{shown(item.value)}” không được dùng (data URL); {LOCAL_IMAGES}"
        return f"ảnh “{shown(item.value)}” ở trang khác (remote image); {LOCAL_IMAGES}"
    if item.attribute.startswith("on"):
        return f"thuộc tính {item.attribute} không được dùng (event handler not allowed): {NO_CODE}"
    if item.attribute == "style":
        return f"thuộc tính style không được dùng (inline style not allowed): {NO_STYLE}"
    return (
        f"thuộc tính {item.attribute} của thẻ <{item.tag}> không được dùng "
        "(attribute not allowed); hãy xóa nó"
    )


def _tag_message(tag: str) -> str:
    if tag == "script":
        return f"thẻ <script> không được dùng trong bài (script not allowed): {NO_CODE}"
    if tag == "style":
        return f"thẻ <style> không được dùng trong bài (style sheet not allowed): {NO_STYLE}"
    if tag in FRAMES:
        return (
            f"<{tag}> nhúng trang khác không được dùng (embedded frame not allowed): "
            f"{NOTHING_REMOTE}; hãy thay bằng một liên kết tới trang đó"
        )
    if tag in MEDIA:
        return (
            f"thẻ <{tag}> không được dùng trong bài (media not allowed): {NOTHING_REMOTE}; "
            "hãy dùng ảnh trong content/images/ hoặc một liên kết"
        )
    if tag == "link":
        return (
            "thẻ <link> không được dùng trong bài (link element not allowed): "
            f"{NOTHING_REMOTE}; hãy xóa nó"
        )
    return (
        f"thẻ <{tag}> không được dùng trong bài (tag not allowed); "
        "hãy xóa nó hoặc viết bằng Markdown"
    )


def _patterns(item: Removal) -> list[str]:
    """What to look for in the Markdown, most precise first."""
    if item.kind == "tag":
        return [rf"<{re.escape(item.tag)}(?![\w-])"]
    if item.kind == "attribute":
        name = re.escape(item.attribute)
        return [rf"(?<![\w-]){name}\s*=", rf"(?<![\w-]){name}(?![\w-])"]
    patterns = [re.escape(item.value.strip())]
    if found := scheme(item.value):
        patterns.append(rf"(?<![\w-]){re.escape(found)}\s*(:|&)")
    return patterns


def lines(text: str, first_line: int, removals: list[Removal]) -> list[int]:
    """The line of each removal in ``text`` (which starts on ``first_line``): the
    next occurrence of what was removed after the previous one of the same,
    else ``first_line``."""
    return _lines(text, first_line, [_patterns(item) for item in removals])


def url_lines(text: str, first_line: int, urls: list[str]) -> list[int]:
    """The line of each URL of ``urls`` in ``text``, as ``lines`` finds them."""
    return _lines(text, first_line, [[re.escape(url.strip())] for url in urls])


def _lines(text: str, first_line: int, searches: list[list[str]]) -> list[int]:
    after: dict[str, int] = {}
    found = []
    for patterns in searches:
        line = first_line
        for pattern in patterns:
            match = re.compile(pattern, re.IGNORECASE).search(text, after.get(pattern, 0))
            if match:
                after[pattern] = match.end()
                line = first_line + text.count("\n", 0, match.start())
                break
        found.append(line)
    return found
