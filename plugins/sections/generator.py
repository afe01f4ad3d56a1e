"""Pelican glue for sections: slug assignment and the section pages."""

from pelican.contents import Article
from pelican.generators import Generator

from .model import build_sections, fill_sections


class UnknownSectionError(ValueError):
    """An article's Category is not one of the configured sections."""


def assign_section_slug(content) -> None:
    if not isinstance(content, Article) or not hasattr(content, "category"):
        return
    slugs = dict(content.settings["SECTIONS"])
    name = content.category.name
    if name not in slugs:
        known = ", ".join(slugs)
        raise UnknownSectionError(
            f"{content.relative_source_path}: Category “{name}” không phải chuyên mục "
            f"của báo (unknown section); chọn một trong: {known}"
        )
    content.category.slug = slugs[name]


class SectionsGenerator(Generator):
    """Writes every configured section's page, newest articles first."""

    def generate_context(self):
        self.sections = build_sections(
            self.settings["SECTIONS"],
            self.settings["SECTION_URL"],
            self.settings["SECTION_SAVE_AS"],
            self.settings["HOME_ARTICLES_PER_SECTION"],
        )
        fill_sections(self.sections, self.context["articles"], lambda a: a.category.name)
        self.context["sections"] = self.sections

    def generate_output(self, writer):
        template = self.get_template("section")
        for section in self.sections:
            writer.write_file(
                section.save_as,
                template,
                self.context,
                paginated={"articles": section.articles} if section.articles else {},
                template_name="section",
                url=section.url,
                section=section,
                articles=section.articles,
                relative_urls=self.settings["RELATIVE_URLS"],
            )
