#!/usr/bin/env bash
# Benchmarks of the ACS Identity emulator (issue 5): builds the emulator and the harness in Release, then measures
# throughput and latency over loopback HTTP side by side with a WireMock.Net stub, a bare minimal endpoint and the
# raw RSA-2048 signing rate; start-up; memory and scaling. See docs/benchmarks.md.
#
#   bash benchmarks/run.sh --short   # CI: about 2 minutes, prints the figures, asserts nothing about speed
#   bash benchmarks/run.sh --full    # the published table: about 25 minutes
#   bash benchmarks/run.sh --full --wait-quiet 10   # first wait up to 10 min for the load average to drop
#   bash benchmarks/run.sh --journal # about 3 minutes: create and issue with the request journal and access log on and off
#   bash benchmarks/run.sh --aot [--full] [--identities N] [--token-identities N]   # JIT vs Native AOT side by side
#                                    # (docs/benchmarks.md); --full: about 15 minutes, RSS at 1,000,000 identities
#   bash benchmarks/run.sh --long [--race-ops N] [--soak-seconds N] [--workers N] [--only race|soak]
#                                    # only the long runs that --full ends with: the 1,000,000-operation race on
#                                    # shared identities and the 10-minute soak (wrong answers, 5xx, RSS trend)
#   bash benchmarks/run.sh --persistence  # create and issue with Server:PersistState off and on (about 30 s)
#   bash benchmarks/run.sh --fixture [--runs N] [--probe-dll DLL]   # the fixture's first start in fresh processes:
#                                    # in-process (signing key cached or not, JIT profile) and native mode (the AOT
#                                    # binary as a child process, reused or not) side by side (docs/benchmarks.md)
#
# Writes benchmarks/results/benchmark-<mode>.{json,md} and scaling-<mode>.png. Exits non-zero only when the harness
# could not measure (build failure, an emulator that does not start or answers wrongly), never because of a figure.
set -euo pipefail

mode="${1:---short}"
case "$mode" in
  --short|--full|--long|--persistence|--journal|--aot|--fixture) ;;
  *) echo "usage: bash benchmarks/run.sh --short|--full|--long|--persistence|--journal|--aot|--fixture" >&2; exit 64 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
results="$here/results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# gnuplot draws the scaling curve; without it the run still writes the table, JSON and the plot's data.
if ! command -v gnuplot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing gnuplot-nox for the scaling plot ..."
    { apt-get install -y -qq gnuplot-nox >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq gnuplot-nox >/dev/null 2>&1; }; } \
      || echo "warning: could not install gnuplot-nox; the plot will not be rendered" >&2
  else
    echo "warning: gnuplot is missing and cannot be installed here; the plot will not be rendered" >&2
  fi
fi

mkdir -p "$results"
echo "building (Release) ..."
# The published JIT build as the Dockerfile makes it: framework-dependent, ReadyToRun for this machine's architecture.
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
dotnet publish "$root/emulator/Emulator/Emulator.csproj" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -p:UseAppHost=false -o "$results/publish/emulator" -nologo -v q
dotnet build "$here/Emulator.Benchmarks/Emulator.Benchmarks.csproj" -c Release -nologo -v q

if [ "$mode" = --fixture ]; then
  # The native-mode variants run the Native AOT binary (scripts/publish-aot.sh installs its C toolchain when missing).
  bash "$root/scripts/publish-aot.sh" linux-x64 "$results/publish/emulator-aot"
  exec dotnet "$here/Emulator.Benchmarks/bin/Release/net10.0/Emulator.Benchmarks.dll" fixture \
    --native "$results/publish/emulator-aot/Emulator" "${@:2}"
fi

if [ "$mode" = --journal ]; then
  exec dotnet "$here/Emulator.Benchmarks/bin/Release/net10.0/Emulator.Benchmarks.dll" journal \
    --emulator "$results/publish/emulator/Emulator.dll" "${@:2}"
fi

if [ "$mode" = --aot ]; then
  # The Native AOT binary (scripts/publish-aot.sh installs its C toolchain when missing), and the two images' sizes
  # when .ci/container.sh has built them on this machine.
  bash "$root/scripts/publish-aot.sh" linux-x64 "$results/publish/emulator-aot"
  sizes=()
  if command -v podman >/dev/null 2>&1; then
    for pair in jit:localhost/acs-identity-emulator:ci aot:localhost/acs-identity-emulator:ci-aot; do
      b=$(podman --runtime runc image inspect "${pair#*:}" --format '{{.Size}}' 2>/dev/null || true)
      [ -n "$b" ] && sizes+=("--image-bytes-${pair%%:*}" "$b")
    done
  fi
  exec dotnet "$here/Emulator.Benchmarks/bin/Release/net10.0/Emulator.Benchmarks.dll" aot \
    --emulator "$results/publish/emulator/Emulator.dll" --emulator-aot "$results/publish/emulator-aot/Emulator" \
    --out "$results" "${sizes[@]}" "${@:2}"
fi

if [ "$mode" = --long ]; then
  exec dotnet "$here/Emulator.Benchmarks/bin/Release/net10.0/Emulator.Benchmarks.dll" long \
    --emulator "$results/publish/emulator/Emulator.dll" --out "$results" "${@:2}"
fi
if [ "$mode" = --persistence ]; then
  exec dotnet "$here/Emulator.Benchmarks/bin/Release/net10.0/Emulator.Benchmarks.dll" persistence \
    --emulator "$results/publish/emulator/Emulator.dll" "${@:2}"
fi

exec dotnet "$here/Emulator.Benchmarks/bin/Release/net10.0/Emulator.Benchmarks.dll" run "$mode" \
  --emulator "$results/publish/emulator/Emulator.dll" --out "$results" "${@:2}"
