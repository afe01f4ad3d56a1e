"""Choosing one URL per article, in order of publication."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# Long enough for any real headline's first words, short enough that the URL
# stays readable and its folder name (255 bytes at most) always fits, a
# ``-N`` suffix included.
MAX_SLUG_LENGTH = 80


def bound_slug(slug: str, length: int = MAX_SLUG_LENGTH) -> str:
    """``slug`` cut to at most ``length`` characters, at a hyphen when there is one."""
    if len(slug) <= length:
        return slug
    cut = slug[: length + 1]
    words = cut.rpartition("-")[0] if "-" in cut else ""
    return (words or slug[:length]).rstrip("-")


@dataclass(frozen=True)
class UrlConflict(Generic[T]):
    """An explicit slug that lands on a URL an older article already has."""

    item: T
    slug: str
    path: str
    source: str
    owner: str

    def __str__(self) -> str:
        return (
            f"{self.source}: Slug “{self.slug}” cho cùng địa chỉ /{self.path} với {self.owner} "
            "(two articles with the same URL); hãy đổi Slug"
        )


def assign_slugs(
    claims: Iterable[tuple[T, str, bool, str]],
    path_for: Callable[[T, str], str],
) -> tuple[list[tuple[T, str]], list[UrlConflict[T]]]:
    """Give each item a slug so that no two share ``path_for(item, slug)``.

    ``claims`` are ``(item, slug, explicit, source)`` oldest first, and each
    item's slug depends only on the items before it, so publishing a newer one
    never moves an older one. A derived slug that is taken gets the first free
    ``-N`` suffix; an explicit slug is the editor's word, and a taken one is a
    conflict naming both sources (the item then keeps no slug).
    """
    owner: dict[str, str] = {}
    assigned: list[tuple[T, str]] = []
    conflicts: list[UrlConflict[T]] = []
    for item, slug, explicit, source in claims:
        candidate, number = slug, 1
        while (path := path_for(item, candidate)) in owner:
            if explicit:
                conflicts.append(UrlConflict(item, slug, path, source, owner[path]))
                break
            number += 1
            candidate = f"{slug}-{number}"
        else:
            owner[path] = source
            assigned.append((item, candidate))
    return assigned, conflicts


def literal_tail(url_pattern: str, save_as_pattern: str) -> str | None:
    """What ``ARTICLE_SAVE_AS`` adds to ``ARTICLE_URL`` when that is only text
    (``index.html``), or None: an article's file is then its URL and the text."""
    tail = save_as_pattern.removeprefix(url_pattern)
    if tail == save_as_pattern or "{" in tail or "}" in tail:
        return None
    return tail
