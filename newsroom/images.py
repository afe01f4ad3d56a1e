"""Whether an image file under ``content/images/`` can be served, judged once per file.

A file the build cannot decode (text saved as ``.jpg``, an empty file, a photo
cut short by a failed copy) would otherwise stop the build with a bare ``Could
not process`` naming no article. An image over ``MAX_PIXELS`` is refused from
its header alone, never decoded: the build's Pillow would take gigabytes for it
(``plugins/responsive_images`` refuses it too). Decoding a whole archive's photos
at every build is slow, so each file's verdict is kept by its size and
modification time (``ImageVerdicts``, stored in the check cache).
"""

import hashlib
import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from responsive_images.encode import MAX_PIXELS


def image_problem(path: Path) -> str | None:
    """Why the image file at ``path`` cannot be served, or None when it can.

    Read in three steps, each catching what the one before cannot: the header
    (what the file is, how many pixels), ``verify()`` (the structure and
    checksums), then a full decode (the data is all there).
    """
    try:
        size = path.stat().st_size
    except OSError as error:
        return f"không đọc được (unreadable image: {error.strerror}); hãy chép lại ảnh"
    if size == 0:
        return "là tệp rỗng, 0 byte (empty image file); hãy chép lại ảnh vào content/images/"
    try:
        with warnings.catch_warnings():
            # The size is judged below against MAX_PIXELS, more strictly than Pillow's warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return too_large(width, height)
                image.verify()
            with Image.open(path) as image:
                image.load()
    except Image.DecompressionBombError:
        return too_large()
    except UnidentifiedImageError:
        return (
            "không phải tệp ảnh đọc được (not an image); "
            "hãy lưu lại ảnh dạng JPEG, PNG hoặc WebP rồi chép vào content/images/"
        )
    except (OSError, SyntaxError, ValueError) as error:
        return (
            f"bị hỏng hoặc chép thiếu (corrupt or truncated image: {error}); "
            "hãy chép lại ảnh từ tệp gốc"
        )
    return None


def too_large(width: int | None = None, height: int | None = None) -> str:
    size = f": {width}x{height} điểm ảnh" if width else ""
    return (
        f"quá lớn{size} (image over {MAX_PIXELS // 1_000_000} megapixels); "
        "hãy thu nhỏ ảnh, cạnh dài 4000 điểm ảnh là đủ"
    )


class ImageVerdicts:
    """``image_problem`` of each image file, kept by the file's size and modification
    time: a build decodes only the images that are new or changed."""

    def __init__(self, content: Path):
        self.content = content
        source = Path(__file__).read_bytes() + str(MAX_PIXELS).encode()
        self.key = hashlib.sha1(source).hexdigest()
        self.previous: dict[str, list] = {}
        self.entries: dict[str, list] = {}

    def stamp(self, relative: str) -> list[int] | None:
        try:
            status = os.stat(self.content / relative)
        except OSError:
            return None
        return [status.st_size, status.st_mtime_ns]

    def load(self, stored: dict | None) -> None:
        if stored and stored.get("key") == self.key:
            self.previous = stored["files"]

    def problem(self, relative: str) -> str | None:
        stamp = self.stamp(relative)
        entry = self.entries.get(relative) or self.previous.get(relative)
        if entry is None or entry[0] != stamp:
            entry = [stamp, image_problem(self.content / relative)]
        self.entries[relative] = entry
        return entry[1]

    def stored(self, images) -> dict:
        """What to keep for the next build: the verdicts of the images still there."""
        files = {path: entry for path, entry in self.previous.items() if path in images}
        return {"key": self.key, "files": {**files, **self.entries}}
