#!/usr/bin/env bash
# Consumer tests: the README's "Install" blocks, run as a user would, from the packages in ./artifacts.
#
#   1. the Native AOT binary (CONSUMER_AOT_EXECUTABLE, which scripts/test.sh passes, else scripts/publish-aot.sh) and
#      dotnet pack Emulator.sln -c Release -o artifacts -p:EmulatorNativeExecutable=<it>, so AcsIdentityEmulator.Testing
#      carries it (CONSUMER_SKIP_PACK=1 uses the packages already there);
#   2. in a temporary folder whose NuGet.config adds ./artifacts to the machine's feeds, one fresh project per test
#      framework from the standard templates (xunit v2, xunit v3, NUnit, MSTest), made by the README's shell block,
#      with the README's AcsRest.cs and test file, then `dotnet test` (the NUnit one runs the package's native binary);
#   3. the Aspire AppHost of the README's block, made by hand (no templates) with AcsIdentityEmulator.Aspire.Hosting
#      added by `dotnet add package`, built with no warnings; the emulator the package carries (copied next to the
#      AppHost) started on free ports and its readiness path called;
#   4. the dotnet tool installed into a temporary tool path by the README's block: --help, --version, started on free
#      ports, /emulator/info read, and the README's acs.mjs run against it with the real JavaScript SDK.
#
# The blocks are read from README.md (the fenced block after each `<!-- consumer: NAME -->` line), so the README shows
# exactly what runs. Prints each part's seconds; the last line is "N passed, M failed".
# For a quicker local run: CONSUMER_SKIP_PACK=1 (use ./artifacts as it is), CONSUMER_FRAMEWORKS="nunit mstest" (a
# subset), CONSUMER_SKIP_ASPIRE=1, CONSUMER_SKIP_TOOL=1. CI sets none of them.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
README=$ROOT/README.md
ARTIFACTS=$ROOT/artifacts
WORK=$(mktemp -d)
TOOL_PID=""
ASPIRE_PID=""
PASSED=0
FAILED=0
FAILURES=()
TIMES=()
ok()  { PASSED=$((PASSED + 1)); echo "  PASS  $1"; }
bad() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); echo "  FAIL  $1${2:+ -- $2}"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

finish() {
    [[ -n $TOOL_PID ]] && { kill "$TOOL_PID" 2>/dev/null; wait "$TOOL_PID" 2>/dev/null; }
    [[ -n $ASPIRE_PID ]] && { kill "$ASPIRE_PID" 2>/dev/null; wait "$ASPIRE_PID" 2>/dev/null; }
    rm -rf "$WORK"
    echo "== consumer test times"
    printf '  %s\n' "${TIMES[@]}"
    if ((${#FAILURES[@]})); then
        echo "[consumer] failed checks:"
        printf '  - %s\n' "${FAILURES[@]}"
    fi
    echo "$PASSED passed, $FAILED failed"
    exit $((FAILED > 0 ? 1 : 0))
}
trap finish EXIT
trap 'bad "interrupted"; exit 1' INT TERM

# block NAME: the fenced block that follows the line "<!-- consumer: NAME -->" in README.md.
block() {
    awk -v marker="<!-- consumer: $1 -->" '
        $0 == marker { want = 1; next }
        want && /^```/ { if (inside) exit; inside = 1; next }
        inside { print }' "$README"
}
# mode FRAMEWORK: where the README's test for it runs the emulator.
mode() { if block "$1.cs" | grep -q 'AcsIdentityEmulatorMode.NativeProcess'; then echo "native-process (the package's AOT binary)"; else echo "in-process"; fi; }
# Every block must exist: a README edit that drops one fails here rather than testing nothing.
for name in tool.sh acs.mjs AcsRest.cs xunit-v2.sh xunit-v2.cs xunit-v3.sh xunit-v3.cs nunit.sh nunit.cs mstest.sh mstest.cs aspire.sh aspire.cs; do
    [[ -n $(block "$name") ]] || { bad "README.md has the consumer block $name"; exit 1; }
done

# --------------------------------------------------------------------------------------------
# 1. Pack
# --------------------------------------------------------------------------------------------
echo "== pack"
VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$ROOT/Directory.Build.props" | head -1)
t=$(now)
if [[ ${CONSUMER_SKIP_PACK:-0} != 1 ]]; then
    native=${CONSUMER_AOT_EXECUTABLE:-}
    if [[ -z $native ]]; then
        bash "$ROOT/scripts/publish-aot.sh" linux-x64 "$WORK/aot" >"$WORK/aot.log" 2>&1 && native=$WORK/aot/Emulator
    fi
    if [[ -n $native && -x $native ]]; then
        ok "the Native AOT binary for AcsIdentityEmulator.Testing ($native)"
    else
        tail -20 "$WORK/aot.log" 2>/dev/null
        bad "the Native AOT binary for AcsIdentityEmulator.Testing (scripts/publish-aot.sh)"
        native=""
    fi
    rm -rf "$ARTIFACTS"
    if dotnet pack "$ROOT/Emulator.sln" -c Release -o "$ARTIFACTS" ${native:+"-p:EmulatorNativeExecutable=$native"} -nologo -v q -clp:NoSummary >"$WORK/pack.log" 2>&1 \
            && ! grep -qE ': warning ' "$WORK/pack.log"; then
        ok "dotnet pack Emulator.sln packs with no warnings ($(ls "$ARTIFACTS"/*.nupkg | wc -l) packages, version $VERSION)"
    else
        grep -E 'warning|error' "$WORK/pack.log" | sort -u | tail -20
        bad "dotnet pack Emulator.sln packs with no warnings"
    fi
fi
TIMES+=("pack: $(secs "$t") s")
for id in AcsIdentityEmulator AcsIdentityEmulator.Testing AcsIdentityEmulator.Testing.XunitV3 AcsIdentityEmulator.Testcontainers AcsIdentityEmulator.Aspire.Hosting; do
    [[ -f $ARTIFACTS/$id.$VERSION.nupkg ]] || { bad "artifacts/$id.$VERSION.nupkg exists"; exit 1; }
done

# A user's machine has never seen these packages: drop earlier copies of this version from the global cache.
PACKAGES=${NUGET_PACKAGES:-$HOME/.nuget/packages}
rm -rf "$PACKAGES"/acsidentityemulator "$PACKAGES"/acsidentityemulator.*
cat >"$WORK/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="acs-emulator-artifacts" value="$ARTIFACTS" />
  </packageSources>
</configuration>
XML
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# The native-mode test must find the binary in the package, as a user's would, not through the variable test.sh sets.
unset ACS_IDENTITY_EMULATOR_EXECUTABLE

# --------------------------------------------------------------------------------------------
# 2. One fresh project per test framework
# --------------------------------------------------------------------------------------------
for fw in ${CONSUMER_FRAMEWORKS:-xunit-v2 xunit-v3 nunit mstest}; do
    echo "== $fw"
    t=$(now)
    dir=$WORK/$fw
    mkdir -p "$dir"
    # The block up to its "# save" comment makes the project; the files go in; the rest of the block runs the tests.
    if ! (cd "$dir" && block "$fw.sh" | sed '/^# save/q' | bash -e) >"$dir.log" 2>&1; then
        tail -30 "$dir.log"
        bad "$fw: project from the template with AcsIdentityEmulator.Testing added"
        TIMES+=("$fw: $(secs "$t") s (failed)")
        continue
    fi
    block AcsRest.cs >"$dir/MyTests/AcsRest.cs"
    block "$fw.cs" >"$dir/MyTests/AcsTests.cs"
    if (cd "$dir/MyTests" && block "$fw.sh" | sed '1,/^# save/d' | bash -e) >>"$dir.log" 2>&1 \
            && grep -qE 'Passed: +1,|succeeded: 1$|Total: 1, Errors: 0, Failed: 0' "$dir.log" \
            && ! grep -qE 'Failed!|Failed: +[1-9]|failed: [1-9]' "$dir.log"; then
        grep -E 'Passed!|succeeded: |Total: 1' "$dir.log" | tail -1 | sed 's/^ */    /'
        ok "$fw: a test creates a user with a token through the $(mode "$fw") emulator and it validates"
    else
        tail -40 "$dir.log"
        bad "$fw: a test creates a user with a token through the $(mode "$fw") emulator and it validates"
    fi
    TIMES+=("$fw (new, add package, restore, build, test): $(secs "$t") s")
done

# --------------------------------------------------------------------------------------------
# 3. The Aspire AppHost
# --------------------------------------------------------------------------------------------
if [[ ${CONSUMER_SKIP_ASPIRE:-0} != 1 ]]; then
    echo "== aspire"
    t=$(now)
    dir=$WORK/aspire
    mkdir -p "$dir"
    if (cd "$dir" && block aspire.sh | sed '/^# save/q' | bash -e) >"$dir.log" 2>&1 \
            && block aspire.cs >"$dir/MyAppHost/AppHost.cs" \
            && (cd "$dir/MyAppHost" && block aspire.sh | sed '1,/^# save/d' | bash -e) >>"$dir.log" 2>&1 \
            && ! grep -qE 'warning [A-Z]+[0-9]+' "$dir.log"; then
        ok "aspire: the README's AppHost with AcsIdentityEmulator.Aspire.Hosting builds from the package with no warnings"
    else
        grep -E 'warning|error' "$dir.log" | sort -u | tail -20; tail -20 "$dir.log"
        bad "aspire: the README's AppHost with AcsIdentityEmulator.Aspire.Hosting builds from the package with no warnings"
    fi
    TIMES+=("aspire (AppHost by hand, add package, restore, build): $(secs "$t") s")

    # AddAcsIdentityEmulator runs what the package put next to the AppHost: it must be there and start.
    t=$(now)
    app=$(ls "$dir"/MyAppHost/bin/Debug/net*/acs-identity-emulator/Emulator.dll 2>/dev/null | head -1)
    if [[ -n $app ]]; then
        (cd "$(dirname "$app")" && exec dotnet Emulator.dll --port 0 --https-port 0 --data-dir none) >"$dir-run.log" 2>&1 &
        ASPIRE_PID=$!
        for _ in $(seq 1 600); do grep -q 'endpoint=https://' "$dir-run.log" && break; kill -0 "$ASPIRE_PID" 2>/dev/null || break; sleep 0.1; done
        url=$(grep -o 'endpoint=http://[^;]*' "$dir-run.log" | head -1 | sed 's/^endpoint=//')
    fi
    if [[ -n ${url:-} ]] && curl -fsS "${url}emulator/health/ready" >/dev/null 2>&1; then
        ok "aspire: the emulator the package copies next to the AppHost (acs-identity-emulator/Emulator.dll) starts and is ready"
    else
        tail -10 "$dir-run.log" 2>/dev/null
        bad "aspire: the emulator the package copies next to the AppHost (acs-identity-emulator/Emulator.dll) starts and is ready"
    fi
    [[ -n $ASPIRE_PID ]] && { kill "$ASPIRE_PID" 2>/dev/null; wait "$ASPIRE_PID" 2>/dev/null; ASPIRE_PID=""; }
    TIMES+=("aspire (bundled emulator start to ready): $(secs "$t") s")
fi

# --------------------------------------------------------------------------------------------
# 4. The tool
# --------------------------------------------------------------------------------------------
[[ ${CONSUMER_SKIP_TOOL:-0} == 1 ]] && exit 0
echo "== tool"
t=$(now)
TOOLS=$WORK/tools
export PATH=$TOOLS:$PATH
# The data directory goes to a folder of its own (LocalApplicationData follows XDG_DATA_HOME).
export XDG_DATA_HOME=$WORK/xdg
mapfile -t tool_lines < <(block tool.sh)
install=${tool_lines[0]/ -g / --tool-path "$TOOLS" }
if (cd "$WORK" && eval "$install") >"$WORK/tool.log" 2>&1 && command -v acs-identity-emulator >/dev/null; then
    ok "dotnet tool install AcsIdentityEmulator puts acs-identity-emulator on the path"
else
    tail -20 "$WORK/tool.log"
    bad "dotnet tool install AcsIdentityEmulator puts acs-identity-emulator on the path"
    exit 1
fi
TIMES+=("tool install: $(secs "$t") s")

# The lines between the install and the start (e.g. --help) must end by themselves.
for line in "${tool_lines[@]:1:${#tool_lines[@]}-2}"; do
    if out=$(cd "$WORK" && timeout 60 bash -c "$line" 2>&1) && [[ -n $out ]]; then
        ok "tool: \`$line\` prints and exits"
    else
        echo "$out" | tail -10
        bad "tool: \`$line\` prints and exits"
    fi
done

start_line=${tool_lines[-1]%%#*}
t=$(now)
(cd "$WORK" && exec bash -c "exec $start_line") >"$WORK/tool-run.log" 2>&1 &
TOOL_PID=$!
for _ in $(seq 1 600); do grep -q 'endpoint=https://' "$WORK/tool-run.log" && break; kill -0 "$TOOL_PID" 2>/dev/null || break; sleep 0.1; done
http_cs=$(grep -o 'endpoint=http://[^ ]*' "$WORK/tool-run.log" | head -1)
http_url=$(echo "$http_cs" | sed 's/^endpoint=//; s/;accesskey=.*//')
if [[ -n $http_cs ]] && info=$(curl -fsS "${http_url}emulator/info" 2>/dev/null) && [[ $info == *'"resourceId"'* ]]; then
    ok "tool: \`$start_line\` starts on free ports (${http_url}) and answers /emulator/info"
    TIMES+=("tool start to ready: $(secs "$t") s")
    [[ -d $XDG_DATA_HOME/acs-identity-emulator ]] \
        && ok "tool: keeps its generated files in the per-user data directory" \
        || bad "tool: keeps its generated files in the per-user data directory"
else
    tail -20 "$WORK/tool-run.log"
    bad "tool: \`$start_line\` starts on free ports and answers /emulator/info"
fi

# The README's JavaScript snippet, as pasted, against the tool.
t=$(now)
mkdir -p "$WORK/js"
block acs.mjs >"$WORK/js/acs.mjs"
sdk=$(sed -n 's|.*"@azure/communication-identity": "\(.*\)".*|\1|p' "$ROOT/contract-tests/js/package.json")
if [[ -n $http_cs ]] && (cd "$WORK/js" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "@azure/communication-identity@$sdk") >"$WORK/npm.log" 2>&1 \
        && out=$(cd "$WORK/js" && COMMUNICATION_SERVICES_CONNECTION_STRING=$http_cs timeout 60 node acs.mjs 2>&1) \
        && [[ $out == *"created user 8:acs:"* && $out == *"issued a 3-part token"* && $out == *"deleted it"* ]]; then
    echo "$out" | sed 's/^/    /'
    ok "README acs.mjs (@azure/communication-identity $sdk) creates, issues, revokes and deletes against the tool"
else
    echo "${out:-}" | tail -10; tail -5 "$WORK/npm.log" 2>/dev/null
    bad "README acs.mjs (@azure/communication-identity $sdk) creates, issues, revokes and deletes against the tool"
fi
TIMES+=("acs.mjs (npm install, run): $(secs "$t") s")
