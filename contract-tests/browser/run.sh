#!/usr/bin/env bash
# Browser tests of the dashboard (/emulator/ui): Playwright for Node (playwright-core, which downloads no browser)
# drives Debian's chromium, headless, against the emulator started here as a process on free ports. Screenshots of
# every page go to $BROWSER_ARTIFACTS (default artifacts/browser at the repository root). Exits non-zero on a failure.
#
#   bash contract-tests/browser/run.sh
#   TEST_REPORTER=tap bash contract-tests/browser/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"

if [[ ! -x /usr/bin/chromium ]]; then
  echo "# installing Debian's chromium"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: apt-get install -y chromium" >&2
    exit 1
  fi
fi

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "# npm ci (contract-tests/browser)"
  npm ci --no-audit --no-fund --loglevel=error
fi

dll="$repo/emulator/Emulator/bin/Release/net10.0/Emulator.dll"
if [[ ! -f "$dll" ]]; then
  echo "# $dll is missing: dotnet build -c Release emulator/Emulator"
  dotnet build -c Release "$repo/emulator/Emulator" -nologo -v q
fi

tmp=$(mktemp -d)
pid=""
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

dotnet "$dll" --port 0 --https-port -1 --data-dir "$tmp/data" >"$tmp/emulator.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do grep -q "endpoint=http://" "$tmp/emulator.log" && break; sleep 0.1; done
connection=$(grep -o 'endpoint=http://[^ ]*' "$tmp/emulator.log" | head -1 || true)
if [[ -z $connection ]]; then
  cat "$tmp/emulator.log" >&2
  echo "the emulator did not start" >&2
  exit 1
fi

export EMULATOR_CONNECTION_STRING="$connection"
export BROWSER_ARTIFACTS="${BROWSER_ARTIFACTS:-$repo/artifacts/browser}"
mkdir -p "$BROWSER_ARTIFACTS"
status=0
node --test --test-concurrency=1 --test-reporter="${TEST_REPORTER:-spec}" test/*.test.mjs || status=$?
if [[ $status != 0 ]]; then
  echo "# emulator log (last 40 lines)"
  tail -40 "$tmp/emulator.log" | sed 's/accesskey=[^ ;]*/accesskey=[redacted]/'
fi
exit $status
