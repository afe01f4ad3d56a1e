"""Pelican's ``Key: value`` Markdown header, read with the line of every value.

The rules are Python-Markdown's ``meta`` extension, which Pelican's Markdown
reader uses: the header runs from the first line to the first blank line, a
line indented by four spaces continues the key before it, and the first line
that is neither ends the header.
"""

import re
from dataclasses import dataclass, field

_KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
_YAML_BEGIN = re.compile(r"^-{3}(\s.*)?")
_YAML_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass
class HeaderField:
    key: str
    """As the editor typed it (``Titel``); compare with ``name``."""
    value: str
    line: int
    continuations: list[tuple[int, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.key.lower()


@dataclass
class Source:
    fields: list[HeaderField]
    body: str
    body_line: int
    """The line on which the body starts (or would start)."""


def normalise_newlines(text: str) -> str:
    """What Python-Markdown does to a document before reading its header."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str) -> Source:
    lines = normalise_newlines(text).split("\n")
    fields: list[HeaderField] = []
    index = 1 if lines and _YAML_BEGIN.match(lines[0]) else 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or _YAML_END.match(line):
            index += 1
            break
        if match := _KEY_LINE.match(line):
            fields.append(HeaderField(match["key"], match["value"].strip(), index + 1))
        elif (match := _CONTINUATION.match(line)) and fields:
            fields[-1].continuations.append((index + 1, match["value"].strip()))
        else:
            break
        index += 1
    return Source(fields, "\n".join(lines[index:]), index + 1)
