"""Vietnamese text for readers.

Adds the Jinja filters ``vi_datetime`` (``Thứ Năm, 29/02/2024 08:00``),
``vi_date`` (``Thứ Năm, 29/02/2024``), ``vi_day`` (``29/02/2024``), ``vi_time``
(``08:00``), ``vi_month`` (``Tháng 02/2024``) and ``vi_period`` (``từ 01/02/2024
đến 15/02/2024``), the template global ``WEEKDAY_ABBREVIATIONS`` (``T2``…``CN``),
and normalises every article's and page's text to Unicode NFC, so that a file
typed with decomposed accents reads, sorts and links like any other: the body
and header its Markdown reader returns (``readers``, whose
``extend_markdown_readers`` other plugins use too), and the metadata Pelican
adds from the settings and the file's path. Reads no settings.
"""

from pelican import signals

from .dates import (
    WEEKDAY_ABBREVIATIONS,
    format_date,
    format_datetime,
    format_day,
    format_month,
    format_period,
    format_time,
)
from .readers import extend_markdown_readers
from .text import normalise_metadata, normalise_read

FILTERS = {
    "vi_datetime": format_datetime,
    "vi_date": format_date,
    "vi_day": format_day,
    "vi_time": format_time,
    "vi_month": format_month,
    "vi_period": format_period,
}

SETTINGS: dict = {}
# Its reader step must see what safe_html's reader made safe (``readers``).
NEEDS = ("safe_html",)


def add_filters(generator):
    generator.env.filters.update(FILTERS)
    generator.env.globals["WEEKDAY_ABBREVIATIONS"] = WEEKDAY_ABBREVIATIONS


def normalise_readers(readers) -> None:
    extend_markdown_readers(readers, normalise_read)


def normalise_generator_metadata(generator, metadata) -> None:
    normalise_metadata(metadata)


def register():
    signals.generator_init.connect(add_filters)
    signals.readers_init.connect(normalise_readers)
    signals.article_generator_context.connect(normalise_generator_metadata)
    signals.page_generator_context.connect(normalise_generator_metadata)
