"""HTML of a responsive image, and the rewriting of ``<img>`` in an article body."""

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from bs4 import BeautifulSoup

from .sizing import build_srcset, image_path_from_src


@dataclass(frozen=True)
class Variant:
    """One encoded size of an image: where it goes under the output folder."""

    path: str
    width: int
    height: int
    format: str


@dataclass(frozen=True)
class ResponsiveImage:
    """Every variant of one source image, WebP and fallback, narrowest first."""

    source: str
    # The SHA-1 of the source's bytes, which names its variants' cached files.
    digest: str
    webp: tuple[Variant, ...]
    fallback: tuple[Variant, ...]

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]

    @property
    def variants(self) -> tuple[Variant, ...]:
        return self.webp + self.fallback


def _url(siteurl: str, path: str) -> str:
    return f"{siteurl}/{path}"


def picture_html(image: ResponsiveImage, alt: str, sizes: str, siteurl: str, lead: bool) -> str:
    """``<picture>`` with a WebP source and a JPEG/PNG ``<img>`` fallback.

    Width and height are the largest variant's, so the browser reserves the
    right box before the file arrives. The lead image is fetched first; every
    other image waits until it nears the viewport.
    """
    largest = image.largest
    webp = build_srcset((_url(siteurl, v.path), v.width) for v in image.webp)
    fallback = build_srcset((_url(siteurl, v.path), v.width) for v in image.fallback)
    loading = 'fetchpriority="high"' if lead else 'loading="lazy" decoding="async"'
    return (
        f'<picture><source type="image/webp" srcset="{escape(webp)}" sizes="{escape(sizes)}">'
        f'<img src="{escape(_url(siteurl, largest.path))}" srcset="{escape(fallback)}"'
        f' sizes="{escape(sizes)}" width="{largest.width}" height="{largest.height}"'
        f' alt="{escape(alt)}" {loading}></picture>'
    )


def alt_text(alt: str | None, caption: str | None) -> str:
    """The image's own text, or the caption when the editor gave none."""
    return " ".join((alt or "").split()) or " ".join((caption or "").split())


def _caption_of(img) -> str:
    """The ``title`` of an ``<img>``, else the caption of the figure around it."""
    if img.get("title"):
        return img["title"]
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    return caption.get_text(" ", strip=True) if caption else ""


def rewrite_inline_images(
    html: str,
    find_image: Callable[[str], ResponsiveImage | None],
    sizes: str,
    siteurl: str = "",
) -> str:
    """Replace each ``<img>`` of a site image with its lazy ``<picture>``.

    ``find_image`` maps a content path (``images/a.jpg``) to its variants, or to
    None when it cannot be resized; such images, and remote ones, are left as
    written. HTML without a site image is returned untouched.
    """
    if "<img" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for img in soup.find_all("img"):
        if img.find_parent("picture"):
            continue
        path = image_path_from_src(img.get("src"), siteurl)
        image = find_image(path) if path else None
        if image is None:
            continue
        alt = alt_text(img.get("alt"), _caption_of(img))
        picture = picture_html(image, alt, sizes, siteurl, lead=False)
        img.replace_with(BeautifulSoup(picture, "html.parser"))
        changed = True
    return str(soup) if changed else html
