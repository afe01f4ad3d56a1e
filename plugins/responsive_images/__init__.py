"""Responsive images: every site image served as WebP and JPEG/PNG in a few widths.

The lead image (``Image: images/NAME.jpg``, alt text from ``Alt`` or else the
``Caption``) becomes ``article.lead_picture``, a ``<picture>`` fetched first
(``fetchpriority="high"``); the template puts it in the article's figure.
Images in the body that point into ``images/`` become lazy ``<picture>``
elements; an image without alt text takes its title or its figure's caption.
Each has ``srcset``/``sizes`` and the width and height of its largest variant.
Both are made as the Markdown reader returns the file (``vietnamese.readers``).

Variants are encoded with Pillow into a cache outside the output folder and
copied into the folder Pelican is writing (its ``OUTPUT_PATH``), next to the
original: ``images/NAME-800w-<hash>.webp``. An unchanged image is never
encoded twice. A lead image that is not a file under the content folder's
``images/`` is an error, and so is an image over ``encode.MAX_PIXELS`` (50
megapixels), refused from its header, before Pillow decodes it.

Settings (``SETTINGS``, with their defaults): ``IMAGE_WIDTHS`` (480, 800,
1200; never upscaled), ``IMAGE_SIZES`` (the ``sizes`` attribute, matching the
article column), ``IMAGE_CACHE_PATH`` (``.cache/images``; a relative path starts
beside the content folder, i.e. next to pelicanconf.py for ``content/``). Also
reads Pelican's ``PATH`` and ``SITEURL``. Needs ``vietnamese``: alt text comes
from the NFC caption, and its ``readers`` extend Pelican's.
"""

import logging
from pathlib import Path

from markupsafe import Markup
from pelican import signals

from plugin_check import resolved
from vietnamese.readers import extend_markdown_readers

from .encode import ImageCache
from .markup import ResponsiveImage, alt_text, picture_html, rewrite_inline_images
from .sizing import image_path_from_src

logger = logging.getLogger(__name__)

SETTINGS = {
    "IMAGE_WIDTHS": (480, 800, 1200),
    # The article column is 42rem wide, less the page's side padding on phones.
    "IMAGE_SIZES": "(min-width: 46rem) 42rem, calc(100vw - 2rem)",
    "IMAGE_CACHE_PATH": ".cache/images",
}
NEEDS = ("vietnamese",)
# Where a reader keeps the images of its build (``attach_pictures``).
READER_KEY = "responsive_site_images"


class SiteImages:
    """The images of one build: prepared once per source, published at the end."""

    def __init__(self, settings):
        own = resolved(settings, SETTINGS)
        content = Path(settings["PATH"])
        # A relative cache path, like the default, is taken from the content folder's parent.
        cache = content.parent / own["IMAGE_CACHE_PATH"]
        self.content = content
        self.cache = ImageCache(cache, tuple(own["IMAGE_WIDTHS"]))
        self.sizes = own["IMAGE_SIZES"]
        self.siteurl = settings.get("SITEURL", "")
        self._prepared: dict[str, ResponsiveImage | None] = {}

    def find(self, path: str) -> ResponsiveImage | None:
        """The variants of content path ``path``, or None when there is no such image."""
        if path not in self._prepared:
            source = self.content / path
            self._prepared[path] = self.cache.prepare(source, path) if source.is_file() else None
        return self._prepared[path]


def attach_pictures(reader, source_path, content, metadata) -> tuple[str, dict]:
    """A read article's or page's body with ``<picture>`` elements, and its
    metadata with ``lead_picture`` and ``responsive_images`` (the variants it
    shows), which Pelican makes attributes of the content object."""
    if READER_KEY not in vars(reader):
        setattr(reader, READER_KEY, SiteImages(reader.settings))
    images = getattr(reader, READER_KEY)
    used = []

    def find(path: str) -> ResponsiveImage | None:
        image = images.find(path)
        if image is not None:
            used.append(image)
        return image

    metadata["lead_picture"] = None
    lead = metadata.get("image")
    if lead:
        path = image_path_from_src(lead, images.siteurl)
        image = find(path) if path else None
        if image is None:
            logger.error(
                "%s: Image %r is not a file under %s/images/", source_path, lead, images.content
            )
        else:
            alt = alt_text(metadata.get("alt"), metadata.get("caption"))
            metadata["lead_picture"] = Markup(
                picture_html(image, alt, images.sizes, images.siteurl, lead=True)
            )
    if content:
        content = rewrite_inline_images(content, find, images.sizes, images.siteurl)
    metadata["responsive_images"] = used
    return content, metadata


def attach_pictures_in_readers(readers) -> None:
    extend_markdown_readers(readers, attach_pictures)


def publish_variants(generators) -> None:
    """Copy the variants of published content (not drafts) into the output folder.

    Content may come from a cache of an earlier build (its objects made then): a
    variant missing from the image cache is encoded again from its source."""
    if not generators:
        return
    images = SiteImages(generators[0].settings)
    output = Path(generators[0].output_path)
    published = set()
    for generator in generators:
        for name in ("articles", "translations", "pages", "hidden_pages", "hidden_translations"):
            for content in getattr(generator, name, []):
                published.update(getattr(content, "responsive_images", []))
    for image in published:
        if not images.cache.publish(image, output):
            images.cache.publish(images.find(image.source), output)


def register():
    signals.readers_init.connect(attach_pictures_in_readers)
    signals.all_generators_finalized.connect(publish_variants)
