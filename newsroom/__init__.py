"""The newsroom's build tool around Pelican: check, build safely, serve, new article.

``python -m newsroom`` (what the Makefile runs) checks every article before
Pelican reads it, builds into a staging folder beside the output folder and
swaps it in only when the whole build succeeded, so the published site is
never half-written or lost. See ``python -m newsroom --help``.
"""

import sys
from pathlib import Path

# The checks reuse the plugins' pure functions (slugs as the build chooses them),
# which Pelican itself imports from PLUGIN_PATHS.
PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
if str(PLUGINS) not in sys.path:
    sys.path.append(str(PLUGINS))
