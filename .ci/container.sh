#!/usr/bin/env bash
# Builds the real Dockerfile and Dockerfile.aot with podman, runs the images and tests them as a user would.
#
# Self-sufficient, in three parts run in this order:
#   provisioning  .ci/provision.sh container: podman, runc, debootstrap, curl, podman-compose (apt-get, when missing)
#                 and /etc/containers/containers.conf;
#   images        .ci/container-images.sh: local stand-ins for the official .NET base images (they cannot be pulled
#                 here; cached between runs), then both images, and the checks on what they declare;
#   tests         .ci/container-test.sh: the JIT image run with its ports published on 127.0.0.1 only, its
#                 HEALTHCHECK, the JS contract suite and the Node.js samples against it over http and https
#                 (trusting the certificate fetched from the container), non-root, persistence of /data, a custom
#                 port, Server__PersistState, SIGTERM shutdown, the compose example of docs/docker.md
#                 (podman-compose) and the .NET Testcontainers module's tests (podman's Docker API socket);
#                 .ci/container-aot.sh: the same for the Native AOT image.
# The helpers they share (checks, waits, stop-and-check, the JS suite against a container) are in .ci/container-lib.sh.
# Removes its containers, volumes and networks at the end. Its last line is "N passed, M failed"; it exits non-zero
# when a check failed. Needs root (apt-get, podman). About 2.5 min with the stand-ins cached, about 1.5 min more
# without.
#
# Environment (all optional):
#   SDK_IMAGE, RUNTIME_IMAGE  use these base images instead of building local stand-ins
#   CONTAINER_WORK_DIR        scratch space for the stand-in root file system (default /var/tmp/acs-emulator-ci)
#   CONTAINER_SKIP_JS=1       skip the JS suite and samples
#   CONTAINER_SKIP_TESTCONTAINERS=1  skip the .NET Testcontainers module's tests
#   CONTAINER_SKIP_AOT=1      skip the Native AOT image of Dockerfile.aot
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
RECIPE=r1                       # bump when the stand-in recipe of .ci/container-images.sh changes
IMAGE=localhost/acs-identity-emulator:ci
LABEL=acs-emulator-ci=1
RUN_ID=$$
TMP=$(mktemp -d)
CONTAINERS=()
AOT_IMAGE=localhost/acs-identity-emulator:ci-aot
AOT_RECIPE=a1                   # bump when the AOT runtime stand-in recipe changes
VOLUMES=()

source "$ROOT/.ci/container-lib.sh"
trap finish EXIT
# Stop means stop: end the whole script (the EXIT trap still cleans up).
trap 'bad "interrupted"; exit 1' INT TERM

# --------------------------------------------------------------------------------------------
# 1. Provisioning
# --------------------------------------------------------------------------------------------
command -v node >/dev/null || fatal "node is on PATH (needed for the JS suite and samples)"
bash "$ROOT/.ci/provision.sh" container >"$TMP/provision.log" 2>&1 \
    || { tail -20 "$TMP/provision.log"; fatal "provisioning (.ci/provision.sh container)"; }
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
# 2. Images (.ci/container-images.sh), 3. tests of the JIT image (.ci/container-test.sh) and of the AOT image
#    (.ci/container-aot.sh)
# --------------------------------------------------------------------------------------------
source "$ROOT/.ci/container-images.sh"
source "$ROOT/.ci/container-test.sh"
if [[ ${CONTAINER_SKIP_AOT:-0} == 1 ]]; then
    log "CONTAINER_SKIP_AOT=1: the Native AOT image is skipped"
elif [[ -n ${AOT_IMAGE_BUILT:-} ]]; then
    aot_started=$(now)
    source "$ROOT/.ci/container-aot.sh"
    AOT_SECONDS=$(awk -v b="$AOT_BUILD_SECONDS" -v t="$(secs "$aot_started" "$(now)")" 'BEGIN { printf "%.2f", b + t }')
fi

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
