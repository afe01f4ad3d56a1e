"""Which files of the content folder the build reads, found as Pelican finds them.

The checks must see exactly the files Pelican reads, or a broken article behind
a symlinked folder, or a hidden one, is published unchecked. ``find_files``
follows the rules of Pelican's ``Generator.get_files``: symlinks followed,
``IGNORE_FILES`` matched against each file's and folder's own name, the
``*_EXCLUDES`` folders left out by their path, a reader's extensions. Unlike
Pelican it does not walk into a symlinked folder that leads back to a folder
above it (Pelican would read its files again at every level, and forever with
two such links): it names the link instead, and the check refuses it.
"""

import copy
import fnmatch
import os
from dataclasses import dataclass, field

from pelican.readers import Readers


@dataclass
class FoundFiles:
    files: list[str] = field(default_factory=list)
    """Paths relative to the content folder, with ``/``, sorted."""
    loops: list[str] = field(default_factory=list)
    """Symlinked folders that lead back to a folder above them, relative paths."""


def _identity(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def find_files(settings: dict, paths, excludes, extensions: tuple[str, ...] | None) -> FoundFiles:
    """The files under ``paths`` that Pelican's ``get_files(paths, excludes, extensions)``
    reads, ``extensions`` None meaning every extension."""
    content = settings["PATH"]
    ignores = settings["IGNORE_FILES"]
    excluded: dict[str, set[str]] = {}
    for exclude in excludes:
        parent, name = os.path.split(os.path.join(content, exclude))
        excluded.setdefault(parent, set()).add(name)
    found = FoundFiles()
    files: set[str] = set()

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatch(name, ignore) for ignore in ignores)

    def wanted(name: str) -> bool:
        extension = os.path.splitext(name)[1][1:]
        return not ignored(name) and (extensions is None or extension in extensions)

    prefix = os.path.join(content, "")

    def relative(path: str) -> str:
        # Every path walked starts with the content folder's: no relpath per file.
        if path.startswith(prefix):
            return path[len(prefix) :].replace(os.sep, "/")
        return os.path.relpath(path, content).replace(os.sep, "/")

    def walk(folder: str, above: tuple[tuple[int, int], ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.is_dir():
                if entry.name in excluded.get(folder, ()) or ignored(entry.name):
                    continue
                identity = _identity(entry.path)
                if identity in above:
                    found.loops.append(relative(entry.path))
                else:
                    walk(entry.path, (*above, identity))
            elif wanted(entry.name):
                files.add(relative(entry.path))

    for path in paths:
        root = os.path.join(content, path) if path else content
        if os.path.isdir(root):
            walk(root, (_identity(root),))
        elif os.path.exists(root) and wanted(os.path.basename(path)):
            files.add(relative(root))
    found.files = sorted(files)
    return found


def reader_extensions(settings: dict) -> tuple[str, ...]:
    """The extensions of the files Pelican reads as articles and pages."""
    # Pelican's Markdown reader adds its extensions to the settings it is given.
    return tuple(Readers({**settings, "MARKDOWN": copy.deepcopy(settings["MARKDOWN"])}).extensions)
