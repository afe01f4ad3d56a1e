"""Vietnamese text for readers.

Adds the Jinja filters ``vi_datetime`` (``Thứ Năm, 29/02/2024 08:00``),
``vi_date`` (``Thứ Năm, 29/02/2024``), ``vi_day`` (``29/02/2024``), ``vi_time``
(``08:00``), ``vi_month`` (``Tháng 02/2024``) and ``vi_period`` (``từ 01/02/2024
đến 15/02/2024``), the template global ``WEEKDAY_ABBREVIATIONS`` (``T2``…``CN``),
and normalises every article's and page's text to Unicode NFC, so that a file
typed with decomposed accents reads, sorts and links like any other. Reads no
settings.
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
from .text import normalise_content

FILTERS = {
    "vi_datetime": format_datetime,
    "vi_date": format_date,
    "vi_day": format_day,
    "vi_time": format_time,
    "vi_month": format_month,
    "vi_period": format_period,
}

SETTINGS: dict = {}
NEEDS = ()


def add_filters(generator):
    generator.env.filters.update(FILTERS)
    generator.env.globals["WEEKDAY_ABBREVIATIONS"] = WEEKDAY_ABBREVIATIONS


def register():
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(normalise_content)
