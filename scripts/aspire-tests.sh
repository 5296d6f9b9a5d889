#!/usr/bin/env bash
# The Aspire integration (AcsIdentityEmulator.Aspire.Hosting), tested with Aspire.Hosting.Testing:
#   - the application model AddAcsIdentityEmulator builds (settings, RunAsContainer), without starting anything;
#   - samples/aspire/AppHost run for real by Aspire's orchestrator (DCP, from the Aspire.Hosting.Orchestration package;
#     no container runtime, registry or dashboard): the emulator as an executable resource and a Node.js web app that
#     creates a user and a token with @azure/communication-identity through the connection string it was given; the
#     emulator then validates the token.
# Installs the web app's npm packages (npm ci) first. The last line is "N passed, M failed, K skipped".
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=$(mktemp -d)
trap 'rm -rf "$RESULTS"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

summary() { echo "$1 passed, $2 failed, $3 skipped"; exit $(($2 > 0 ? 1 : 0)); }

echo "== npm ci (samples/aspire/web)"
if ! (cd "$ROOT/samples/aspire/web" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "npm ci failed in samples/aspire/web"
    summary 0 1 0
fi

echo "== dotnet test emulator/Emulator.Aspire.Hosting.Tests"
start=$(date +%s)
dotnet test "$ROOT/emulator/Emulator.Aspire.Hosting.Tests" -c Release -nologo --logger "trx;LogFileName=aspire.trx" \
    --results-directory "$RESULTS" 2>&1 | grep -vE '^\s*$|Determining|up-to-date'
echo "aspire tests: $(($(date +%s) - start)) s"

trx=$RESULTS/aspire.trx
[[ -f $trx ]] || { echo "no test results (the build failed?)"; summary 0 1 0; }
counters=$(grep -o '<Counters [^>]*>' "$trx")
get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
summary "$(get passed)" "$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))" "$(( $(get total) - $(get executed) ))"
