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

    ``claims`` are ``(item, slug, explicit, source)`` oldest first, and each
    item's slug depends only on the items before it, so publishing a newer one
    never moves an older one. A derived slug that is taken gets the first free
    ``-N`` suffix; an explicit slug is the editor's word, and a taken one is an
    error naming both files.
    """
    owner: dict[str, str] = {}
    for item, slug, explicit, source in claims:
        candidate, number = slug, 1
        while (path := path_for(item, candidate)) in owner:
            if explicit:
                raise DuplicateUrlError(
                    f"{source}: Slug “{slug}” cho cùng địa chỉ /{path} với {owner[path]} "
                    "(two articles with the same URL); hãy đổi Slug"
                )
            number += 1
            candidate = f"{slug}-{number}"
        owner[path] = source
        yield item, candidate
