#!/usr/bin/env bash
# Provisions this machine for the tests: installs the Debian packages they need, only those that are missing, in one
# apt-get transaction, and configures podman for a machine without systemd. Run as root (CI is); idempotent.
#
#   bash .ci/provision.sh              # everything scripts/test.sh needs
#   bash .ci/provision.sh container    # only what .ci/container.sh needs
#
# The packages, by the suite that needs them:
#   python3-azure python3-aiohttp python3-pytest     the Python contract suite (contract-tests/python)
#   chromium                                         the dashboard's browser tests (contract-tests/browser)
#   clang zlib1g-dev                                 the Native AOT publish (scripts/publish-aot.sh)
#   gnuplot-nox                                      the benchmarks' scaling plot (benchmarks/run.sh)
#   podman runc debootstrap curl podman-compose      the container tests (.ci/container.sh), which also need
#                                                    /etc/containers/containers.conf with default_ulimits = []
# Exits non-zero, naming the packages, when they are missing and cannot be installed here.
set -uo pipefail

CONTAINER=(podman runc debootstrap curl podman-compose)
ALL=(python3-azure python3-aiohttp python3-pytest chromium clang zlib1g-dev gnuplot-nox "${CONTAINER[@]}")
case ${1:-all} in
    all) wanted=("${ALL[@]}") ;;
    container) wanted=("${CONTAINER[@]}") ;;
    *) echo "usage: bash .ci/provision.sh [all|container]" >&2; exit 64 ;;
esac

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for pkg in "${wanted[@]}"; do installed "$pkg" || missing+=("$pkg"); done

rc=0
if ((${#missing[@]} == 0)); then
    echo "[provision] installed already: ${wanted[*]}"
elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "[provision] installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt_get() { apt-get -o DPkg::Lock::Timeout=600 -q "$@"; }
    log=$(mktemp)
    if ! { apt_get update && apt_get install -y "${missing[@]}"; } >"$log" 2>&1; then
        tail -20 "$log"
        echo "[provision] apt-get install ${missing[*]} failed" >&2
        rc=1
    fi
    rm -f "$log"
else
    echo "[provision] missing: ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2
    rc=1
fi

# podman's default ulimits fail here (cgroups v1 without systemd, restricted rlimits).
if [[ " ${wanted[*]} " == *" podman "* ]] && ! grep -qs '^default_ulimits *= *\[\]' /etc/containers/containers.conf; then
    if [[ -w /etc || -w /etc/containers ]]; then
        mkdir -p /etc/containers
        printf '[containers]\ndefault_ulimits = []\n' >/etc/containers/containers.conf
        echo "[provision] wrote /etc/containers/containers.conf (default_ulimits = [])"
    else
        echo "[provision] /etc/containers/containers.conf needs default_ulimits = [] (run as root)" >&2
        rc=1
    fi
fi
exit $rc
