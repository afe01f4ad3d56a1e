"""``make new``: a correctly headed article file for now, under ``content/``."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from unique_urls.slugs import bound_slug

BODY_PLACEHOLDER = "Viết nội dung bài ở đây."


class NewArticleError(ValueError):
    """The title or section given to ``make new`` cannot make an article."""


def section_name(category: str, sections) -> str:
    by_key = {name.casefold(): name for name, _ in sections}
    by_key.update({slug: name for name, slug in sections})
    try:
        return by_key[category.strip().casefold()]
    except KeyError:
        names = ", ".join(name for name, _ in sections)
        raise NewArticleError(
            f"chuyên mục “{category}” không có (unknown section); chọn một trong: {names}"
        ) from None


def article_text(title: str, section: str, moment: datetime.datetime) -> str:
    return (
        f"Title: {title}\n"
        f"Date: {moment:%Y-%m-%d %H:%M}\n"
        f"Category: {section}\n"
        "Status: draft\n"
        "\n"
        f"{BODY_PLACEHOLDER}\n"
    )


def free_path(folder: Path, slug: str) -> Path:
    """``folder/slug.md``, or ``slug-2.md``… when that file is taken."""
    path, number = folder / f"{slug}.md", 1
    while path.exists():
        number += 1
        path = folder / f"{slug}-{number}.md"
    return path


def new_article(
    content: Path, title: str, category: str, settings: dict, now: datetime.datetime | None = None
) -> Path:
    """Write a draft dated now (local time) at ``content/YYYY/MM/<slug>.md``."""
    title = " ".join(title.split())
    if not title:
        raise NewArticleError('thiếu tiêu đề: make new TITLE="…" CATEGORY="…"')
    if not category.strip():
        raise NewArticleError('thiếu chuyên mục: make new TITLE="…" CATEGORY="…"')
    section = section_name(category, settings["SECTIONS"])
    moment = (now or datetime.datetime.now(datetime.UTC)).astimezone(ZoneInfo(settings["TIMEZONE"]))
    slug = bound_slug(slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])) or "bai-moi"
    folder = content / f"{moment:%Y}" / f"{moment:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    path = free_path(folder, slug)
    with open(path, "x", encoding="utf-8") as article_file:
        article_file.write(article_text(title, section, moment))
    return path
