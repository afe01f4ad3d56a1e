"""``make serve``: the last good build on a local port, rebuilt on every save.

Each rebuild is a separate ``python -m newsroom build`` process, so a broken
article only prints its errors: the server keeps the previous tree, which the
safe build never touches.
"""

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import watchfiles


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def rebuild(build_args: list[str]) -> int:
    return subprocess.run([sys.executable, "-m", "newsroom", "build", *build_args]).returncode


def serve(
    output: Path, watched: list[Path], build_args: list[str], host: str, port: int, echo
) -> None:
    rebuild(build_args)
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    echo(f"Trang xem thử: http://{host}:{port}/ — lưu tệp là dựng lại; Ctrl-C để dừng.")
    try:
        for _ in watchfiles.watch(*(path for path in watched if path.exists())):
            echo("Có thay đổi, đang dựng lại…")
            if rebuild(build_args) != 0:
                echo("Bản dựng lỗi: trang xem thử vẫn là bản dựng tốt gần nhất.")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
