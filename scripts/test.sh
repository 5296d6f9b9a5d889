#!/usr/bin/env bash
# Runs every test of the project on a fresh machine and ends with one line "N passed, M failed, K skipped".
#
#   1. builds the solution in Release (NuGet restore);
#   2. npm ci for the JavaScript contract suite (the C# suite's signer test also uses its SDK);
#   3. dotnet test: the emulator's in-process tests, the C# contract suite, the fixture sample;
#   4. the JavaScript contract suite with the real SDKs against the emulator as a process; the Python contract suite
#      (Debian's azure-communication-identity, apt-get installed when missing) at EMULATOR_URL and as a process;
#   5. the Node.js quickstart samples against a started emulator, over http and https, then the dashboard's
#      browser tests (contract-tests/browser: chromium from apt, playwright-core from npm);
#   6. the Native AOT binary: published (scripts/publish-aot.sh), then the JS and Python suites and the C# EMULATOR_URL
#      leg on it;
#   7. the benchmarks in short mode (figures only; fails only if the harness breaks);
#   8. the Docker images: built from Dockerfile and Dockerfile.aot with podman, run and tested (.ci/container.sh);
#   9. docs/parity.md regenerated from the suites' results (scripts/parity/generate.mjs), its totals printed;
#  10. the consumer tests: the packages from ./artifacts and the README's Install blocks (scripts/consumer-tests.sh).
#
# Environment: SKIP_CONTAINER=1 skips step 8, SKIP_BENCHMARKS=1 step 7, SKIP_AOT=1 step 6, SKIP_CONSUMER=1 step 10
# (all run by default and in CI).
# COMMUNICATION_SERVICES_CONNECTION_STRING, when set, adds the live-Azure legs of both contract suites.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
EMULATOR_PID=""
PASSED=0
FAILED=0
SKIPPED=0
SUMMARY=()

cleanup() {
    [[ -n $EMULATOR_PID ]] && kill "$EMULATOR_PID" 2>/dev/null && wait "$EMULATOR_PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

add() { # name passed failed skipped
    PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3)); SKIPPED=$((SKIPPED + $4))
    SUMMARY+=("$(printf '%-34s %5d passed %3d failed %3d skipped' "$1" "$2" "$3" "$4")")
}
step() { echo; echo "=== $*"; }
run_consumer_tests() {
    if [[ ${SKIP_CONSUMER:-0} == 1 ]]; then
        echo; echo "=== Consumer tests skipped (SKIP_CONSUMER=1)"
        add "consumer tests (packages)" 0 0 1
        return
    fi
    step "Consumer tests (pack to ./artifacts; README Install blocks in fresh projects; the dotnet tool)"
    bash scripts/consumer-tests.sh 2>&1 | tee "$TMP/consumer.log"
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$TMP/consumer.log" | tail -1)
    if [[ -z $line ]]; then
        add "consumer tests (packages)" 0 1 0
    else
        add "consumer tests (packages)" "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $3}')" 0
    fi
}
finish() {
    echo
    echo "=== Summary"
    printf '  %s\n' "${SUMMARY[@]}"
    echo
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    exit $((FAILED > 0 ? 1 : 0))
}

step "Build (Release)"
if ! dotnet build Emulator.sln -c Release -nologo -v q -clp:ErrorsOnly; then
    add "build" 0 1 0
    finish
fi
add "build" 1 0 0

step "npm ci (contract-tests/js)"
if (cd contract-tests/js && npm ci --no-audit --no-fund --loglevel=error); then add "npm ci" 1 0 0; else add "npm ci" 0 1 0; fi

step "Start the emulator as a process (target of the C# suite's EMULATOR_URL leg and of the Node.js samples)"
dotnet emulator/Emulator/bin/Release/net10.0/Emulator.dll --port 0 --https-port 0 --data-dir "$TMP/data" >"$TMP/emulator.log" 2>&1 &
EMULATOR_PID=$!
for _ in $(seq 1 300); do grep -q "endpoint=https://" "$TMP/emulator.log" && break; sleep 0.1; done
http_cs=$(grep -o 'endpoint=http://[^ ]*' "$TMP/emulator.log" | head -1)
https_cs=$(grep -o 'endpoint=https://[^ ]*' "$TMP/emulator.log" | head -1)
http_url=$(echo "$http_cs" | sed 's/^endpoint=//; s/;accesskey=.*//')
https_url=$(echo "$https_cs" | sed 's/^endpoint=//; s/;accesskey=.*//')
if [[ -z $http_cs || -z $https_cs ]]; then
    cat "$TMP/emulator.log"
    add "emulator process start" 0 1 0
else
    echo "emulator at $http_url and $https_url"
    node -e "fetch('${http_url}emulator/certificate').then(r=>r.text()).then(t=>require('fs').writeFileSync('$TMP/emulator.pem',t))"
fi

step "dotnet test (emulator, C# contract suite incl. its EMULATOR_URL leg, fixture sample)"
EMULATOR_URL=${http_url%/} EMULATOR_HTTPS_URL=${https_url%/} EMULATOR_CA_CERT=$TMP/emulator.pem \
dotnet test Emulator.sln -c Release --no-build -nologo --logger "trx" --results-directory "$TMP/trx" 2>&1 | grep -vE '^\s*$|^\s*Determining|up-to-date'
for trx in "$TMP"/trx/*.trx; do
    [[ -f $trx ]] || { add "dotnet test" 0 1 0; break; }
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    name=$(basename "$(grep -o 'storage="[^"]*\.dll"' "$trx" | head -1 | sed 's/storage="//; s/"$//')" .dll)
    # Skipped tests are the ones not executed (xunit v3 reports them as NotExecuted; the notExecuted counter stays 0).
    add "dotnet: ${name:-tests}" "$(get passed)" "$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))" "$(( $(get total) - $(get executed) ))"
done

step "JavaScript contract suite (real SDKs, emulator as a process)"
TEST_REPORTER=tap bash contract-tests/js/run.sh 2>&1 | tee "$TMP/js.log" | grep -vE '^ +(duration_ms|\.\.\.|---|type:)'
js_pass=$(grep -E '^# pass ' "$TMP/js.log" | tail -1 | awk '{print $3}')
js_fail=$(grep -E '^# fail ' "$TMP/js.log" | tail -1 | awk '{print $3}')
js_skip=$(grep -E '^# skipped ' "$TMP/js.log" | tail -1 | awk '{print $3}')
if [[ -z $js_pass ]]; then add "js contract suite" 0 1 0; else add "js contract suite" "$js_pass" "${js_fail:-0}" "${js_skip:-0}"; fi

python_step() { # label junit-file [env...]: the Python contract suite, counted from pytest's junit XML
    local label=$1 xml=$2; shift 2
    env "$@" bash contract-tests/python/run.sh -q --junitxml="$xml" 2>&1 | tail -n 40
    local rc=${PIPESTATUS[0]}
    local suite; suite=$(grep -o '<testsuite [^>]*>' "$xml" 2>/dev/null | head -1)
    attr() { echo "$suite" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    if [[ -z $suite ]]; then add "$label" 0 1 0; return; fi
    local failed=$(( $(attr failures) + $(attr errors) )) skipped; skipped=$(attr skipped)
    local passed=$(( $(attr tests) - failed - skipped ))
    # pytest exit 5 (no tests collected) or any other non-zero exit without a failed test still fails the run.
    if (( rc != 0 && failed == 0 )); then failed=1; fi
    add "$label" "$passed" "$failed" "$skipped"
}

step "Python contract suite (azure-communication-identity 1.3.2: sync, aio+aiohttp, aio+requests; emulator at EMULATOR_URL)"
if [[ -z $http_cs ]]; then
    add "python suite (EMULATOR_URL)" 0 1 0
else
    python_step "python suite (EMULATOR_URL)" "$TMP/python-url.xml" EMULATOR_URL="${http_url%/}" EMULATOR_HTTPS_URL="${https_url%/}" EMULATOR_CA_CERT="$TMP/emulator.pem" CONTRACT_TARGETS=emulator
fi
step "Python contract suite (emulator as a child process, live Azure when configured)"
python_step "python suite (process, live)" "$TMP/python-process.xml" EMULATOR_URL= EMULATOR_HTTPS_URL= EMULATOR_CA_CERT=

step "Node.js samples against the started emulator"
if [[ -z $http_cs || -z $https_cs ]]; then
    add "node samples" 0 2 0
else
    if COMMUNICATION_SERVICES_CONNECTION_STRING=$http_cs bash samples/run-node-samples.sh; then add "node samples (http)" 2 0 0; else add "node samples (http)" 0 2 0; fi
    if NODE_EXTRA_CA_CERTS="$TMP/emulator.pem" COMMUNICATION_SERVICES_CONNECTION_STRING=$https_cs bash samples/run-node-samples.sh; then add "node samples (https)" 2 0 0; else add "node samples (https)" 0 2 0; fi
fi
kill "$EMULATOR_PID" 2>/dev/null; wait "$EMULATOR_PID" 2>/dev/null; EMULATOR_PID=""

step "Browser tests of the dashboard (playwright-core driving Debian's chromium; screenshots in artifacts/browser)"
BROWSER_ARTIFACTS="$ROOT/artifacts/browser" TEST_REPORTER=tap bash contract-tests/browser/run.sh 2>&1 | tee "$TMP/browser.log" | grep -vE '^ +(duration_ms|\.\.\.|---|type:)'
b_pass=$(grep -E '^# pass ' "$TMP/browser.log" | tail -1 | awk '{print $3}')
b_fail=$(grep -E '^# fail ' "$TMP/browser.log" | tail -1 | awk '{print $3}')
b_skip=$(grep -E '^# skipped ' "$TMP/browser.log" | tail -1 | awk '{print $3}')
if [[ -z $b_pass ]]; then add "browser tests (dashboard)" 0 1 0; else add "browser tests (dashboard)" "$b_pass" "${b_fail:-0}" "${b_skip:-0}"; fi

step "Native AOT binary (scripts/publish-aot.sh): JS and Python contract suites and the C# EMULATOR_URL leg against it"
if [[ ${SKIP_AOT:-0} == 1 ]]; then
    echo "skipped (SKIP_AOT=1)"; add "native AOT" 0 0 1
else
    source scripts/test-aot.sh
fi

if [[ ${SKIP_BENCHMARKS:-0} == 1 ]]; then
    echo; echo "=== Benchmarks skipped (SKIP_BENCHMARKS=1)"
    add "benchmarks (short)" 0 0 1
elif [[ -f benchmarks/run.sh ]]; then
    step "Benchmarks (short mode: figures, no assertions on speed)"
    if bash benchmarks/run.sh --short; then add "benchmarks (short)" 1 0 0; else add "benchmarks (short)" 0 1 0; fi
fi

if [[ ${SKIP_CONTAINER:-0} == 1 ]]; then
    echo; echo "=== Container skipped (SKIP_CONTAINER=1)"
    add "container (podman)" 0 0 1
else
    step "Container image (real Dockerfile, podman)"
    bash .ci/container.sh 2>&1 | tee "$TMP/container.log"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$TMP/container.log" | tail -1)
    if [[ -z $line ]]; then
        add "container (podman)" 0 1 0
    else
        c_pass=$(echo "$line" | awk '{print $1}'); c_fail=$(echo "$line" | awk '{print $3}')
        c_skip=$(echo "$line" | sed -n 's/.*, \([0-9]*\) skipped.*/\1/p')
        add "container (podman)" "$c_pass" "$c_fail" "${c_skip:-0}"
    fi
fi

step "Aspire integration (scripts/aspire-tests.sh: the model, and the sample AppHost with the emulator and a JS SDK app)"
bash scripts/aspire-tests.sh 2>&1 | tee "$TMP/aspire.log"; read -r a_pass _ a_fail _ a_skip _ <<<"$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$TMP/aspire.log" | tail -1 || true)"; add "aspire (Aspire.Hosting.Testing)" "${a_pass:-0}" "${a_fail:-1}" "${a_skip:-0}"

step "Parity matrix (docs/parity.md, generated from the suites' results)"
recordings=""
for dir in "$ROOT/../shared/reference/recordings" "$ROOT/../../shared/reference/recordings"; do [[ -d $dir ]] && { recordings=$dir; break; }; done
if node scripts/parity/generate.mjs --trx "$TMP/trx" --tap "$TMP/js.log" --junit "$TMP/python-url.xml" --junit "$TMP/python-process.xml" \
    ${recordings:+--recordings "$recordings"} --out docs/parity.md; then
    add "parity matrix" 1 0 0
else
    add "parity matrix" 0 1 0
fi
git diff --stat -- docs/parity.md 2>/dev/null | tail -1

run_consumer_tests

finish
