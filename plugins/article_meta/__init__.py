"""What an article page tells search engines and social networks.

Adds the Jinja filters ``canonical_url`` (the article's URL under ``SITEURL``),
``social_meta`` (the Open Graph and Twitter card ``<meta>`` tags as
``(attribute, name, content)``) and ``news_article_json_ld`` (schema.org
``NewsArticle`` as JSON safe inside ``<script>``), all computed from the
article: headline, sapo, dates (with their +07:00 offset), author and their
page, lead image, section, tags.

URLs are absolute under publishconf.py (``SITEURL`` set); under ``make html``
(``SITEURL`` empty) they are root-relative, like every other link of a local
build. Reads ``SITEURL``, ``SITENAME``, ``DEFAULT_LANG``. Needs ``sapo`` (the description).
"""

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from .model import ArticleFacts, absolute_url, news_article, script_json, social_meta

SETTINGS: dict = {}
NEEDS = ("sapo",)


def article_facts(article, context) -> ArticleFacts:
    siteurl = context.get("SITEURL", "")
    author = getattr(article, "author", None)
    image = getattr(article, "image", None)
    return ArticleFacts(
        url=absolute_url(siteurl, article.url),
        headline=Markup(article.title).striptags(),
        description=article.sapo,
        published=article.date,
        modified=getattr(article, "modified", None),
        section=article.category.name,
        site_name=context["SITENAME"],
        site_url=absolute_url(siteurl, ""),
        author=author.name if author else None,
        author_url=absolute_url(siteurl, author.url) if author else None,
        image=absolute_url(siteurl, image) if image else None,
        image_caption=getattr(article, "caption", None),
        tags=tuple(tag.name for tag in getattr(article, "tags", ())),
        language=context.get("DEFAULT_LANG", "vi"),
    )


@pass_context
def canonical_url(context, article) -> str:
    return absolute_url(context.get("SITEURL", ""), article.url)


@pass_context
def article_social_meta(context, article) -> list[tuple[str, str, str]]:
    return social_meta(article_facts(article, context))


@pass_context
def news_article_json_ld(context, article) -> Markup:
    return Markup(script_json(news_article(article_facts(article, context))))


def add_filters(generator):
    generator.env.filters.update(
        {
            "canonical_url": canonical_url,
            "social_meta": article_social_meta,
            "news_article_json_ld": news_article_json_ld,
        }
    )


def register():
    signals.generator_init.connect(add_filters)
