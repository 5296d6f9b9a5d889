# Sourced by .ci/container.sh after .ci/container-images.sh has built the Native AOT image of Dockerfile.aot (uses
# .ci/container-lib.sh and its settings): runs it as documented, waits on its HEALTHCHECK, checks that the process is
# UID 1654, runs the JS contract suite against it over http and https, restarts it read-only on the same volume with
# custom ports, and stops it with SIGTERM.

aot_part() {
    local D E vol http https uid pid s
    echo "== Native AOT container"
    vol=acs-emulator-ci-aot-$RUN_ID
    pm volume create --label "$LABEL" "$vol" >/dev/null && VOLUMES+=("$vol")
    D=acs-emulator-ci-aot-d-$RUN_ID
    http=$(free_port); https=$(free_port)
    T0=$(now)
    if ! pm run -d --name "$D" --label "$LABEL" -p "127.0.0.1:$http:8080" -p "127.0.0.1:$https:8443" -v "$vol:/data" "$AOT_IMAGE" >/dev/null; then
        bad "AOT container starts"; return 0
    fi
    CONTAINERS+=("$D")
    expect_ready "$D" "http://127.0.0.1:$http/emulator/health/ready" "AOT container answers /emulator/health/ready" || return 0
    AOT_READY_SECONDS=$READY_AFTER
    if s=$(wait_for 60 healthy "$D"); then ok "AOT container's HEALTHCHECK passes (${s} s)"; else show_logs "$D"; bad "AOT container's HEALTHCHECK passes"; fi
    pid=$(state "$D" '{{.State.Pid}}')
    uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    check "AOT container's process runs as UID 1654 (uid $uid)" test "$uid" = 1654
    probe_fails_elsewhere "AOT health probe fails when nothing answers on the port it is given" "$D" /app/Emulator
    curl -fsS "http://127.0.0.1:$http/emulator/certificate" -o "$TMP/emulator-aot.pem" 2>/dev/null
    check "AOT container's HTTPS port is trusted with its certificate (no -k)" \
        http_ok --cacert "$TMP/emulator-aot.pem" "https://localhost:$https/emulator/health/ready"
    sleep 5
    AOT_IDLE_RSS=$(awk '/^VmRSS:/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null)
    # The host is another host to the container: the suite's admin calls need the key, read from the banner.
    aot_key=$(pm logs "$D" 2>/dev/null | grep -o 'accesskey=[A-Za-z0-9+/=]*' | head -1 | cut -d= -f2-)
    if [[ ${CONTAINER_SKIP_JS:-0} != 1 ]]; then
        js_suite_against "JS contract suite passes against the AOT container" "$TMP/js-suite-aot.log" \
            "http://127.0.0.1:$http" "https://localhost:$https" "$TMP/emulator-aot.pem" "$aot_key"
    fi
    stop_and_check "$D"
    AOT_STOP_SECONDS=$STOP_SECONDS

    # Same volume (certificate and keys kept), custom ports, read-only root file system.
    E=acs-emulator-ci-aot-e-$RUN_ID
    http=$(free_port); https=$(free_port)
    T0=$(now)
    if pm run -d --name "$E" --label "$LABEL" --read-only -e Server__HttpPort=9090 -e Server__HttpsPort=9443 \
            -p "127.0.0.1:$http:9090" -p "127.0.0.1:$https:9443" -v "$vol:/data" "$AOT_IMAGE" >/dev/null; then
        CONTAINERS+=("$E")
        if AOT_RESTART_READY_SECONDS=$(wait_for 60 http_ok "http://127.0.0.1:$http/emulator/health/ready"); then
            ok "AOT container answers on custom port 9090, read-only, existing volume (${AOT_RESTART_READY_SECONDS} s)"
        else
            show_logs "$E"; bad "AOT container answers on custom port 9090"
        fi
        check "AOT HEALTHCHECK follows Server__HttpPort=9090" quietly wait_for 60 healthy "$E"
        curl -fsS "http://127.0.0.1:$http/emulator/certificate" -o "$TMP/emulator-aot-e.pem" 2>/dev/null
        check "AOT container keeps its certificate across restarts (same /data volume)" cmp -s "$TMP/emulator-aot.pem" "$TMP/emulator-aot-e.pem"
        stop_and_check "$E"
    else
        bad "AOT container starts read-only with custom ports"
    fi
}

aot_part
