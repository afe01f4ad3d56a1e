#!/bin/sh
# Lighthouse scores (mobile) of the sample site, built as `make publish` builds
# it and served by the shipped nginx configuration (make serve-nginx).
#
#   sh bench/lighthouse.sh [PATH ...]    default: an article page and the home page
#
# Lighthouse is pinned in bench/package.json and package-lock.json and installed
# into bench/node_modules with `npm ci` (never globally); it drives Debian's
# Chromium. nginx and its Brotli module are Debian's (make nginx). The full
# reports are left in bench/results/ (not committed).
set -eu

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
PYTHON="$ROOT/.venv/bin/python"
LIGHTHOUSE="$BENCH/node_modules/.bin/lighthouse"
ARTICLE=/chinh-tri/2024/03/01/tang-cuong-su-lanh-dao-cua-dang-doi-voi-cong-tac-dan-van-chinh-quyen/
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

[ -x "$PYTHON" ] || make -C "$ROOT" venv
[ -x "$LIGHTHOUSE" ] || (cd "$BENCH" && npm ci --silent)

# One folder for every run: the build keeps its caches per output folder, so
# a fresh folder each time would leave a set of them behind per run.
SITE="$ROOT/.cache/lighthouse/site"
SERVER_PID=
cleanup() {
    [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# `make publish` with the local server as SITEURL: absolute canonical and feed
# URLs, Brotli and gzip copies of every text file.
make -s -C "$ROOT" publish SITEURL="http://127.0.0.1:$PORT" OUTPUTDIR="$SITE" >/dev/null
(cd "$ROOT" && exec "$PYTHON" -m newsroom serve-nginx -o "$SITE" --port "$PORT") &
SERVER_PID=$!
"$PYTHON" - "$PORT" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
        break
    except OSError:
        time.sleep(0.1)
PY

mkdir -p "$BENCH/results"
[ $# -gt 0 ] || set -- "$ARTICLE" /
for path in "$@"; do
    name=$(printf '%s' "$path" | tr -c 'a-z0-9' '_' | sed 's/^_*$/home/')
    report="$BENCH/results/$name.json"
    "$LIGHTHOUSE" "http://127.0.0.1:$PORT$path" \
        --form-factor=mobile \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless --no-sandbox" \
        --output=json --output-path="$report" --quiet
    "$PYTHON" - "$report" "$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
scores = {key: round(c["score"] * 100) for key, c in report["categories"].items()}
line = "  ".join(f"{key} {value}" for key, value in scores.items())
print(f"{sys.argv[2]}: {line}")
for name in ("uses-text-compression", "uses-long-cache-ttl", "unminified-css", "unminified-javascript"):
    audit = report["audits"][name]
    print(f"    {name}: {audit['score']}")
for audit in report["audits"].values():
    if audit.get("score") is not None and audit["score"] < 0.9 and audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings"):
        print(f"    {audit['score']:.2f} {audit['id']}: {audit['title']}")
PY
done
