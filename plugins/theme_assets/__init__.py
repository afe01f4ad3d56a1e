"""The theme's CSS, JavaScript and images, minified and named for their content.

Every file under the theme's ``THEME_ASSETS_SOURCE`` folder (``static``) is
written to ``THEME_STATIC_DIR`` under a name that carries a digest of what is
served: ``theme/css/site.css`` becomes ``theme/css/site.1f0c3a9b2e.css``. A
web server may then cache it for a year (``immutable``): an edit gives a new
name, and every page names the new file. CSS is minified with rcssmin and
JavaScript with rjsmin (``THEME_ASSETS_MINIFY``); the readable sources stay
in the theme.

Templates name an asset by its source path with the ``asset`` filter:
``{{ SITEURL }}/{{ "css/site.css"|asset }}``. A name the theme does not hold
stops the build with the template's name, rather than linking to nothing.

Pelican's own copy of the theme's static files is left out
(``THEME_STATIC_PATHS = []``): it would serve the unminified files under
names no page uses. Settings (``SETTINGS``): ``THEME_ASSETS_SOURCE``,
``THEME_ASSETS_MINIFY``; also reads Pelican's ``THEME`` and ``THEME_STATIC_DIR``.
"""

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import rcssmin
import rjsmin
from pelican import signals

from plugin_check import resolved

SETTINGS = {
    "THEME_ASSETS_SOURCE": "static",
    "THEME_ASSETS_MINIFY": True,
}
NEEDS = ()
# Ten hex digits: a collision between two versions of one file is out of reach.
DIGEST_LENGTH = 10

_MINIFIERS = {
    ".css": rcssmin.cssmin,
    ".js": rjsmin.jsmin,
}


class UnknownAsset(KeyError):
    """A template names an asset the theme does not have."""

    def __str__(self) -> str:
        return f"the theme has no asset {self.args[0]!r} (theme_assets)"


@dataclass(frozen=True)
class Asset:
    served_as: str
    """Its path under the output folder, digest included."""
    data: bytes


def register():
    signals.generator_init.connect(add_asset_filter)
    signals.finalized.connect(write_assets)


def site_assets(settings) -> dict[str, Asset]:
    """The theme's assets by source path: made once while the theme's files
    stay as they are (``_stamp``), so a build's generators share them and a
    later build in the same process (make serve, the tests) sees an edit."""
    own = resolved(settings, SETTINGS)
    source = Path(settings["THEME"]) / own["THEME_ASSETS_SOURCE"]
    return _collected(
        source, settings["THEME_STATIC_DIR"], own["THEME_ASSETS_MINIFY"], _stamp(source)
    )


@functools.lru_cache(maxsize=1)
def _collected(source: Path, static_dir: str, minify: bool, stamp: tuple) -> dict[str, Asset]:
    return collect_assets(source, static_dir, minify)


def add_asset_filter(generator) -> None:
    assets = site_assets(generator.settings)
    generator.env.filters["asset"] = lambda name: served_name(assets, name)


def write_assets(pelican) -> None:
    output = Path(pelican.output_path)
    for asset in site_assets(pelican.settings).values():
        target = output / asset.served_as
        target.parent.mkdir(parents=True, exist_ok=True)
        # A new file, never written into: the output folder may share its
        # files with the published site (the build's staging tree does).
        target.unlink(missing_ok=True)
        target.write_bytes(asset.data)


def collect_assets(source: Path, static_dir: str, minify: bool) -> dict[str, Asset]:
    """Every file under ``source``, as served: minified when ``minify`` and
    its kind has a minifier, under its digested name in ``static_dir``."""
    assets = {}
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(source).as_posix()
        data = path.read_bytes()
        if minify and path.suffix in _MINIFIERS:
            data = _MINIFIERS[path.suffix](data.decode("utf-8")).encode("utf-8")
        assets[name] = Asset(f"{static_dir}/{digested_name(name, data)}", data)
    return assets


def digested_name(name: str, data: bytes) -> str:
    """``css/site.css`` → ``css/site.<digest>.css``: the digest of ``data``."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def served_name(assets: dict[str, Asset], name: str) -> str:
    try:
        return assets[name].served_as
    except KeyError:
        raise UnknownAsset(name) from None


def _stamp(source: Path) -> tuple:
    stamps = []
    for path in sorted(source.rglob("*")):
        if path.is_file():
            status = path.stat()
            stamps.append((str(path), status.st_size, status.st_mtime_ns))
    return tuple(stamps)
