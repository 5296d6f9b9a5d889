#!/usr/bin/env bash
# Runs the JavaScript contract suite (real @azure/communication-identity 1.3.1 and
# @azure/communication-administration 1.0.0-beta.4) against the emulator, and against live Azure when
# COMMUNICATION_SERVICES_CONNECTION_STRING is set. Exits non-zero when a test fails.
#
#   contract-tests/js/run.sh                       # starts the emulator (Release build) as a child process
#   EMULATOR_URL=http://localhost:8080 EMULATOR_HTTPS_URL=https://localhost:8443 contract-tests/js/run.sh
#   COMMUNICATION_SERVICES_CONNECTION_STRING='endpoint=https://...;accesskey=...' contract-tests/js/run.sh
#   contract-tests/js/run.sh test/teams.test.mjs   # some files only
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"

# Install exactly what package-lock.json pins, unless node_modules is already that install.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "# npm ci (contract-tests/js)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Without EMULATOR_URL the suite starts the emulator from its Release build; build it when it is missing.
if [[ -z "${EMULATOR_URL:-}" && -z "${EMULATOR_DLL:-}" && ",${CONTRACT_TARGETS:-emulator,live}," == *",emulator,"* ]]; then
  dll="$repo/emulator/Emulator/bin/Release/net10.0/Emulator.dll"
  if [[ ! -f "$dll" ]]; then
    echo "# $dll is missing: dotnet build -c Release emulator/Emulator"
    dotnet build -c Release "$repo/emulator/Emulator" -nologo -v q
  fi
fi

exec node scripts/run-suite.mjs "$@"
