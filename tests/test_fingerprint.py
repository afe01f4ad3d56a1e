"""A page's digest follows what its values hold, by their structure (pages.fingerprint)."""

import datetime

import pytest
from pelican import signals
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category

from date_archive.generator import DayLink, DayPage, MonthLink
from newsroom.pages.fingerprint import Unknown, fingerprint

SETTINGS = {**DEFAULT_CONFIG, "ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html"}
SECTION = Category("Chính trị", SETTINGS)


def story(title: str, day: int, author: str = "An") -> Article:
    when = datetime.datetime(2024, 2, day, 9, 0)
    fields = {
        "title": title,
        "date": when,
        "category": SECTION,
        "slug": f"tin-{day}",
        "author": Author(author, SETTINGS),
    }
    # Made as a reader makes it, without the plugins an earlier build connected.
    with signals.content_object_init.muted():
        return Article("<p>Nội dung.</p>", metadata=fields, settings=SETTINGS)


def day_page(articles, newer_day=28) -> DayPage:
    page = DayPage(datetime.date(2024, 2, 27), SECTION, articles)
    page.newer = DayLink(f"2024/02/{newer_day}/", datetime.date(2024, 2, newer_day))
    page.month = MonthLink("2024/02/", datetime.date(2024, 2, 1))
    return page


def digest_of(value):
    return fingerprint(value, {})


def test_a_day_page_follows_every_field_of_its_articles_and_its_links():
    shown = digest_of(day_page([story("Tin 27", 27, author="An")]))
    assert digest_of(day_page([story("Tin 27", 27, author="An")])) == shown
    assert digest_of(day_page([story("Tin 27", 27, author="Bình")])) != shown
    assert digest_of(day_page([story("Tin 27", 27, author="An")], newer_day=29)) != shown


def test_a_listed_article_counts_whole_but_not_its_own_other_news():
    listed = story("Tin 26", 26, author="An")
    page = story("Tin 27", 27)
    page.other_news = [listed]
    shown = digest_of(page)

    listed.other_news = [story("Tin 25", 25)]
    assert digest_of(page) == shown

    changed = story("Tin 26", 26, author="Bình")
    page.other_news = [changed]
    assert digest_of(page) != shown


def test_a_value_of_an_unknown_kind_makes_the_page_rendered_as_usual():
    with pytest.raises(Unknown):
        digest_of({"page": object()})
