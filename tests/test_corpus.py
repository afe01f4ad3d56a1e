"""The synthetic corpus of bench/corpus.py: deterministic, and a valid site."""

import datetime
from collections import Counter

from conftest import build, tree_bytes
from corpus import FOLLOW_UP_EVERY, PHOTO_EVERY, SECTIONS, generate, write_corpus


def test_same_seed_writes_the_same_files_byte_for_byte(tmp_path):
    first = write_corpus(tmp_path / "a", 40, seed=7)
    second = write_corpus(tmp_path / "b", 40, seed=7)
    assert len(first) == len(second) == 40
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")
    assert generate(40, seed=7) == generate(40, seed=7)


def test_another_seed_gives_other_articles():
    assert generate(40, seed=7) != generate(40, seed=8)


def test_articles_spread_over_sections_and_years_dated_to_the_minute():
    articles = generate(300, seed=3)
    assert {article.category for article in articles} == set(SECTIONS)
    assert len({article.date.year for article in articles}) >= 8
    assert all(article.date.second == 0 for article in articles)
    assert len({article.date.minute for article in articles}) > 30
    assert [article.date for article in articles] == sorted(article.date for article in articles)
    for article in articles:
        assert 4 <= len(article.paragraphs) <= 8
        assert 2 <= len(article.tags) <= 4
        assert article.title
        assert article.summary
        assert article.author


def test_dates_stay_within_the_given_days():
    first, last = datetime.date(2023, 1, 1), datetime.date(2023, 1, 31)
    articles = generate(50, seed=1, first_day=first, last_day=last)
    assert all(first <= article.date.date() <= last for article in articles)


def test_some_articles_have_a_photo_and_some_share_a_headline():
    articles = generate(300, seed=3)
    with_photo = [article for article in articles if article.photo]
    assert 300 // PHOTO_EVERY // 2 < len(with_photo) < 300 // PHOTO_EVERY * 2
    assert all(article.caption for article in with_photo)
    assert len({article.photo for article in with_photo}) > 1
    pairs = Counter((a.title, a.category, a.date.date()) for a in articles)
    assert sum(count == 2 for count in pairs.values()) >= 300 // FOLLOW_UP_EVERY


def test_a_small_corpus_builds_into_a_site(tmp_path):
    write_corpus(tmp_path / "content", 60, seed=5)
    articles = generate(60, seed=5)
    site = build(tmp_path / "content", tmp_path / "output")
    newest = articles[-1]
    page = site.page("/").select_one("main")
    assert newest.title in page.get_text()
    day = site.page(f"/{newest.date:%Y/%m/%d}/")
    assert newest.title in [a.get_text() for a in day.select(".card__title a")]

    follow_up = next(a for a in articles if a.summary.startswith("Thông tin thêm"))
    day = site.page(f"/{follow_up.date:%Y/%m/%d}/")
    links = [a["href"] for a in day.select(".card__title a") if a.get_text() == follow_up.title]
    assert len(links) == len(set(links)) == 2

    photographed = next(a for a in articles if a.photo)
    assert (tmp_path / "content" / photographed.photo).is_file()
    day = site.page(f"/{photographed.date:%Y/%m/%d}/")
    url = next(
        a["href"] for a in day.select(".card__title a") if a.get_text() == photographed.title
    )
    assert site.page(url).select_one(".lead-figure picture img")
