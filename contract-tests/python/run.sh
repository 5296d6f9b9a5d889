#!/usr/bin/env bash
# Runs the Python contract suite (real azure-communication-identity 1.3.2 from Debian's python3-azure, sync and aio
# clients, every transport, http and https) against the emulator, and against live Azure when
# COMMUNICATION_SERVICES_CONNECTION_STRING is set. Exits with pytest's code (5 = no tests collected).
#
#   contract-tests/python/run.sh                          # starts the emulator (Release build) as a child process
#   EMULATOR_URL=http://localhost:8080 EMULATOR_HTTPS_URL=https://localhost:8443 contract-tests/python/run.sh
#   contract-tests/python/run.sh --junitxml=results.xml -k teams
#
# The SDK is Debian's, for /usr/bin/python3 (the python3 first on PATH may be another interpreter without it);
# when it is missing and apt-get can be used, it is installed here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
PYTHON=${PYTHON:-/usr/bin/python3}
PACKAGES=(python3-azure python3-aiohttp python3-pytest)

if ! "$PYTHON" -c "import azure.communication.identity, azure.communication.chat, aiohttp, pytest" 2>/dev/null; then
  as_root=()
  [[ $(id -u) == 0 ]] || as_root=(sudo -n)
  if command -v apt-get >/dev/null && { [[ ${#as_root[@]} == 0 ]] || sudo -n true 2>/dev/null; }; then
    echo "# installing ${PACKAGES[*]} (apt-get)"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${PACKAGES[@]}" >/dev/null
  else
    echo "run.sh: $PYTHON lacks the Azure SDK and apt-get cannot be used here: apt-get install ${PACKAGES[*]} (as root)" >&2
    exit 2
  fi
fi

if [[ -z "${EMULATOR_URL:-}" && -z "${EMULATOR_DLL:-}" && ",${CONTRACT_TARGETS:-emulator,live}," == *",emulator,"* ]]; then
  dll="$repo/emulator/Emulator/bin/Release/net10.0/Emulator.dll"
  if [[ ! -f "$dll" ]]; then
    echo "# $dll is missing: dotnet build -c Release emulator/Emulator"
    dotnet build -c Release "$repo/emulator/Emulator" -nologo -v q
  fi
fi

cd "$here"
exec "$PYTHON" -m pytest "$@"
