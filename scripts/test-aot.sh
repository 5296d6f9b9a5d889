# Sourced by scripts/test.sh (uses its add/TMP/EMULATOR_PID): publishes the Native AOT binary, starts it as a process
# and runs the JS contract suite, the Python contract suite and the C# contract suite's EMULATOR_URL leg against it.
aot_started=$(date +%s)
if ! bash scripts/publish-aot.sh linux-x64 "$TMP/aot"; then
    add "native AOT publish" 0 1 0
else
    add "native AOT publish" 1 0 0
    "$TMP/aot/Emulator" --port 0 --https-port 0 --data-dir "$TMP/aot-data" >"$TMP/aot.log" 2>&1 &
    EMULATOR_PID=$!
    for _ in $(seq 1 300); do grep -q "endpoint=https://" "$TMP/aot.log" && break; sleep 0.1; done
    aot_http=$(grep -o 'endpoint=http://[^ ;]*' "$TMP/aot.log" | head -1 | sed 's/^endpoint=//; s:/$::')
    aot_https=$(grep -o 'endpoint=https://[^ ;]*' "$TMP/aot.log" | head -1 | sed 's/^endpoint=//; s:/$::')
    if [[ -z $aot_http || -z $aot_https ]]; then
        cat "$TMP/aot.log"
        add "native AOT start" 0 1 0
    else
        echo "native AOT emulator at $aot_http and $aot_https"
        node -e "fetch('$aot_http/emulator/certificate').then(r=>r.text()).then(t=>require('fs').writeFileSync('$TMP/aot.pem',t))"
        CONTRACT_TARGETS=emulator EMULATOR_URL=$aot_http EMULATOR_HTTPS_URL=$aot_https EMULATOR_CA_CERT=$TMP/aot.pem \
            TEST_REPORTER=tap bash contract-tests/js/run.sh >"$TMP/js-aot.log" 2>&1
        js_pass=$(grep -E '^# pass ' "$TMP/js-aot.log" | tail -1 | awk '{print $3}')
        js_fail=$(grep -E '^# fail ' "$TMP/js-aot.log" | tail -1 | awk '{print $3}')
        js_skip=$(grep -E '^# skipped ' "$TMP/js-aot.log" | tail -1 | awk '{print $3}')
        ((${js_fail:-1} == 0)) || grep -E '^not ok|^# Subtest|error' "$TMP/js-aot.log" | head -40
        if [[ -z $js_pass ]]; then add "js contract suite (AOT)" 0 1 0; else add "js contract suite (AOT)" "$js_pass" "${js_fail:-0}" "${js_skip:-0}"; fi

        if declare -F python_step >/dev/null && [[ -f contract-tests/python/run.sh ]]; then
            python_step "python suite (AOT)" "$TMP/python-aot.xml" EMULATOR_URL="$aot_http" EMULATOR_HTTPS_URL="$aot_https" \
                EMULATOR_CA_CERT="$TMP/aot.pem" CONTRACT_TARGETS=emulator
        fi

        EMULATOR_URL=$aot_http EMULATOR_HTTPS_URL=$aot_https EMULATOR_CA_CERT=$TMP/aot.pem \
            dotnet test contract-tests/Emulator.ContractTests -c Release --no-build -nologo --filter "FullyQualifiedName~UrlEmulatorContractTests" \
            --logger "trx" --results-directory "$TMP/trx-aot" 2>&1 | grep -E 'Passed!|Failed!|\[FAIL\]|error' | head -40
        trx=$(ls "$TMP"/trx-aot/*.trx 2>/dev/null | head -1)
        if [[ -z $trx ]]; then
            add "dotnet: EMULATOR_URL leg (AOT)" 0 1 0
        else
            counters=$(grep -o '<Counters [^>]*>' "$trx")
            get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
            add "dotnet: EMULATOR_URL leg (AOT)" "$(get passed)" "$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))" "$(( $(get total) - $(get executed) ))"
        fi
    fi
    kill "$EMULATOR_PID" 2>/dev/null; wait "$EMULATOR_PID" 2>/dev/null; EMULATOR_PID=""
fi
echo "native AOT step: $(( $(date +%s) - aot_started )) s"
