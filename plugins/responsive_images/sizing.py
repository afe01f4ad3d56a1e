"""Pure choices behind responsive images: widths, file names, srcset, image paths."""

import posixpath
from collections.abc import Iterable

# Where editors keep images, relative to the content folder (Image: images/NAME.jpg).
IMAGES_FOLDER = "images/"
STATIC_PREFIXES = ("{static}", "{attach}")


def choose_widths(source_width: int, candidates: Iterable[int]) -> list[int]:
    """The widths to encode, ascending, never wider than the source.

    Candidates narrower than the source are kept; the widest variant is the
    source's own width when it is narrower than the widest candidate, so a small
    image is still served at its full size but never upscaled.
    """
    candidates = sorted(set(candidates))
    if not candidates or source_width < 1:
        return []
    widest = min(source_width, candidates[-1])
    return [width for width in candidates if width < widest] + [widest]


def scaled_height(width: int, height: int, new_width: int) -> int:
    """The height that keeps the aspect ratio at ``new_width`` (at least 1px)."""
    return max(1, round(height * new_width / width))


def fallback_format(source_format: str | None, has_alpha: bool) -> str:
    """Pillow format name of the non-WebP variant: PNG keeps transparency, else JPEG."""
    if has_alpha or (source_format or "").upper() in {"PNG", "GIF"}:
        return "PNG"
    return "JPEG"


EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}


def variant_path(relative_path: str, digest: str, width: int, image_format: str) -> str:
    """Output path of one variant, beside the original.

    ``images/a.jpg`` at 480px as WebP gives ``images/a-480w-<hash>.webp``; the
    content hash in the name lets browsers cache it forever.
    """
    stem, _ = posixpath.splitext(relative_path)
    return f"{stem}-{width}w-{digest[:10]}.{EXTENSIONS[image_format]}"


def build_srcset(candidates: Iterable[tuple[str, int]]) -> str:
    """``url 480w, url 800w`` from ``(url, width)`` pairs."""
    return ", ".join(f"{url} {width}w" for url, width in candidates)


def image_path_from_src(src: str | None, siteurl: str = "") -> str | None:
    """The content-relative path (``images/…``) an ``<img src>`` names, or None.

    Accepts what editors write: ``images/a.jpg`` (as in the ``Image`` metadata),
    ``/images/a.jpg``, ``{static}/images/a.jpg`` and the site's own absolute URL.
    Remote and other local URLs are not ours to resize.
    """
    if not src:
        return None
    path = src.strip()
    for prefix in STATIC_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    if siteurl and path.startswith(siteurl.rstrip("/") + "/"):
        path = path[len(siteurl.rstrip("/")) :]
    path = path.lstrip("/")
    if not path.startswith(IMAGES_FOLDER) or "://" in path:
        return None
    normal = posixpath.normpath(path)
    return normal if normal.startswith(IMAGES_FOLDER) else None
