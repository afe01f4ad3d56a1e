"""Pelican glue: the tag and author pages, written in stable blocks."""

from pelican.generators import Generator

from plugin_check import resolved
from sections.generator import write_listing_pages
from sections.model import listing_pages

KINDS = ("tag", "author")
SETTINGS = {
    "LISTING_PAGE_SIZE": 20,
    "TAG_PAGE_SAVE_AS": "tag/{slug}/index.html",
    "TAG_ARCHIVE_URL": "tag/{slug}/trang/{number}/",
    "TAG_ARCHIVE_SAVE_AS": "tag/{slug}/trang/{number}/index.html",
    "AUTHOR_PAGE_SAVE_AS": "tac-gia/{slug}/index.html",
    "AUTHOR_ARCHIVE_URL": "tac-gia/{slug}/trang/{number}/",
    "AUTHOR_ARCHIVE_SAVE_AS": "tac-gia/{slug}/trang/{number}/index.html",
}


class TagAndAuthorPagesGenerator(Generator):
    """Writes every tag's and every author's pages, newest articles first."""

    def generate_context(self):
        settings = resolved(self.settings, SETTINGS)
        size = settings["LISTING_PAGE_SIZE"]
        by_kind = {
            "tag": self.context.get("tags", []),
            "author": self.context.get("authors", []),
        }
        self.listings = []
        for kind in KINDS:
            front = settings[f"{kind.upper()}_PAGE_SAVE_AS"]
            archive = (
                settings[f"{kind.upper()}_ARCHIVE_URL"],
                settings[f"{kind.upper()}_ARCHIVE_SAVE_AS"],
            )
            for wrapper, articles in sorted(by_kind[kind], key=lambda pair: pair[0].slug):
                newest_first = sorted(articles, key=lambda article: article.date, reverse=True)
                pages = listing_pages(
                    newest_first,
                    size,
                    (wrapper.url, front.format(slug=wrapper.slug)),
                    tuple(pattern.replace("{slug}", wrapper.slug) for pattern in archive),
                )
                self.listings.append((kind, wrapper, pages))

    def generate_output(self, writer):
        for kind, wrapper, pages in self.listings:
            write_listing_pages(self, writer, self.get_template(kind), pages, **{kind: wrapper})
