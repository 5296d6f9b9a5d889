# Sourced by scripts/test.sh (uses its start_emulator, suite, check, python_step and TMP): publishes the Native AOT
# binary (unless test.sh did already, into $TMP/aot), starts it as a process and runs the JS contract suite, the Python contract suite and the C# contract suite's
# EMULATOR_URL leg against it. Each suite's verdict is its runner's exit code.
aot_started=$(date +%s)
if [[ -x $TMP/aot/Emulator ]]; then
    aot_rc=0 # published by test.sh before the dotnet tests (its own row)
else
    bash scripts/publish-aot.sh linux-x64 "$TMP/aot"
    aot_rc=$?
    check "native AOT publish" "$aot_rc"
fi
if ((aot_rc == 0)); then
    if start_emulator "$TMP/aot.log" "$TMP/aot/Emulator" --data-dir "$TMP/aot-data"; then
        check "native AOT start" 0
        aot_env=(CONTRACT_TARGETS=emulator EMULATOR_URL="$EMU_HTTP" EMULATOR_HTTPS_URL="$EMU_HTTPS" EMULATOR_CA_CERT="$EMU_PEM")
        env "${aot_env[@]}" TEST_REPORTER=tap bash contract-tests/js/run.sh >"$TMP/js-aot.log" 2>&1
        aot_rc=$?
        ((aot_rc == 0)) || grep -E '^not ok|^# Subtest|error' "$TMP/js-aot.log" | head -40
        # shellcheck disable=SC2046
        suite "js contract suite (AOT)" "$aot_rc" $(tap_counts "$TMP/js-aot.log")

        python_step "python suite (AOT)" "$TMP/python-aot.xml" "${aot_env[@]}"

        env "${aot_env[@]}" dotnet test contract-tests/Emulator.ContractTests -c Release --no-build -nologo \
            --filter "FullyQualifiedName~UrlEmulatorContractTests" --logger "trx;LogFileName=aot.trx" \
            --results-directory "$TMP/trx-aot" >"$TMP/dotnet-aot.log" 2>&1
        aot_rc=$?
        grep -E 'Passed!|Failed!|\[FAIL\]|error' "$TMP/dotnet-aot.log" | head -40
        # shellcheck disable=SC2046
        suite "dotnet: EMULATOR_URL leg (AOT)" "$aot_rc" $(trx_counts "$TMP/trx-aot/aot.trx")
    else
        check "native AOT start" 1
    fi
    stop_emulator
fi
echo "native AOT step: $(( $(date +%s) - aot_started )) s"
