"""Article bodies run nothing and load nothing from elsewhere (plugins/safe_html).

The content check names every script, frame, event handler, inline style,
unsafe link and remote load with its ``file:line`` and the build publishes
nothing; a build without the check (plain Pelican) publishes the body without
them, in the page, the feeds and the search index, and logs the same errors.
"""

import gzip
import html
import logging
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, article, image_bytes, tree_digest, write_files
from hypothesis import given
from hypothesis import strategies as st
from pelican.settings import read_settings

from newsroom.build import content_caches, load_settings
from newsroom.check import CheckCache, Rules, check_site
from safe_html.policy import TAGS, Removal, sanitize

HEADER = "Title: {title}\nDate: 2024-03-01 08:00\nCategory: Xã hội\n"


def bad(title: str, text: str, header: str = "") -> str:
    """An article whose body (from line 5, or later with ``header`` lines) is ``text``."""
    return HEADER.format(title=title) + header + "\n" + text + "\n"


SCRIPT = "thẻ <script> không được dùng trong bài (script not allowed)"
REMOTE = "ở trang khác (remote image); trang chỉ dùng ảnh của mình"

CASES = {
    "script": (bad("Mã", "Mở đầu.\n\n<script>alert(1)</script>"), [(7, SCRIPT)]),
    "two-scripts": (
        bad("Hai mã", "<script>a()</script>\n\nGiữa.\n\n<SCRIPT src=x.js></SCRIPT>"),
        [(5, SCRIPT), (9, SCRIPT)],
    ),
    "script-in-summary": (
        bad("Sapo có mã", "Thân bài.", header="Summary: Sapo <script>alert(1)</script>\n"),
        [(4, SCRIPT)],
    ),
    "iframe": (
        bad("Khung", '<iframe src="https://evil.example/khung"></iframe>'),
        [(5, "<iframe> nhúng trang khác không được dùng (embedded frame not allowed)")],
    ),
    "javascript-link": (
        bad("Liên kết", "Đoạn một.\n\n[Bấm vào đây](javascript:alert(1))"),
        [(7, "liên kết “javascript:alert(1)” không an toàn (unsafe link)")],
    ),
    "onclick": (
        bad("Bấm", '<p onclick="alert(1)">Bấm</p>'),
        [(5, "thuộc tính onclick không được dùng (event handler not allowed)")],
    ),
    "onclick-in-attribute-list": (
        bad("Thuộc tính", 'Đoạn văn.\n{: onclick="alert(1)" }'),
        [(6, "thuộc tính onclick không được dùng (event handler not allowed)")],
    ),
    "capital-img": (
        bad("Ảnh hoa", "<IMG SRC=https://evil.example/a.jpg>"),
        [(5, f"ảnh “https://evil.example/a.jpg” {REMOTE}")],
    ),
    "video": (
        bad("Video", '<video src="https://evil.example/v.mp4"></video>'),
        [(5, "thẻ <video> không được dùng trong bài (media not allowed)")],
    ),
    "stylesheet": (
        bad("Kiểu", "Đoạn.\n\n<link rel=stylesheet href=https://evil.example/s.css>"),
        [(7, "thẻ <link> không được dùng trong bài (link element not allowed)")],
    ),
    "style-url": (
        bad("Nền", '<p style="background:url(https://evil.example/n.png)">Nền</p>'),
        [(5, "thuộc tính style không được dùng (inline style not allowed)")],
    ),
    "reference-image": (
        bad("Tham chiếu", "Ảnh: ![Cầu][r]\n\n[r]: https://evil.example/cau.jpg"),
        [(7, f"ảnh “https://evil.example/cau.jpg” {REMOTE}")],
    ),
    "missing-reference-image": (
        bad("Thiếu ảnh", "Ảnh: ![Cầu][r]\n\n[r]: images/khong-co.jpg"),
        [(7, "không tìm thấy ảnh “images/khong-co.jpg” trong thư mục content/ (image not found)")],
    ),
}


def newsroom_build(content, output):
    command = [sys.executable, "-m", "newsroom", "build", "-i", str(content), "-o", str(output)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_every_active_or_remote_thing_is_an_error_with_its_line_and_nothing_is_published(
    tmp_path,
):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(
        content,
        {
            "images/anh.jpg": image_bytes(800, 450),
            "tot.md": article("Bài tốt", "2024-02-27 09:00", body="![Ảnh](images/anh.jpg)"),
        },
    )
    assert newsroom_build(content, output).returncode == 0
    before = tree_digest(output)

    write_files(content, {f"bai-{name}.md": text for name, (text, _) in CASES.items()})
    result = newsroom_build(content, output)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name, (_, expected) in CASES.items():
        errors = [
            row
            for row in result.stderr.splitlines()
            if f"/bai-{name}.md:" in row and "cảnh báo" not in row
        ]
        assert len(errors) == len(expected), (name, errors)
        for error, (line, fragment) in zip(errors, expected, strict=True):
            assert f"/bai-{name}.md:{line}: {fragment}" in error
    assert tree_digest(output) == before


UNSAFE = """<script>evilScript()</script>

<p onclick="evilHandler()">Đoạn có onclick.</p>

[Liên kết xấu](javascript:evilLink()) và <IMG SRC=https://evil.example/a.jpg>

<iframe src="https://evil.example/frame"></iframe>
<video src="https://evil.example/v.mp4"></video>
<link rel=stylesheet href=https://evil.example/s.css>

<p style="background:url(https://evil.example/n.png)">Nền.</p>

Ảnh tham chiếu: ![Cầu][xa]

[xa]: https://evil.example/cau.jpg
"""

ALLOWED = """Có chú thích[^1] và [trang khác](https://other.example/bai){: target="_blank" }.

| Trái | Phải |
|:-----|-----:|
| một  | hai  |

<figure>
<img src="images/anh.jpg" alt="Cầu mới">
<figcaption>Cầu mới khánh thành.</figcaption>
</figure>

[Tải ảnh]({static}/images/anh.jpg)

[^1]: Lời chú thích.
"""

ARTICLE_URL = "/xa-hoi/2024/03/01/bai-hon-hop/"
ATOM = "{http://www.w3.org/2005/Atom}"


def everything(output) -> str:
    """Every file of a built site as text, Pagefind's gzipped files opened."""
    return "".join(
        (gzip.decompress(data) if path.suffix.startswith(".pf_") else data).decode(
            "utf-8", "replace"
        )
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.suffix not in {".jpg", ".webp", ".png", ".wasm"}
        for data in [path.read_bytes()]
    )


def test_a_build_without_the_check_publishes_the_body_sanitised_and_logs_each_error(
    build_site, tmp_path, caplog
):
    text = bad("Bài hỗn hợp", UNSAFE + "\n" + ALLOWED, header="Summary: Sapo <b>đậm</b>.\n")
    with caplog.at_level(logging.WARNING):
        site = build_site(
            {"images/anh.jpg": image_bytes(800, 450), "bai.md": text}, SAFE_HTML_EXTENSION=["md"]
        )

    published = everything(site.output)
    for unsafe in ("evil", "Evil", "javascript:", "onclick=", "<video", "<iframe", "<link rel=st"):
        assert unsafe not in published
    assert "style=" not in site.path(ARTICLE_URL).read_text(encoding="utf-8")

    feed = ET.parse(site.path("/feeds/all.atom.xml")).getroot()
    feed_body = feed.find(f"{ATOM}entry/{ATOM}content").text
    for body in (
        site.page(ARTICLE_URL).select_one(".article__body"),
        BeautifulSoup(feed_body, "html.parser"),
    ):
        assert [cell["align"] for cell in body.select("th, td")] == ["left", "right"] * 2
        assert body.select_one("figure img")["alt"] == "Cầu mới"
        assert body.select_one("figcaption").get_text() == "Cầu mới khánh thành."
        assert body.select_one("sup a.footnote-ref")["href"] == "#fn:1"
        assert "Lời chú thích." in body.select_one("div.footnote").get_text()
        link = body.find("a", string="trang khác")
        assert (link["href"], link["target"]) == ("https://other.example/bai", "_blank")
        assert body.find("a", string="Tải ảnh")["href"] == "/images/anh.jpg"
        assert body.find(string="Đoạn có onclick.")

    messages = [record.getMessage() for record in caplog.records]
    errors = [message.split("bai.md:", 1)[1] for message in messages if "bai.md:" in message]
    assert [error.split(": ", 1)[0] for error in errors] == [
        "6",  # <script>
        "8",  # onclick
        "10",  # javascript:
        "10",  # <IMG SRC=https://…>
        "12",  # <iframe>
        "13",  # <video>
        "14",  # <link>
        "16",  # style
        "20",  # [xa]: https://…
    ]
    assert errors[0] == f"6: {SCRIPT}: trang không chạy mã của bài viết; hãy xóa nó"
    assert any("SAFE_HTML_EXTENSION" in message for message in messages)

    settings = read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path / "content")}
    )
    checked = [
        str(problem).removeprefix("content/bai.md:")
        for problem in check_site(settings, "content")
        if problem.severity == "lỗi"
    ]
    assert checked == errors


def test_an_html_file_is_not_read_so_its_script_goes_nowhere(build_site):
    page = (
        "<html><head><title>Bài HTML</title><meta name='date' content='2024-03-01 08:00'>"
        "<meta name='category' content='Xã hội'></head>"
        "<body><script>evilScript()</script><p>Đoạn.</p></body></html>"
    )
    site = build_site({"bai.html": page, "bai.md": bad("Bài Markdown", "Đoạn.")})
    assert site.exists("/xa-hoi/2024/03/01/bai-markdown/")
    assert "evilScript" not in everything(site.output)
    assert not site.exists("/xa-hoi/2024/03/01/bai-html/")


def test_the_content_caches_change_with_the_plugins_code(tmp_path):
    plugins = tmp_path / "plugins"
    write_files(plugins, {"safe_html/policy.py": "TAGS = {'p'}\n", "other.py": "X = 1\n"})
    overrides = {"PLUGIN_PATHS": [str(plugins)], "PLUGINS": ["safe_html", "other"]}
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), **overrides}
    folders = [content_caches(settings, tmp_path)["CACHE_PATH"]]
    (plugins / "safe_html" / "policy.py").write_text("TAGS = {'p', 'b'}\n")
    folders.append(content_caches(settings, tmp_path)["CACHE_PATH"])
    (plugins / "other.py").write_text("X = 2\n")
    folders.append(content_caches(settings, tmp_path)["CACHE_PATH"])
    assert len(set(folders)) == 3
    assert content_caches(settings, tmp_path)["CACHE_PATH"] == folders[-1]


def test_the_check_cache_changes_with_markdown_settings(tmp_path):
    settings = load_settings(str(ROOT / "pelicanconf.py"), str(tmp_path))
    other = {**settings, "MARKDOWN": {"extension_configs": {}, "output_format": "html5"}}
    keys = {CheckCache(None, Rules.from_settings(value)).key for value in (settings, other)}
    assert len(keys) == 2


def test_the_sample_site_has_no_error():
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(ROOT / "content")})
    problems = check_site(settings, "content")
    assert [str(problem) for problem in problems if problem.severity == "lỗi"] == []


# The pure function.


def render(text: str) -> str:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(ROOT / "content")})
    return Rules.from_settings(settings).render(text)


# Elements whose content HTML reads as text up to their end tag (scripting on).
RAW_TEXT = {"script", "style", "iframe", "noembed", "noframes", "noscript", "xmp"}


class Events(HTMLParser):
    """A document as a list of start tags (attributes sorted), end tags and
    text, comments left out: what two serialisations of one document share."""

    def __init__(self, document: str):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.raw_text: str | None = None
        self.feed(document)
        self.close()

    def handle_starttag(self, tag, attrs):
        if self.raw_text:
            return
        self.events.append(
            ("start", tag, tuple(sorted((name, value or "") for name, value in attrs)))
        )
        if tag in RAW_TEXT:
            self.raw_text = tag

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if self.raw_text in {None, tag}:
            self.raw_text = None
            self.events.append(("end", tag))

    def handle_data(self, data):
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + data)
        else:
            self.events.append(("text", data))

    def attributes(self) -> set[tuple[str, str, str]]:
        return {
            (tag, name, value)
            for kind, tag, *rest in self.events
            if kind == "start"
            for name, value in rest[0]
        }

    def tags(self) -> set[str]:
        return {event[1] for event in self.events if event[0] == "start"}


def same_document(first: str, second: str) -> bool:
    return Events(first).events == Events(second).events


def test_what_markdown_makes_of_plain_markdown_passes_unchanged():
    text = (
        "Trích \"dẫn\" -- và 'đơn'... HTML[^1] và `mã <b>`.\n\n*[HTML]: Hyper Text\n\n"
        + ALLOWED
        + "\nThuật ngữ\n:   Định nghĩa\n\n```python\nprint('<x>')\n```\n\n"
        '<div markdown="1">\n*trong khối*\n</div>\n\n> Trích\n\n1. một\n2. hai\n\n---\n\n'
        "Đoạn có mã số {: #doan .lop }\n\n## Tiêu đề {: #tieu-de }\n\n<mark>đánh dấu</mark>, "
        "<abbr title='Ủy ban nhân dân'>UBND</abbr>, <time datetime='2024-03-01'>1/3</time>, "
        "<a href='mailto:toasoan@baohoabinh.vn'>thư</a>, <a href='tel:+842183852384'>gọi</a>, "
        "<a href='{filename}/2024/03/bai.md#doan'>bài</a>, <a href='{tag}dan-van'>thẻ</a>, "
        "<a href='{category}xa-hoi'>mục</a>, <a href='{attach}images/anh.jpg'>tệp</a>, "
        "<a href='/xa-hoi/'>mục</a>, <a href='#doan'>đoạn</a>, <a href='//other.example/'>x</a>"
    )
    document = render(text)
    clean, removals = sanitize(document)
    assert removals == []
    assert same_document(clean, document)
    for kept in ("{filename}/2024/03/bai.md#doan", "{tag}dan-van", "{category}xa-hoi"):
        assert f'href="{kept}"' in clean
    assert 'align="right"' in clean


@pytest.mark.parametrize(
    ("document", "removal"),
    [
        ("<script>x()</script>", Removal("tag", "script")),
        ("<style>p{}</style>", Removal("tag", "style")),
        ('<a href="javascript:x()">a</a>', Removal("link", "a", "href", "javascript:x()")),
        ('<a href=" JaVaScRiPt:x()">a</a>', Removal("link", "a", "href", " JaVaScRiPt:x()")),
        ('<a href="java\tscript:x()">a</a>', Removal("link", "a", "href", "java\tscript:x()")),
        ('<a href="data:text/html,x">a</a>', Removal("link", "a", "href", "data:text/html,x")),
        ('<a href="vbscript:x">a</a>', Removal("link", "a", "href", "vbscript:x")),
        ('<a href="ftp://x.example/">a</a>', Removal("link", "a", "href", "ftp://x.example/")),
        (
            '<img src="https://x.example/a.jpg">',
            Removal("load", "img", "src", "https://x.example/a.jpg"),
        ),
        ('<img src="//x.example/a.jpg">', Removal("load", "img", "src", "//x.example/a.jpg")),
        ('<img src="\\\\x.example/a.jpg">', Removal("load", "img", "src", "\\\\x.example/a.jpg")),
        (
            '<img src="data:image/png;base64,AA">',
            Removal("load", "img", "src", "data:image/png;base64,AA"),
        ),
        (
            '<img srcset="https://x.example/a.jpg 2x">',
            Removal("attribute", "img", "srcset", "https://x.example/a.jpg 2x"),
        ),
        ('<p style="color:red">a</p>', Removal("attribute", "p", "style", "color:red")),
        ('<p onmouseover="x()">a</p>', Removal("attribute", "p", "onmouseover", "x()")),
        ('<a href="http://[::1">a</a>', Removal("link", "a", "href", "http://[::1")),
        ("<svg>x</svg>", Removal("tag", "svg")),
    ],
)
def test_each_removal_is_reported_and_gone(document, removal):
    clean, removals = sanitize(document)
    assert removals == [removal]
    left = Events(clean)
    if removal.kind == "tag":
        assert removal.tag not in left.tags()
    else:
        assert removal.attribute not in {name for _, name, _ in left.attributes()}


def test_removals_come_in_document_order_and_comments_go_silently():
    clean, removals = sanitize(
        '<!-- ghi chú --><p title="t" onclick="a()">x</p><script>b()</script>'
        '<img src="images/a.jpg" onerror="c()"><a href="?a=1&section=2">y</a>'
    )
    assert [(item.kind, item.tag, item.attribute) for item in removals] == [
        ("attribute", "p", "onclick"),
        ("tag", "script", None),
        ("attribute", "img", "onerror"),
    ]
    assert clean == '<p title="t">x</p><img src="images/a.jpg"><a href="?a=1&amp;section=2">y</a>'


URLS = [
    "images/a.jpg",
    "/images/a.jpg",
    "{static}/images/a.jpg",
    "#fn:1",
    "?a=1&b=2",
    "https://x.example/a",
    "HTTP://x.example/a",
    "//x.example/a",
    "\\\\x.example/a",
    "mailto:a@b.vn",
    "tel:+84",
    "javascript:x()",
    " javascript:x()",
    "java\nscript:x()",
    "data:image/png;base64,AA",
    "vbscript:x",
    "foo:bar",
    "http://[::1",
]
ATTRIBUTE_VALUES = {
    "href": st.sampled_from(URLS),
    "src": st.sampled_from(URLS),
    "srcset": st.sampled_from(URLS),
    "onclick": st.just("x()"),
    "style": st.just("color:red"),
    "class": st.sampled_from(["lop", "footnote-ref"]),
    "title": st.text("aăb <>&\"'", max_size=5),
    "align": st.sampled_from(["left", "right"]),
    "data-x": st.just("1"),
    "target": st.just("_blank"),
}
INLINE_TAGS = ["span", "em", "strong", "code", "mark", "small", "sub", "q", "abbr", "font", "blink"]
attributes = st.dictionaries(
    st.sampled_from(sorted(ATTRIBUTE_VALUES)), st.none(), max_size=3
).flatmap(lambda names: st.fixed_dictionaries({name: ATTRIBUTE_VALUES[name] for name in names}))


def start_tag(tag: str, values: dict) -> str:
    written = "".join(f' {name}="{html.escape(value)}"' for name, value in values.items())
    return f"<{tag}{written}>"


fragments = st.recursive(
    st.text("xyz &<", max_size=4).map(html.escape)
    | st.builds(start_tag, st.sampled_from(["img", "br"]), attributes)
    | st.builds(lambda values: start_tag("a", values) + "liên kết</a>", attributes)
    | st.sampled_from(["<script>x()</script>", '<iframe/><a href="x">y</a></iframe>'])
    | st.just("<!-- ghi chú -->"),
    lambda inner: st.builds(
        lambda tag, values, parts: start_tag(tag, values) + "".join(parts) + f"</{tag}>",
        st.sampled_from(INLINE_TAGS),
        attributes,
        st.lists(inner, max_size=3),
    ),
    max_leaves=8,
)


@given(st.lists(fragments, max_size=4).map("".join))
def test_the_report_names_exactly_what_was_removed(document):
    clean, removals = sanitize(document)
    left = Events(clean)
    for item in removals:
        if item.kind == "tag":
            assert item.tag not in left.tags()
        else:
            assert (item.tag, item.attribute, item.value) not in left.attributes()
    removed = {(item.tag, item.attribute, item.value) for item in removals}
    for tag, name, value in Events(document).attributes() - left.attributes():
        if tag in TAGS:
            assert (tag, name, value) in removed
        else:
            assert Removal("tag", tag) in removals
    if not removals:
        assert same_document(clean, document.replace("<!-- ghi chú -->", ""))
