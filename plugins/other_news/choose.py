"""Choosing the earlier articles of one section."""

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def earlier_articles(
    newest_first: Sequence[T], count: int, date_of: Callable[[T], object]
) -> Iterator[tuple[T, list[T]]]:
    """Yield each article with up to ``count`` articles dated before it.

    ``newest_first`` must be sorted by date, newest first. Articles of the same
    minute are not "before" one another, so they never list each other.
    """
    first_earlier = 0
    for index, article in enumerate(newest_first):
        first_earlier = max(first_earlier, index + 1)
        while first_earlier < len(newest_first) and date_of(newest_first[first_earlier]) >= date_of(
            article
        ):
            first_earlier += 1
        yield article, list(newest_first[first_earlier : first_earlier + count])
