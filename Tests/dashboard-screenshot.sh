#!/usr/bin/env bash
# Loads okrd's dashboard in a real headless Chromium (Debian's `chromium` package), fails on any
# console error (a CSP violation is one), checks that the radar chart and the key results are in
# the rendered page, and saves a screenshot.
#   Tests/dashboard-screenshot.sh [OUT.png]      (needs a built okrd: swift build)
# Environment: OKRD (the binary, default .build/debug/okrd), CHROMIUM (default chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dashboard.png}"
okrd="${OKRD:-.build/debug/okrd}"
chromium="${CHROMIUM:-chromium}"
command -v "$chromium" >/dev/null || { echo "dashboard-screenshot: $chromium is not installed (apt-get install chromium)" >&2; exit 77; }
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

# A quarter of replies, then the daemon serving the dashboard on a free port.
"$okrd" demo --config config/okrd.example.yaml --speed 0 --brief --db "$work/okrd.sqlite" >/dev/null
"$okrd" run --config config/okrd.example.yaml --db "$work/okrd.sqlite" --listen 127.0.0.1:0 2>"$work/okrd.log" >/dev/null &
pid=$!
for _ in $(seq 1 100); do
  grep -q "okrd is running" "$work/okrd.log" 2>/dev/null && break
  sleep 0.1
done
listen=$(grep -o 'listen=[0-9.:]*' "$work/okrd.log" | head -1 | cut -d= -f2)
[ -n "$listen" ] || { echo "dashboard-screenshot: okrd did not start:" >&2; cat "$work/okrd.log" >&2; exit 1; }
url="http://$listen/dashboard"

flags=(--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$work/profile")
"$chromium" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" >"$work/dom.html" 2>"$work/console.log" || true
"$chromium" "${flags[@]}" --window-size=1280,2400 --screenshot="$out" "$url" >/dev/null 2>&1 || true

status=0
if grep -E 'CONSOLE|Refused to|Content Security Policy|Uncaught' "$work/console.log"; then
  echo "dashboard-screenshot: the page logged console errors (above)" >&2; status=1
fi
grep -q '<polygon class="actual"' "$work/dom.html" || { echo "dashboard-screenshot: no radar chart in the page" >&2; status=1; }
grep -q 'reseller-partners' "$work/dom.html" || { echo "dashboard-screenshot: no key results in the page" >&2; status=1; }
# Statuses must not depend on an emoji font (a machine without one shows empty boxes).
if grep -qP '[\x{1F7E0}-\x{1F7EB}\x{2705}\x{26AA}]' "$work/dom.html"; then
  echo "dashboard-screenshot: the page draws statuses with emoji (empty boxes without an emoji font)" >&2; status=1
fi
[ -s "$out" ] && [ "$(stat -c %s "$out")" -gt 20000 ] || { echo "dashboard-screenshot: no screenshot (or a blank one) at $out" >&2; status=1; }
[ "$status" = 0 ] && echo "dashboard-screenshot: $url rendered without console errors; screenshot $out ($(stat -c %s "$out") bytes)"
exit "$status"
