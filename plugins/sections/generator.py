"""Pelican glue for sections: slug assignment and the section pages."""

from pelican.contents import Article
from pelican.generators import Generator

from plugin_check import resolved

from .model import build_sections, fill_sections, listing_pages

SETTINGS = {
    "SECTIONS": (),
    "SECTION_URL": "{slug}/",
    "SECTION_SAVE_AS": "{slug}/index.html",
    "SECTION_PAGE_SIZE": 20,
    "SECTION_PAGE_URL": "{slug}/trang/{number}/",
    "SECTION_PAGE_SAVE_AS": "{slug}/trang/{number}/index.html",
    "HOME_ARTICLES_PER_SECTION": 5,
}


class UnknownSectionError(ValueError):
    """An article's Category is not one of the configured sections."""


def assign_section(content) -> None:
    """Give an article's category the configured section's name and slug.

    ``Chính Trị`` and ``chính trị`` are taken for ``Chính trị``: editors differ
    in capitals, the section does not.
    """
    if not isinstance(content, Article) or not hasattr(content, "category"):
        return
    sections = resolved(content.settings, SETTINGS)["SECTIONS"]
    by_key = {name.casefold(): (name, slug) for name, slug in sections}
    given = content.category.name
    if given.casefold() not in by_key:
        known = ", ".join(name for name, _ in sections)
        raise UnknownSectionError(
            f"{content.relative_source_path}: Category “{given}” không phải chuyên mục "
            f"của báo (unknown section); chọn một trong: {known}"
        )
    content.category.name, content.category.slug = by_key[given.casefold()]


class SectionsGenerator(Generator):
    """Writes every configured section's page, newest articles first."""

    def generate_context(self):
        settings = resolved(self.settings, SETTINGS)
        self.sections = build_sections(
            settings["SECTIONS"],
            settings["SECTION_URL"],
            settings["SECTION_SAVE_AS"],
            settings["HOME_ARTICLES_PER_SECTION"],
        )
        fill_sections(self.sections, self.context["articles"], lambda a: a.category.name)
        archive = (settings["SECTION_PAGE_URL"], settings["SECTION_PAGE_SAVE_AS"])
        for section in self.sections:
            section.pages = listing_pages(
                section.articles,
                settings["SECTION_PAGE_SIZE"],
                (section.url, section.save_as),
                tuple(pattern.replace("{slug}", section.slug) for pattern in archive),
            )
        self.context["sections"] = self.sections

    def generate_output(self, writer):
        template = self.get_template("section")
        for section in self.sections:
            write_listing_pages(self, writer, template, section.pages, section=section.link)


def write_listing_pages(generator, writer, template, pages, **values) -> None:
    """Write a listing's pages (``ListingPage``) with ``template``; ``values``
    name what the listing is of (``section=…``, ``tag=…``)."""
    for page in pages:
        writer.write_file(
            page.save_as,
            template,
            generator.context,
            url=page.url,
            listing_page=page,
            relative_urls=generator.settings["RELATIVE_URLS"],
            **values,
        )
