"""Choosing one URL per article, in order of publication."""

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class DuplicateUrlError(ValueError):
    """Two articles ask for the same URL with an explicit slug."""


def unique_slugs(
    claims: Iterable[tuple[T, str, bool, str]],
    path_for: Callable[[T, str], str],
) -> Iterator[tuple[T, str]]:
    """Yield ``(item, slug)`` so that no two items share ``path_for(item, slug)``.

    ``claims`` are ``(item, slug, explicit, source)`` oldest first. Explicit
    slugs are the editor's word and are never changed: two of them on one path
    raise. A derived slug that is taken gets the first free ``-N`` suffix, so
    an item's slug depends only on the items published before it.
    """
    claims = list(claims)
    owner: dict[str, str] = {}
    for item, slug, explicit, source in claims:
        if explicit:
            path = path_for(item, slug)
            if path in owner:
                raise DuplicateUrlError(
                    f"{source}: cùng địa chỉ {path} với {owner[path]} "
                    "(two articles with the same URL); đổi Slug của một trong hai bài"
                )
            owner[path] = source
    for item, slug, explicit, source in claims:
        if explicit:
            yield item, slug
            continue
        candidate, number = slug, 1
        while (path := path_for(item, candidate)) in owner:
            number += 1
            candidate = f"{slug}-{number}"
        owner[path] = source
        yield item, candidate
