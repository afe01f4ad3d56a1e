"""Các tin khác: the same section's earlier articles under each article.

Sets ``article.other_news`` to the ``OTHER_NEWS_COUNT`` (default 6) most recent
articles of its section published strictly before it, newest first (empty when
there is none). Each section is walked once in date order, so the cost grows
with the number of articles, not with its square. Reads ``OTHER_NEWS_COUNT``
(``SETTINGS``).
"""

from collections import defaultdict

from pelican import signals

from plugin_check import resolved

from .choose import earlier_articles

SETTINGS = {"OTHER_NEWS_COUNT": 6}
NEEDS = ()


def attach_other_news(generator) -> None:
    count = resolved(generator.settings, SETTINGS)["OTHER_NEWS_COUNT"]
    by_section = defaultdict(list)
    for article in sorted(generator.articles, key=lambda a: a.date, reverse=True):
        by_section[article.category].append(article)
    for section_articles in by_section.values():
        for article, others in earlier_articles(section_articles, count, lambda a: a.date):
            article.other_news = others


def register():
    signals.article_generator_finalized.connect(attach_other_news)
