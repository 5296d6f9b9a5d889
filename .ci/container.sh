#!/usr/bin/env bash
# Builds the real Dockerfile with podman, runs the image and tests it as a user would.
#
# Self-sufficient: installs its Debian packages, makes local stand-ins for the official .NET base
# images (they cannot be pulled here) and caches them between runs, builds the image, runs the
# container with its ports published on 127.0.0.1 only, waits on its HEALTHCHECK, runs the JS
# contract suite and the Node.js samples against it over http and https (trusting the certificate
# fetched from the container), checks non-root, persistence of /data, a custom port, SIGTERM
# shutdown, runs the compose example of docs/docker.md (podman-compose) and the .NET Testcontainers
# module's tests (podman's Docker API socket), then removes its containers, volumes and networks.
# Its last line is "N passed, M failed". Needs root (apt-get, podman). About 2.5 min with the
# stand-ins cached, about 1.5 min more without.
#
# Environment (all optional):
#   SDK_IMAGE, RUNTIME_IMAGE  use these base images instead of building local stand-ins
#   CONTAINER_WORK_DIR        scratch space for the stand-in root file system (default /var/tmp/acs-emulator-ci)
#   CONTAINER_SKIP_JS=1       skip the JS suite and samples
#   CONTAINER_SKIP_TESTCONTAINERS=1  skip the .NET Testcontainers module's tests
#   CONTAINER_SKIP_AOT=1      skip the Native AOT image of Dockerfile.aot (.ci/container-aot.sh)
set -uo pipefail

# One run at a time on a machine: runs share image tags, the stand-ins and the default ports.
# (flock --close: the containers' monitors must not inherit the lock.)
LOCK=/var/tmp/acs-emulator-ci.lock
if [[ -z ${CONTAINER_SH_LOCKED:-} ]] && command -v flock >/dev/null; then
    export CONTAINER_SH_LOCKED=1
    flock -n -E 200 --close "$LOCK" bash "${BASH_SOURCE[0]}" "$@"
    rc=$?
    ((rc != 200)) && exit "$rc"
    echo "[container] another .ci/container.sh is running on this machine; waiting for it"
    exec flock --close "$LOCK" bash "${BASH_SOURCE[0]}" "$@"
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${CONTAINER_WORK_DIR:-/var/tmp/acs-emulator-ci}
RECIPE=r1                       # bump when the stand-in recipe below changes
IMAGE=localhost/acs-identity-emulator:ci
LABEL=acs-emulator-ci=1
RUN_ID=$$
TMP=$(mktemp -d)
CONTAINERS=()

VOLUMES=()

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
trap finish EXIT
# Stop means stop: end the whole script (the EXIT trap still cleans up).
trap 'bad "interrupted"; exit 1' INT TERM

fatal() { bad "$1" "${2:-}"; exit 1; }

# --------------------------------------------------------------------------------------------
# 1. Tools
# --------------------------------------------------------------------------------------------
need=()
for tool in podman runc debootstrap curl podman-compose; do command -v "$tool" >/dev/null || need+=("$tool"); done
command -v node >/dev/null || fatal "node is on PATH (needed for the JS suite and samples)"
if ((${#need[@]})); then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -q && apt-get install -y -q "${need[@]}"; } >"$TMP/apt.log" 2>&1 \
        || { tail -20 "$TMP/apt.log"; fatal "apt-get install ${need[*]}"; }
fi
# The default ulimits and runtime fail here (cgroups v1 without systemd, restricted rlimits).
if ! grep -qs '^default_ulimits *= *\[\]' /etc/containers/containers.conf; then
    mkdir -p /etc/containers
    printf '[containers]\ndefault_ulimits = []\n' >/etc/containers/containers.conf
fi
# Leftovers of an earlier, killed run of this script (only containers it labelled).
for c in $(podman --runtime runc ps -aq --filter "label=$LABEL" 2>/dev/null); do
    podman --runtime runc rm -f -v -t 0 "$c" >/dev/null 2>&1
done
for c in $(podman --runtime runc ps -aq --filter "ancestor=$IMAGE" 2>/dev/null); do
    podman --runtime runc rm -f -v -t 0 "$c" >/dev/null 2>&1
done
for v in $(podman --runtime runc volume ls -q --filter "label=$LABEL" 2>/dev/null) \
         $(podman --runtime runc volume ls -q 2>/dev/null | grep '^acs-emulator-ci-compose-'); do
    podman --runtime runc volume rm -f "$v" >/dev/null 2>&1
done
for n in $(podman --runtime runc network ls -q --format '{{.Name}}' 2>/dev/null | grep '^acs-emulator-ci-compose-'); do
    podman --runtime runc network rm -f "$n" >/dev/null 2>&1
done

# Volumes that exist now are not this run's; anonymous /data volumes this run leaves (podman 4.3
# keeps them after `run --rm` and after Testcontainers' removal) are removed at the end.
VOLUMES_BEFORE=" $(podman --runtime runc volume ls -q 2>/dev/null | tr '\n' ' ') "

# --------------------------------------------------------------------------------------------
# 2. Base images: the official ones, or local stand-ins built from this machine's Debian mirror
#    and its own .NET install (cached in podman's store, keyed by the .NET versions).
# --------------------------------------------------------------------------------------------
debian_mirror() {
    # First "deb" URI of the machine's apt sources that serves the main suite (not -security).
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -f $f ]] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
             { uri = ""; suites = ""; types = ""
               for (i = 1; i <= NF; i++) {
                   if ($i ~ /^URIs:/)   { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uri = u[1] }
                   if ($i ~ /^Suites:/) { suites = " " $i " " }
                   if ($i ~ /^Types:/)  { types = $i }
               }
               if (uri != "" && types ~ /(^|[ \t])deb([ \t]|$)/ && suites ~ / [a-z]+ / && uri !~ /security/) { print uri; exit }
             }' "$f"
    done
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) print $i; break } }'
}

image_exists() { podman --runtime runc image exists "$1" 2>/dev/null; }

build_standins() {
    local dotnet_root sdk_version rt_version base sdk rt rootfs mirror ctr mnt
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    sdk_version=$(ls "$dotnet_root/sdk" | sort -V | tail -1)
    rt_version=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)
    base=localhost/acs-emulator-ci/debian:bookworm-$RECIPE
    sdk=localhost/acs-emulator-ci/dotnet-sdk:$sdk_version-$RECIPE
    rt=localhost/acs-emulator-ci/aspnet:$rt_version-$RECIPE
    SDK_IMAGE=$sdk
    RUNTIME_IMAGE=$rt
    if image_exists "$sdk" && image_exists "$rt"; then
        log "stand-in base images cached: $sdk, $rt"
        return 0
    fi

    if ! image_exists "$base"; then
        mirror=$(debian_mirror | head -1)
        [[ -n $mirror ]] || fatal "found the Debian mirror in /etc/apt/sources.list.d"
        rootfs=$WORK/rootfs-$RUN_ID
        mkdir -p "$WORK"
        log "debootstrap bookworm from the machine's apt mirror (about 30 s)"
        debootstrap --variant=minbase --include=ca-certificates,libicu72,tzdata \
            bookworm "$rootfs" "$mirror" >"$TMP/debootstrap.log" 2>&1 \
            || { tail -20 "$TMP/debootstrap.log"; rm -rf "$rootfs"; fatal "debootstrap of the stand-in root file system"; }
        # Like the official images: a non-root user `app`, UID/GID 1654.
        chroot "$rootfs" groupadd --system --gid=1654 app
        chroot "$rootfs" useradd --no-log-init --system --uid=1654 --gid=app --create-home app 2>/dev/null
        # Trim like a -slim image, and trust what this machine trusts (its egress goes through a
        # TLS-inspecting proxy whose CA the machine's bundle holds; the official images need not).
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
            "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
        cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
        tar -C "$rootfs" -c . | pm import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null \
            || { rm -rf "$rootfs"; fatal "podman import of the Debian stand-in"; }
        rm -rf "$rootfs"
    fi

    ctr=$(pm create "$base" true) && mnt=$(pm mount "$ctr") || fatal "mount the Debian stand-in"
    local -a common=(--change 'ENV APP_UID=1654' --change 'ENV ASPNETCORE_HTTP_PORTS=8080'
        --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true'
        --change "ENV DOTNET_VERSION=$rt_version" --change "ENV ASPNET_VERSION=$rt_version")
    local d=${dotnet_root#/}
    mkdir -p "$TMP/link/usr/bin" && ln -sfn "/$d/dotnet" "$TMP/link/usr/bin/dotnet"
    if ! image_exists "$rt"; then
        log "making runtime stand-in $rt from $dotnet_root"
        tar -c -C "$mnt" . -C "$TMP/link" usr/bin/dotnet \
                -C / "$d/dotnet" "$d/host" "$d/shared" $(cd / && ls -d "$d"/*.txt 2>/dev/null) \
            | pm import "${common[@]}" - "$rt" >/dev/null || fatal "podman import of the runtime stand-in"
    fi
    if ! image_exists "$sdk"; then
        log "making SDK stand-in $sdk from $dotnet_root"
        tar -c -C "$mnt" . -C "$TMP/link" usr/bin/dotnet -C / "$d" \
            | pm import "${common[@]}" --change 'ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false' \
                --change 'ENV DOTNET_NOLOGO=true' --change "ENV DOTNET_SDK_VERSION=$sdk_version" \
                --change 'ENV NUGET_XMLDOC_MODE=skip' --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' \
                --change "ENV NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}" \
                - "$sdk" >/dev/null || fatal "podman import of the SDK stand-in"
    fi
    pm umount "$ctr" >/dev/null
    pm rm -f "$ctr" >/dev/null
}

if [[ -n ${SDK_IMAGE:-} && -n ${RUNTIME_IMAGE:-} ]]; then
    log "base images given: $SDK_IMAGE, $RUNTIME_IMAGE"
else
    t=$(now)
    build_standins
    log "base images ready in $(secs "$t" "$(now)") s"
fi

# --------------------------------------------------------------------------------------------
# 3. Build the real Dockerfile (docker format: the OCI format drops HEALTHCHECK).
#    --network=host: the build's `dotnet restore` reaches NuGet the way this machine does.
#    The machine's NuGet.Config goes in as a build secret, so a private feed would work too.
# --------------------------------------------------------------------------------------------
echo "== image"
build_args=(--network=host --format docker --layers
    --build-arg "SDK_IMAGE=$SDK_IMAGE" --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
nuget_config=${NUGET_CONFIG_FILE:-$HOME/.nuget/NuGet/NuGet.Config}
[[ -s $nuget_config ]] && build_args+=(--secret "id=nugetconfig,src=$nuget_config")
t=$(now)
build() { pm build "${build_args[@]}" --label "$LABEL" -t "$IMAGE" -f "$ROOT/Dockerfile" "$ROOT" "$@" >>"$TMP/build.log" 2>&1; }
if build || { grep -E 'error|Error' "$TMP/build.log" | tail -5; log "build failed; once more without the layer cache"; build --no-cache; }; then
    BUILD_SECONDS=$(secs "$t" "$(now)")
    ok "image builds from the real Dockerfile (${BUILD_SECONDS} s)"
else
    grep -E 'error|Error|STEP' "$TMP/build.log" | tail -40
    fatal "image builds from the real Dockerfile"
fi
# Untagged layers of earlier builds (about 1 GB a build; kept 6 h for the layer cache).
pm image prune -f --filter until=6h >/dev/null 2>&1 || true

inspect_image() { pm image inspect "$IMAGE" --format "$1"; }
IMAGE_BYTES=$(inspect_image '{{.Size}}')
user=$(inspect_image '{{.Config.User}}')
check "image runs as a non-root user by default (USER '$user')" \
    test -n "$user" -a "$user" != 0 -a "$user" != root
ports=$(inspect_image '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}')
check "image exposes 8080 and 8443 ($ports)" \
    bash -c "[[ ' $ports' == *' 8080/tcp '* && ' $ports' == *' 8443/tcp '* ]]"
check "image declares VOLUME /data" \
    bash -c "[[ '$(inspect_image '{{range $v, $_ := .Config.Volumes}}{{$v}} {{end}}')' == *'/data '* ]]"
hc=$(inspect_image '{{json .HealthCheck}}')
check "image HEALTHCHECK runs the emulator's own probe" \
    bash -c "[[ '$hc' == *'--health-check'* ]]"
check "image publishes a portable app (framework-dependent, no apphost, no runtime identifier)" \
    pm run --rm --entrypoint /bin/sh "$IMAGE" -c \
        'test -f /app/Emulator.dll && test ! -e /app/Emulator && ! grep -q "Version=v[0-9.]*/" /app/Emulator.deps.json'

# --------------------------------------------------------------------------------------------
# 4. Run it
# --------------------------------------------------------------------------------------------
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
if READY_SECONDS=$(wait_for 60 http_ok "$HTTP_URL/emulator/health/ready"); then
    ok "A answers /emulator/health/ready on the published HTTP port (${READY_SECONDS} s after podman run)"
else
    show_logs "$A"; fatal "A answers /emulator/health/ready on the published HTTP port within 60 s"
fi
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
        if (cd "$ROOT/contract-tests/js" && CONTRACT_TARGETS=emulator EMULATOR_URL="$HTTP_URL" \
                EMULATOR_HTTPS_URL="$HTTPS_URL" EMULATOR_CA_CERT="$TMP/emulator-a.pem" EMULATOR_ACCESS_KEY="$ACCESS_KEY" \
                TEST_REPORTER=spec bash ./run.sh) >"$TMP/js-suite.log" 2>&1; then
            ok "JS contract suite passes against the container ($(grep -E '^(ℹ|#) (tests|pass|fail|skipped) [0-9]+$' "$TMP/js-suite.log" | sed -E 's/^(ℹ|#) //' | paste -sd, - | sed 's/,/, /g'))"
        else
            tail -150 "$TMP/js-suite.log"
            bad "JS contract suite passes against the container"
        fi
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
    if RESTART_READY_SECONDS=$(wait_for 60 http_ok "http://127.0.0.1:$B_HTTP/emulator/health/ready"); then
        ok "B answers on its custom HTTP port 9090 (${RESTART_READY_SECONDS} s after podman run)"
    else
        show_logs "$B"; bad "B answers on its custom HTTP port 9090"
    fi
    if s=$(wait_for 60 healthy "$B"); then
        ok "B's HEALTHCHECK follows Server__HttpPort=9090 (${s} s)"
    else
        bad "B's HEALTHCHECK follows Server__HttpPort=9090"
    fi
    check "B's health probe fails when nothing answers on the port it is given" \
        bash -c "! podman --runtime runc exec -e Server__HttpPort=1 '$B' dotnet /app/Emulator.dll --health-check >/dev/null 2>&1"
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

# 8b. The Native AOT image of Dockerfile.aot (its own checks, in .ci/container-aot.sh).
source "$ROOT/.ci/container-aot.sh"

# --------------------------------------------------------------------------------------------
# 9. Figures
# --------------------------------------------------------------------------------------------
echo "== figures"
T0=$(now); pm run --rm --entrypoint true "$IMAGE" >/dev/null 2>&1; NOOP_SECONDS=$(secs "$T0" "$(now)")
awk -v b="$IMAGE_BYTES" 'BEGIN { printf "  image size:                 %.0f MB (%d bytes; on the stand-in base image)\n", b / 1e6, b }'
echo "  image build:                ${BUILD_SECONDS:-?} s"
echo "  podman run -> ready (HTTP): ${READY_SECONDS:-?} s"
echo "  podman run -> healthy:      ${HEALTHY_SECONDS:-?} s"
echo "  podman run -> ready, existing volume: ${RESTART_READY_SECONDS:-?} s"
echo "  podman run of a no-op (engine overhead): ${NOOP_SECONDS:-?} s"
echo "  load average:               $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  one health probe:           ${PROBE_SECONDS:-?} s"
echo "  idle memory:                ${IDLE_MEM:-?} (podman stats), RSS ${IDLE_RSS:-?}"
echo "  memory after the suites:    ${BUSY_MEM:-n/a}"
echo "  podman stop (SIGTERM):      ${A_STOP_SECONDS:-?} s, exit code ${A_STOP_CODE:-?}"
if [[ -n ${AOT_IMAGE_BYTES:-} ]]; then
    awk -v b="$AOT_IMAGE_BYTES" -v p="$IMAGE_BYTES" 'BEGIN { printf "  AOT image size:             %.1f MB (portable image %.0f MB)\n", b / 1e6, p / 1e6 }'
    echo "  AOT image build:            ${AOT_BUILD_SECONDS:-?} s (whole AOT part ${AOT_SECONDS:-?} s)"
    echo "  AOT podman run -> ready:    ${AOT_READY_SECONDS:-?} s (existing volume ${AOT_RESTART_READY_SECONDS:-?} s)"
    echo "  AOT idle RSS:               ${AOT_IDLE_RSS:-?}"
fi
