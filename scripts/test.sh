#!/usr/bin/env bash
# Runs the project's tests and ends with a table of suites and one line "N passed, M failed, K skipped" (CI reads it).
#
#   bash scripts/test.sh           # every suite: what CI runs through .ci/run
#   bash scripts/test.sh --quick   # the inner loop: build, the in-process C# suites and the JS suite
#
# A suite passes or fails by its runner's exit code. The counts in the table are read from the runner's report (TRX,
# pytest junit XML, node:test TAP, the "N passed, M failed" line of the scripts here) and serve the summary only: a
# runner that exits non-zero fails its suite even when its report counts no failure (it crashed before writing one),
# and a runner that exits 0 without having run a test fails too. The run exits 1 when anything failed.
#
# The full run:
#   1. while the solution builds in Release: .ci/provision.sh installs what the suites need (below) and npm ci fills
#      every npm folder whose node_modules is missing or older than its package-lock.json;
#   2. the Native AOT binary published (scripts/publish-aot.sh, into $TMP/aot) for the fixture's native-mode tests of
#      step 3 (ACS_IDENTITY_EMULATOR_EXECUTABLE), step 6 and the consumer tests; the emulator started as a process on
#      free loopback ports (connection strings from GET /emulator/info);
#   3. dotnet test of each test project of Emulator.sln, side by side, the C# contract suite's EMULATOR_URL leg against
#      that process (Emulator.Testcontainers.Tests runs in step 8, against the image);
#   4. the JavaScript contract suite (real SDKs, its own emulator process); the Python contract suite at EMULATOR_URL
#      and with its own emulator process;
#   5. the Node.js quickstart samples against the started emulator, over http and https; the dashboard's browser tests;
#   6. the Native AOT binary of step 2: the JS and Python suites and the C# EMULATOR_URL leg against it
#      (scripts/test-aot.sh);
#   7. the benchmarks in short mode (figures only; fails only if the harness breaks);
#   8. the container images, built and tested with podman (.ci/container.sh);
#   9. the Aspire integration: its model tests and the sample AppHost run by Aspire.Hosting.Testing
#      (scripts/aspire-tests.sh; npm ci in samples/aspire/web);
#  10. docs/parity.md regenerated from the suites' results (scripts/parity/generate.mjs);
#  11. the consumer tests: the packages packed into ./artifacts and the README's Install blocks (scripts/consumer-tests.sh).
# --quick runs steps 1 (build and contract-tests/js's npm ci only), 3 (without the EMULATOR_URL leg, which skips) and
# the JS suite of step 4, and installs nothing with apt.
#
# What the full run installs on the machine, only what is missing (apt-get as root; see .ci/provision.sh):
# python3-azure python3-aiohttp python3-pytest (Python suite), chromium (browser tests), clang zlib1g-dev (Native AOT),
# gnuplot-nox (benchmark plot), podman runc debootstrap curl podman-compose and /etc/containers/containers.conf
# (container tests), plus stand-in .NET base images in podman's store and /var/tmp/acs-emulator-ci; npm ci in
# contract-tests/js, contract-tests/browser, samples/node-quickstart-administration, samples/node-quickstart-identity;
# NuGet packages in ~/.nuget/packages. It writes ./artifacts (packages, browser screenshots) and docs/parity.md.
#
# Environment: SKIP_CONTAINER=1 skips step 8, SKIP_BENCHMARKS=1 step 7, SKIP_AOT=1 step 6 and the AOT publish of step 2
# (the native-mode fixture tests then skip), SKIP_ASPIRE=1 step 9,
# SKIP_CONSUMER=1 step 11
# (all run by default and in CI). COMMUNICATION_SERVICES_CONNECTION_STRING, when set, adds the live-Azure legs of the
# contract suites.
set -uo pipefail

QUICK=0
for arg in "$@"; do
    case $arg in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: bash scripts/test.sh [--quick]" >&2; exit 64 ;;
    esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
TMP=$(mktemp -d)
STARTED=$(date +%s)
EMULATOR_PID=""
BACKGROUND=()
PASSED=0
FAILED=0
SKIPPED=0
SUMMARY=()
TIMES=()

cleanup() {
    [[ -n $EMULATOR_PID ]] && kill "$EMULATOR_PID" 2>/dev/null && wait "$EMULATOR_PID" 2>/dev/null
    for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT

step() { echo; echo "=== $*"; STEP_STARTED=$(date +%s); STEP_NAME=$1; }
step_done() { TIMES+=("$(printf '%-70.70s %4d s' "$STEP_NAME" $(( $(date +%s) - STEP_STARTED )))"); }

add() { # name passed failed skipped: one row of the table
    PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3)); SKIPPED=$((SKIPPED + $4))
    SUMMARY+=("$(printf '%-34s %5d passed %3d failed %3d skipped' "$1" "$2" "$3" "$4")")
}

# suite NAME EXIT-CODE [PASSED FAILED SKIPPED]: a runner's verdict is its exit code; its report only gives the counts.
suite() {
    local name=$1 rc=$2 passed=${3:-0} failed=${4:-0} skipped=${5:-0}
    if ((rc != 0 && failed == 0)); then
        echo "!!! $name: exit code $rc, but its report counts no failed test (it crashed or wrote no report): 1 failure"
        failed=1
    elif ((rc == 0 && passed + failed == 0)); then
        echo "!!! $name: exit code 0, but it ran no test: 1 failure"
        failed=1
    fi
    add "$name" "$passed" "$failed" "$skipped"
}
# check NAME EXIT-CODE: a step with no tests of its own (build, install): 1 passed or 1 failed.
check() { if (($2 == 0)); then add "$1" 1 0 0; else add "$1" 0 1 0; fi; }

# Counts from the runners' reports, "passed failed skipped"; "0 0 0" when there is no report.
trx_counts() { # TRX files of dotnet test (xunit v3 reports a skipped test as not executed)
    local trx counters p=0 f=0 s=0
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    for trx in "$@"; do
        [[ -f $trx ]] || continue
        counters=$(grep -o '<Counters [^>]*>' "$trx")
        [[ -n $counters ]] || continue
        p=$((p + $(get passed)))
        f=$((f + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
        s=$((s + $(get total) - $(get executed)))
    done
    echo "$p $f $s"
}
junit_counts() { # pytest junit XML
    local suite attr_tests attr_fail attr_err attr_skip
    suite=$(grep -o '<testsuite [^>]*>' "$1" 2>/dev/null | head -1)
    [[ -n $suite ]] || { echo "0 0 0"; return; }
    attr() { echo "$suite" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    attr_tests=$(attr tests); attr_fail=$(attr failures); attr_err=$(attr errors); attr_skip=$(attr skipped)
    echo "$((attr_tests - attr_fail - attr_err - attr_skip)) $((attr_fail + attr_err)) $attr_skip"
}
tap_counts() { # node:test TAP: the closing "# pass N" lines
    local n k out=()
    for k in pass fail skipped; do
        n=$(grep -E "^# $k [0-9]+$" "$1" 2>/dev/null | tail -1 | awk '{print $3}')
        out+=("${n:-0}")
    done
    echo "${out[*]}"
}
line_counts() { # the closing "N passed, M failed[, K skipped]" line of the scripts here
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" 2>/dev/null | tail -1)
    [[ -n $line ]] || { echo "0 0 0"; return; }
    echo "$(echo "$line" | awk '{print $1}') $(echo "$line" | awk '{print $3}' | tr -d ,) $(echo "$line" | sed -n 's/.*, \([0-9]*\) skipped.*/\1/p' | grep . || echo 0)"
}
quiet_tap() { grep -vE '^ +(duration_ms|\.\.\.|---|type:)'; }

finish() {
    echo
    echo "=== Times"
    printf '  %s\n' "${TIMES[@]}"
    echo "  whole run: $(( $(date +%s) - STARTED )) s"
    echo
    echo "=== Summary"
    printf '  %s\n' "${SUMMARY[@]}"
    echo
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    exit $((FAILED > 0 ? 1 : 0))
}

# start_emulator LOG COMMAND...: starts an emulator (COMMAND gets --port/--https-port: two free loopback ports), waits
# for /emulator/health/ready and reads its connection strings from GET /emulator/info (loopback callers need no key).
# Sets EMULATOR_PID, EMU_HTTP and EMU_HTTPS (base URLs, no trailing /), EMU_HTTP_CS, EMU_HTTPS_CS and EMU_PEM.
start_emulator() {
    local log=$1 ports base info; shift
    ports=$(node -e '
        const net = require("net"); const got = [];
        const one = () => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { got.push(s.address().port); s.close();
            if (got.length < 2) one(); else console.log(got.join(" ")); }); };
        one();')
    "$@" --port "${ports% *}" --https-port "${ports#* }" >"$log" 2>&1 &
    EMULATOR_PID=$!
    base=http://127.0.0.1:${ports% *}
    for _ in $(seq 1 600); do
        curl -fsS -o /dev/null --max-time 2 "$base/emulator/health/ready" 2>/dev/null && break
        kill -0 "$EMULATOR_PID" 2>/dev/null || break
        sleep 0.2
    done
    info=$TMP/info-$EMULATOR_PID.json
    if ! curl -fsS --max-time 10 "$base/emulator/info" -o "$info" 2>/dev/null; then
        echo "the emulator did not get ready; its log:"
        sed 's/accesskey=[^ ;]*/accesskey=[redacted]/' "$log" | tail -40
        return 1
    fi
    { read -r EMU_HTTP_CS; read -r EMU_HTTPS_CS; } < <(node -e '
        const info = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        console.log(info.connectionStrings.http); console.log(info.connectionStrings.https);' "$info")
    EMU_HTTP=$(echo "$EMU_HTTP_CS" | sed 's/^endpoint=//; s/;accesskey=.*//; s:/$::')
    EMU_HTTPS=$(echo "$EMU_HTTPS_CS" | sed 's/^endpoint=//; s/;accesskey=.*//; s:/$::')
    EMU_PEM=$TMP/emulator-$EMULATOR_PID.pem
    curl -fsS --max-time 10 "$base/emulator/certificate" -o "$EMU_PEM" || return 1
    echo "emulator at $EMU_HTTP and $EMU_HTTPS (pid $EMULATOR_PID)"
}
stop_emulator() { [[ -n $EMULATOR_PID ]] && { kill "$EMULATOR_PID" 2>/dev/null; wait "$EMULATOR_PID" 2>/dev/null; }; EMULATOR_PID=""; }

# npm ci in each folder whose node_modules is not the install its package-lock.json pins (the folders' own run
# scripts make the same test), side by side.
npm_folders() {
    local dir pids=() dirs=() rc=0 i
    for dir in "$@"; do
        [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]] && continue
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$TMP/npm-${dir//\//_}.log" 2>&1 &
        pids+=($!); dirs+=("$dir")
    done
    for i in "${!pids[@]}"; do
        if wait "${pids[$i]}"; then echo "npm ci ${dirs[$i]}: done"; else rc=1; echo "npm ci ${dirs[$i]}: FAILED"; cat "$TMP/npm-${dirs[$i]//\//_}.log"; fi
    done
    return $rc
}

# The test projects of Emulator.sln that run here. Emulator.Testcontainers.Tests needs the image and a container
# engine (.ci/container.sh runs it); Emulator.ContractTests.DotNetSdk needs -p:UseAzureSdk=true and the public feed.
test_projects() {
    local p
    for p in $(grep -o '"[^"]*\.csproj"' Emulator.sln | tr -d '"' | tr '\\' '/'); do
        grep -q 'Microsoft.NET.Test.Sdk' "$p" || continue
        case $p in */Emulator.Testcontainers.Tests.csproj|*/Emulator.ContractTests.DotNetSdk.csproj|*/Emulator.Aspire.Hosting.Tests.csproj) continue ;; esac
        echo "$p"
    done
}
# dotnet_tests [ENV=VALUE...]: dotnet test of every test project, side by side, one suite row (and exit code) each.
dotnet_tests() {
    local p name pids=() names=() i rc counts
    for p in $(test_projects); do
        name=$(basename "$p" .csproj)
        env "$@" dotnet test "$p" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" \
            --results-directory "$TMP/trx" >"$TMP/dotnet-$name.log" 2>&1 &
        pids+=($!); names+=("$name")
    done
    ((${#pids[@]})) || { suite "dotnet test" 0; return; }
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}"; rc=$?
        name=${names[$i]}
        echo "--- dotnet test $name (exit code $rc)"
        grep -vE '^\s*$|^\s*Determining|up-to-date|^Results File:' "$TMP/dotnet-$name.log"
        counts=$(trx_counts "$TMP/trx/$name.trx")
        # shellcheck disable=SC2086
        suite "dotnet: $name" "$rc" $counts
    done
}

python_step() { # label junit-file [env...]: the Python contract suite
    local label=$1 xml=$2 rc; shift 2
    env "$@" bash contract-tests/python/run.sh -q --junitxml="$xml" 2>&1 | tail -n 40
    rc=${PIPESTATUS[0]}
    # shellcheck disable=SC2046
    suite "$label" "$rc" $(junit_counts "$xml")
}

# ---------------------------------------------------------------------------------------------------------------
step "Build (Release)$( ((QUICK)) || echo ', with provisioning and npm ci alongside')"
npm_dirs=(contract-tests/js)
if ((QUICK == 0)); then
    npm_dirs+=(contract-tests/browser samples/node-quickstart-administration samples/node-quickstart-identity)
    bash .ci/provision.sh >"$TMP/provision.log" 2>&1 &
    PROVISION_PID=$!; BACKGROUND+=("$PROVISION_PID")
fi
npm_folders "${npm_dirs[@]}" >"$TMP/npm.log" 2>&1 &
NPM_PID=$!; BACKGROUND+=("$NPM_PID")
dotnet build Emulator.sln -c Release -nologo -v q -clp:ErrorsOnly
build_rc=$?
check "build" "$build_rc"
wait "$NPM_PID"; npm_rc=$?
cat "$TMP/npm.log"
check "npm ci (${#npm_dirs[@]} folders)" "$npm_rc"
step_done
((build_rc == 0)) || finish

wait_provisioning() { # the suites that need apt packages wait for .ci/provision.sh
    [[ -n ${PROVISION_PID:-} ]] || return 0
    local rc
    wait "$PROVISION_PID"; rc=$?
    echo "--- .ci/provision.sh (exit code $rc)"; cat "$TMP/provision.log"
    check "provisioning (.ci/provision.sh)" "$rc"
    PROVISION_PID=""
}

if ((QUICK)); then
    step "dotnet test (every test project of Emulator.sln, in-process; the EMULATOR_URL leg skips)"
    dotnet_tests EMULATOR_URL= EMULATOR_HTTPS_URL= EMULATOR_CA_CERT=
    step_done
    step "JavaScript contract suite (real SDKs, emulator as a process)"
    TEST_REPORTER=tap bash contract-tests/js/run.sh 2>&1 | tee "$TMP/js.log" | quiet_tap
    # shellcheck disable=SC2046
    suite "js contract suite" "${PIPESTATUS[0]}" $(tap_counts "$TMP/js.log")
    step_done
    finish
fi

step "Native AOT publish (scripts/publish-aot.sh: the fixture's native-mode tests, step 6 and the consumer tests use it)"
native_env=(); native_exe=""
if [[ ${SKIP_AOT:-0} == 1 ]]; then
    echo "skipped (SKIP_AOT=1): the native-mode fixture tests skip"
else
    wait_provisioning # it installs clang and zlib1g-dev; publish-aot.sh would race it for the apt lock
    bash scripts/publish-aot.sh linux-x64 "$TMP/aot"
    aot_publish_rc=$?
    check "native AOT publish" "$aot_publish_rc"
    if ((aot_publish_rc == 0)); then native_exe=$TMP/aot/Emulator; native_env=(ACS_IDENTITY_EMULATOR_EXECUTABLE="$native_exe"); fi
fi
step_done

step "Start the emulator as a process (target of the EMULATOR_URL legs and of the Node.js samples)"
if start_emulator "$TMP/emulator.log" dotnet emulator/Emulator/bin/Release/net10.0/Emulator.dll --data-dir "$TMP/data"; then
    check "emulator process start" 0
    url_env=(EMULATOR_URL="$EMU_HTTP" EMULATOR_HTTPS_URL="$EMU_HTTPS" EMULATOR_CA_CERT="$EMU_PEM")
    http_cs=$EMU_HTTP_CS; https_cs=$EMU_HTTPS_CS; pem=$EMU_PEM
else
    check "emulator process start" 1
    url_env=(); http_cs=""; https_cs=""; pem=""
fi
step_done

step "dotnet test (every test project of Emulator.sln; the C# contract suite's EMULATOR_URL leg against the process)"
dotnet_tests "${url_env[@]}" "${native_env[@]}"
step_done

step "JavaScript contract suite (real SDKs, emulator as a process)"
TEST_REPORTER=tap bash contract-tests/js/run.sh 2>&1 | tee "$TMP/js.log" | quiet_tap
# shellcheck disable=SC2046
suite "js contract suite" "${PIPESTATUS[0]}" $(tap_counts "$TMP/js.log")
step_done

wait_provisioning
step "Python contract suite (azure-communication-identity 1.3.2: sync, aio+aiohttp, aio+requests; emulator at EMULATOR_URL)"
if ((${#url_env[@]})); then
    python_step "python suite (EMULATOR_URL)" "$TMP/python-url.xml" "${url_env[@]}" CONTRACT_TARGETS=emulator
else
    suite "python suite (EMULATOR_URL)" 1
fi
step_done
step "Python contract suite (emulator as a child process, live Azure when configured)"
python_step "python suite (process, live)" "$TMP/python-process.xml" EMULATOR_URL= EMULATOR_HTTPS_URL= EMULATOR_CA_CERT=
step_done

step "Node.js samples against the started emulator"
if [[ -n $http_cs ]]; then
    COMMUNICATION_SERVICES_CONNECTION_STRING=$http_cs bash samples/run-node-samples.sh
    rc=$?; if ((rc == 0)); then suite "node samples (http)" 0 2 0 0; else suite "node samples (http)" "$rc" 0 2 0; fi
    NODE_EXTRA_CA_CERTS=$pem COMMUNICATION_SERVICES_CONNECTION_STRING=$https_cs bash samples/run-node-samples.sh
    rc=$?; if ((rc == 0)); then suite "node samples (https)" 0 2 0 0; else suite "node samples (https)" "$rc" 0 2 0; fi
else
    suite "node samples" 1
fi
stop_emulator
step_done

step "Browser tests of the dashboard (playwright-core driving Debian's chromium; screenshots in artifacts/browser)"
BROWSER_ARTIFACTS="$ROOT/artifacts/browser" TEST_REPORTER=tap bash contract-tests/browser/run.sh 2>&1 | tee "$TMP/browser.log" | quiet_tap
# shellcheck disable=SC2046
suite "browser tests (dashboard)" "${PIPESTATUS[0]}" $(tap_counts "$TMP/browser.log")
step_done

step "Native AOT binary (scripts/publish-aot.sh): JS and Python contract suites and the C# EMULATOR_URL leg against it"
if [[ ${SKIP_AOT:-0} == 1 ]]; then
    echo "skipped (SKIP_AOT=1)"; add "native AOT" 0 0 1
else
    source scripts/test-aot.sh
fi
step_done

step "Benchmarks (short mode: figures, no assertions on speed)"
if [[ ${SKIP_BENCHMARKS:-0} == 1 ]]; then
    echo "skipped (SKIP_BENCHMARKS=1)"; add "benchmarks (short)" 0 0 1
else
    bash benchmarks/run.sh --short
    check "benchmarks (short)" $?
fi
step_done

step "Container images (real Dockerfile and Dockerfile.aot, podman: .ci/container.sh)"
if [[ ${SKIP_CONTAINER:-0} == 1 ]]; then
    echo "skipped (SKIP_CONTAINER=1)"; add "container (podman)" 0 0 1
else
    bash .ci/container.sh 2>&1 | tee "$TMP/container.log"
    # shellcheck disable=SC2046
    suite "container (podman)" "${PIPESTATUS[0]}" $(line_counts "$TMP/container.log")
fi
step_done

step "Aspire integration (scripts/aspire-tests.sh: the model, and the sample AppHost with the emulator and a JS SDK app)"
if [[ ${SKIP_ASPIRE:-0} == 1 ]]; then
    echo "skipped (SKIP_ASPIRE=1)"; add "aspire (Aspire.Hosting.Testing)" 0 0 1
else
    bash scripts/aspire-tests.sh 2>&1 | tee "$TMP/aspire.log"
    # shellcheck disable=SC2046
    suite "aspire (Aspire.Hosting.Testing)" "${PIPESTATUS[0]}" $(line_counts "$TMP/aspire.log")
fi
step_done

step "Parity matrix (docs/parity.md, generated from the suites' results)"
recordings=""
for dir in "$ROOT/../shared/reference/recordings" "$ROOT/../../shared/reference/recordings"; do [[ -d $dir ]] && { recordings=$dir; break; }; done
node scripts/parity/generate.mjs --trx "$TMP/trx" --tap "$TMP/js.log" --junit "$TMP/python-url.xml" --junit "$TMP/python-process.xml" \
    ${recordings:+--recordings "$recordings"} --out docs/parity.md
check "parity matrix" $?
git diff --stat -- docs/parity.md 2>/dev/null | tail -1
step_done

step "Consumer tests (pack to ./artifacts; README Install blocks in fresh projects; the dotnet tool)"
if [[ ${SKIP_CONSUMER:-0} == 1 ]]; then
    echo "skipped (SKIP_CONSUMER=1)"; add "consumer tests (packages)" 0 0 1
else
    CONSUMER_AOT_EXECUTABLE=$native_exe bash scripts/consumer-tests.sh 2>&1 | tee "$TMP/consumer.log"
    # shellcheck disable=SC2046
    suite "consumer tests (packages)" "${PIPESTATUS[0]}" $(line_counts "$TMP/consumer.log")
fi
step_done

finish
