#!/usr/bin/env bash
# Runs okrd's whole test suite on a fresh Debian 12 machine with Swift installed.
# As root it installs the Debian packages the build and the tests need, and Synapse (the Matrix
# homeserver the Matrix tests run against) with the platforms' signing libraries from PyPI into
# /opt/okrd-synapse; it then builds
# everything (the tests run the real okrd binary), runs every test target, and gives the reply
# parser's fuzzer a short run (OKRD_FUZZ_SECONDS, default 30; 0 skips it).
# Not root: missing Debian packages stop the run with the command to install them; without
# Synapse the Matrix integration tests are skipped (OKRD_REQUIRE_SYNAPSE=1 makes that a failure).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libcurl4-openssl-dev libsqlite3-dev libcairo2-dev pkg-config curl python3 python3-venv postgresql openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}"
  else
    echo "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# systemd-analyze reviews deploy/okrd.service (the test skips where it is missing).
if ! command -v systemd-analyze >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd \
    || echo "systemd-analyze is unavailable; the unit review test will be skipped" >&2
fi

# Chromium from Debian renders the dashboard in Tests/dashboard-screenshot.sh (skipped without it).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
    || echo "chromium is unavailable; the dashboard browser test will be skipped" >&2
fi

# promtool (Debian's prometheus) checks /metrics the way a Prometheus server reads it.
if ! command -v promtool >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus \
    || echo "promtool is unavailable; the metrics test checks HELP and TYPE itself" >&2
fi
if command -v promtool >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  export OKRD_REQUIRE_PROMTOOL=1  # installed by us: the metrics test must use it
fi

# The store suite and the replica tests run against a real PostgreSQL server they start themselves
# (initdb in a temporary directory, as the postgres user); installed above, so they must not skip.
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  export OKRD_REQUIRE_POSTGRES=1
fi

synapse="${OKRD_SYNAPSE_PYTHON:-/opt/okrd-synapse/bin/python}"
if [ "$(id -u)" -eq 0 ] && [ -z "${OKRD_SYNAPSE_PYTHON:-}" ] && ! { [ -x "$synapse" ] && "$synapse" -c 'import synapse, nio, slack_sdk, nacl, standardwebhooks' 2>/dev/null; }; then
  # Synapse, the homeserver, and matrix-nio, the client library people's replies are sent with;
  # slack_sdk, PyNaCl and standardwebhooks sign requests the way Slack, Discord and Standard
  # Webhooks senders do (Tests/platform-sign.py).
  echo "== installing Synapse, matrix-nio and the platforms' signing libraries into /opt/okrd-synapse"
  [ -x "$synapse" ] || python3 -m venv /opt/okrd-synapse
  /opt/okrd-synapse/bin/pip install -q --disable-pip-version-check matrix-synapse matrix-nio slack_sdk pynacl standardwebhooks
fi
if [ -x "$synapse" ] && [ "$(id -u)" -eq 0 ]; then
  export OKRD_REQUIRE_SYNAPSE=1  # installed by us: its tests must run, not skip
fi

# okrd's own sources build without a warning in debug and in release (dependencies' warnings are
# theirs); the release build is also what the benchmarks and the installed binary use.
build_without_warnings() {
  local build_log status=0
  build_log=$(mktemp)
  swift build "$@" 2>&1 | tee "$build_log" || status=$?
  if [ "$status" -ne 0 ]; then rm -f "$build_log"; exit "$status"; fi
  # A warning inside a macro's expansion (#expect) names our file on the line after it.
  if { grep -E "^$PWD/(Sources|Tests)/[^:]+:[0-9]+:[0-9]+: warning:" "$build_log"
       grep -A1 -E "^macro expansion .*: warning:" "$build_log" | grep -E "^.- $PWD/(Sources|Tests)/"; } | sort -u | grep .; then
    echo "== okrd's own sources have compiler warnings in 'swift build $*' (above); fix them" >&2
    rm -f "$build_log"
    exit 1
  fi
  rm -f "$build_log"
}
build_without_warnings --build-tests
if [ "${OKRD_RELEASE_BUILD:-1}" != 0 ]; then
  echo "== release build (okrd, okrd-bench)"
  build_without_warnings -c release
fi
# A test that hangs fails the run within OKRD_TEST_TIMEOUT seconds (default 25 minutes; a full
# run takes a few) and the tests that started but never finished are named.
log=$(mktemp)
status=0
timeout --kill-after=30 "${OKRD_TEST_TIMEOUT:-1500}" stdbuf -oL -eL swift test --skip-build 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  # swift test runs the tests in a process of their own, which outlives a killed swift test.
  pkill -KILL -f "$PWD/.build/.*/okrdPackageTests.xctest" 2>/dev/null || true
  if ! grep -q "Test run with" "$log"; then
    echo "== the test run did not finish; tests started and never finished:" >&2
    python3 - "$log" >&2 <<'PY' || true
import re, sys
started, finished = [], set()
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r'^\S+ Test (".*?"|\w+\(.*?\)) started', line)
    if m: started.append(m.group(1))
    m = re.match(r'^\S+ Test (".*?"|\w+\(.*?\)) (with \d+ test cases? )?(passed|failed)', line)
    if m: finished.add(m.group(1))
for name in started:
    if name not in finished: print("  " + name)
PY
  fi
  rm -f "$log"
  exit "$status"
fi
rm -f "$log"

seconds="${OKRD_FUZZ_SECONDS:-30}"
if [ "$seconds" -gt 0 ]; then
  echo "== fuzzing the reply parser for ${seconds}s"
  swift build -c release --product okrd-fuzz --sanitize=fuzzer -Xswiftc -DFUZZING --scratch-path .build-fuzz
  work=$(mktemp -d)
  cp Tests/CheckinParserTests/FuzzCorpus/* "$work/"
  SWIFT_BACKTRACE=enable=no .build-fuzz/release/okrd-fuzz -max_total_time="$seconds" -max_len=4096 \
    -artifact_prefix="$work/crash-" -print_final_stats=1 "$work" 2>&1 | tail -n 12
  rm -rf "$work"
fi
