"""``make serve``: the last good build on a local port, rebuilt on every save.

One process for the whole session watches the content, the settings, the theme
and the plugins, and runs each build in a copy of itself
(``newsroom.forking.run_in_copy``): Pelican and the libraries the build needs
are imported once, when ``make serve`` starts, not at every save, while every
build still starts from the same state (what a build does to its plugins,
signals and caches ends with its copy). The plugins are imported by each build,
so a change to one is seen at the next save; a change to this package's own
code starts ``make serve`` again. Another copy, made after the first build,
serves the output folder. A broken article only prints its errors: the server keeps
the previous tree, which the safe build never touches.
"""

import functools
import http.server
import os
import sys
from pathlib import Path

import watchfiles

from . import forking

# This package: a save there is a change to the code of every build.
OWN_CODE = Path(__file__).resolve().parent


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve_in_copy(output: Path, host: str, port: int) -> tuple[int, int]:
    """Serve ``output`` on ``host:port`` from a copy of this process; its pid,
    and the port (``0`` asks the system for a free one, which tests do).
    The port is taken here, so that a port in use stops ``make serve`` with its
    error rather than a silent copy."""
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    pid = forking.fork_copy()
    if pid == 0:
        try:
            server.serve_forever()
        finally:
            os._exit(0)
    port = server.server_address[1]
    server.server_close()
    return pid, port


def with_port(argv: list[str], port: int) -> list[str]:
    """``argv`` with ``--port`` set to ``port``: ``make serve`` started again keeps its address."""
    kept = []
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--port":
            next(arguments, None)
        elif not argument.startswith("--port="):
            kept.append(argument)
    return [*kept, "--port", str(port)]


def own_code_changed(changes) -> bool:
    return any(Path(path).is_relative_to(OWN_CODE) for _, path in changes)


def serve(output: Path, watched: list[Path], build, host: str, port: int, echo) -> None:
    """Build with ``build`` (a function returning the build's exit status), serve
    ``output``, and build again at every save under ``watched``."""
    forking.run_in_copy(build)
    server, port = serve_in_copy(output, host, port)
    echo(f"Trang xem thử: http://{host}:{port}/ — lưu tệp là dựng lại; Ctrl-C để dừng.")
    try:
        for changes in watchfiles.watch(*(path for path in [*watched, OWN_CODE] if path.exists())):
            if own_code_changed(changes):
                echo("Mã của bản dựng đã đổi: khởi động lại make serve…")
                forking.end_copy(server)
                arguments = with_port(sys.argv[1:], port)
                os.execv(sys.executable, [sys.executable, "-m", "newsroom", *arguments])
            echo("Có thay đổi, đang dựng lại…")
            if forking.run_in_copy(build) != 0:
                echo("Bản dựng lỗi: trang xem thử vẫn là bản dựng tốt gần nhất.")
    except KeyboardInterrupt:
        pass
    finally:
        forking.end_copy(server)
