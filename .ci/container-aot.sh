# Sourced by .ci/container.sh (uses its helpers, $SDK_IMAGE, $TMP, $LABEL, CONTAINERS/VOLUMES): the Native AOT image of
# Dockerfile.aot. Builds it (the build stage installs clang and compiles the binary), checks that it is small,
# distroless and non-root, runs it as documented, waits on its HEALTHCHECK, runs the JS contract suite against it over
# http and https, restarts it read-only on the same volume with custom ports, and stops it with SIGTERM.
#
# Environment: AOT_RUNTIME_IMAGE  the runtime base (default: a local stand-in for runtime-deps:10.0-noble-chiseled,
#              made of the Debian stand-in's C runtime, OpenSSL, zlib and CA certificates, the packages that image holds)
#              CONTAINER_SKIP_AOT=1  skip this part
AOT_IMAGE=localhost/acs-identity-emulator:ci-aot
AOT_RECIPE=a1                   # bump when the stand-in recipe below changes

# A distroless stand-in: no shell, no package manager; the libraries a Native AOT .NET binary loads, CA certificates,
# /tmp and the `app` user (UID 1654) of the .NET images.
build_aot_runtime_standin() {
    local debian=localhost/acs-emulator-ci/debian:bookworm-$RECIPE ctr mnt root f
    AOT_RUNTIME_IMAGE=localhost/acs-emulator-ci/runtime-deps-chiseled:bookworm-$RECIPE-$AOT_RECIPE
    image_exists "$AOT_RUNTIME_IMAGE" && { log "AOT runtime stand-in cached: $AOT_RUNTIME_IMAGE"; return 0; }
    image_exists "$debian" || { bad "AOT runtime stand-in: the Debian stand-in $debian exists"; return 1; }
    ctr=$(pm create "$debian" true) && mnt=$(pm mount "$ctr") || { bad "mount the Debian stand-in"; return 1; }
    root=$TMP/aot-rootfs
    mkdir -p "$root"/{etc/ssl/certs,usr/lib/x86_64-linux-gnu,usr/lib64,tmp,app}
    chmod 1777 "$root/tmp"
    ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"
    for f in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1 libstdc++.so.6 \
             libssl.so.3 libcrypto.so.3 libz.so.1; do
        cp -L "$mnt/usr/lib/x86_64-linux-gnu/$f" "$root/usr/lib/x86_64-linux-gnu/" || { bad "AOT stand-in: $f in the Debian stand-in"; }
    done
    cp -L "$mnt/usr/lib64/ld-linux-x86-64.so.2" "$root/usr/lib64/"
    cp -r "$mnt/usr/lib/ssl" "$root/usr/lib/ssl" 2>/dev/null
    cp -L "$mnt/etc/ssl/certs/ca-certificates.crt" "$root/etc/ssl/certs/"
    printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:1654:1654::/home/app:/sbin/nologin\n' >"$root/etc/passwd"
    printf 'root:x:0:\napp:x:1654:\n' >"$root/etc/group"
    pm umount "$ctr" >/dev/null; pm rm -f "$ctr" >/dev/null
    tar -C "$root" -c . | pm import --change 'ENV APP_UID=1654' --change 'ENV ASPNETCORE_HTTP_PORTS=8080' \
            --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' --change 'USER 1654' - "$AOT_RUNTIME_IMAGE" >/dev/null \
        || { bad "podman import of the AOT runtime stand-in"; return 1; }
    rm -rf "$root"
}

aot_part() {
    echo "== Native AOT image (Dockerfile.aot)"
    if [[ -z ${AOT_RUNTIME_IMAGE:-} ]]; then build_aot_runtime_standin || return 0; fi
    local t args D E vol http https uid pid s bytes
    args=(--network=host --format docker --layers --build-arg "SDK_IMAGE=$SDK_IMAGE" --build-arg "RUNTIME_IMAGE=$AOT_RUNTIME_IMAGE")
    [[ -s $nuget_config ]] && args+=(--secret "id=nugetconfig,src=$nuget_config")
    t=$(now)
    if pm build "${args[@]}" --label "$LABEL" -t "$AOT_IMAGE" -f "$ROOT/Dockerfile.aot" "$ROOT" >"$TMP/build-aot.log" 2>&1; then
        AOT_BUILD_SECONDS=$(secs "$t" "$(now)")
        ok "AOT image builds from Dockerfile.aot (${AOT_BUILD_SECONDS} s)"
    else
        grep -E 'error|Error|STEP' "$TMP/build-aot.log" | tail -40
        bad "AOT image builds from Dockerfile.aot"; return 0
    fi
    aot_inspect() { pm image inspect "$AOT_IMAGE" --format "$1"; }
    bytes=$(aot_inspect '{{.Size}}'); AOT_IMAGE_BYTES=$bytes
    check "AOT image is under 60 MB ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB)" test "$bytes" -lt 60000000
    check "AOT image runs as UID 1654 by default (USER '$(aot_inspect '{{.Config.User}}')')" test "$(aot_inspect '{{.Config.User}}')" = 1654
    check "AOT image exposes 8080 and 8443, declares VOLUME /data, HEALTHCHECK runs the binary's --health-check" \
        bash -c "[[ '$(aot_inspect '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}')' == *'8080/tcp 8443/tcp'* \
            && '$(aot_inspect '{{range $v, $_ := .Config.Volumes}}{{$v}} {{end}}')' == *'/data '* \
            && '$(aot_inspect '{{json .HealthCheck}}')' == *'/app/Emulator'*'--health-check'* ]]"
    check "AOT image is distroless (no shell, no dotnet)" \
        bash -c "! podman --runtime runc run --rm --entrypoint /bin/sh '$AOT_IMAGE' -c true >/dev/null 2>&1"

    vol=acs-emulator-ci-aot-$RUN_ID
    pm volume create --label "$LABEL" "$vol" >/dev/null && VOLUMES+=("$vol")
    D=acs-emulator-ci-aot-d-$RUN_ID
    http=$(free_port); https=$(free_port)
    T0=$(now)
    if ! pm run -d --name "$D" --label "$LABEL" -p "127.0.0.1:$http:8080" -p "127.0.0.1:$https:8443" -v "$vol:/data" "$AOT_IMAGE" >/dev/null; then
        bad "AOT container starts"; return 0
    fi
    CONTAINERS+=("$D")
    if AOT_READY_SECONDS=$(wait_for 60 http_ok "http://127.0.0.1:$http/emulator/health/ready"); then
        ok "AOT container answers /emulator/health/ready (${AOT_READY_SECONDS} s after podman run)"
    else
        show_logs "$D"; bad "AOT container answers /emulator/health/ready within 60 s"; return 0
    fi
    if s=$(wait_for 60 healthy "$D"); then ok "AOT container's HEALTHCHECK passes (${s} s)"; else show_logs "$D"; bad "AOT container's HEALTHCHECK passes"; fi
    pid=$(state "$D" '{{.State.Pid}}')
    uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    check "AOT container's process runs as UID 1654 (uid $uid)" test "$uid" = 1654
    check "AOT health probe fails when nothing answers on the port it is given" \
        bash -c "! podman --runtime runc exec -e Server__HttpPort=1 '$D' /app/Emulator --health-check >/dev/null 2>&1"
    curl -fsS "http://127.0.0.1:$http/emulator/certificate" -o "$TMP/emulator-aot.pem" 2>/dev/null
    check "AOT container's HTTPS port is trusted with its certificate (no -k)" \
        http_ok --cacert "$TMP/emulator-aot.pem" "https://localhost:$https/emulator/health/ready"
    sleep 5
    AOT_IDLE_RSS=$(awk '/^VmRSS:/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null)
    # The host is another host to the container: the suite's admin calls need the key, read from the banner.
    aot_key=$(pm logs "$D" 2>/dev/null | grep -o 'accesskey=[A-Za-z0-9+/=]*' | head -1 | cut -d= -f2-)
    if [[ ${CONTAINER_SKIP_JS:-0} != 1 ]]; then
        if (cd "$ROOT/contract-tests/js" && CONTRACT_TARGETS=emulator EMULATOR_URL="http://127.0.0.1:$http" \
                EMULATOR_HTTPS_URL="https://localhost:$https" EMULATOR_CA_CERT="$TMP/emulator-aot.pem" EMULATOR_ACCESS_KEY="$aot_key" \
                TEST_REPORTER=spec bash ./run.sh) >"$TMP/js-suite-aot.log" 2>&1; then
            ok "JS contract suite passes against the AOT container ($(grep -E '^(ℹ|#) (tests|pass|fail|skipped) [0-9]+$' "$TMP/js-suite-aot.log" | sed -E 's/^(ℹ|#) //' | paste -sd, - | sed 's/,/, /g'))"
        else
            tail -150 "$TMP/js-suite-aot.log"; bad "JS contract suite passes against the AOT container"
        fi
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

if [[ ${CONTAINER_SKIP_AOT:-0} == 1 ]]; then
    log "CONTAINER_SKIP_AOT=1: the Native AOT image is skipped"
else
    aot_started=$(now)
    aot_part
    AOT_SECONDS=$(secs "$aot_started" "$(now)")
fi
