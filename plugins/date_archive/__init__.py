"""Day and month archives, and the data behind the "Xem các tin đã đưa ngày" form.

Writes, for every local day that has articles, ``/YYYY/MM/DD/`` (all sections)
and ``/<section-slug>/YYYY/MM/DD/`` (one section), newest first; for every month
with articles a calendar at ``/YYYY/MM/`` and ``/<section-slug>/YYYY/MM/`` that
links its days with news (the form's path without JavaScript); an archive index
at ``/luu-tru/``; and ``/luu-tru/ngay.json``, the index of days the form's
script reads to say "Không có tin nào…" instead of opening a missing page.
Puts ``date_archive`` (the last day with news, the years' months, each
section's latest month, the archive URLs) into the template context. Days are
the articles' local days (``TIMEZONE``). Reads no settings of its own. Needs
``sections``: its pages follow ``SECTIONS``.
"""

from pelican import signals

from .generator import DateArchiveGenerator

__all__ = ["DateArchiveGenerator", "register"]

SETTINGS: dict = {}
NEEDS = ("sections",)


def get_generators(pelican):
    return DateArchiveGenerator


def register():
    signals.get_generators.connect(get_generators)
