"""Hugo's side of ``make bench``: the same Markdown articles as a Hugo site.

``write_site(content, site, settings)`` copies the layouts and configuration of
``bench/hugo/`` and the theme's static files into ``site`` and converts every
article of ``content`` (Pelican's ``Key: value`` header, then Markdown) into
``site/content/<section-slug>/<file>.md``: JSON front matter with the title,
the date with its offset (``2026-01-02T08:00:00+07:00``), the sapo
(``summary``), the tags, the author, the lead image and its caption, the day
and month archives it belongs to, and the URL this project gives it (slug from
the headline as Pelican makes it, ``-2`` for a second one on one URL as
``plugins/unique_urls`` does), so both sites have the same article addresses.
The body is the same Markdown. Lead images go to ``site/assets/images/``, where
Hugo resizes them. Converting is not part of what the bench times.
"""

import datetime
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from unique_urls.slugs import assign_slugs, bound_slug

LAYOUTS = Path(__file__).resolve().parent / "hugo"
THEME_STATIC = Path(__file__).resolve().parent.parent / "theme" / "static"


@dataclass(frozen=True)
class Source:
    """One article file: its header (keys in lower case) and its Markdown body."""

    path: str
    header: dict[str, str]
    body: str


def read_source(path: str, text: str) -> Source:
    header_text, _, body = text.partition("\n\n")
    header = {}
    for line in header_text.splitlines():
        key, _, value = line.partition(":")
        header[key.strip().lower()] = value.strip()
    return Source(path, header, body)


def sources(content: Path) -> Iterator[Source]:
    for path in sorted(content.rglob("*.md")):
        yield read_source(str(path.relative_to(content)), path.read_text(encoding="utf-8"))


def front_matter(source: Source, date: datetime.datetime, section: str, url: str) -> dict:
    header = source.header
    day, month = f"{date:%Y/%m/%d}", f"{date:%Y/%m}"
    matter = {
        "title": header["title"],
        "date": date.isoformat(),
        "summary": header.get("summary", ""),
        "tags": [tag.strip() for tag in header.get("tags", "").split(",") if tag.strip()],
        "authors": [header["author"]] if header.get("author") else [],
        "days": [day, f"{section}/{day}"],
        "months": [month, f"{section}/{month}"],
        "url": url,
    }
    if "image" in header:
        matter["image"] = header["image"]
        matter["caption"] = header.get("caption", "")
    return matter


def hugo_pages(content: Path, settings: dict) -> dict[str, str]:
    """Every article of ``content`` as Hugo content: ``{path in site/content: text}``."""
    zone = ZoneInfo(settings["TIMEZONE"])
    section_slugs = dict(settings["SECTIONS"])
    dated = []
    for source in sources(content):
        date = datetime.datetime.fromisoformat(source.header["date"]).replace(tzinfo=zone)
        dated.append((date, source))
    dated.sort(key=lambda item: (item[0], item[1].path))
    claims = [
        (
            (date, source),
            bound_slug(
                slugify(
                    source.header["title"],
                    regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
                    preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
                    use_unicode=settings["SLUGIFY_USE_UNICODE"],
                )
            ),
            False,
            source.path,
        )
        for date, source in dated
    ]

    def url_for(item: tuple[datetime.datetime, Source], slug: str) -> str:
        date, source = item
        section = section_slugs[source.header["category"]]
        return "/" + settings["ARTICLE_URL"].format(category=section, date=date, slug=slug)

    assigned, _ = assign_slugs(claims, url_for)
    pages = {}
    for (date, source), slug in assigned:
        section = section_slugs[source.header["category"]]
        matter = front_matter(source, date, section, url_for((date, source), slug))
        name = f"{section}/{Path(source.path).name}"
        pages[name] = json.dumps(matter, ensure_ascii=False, indent=1) + "\n\n" + source.body
    for weight, (name, slug) in enumerate(settings["SECTIONS"], start=1):
        section_matter = {"title": name, "weight": weight}
        pages[f"{slug}/_index.md"] = json.dumps(section_matter, ensure_ascii=False) + "\n"
    return pages


def write_site(content: Path, site: Path, settings: dict) -> int:
    """Write (or rewrite) the Hugo site of ``content`` in ``site``; returns its articles."""
    shutil.copytree(LAYOUTS, site, dirs_exist_ok=True)
    shutil.copytree(THEME_STATIC, site / "static", dirs_exist_ok=True)
    if (content / "images").is_dir():
        shutil.copytree(content / "images", site / "assets" / "images", dirs_exist_ok=True)
    shutil.rmtree(site / "content", ignore_errors=True)
    pages = hugo_pages(content, settings)
    for name, text in pages.items():
        path = site / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(pages) - len(settings["SECTIONS"])
