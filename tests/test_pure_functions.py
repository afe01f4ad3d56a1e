"""The plugins' pure functions, tested without a build."""

import datetime
import re
import unicodedata
from types import SimpleNamespace

import pytest
from conftest import ROOT
from pelican.settings import read_settings
from pelican.utils import slugify

from date_archive.days import days_index, group_by_day, group_by_month, month_weeks
from other_news.choose import earlier_articles
from sapo.extract import first_paragraph_text, html_text
from sections.model import ArticleList, listing_pages, stable_blocks
from unique_urls.slugs import assign_slugs, literal_tail
from vietnamese.dates import format_date, format_datetime, format_month
from vietnamese.text import nfc

TZ = datetime.timezone(datetime.timedelta(hours=7))


def moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29 08:00", "Thứ Năm, 29/02/2024 08:00"),
        ("2024-03-01 08:00", "Thứ Sáu, 01/03/2024 08:00"),
        ("2024-03-03 23:50", "Chủ Nhật, 03/03/2024 23:50"),
        ("2024-02-26 00:15", "Thứ Hai, 26/02/2024 00:15"),
    ],
)
def test_datetime_as_vietnamese_readers_write_it(text, expected):
    assert format_datetime(moment(text)) == expected


def test_date_and_month():
    assert format_date(datetime.date(2024, 3, 2)) == "Thứ Bảy, 02/03/2024"
    assert format_month(datetime.date(2024, 2, 1)) == "Tháng 02/2024"


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Đẩy mạnh hợp tác")
    assert decomposed != "Đẩy mạnh hợp tác"
    assert nfc(decomposed) == "Đẩy mạnh hợp tác"


@pytest.fixture(scope="module")
def slug_substitutions():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return settings["SLUG_REGEX_SUBSTITUTIONS"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đẩy mạnh hợp tác", "day-manh-hop-tac"),
        (
            "Chủ tịch UBND tỉnh thăm Sở Y tế nhân ngày 27/2",
            "chu-tich-ubnd-tinh-tham-so-y-te-nhan-ngay-27-2",
        ),
        ("Thủ tướng: Sớm nâng hạng “thị trường”", "thu-tuong-som-nang-hang-thi-truong"),
        (unicodedata.normalize("NFD", "Đường về Đà Nẵng"), "duong-ve-da-nang"),
    ],
)
def test_slugs_are_transliterated_ascii(slug_substitutions, title, slug):
    assert slugify(title, regex_subs=slug_substitutions) == slug


def test_section_slugs_are_the_transliterated_names(slug_substitutions):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    for name, slug in settings["SECTIONS"]:
        assert slugify(name, regex_subs=slug_substitutions) == slug


def _articles(*dates):
    return [SimpleNamespace(name=f"a{i}", date=moment(d)) for i, d in enumerate(dates)]


def _names(articles):
    return [article.name for article in articles]


def test_other_news_are_the_earlier_ones_newest_first_and_capped():
    newest_first = _articles(
        "2024-03-01 08:00",
        "2024-02-29 16:20",
        "2024-02-29 09:10",
        "2024-02-28 19:30",
        "2024-02-28 17:05",
        "2024-02-27 20:15",
        "2024-02-27 15:30",
        "2024-02-26 10:00",
    )
    chosen = {a.name: _names(o) for a, o in earlier_articles(newest_first, 6, lambda a: a.date)}
    assert chosen["a0"] == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert chosen["a5"] == ["a6", "a7"]
    assert chosen["a7"] == []


def test_articles_of_the_same_minute_are_not_each_others_earlier_news():
    newest_first = _articles("2024-03-01 08:00", "2024-03-01 08:00", "2024-02-29 08:00")
    chosen = {a.name: _names(o) for a, o in earlier_articles(newest_first, 6, lambda a: a.date)}
    assert chosen == {"a0": ["a2"], "a1": ["a2"], "a2": []}


def test_group_by_day_uses_the_local_day():
    newest_first = _articles("2024-02-29 23:50", "2024-02-29 00:15", "2024-02-28 23:59")
    days = group_by_day(newest_first, lambda a: a.date.date())
    assert list(days) == [datetime.date(2024, 2, 29), datetime.date(2024, 2, 28)]
    assert _names(days[datetime.date(2024, 2, 29)]) == ["a0", "a1"]


def test_group_by_month():
    days = [
        datetime.date(2024, 3, 2),
        datetime.date(2024, 2, 29),
        datetime.date(2024, 2, 1),
    ]
    assert group_by_month(days) == {
        datetime.date(2024, 3, 1): [datetime.date(2024, 3, 2)],
        datetime.date(2024, 2, 1): [
            datetime.date(2024, 2, 29),
            datetime.date(2024, 2, 1),
        ],
    }


def test_month_weeks_start_on_monday_and_mark_days_with_news():
    weeks = month_weeks(datetime.date(2024, 2, 1), {datetime.date(2024, 2, 29)})
    assert weeks[0][0].date == datetime.date(2024, 1, 29)
    assert not weeks[0][0].in_month
    assert weeks[0][3].date == datetime.date(2024, 2, 1)
    news = [cell.date for week in weeks for cell in week if cell.has_news]
    assert news == [datetime.date(2024, 2, 29)]


def test_days_index_sets_one_bit_per_day():
    index = days_index(
        {"all": [datetime.date(2024, 2, 29), datetime.date(2024, 2, 1)], "kinh-te": []}
    )
    assert index == {"all": {"2024-02": (1 << 28) | 1}, "kinh-te": {}}


def _path(item, slug):
    return f"{item['day']}/{slug}/"


def _slugs(claims):
    assigned, conflicts = assign_slugs(claims, _path)
    assert conflicts == []
    return [slug for _, slug in assigned]


def test_unique_slugs_suffix_later_articles_only():
    claims = [
        ({"day": "2024/03/01"}, "lich-cat-dien", False, "a.md"),
        ({"day": "2024/03/01"}, "lich-cat-dien", False, "b.md"),
        ({"day": "2024/03/02"}, "lich-cat-dien", False, "c.md"),
        ({"day": "2024/03/01"}, "lich-cat-dien", False, "d.md"),
    ]
    assert _slugs(claims) == [
        "lich-cat-dien",
        "lich-cat-dien-2",
        "lich-cat-dien",
        "lich-cat-dien-3",
    ]


def test_publishing_a_newer_article_keeps_the_older_slugs():
    older = [
        ({"day": "d"}, "tin", False, "a.md"),
        ({"day": "d"}, "tin", False, "b.md"),
    ]
    before = _slugs(older)
    after = _slugs([*older, ({"day": "d"}, "tin", False, "c.md")])
    assert after[:2] == before
    assert after[2] == "tin-3"


def test_an_explicit_slug_is_kept_and_a_taken_one_names_both_files():
    claims = [
        ({"day": "d"}, "tin", True, "a.md"),
        ({"day": "d"}, "tin", False, "b.md"),
    ]
    assert _slugs(claims) == ["tin", "tin-2"]
    assigned, conflicts = assign_slugs([*claims, ({"day": "d"}, "tin", True, "c.md")], _path)
    assert [slug for _, slug in assigned] == ["tin", "tin-2"]
    [conflict] = conflicts
    assert (conflict.source, conflict.path, conflict.owner) == ("c.md", "d/tin/", "a.md")
    assert re.search(r"c\.md.*d/tin/.*a\.md", str(conflict))


def test_an_articles_file_is_its_url_and_a_text_only_when_the_patterns_say_so():
    url = "{category}/{date:%Y}/{slug}/"
    assert literal_tail(url, url + "index.html") == "index.html"
    assert literal_tail(url, url) == ""
    assert literal_tail(url, "{slug}.html") is None
    assert literal_tail(url, url + "{lang}.html") is None


def test_sapo_is_the_first_paragraph_with_text():
    html = (
        '<p><img src="x.jpg" alt=""></p>\n<p>Ngày 27/2, <em>đồng chí</em> đến thăm.</p><p>Sau.</p>'
    )
    assert first_paragraph_text(html) == "Ngày 27/2, đồng chí đến thăm."
    assert first_paragraph_text("<h2>Không có đoạn văn</h2>") == ""
    assert html_text("<p>Dân &amp; vận\n khéo</p>") == "Dân & vận khéo"
    assert html_text("<p>Hòa&nbsp;Bình <!-- ghi chú -->&lt;b&gt;</p>") == "Hòa Bình <b>"


def test_stable_blocks_never_move_when_articles_are_added():
    assert stable_blocks(0, 20) == (0, [])
    assert stable_blocks(19, 20) == (19, [])
    assert stable_blocks(20, 20) == (20, [])
    assert stable_blocks(39, 20) == (39, [])
    assert stable_blocks(40, 20) == (20, [(20, 40)])
    assert stable_blocks(45, 10) == (15, [(35, 45), (25, 35), (15, 25)])
    # Counted from the oldest: the same archive block holds the same articles.
    for count in range(40, 120):
        _, blocks = stable_blocks(count, 20)
        oldest_first = [(count - stop, count - start) for start, stop in blocks]
        assert oldest_first == [(number * 20, number * 20 + 20) for number in range(len(blocks))]


def test_listing_pages_link_newer_and_older_pages():
    pages = listing_pages(
        list(range(45, 0, -1)), 10, ("a/", "a/i"), ("a/{number}/", "a/{number}/i")
    )
    assert [(page.url, page.number, len(page.articles)) for page in pages] == [
        ("a/", None, 15),
        ("a/3/", 3, 10),
        ("a/2/", 2, 10),
        ("a/1/", 1, 10),
    ]
    assert pages[1].articles == list(range(30, 20, -1))
    assert [page.older.url if page.older else None for page in pages] == [
        "a/3/",
        "a/2/",
        "a/1/",
        None,
    ]
    assert [page.newer.url if page.newer else None for page in pages] == [
        None,
        "a/",
        "a/3/",
        "a/2/",
    ]
    assert {page.front_url for page in pages} == {"a/"}


def test_an_article_list_answers_in_as_its_list_would():
    # Pelican's articles, like these objects, are equal only to themselves.
    first, second, outsider = object(), object(), object()
    articles = ArticleList([first, second])
    assert list(articles) == [first, second]
    assert first in articles
    assert second in articles
    assert outsider not in articles
