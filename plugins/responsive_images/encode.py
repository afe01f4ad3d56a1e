"""Resizing with Pillow, through a cache keyed by source content and width.

A variant is encoded once: its cache file is named by the SHA-256 of the
source bytes, the width and the encoder settings, so an unchanged image costs a
hash and a copy on the next build, and an edited one gets new files.
"""

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from .markup import ResponsiveImage, Variant
from .sizing import EXTENSIONS, choose_widths, fallback_format, scaled_height, variant_path

# Decoding takes about 4 bytes a pixel, and resizing as much again: 50 megapixels
# is some 400 MB on a build machine that decodes on two cores at once. It passes
# every photo of a 48 or 50 MP phone (8160 x 6120) and of most cameras; a
# panorama or a 200 MP mode must be made smaller first (the site serves 1200 px).
MAX_PIXELS = 50_000_000
QUALITY = {"WEBP": 80, "JPEG": 82}
SAVE_OPTIONS = {
    "WEBP": {"quality": QUALITY["WEBP"], "method": 6},
    "JPEG": {"quality": QUALITY["JPEG"], "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_atomically(path: Path, write) -> None:
    """Write through a temporary file so an interrupted build leaves no half image."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=path.suffix + ".part")
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def encode(image: Image.Image, width: int, height: int, image_format: str, path: Path) -> None:
    """Resize ``image`` to ``width`` by ``height`` and save it as ``image_format``."""
    resized = image.resize((width, height), Image.Resampling.LANCZOS)
    if image_format == "JPEG" and resized.mode != "RGB":
        resized = resized.convert("RGB")
    options = SAVE_OPTIONS[image_format]
    _write_atomically(path, lambda target: resized.save(target, image_format, **options))


class ImageTooLarge(ValueError):
    """An image over ``MAX_PIXELS``, refused before it is decoded."""


class _Source:
    """A source file, decoded at most once, and only when a variant must be encoded."""

    def __init__(self, path: Path):
        self.path = path
        self.format: str | None = None
        self._image: Image.Image | None = None

    @property
    def image(self) -> Image.Image:
        if self._image is None:
            with warnings.catch_warnings():
                # Pillow's own bound is looser; MAX_PIXELS is checked right below.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                original = Image.open(self.path)
            with original:
                if original.width * original.height > MAX_PIXELS:
                    raise ImageTooLarge(
                        f"{self.path}: {original.width}x{original.height} pixels, "
                        f"over {MAX_PIXELS} (MAX_PIXELS)"
                    )
                self.format = original.format
                # Upright as cameras meant it (EXIF orientation), then detached from the file.
                self._image = ImageOps.exif_transpose(original)
                self._image.load()
        return self._image


class ImageCache:
    """Variants of the site's images, encoded into ``cache_dir`` once."""

    def __init__(self, cache_dir: Path, widths: tuple[int, ...]):
        self.cache_dir = Path(cache_dir)
        self.widths = tuple(widths)

    def _describe(self, source: _Source, digest: str) -> dict:
        """Size and fallback format of ``source``, remembered beside its variants."""
        manifest = self.cache_dir / f"{digest}.json"
        if manifest.is_file():
            return json.loads(manifest.read_text(encoding="utf-8"))
        image = source.image
        has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
        facts = {
            "width": image.width,
            "height": image.height,
            "fallback": fallback_format(source.format, has_alpha),
        }
        _write_atomically(manifest, lambda target: Path(target).write_text(json.dumps(facts)))
        return facts

    def cache_file(self, digest: str, width: int, image_format: str) -> Path:
        quality = QUALITY.get(image_format, "")
        name = f"{digest}-{width}-{image_format.lower()}{quality}.{EXTENSIONS[image_format]}"
        return self.cache_dir / name

    def prepare(self, source: Path, relative_path: str) -> ResponsiveImage:
        """Every variant of ``source`` (at ``relative_path``), encoding what is missing."""
        digest = file_digest(source)
        decoded = _Source(source)
        facts = self._describe(decoded, digest)
        groups = {"WEBP": [], facts["fallback"]: []}
        for width in choose_widths(facts["width"], self.widths):
            height = scaled_height(facts["width"], facts["height"], width)
            for image_format, group in groups.items():
                cached = self.cache_file(digest, width, image_format)
                if not cached.is_file():
                    encode(decoded.image, width, height, image_format, cached)
                path = variant_path(relative_path, digest, width, image_format)
                group.append(Variant(path, width, height, image_format))
        webp, fallback = groups.values()
        return ResponsiveImage(relative_path, digest, tuple(webp), tuple(fallback))

    def publish(self, image: ResponsiveImage, output_dir: Path) -> bool:
        """Copy ``image``'s variants from the cache to where the site is being
        written; False, copying nothing, when one is no longer in the cache."""
        cached = [self.cache_file(image.digest, v.width, v.format) for v in image.variants]
        if not all(path.is_file() for path in cached):
            return False
        for variant, path in zip(image.variants, cached, strict=True):
            target = Path(output_dir) / variant.path
            target.parent.mkdir(parents=True, exist_ok=True)
            # A new file, never written into: the output folder may share its
            # files with the published site (the build's staging tree does).
            target.unlink(missing_ok=True)
            shutil.copyfile(path, target)
        return True
