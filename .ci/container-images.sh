# Sourced by .ci/container.sh (uses .ci/container-lib.sh and its settings): the images. Makes local stand-ins for the
# official .NET base images unless SDK_IMAGE and RUNTIME_IMAGE name real ones, builds the real Dockerfile and checks
# what the image declares; then, unless CONTAINER_SKIP_AOT=1, the same for Dockerfile.aot on a distroless stand-in
# (AOT_RUNTIME_IMAGE names a real runtime-deps:10.0-noble-chiseled instead). Sets AOT_IMAGE_BUILT when that image is
# there for .ci/container-aot.sh.

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
# ReadyToRun images carry the "RTR" header signature; IL-only assemblies do not.
check "image publishes a framework-dependent ReadyToRun app for linux-x64 (no apphost, no bundled runtime)" \
    pm run --rm --entrypoint /bin/sh "$IMAGE" -c \
        'test -f /app/Emulator.dll && test ! -e /app/Emulator && test ! -e /app/System.Private.CoreLib.dll \
         && grep -q "Version=v[0-9.]*/linux-x64" /app/Emulator.deps.json && grep -q "\"frameworks\"" /app/Emulator.runtimeconfig.json \
         && grep -qa RTR /app/Emulator.dll && grep -qa RTR /app/Microsoft.IdentityModel.Tokens.dll'


# --------------------------------------------------------------------------------------------
# 3b. The Native AOT image of Dockerfile.aot (the build stage installs clang and compiles the binary): small,
#     distroless and non-root. Its runtime base is a local stand-in for runtime-deps:10.0-noble-chiseled, made of the
#     Debian stand-in's C runtime, OpenSSL, zlib and CA certificates (the packages that image holds).
# --------------------------------------------------------------------------------------------
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

build_aot_image() {
    echo "== Native AOT image (Dockerfile.aot)"
    if [[ -z ${AOT_RUNTIME_IMAGE:-} ]]; then build_aot_runtime_standin || return 0; fi
    local t args bytes
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
    AOT_IMAGE_BUILT=1
}

if [[ ${CONTAINER_SKIP_AOT:-0} != 1 ]]; then build_aot_image; fi
