#!/usr/bin/env bash
# Publishes the emulator as one self-contained Native AOT binary (no .NET runtime needed to run it).
#
#   bash scripts/publish-aot.sh                  # linux-x64 -> artifacts/aot/linux-x64/Emulator
#   bash scripts/publish-aot.sh linux-arm64      # another runtime identifier -> artifacts/aot/linux-arm64/
#   bash scripts/publish-aot.sh linux-x64 /tmp/out   # a chosen output folder
#
# Native AOT compiles for the operating system it runs on: build osx-arm64 on a Mac (Xcode command-line tools),
# win-x64 on Windows (Visual Studio "Desktop development with C++"), linux-arm64 on an arm64 Linux machine or in
# the image (`docker buildx build --platform linux/arm64 -f Dockerfile.aot .`). On Linux it needs a C toolchain:
# clang (or gcc) and zlib1g-dev; when none is on PATH and this runs as root with apt-get, it installs clang and
# zlib1g-dev. Prints the binary's path and size. Equivalent to:
#   dotnet publish emulator/Emulator -c Release -r linux-x64 -p:PublishAot=true -o artifacts/aot/linux-x64
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RID=${1:-linux-x64}
OUT=${2:-$ROOT/artifacts/aot/$RID}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

extra=()
if [[ $(uname -s) == Linux ]]; then
    if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
        if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
            echo "installing clang and zlib1g-dev (the Native AOT linker) ..."
            export DEBIAN_FRONTEND=noninteractive
            { apt-get install -y -q clang zlib1g-dev || { apt-get update -q && apt-get install -y -q clang zlib1g-dev; }; } >/dev/null
        else
            echo "error: Native AOT needs clang (or gcc) and zlib1g-dev on PATH; install them and run again" >&2
            exit 1
        fi
    fi
    # The ILCompiler invokes `clang`; a machine with only a versioned clang (clang-14) or only gcc is told which.
    if ! command -v clang >/dev/null; then
        if compiler=$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -V | tail -1) && [[ -n $compiler ]]; then
            extra+=("-p:CppCompilerAndLinker=$compiler")
        else
            extra+=("-p:CppCompilerAndLinker=gcc")
        fi
    fi
fi

echo "publishing the Native AOT emulator for $RID into $OUT ..."
dotnet publish "$ROOT/emulator/Emulator/Emulator.csproj" -c Release -r "$RID" -p:PublishAot=true \
    "${extra[@]}" -o "$OUT" -nologo -v q -clp:ErrorsOnly
binary=$OUT/Emulator
[[ -f $binary.exe ]] && binary=$binary.exe
[[ -x $binary ]] || { echo "error: $binary was not produced" >&2; exit 1; }
echo "$binary ($(du -m "$binary" | cut -f1) MB)"
