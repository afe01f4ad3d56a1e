"""Content checks: every problem an editor can make in an article, with its line.

``check_site`` reads every article under ``PATH`` and returns one ``Problem``
per mistake, all of them in one pass, so that an editor fixes a whole commit at
once. Errors stop the build; warnings are shown and the build goes on.
Messages are in Vietnamese with the English term in parentheses.
"""

import copy
import datetime
import difflib
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from markdown import Markdown
from pelican.readers import ensure_metadata_list
from pelican.utils import slugify

import safe_html.policy
import safe_html.report
from responsive_images.sizing import IMAGES_FOLDER
from safe_html.policy import image_sources, sanitize
from safe_html.report import LOCAL_IMAGES, lines, message, url_lines
from unique_urls.slugs import MAX_SLUG_LENGTH, assign_slugs, bound_slug

from .content_index import stamp
from .files import find_files, reader_extensions
from .headers import HeaderField, Source, parse
from .images import ImageVerdicts

ERROR = "lỗi"
WARNING = "cảnh báo"

KEYS = (
    "Title",
    "Date",
    "Category",
    "Summary",
    "Author",
    "Image",
    "Caption",
    "Alt",
    "Tags",
    "Slug",
    "Status",
    "Modified",
)
PAGE_KEYS = ("Title", "Summary", "Slug", "Status", "Modified")
MULTILINE_KEYS = {"summary"}
STATUSES = ("draft", "published")
DATE_FORMAT = "YYYY-MM-DD HH:MM"
DATE_EXAMPLE = "2024-03-01 08:00"
# An archive's dates: nothing the paper published is older than 1945, the year
# Vietnam's own press begins, and before 1906 the time zone database gives
# Asia/Ho_Chi_Minh its local mean time (+07:06:30); past 2099 is a typo. A year
# of one to three digits would also give a URL without its four-digit year.
EARLIEST_DATE = datetime.date(1945, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)
SUMMARY_WARNING_LENGTH = 400
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Markdown makes HTML the sanitiser may touch (a tag or attribute it removes,
# a URL) only from raw HTML and autolinks (``<``), attribute lists (``{``),
# link and image destinations (``](``, and a reference's definition ``]:``, which
# ``[text][ref]`` and ``![alt][ref]`` need), footnote and abbreviation
# definitions (``]:``). Everything else it makes (paragraphs, emphasis, lists,
# tables, code, smart quotes) is in the allowlist, so a text without these
# needs no rendering to be known clean.
_MAY_MAKE_HTML = re.compile(r"<|\{|\]\(|\]:|\]\[")
_REMOTE = re.compile(r"([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# Characters XML 1.0 cannot carry (feeds, sitemaps): invisible debris of copy and paste.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        prefix = "" if self.severity == ERROR else f"{WARNING}: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass
class Article:
    """What the site-wide checks need of one article that passed its own."""

    path: str
    date: datetime.datetime
    section_slug: str
    slug: str
    slug_line: int | None
    """The line of its ``Slug:``, when the editor chose the slug."""
    not_draft: bool
    save_as: str
    """The file its slug gives it (``ARTICLE_SAVE_AS``), kept with its check:
    formatting one takes 12 µs, and every build compares them all."""

    def published(self, now: datetime.datetime) -> bool:
        return self.not_draft and self.date <= now


@dataclass(frozen=True)
class Rules:
    sections: tuple[tuple[str, str], ...]
    timezone: ZoneInfo
    slug_substitutions: tuple
    tag_substitutions: tuple
    author_substitutions: tuple
    """What Pelican slugifies tags and authors with (``Tag.slug``, ``Author.slug``)."""
    images: frozenset[str]
    """Paths of the files under ``images/``, as ``images/NAME.jpg``."""
    url_pattern: str
    now: datetime.datetime
    markdown: dict
    """Pelican's ``MARKDOWN`` settings: a body is rendered as the build renders it."""
    image_verdicts: ImageVerdicts
    """Whether each image can be served (``images.image_problem``), judged once per file."""

    @classmethod
    def from_settings(cls, settings: dict, now: datetime.datetime | None = None) -> "Rules":
        return cls(
            sections=tuple(tuple(section) for section in settings["SECTIONS"]),
            timezone=ZoneInfo(settings["TIMEZONE"]),
            slug_substitutions=tuple(settings["SLUG_REGEX_SUBSTITUTIONS"]),
            tag_substitutions=_substitutions(settings, "TAG"),
            author_substitutions=_substitutions(settings, "AUTHOR"),
            images=frozenset(
                path
                for path in find_files(
                    settings, settings["STATIC_PATHS"], settings["STATIC_EXCLUDES"], None
                ).files
                if path.startswith(IMAGES_FOLDER)
            ),
            url_pattern=settings["ARTICLE_SAVE_AS"],
            now=now or datetime.datetime.now(datetime.UTC),
            markdown=copy.deepcopy(settings["MARKDOWN"]),
            image_verdicts=ImageVerdicts(Path(settings["PATH"])),
        )

    @functools.cached_property
    def _markdown(self) -> Markdown:
        """Python-Markdown as Pelican's MarkdownReader sets it up (every
        extension of ``extension_configs`` loaded), but without ``meta``: the
        reader renders the body once ``meta`` has taken the header, and the
        Summary with ``meta`` taken out, as this renders them."""
        config = copy.deepcopy(self.markdown)
        extensions = config.setdefault("extensions", [])
        extensions += [
            name for name in config.get("extension_configs", {}) if name not in extensions
        ]
        config["extensions"] = [name for name in extensions if name != "markdown.extensions.meta"]
        return Markdown(**config)

    def render(self, text: str) -> str:
        """The HTML of Markdown ``text``, as the build makes it before sanitising."""
        self._markdown.reset()
        return self._markdown.convert(text)


def _substitutions(settings: dict, kind: str) -> tuple:
    """The slug rules of Pelican's ``URLWrapper`` for ``kind`` (``TAG``, ``AUTHOR``)."""
    default = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    return tuple(settings.get(f"{kind}_REGEX_SUBSTITUTIONS", default))


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    by_key = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), by_key, n=1, cutoff=0.6)
    return by_key[close[0]] if close else None


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem naming the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        return None, [
            Problem(
                path,
                line,
                f"tệp không phải UTF-8: byte 0x{byte:02x} ở vị trí {error.start} "
                f"(not UTF-8 at byte offset {error.start}); hãy lưu lại tệp với bảng mã UTF-8",
            )
        ]
    problems = []
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        problems.append(
            Problem(
                path,
                line,
                f"có ký tự điều khiển vô hình U+{ord(control.group()):04X} (control character), "
                "thường do dán từ phần mềm khác; hãy xóa nó",
            )
        )
    if unicodedata.normalize("NFC", text) != text:
        line = next(
            number
            for number, content in enumerate(text.split("\n"), 1)
            if unicodedata.normalize("NFC", content) != content
        )
        problems.append(
            Problem(
                path,
                line,
                "chữ Việt gõ dấu rời (Unicode NFD); trang web đã tự chuyển sang dạng "
                "dựng sẵn (NFC), nên chỉnh bộ gõ sang Unicode dựng sẵn",
                WARNING,
            )
        )
    return text.removeprefix("\ufeff"), problems


def parse_date(value: str, timezone: ZoneInfo) -> datetime.datetime | str:
    """The local moment of a header date, or why it is not one."""
    match = _DATE.fullmatch(value)
    if not match:
        return f"“{value}” không đúng dạng {DATE_FORMAT} (unparseable date); ví dụ: {DATE_EXAMPLE}"
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        moment = datetime.datetime(year, month, day, hour, minute, second, tzinfo=timezone)
    except ValueError:
        return (
            f"“{value}” không có trên lịch (no such date or time); "
            f"viết dạng {DATE_FORMAT}, ví dụ: {DATE_EXAMPLE}"
        )
    if not EARLIEST_DATE <= moment.date() <= LATEST_DATE:
        return (
            f"“{value}” nằm ngoài các năm {EARLIEST_DATE.year}–{LATEST_DATE.year} "
            "(date out of range); hãy kiểm tra lại năm"
        )
    return moment


class _FileCheck:
    """The checks of one file; collects problems instead of stopping at the first."""

    def __init__(self, path: str, source: Source, rules: Rules, keys: tuple[str, ...]):
        self.path = path
        self.source = source
        self.rules = rules
        self.keys = keys
        self.problems: list[Problem] = []
        self.suggested: set[str] = set()
        """Keys an unknown key was taken for: ``Titel`` is not also a missing Title."""

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, WARNING))

    def header(self) -> dict[str, HeaderField]:
        """The known fields, each once; problems for the others."""
        known = {key.lower(): key for key in self.keys}
        fields: dict[str, HeaderField] = {}
        for item in self.source.fields:
            if item.name not in known:
                suggestion = _suggest(item.key, self.keys)
                self.suggested.add(suggestion)
                hint = (
                    f"có phải là “{suggestion}”?"
                    if suggestion
                    else "các khóa dùng được: " + ", ".join(self.keys)
                )
                self.error(
                    item.line,
                    f"khóa “{item.key}” không có trong phần đầu bài (unknown header key); {hint}",
                )
                continue
            if item.name in fields:
                self.error(
                    item.line,
                    f"“{known[item.name]}” khai báo hai lần (duplicate key), lần đầu ở dòng "
                    f"{fields[item.name].line}; hãy giữ một",
                )
                continue
            if not item.value and not item.continuations:
                self.error(
                    item.line,
                    f"“{known[item.name]}:” để trống (empty {known[item.name]}); "
                    "hãy ghi giá trị hoặc xóa dòng này",
                )
                continue
            if item.continuations and item.name not in MULTILINE_KEYS:
                line, _ = item.continuations[0]
                self.error(
                    line,
                    f"dòng thụt lề bị coi là phần tiếp của “{known[item.name]}” "
                    f"(continued header line); hãy viết {known[item.name]} trên một dòng",
                )
            fields[item.name] = item
        return fields

    def required(self, fields: dict[str, HeaderField], key: str, what: str) -> str | None:
        item = fields.get(key.lower())
        if item is None:
            present = any(field.name == key.lower() for field in self.source.fields)
            if not present and key not in self.suggested:
                self.error(1, f"thiếu {what} “{key}:” (missing {key})")
            return None
        return item.value

    def date(self, item: HeaderField) -> datetime.datetime | None:
        moment = parse_date(item.value, self.rules.timezone)
        if isinstance(moment, str):
            self.error(item.line, f"{item.key} {moment}")
            return None
        return moment

    def section_slug(self, item: HeaderField) -> str | None:
        by_name = {name.casefold(): slug for name, slug in self.rules.sections}
        if item.value.casefold() in by_name:
            return by_name[item.value.casefold()]
        names = [name for name, _ in self.rules.sections]
        typed_slug = slugify(item.value, regex_subs=self.rules.slug_substitutions)
        suggestion = next(
            (name for name, slug in self.rules.sections if slug == typed_slug), None
        ) or _suggest(item.value, names)
        hint = f"có phải là “{suggestion}”? " if suggestion else ""
        self.error(
            item.line,
            f"chuyên mục “{item.value}” không có (unknown section); {hint}"
            f"chọn một trong: {', '.join(names)}",
        )
        return None

    def slug(self, item: HeaderField) -> None:
        if len(item.value) > MAX_SLUG_LENGTH:
            self.error(
                item.line,
                f"Slug dài {len(item.value)} ký tự (Slug longer than {MAX_SLUG_LENGTH}); "
                f"hãy rút gọn, ví dụ “{bound_slug(item.value)}”",
            )
        elif not _SLUG.fullmatch(item.value):
            fixed = slugify(item.value, regex_subs=self.rules.slug_substitutions)
            hint = f", ví dụ “{fixed}”" if fixed else ""
            self.error(
                item.line,
                f"Slug “{item.value}” chỉ được gồm chữ thường không dấu, số và dấu gạch ngang "
                f"(a-z, 0-9, -){hint}",
            )

    def names(self, item: HeaderField, names: list[str], what: str, english: str, subs) -> None:
        """Each tag or author has a page, at an address made of its slug."""
        for name in names:
            slug = slugify(name, regex_subs=subs)
            if not slug:
                self.error(
                    item.line,
                    f"{what} “{name}” không cho ra địa chỉ (URL) nào vì không có chữ hay số "
                    f"({english} without letters or digits); hãy sửa hoặc xóa nó",
                )
            elif len(slug) > MAX_SLUG_LENGTH:
                self.error(
                    item.line,
                    f"{what} “{name[:40]}…” dài quá: địa chỉ (URL) của nó có {len(slug)} ký tự "
                    f"({english} slug longer than {MAX_SLUG_LENGTH}); hãy rút gọn",
                )

    def status(self, item: HeaderField) -> bool:
        if item.value.lower() not in STATUSES:
            self.error(
                item.line,
                f"Status “{item.value}” không hợp lệ (invalid status): chỉ dùng "
                "draft (bản nháp, chưa đăng) hoặc published (đăng)",
            )
        return item.value.lower() != "draft"

    def image(self, item: HeaderField) -> None:
        value = item.value
        if _REMOTE.match(value):
            self.error(item.line, f"ảnh “{value}” ở trang khác (remote image); {LOCAL_IMAGES}")
        elif value.lstrip("/") not in self.rules.images:
            suggestion = _suggest(value, self.rules.images)
            hint = f"; có phải là “{suggestion}”?" if suggestion else ""
            self.error(
                item.line,
                f"không tìm thấy ảnh “{value}” trong thư mục content/ (image not found); "
                f"{LOCAL_IMAGES}{hint}",
            )
        elif problem := self.rules.image_verdicts.problem(value.lstrip("/")):
            self.error(item.line, f"ảnh “{value}” {problem}")

    def html(self, text: str, first_line: int) -> str | None:
        """The sanitised HTML the build makes of Markdown ``text`` (starting on
        ``first_line``), an error for each thing the sanitiser removes; None
        when ``text`` cannot make anything it would touch."""
        if not _MAY_MAKE_HTML.search(text):
            return None
        clean, removals = sanitize(self.rules.render(text))
        for line, item in zip(lines(text, first_line, removals), removals, strict=True):
            self.error(line, message(item))
        return clean

    def rendered(self, summary: HeaderField | None) -> None:
        """The errors of the rendered Summary and body, and of the body's images."""
        if summary is not None:
            text = "\n".join([summary.value, *(value for _, value in summary.continuations)])
            self.html(text, summary.line)
        clean = self.html(self.source.body, self.source.body_line)
        if clean is None:
            return
        sources = image_sources(clean)
        for line, value in zip(
            url_lines(self.source.body, self.source.body_line, sources), sources, strict=True
        ):
            self.body_image(line, value)

    def body_image(self, line: int, value: str) -> None:
        """An image of the body (a URL into the site: the sanitiser removed the others)."""
        path = value.removeprefix("{static}").removeprefix("{attach}").lstrip("/")
        if path not in self.rules.images:
            suggestion = _suggest(path, self.rules.images)
            hint = f"; có phải là “{suggestion}”?" if suggestion else ""
            self.error(
                line,
                f"không tìm thấy ảnh “{value}” trong thư mục content/ (image not found); "
                f"{LOCAL_IMAGES}{hint}",
            )
        elif problem := self.rules.image_verdicts.problem(path):
            self.error(line, f"ảnh “{value}” {problem}")

    def body(self) -> None:
        if not self.source.body.strip():
            self.error(
                self.source.body_line,
                "bài không có nội dung (empty body): sau phần đầu và một dòng trống "
                "phải có thân bài",
            )

    def summary(self, item: HeaderField | None) -> None:
        if item is None:
            self.warn(1, "chưa có sapo “Summary:” (missing Summary); trang sẽ dùng đoạn đầu")
            return
        text = " ".join([item.value, *(value for _, value in item.continuations)])
        if len(text) > SUMMARY_WARNING_LENGTH:
            self.warn(
                item.line,
                f"sapo dài {len(text)} ký tự (Summary longer than {SUMMARY_WARNING_LENGTH}); "
                "nên rút gọn",
            )


def check_article(path: str, source: Source, rules: Rules) -> tuple[list[Problem], Article | None]:
    """The problems of one article, and what the site-wide checks need of it."""
    check = _FileCheck(path, source, rules, KEYS)
    fields = check.header()
    title = check.required(fields, "Title", "tiêu đề")
    check.required(fields, "Date", "ngày đăng")
    check.required(fields, "Category", "chuyên mục")
    date = check.date(fields["date"]) if "date" in fields else None
    section = check.section_slug(fields["category"]) if "category" in fields else None
    if "modified" in fields:
        modified = check.date(fields["modified"])
        if modified and date and modified < date:
            check.error(
                fields["modified"].line,
                f"ngày cập nhật Modified ({fields['modified'].value}) sớm hơn ngày đăng Date "
                f"({fields['date'].value}) (Modified earlier than Date)",
            )
    published = check.status(fields["status"]) if "status" in fields else True
    if "slug" in fields:
        check.slug(fields["slug"])
        slug = fields["slug"].value
    else:
        slug = bound_slug(slugify(title or "", regex_subs=rules.slug_substitutions))
        if title and not slug:
            check.error(
                fields["title"].line,
                "tiêu đề không cho ra địa chỉ (URL) nào vì không có chữ hay số; hãy thêm Slug:",
            )
    if "tags" in fields:
        tags = fields["tags"]
        check.names(
            tags, ensure_metadata_list(tags.value), "từ khóa", "tag", rules.tag_substitutions
        )
    if "author" in fields:
        author = fields["author"]
        check.names(author, [author.value], "tác giả", "author", rules.author_substitutions)
    if "image" in fields:
        check.image(fields["image"])
    if "caption" in fields and "image" not in fields:
        check.warn(fields["caption"].line, "có Caption mà không có Image (caption without image)")
    if "alt" in fields and "image" not in fields:
        check.warn(fields["alt"].line, "có Alt mà không có Image (alt text without image)")
    check.body()
    check.rendered(fields.get("summary"))
    check.summary(fields.get("summary"))
    article = None
    if not any(problem.severity == ERROR for problem in check.problems):
        slug_line = fields["slug"].line if "slug" in fields else None
        save_as = article_file(rules.url_pattern, section, date, slug)
        article = Article(path, date, section, slug, slug_line, published, save_as)
    return check.problems, article


def check_page(path: str, source: Source, rules: Rules) -> list[Problem]:
    check = _FileCheck(path, source, rules, PAGE_KEYS)
    fields = check.header()
    check.required(fields, "Title", "tiêu đề")
    if "slug" in fields:
        check.slug(fields["slug"])
    if "status" in fields:
        check.status(fields["status"])
    check.body()
    check.rendered(fields.get("summary"))
    return check.problems


def article_file(url_pattern: str, section_slug: str, date: datetime.datetime, slug: str) -> str:
    """The file ``ARTICLE_SAVE_AS`` (``url_pattern``) gives an article with ``slug``."""
    return url_pattern.format(category=section_slug, date=date, slug=slug)


def duplicate_urls(
    articles: Iterable[Article], url_pattern: str, now: datetime.datetime
) -> list[Problem]:
    """Two published articles that would be written to one URL, both named.

    The slugs are chosen as ``plugins/unique_urls`` chooses them at build time:
    oldest first, a derived slug moves aside, an explicit one is an error.
    """
    claims = [
        (article, article.slug, article.slug_line is not None, article.path)
        for article in sorted(
            (article for article in articles if article.published(now)),
            key=lambda article: (article.date, article.path),
        )
    ]

    def path_for(article: Article, slug: str) -> str:
        if slug == article.slug:
            return article.save_as
        return article_file(url_pattern, article.section_slug, article.date, slug)

    _, conflicts = assign_slugs(claims, path_for)
    problems = []
    for conflict in conflicts:
        url = "/" + conflict.path.removesuffix("index.html")
        problems.append(
            Problem(
                conflict.source,
                conflict.item.slug_line,
                f"Slug “{conflict.slug}” cho cùng địa chỉ {url} với bài "
                f"{conflict.owner} (two articles with the same URL); hãy đổi Slug",
            )
        )
    return problems


def content_files(settings: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """``(kind, path relative to PATH)`` of every file Pelican will read as an
    article or a page, and the symlinked folders that loop (``files.find_files``)."""
    extensions = reader_extensions(settings)
    articles = find_files(
        settings, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"], extensions
    )
    pages = find_files(settings, settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"], extensions)
    files = [("article", path) for path in articles.files] + [
        ("page", path) for path in pages.files
    ]
    return sorted(files, key=lambda file: file[1]), sorted({*articles.loops, *pages.loops})


def symlink_loop(path: str) -> Problem:
    return Problem(
        path,
        1,
        "thư mục liên kết (symlink) trỏ ngược lên thư mục chứa nó (symlink loop); "
        "hãy xóa liên kết này",
    )


def not_markdown(path: str) -> Problem:
    return Problem(
        path,
        1,
        "tệp không phải bài Markdown (not a Markdown file): bài phải là tệp .md; "
        "hãy chuyển nội dung sang tệp .md hoặc đưa tệp ra khỏi thư mục content/",
    )


def unreadable(path: str, error: OSError) -> Problem:
    return Problem(
        path,
        1,
        f"không đọc được tệp (unreadable file: {error.strerror}); "
        "nếu là liên kết (symlink), nó trỏ tới tệp không còn nữa",
    )


def check_file(kind: str, path: str, raw: bytes, rules: Rules):
    """The problems of one file, and what the site-wide checks need of it."""
    text, problems = decode(path, raw)
    if text is None:
        return problems, None
    source = parse(unicodedata.normalize("NFC", text))
    if kind == "page":
        return problems + check_page(path, source, rules), None
    found, article = check_article(path, source, rules)
    return problems + found, article


# The modules a file's problems depend on: a change to any of them checks every file again.
_CHECK_MODULES = ("check.py", "headers.py", "files.py", "images.py")


class CheckCache:
    """Each file's problems, kept by the SHA-1 of its bytes and the stamp of its
    file, so that a build reads again only the files saved since, and checks
    again only those whose bytes changed.

    Everything a file's problems depend on besides its bytes is in ``key``:
    the rules (sections, images, URL pattern, Markdown's settings…), this
    module's own code and the sanitiser's.
    """

    def __init__(self, path: Path | None, rules: Rules):
        self.path = path
        here = Path(__file__).parent
        sources = [(here / name).read_bytes() for name in _CHECK_MODULES]
        sources += [
            Path(module.__file__).read_bytes() for module in (safe_html.policy, safe_html.report)
        ]
        facts = [
            rules.sections,
            str(rules.timezone),
            rules.slug_substitutions,
            rules.tag_substitutions,
            rules.author_substitutions,
            sorted(rules.images),
            rules.url_pattern,
            rules.markdown,
            importlib.metadata.version("markdown"),
            importlib.metadata.version("nh3"),
            # A replaced image changes the problems of the articles that use it.
            [rules.image_verdicts.stamp(path) for path in sorted(rules.images)],
        ]
        hasher = hashlib.sha1(json.dumps(facts, default=str).encode())
        for source in sources:
            hasher.update(source)
        self.key = hasher.hexdigest()
        self.entries: dict = {}
        self.previous: dict = {}
        self._stored: dict = {}
        if path is not None:
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if stored.get("key") == self.key:
                self.previous = stored["files"]
            rules.image_verdicts.load(stored.get("images"))
            self._stored = stored
        self.rules = rules

    def unchanged(self, relative: str, path: str, source: str):
        """The problems and article of file ``relative`` (at ``source``) as last
        checked, if it is the same version (``stamp``: any save changes it),
        else None: an unchanged file is not read again."""
        entry, current = self.previous.get(relative), stamp(source)
        if entry is None or current is None or entry[3] != current:
            return None
        self.entries[relative] = entry
        return _checked(path, entry)

    def check(self, kind: str, relative: str, path: str, raw: bytes, rules: Rules, version):
        """The problems and article of file ``relative``, whose bytes are ``raw``
        and whose ``stamp`` was ``version`` before they were read."""
        digest = hashlib.sha1(raw).hexdigest()
        entry = self.previous.get(relative)
        if entry is None or entry[0] != digest:
            problems, article = check_file(kind, path, raw, rules)
            entry = [
                digest,
                [[problem.line, problem.message, problem.severity] for problem in problems],
                article
                and [
                    article.date.isoformat(),
                    article.section_slug,
                    article.slug,
                    article.slug_line,
                    article.not_draft,
                    article.save_as,
                ],
            ]
        self.entries[relative] = [*entry[:3], version]
        return _checked(path, entry)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        images = self.rules.image_verdicts.stored(self.rules.images)
        stored = {"key": self.key, "files": self.entries, "images": images}
        if stored == self._stored:
            # Nothing was saved since: at 20,000 files, writing it is a tenth of a second.
            return
        temporary.write_text(json.dumps(stored), encoding="utf-8")
        os.replace(temporary, self.path)


def _checked(path: str, entry: list) -> tuple[list[Problem], Article | None]:
    _, problems, facts, *_ = entry
    article = None
    if facts:
        date, section, slug, slug_line, not_draft, save_as = facts
        moment = datetime.datetime.fromisoformat(date)
        article = Article(path, moment, section, slug, slug_line, not_draft, save_as)
    return [Problem(path, *problem) for problem in problems], article


def check_site(
    settings: dict,
    shown_root: str | None = None,
    now: datetime.datetime | None = None,
    cache_path: Path | None = None,
) -> list[Problem]:
    """Every problem of every Markdown file under ``settings["PATH"]``, by file and line.

    Files are named as ``shown_root/relative/path.md``: the content folder as the
    editor typed it (``content``), so that the name opens in their editor. With
    ``cache_path``, files whose bytes did not change are not checked again.
    """
    rules = Rules.from_settings(settings, now)
    content = settings["PATH"]
    shown = content if shown_root is None else shown_root
    cache = CheckCache(cache_path, rules)
    problems: list[Problem] = []
    articles: list[Article] = []
    files, loops = content_files(settings)
    problems += [symlink_loop(os.path.join(shown, relative)) for relative in loops]
    for kind, relative in files:
        path = os.path.join(shown, relative)
        if not relative.endswith(MARKDOWN_EXTENSIONS):
            problems.append(not_markdown(path))
            continue
        # A string, not a Path: this runs for every file of the archive.
        source = os.path.join(content, relative)
        known = cache.unchanged(relative, path, source)
        if known is not None:
            found, article = known
        else:
            version = stamp(source)
            try:
                raw = Path(source).read_bytes()
            except OSError as error:
                problems.append(unreadable(path, error))
                continue
            found, article = cache.check(kind, relative, path, raw, rules, version)
        problems += found
        if article:
            articles.append(article)
    cache.save()
    problems += duplicate_urls(articles, rules.url_pattern, rules.now)
    return sorted(problems)
