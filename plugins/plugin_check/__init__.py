"""Checks the site's plugins and their settings once Pelican has loaded them.

Every plugin of this project has one table of its settings and their defaults,
``SETTINGS`` (empty when it reads none), and may say which plugins must run
before it, ``NEEDS``: the plugins whose work it reads on the same signal, or
whose code it imports. At start-up this plugin

- warns of every setting that looks like a plugin's (it starts as one of their
  keys does, ``SEARCH_``, ``SECTION_``…), that no plugin's table holds and that
  is not one of Pelican's own: ``Unknown setting SEARCH_CHUNK_BYTE (search_index);
  did you mean SEARCH_CHUNK_BYTES?`` A misspelt key would otherwise be ignored;
- stops the build with ``PluginOrderError`` when ``PLUGINS`` lists a plugin
  before one it needs, or leaves the needed one out.

Plugins read their settings through ``resolved(settings, SETTINGS)``: the
table's keys, with the site's values where it sets them. List ``plugin_check``
first in ``PLUGINS``. Reads no settings but ``PLUGINS`` and every plugin's table.
"""

import difflib
import logging
from collections.abc import Iterable, Mapping

from pelican import signals
from pelican.settings import DEFAULT_CONFIG

logger = logging.getLogger(__name__)

SETTINGS: dict = {}


class PluginOrderError(Exception):
    """``PLUGINS`` lists a plugin before one it needs, or without it."""


def check_plugins(pelican) -> None:
    plugins = {_plugin_name(module): module for module in pelican.plugins}
    tables = {name: getattr(module, "SETTINGS", {}) for name, module in plugins.items()}
    needs = {name: tuple(getattr(module, "NEEDS", ())) for name, module in plugins.items()}
    problem = order_problem(list(plugins), needs)
    if problem:
        raise PluginOrderError(problem)
    for message in unknown_settings(pelican.settings, tables, DEFAULT_CONFIG):
        logger.warning(message)


def register():
    signals.initialized.connect(check_plugins)


def resolved(settings: Mapping, table: Mapping) -> dict:
    """The settings of ``table``'s keys: the site's value, else the table's default."""
    return {key: settings.get(key, default) for key, default in table.items()}


def _plugin_name(module) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def _family(key: str) -> str:
    """The part of a setting's name its plugin's other settings share: ``SEARCH_``."""
    head, underscore, _ = key.partition("_")
    return head + underscore


def unknown_settings(
    settings: Mapping, tables: Mapping[str, Mapping], core: Iterable[str]
) -> list[str]:
    """A message for each setting of a plugin's family that no table and no
    Pelican default holds; ``tables`` maps each plugin to its ``SETTINGS``."""
    known = set(core)
    owners: dict[str, str] = {}
    for plugin, table in tables.items():
        known.update(table)
        for key in table:
            owners.setdefault(_family(key), plugin)
    messages = []
    for key in sorted(settings):
        plugin = owners.get(_family(key))
        if plugin is None or key in known or not key.isupper():
            continue
        message = f"Unknown setting {key} ({plugin})"
        close = difflib.get_close_matches(key, sorted(known), n=1)
        messages.append(message + (f"; did you mean {close[0]}?" if close else ""))
    return messages


def order_problem(plugins: list[str], needs: Mapping[str, Iterable[str]]) -> str | None:
    """What is wrong with the order of ``plugins``, each needing ``needs[plugin]``, or None."""
    position = {name: index for index, name in enumerate(plugins)}
    for plugin in plugins:
        for needed in needs.get(plugin, ()):
            if needed not in position:
                return f"PLUGINS lists {plugin} without {needed}, which it needs: add {needed}"
            if position[needed] > position[plugin]:
                return (
                    f"PLUGINS lists {plugin} before {needed}, which it needs: "
                    f"put {needed} before {plugin}"
                )
    return None
