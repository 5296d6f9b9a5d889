# Sourced by .ci/container.sh after .ci/container-images.sh (uses .ci/container-lib.sh and its settings): the tests of
# the JIT image. Container A as the README runs it, the JS contract suite and the Node.js samples against it; B on
# A's volume with custom ports and a read-only root file system; P with Server__PersistState; the compose example of
# docs/docker.md; the .NET Testcontainers module's tests.

VOLUME=acs-emulator-ci-data-$RUN_ID
pm volume create --label "$LABEL" "$VOLUME" >/dev/null && VOLUMES+=("$VOLUME")

# Container A: the README's one-liner (with a named volume), published on 127.0.0.1 only; the
# documented host ports when they are free here, any free ones otherwise.
echo "== container A: docker run as documented"
if port_free 8080 && port_free 8443; then HTTP_PORT=8080; HTTPS_PORT=8443; else HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port); fi
A=acs-emulator-ci-a-$RUN_ID
HTTP_URL=http://127.0.0.1:$HTTP_PORT
HTTPS_URL=https://localhost:$HTTPS_PORT
T0=$(now)
if ! pm run -d --name "$A" --label "$LABEL" \
        -p "127.0.0.1:$HTTP_PORT:8080" -p "127.0.0.1:$HTTPS_PORT:8443" -v "$VOLUME:/data" "$IMAGE" >/dev/null; then
    fatal "container A starts"
fi
CONTAINERS+=("$A")
expect_ready "$A" "$HTTP_URL/emulator/health/ready" "A answers /emulator/health/ready on the published HTTP port" || exit 1
READY_SECONDS=$READY_AFTER
if HEALTHY_SECONDS=$(wait_for 60 healthy "$A"); then
    ok "A's HEALTHCHECK passes (${HEALTHY_SECONDS} s after podman run)"
else
    show_logs "$A"; bad "A's HEALTHCHECK passes within 60 s"
fi
check "A reports health status 'healthy' ($(state "$A" '{{.State.Health.Status}}'))" \
    test "$(state "$A" '{{.State.Health.Status}}')" = healthy
uid=$(pm exec "$A" id -u 2>/dev/null)
check "A's process runs as non-root (uid $uid)" test -n "$uid" -a "$uid" != 0
t=$(now); podman --runtime runc exec "$A" dotnet /app/Emulator.dll --health-check >/dev/null 2>&1; PROBE_SECONDS=$(secs "$t" "$(now)")

# The generated key, as a user gets it: from the connection strings in the banner (docker logs). The host
# reaches the container through podman's port mapping, which may show it as loopback or as the bridge
# gateway, so every admin call sends the key (docs/docker.md); without it /emulator/info answers 401 to a
# non-loopback caller.
ACCESS_KEY=$(pm logs "$A" 2>/dev/null | grep -o 'accesskey=[A-Za-z0-9+/=]*' | head -1 | cut -d= -f2-)
check "A's banner prints its connection strings (access key found in the logs)" test -n "$ACCESS_KEY"
ADMIN_KEY=(-H "x-emulator-access-key: $ACCESS_KEY")
curl -fsS "${ADMIN_KEY[@]}" "$HTTP_URL/emulator/info" >"$TMP/info-a.json" 2>/dev/null
info_key() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).accessKey || "")' "$1" 2>/dev/null; }
check "A's /emulator/info answers the host that sends the key, with that key" test "$(info_key "$TMP/info-a.json")" = "$ACCESS_KEY"
keyless=$(curl -sS -o "$TMP/info-a-keyless.json" -w '%{http_code}' "$HTTP_URL/emulator/info" 2>/dev/null)
if [[ $keyless == 401 ]]; then
    check "A refuses /emulator/info without the key to the host it sees as another host (401, no key in the body)" \
        bash -c "! grep -qF -- '$ACCESS_KEY' '$TMP/info-a-keyless.json'"
else
    log "A sees the host as a loopback caller here (GET /emulator/info without the key: $keyless)"
fi

curl -fsS "$HTTP_URL/emulator/certificate" -o "$TMP/emulator-a.pem" 2>/dev/null
check "A serves its HTTPS certificate as PEM at /emulator/certificate" \
    grep -q -- '-----BEGIN CERTIFICATE-----' "$TMP/emulator-a.pem"
check "A's HTTPS port is trusted with that certificate alone ($HTTPS_URL, no -k)" \
    http_ok --cacert "$TMP/emulator-a.pem" "$HTTPS_URL/emulator/health/ready"
check "A serves the dashboard from the image (/emulator/ui and its script)" \
    bash -c "curl -fsS -H 'x-emulator-access-key: $ACCESS_KEY' '$HTTP_URL/emulator/ui' | grep -q '/emulator/ui/app.js' && curl -fsS -o /dev/null -H 'x-emulator-access-key: $ACCESS_KEY' '$HTTP_URL/emulator/ui/app.js'"
check "A's request journal holds the requests above (GET /emulator/requests)" \
    bash -c "curl -fsS -H 'x-emulator-access-key: $ACCESS_KEY' '$HTTP_URL/emulator/requests?method=GET' | grep -q '\"path\":\"/emulator/certificate\"'"

sleep 10
IDLE_MEM=$(mem_of "$A")
IDLE_RSS=$(pm exec "$A" sh -c 'awk "/^Rss:/ { printf \"%.1fMB\", \$2 / 1024 }" /proc/1/smaps_rollup' 2>/dev/null)
log "A idle memory 10 s after ready: ${IDLE_MEM:-unknown} (podman stats), process RSS ${IDLE_RSS:-unknown}"

# --------------------------------------------------------------------------------------------
# 5. The JS contract suite and the Node.js samples against the container, http and https
# --------------------------------------------------------------------------------------------
if [[ ${CONTAINER_SKIP_JS:-0} == 1 ]]; then
    log "CONTAINER_SKIP_JS=1: JS suite and samples skipped"
else
    echo "== JS contract suite against container A (http and https)"
    if [[ -f $ROOT/contract-tests/js/run.sh ]]; then
        js_suite_against "JS contract suite passes against the container" "$TMP/js-suite.log" \
            "$HTTP_URL" "$HTTPS_URL" "$TMP/emulator-a.pem" "$ACCESS_KEY"
    else
        bad "JS contract suite present (contract-tests/js/run.sh)"
    fi

    echo "== Node.js samples against container A"
    if [[ -f $ROOT/samples/run-node-samples.sh ]]; then
        for scheme in http https; do
            if [[ $scheme == http ]]; then base=$HTTP_URL; else base=$HTTPS_URL; fi
            if COMMUNICATION_SERVICES_CONNECTION_STRING="endpoint=$base/;accesskey=$ACCESS_KEY" \
                    NODE_EXTRA_CA_CERTS="$TMP/emulator-a.pem" \
                    bash "$ROOT/samples/run-node-samples.sh" >"$TMP/samples-$scheme.log" 2>&1; then
                ok "Node.js samples run to the end against the container over $scheme"
            else
                tail -60 "$TMP/samples-$scheme.log"
                bad "Node.js samples run to the end against the container over $scheme"
            fi
        done
    else
        bad "Node.js samples present (samples/run-node-samples.sh)"
    fi
    BUSY_MEM=$(mem_of "$A")
    log "A memory after the suites: ${BUSY_MEM:-unknown}"
fi

echo "== stopping container A"
stop_and_check "$A"
A_STOP_SECONDS=$STOP_SECONDS
A_STOP_CODE=$STOP_CODE

# --------------------------------------------------------------------------------------------
# 6. Container B: the same volume (certificate and keys must survive), a custom port (the
#    HEALTHCHECK must follow it), HTTPS moved too, and a read-only root file system.
# --------------------------------------------------------------------------------------------
echo "== container B: same /data volume, custom ports, read-only root file system"
B=acs-emulator-ci-b-$RUN_ID
B_HTTP=$(free_port); B_HTTPS=$(free_port)
T0=$(now)
if pm run -d --name "$B" --label "$LABEL" --read-only \
        -e Server__HttpPort=9090 -e Server__HttpsPort=9443 \
        -p "127.0.0.1:$B_HTTP:9090" -p "127.0.0.1:$B_HTTPS:9443" -v "$VOLUME:/data" "$IMAGE" >/dev/null; then
    CONTAINERS+=("$B")
    expect_ready "$B" "http://127.0.0.1:$B_HTTP/emulator/health/ready" "B answers on its custom HTTP port 9090"
    RESTART_READY_SECONDS=$READY_AFTER
    if s=$(wait_for 60 healthy "$B"); then
        ok "B's HEALTHCHECK follows Server__HttpPort=9090 (${s} s)"
    else
        bad "B's HEALTHCHECK follows Server__HttpPort=9090"
    fi
    probe_fails_elsewhere "B's health probe fails when nothing answers on the port it is given" "$B" dotnet /app/Emulator.dll
    curl -fsS "http://127.0.0.1:$B_HTTP/emulator/certificate" -o "$TMP/emulator-b.pem" 2>/dev/null
    check "B keeps A's certificate (same /data volume)" cmp -s "$TMP/emulator-a.pem" "$TMP/emulator-b.pem"
    check "clients that trusted A still trust B over HTTPS" \
        http_ok --cacert "$TMP/emulator-a.pem" "https://localhost:$B_HTTPS/emulator/health/ready"
    curl -fsS "${ADMIN_KEY[@]}" "http://127.0.0.1:$B_HTTP/emulator/info" >"$TMP/info-b.json" 2>/dev/null
    check "B keeps A's generated access key" test "$(info_key "$TMP/info-b.json")" = "$ACCESS_KEY"
    echo "== stopping container B"
    stop_and_check "$B"
else
    bad "container B starts"
fi

# --------------------------------------------------------------------------------------------
# 6b. Server__PersistState (docs/docker.md): an identity created through the real JS SDK is still
#     there after the container restarts on its volume, and getToken on the stored id works.
# --------------------------------------------------------------------------------------------
echo "== container P: Server__PersistState=true, restarted on its volume"
P=acs-emulator-ci-p-$RUN_ID; P_VOLUME=acs-emulator-ci-persist-$RUN_ID; P_HTTP=$(free_port)
pm volume create --label "$LABEL" "$P_VOLUME" >/dev/null && VOLUMES+=("$P_VOLUME")
P_KEY=$(head -c 64 /dev/urandom | base64 -w0)  # pinned: /emulator/info would need the key from the host anyway
persist_sdk() {  # persist_sdk create|token [id]: the JS SDK against container P
    JS=$ROOT/contract-tests/js P_KEY=$P_KEY node -e '
        const { CommunicationIdentityClient } = require(process.env.JS + "/node_modules/@azure/communication-identity");
        const [base, op, id] = process.argv.slice(1);
        (async () => {
          const client = new CommunicationIdentityClient(`endpoint=${base}/;accesskey=${process.env.P_KEY}`, { allowInsecureConnection: true });
          if (op === "create") console.log((await client.createUser()).communicationUserId);
          else console.log((await client.getToken({ communicationUserId: id }, ["chat"])).token ? "token" : "");
        })().catch((e) => { console.error(`${e.name} ${e.statusCode ?? ""} ${e.code ?? ""}`); process.exit(1); });' "http://127.0.0.1:$P_HTTP" "$@"
}
[[ -d $ROOT/contract-tests/js/node_modules/@azure/communication-identity ]] \
    || (cd "$ROOT/contract-tests/js" && npm ci --no-audit --no-fund --loglevel=error) >/dev/null 2>&1
if pm run -d --name "$P" --label "$LABEL" -e Server__PersistState=true -e Server__HttpsPort=-1 -e Resource__AccessKey="$P_KEY" \
        -p "127.0.0.1:$P_HTTP:8080" -v "$P_VOLUME:/data" "$IMAGE" >/dev/null; then
    CONTAINERS+=("$P")
    if quietly wait_for 60 http_ok "http://127.0.0.1:$P_HTTP/emulator/health/ready" && P_ID=$(persist_sdk create) && [[ -n $P_ID ]]; then
        ok "P: createUser through the JS SDK"
        pm restart -t 10 "$P" >/dev/null
        check "P restarts on its volume and is ready" quietly wait_for 60 http_ok "http://127.0.0.1:$P_HTTP/emulator/health/ready"
        check "P: getToken on the id stored before the restart works" test "$(persist_sdk token "$P_ID")" = token
    else
        show_logs "$P"; bad "P: createUser through the JS SDK"
    fi
    stop_and_check "$P"
else
    bad "container P starts"
fi

# --------------------------------------------------------------------------------------------
# 7. The compose example of docs/docker.md, as written (image name and, if taken, host ports
#    swapped), with podman-compose. It ignores start_interval and depends_on conditions, so this
#    checks the service itself: ready, the service name in its connection strings and certificate.
# --------------------------------------------------------------------------------------------
echo "== docs/docker.md compose example"
awk '/^```yaml/ { inside = 1; next } inside && /^```/ { exit } inside' "$ROOT/docs/docker.md" >"$TMP/compose.yaml"
C_HTTP=8080; C_HTTPS=8443
port_free 8080 && port_free 8443 || { C_HTTP=$(free_port); C_HTTPS=$(free_port); }
sed -i -e "s|^\( *image:\) acs-identity-emulator\b|\1 $IMAGE|" \
    -e "s|\"127.0.0.1:8080:8080\"|\"127.0.0.1:$C_HTTP:8080\"|" -e "s|\"127.0.0.1:8443:8443\"|\"127.0.0.1:$C_HTTPS:8443\"|" "$TMP/compose.yaml"
COMPOSE_PROJECT=acs-emulator-ci-compose-$RUN_ID
compose() { podman-compose --podman-args='--runtime runc' -p "$COMPOSE_PROJECT" -f "$TMP/compose.yaml" "$@"; }
ACS_ACCESS_KEY=$(head -c 64 /dev/urandom | base64 -w0)
export ACS_ACCESS_KEY
if grep -q "image: $IMAGE" "$TMP/compose.yaml" && compose up -d >"$TMP/compose.log" 2>&1; then
    COMPOSED=1
    if s=$(T0=$(now) wait_for 60 http_ok "http://127.0.0.1:$C_HTTP/emulator/health/ready"); then
        ok "compose example: the service answers on 127.0.0.1:$C_HTTP"
        curl -fsS -H "x-emulator-access-key: $ACS_ACCESS_KEY" "http://127.0.0.1:$C_HTTP/emulator/info" >"$TMP/info-c.json" 2>/dev/null
        check "compose example: connection strings name the service and use the pinned key" \
            grep -qF "endpoint=https://acs:8443/;accesskey=$ACS_ACCESS_KEY" "$TMP/info-c.json"
        curl -fsS "http://127.0.0.1:$C_HTTP/emulator/certificate" -o "$TMP/emulator-c.pem" 2>/dev/null
        check "compose example: https://acs verifies with the service's certificate" \
            http_ok --cacert "$TMP/emulator-c.pem" --resolve "acs:$C_HTTPS:127.0.0.1" "https://acs:$C_HTTPS/emulator/health/ready"
        c_name=$(pm ps -q --filter "label=io.podman.compose.project=$COMPOSE_PROJECT" | head -1)
        check "compose example: the health check passes" quietly wait_for 60 healthy "$c_name"
    else
        grep -v -e systemd "$TMP/compose.log" | tail -20
        bad "compose example: the service answers on 127.0.0.1:$C_HTTP"
    fi
    compose down -v >>"$TMP/compose.log" 2>&1
    pm network rm -f "${COMPOSE_PROJECT}_default" >/dev/null 2>&1   # podman-compose 1.0 leaves it
    COMPOSED=
else
    tail -20 "$TMP/compose.log" 2>/dev/null
    bad "compose example: podman-compose up"
fi

# --------------------------------------------------------------------------------------------
# 8. The .NET Testcontainers module, through podman's Docker-compatible API socket. Ryuk (the
#    reaper container) cannot be pulled here, so it is off and this script removes the
#    containers. Testcontainers sees /.dockerenv here and picks the bridge gateway as the host;
#    the module itself falls back to loopback for a local engine (no TESTCONTAINERS_HOST_OVERRIDE).
# --------------------------------------------------------------------------------------------
if [[ ${CONTAINER_SKIP_TESTCONTAINERS:-0} == 1 ]]; then
    log "CONTAINER_SKIP_TESTCONTAINERS=1: Testcontainers module skipped"
else
    echo "== .NET Testcontainers module against the image"
    SOCKET=$TMP/podman.sock
    podman --runtime runc system service --time=0 "unix://$SOCKET" >"$TMP/podman-service.log" 2>&1 &
    SERVICE_PID=$!
    if wait_for 30 curl -fsS --unix-socket "$SOCKET" http://podman/_ping >/dev/null; then
        tc_project=$ROOT/contract-tests/Emulator.Testcontainers/Emulator.Testcontainers.Tests
        if DOCKER_HOST=unix://$SOCKET TESTCONTAINERS_RYUK_DISABLED=true \
                EMULATOR_IMAGE=$IMAGE dotnet test "$tc_project" -c Release -nologo >"$TMP/testcontainers.log" 2>&1 \
                && summary=$(grep -E 'Passed!' "$TMP/testcontainers.log" | tail -1) \
                && [[ $summary =~ Failed:\ +0,\ Passed:\ +[1-9][0-9]*,\ Skipped:\ +0, ]]; then
            ok "Testcontainers module: AcsIdentityEmulatorBuilder(image).Build().StartAsync() and its tests ($(echo "${summary#*- }" | tr -s ' '))"
        else
            tail -60 "$TMP/testcontainers.log"
            bad "Testcontainers module: AcsIdentityEmulatorBuilder(image).Build().StartAsync() and its tests"
        fi
    else
        bad "podman system service answers on its Docker API socket"
    fi
    kill "$SERVICE_PID" 2>/dev/null; wait "$SERVICE_PID" 2>/dev/null; SERVICE_PID=
fi

