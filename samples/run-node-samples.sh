#!/usr/bin/env bash
# Runs both Node.js samples against the resource named by COMMUNICATION_SERVICES_CONNECTION_STRING
# (an emulator that is already running, or a real resource). Starts nothing itself.
#   samples/node-quickstart-administration  the original quickstart with @azure/communication-administration
#   samples/node-quickstart-identity        the same flow with @azure/communication-identity 1.3.1 (+ Teams exchange)
# For an http:// endpoint the identity sample gets ACS_ALLOW_INSECURE=1 (its SDK refuses plain http otherwise).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ -z "${COMMUNICATION_SERVICES_CONNECTION_STRING:-}" ]]; then
  echo "run-node-samples: COMMUNICATION_SERVICES_CONNECTION_STRING is not set (endpoint=...;accesskey=... of a running emulator or a resource)" >&2
  exit 2
fi
shopt -s nocasematch
if [[ "$COMMUNICATION_SERVICES_CONNECTION_STRING" == endpoint=http://* ]]; then
  export ACS_ALLOW_INSECURE="${ACS_ALLOW_INSECURE:-1}"
fi
shopt -u nocasematch

failed=0
for sample in node-quickstart-administration node-quickstart-identity; do
  dir="$here/$sample"
  echo "=== $sample"
  if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if (cd "$dir" && node ./issue-access-token.js); then
    echo "=== $sample: ok"
  else
    echo "=== $sample: FAILED"
    failed=$((failed + 1))
  fi
done
if (( failed > 0 )); then
  echo "node samples: $failed of 2 failed"
  exit 1
fi
echo "node samples: both ran to the end"
