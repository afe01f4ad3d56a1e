"""``make serve-nginx``: the shipped nginx configuration, run locally in the foreground.

It serves a built site exactly as the newspaper's server does
(``nginx/site.conf``: precompressed files, caching, security headers, the
Vietnamese 404 page), on 127.0.0.1, as any user: the configuration, pid file,
logs and temporary folders live under ``.cache/nginx/<port>/``. The tests
start it the same way (``start``).
"""

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

from . import forking

NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
SITE_CONF = Path(__file__).resolve().parent.parent / "nginx" / "site.conf"
_TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class NginxMissing(Exception):
    def __str__(self) -> str:
        return (
            "thiếu nginx hoặc mô-đun Brotli của nó (nginx not installed). Chạy: "
            "sudo apt-get install -y nginx libnginx-mod-http-brotli-static"
        )


def local_config(site: Path, port: int, prefix: Path) -> str:
    """A whole ``nginx.conf`` serving ``site`` on 127.0.0.1:``port`` with
    ``nginx/site.conf``, everything it writes kept under ``prefix``."""
    temp = "\n".join(f"    {name}_temp_path {prefix / 'temp' / name};" for name in _TEMP_FOLDERS)
    # Started as root, nginx's workers would run as nobody, who may not read a
    # site under a private folder: they run as the site's owner instead.
    user = f"user {pwd.getpwuid(site.stat().st_uid).pw_name};\n" if os.geteuid() == 0 else ""
    return f"""# Written by newsroom/nginx.py for make serve-nginx; edit nginx/site.conf instead.
{user}load_module {BROTLI_MODULE};
pid {prefix / "nginx.pid"};
error_log stderr warn;
worker_processes 1;
events {{
    worker_connections 256;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site.resolve()};
        include {SITE_CONF};
    }}
}}
"""


def prepare(site: Path, port: int, cache: Path) -> list[str]:
    """Write the configuration under ``cache/nginx/<port>``; the command that runs it."""
    if not (Path(NGINX).exists() and Path(BROTLI_MODULE).exists()):
        raise NginxMissing()
    prefix = (cache / "nginx" / str(port)).resolve()
    for name in _TEMP_FOLDERS:
        (prefix / "temp" / name).mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(local_config(site, port, prefix), encoding="utf-8")
    return [NGINX, "-p", str(prefix), "-e", "stderr", "-c", str(config), "-g", "daemon off;"]


def run(site: Path, port: int, cache: Path) -> int:
    """Serve ``site`` until Ctrl-C; nginx's exit status."""
    command = prepare(site, port, cache)
    with forking.start_child(command) as server:
        try:
            return server.wait()
        except KeyboardInterrupt:
            server.terminate()
            return server.wait()


def start(site: Path, port: int, cache: Path, timeout: float = 20.0) -> subprocess.Popen:
    """nginx serving ``site`` in the background, once it accepts connections.
    Raises ``RuntimeError`` with nginx's own message if it stops instead."""
    server = forking.start_child(prepare(site, port, cache), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"nginx stopped: {server.stderr.read().strip()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError(f"nginx did not answer on port {port} within {timeout} s")


def stop(server: subprocess.Popen, cache: Path, port: int) -> None:
    server.terminate()
    server.wait()
    shutil.rmtree(cache / "nginx" / str(port), ignore_errors=True)
