# Sourced by .ci/container.sh: the counters and helpers that the image building (.ci/container-images.sh) and the
# tests of both images (.ci/container-test.sh, .ci/container-aot.sh) share. Uses $TMP, $LABEL, $IMAGE, CONTAINERS,
# VOLUMES and the other settings of .ci/container.sh.
PASSED=0
FAILED=0
FAILURES=()
ok()  { PASSED=$((PASSED + 1)); echo "  PASS  $1"; }
bad() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); echo "  FAIL  $1${2:+ -- $2}"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
log() { echo "[container] $*"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# podman with the runtime that works here; its complaints about the missing systemd (health-check
# timers) are noise: this script drives the health check itself with `podman healthcheck run`.
pm() {
    podman --runtime runc "$@" 2> >(grep -v -e 'systemd connection' -e 'systemd-run' -e '^Getting image source' \
        -e '^Copying blob' -e '^Copying config' -e '^Writing manifest' -e '^Storing signatures' >&2)
}

finish() {
    local rc=$?
    [[ -n ${SERVICE_PID:-} ]] && { kill "$SERVICE_PID" 2>/dev/null; wait "$SERVICE_PID" 2>/dev/null; }
    for c in "${CONTAINERS[@]}"; do podman --runtime runc rm -f -v -t 0 "$c" >/dev/null 2>&1; done
    # containers that Testcontainers started from this script's image and did not remove
    for c in $(podman --runtime runc ps -aq --filter "ancestor=$IMAGE" 2>/dev/null); do
        podman --runtime runc rm -f -v -t 0 "$c" >/dev/null 2>&1
    done
    if [[ -n ${COMPOSED:-} ]]; then
        podman-compose --podman-args='--runtime runc' -p "$COMPOSE_PROJECT" -f "$TMP/compose.yaml" down -v >/dev/null 2>&1
        podman --runtime runc network rm -f "${COMPOSE_PROJECT}_default" >/dev/null 2>&1
    fi
    for v in "${VOLUMES[@]}"; do podman --runtime runc volume rm -f "$v" >/dev/null 2>&1; done
    if [[ -n ${VOLUMES_BEFORE:-} ]]; then
        for v in $(podman --runtime runc volume ls -q 2>/dev/null); do
            [[ $VOLUMES_BEFORE == *" $v "* ]] || podman --runtime runc volume rm "$v" >/dev/null 2>&1
        done
    fi
    rm -rf "$TMP"
    if ((rc != 0 && FAILED == 0)); then bad "container.sh itself (exit code $rc)"; fi
    if ((${#FAILURES[@]})); then
        echo "[container] failed checks:"
        printf '  - %s\n' "${FAILURES[@]}"
    fi
    echo "$PASSED passed, $FAILED failed"
    if ((FAILED > 0 || rc != 0)); then exit 1; fi
    exit 0
}

fatal() { bad "$1" "${2:-}"; exit 1; }

image_exists() { podman --runtime runc image exists "$1" 2>/dev/null; }

port_free() { node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(+process.argv[1],"127.0.0.1",()=>s.close(()=>process.exit(0)))' "$1"; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# wait_for SECONDS COMMAND...: polls every 0.1 s; prints the seconds it took since $T0.
wait_for() {
    local limit=$1; shift
    local deadline; deadline=$(awk -v t="$(date +%s.%N)" -v l="$limit" 'BEGIN { printf "%.3f", t + l }')
    while :; do
        if "$@" >/dev/null 2>&1; then secs "$T0" "$(now)"; return 0; fi
        awk -v d="$deadline" -v t="$(date +%s.%N)" 'BEGIN { exit !(t > d) }' && return 1
        sleep 0.1
    done
}
quietly() { "$@" >/dev/null; }
http_ok() { curl -fsS --max-time 2 -o /dev/null "$@"; }
healthy() { podman --runtime runc healthcheck run "$1" >/dev/null 2>&1; }
state() { pm inspect "$1" --format "$2" 2>/dev/null; }
mem_of() { pm stats --no-stream --no-reset --format '{{.MemUsage}}' "$1" 2>/dev/null | awk -F' / ' '{ print $1 }'; }
show_logs() { echo "---- logs of $1 (last 40 lines)"; pm logs --tail 40 "$1" 2>&1 | sed 's/^/    /'; echo "----"; }

# stop_and_check NAME: podman stop (SIGTERM, 10 s grace), then exit code and time.
stop_and_check() {
    local name=$1 t code
    t=$(now)
    pm stop -t 10 "$name" >/dev/null
    STOP_SECONDS=$(secs "$t" "$(now)")
    code=$(state "$name" '{{.State.ExitCode}}')
    STOP_CODE=$code
    check "$name stops on SIGTERM within 5 s (took ${STOP_SECONDS} s)" \
        awk -v s="$STOP_SECONDS" 'BEGIN { exit !(s < 5) }'
    check "$name exits cleanly on SIGTERM (exit code $code)" test "$code" = 0
    [[ $code == 0 ]] || show_logs "$name"
}

# expect_ready NAME URL CHECK: waits up to 60 s for URL to answer 200 after `podman run` ($T0); passes CHECK with the
# seconds it took (in READY_AFTER) or fails it showing the container's logs. Returns the outcome.
expect_ready() {
    local name=$1 url=$2 what=$3
    if READY_AFTER=$(wait_for 60 http_ok "$url"); then
        ok "$what (${READY_AFTER} s after podman run)"
    else
        READY_AFTER=""; show_logs "$name"; bad "$what within 60 s"; return 1
    fi
}

# js_suite_against CHECK LOG HTTP-URL HTTPS-URL PEM KEY: the JS contract suite against a container over http and https,
# trusting its certificate and sending its key with the admin calls (the host is another host to the container).
js_suite_against() {
    local what=$1 logfile=$2
    if (cd "$ROOT/contract-tests/js" && CONTRACT_TARGETS=emulator EMULATOR_URL="$3" EMULATOR_HTTPS_URL="$4" \
            EMULATOR_CA_CERT="$5" EMULATOR_ACCESS_KEY="$6" TEST_REPORTER=spec bash ./run.sh) >"$logfile" 2>&1; then
        ok "$what ($(grep -E '^(ℹ|#) (tests|pass|fail|skipped) [0-9]+$' "$logfile" | sed -E 's/^(ℹ|#) //' | paste -sd, - | sed 's/,/, /g'))"
    else
        tail -150 "$logfile"; bad "$what"
    fi
}

# probe_fails_elsewhere CHECK NAME PROBE...: the image's health probe, run in the container against a port where
# nothing answers, must fail (a probe that always passes would hide a dead emulator).
probe_fails_elsewhere() {
    local what=$1 name=$2; shift 2
    check "$what" bash -c "! podman --runtime runc exec -e Server__HttpPort=1 '$name' $* --health-check >/dev/null 2>&1"
}
